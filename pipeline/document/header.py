"""Reading a page's header: the lines above the title (the site's, or header fields a page puts first), the title, and the
header under it down to the first line of the text."""

from __future__ import annotations

import re

from pipeline.core.changes import Change
from pipeline.core.chars import HAN
from pipeline.document import metadata as md
from pipeline.document import spans
from pipeline.document.authors import _affiliation, _authors_line, _english
from pipeline.document.blocks import _JOB, Block
from pipeline.document.builder import _Builder
from pipeline.document.kinds import _find_title, _kind
from pipeline.document.model import Author, Venue
from pipeline.document.shapes import _COLUMN_TAGS, _DATED, _TITLE_GAP, CHROME_BODY_P, CHROME_P, _cannot_be_title, _droppable, _repeats_title
from pipeline.document.tagged import _tagged_line
from pipeline.document.title import _HEADER_TAGS, _seo_title, _title_span


def _header_line(b: _Builder, lines: list[Block], i: int, keyword_lines: list[int], stop: int, above_title: bool) -> int:
    """Store what lines[i] says; returns the index of the next line to read, or -1 when lines[i] is not
    a header line (above the title it is then the site's; below, the body has begun)."""
    block = lines[i]
    t = block.text
    kind = _kind(t)
    if (run := md.run_byline(t)) and not md.segments(t):
        date, names = run
        if "date" not in b.fields:
            b.fields["date"] = md.parse_date(date)
        split = md.split_names(names, strict=False) if names else None
        kept_names = names if names and not b.authors else ""
        if kept_names:
            b.authors = [Author(n) for n in (split or [names])]
        b.extract(block, t, [kept_names] if kept_names else [], "byline (date and authors run together) becomes metadata")
    elif kind in ("label", "byline") and (segments := md.segments(t)):
        i += _apply_segments(b, lines, i, later_keywords=any(k > i for k in keyword_lines), stop=stop)
        if segments[-1].field == "keywords" and len(b.keywords) == 1:
            while i + 1 < min(stop, len(lines)) and re.fullmatch(f"[{HAN}]{{2,12}}", lines[i + 1].text) \
                    and not md.author_line(lines[i + 1].text) \
                    and (i + 2 >= len(lines) or _kind(lines[i + 2].text) != "body"):  # keywords one per line, not 引言 + text
                i += 1
                b.keywords += (lines[i].text,)
    elif (source := spans.byline_source(t)) and not b.authors and b.venue is None:
        names, venue, rest = source  # 颜梅艳; 余斌, 地理科学进展 发表时间:2021-11-28
        b.authors = [Author(n) for n in names]
        b.venue = Venue(venue, "", "", "", "")
        b.extract(block, t[: len(t) - len(rest)], [*names, venue], "byline with the journal after a comma: authors, venue")
        if rest:
            _apply_segments(b, [Block(block.line, rest)], 0, later_keywords=False)
    elif kind == "venue" and (v := md.venue(t)):
        b.set_venue(block, t, v, "venue line becomes metadata")
    elif kind == "authors" and (names := md.author_line(t)):
        _authors_line(b, block, names)
    elif kind == "authors" and (found := md.author_with_affiliation(t)) and (
            not b.authors or (i > 0 and md.author_with_affiliation(lines[i - 1].text) and not {n for n, _ in found[0]} & {a.name for a in b.authors})):
        names, aff = found  # one author per line, each with an affiliation: 王敬尧（四川大学…） / 黄祥祥（华中师范大学…）
        b.authors += [Author(n, aff) for n, _ in names]
        b.extract(block, t, [n for n, _ in names] + [aff] * len(names), "author line with the affiliation in parentheses")
    elif above_title:
        return -1
    elif b.named_by_affiliation and b.tag(block) == "affiliation" and _JOB.search(t) and spans.names(t)[0]:
        _tagged_line(b, block, "affiliation")  # the next 长荣大学…学院 硕士生 张凯信: one more author
    elif b.authors and md.is_affiliation(t) and not md.is_english(t) and not b.fields.get("abstract"):
        _affiliation(b, block)
    elif name := md.bio_name(t):  # 陆军，北京大学…教授 without a 作者简介 label
        b.bio.append(t)
        if not b.authors:
            b.authors = [Author(name)]
            b.changes.append(Change("structure", block.line, "", name, "author named by the unlabelled bio line"))
    elif kind == "english":
        _english(b, block)
    else:
        return -1
    return i + 1


def _above_title(b: _Builder, lines: list[Block], i: int, keyword_lines: list[int], first_title: int) -> int:
    """Read lines[i] above the title; returns the next index to read."""
    block = lines[i]
    if (after := _header_line(b, lines, i, keyword_lines, first_title, above_title=True)) != -1:
        return after
    run = i  # a metadata line broken one token per line (Advances in … / Vol. / 12 / No. / 01 / ( / 2023 / ) …): joined
    while run < first_title and not re.search(f"[{HAN}]", lines[run].text) and len(lines[run].text) <= 40:
        run += 1
    if run - i > 2 and (v := md.venue(" ".join(x.text for x in lines[i:run]))):
        b.set_venue(block, " ".join(x.text for x in lines[i:run]), v, "venue header broken over lines, joined: metadata")
        return run
    if b.tag(block) in ("byline", "date", "venue") and _tagged_line(b, block, b.tag(block)):
        return i + 1
    b.consume(block, block.text, "text above the article's title is the site's (page title, navigation, teaser)")
    return i + 1


def _read_header(lines: list[Block], b: _Builder) -> int:
    """Read the page's header into the builder; returns the index of the first body line."""
    keyword_lines = [i for i, x in enumerate(lines) if (s := md.segments(x.text)) and s[0].field == "keywords"]
    span = _title_span(lines, b)
    if span is not None:
        first_title, title_at = span
    else:
        title_at = _find_title(lines)
        subtitle = title_at > 0 and lines[title_at].text.startswith(("—", "--", "－")) and _kind(lines[title_at - 1].text) == "heading"
        first_title = title_at - 1 if subtitle else title_at  # 主标题 / ——副标题 on two lines
        if b.tags and title_at >= 0 and (_cannot_be_title(lines[title_at].text) or b.tag(lines[title_at]) == "body"):
            first_title = title_at = -1  # the rules' guess, where the labeller found none: not a line it reads as the text
    if title_at < 0:
        seo = _seo_title(lines, b) if b.tags else -1
        if seo < 0:  # no title: with a labeller, the header lines at the top are still read
            return _read_below_title(lines, b, 0, keyword_lines) if b.tags else 0
        i = 0
        while i < seo:
            i = _above_title(b, lines, i, keyword_lines, seo)
        return _read_below_title(lines, b, seo + 1, keyword_lines)
    i = 0
    while i < first_title:  # above the title: the header fields a page may put first, else the site's own
        i = _above_title(b, lines, i, keyword_lines, first_title)
    title = Block(lines[first_title].line, "".join(x.text for x in lines[first_title : title_at + 1]))
    _set_title(b, title)
    return _read_below_title(lines, b, title_at + 1, keyword_lines)


def _set_title(b: _Builder, title: Block) -> None:
    """The title line without the site's decoration around it (spans.title_parts), stray spaces closed up."""
    text = title.text
    rest = ""
    if b.tags and (m := md.data().inline.search(text)) and m.start() >= 4:  # 标题时间: 2020-10-06信息来源:…作者:… on one line
        text, rest = text[: m.start()], text[m.start() :]
    text, removed, names = spans.title_parts(text)
    if (m := _DATED.search(removed)) and "date" not in b.fields and (date := md.parse_date(m.group(0))):
        b.fields["date"] = date  # 题名 [2016.06.21]: the date the site put after the title
    if removed and names and not b.authors:
        b.authors = [Author(n) for n in names]
        b.extract(title, removed, names, "the title line names its authors before a colon: authors")
    elif removed:
        b.consume(title, removed, "the site's decoration around the title (label, issue number, author or column prefix, note)")
    b.fields["title"] = _TITLE_GAP.sub("", text)
    if b.fields["title"] != text:
        b.changes.append(Change("structure", title.line, text, b.fields["title"], "stray space inside the title"))
    if rest:
        _apply_segments(b, [Block(title.line, rest)], 0, later_keywords=False)


def _unlabelled_prose(text: str) -> bool:
    """A paragraph of prose: sentences, no label before them, not a bio (陆军，北京大学…教授)."""
    return _kind(text) == "body" and "。" in text and not md.segments(text) and not md.bio_name(text)


def _read_below_title(lines: list[Block], b: _Builder, i: int, keyword_lines: list[int]) -> int:
    """The header under the title, up to the first body line (its index is returned)."""
    title = b.fields.get("title", "")
    while i < len(lines):
        block = lines[i]
        tag = b.tag(block)
        sure = b.tag(block, CHROME_BODY_P if md.is_english(block.text) else CHROME_P)  # an English title, one word a line
        if tag in ("chrome", "spam") and (sure or (_COLUMN_TAGS.fullmatch(block.text) and not md.author_line(block.text))) \
                and _droppable(block.text, header=True):
            b.changes.append(Change("remove_chrome", block.line, block.text, "", f"the site's {tag} inside the article's header (line labeller)"))
            i += 1
            continue
        if _repeats_title(block.text, title):
            b.consume(block, block.text, "the page repeats the title")
            i += 1
            continue
        if title and not b.authors and (tag == "subtitle" or block.text.startswith(("——", "--"))) \
                and len(block.text) <= 60 and "。" not in block.text:  # ——以武汉市江汉区为个案, under a date line
            b.fields["title"] = title = title + _TITLE_GAP.sub("", block.text)  # spaces are not counted by the conservation check
            i += 1
            continue
        if tag in ("body", "heading", "note", "credit") and _kind(block.text) in ("body", "short", "heading", "section") \
                and not md.bio_name(block.text) and not spans.byline_source(block.text):  # 陆军，北京大学…教授: the bio
            return i
        if tag == "field" and not b.bio and not b.fields.get("author_bio") and _unlabelled_prose(block.text):
            return i  # a paragraph the labeller filed as a field, with no author note begun: the text has begun
        if (after := _header_line(b, lines, i, keyword_lines, len(lines), above_title=False)) != -1:
            i = after
            b.last_tag = tag
            continue
        if tag in _HEADER_TAGS and _tagged_line(b, block, tag):
            i += 1
            b.last_tag = tag
            continue
        return i
    return i


def _apply_segments(b: _Builder, lines: list[Block], i: int, later_keywords: bool, stop: int = 1 << 30) -> int:
    """Store the labelled fields of lines[i] (structure._apply_segments): the table of fields, `_store`, lives in
    structure.py, which imports this module, so it is looked up when first used."""
    from pipeline.document import structure

    return structure._apply_segments(b, lines, i, later_keywords, stop)
