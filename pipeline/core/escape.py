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


# Reading it back in linear time. Python-Markdown turns every backslash escape and every entity into its
# own placeholder and rebuilds the paragraph string each time, so a paragraph of k escaped characters
# costs k x its length: 50,000 nested brackets took minutes. This inline pattern takes a whole run of
# escaped text at once: it starts at an escape or one of our entities and goes on over plain characters
# and further escapes, stopping at anything that can begin or end other syntax (brackets, quotes, tags,
# emphasis, code, attribute lists, placeholders, line ends). The run is stashed as text with the
# backslashes dropped; entities stay entities (the serializer leaves them, the browser decodes them).
_RUN = re.compile(r"(?:\\[\\`*_{}\[\]#!+\-.]|&(?:amp|lt|gt|#124);)(?:[^\\\x02\x03\n\[\]<>{}*_`!#&|\"']|\\[\\`*_{}\[\]#!+\-.]"
                  r"|&(?:amp|lt|gt|#124);)*")
_UNESCAPE = re.compile(r"\\(.)")


def _markdown_extension() -> type:
    from markdown.extensions import Extension
    from markdown.inlinepatterns import InlineProcessor

    class EscapedRun(InlineProcessor):
        def handleMatch(self, m: re.Match[str], data: str) -> tuple[str, int, int]:  # type: ignore[override]
            return _UNESCAPE.sub(r"\1", m.group()), m.start(), m.end()

    class EscapedText(Extension):
        def extendMarkdown(self, md) -> None:  # type: ignore[no-untyped-def]
            # After code spans (190: a code span shows its backslashes), before single escapes (180).
            md.inlinePatterns.register(EscapedRun(_RUN.pattern, md), "escaped_run", 185)

    return EscapedText


def makeExtension(**kwargs: object) -> object:  # noqa: N802 (Python-Markdown's entry point name)
    """`markdown_extensions: [pipeline.core.escape]` in mkdocs.yml."""
    return _markdown_extension()(**kwargs)
