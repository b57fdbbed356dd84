"""Plain text -> Markdown that Python-Markdown renders back to exactly that text, with every extension of
mkdocs.yml enabled: no text can make an element, an attribute list, a footnote, an admonition, a table, a
definition list, a code block or a table of contents (issue 22; tested with generated input in tests/test_hostile.py)."""

from __future__ import annotations

import re
from collections.abc import Callable

# Characters Markdown would read as syntax, escaped so the author's text shows as typed. Python-Markdown
# honours a backslash only before these; "<", ">" and "|" become entities instead ("\\<" would show its backslash).
_BACKSLASH = re.compile(r"([\\`*_{}\[\]#!])")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "|": "&#124;"}
# Python-Markdown marks its own placeholders (stashed HTML, escapes, footnote back links) with STX ... ETX, so a
# text holding them could bring back stashed markup. The inputs refuse controls (pipeline/core/chars.py); should
# one get this far it is shown as U+FFFD, never read as a placeholder.
_PLACEHOLDER_MARKS = re.compile("[\x02\x03]")
# What only counts at the start of a line (each line of the text, should it hold several): "-" or "+" could
# start a list or a rule, "1. " a numbered list, ":" a definition, "~~~" a fenced code block, "=" a setext
# heading or a tab, leading blanks an indented code block. Trailing blanks before a line end would be a <br>.
_LEAD = re.compile(r"(?m)^([ \t]*)([-+:~=])")
_NUMBERED = re.compile(r"(?m)^([ \t]*)(\d+)\.(?=\s|$)")
_LEAD_BLANKS = re.compile(r"(?m)^[ \t]+")
_TRAIL_BLANKS = re.compile(r"(?m)(?<![ \t])[ \t]+$")  # starts only where a run starts: linear time


def _blanks(m: re.Match[str]) -> str:
    return "".join(f"&#{ord(c)};" for c in m.group())


def escape(text: str) -> str:
    out = _PLACEHOLDER_MARKS.sub("\ufffd", text)
    out = _BACKSLASH.sub(r"\\\1", out)  # first: the entities below bring their own "#"
    out = re.sub(r"[&<>|]", lambda m: _ENTITIES[m.group()], out)
    out = _LEAD.sub(lambda m: m.group(1) + ("\\" + m.group(2) if m.group(2) in "-+" else f"&#{ord(m.group(2))};"), out)
    out = _NUMBERED.sub(r"\1\2\\.", out)
    if "\n" in out:  # one-line blocks (nearly all) keep their blanks: the caller's Markdown strips them
        out = _LEAD_BLANKS.sub(_blanks, out)
        out = _TRAIL_BLANKS.sub(_blanks, out)
    return out


# Reading it back in linear time. Python-Markdown turns every backslash escape and every entity into its
# own placeholder and rebuilds the paragraph string each time, so a paragraph of k escaped characters
# costs k x its length: 50,000 nested brackets took minutes. This inline pattern takes a whole run of
# escaped text at once: it starts at an escape or one of our entities and goes on over plain characters
# and further escapes, stopping at anything that can begin or end other syntax (brackets, quotes, tags,
# emphasis, code, attribute lists, placeholders, line ends). The run is stashed as text in which every
# escaped character stays in Python-Markdown's own escaped form (STX code ETX), exactly as its escape pattern
# leaves it: the tree processors that read text (attr_list's "{: … }", toc's "[TOC]") run before its last tree
# processor turns them back into characters, so they never see syntax there. (Dropping the backslashes instead,
# as this did before, handed attr_list a literal "{: onclick=… }" to apply: issue 22.) Entities stay entities
# (the serializer leaves them, the browser decodes them).
_RUN = re.compile(r"(?:\\[\\`*_{}\[\]#!+\-.]|&(?:amp|lt|gt|#124);)(?:[^\\\x02\x03\n\[\]<>{}*_`!#&|\"']|\\[\\`*_{}\[\]#!+\-.]"
                  r"|&(?:amp|lt|gt|#124);)*")
_UNESCAPE = re.compile(r"\\(.)")


def _escaped_form(m: re.Match[str]) -> str:
    return f"\x02{ord(m.group(1))}\x03"  # markdown.util.STX, ETX: what markdown.inlinepatterns.EscapeInlineProcessor returns


def _markdown_extension() -> type:
    from markdown.extensions import Extension
    from markdown.inlinepatterns import InlineProcessor

    class EscapedRun(InlineProcessor):
        def handleMatch(self, m: re.Match[str], data: str) -> tuple[str, int, int]:  # type: ignore[override]
            return _UNESCAPE.sub(_escaped_form, m.group()), m.start(), m.end()

    class EscapedText(Extension):
        def extendMarkdown(self, md) -> None:  # type: ignore[no-untyped-def]
            # After code spans (190: a code span shows its backslashes), before single escapes (180).
            md.inlinePatterns.register(EscapedRun(_RUN.pattern, md), "escaped_run", 185)

    return EscapedText


def safe_slugify(slugify: Callable[[str, str], str]) -> Callable[[str, str], str]:
    """toc's slugify for heading ids, minus leading underscores: mkdocs-material's own elements have ids that start with
    "__" (__config, __drawer, __search ...), and a heading "#__config" whose id was "__config" came first in the page
    for Material's `querySelector("#__config")`, which then broke (issue 22)."""

    def slug(text: str, separator: str) -> str:
        return slugify(text, separator).lstrip("_") or "_"

    if getattr(slugify, "safe", False):  # already wrapped: MkDocs runs on_config again on every `mkdocs serve` reload
        return slugify
    slug.safe = True  # type: ignore[attr-defined]
    return slug


def makeExtension(**kwargs: object) -> object:  # noqa: N802 (Python-Markdown's entry point name)
    """`markdown_extensions: [pipeline.core.escape]` in mkdocs.yml."""
    return _markdown_extension()(**kwargs)
