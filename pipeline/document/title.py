"""Which line is the title: the labeller's title lines checked against the page (its header under them, the site's page
title naming one whole, the article's prose using its words), a subtitle or a second line joined to it."""

from __future__ import annotations

import re
from collections import Counter

from pipeline.core.chars import HAN
from pipeline.document import metadata as md
from pipeline.document import spans
from pipeline.document.blocks import Block
from pipeline.document.builder import _Builder
from pipeline.document.kinds import HEADER_LINES
from pipeline.document.shapes import _cannot_be_title, _run_on_title

CONTINUES_P = 0.2  # a short line under the title, the byline under it, is the title's second line at this title odds
TITLE_P = 0.3  # the least probability of being the title for a line the labeller did not call the title
ABOVE_LABELS_P = 0.1  # the least title odds of a line above the abstract's label, where the likeliest title stands under it


def _title_span(lines: list[Block], b: _Builder) -> tuple[int, int] | None:
    """(first, last) index of the title the labeller found near the top, a subtitle under it included;
    a page's own title label (论文名称：…) first."""
    labelled = next((i for i, x in enumerate(lines[:HEADER_LINES]) if spans.title_label(x.text)), None)
    if labelled is not None:
        return labelled, labelled
    head = lines[: min(HEADER_LINES, _first_prose(lines, b))]
    titles = _title_lines(lines, head, b)
    if (whole := _named_whole(lines, head, titles, b)) is not None:
        return whole, whole
    if titles:  # more than one: the first that heads the article's header block (a site's banner or teaser does not)
        heads = next((i for i in titles if _heads_header(lines, i, b)), None)
        found = titles[0] if heads is None else heads - 1 if heads - 1 in titles else heads  # over two lines: from the first
    elif (likeliest := _likeliest_title(head, b)) is not None:
        found = likeliest
    else:
        topical = _topical_title(lines, head, b)
        return None if topical is None else (topical, topical)
    return _with_subtitle(lines, found, b)


def _first_prose(lines: list[Block], b: _Builder) -> int:
    """The first paragraph of prose (a label's value aside): the title stands above it. A site's teaser right above
    the line the labeller calls the title does not count."""
    return next((i for i, x in enumerate(lines) if len(x.text) > 60 and "。" in x.text and not md.segments(x.text)
                 and not (i + 1 < len(lines) and b.tag(lines[i + 1]) == "title")), len(lines))


def _title_lines(lines: list[Block], head: list[Block], b: _Builder) -> list[int]:
    """The lines the labeller calls the title that may be one; a line above the abstract's label with title odds
    instead, where its title lines all stand under that label."""
    titles = [i for i, x in enumerate(head) if b.tag(x) == "title" and (not _cannot_be_title(x.text) or _dash_subtitle(lines, i))]
    if titles and (above := _title_above_labels(head, titles[0], b, ABOVE_LABELS_P)) is not None:
        return [above]
    return titles


def _named_whole(lines: list[Block], head: list[Block], titles: list[int], b: _Builder) -> int | None:
    """A title that is the whole of its line, no line under it continuing it: the title a header line runs into
    (题名时间：2020-10-06信息来源：…, which the labeller saw as that header), or the line the site's page title names."""
    run_on = next((i for i, x in enumerate(head) if b.tag(x) in ("byline", "date", "venue") and _run_on_title(x.text)), None)
    if run_on is not None and (not titles or (run_on - 1 in titles and len(lines[run_on - 1].text) < 8)):
        return run_on
    echo = _echoed(head, b)
    if echo is not None and (not titles or titles[0] > echo):
        return echo
    return None


def _likeliest_title(head: list[Block], b: _Builder) -> int | None:
    """Where no line is most likely the title: the likeliest one, if likely enough (a line above the abstract's
    label with some odds, if the likeliest stands under it)."""
    odds = [(b.tags[x.line].title_p, i) for i, x in enumerate(head)
            if x.line in b.tags and 4 <= len(x.text) <= 120 and not _cannot_be_title(x.text)]
    best = max(odds, default=(0.0, -1))
    if best[0] < TITLE_P:
        return None
    above = _title_above_labels(head, best[1], b, ABOVE_LABELS_P)
    return best[1] if above is None else above


def _with_subtitle(lines: list[Block], found: int, b: _Builder) -> tuple[int, int]:
    """The title's first and last line: a title over a ——subtitle starts above it; the labeller's title and subtitle
    lines under it (two at most), or a second line of a title broken in two, continue it."""
    if lines[found].text.startswith(("—", "--", "-", "－")) and found > 0 and re.search(f"[{HAN}]{{6}}", lines[found - 1].text) \
            and not _cannot_be_title(lines[found - 1].text):
        found -= 1  # 魏增：论…制度 / ——兼论…: the labeller took the subtitle for the title
    last = found
    while last + 1 < len(lines) and last - found < 2 and b.tag(lines[last + 1]) in ("title", "subtitle"):
        last += 1
    if last == found and last + 1 < len(lines) and _title_continues(lines, last + 1, b):
        last += 1  # 绿营智库 / 在两岸关系中的作用 / 曾建元: a title broken over two lines, the byline under the second
    return found, last


def _title_above_labels(head: list[Block], first: int, b: _Builder, at_least: float) -> int | None:
    """A title the labeller saw under the abstract's or keywords' label is a section heading when a line above
    those labels has some odds of a title too (the title at the top, repeated further down the page, which made
    the labeller doubt it): the title stands above the article's own labels."""
    label = next((i for i, x in enumerate(head[:first]) if (segs := md.segments(x.text)) and segs[0].field in ("abstract", "keywords")), None)
    if label is None:
        return None
    odds = [(b.tags[x.line].title_p, i) for i, x in enumerate(head[:label])
            if x.line in b.tags and 4 <= len(x.text) <= 120 and not _cannot_be_title(x.text)]
    best = max(odds, default=(0.0, -1))
    return best[1] if best[0] >= at_least else None


TOPICAL_SHARE = 0.6  # of a line's characters the article's prose also uses (in pairs), for a title no labeller odds back
_PROSE_LIKE = re.compile("[，。、,]")


def _pairs(text: str) -> set[str]:
    return {run[k : k + 2] for run in re.findall(f"[{HAN}]+", text) for k in range(len(run) - 1)}


def _prose_share(text: str, used: Counter[str]) -> float:
    """The share of a line's Han characters in a character pair that other prose lines of the page use."""
    own = _pairs(text) if len(text) > 20 and _PROSE_LIKE.search(text) else set()
    runs = re.findall(f"[{HAN}]+", text)
    covered = set()
    for r, run in enumerate(runs):
        for k in range(len(run) - 1):
            if used[run[k : k + 2]] > (run[k : k + 2] in own):
                covered |= {(r, k), (r, k + 1)}
    return len(covered) / max(1, sum(len(run) for run in runs))


def _topical_title(lines: list[Block], head: list[Block], b: _Builder) -> int | None:
    """Where the labeller found no title: the first short line above the header whose wording the article's prose
    uses (a title's words recur in its text; a site's button, banner or notice does not), if the prose uses most of it."""
    used = Counter(g for x in lines if len(x.text) > 20 and _PROSE_LIKE.search(x.text) for g in _pairs(x.text))
    for i, x in enumerate(head):
        if b.tag(x) in _HEADER_TAGS:
            return None  # the header starts: the title stands above it
        text = x.text.strip()
        if (6 <= len(text) <= 60 and len(_pairs(text)) >= 4 and not re.search("[。！？!?|｜_]", text)
                and b.tag(x) not in ("spam", "body") and not _cannot_be_title(text) and not md.numbered_heading(text)
                and _prose_share(text, used) >= TOPICAL_SHARE):
            return i
    return None


_PAGE_TITLE_SEP = ":：|｜_-－–—·【】[]《》 "


def _names_whole(page_title: str, text: str) -> bool:
    """Does a site's page-title line hold `text` as one whole part (环报第115期：题名, 题名 - 站名, 题名_栏目_站名)?"""
    at = page_title.find(text)
    if at < 0:
        return False
    before, after = page_title[:at].rstrip(), page_title[at + len(text) :].lstrip()
    return (not before or before[-1] in _PAGE_TITLE_SEP) and (not after or after[0] in _PAGE_TITLE_SEP)


def _echoed(head: list[Block], b: _Builder) -> int | None:
    """The first line that a chrome line above it (the site's page title, its banner) names whole: the site says
    which line is the article's title, where the labeller saw the repeat as chrome or chose a heading lower down."""
    for i, x in enumerate(head):
        text = x.text.strip()
        if not 6 <= len(text) <= 60 or len(re.findall(f"[{HAN}]", text)) < 4 or _cannot_be_title(text):
            continue
        if b.tag(x) in (*_HEADER_TAGS, "spam") or md.numbered_heading(text) or re.search("[|｜_]", text):  # a site's name
            continue
        if any(b.tag(y) == "chrome" and _names_whole(y.text.strip(), text) for y in head[:i]):
            return i
    return None


def _dash_subtitle(lines: list[Block], i: int) -> bool:
    """-兼论…: a subtitle under its title, not a list item (a line starting with '-' is never a title itself)."""
    text = lines[i].text
    return (i > 0 and text[:1] in "-－" and not _cannot_be_title(text.lstrip("-－ "))
            and bool(re.search(f"[{HAN}]{{6}}", lines[i - 1].text)) and not _cannot_be_title(lines[i - 1].text))


def _title_continues(lines: list[Block], i: int, b: _Builder) -> bool:
    """Is lines[i] the rest of the title above it: a short heading-like line the header follows, which the
    labeller did not see as the header and gives some chance of being the title (a site's line after the title: ~0)?"""
    text = lines[i].text
    return (len(text) <= 20 and md.heading_like(text) and not _cannot_be_title(text) and not md.numbered_heading(text)
            and b.tag(lines[i]) not in _HEADER_TAGS and not re.search("[，,；;：:]", text) and _heads_header(lines, i, b)
            and b.tags[lines[i].line].title_p >= CONTINUES_P)


def _heads_header(lines: list[Block], i: int, b: _Builder) -> bool:
    """Does the header (byline, date, venue, a label) follow a title-labelled line, chrome aside? Not if other
    lines start with its text (a page that lists 题名 篇1:, 题名 篇2: … under a collection's name)."""
    text = lines[i].text
    if sum(1 for x in lines[:HEADER_LINES] if len(x.text) > len(text) and x.text.startswith(text)) >= 2:
        return False
    for x in lines[i + 1 : i + 4]:
        tag = b.tag(x)
        if tag in _HEADER_TAGS or tag == "subtitle":
            return True
        if tag not in ("chrome", "spam"):
            return False
    return False


def _seo_title(lines: list[Block], b: _Builder) -> int:
    """Index of the site's page-title line (标题_栏目_站名) when it is the only place the title stands."""
    for i, x in enumerate(lines[:8]):
        site = b.tag(x) == "chrome" or (b.tag(x) == "spam" and spans.FILE_NAME.search(x.text))  # a file name is no spam
        if site and (title := spans.seo_title(x.text)):
            b.fields["title"] = title
            b.extract(x, x.text, [title], "site_page_title")
            return i
    return -1


_HEADER_TAGS = ("byline", "affiliation", "date", "venue", "field", "english")
