"""Remove the site's page title and the article title repeated into the first paragraph.

Aggregators print the article title several times at the top: once as the page's <title> with the site's
name or a tag word, once as the heading, and once glued to the front of the first paragraph. Real input
(realpages xielw, wenewstw):

    【电子政务服务价值分析】 电子政务服务          -> removed (title in brackets plus a tag word)
    电子政务服务价值分析                           -> kept: the title
    电子政务服务价值分析 2015年7月，国务院发布…    -> 2015年7月，国务院发布…
    網路與電子化政府 - 個人網頁空間                -> removed (title - site name)

Only within the page's header (its first HEADER_LINES non-blank lines), and only for a title that also
stands alone on a line there; the decoration left over must be short and carry no sentence punctuation.
"""

from __future__ import annotations

import re

from pipeline.core.changes import Change
from pipeline.core.chars import HAN_RE
from pipeline.core.context import Context

HEADER_LINES = 12
MAX_TITLE = 60
MAX_DECORATION = 20
MIN_PARAGRAPH = 20
_PUNCT = re.compile("[。，；！？,;!?]")
_OPEN, _CLOSE = "【[［〔《", "】]］〕》"


def _decorated(line: str, title: str) -> bool:
    """`【T】 tag`, `[T] tag`, `T - site`, `T_site`, `T | site`, `T——site`: the title plus short decoration."""
    at = line.find(title)
    if at == -1:
        return False
    before, after = line[:at], line[at + len(title) :]
    bracketed = before.strip() in _OPEN and bool(before.strip()) and after[:1] in _CLOSE
    if bracketed:
        before, after = "", after[1:]
    if before.strip():
        return False
    rest = after.strip()
    separated = bracketed or re.match(r"\s*(?:-|_|\||｜|–|—{1,2})\s*", after) is not None
    return separated and 0 < len(rest) <= MAX_DECORATION + 3 and not _PUNCT.search(rest)


def remove_repeated_header(text: str, ctx: Context) -> tuple[str, list[Change]]:
    lines = text.split("\n")
    header = [i for i, line in enumerate(lines) if line.strip()][:HEADER_LINES]
    titles = {lines[i].strip() for i in header
              if 4 <= len(lines[i].strip()) <= MAX_TITLE and HAN_RE.search(lines[i]) and not _PUNCT.search(lines[i])}
    changes: list[Change] = []
    drop: set[int] = set()
    for i in header:
        stripped = lines[i].strip()
        for title in sorted(titles, key=len, reverse=True):
            if stripped == title:
                continue
            if _decorated(stripped, title):
                changes.append(Change("remove_repeated_header", i + 1, lines[i], "", "site_page_title"))
                drop.add(i)
                break
            prefix = re.match(re.escape(title) + r"\s+", stripped)
            if prefix and len(stripped) - prefix.end() >= MIN_PARAGRAPH and _PUNCT.search(stripped[prefix.end() :]):
                start = lines[i].find(title)
                changes.append(Change("remove_repeated_header", i + 1, title, "", "title_repeated_start"))
                lines[i] = lines[i][:start] + lines[i][start + len(prefix.group(0)) :]
                break
    return "\n".join(line for i, line in enumerate(lines) if i not in drop), changes
