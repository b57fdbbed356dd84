"""Canonical simplified text -> Document (title, metadata, abstract, sections, notes, credits).

Works on simplified text, so the labels (摘要, 关键词, 注释, 责编…) are matched in one script.
First the page's header is read line by line (pipeline/document/metadata.py says what each line is:
labels, bylines, venue, authors, affiliations, English metadata); the title is the line just above
the article's own byline or first label, and what stands above the title is the site's. Then the
body: headings, paragraphs, notes, credits. Every label, separator or line it consumes is listed as a
change (metadata extraction records the source text and the values kept), for the conservation check.
A page cut off by its scraper (a note list missing, a last sentence unfinished, no abstract) is
published with warning codes on the Document, never refused.

This module holds the reading's outline; the parts live beside it:
blocks (a page's lines, body items), builder (the Document under construction), kinds (the rules' header kinds),
title (which line is the title), shapes (what a line's shape rules out), header (above and under the title),
tagged (header lines only the labeller recognised), authors (names, affiliations, bios), body (headings,
paragraphs, late header lines), labelled (a header line's labelled fields, stored by field_store.py), copies (a
teaser that reprints the abstract), assemble (the Document and its warnings).
"""

from __future__ import annotations

from pipeline.core.changes import Change
from pipeline.core.context import Context
from pipeline.document import labeller
from pipeline.document.assemble import _document
from pipeline.document.authors import _affiliation_shaped, _authors_from_bio
from pipeline.document.blocks import Block, _items, _lines
from pipeline.document.body import _drop_abstract_teasers, _read_body, _unrun_front_page
from pipeline.document.builder import _Builder
from pipeline.document.header import _read_header
from pipeline.document.model import Document
from pipeline.document.shapes import _cannot_be_title, _droppable
from pipeline.document.title import _seo_title, _title_above_labels, _title_span

# structure() for the pipeline; the rest is what tests look at, importable from here as before the module was split.
__all__ = ["Block", "_Builder", "_affiliation_shaped", "_cannot_be_title", "_droppable", "_read_header", "_seo_title",
           "_title_above_labels", "_title_span", "structure"]


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
