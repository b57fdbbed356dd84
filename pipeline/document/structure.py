"""Canonical simplified text -> Document (title, metadata, abstract, sections, notes, credits).

Works on simplified text, so the labels (摘要, 关键词, 注释, 责编…) are matched in one script.
First the page's header is read line by line (pipeline/document/metadata.py says what each line is:
labels, bylines, venue, authors, affiliations, English metadata); the title is the line just above
the article's own byline or first label, and what stands above the title is the site's. Then the
body: headings, paragraphs, notes, credits. Every label, separator or line it consumes is listed as a
change (metadata extraction records the source text and the values kept), for the conservation check.
A page cut off by its scraper (a note list missing, a last sentence unfinished, no abstract) is
published with warning codes on the Document, never refused.

This module holds the reading's outline and the table of labelled fields (`_store`); the parts live beside it:
blocks (a page's lines, body items), builder (the Document under construction), kinds (the rules' header kinds),
title (which line is the title), shapes (what a line's shape rules out), header (above and under the title),
tagged (header lines only the labeller recognised), authors (names, affiliations, bios), body (headings,
paragraphs, late header lines), assemble (the Document and its warnings).
"""

from __future__ import annotations

import re

from pipeline.core.changes import Change
from pipeline.core.chars import HAN
from pipeline.core.context import Context
from pipeline.document import labeller, spans
from pipeline.document import metadata as md
from pipeline.document.assemble import _document
from pipeline.document.authors import _affiliation, _affiliation_shaped, _authors_from_bio
from pipeline.document.blocks import Block, _is_label, _items, _lines
from pipeline.document.body import _abstract_copy, _drop_abstract_teasers, _read_body, _unrun_front_page
from pipeline.document.builder import _Builder
from pipeline.document.header import _read_header
from pipeline.document.kinds import _kind
from pipeline.document.model import Author, Document, Venue
from pipeline.document.shapes import _cannot_be_title, _droppable
from pipeline.document.title import _seo_title, _title_above_labels, _title_span

# structure() for the pipeline; the rest is what tests look at, importable from here as before the module was split.
__all__ = ["Block", "_Builder", "_affiliation_shaped", "_cannot_be_title", "_droppable", "_read_header", "_seo_title",
           "_title_above_labels", "_title_span", "structure"]

_KEYWORD_SEP = re.compile(r"\s*[；;，,、]\s*")


def _label_value(lines: list[Block], i: int, value: str, field_name: str, stop: int) -> tuple[str, int]:
    """A label alone on its line takes its value from the next line(s): (value, lines used)."""
    if value.strip() and not md.is_english(value):
        return value, 0
    used: list[str] = []
    limit = 8 if field_name == "abstract" else 1
    j = i + 1
    while j < min(stop, len(lines)) and len(used) < limit:
        t = lines[j].text
        if _is_label(t) or md.is_english(t) or (field_name == "abstract" and used and md.heading_like(t)):
            break
        used.append(t)
        j += 1
    return "\n".join(used), len(used)


def _apply_segments(b: _Builder, lines: list[Block], i: int, later_keywords: bool, stop: int = 1 << 30) -> int:
    """Store the labelled fields of lines[i]; returns how many following lines were used as values."""
    block = lines[i]
    segs = md.segments(block.text) or []
    extra = 0
    for n, seg in enumerate(segs):
        value = seg.value
        label = seg.label
        if md.is_english(value) and seg.field in ("abstract", "author_bio", "keywords", "funding"):
            label, value = label + value, ""  # 作者简介 About authors: a bilingual template label
        if n == len(segs) - 1 and not value.strip() and seg.field not in ("drop", "english_abstract"):
            value, extra = _label_value(lines, i, value, seg.field, stop)
        _store(b, block, seg.field, label, value, later_keywords)
    if segs and segs[0].field == "drop" and len(segs) == 1 and not segs[0].value.strip():
        # 引用本文: the citation lines under it are the site's, too
        j = i + 1
        while j < min(stop, len(lines)) and _kind(lines[j].text) == "citation":
            b.consume(lines[j], lines[j].text, "the site's own citation of the article (citations are made from the metadata)")
            j += 1
        extra = j - i - 1
    return extra


def _store(b: _Builder, block: Block, field_name: str, label: str, value: str, later_keywords: bool) -> None:
    kept, junk = md.trim_value(value)
    if field_name == "abstract" and "abstract" in b.fields and (copy := _abstract_copy(b.fields["abstract"], kept)):
        if copy == "first":  # the teaser came first: the full abstract replaces it
            b.changes.append(Change("structure", b.field_lines["abstract"], b.fields["abstract"], "", "the site's shortened copy of the abstract"))
            b.consume(block, label + junk, f"label {label.strip()} becomes the abstract field")
            b.fields["abstract"] = kept
            b.field_lines["abstract"] = block.line
        else:
            b.consume(block, label + value, "the site's shortened copy of the abstract")
        return
    if field_name in ("abstract", "clc", "doc_code", "article_no", "column") and field_name not in b.fields:
        b.consume(block, label + junk, f"label {label.strip()} becomes the {field_name} field")
        b.fields[field_name] = "".join(kept.split()) if field_name == "article_no" else kept
        b.field_lines[field_name] = block.line
    elif field_name == "keywords":
        run_together = not _KEYWORD_SEP.search(kept) and not re.search(r"\s", kept)
        if run_together and (later_keywords or b.keywords or len(kept) > 6):
            b.consume(block, label + value, "the site's own tag line (words run together), not the article's keyword list")
            return
        kept = kept.rstrip("。.")  # 关键词：行政中立；正义论。: the full stop ends the list, not the last keyword
        parts = _KEYWORD_SEP.split(kept) if _KEYWORD_SEP.search(kept) else kept.split()
        if b.keywords:  # an earlier list (the site's tags) gives way to the article's own
            b.changes.append(Change("structure", block.line, " ".join(b.keywords), "", "an earlier keyword line replaced by a later list"))
        b.keywords = tuple(p for p in parts if p)
        reason = "label 关键词 and the separators between keywords become the keyword list"
        if block.line == b.cut_at and len(b.keywords) > 1:  # 数据治理;技術(sh<end>: 技术 may be the start of a longer word
            b.keywords = b.keywords[:-1]
            reason += "; the last one was cut off by the end of the page, so it is not taken as a keyword"
        b.extract(block, label + value, list(b.keywords), reason)
    elif field_name == "doi":
        b.consume(block, label + value, "DOI becomes metadata (doi)")
        b.fields.setdefault("doi", "".join(kept.split()))
    elif field_name == "funding":
        b.consume(block, label + junk, "label 基金项目 becomes the funding field")
        b.funding.append(kept)
    elif field_name == "author_bio":
        b.consume(block, label + junk, "label 作者简介 becomes the author-bio field")
        b.bio.append(kept)
    elif field_name == "affiliation" and b.authors and kept:
        b.consume(block, label + junk, "label 作者单位 becomes the authors' affiliation")
        _affiliation(b, block, kept)
    elif field_name in ("history", "english_history"):
        b.history.append(label.strip() + kept)
        b.consume(block, junk, "separator after a date of the article's history")
    elif field_name == "date":
        date = md.parse_date(kept)
        if date and "date" not in b.fields:
            b.fields["date"] = date
            b.consume(block, label + value, "publication date becomes metadata (date)")
        else:
            b.history.append(label.strip() + kept)
            b.consume(block, junk, "separator after a date")
    elif field_name == "byline":
        paren = re.fullmatch(r"(?P<who>[^（()）]+?)\s*[（(](?P<aff>[^（()）]+)[）)]", kept)  # 作者：张三（北京大学）
        names = md.author_line(paren.group("who") if paren else kept) if kept else None
        if not names and kept and not b.authors and b.tags and (found := spans.names(kept)[0]):
            names = [(n, "") for n in found]  # 作者:马晶晶 胡江峰  责任编辑:… (the labeller's page: read leniently)
            paren = None
        if names and not b.authors:
            aff = paren.group("aff").strip() if paren else ""
            b.authors = [Author(n, aff) for n, _ in names]
            b.extract(block, label + value, [n for n, _ in names] + [aff] * len(names), "byline 作者 becomes the authors")
        elif kept and not b.authors and b.venue is None and not names and re.fullmatch(f"《?[{HAN}]{{2,16}}》?", kept):
            # 作者： 江淮论坛 — a site that puts the journal in its author field
            b.venue = Venue(kept)
            b.extract(block, label + value, [kept], "the site's author field names the journal, not a person: venue")
        else:
            b.consume(block, label + value, "byline repeats the authors")
    elif field_name == "source":
        v = md.venue(kept) or md.venue(kept.rstrip("。．."))
        if v:
            b.set_venue(block, label + value, v, "source line names the journal and issue: venue")
        elif b.venue is None and (m := spans.JOURNAL_NAME.fullmatch(kept)):
            b.venue = Venue(m.group(1))  # 来源：行政管理改革, 来源：情报科学: a journal's name, no issue
            b.extract(block, label + value, [m.group(1)], "source line names a journal: venue")
        else:
            b.consume(block, label + value, "the reposting site names itself (source)")
    elif field_name == "english_abstract":
        b.consume(block, label, "label Abstract becomes the English abstract's heading")
        b.english.setdefault("abstract", []).append(value.strip())
    elif field_name == "english_keywords":
        b.consume(block, label, "label Keywords becomes the English keywords' heading")
        b.english.setdefault("keywords", []).append(value.strip())
    elif field_name == "drop":
        b.consume(block, label + value, "site furniture (counters, page history labels), not the article")
    else:  # a field given twice, or with nothing to attach to: kept readable with the author notes, never dropped
        b.consume(block, label + junk, f"label {label.strip()}: value kept with the author notes")
        b.bio.append(kept)


def structure(text: str, ctx: Context, cut_at_end: bool = False, damaged: int = 0) -> tuple[Document, list[Change]]:
    """`cut_at_end`: the page stops inside a word (a reading cut off at its end): its last line is incomplete.
    `damaged`: how many runs text repair marked as unreadable (□): the page says so."""
    b = _Builder(ctx)
    b.damaged = damaged
    text = _unrun_front_page(text, b)
    lines = _lines(text)
    b.tags = dict(zip((x.line for x in lines), labeller.label(text.split("\n")), strict=False))
    b.cut_at = lines[-1].line if cut_at_end and lines else 0
    start = _read_header(lines, b)
    _authors_from_bio(b)
    first_line = lines[start].line if start < len(lines) else len(text.split("\n")) + 1
    _read_body(b, _items(text, first_line, b.changes, b.tag))
    _authors_from_bio(b)  # a 作者简介 the header reading did not reach (it stopped above it): read in the body
    _drop_abstract_teasers(b)
    return _document(b, ctx), b.changes
