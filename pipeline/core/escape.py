"""Plain text -> Markdown that Python-Markdown renders back to exactly that text."""

from __future__ import annotations

import re

# Characters Markdown would read as syntax, escaped so the author's text shows as typed. Python-Markdown
# honours a backslash only before these; "<", ">" and "|" become entities instead ("\\<" would show its backslash).
_BACKSLASH = re.compile(r"([\\`*_{}\[\]#!])")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "|": "&#124;"}


def escape(text: str) -> str:
    out = _BACKSLASH.sub(r"\\\1", text)  # first: the entities below bring their own "#"
    out = re.sub(r"[&<>|]", lambda m: _ENTITIES[m.group()], out)
    # A leading "-" or "+" could start a list or a rule, "1. " a numbered list (our blocks are one line, so
    # "=" cannot make a setext heading; Python-Markdown would show a backslash before it anyway).
    out = re.sub(r"^(\s*)([-+])", r"\1\\\2", out)
    return re.sub(r"^(\s*)(\d+)\.(?=\s|$)", r"\1\2\\.", out)
