"""Header lines the labeller found where the recognisers read nothing: bylines, affiliations, dates, venues, fields."""

from __future__ import annotations

import re
from collections.abc import Callable

from pipeline.core.changes import Change
from pipeline.document import metadata as md
from pipeline.document import spans
from pipeline.document.authors import _affiliation, _english
from pipeline.document.blocks import _JOB, Block
from pipeline.document.builder import _Builder
from pipeline.document.model import Author, Venue

_TAG_RESIDUE = re.compile(r"""\s*["']?\s*/?>\s*$""")  # the end of an HTML tag a scraper left: ">, "/>


def _tagged_line(b: _Builder, block: Block, tag: str) -> bool:
    """Store what a line the labeller put in the header says, where the recognisers did not read it; False when
    the line says nothing its label could hold (the caller then reads it otherwise)."""
    t = block.text
    if tag in ("byline", "date") and b.venue is None and (v := spans.source_venue(t)):
        b.venue = Venue(v[0], v[1], v[3], "", v[2])  # 2016-11-14 来源：《行政论坛》 2016年第2期 作者：…
        b.extract(block, "", [x for x in v if x], "header_line_names_journal")
    read = _READERS.get(tag)
    return read(b, block) if read is not None else False


def _byline(b: _Builder, block: Block) -> bool:
    t = block.text
    names, aff = spans.names(t)
    date = md.parse_date(t)
    if date and "date" not in b.fields:
        b.fields["date"] = date
    have = {a.name for a in b.authors}
    new = [n for n in names if n not in have]
    if new and have and have <= set(names):  # 仝志辉等：题名 named the first author; the byline names them all
        b.authors = [Author(n, aff) for n in names]
        b.extract(block, t, new + [aff] * len(new), "names_all_authors")
        return True
    if new and (not b.authors or b.last_tag == "byline"):  # one name per line: 作者 / 张三 教授 / 李四 副教授
        b.authors += [Author(n, aff) for n in new]
        b.extract(block, t, new + [aff] * len(new), "byline_becomes_authors")
        return True
    b.consume(block, t, "byline_repeats_authors" if b.authors else "byline_names_no_one")
    return True


def _names_by_affiliation(b: _Builder, t: str) -> list[str]:
    """The people a line labelled an affiliation names before any author is known (长荣大学 绿能与环境资源学系 赖信志教授:
    a byline that starts with the affiliation), or [] when it is an affiliation of authors already named."""
    if (b.authors and not b.named_by_affiliation) or not (_JOB.search(t) or not md.is_affiliation(t)) or md.bio_name(t):
        return []
    return [n for n in spans.names(t)[0] if n not in {a.name for a in b.authors}]


def _affiliation_line(b: _Builder, block: Block) -> bool:
    t = block.text
    if names := _names_by_affiliation(b, t):
        b.authors += [Author(n) for n in names]
        b.named_by_affiliation = True
        b.changes.append(Change("structure", block.line, "", " ".join(names), "author_named_affiliation_line"))
        b.bio.append(t)
    elif b.authors and not b.fields.get("abstract"):
        _affiliation(b, block)
    else:
        b.bio.append(t)
    return True


def _date(b: _Builder, block: Block) -> bool:
    t = block.text
    date = md.parse_date(t)
    if not date:
        return False
    if "date" in b.fields:
        b.history.append(t)
        return True
    b.fields["date"] = date
    run = md.run_byline(_TAG_RESIDUE.sub("", t))  # 2022-03-12杨阳">: a tag's end left on the line
    if names := (md.split_names(run[1]) if run and run[1] and not b.authors else None):
        b.authors = [Author(n) for n in names]
        b.extract(block, t, names, "byline_date_authors_html_end")
    else:
        b.consume(block, t, "date_line_labeller")
    return True


def _venue(b: _Builder, block: Block) -> bool:
    t = block.text
    v = spans.venue(t)
    if v and b.venue is None:
        name, year, volume, issue = v
        b.venue = Venue(name, year, issue, "", volume)
        b.extract(block, t, [x for x in v if x], "venue_line_labeller")
        return True
    if v or md.venue(t, running=True):
        b.consume(block, t, "venue_repeated_page")
        return True
    return False


def _english_line(b: _Builder, block: Block) -> bool:
    _english(b, block)
    return True


def _field(b: _Builder, block: Block) -> bool:
    b.bio.append(block.text)  # a field no label names: kept readable with the author notes
    return True


_READERS: dict[str, Callable[[_Builder, Block], bool]] = {
    "byline": _byline, "affiliation": _affiliation_line, "date": _date, "venue": _venue, "english": _english_line, "field": _field}
