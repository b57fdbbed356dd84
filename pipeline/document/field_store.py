"""Where a labelled header value goes (labelled._store), by the FIELDS row of its label's field.

Each handler takes one labelled value; it returns False when the value has nowhere to go (a field given twice, an
affiliation with no authors yet), and the value is then kept readable with the author notes, never dropped.
A label whose field is no article field (byline, source, affiliation, history, English, site furniture) feeds
other parts of the Document: LABEL_STORE names its handler.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pipeline.core.changes import Change
from pipeline.core.chars import HAN
from pipeline.document import metadata as md
from pipeline.document import spans
from pipeline.document.authors import _affiliation as _read_affiliation
from pipeline.document.copies import _abstract_copy
from pipeline.document.fields import FIELDS, field_of, label_names
from pipeline.document.model import Author, Venue

if TYPE_CHECKING:
    from pipeline.document.blocks import Block
    from pipeline.document.builder import _Builder


@dataclass(frozen=True)
class Labelled:
    """One labelled value: `label` with its brackets and separator; `kept` the value trimmed, `junk` what was trimmed."""
    b: _Builder
    block: Block
    key: str
    label: str
    value: str
    kept: str
    junk: str
    later_keywords: bool


_KEYWORD_SEP = re.compile(r"\s*[；;，,、]\s*")  # between keywords


def _abstract(x: Labelled) -> bool:
    """A second abstract is the site's shortened copy (a teaser) of the first, or the first was the teaser."""
    b = x.b
    if "abstract" in b.fields and (copy := _abstract_copy(b.fields["abstract"], x.kept)):
        if copy == "first":  # the teaser came first: the full abstract replaces it
            b.changes.append(Change("structure", b.field_lines["abstract"], b.fields["abstract"], "", "site_shortened_copy_abstract"))
            b.consume(x.block, x.label + x.junk, "label_becomes_field", (x.label.strip(), "abstract"))
            b.fields["abstract"] = x.kept
            b.field_lines["abstract"] = x.block.line
        else:
            b.consume(x.block, x.label + x.value, "site_shortened_copy_abstract")
        return True
    return _once(x)


def _once(x: Labelled) -> bool:
    """A field the page states once: the first value wins."""
    if x.key in x.b.fields:
        return False
    x.b.consume(x.block, x.label + x.junk, "label_becomes_field", (x.label.strip(), x.key))
    x.b.fields[x.key] = field_of(x.key).parse(x.kept)
    x.b.field_lines[x.key] = x.block.line
    return True


def _keywords(x: Labelled) -> bool:
    b, kept, separators = x.b, x.kept, _KEYWORD_SEP
    run_together = not separators.search(kept) and not re.search(r"\s", kept)
    if run_together and (x.later_keywords or b.keywords or len(kept) > 6):
        b.consume(x.block, x.label + x.value, "own_tag_line")
        return True
    kept = kept.rstrip("。.")  # 关键词：行政中立；正义论。: the full stop ends the list, not the last keyword
    parts = separators.split(kept) if separators.search(kept) else kept.split()
    if b.keywords:  # an earlier list (the site's tags) gives way to the article's own
        b.changes.append(Change("structure", x.block.line, " ".join(b.keywords), "", "earlier_keyword_line"))
    b.keywords = tuple(p for p in parts if p)
    code = "keywords_label_separators"  # the label and the separators between keywords become the keyword list
    if x.block.line == b.cut_at and len(b.keywords) > 1:  # 数据治理;技術(sh<end>: 技术 may be the start of a longer word
        b.keywords = b.keywords[:-1]
        code = "keywords_label_cut_off"  # the last one was cut off by the end of the page: not a keyword
    b.extract(x.block, x.label + x.value, list(b.keywords), code)
    return True


def _doi(x: Labelled) -> bool:
    x.b.consume(x.block, x.label + x.value, "doi_becomes_metadata")
    x.b.fields.setdefault(x.key, field_of(x.key).parse(x.kept))
    return True


_LISTS = {"funding": "funding", "author_bio": "bio"}  # the Builder's list a repeatable field's values gather in


def _list(x: Labelled) -> bool:
    """A field a page may state several times (funding projects, author bios): each value kept, in order."""
    x.b.consume(x.block, x.label + x.junk, "label_becomes_field", (label_names(x.key)[0], x.key))
    getattr(x.b, _LISTS[x.key]).append(x.kept)
    return True


def _affiliation(x: Labelled) -> bool:
    if not (x.b.authors and x.kept):
        return False
    x.b.consume(x.block, x.label + x.junk, "label_author_affiliation")
    _read_affiliation(x.b, x.block, x.kept)
    return True


def _history(x: Labelled) -> bool:
    x.b.history.append(x.label.strip() + x.kept)
    x.b.consume(x.block, x.junk, "separator_after_history_date")
    return True


def _date(x: Labelled) -> bool:
    date = md.parse_date(x.kept)
    if date and "date" not in x.b.fields:
        x.b.fields["date"] = date
        x.b.consume(x.block, x.label + x.value, "publication_date_becomes_metadata")
    else:
        x.b.history.append(x.label.strip() + x.kept)
        x.b.consume(x.block, x.junk, "separator_after_date")
    return True


def _byline(x: Labelled) -> bool:
    b, kept = x.b, x.kept
    paren = re.fullmatch(r"(?P<who>[^（()）]+?)\s*[（(](?P<aff>[^（()）]+)[）)]", kept)  # 作者：张三（北京大学）
    names = md.author_line(paren.group("who") if paren else kept) if kept else None
    if not names and kept and not b.authors and b.tags and (found := spans.names(kept)[0]):
        names = [(n, "") for n in found]  # 作者:马晶晶 胡江峰  责任编辑:… (the labeller's page: read leniently)
        paren = None
    if names and not b.authors:
        aff = paren.group("aff").strip() if paren else ""
        b.authors = [Author(n, aff) for n, _ in names]
        b.extract(x.block, x.label + x.value, [n for n, _ in names] + [aff] * len(names), "byline_becomes_authors")
    elif kept and not b.authors and b.venue is None and not names and re.fullmatch(f"《?[{HAN}]{{2,16}}》?", kept):
        # 作者： 江淮论坛 — a site that puts the journal in its author field
        b.venue = Venue(kept)
        b.extract(x.block, x.label + x.value, [kept], "author_field_names_journal")
    else:
        b.consume(x.block, x.label + x.value, "byline_repeats_authors")
    return True


def _source(x: Labelled) -> bool:
    b, kept = x.b, x.kept
    v = md.venue(kept) or md.venue(kept.rstrip("。．."))
    if v:
        b.set_venue(x.block, x.label + x.value, v, "source_line_names_journal")
    elif b.venue is None and (m := spans.JOURNAL_NAME.fullmatch(kept)):
        b.venue = Venue(m.group(1))  # 来源：行政管理改革, 来源：情报科学: a journal's name, no issue
        b.extract(x.block, x.label + x.value, [m.group(1)], "source_line_names_journal_venue")
    else:
        b.consume(x.block, x.label + x.value, "reposting_site_names_itself")
    return True


def _english(x: Labelled) -> bool:
    """Abstract:, Keywords: head the English metadata's parts (english_abstract -> the English abstract)."""
    part = x.key.removeprefix("english_")
    x.b.consume(x.block, x.label, {"abstract": "label_abstract", "keywords": "label_keywords"}[part])  # the English part's heading
    x.b.english.setdefault(part, []).append(x.value.strip())
    return True


def _drop(x: Labelled) -> bool:
    x.b.consume(x.block, x.label + x.value, "site_furniture")
    return True


HANDLERS: dict[str, Callable[[Labelled], bool]] = {
    "abstract": _abstract, "once": _once, "keywords": _keywords, "doi": _doi, "list": _list, "date": _date,
    "affiliation": _affiliation, "history": _history, "byline": _byline, "source": _source, "english": _english, "drop": _drop,
}
# Labels whose values are no article field of their own: what they feed
LABEL_STORE = {"affiliation": "affiliation", "history": "history", "english_history": "history", "byline": "byline",
               "source": "source", "english_abstract": "english", "english_keywords": "english", "drop": "drop"}
_STORE = {f.key: f.store for f in FIELDS if f.store} | LABEL_STORE


def store(x: Labelled) -> None:
    handler = HANDLERS.get(_STORE.get(x.key, ""))
    if handler is None or not handler(x):  # a field given twice, or with nothing to attach to: kept readable with the author notes
        x.b.consume(x.block, x.label + x.junk, "label_kept_with_author_notes", (x.label.strip(),))
        x.b.bio.append(x.kept)
