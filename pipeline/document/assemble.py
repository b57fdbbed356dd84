"""The Document made from the builder, with the warnings a partial page is published with (notes missing or uncited, cut mid-sentence)."""

from __future__ import annotations

import re

from pipeline.core.changes import Change, PipelineError
from pipeline.core.context import Context
from pipeline.document.blocks import _split_lead
from pipeline.document.builder import _Builder
from pipeline.document.model import Document, English, Paragraph, Section

_SENTENCE_END = "。！？!?…”’」』）)]．.；;"


_MARKER = re.compile(r"\[(\d{1,3})\]")


def _document(b: _Builder, ctx: Context) -> Document:
    sections = []
    for si, (heading, texts) in enumerate(b.sections):
        if not heading and not texts:
            continue
        paragraphs = tuple(Paragraph(f"s{si}-p{pi}", *_split_lead(t)) for pi, t in enumerate(texts, start=1))
        sections.append(Section(f"s{si}", heading, paragraphs))
    e = b.english
    english = English(*(" ".join(x for x in e.get(k, []) if x) for k in ("title", "authors", "abstract", "affiliation", "keywords"))) \
        if e else None
    doc = Document(
        title=b.fields.get("title", ""),
        abstract=b.fields.get("abstract", ""),
        keywords=b.keywords,
        clc=b.fields.get("clc", ""),
        doc_code=b.fields.get("doc_code", ""),
        sections=tuple(sections),
        author_note=b.fields.get("author_note", ""),
        notes=tuple(sorted(b.notes, key=lambda n: n.number)),
        credits=tuple(b.credits),
        authors=tuple(b.authors),
        date=b.fields.get("date", ""),
        venue=b.venue,
        article_no=b.fields.get("article_no", ""),
        doi=b.fields.get("doi", ""),
        funding=tuple(b.funding),
        author_bio="\n".join(b.bio),
        english=english,
        history=tuple(b.history),
        column=b.fields.get("column", ""),
    )
    doc = _check_notes(doc, ctx)
    if b.damaged:
        doc = Document(**{**doc.__dict__, "warnings": (*doc.warnings, f"damaged:{b.damaged}")})
    for code in doc.warnings:  # the change report says it too, next to what was changed
        b.changes.append(Change("structure", 0, "", "", "partial_page", (code,)))
    return doc


def _check_notes(doc: Document, ctx: Context) -> Document:
    """Duplicate note numbers fail (which note would a marker mean?); a note list cut off by the
    scraper, or a note never cited, loses no text: published with a warning."""
    numbers = [n.number for n in doc.notes]
    if len(set(numbers)) != len(numbers):
        dup = next(n for n in numbers if numbers.count(n) > 1)
        raise PipelineError(f"note [{dup}] is listed twice", file=ctx.file, text=f"[{dup}]")
    return Document(**{**doc.__dict__, "warnings": tuple(_note_warnings(doc, numbers) + _partial_warnings(doc))})


def _note_warnings(doc: Document, numbers: list[int]) -> list[str]:
    """Markers with no note (the list cut off), notes no marker cites."""
    markers = [int(m) for p in doc.paragraphs() for m in _MARKER.findall(p.lead + p.text)]
    warnings: list[str] = []
    if missing := sorted({n for n in markers if n not in numbers}):
        warnings.append("notes-missing:" + ",".join(map(str, missing)))
    if uncited := [n for n in numbers if n not in markers]:
        warnings.append("notes-uncited:" + ",".join(map(str, uncited)))
    return warnings


def _partial_warnings(doc: Document) -> list[str]:
    """A text that stops mid-sentence; an article's header with no abstract under it."""
    warnings: list[str] = []
    paragraphs = doc.paragraphs()
    last = (paragraphs[-1].lead + paragraphs[-1].text) if paragraphs else doc.abstract
    if last and last.rstrip()[-1] not in _SENTENCE_END:
        warnings.append("ends-mid-sentence")
    if (doc.title or doc.keywords) and not doc.abstract and (doc.keywords or doc.authors or doc.venue):
        warnings.append("no-abstract")
    return warnings
