"""The rules' reading of a header without the labeller: what each top line is (label, byline, venue, heading…) and where the title stands."""

from __future__ import annotations

import re
from collections.abc import Callable

from pipeline.core.chars import HAN
from pipeline.document import metadata as md
from pipeline.document.blocks import Block, _is_label

HEADER_LINES = 60  # the title and its byline stand near the top of a page


_CITATION = re.compile(r"\[(J|M|C|D|N|EB/OL|J/OL)\]\s*[.．]\s*\S.*(19|20)\d{2}")


def _kind(text: str) -> str:
    """What a header line is: label, byline, authors, venue, english, heading (short, unknown) or body."""
    if (segs := md.segments(text)) and segs[0].field in ("date", "byline", "source") or md.run_byline(text):
        return "byline"
    if segs:
        return "label"
    kind = next((kind for kind, says in _KINDS if says(text)), None)
    return kind or ("body" if len(text) > 40 or "。" in text else "short")  # 欢迎来到…网站！ is not prose


_KINDS: tuple[tuple[str, Callable[[str], object]], ...] = (  # the first that says so
    ("venue", md.venue),
    ("authors", lambda t: md.author_line(t) or md.author_with_affiliation(t)),
    ("english", md.is_english),
    ("label", _is_label),
    ("citation", _CITATION.search),  # the page's own "cite this article" line: 作者. 题名[J]. 刊名, 2021, 36(5).
    ("junk", lambda t: not re.search(f"[{HAN}]", t)),
    ("teaser", lambda t: re.search(r"(\.\.\.|…)$", t)),  # a search-result snippet the page shows above the article
    ("section", lambda t: md.numbered_heading(t) and md.heading_like(t, 60)),  # 一、问题的提出: the body has begun, and no title is numbered
    ("heading", lambda t: md.heading_like(t, 60) or (len(t) <= 60 and t[-1] in "？！?!" and "。" not in t)),  # a title may ask a question
)


def _kinds(lines: list[Block]) -> list[str]:
    """Kinds of the first lines; the lines a label alone on its line takes as its value are "value"."""
    kinds = [_kind(b.text) for b in lines[:HEADER_LINES]]
    i = 0
    while i < len(kinds):
        segs = md.segments(lines[i].text) if kinds[i] == "label" else None
        if segs and segs[-1].field != "drop" and (not segs[-1].value.strip() or md.is_english(segs[-1].value)):
            if i + 1 < len(kinds) and kinds[i + 1] != "label":
                kinds[i + 1] = "value"
            i += 2
            continue
        i += 1
    return kinds


def _find_title(lines: list[Block]) -> int:
    """Index of the title: the short line just above the article's byline or author line (else above
    its venue line, its first label, or its first paragraph); -1 when the text starts with its body."""
    kinds = _kinds(lines)
    ends = [i for i, k in enumerate(kinds) if k in ("body", "section")]
    kinds = kinds[: ends[0] + 1] if ends else kinds
    for wanted in (("byline", "authors"), ("venue",), ("label",), ("body", "section")):
        for i, kind in enumerate(kinds):
            above = i - 1
            while above > 0 and kinds[above] == "english" and "body" not in wanted:  # an English title under the Chinese one
                above -= 1
            if kind in wanted and above >= 0 and kinds[above] == "heading":
                return above
            if "body" in wanted and kind in wanted:
                return -1
    return -1
