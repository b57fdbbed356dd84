"""Remove HTML tags a scraper left in the text; drop lines that held nothing but tags and list bullets.

Real input (realpages jizihe, a spam mirror's hidden link farm above the article):

    • <tr id="yyy80"></tr>
      • <tfoot id="yyy80"><noscript id="yyy80"></noscript></tfoot>

-> both lines removed. Inside a line of text, `數據<br/>治理` -> `數據治理`. Tags are found with the standard
library's HTML parser and count only if the name is an HTML element (lxml's list), so `a<b` or `<意見>` and
other angle brackets in prose stay. Character references are rule decode_entities' business.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from lxml.html import defs

from pipeline.core.changes import Change
from pipeline.core.context import Context

_ELEMENTS = frozenset(defs.tags) | frozenset(defs.html5_tags)
_ONLY_BULLETS = re.compile(r"[\s•·●◆■□▪*\-]*")


class _Tags(HTMLParser):
    """Spans (start, end) of the tags and comments in one line."""

    def __init__(self, line: str) -> None:
        super().__init__(convert_charrefs=False)
        self.line = line
        self.spans: list[tuple[int, int]] = []
        self.feed(line)
        self.close()

    def _add(self, name: str | None) -> None:
        start = self.getpos()[1]
        if name is not None and name.lower() not in _ELEMENTS:
            return
        end = self.line.find(">", start)
        if end != -1 and self.line[start : end + 1].isascii():
            self.spans.append((start, end + 1))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self.getpos()[1]
        # Real tags are ASCII; `a<b 與<意見>` is prose that the parser would happily read as a tag.
        if tag.lower() in _ELEMENTS and (raw := self.get_starttag_text()) and raw.isascii():
            self.spans.append((start, start + len(raw)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        self._add(tag)

    def handle_comment(self, data: str) -> None:
        start = self.getpos()[1]
        end = self.line.find("-->", start)
        if end != -1:
            self.spans.append((start, end + 3))


def tag_spans(line: str) -> list[tuple[int, int]]:
    """Where HTML tags stand in one line (for the residual check)."""
    return _Tags(line).spans if "<" in line else []


def remove_html_tags(text: str, ctx: Context) -> tuple[str, list[Change]]:
    changes: list[Change] = []
    lines = text.split("\n")
    kept: list[str] = []
    for number, line in enumerate(lines, start=1):
        spans = _Tags(line).spans if "<" in line else []
        if not spans:
            kept.append(line)
            continue
        rest, pos = [], 0
        for start, end in sorted(spans):
            if start < pos:
                continue
            rest.append(line[pos:start])
            pos = end
        rest.append(line[pos:])
        remaining = "".join(rest)
        if _ONLY_BULLETS.fullmatch(remaining):
            changes.append(Change("remove_html_tags", number, line, "", "line_html_markup"))
            continue
        for start, end in sorted(spans):
            changes.append(Change("remove_html_tags", number, line[start:end], "", "html_tag"))
        kept.append(remaining)
    return "\n".join(kept), changes
