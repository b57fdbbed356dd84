"""Reading a page's header: the lines above the title (the site's, or header fields a page puts first), the title, and the
header under it down to the first line of the text."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from pipeline.core.changes import Change
from pipeline.core.chars import HAN
from pipeline.document import metadata as md
from pipeline.document import spans
from pipeline.document.authors import _affiliation, _authors_line, _english
from pipeline.document.blocks import _JOB, Block
from pipeline.document.builder import _Builder
from pipeline.document.kinds import _find_title, _kind
from pipeline.document.labelled import _apply_segments
from pipeline.document.model import Author, Venue
from pipeline.document.shapes import _COLUMN_TAGS, _DATED, _TITLE_GAP, CHROME_BODY_P, CHROME_P, _cannot_be_title, _droppable, _repeats_title
from pipeline.document.tagged import _tagged_line
from pipeline.document.title import _HEADER_TAGS, _seo_title, _title_span


@dataclass(frozen=True)
class _At:
    """A header line being read, and what its readers may look at around it."""
    lines: list[Block]
    i: int  # its index in lines
    kind: str  # what the rules take it for (kinds._kind)
    keyword_lines: list[int]  # the indexes of the page's 关键词 lines
    stop: int  # a label's value is not read from this index on

    @property
    def block(self) -> Block:
        return self.lines[self.i]


def _header_line(b: _Builder, lines: list[Block], i: int, keyword_lines: list[int], stop: int, above_title: bool) -> int:
    """Store what lines[i] says; returns the index of the next line to read, or -1 when lines[i] is not
    a header line (above the title it is then the site's; below, the body has begun). The first reader
    that knows the line reads it; above the title only the lines a header may put first are read."""
    at = _At(lines, i, _kind(lines[i].text), keyword_lines, stop)
    for read in _ANYWHERE if above_title else (*_ANYWHERE, *_BELOW_TITLE):
        if (after := read(b, at)) is not None:
            return after
    return -1


def _run_byline(b: _Builder, at: _At) -> int | None:
    """A date and the authors run together, no label (2021-11-28 张三)."""
    t = at.block.text
    if not (run := md.run_byline(t)) or md.segments(t):
        return None
    date, names = run
    if "date" not in b.fields:
        b.fields["date"] = md.parse_date(date)
    split = md.split_names(names, strict=False) if names else None
    kept_names = names if names and not b.authors else ""
    if kept_names:
        b.authors = [Author(n) for n in (split or [names])]
    b.extract(at.block, t, [kept_names] if kept_names else [], "byline_date_authors")
    return at.i + 1


def _labels(b: _Builder, at: _At) -> int | None:
    """Labelled fields (摘要：…, 关键词：…), a label alone on its line taking the next lines as its value."""
    if at.kind not in ("label", "byline") or not (segments := md.segments(at.block.text)):
        return None
    i = at.i + _apply_segments(b, at.lines, at.i, later_keywords=any(k > at.i for k in at.keyword_lines), stop=at.stop)
    if segments[-1].field == "keywords" and len(b.keywords) == 1:
        i = _keywords_one_per_line(b, at.lines, i, at.stop)
    return i + 1


def _keywords_one_per_line(b: _Builder, lines: list[Block], i: int, stop: int) -> int:
    """关键词： with one keyword, then one keyword a line (not 引言 and its text): the index of the last keyword line."""
    while i + 1 < min(stop, len(lines)) and re.fullmatch(f"[{HAN}]{{2,12}}", lines[i + 1].text) \
            and not md.author_line(lines[i + 1].text) \
            and (i + 2 >= len(lines) or _kind(lines[i + 2].text) != "body"):
        i += 1
        b.keywords += (lines[i].text,)
    return i


def _byline_with_journal(b: _Builder, at: _At) -> int | None:
    """颜梅艳; 余斌, 地理科学进展 发表时间:2021-11-28: the authors, the journal after a comma, then labels."""
    block, t = at.block, at.block.text
    if not (source := spans.byline_source(t)) or b.authors or b.venue is not None:
        return None
    names, venue, rest = source
    b.authors = [Author(n) for n in names]
    b.venue = Venue(venue, "", "", "", "")
    b.extract(block, t[: len(t) - len(rest)], [*names, venue], "byline_with_journal_after_comma")
    if rest:
        _apply_segments(b, [Block(block.line, rest)], 0, later_keywords=False)
    return at.i + 1


def _venue_line(b: _Builder, at: _At) -> int | None:
    if at.kind != "venue" or not (v := md.venue(at.block.text)):
        return None
    b.set_venue(at.block, at.block.text, v, "venue_line_becomes_metadata")
    return at.i + 1


def _author_line(b: _Builder, at: _At) -> int | None:
    """A line of names (affiliation marks after them), or one author per line, each with the affiliation in parentheses."""
    block, t = at.block, at.block.text
    if at.kind != "authors":
        return None
    if names := md.author_line(t):
        _authors_line(b, block, names)
        return at.i + 1
    if not (found := md.author_with_affiliation(t)) or not _one_author_a_line(b, at, {n for n, _ in found[0]}):
        return None
    names, aff = found  # 王敬尧（四川大学…） / 黄祥祥（华中师范大学…）
    b.authors += [Author(n, aff) for n, _ in names]
    b.extract(block, t, [n for n, _ in names] + [aff] * len(names), "author_line_affiliation_parentheses")
    return at.i + 1


def _one_author_a_line(b: _Builder, at: _At, names: set[str]) -> bool:
    """The first author line, or the next of a run of them that names someone new."""
    return not b.authors or (at.i > 0 and bool(md.author_with_affiliation(at.lines[at.i - 1].text))
                             and not names & {a.name for a in b.authors})


def _affiliation_author(b: _Builder, at: _At) -> int | None:
    """The next 长荣大学…学院 硕士生 张凯信 where the authors came from such lines: one more author."""
    t = at.block.text
    if not (b.named_by_affiliation and b.tag(at.block) == "affiliation" and _JOB.search(t) and spans.names(t)[0]):
        return None
    _tagged_line(b, at.block, "affiliation")
    return at.i + 1


def _affiliation_line(b: _Builder, at: _At) -> int | None:
    t = at.block.text
    if not (b.authors and md.is_affiliation(t) and not md.is_english(t) and not b.fields.get("abstract")):
        return None
    _affiliation(b, at.block)
    return at.i + 1


def _bio_line(b: _Builder, at: _At) -> int | None:
    """陆军，北京大学…教授 without a 作者简介 label: an author bio, which names the author if none is known."""
    t = at.block.text
    if not (name := md.bio_name(t)):
        return None
    b.bio.append(t)
    if not b.authors:
        b.authors = [Author(name)]
        b.changes.append(Change("structure", at.block.line, "", name, "author_named_unlabelled_bio_line"))
    return at.i + 1


def _english_line(b: _Builder, at: _At) -> int | None:
    if at.kind != "english":
        return None
    _english(b, at.block)
    return at.i + 1


_Reader = Callable[[_Builder, _At], int | None]
_ANYWHERE: tuple[_Reader, ...] = (_run_byline, _labels, _byline_with_journal, _venue_line, _author_line)
_BELOW_TITLE: tuple[_Reader, ...] = (_affiliation_author, _affiliation_line, _bio_line, _english_line)


def _above_title(b: _Builder, lines: list[Block], i: int, keyword_lines: list[int], first_title: int) -> int:
    """Read lines[i] above the title; returns the next index to read."""
    block = lines[i]
    if (after := _header_line(b, lines, i, keyword_lines, first_title, above_title=True)) != -1:
        return after
    run = i  # a metadata line broken one token per line (Advances in … / Vol. / 12 / No. / 01 / ( / 2023 / ) …): joined
    while run < first_title and not re.search(f"[{HAN}]", lines[run].text) and len(lines[run].text) <= 40:
        run += 1
    if run - i > 2 and (v := md.venue(" ".join(x.text for x in lines[i:run]))):
        b.set_venue(block, " ".join(x.text for x in lines[i:run]), v, "venue_header_broken_over_lines")
        return run
    if b.tag(block) in ("byline", "date", "venue") and _tagged_line(b, block, b.tag(block)):
        return i + 1
    b.consume(block, block.text, "text_above_title")
    return i + 1


def _read_header(lines: list[Block], b: _Builder) -> int:
    """Read the page's header into the builder; returns the index of the first body line."""
    keyword_lines = [i for i, x in enumerate(lines) if (s := md.segments(x.text)) and s[0].field == "keywords"]
    span = _title_span(lines, b)
    first_title, title_at = span if span is not None else _rules_title(lines, b)
    if title_at < 0:
        return _read_untitled(lines, b, keyword_lines)
    _read_above(b, lines, keyword_lines, first_title)  # the header fields a page may put first, else the site's own
    title = Block(lines[first_title].line, "".join(x.text for x in lines[first_title : title_at + 1]))
    _set_title(b, title)
    return _read_below_title(lines, b, title_at + 1, keyword_lines)


def _rules_title(lines: list[Block], b: _Builder) -> tuple[int, int]:
    """Where the labeller found no title, the rules' guess (kinds._find_title): its first and last line, (-1, -1) for none."""
    title_at = _find_title(lines)
    subtitle = title_at > 0 and lines[title_at].text.startswith(("—", "--", "－")) and _kind(lines[title_at - 1].text) == "heading"
    first_title = title_at - 1 if subtitle else title_at  # 主标题 / ——副标题 on two lines
    if b.tags and title_at >= 0 and (_cannot_be_title(lines[title_at].text) or b.tag(lines[title_at]) == "body"):
        return -1, -1  # the rules' guess, where the labeller found none: not a line it reads as the text
    return first_title, title_at


def _read_untitled(lines: list[Block], b: _Builder, keyword_lines: list[int]) -> int:
    """A page with no title line: the site's page title may name it; with a labeller, the header lines at the top
    are still read."""
    seo = _seo_title(lines, b) if b.tags else -1
    if seo < 0:
        return _read_below_title(lines, b, 0, keyword_lines) if b.tags else 0
    _read_above(b, lines, keyword_lines, seo)
    return _read_below_title(lines, b, seo + 1, keyword_lines)


def _read_above(b: _Builder, lines: list[Block], keyword_lines: list[int], first_title: int) -> None:
    i = 0
    while i < first_title:
        i = _above_title(b, lines, i, keyword_lines, first_title)


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
        b.extract(title, removed, names, "title_line_names_authors")
    elif removed:
        b.consume(title, removed, "site_decoration_around_title")
    b.fields["title"] = _TITLE_GAP.sub("", text)
    if b.fields["title"] != text:
        b.changes.append(Change("structure", title.line, text, b.fields["title"], "stray_space_inside_title"))
    if rest:
        _apply_segments(b, [Block(title.line, rest)], 0, later_keywords=False)


def _unlabelled_prose(text: str) -> bool:
    """A paragraph of prose: sentences, no label before them, not a bio (陆军，北京大学…教授)."""
    return _kind(text) == "body" and "。" in text and not md.segments(text) and not md.bio_name(text)


def _read_below_title(lines: list[Block], b: _Builder, i: int, keyword_lines: list[int]) -> int:
    """The header under the title, up to the first body line (its index is returned)."""
    while i < len(lines) and (after := _below_title(lines, b, i, keyword_lines)) is not None:
        i = after
    return i


def _below_title(lines: list[Block], b: _Builder, i: int, keyword_lines: list[int]) -> int | None:
    """Read lines[i] under the title: the index of the next line to read, or None where the text begins."""
    block = lines[i]
    tag = b.tag(block)
    title = b.fields.get("title", "")
    if _site_line(b, block, tag):
        b.changes.append(Change("remove_chrome", block.line, block.text, "", "labeller_site_text_in_header", (tag,)))
    elif _repeats_title(block.text, title):
        b.consume(block, block.text, "page_repeats_title")
    elif title and not b.authors and (tag == "subtitle" or block.text.startswith(("——", "--"))) \
            and len(block.text) <= 60 and "。" not in block.text:  # ——以武汉市江汉区为个案, under a date line
        b.fields["title"] = title + _TITLE_GAP.sub("", block.text)  # spaces are not counted by the conservation check
    elif _text_begins(b, block, tag):
        return None
    elif (after := _header_line(b, lines, i, keyword_lines, len(lines), above_title=False)) != -1:
        b.last_tag = tag
        return after
    elif tag in _HEADER_TAGS and _tagged_line(b, block, tag):
        b.last_tag = tag
    else:
        return None
    return i + 1


def _site_line(b: _Builder, block: Block, tag: str) -> bool:
    """A line the labeller is sure is the site's (or a row of column tags it calls so), and no sentence."""
    sure = b.tag(block, CHROME_BODY_P if md.is_english(block.text) else CHROME_P)  # an English title, one word a line
    return tag in ("chrome", "spam") and bool(sure or (_COLUMN_TAGS.fullmatch(block.text) and not md.author_line(block.text))) \
        and _droppable(block.text, header=True)


def _text_begins(b: _Builder, block: Block, tag: str) -> bool:
    """The labeller's text, heading, note or credit in a shape the rules call text (陆军，北京大学…教授, a bio, is
    not), or a paragraph it filed as a field where no author note has begun."""
    t = block.text
    if tag in ("body", "heading", "note", "credit") and _kind(t) in ("body", "short", "heading", "section") \
            and not md.bio_name(t) and not spans.byline_source(t):
        return True
    return tag == "field" and not b.bio and not b.fields.get("author_bio") and _unlabelled_prose(t)
