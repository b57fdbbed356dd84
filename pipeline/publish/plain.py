"""Plain renderers for the command line: CommonMark that pastes anywhere, and the document as JSON.

No site-only syntax here (no attribute lists, no ¶ anchors, no admonitions, no HTML): `#` title, a short
metadata block, `##` headings, paragraphs and `[^n]` footnotes. The JSON's shape is corpus/schema/clean_output.json.
"""

from __future__ import annotations

import json
import re

from pipeline.core.changes import Change
from pipeline.core.escape import escape
from pipeline.document.editions import to_traditional
from pipeline.document.fields import FIELDS
from pipeline.document.model import Document
from pipeline.document.references import parse_reference
from pipeline.publish.article import Article, venue_text
from pipeline.publish.labels import LABELS, warning_text
from pipeline.publish.render import authors_text

_MARKER = re.compile(r"\[(\d{1,3})\]")


def _inline(text: str, notes: set[int]) -> str:
    """Escaped text; a [n] marker becomes a footnote reference when its note is there, else stays as typed."""
    parts = _MARKER.split(text)
    return "".join((f"[^{p}]" if int(p) in notes else escape(f"[{p}]")) if i % 2 else escape(p) for i, p in enumerate(parts))


def _facts(doc: Document, work: Article, script: str) -> str:
    """The short metadata list: who, where, when, then every generic FIELDS row the article has a value for."""
    L = LABELS[script]
    facts = [(L["author"], authors_text(work)), (L["venue"], venue_text(work.venue) if work.venue else ""), (L["date"], work.date)]
    facts += [(L[f.label_key], "；".join(v) if isinstance(v, tuple) else str(v)) for f in FIELDS if f.row and (v := work.value(f.key))]
    block = [f"- {label}：{escape(value)}" for label, value in facts if value]
    if work.title_editorial:
        block.append(f"- {L['editorial']}")
    block += [f"- {L['warn_title']}：{escape(warning_text(w, script))}" for w in doc.warnings]
    return "\n".join(block)


def to_plain_markdown(doc: Document, work: Article, script: str) -> str:
    """One article as plain CommonMark (with footnotes), in the edition given by `script` (`work` in its script)."""
    L = LABELS[script]
    notes = {n.number for n in doc.notes}
    out = [f"# {escape(work.title)}"]
    if block := _facts(doc, work, script):
        out.append(block)
    if work.abstract:
        out.append(f"## {L['abstract']}\n\n{_inline(work.abstract, notes)}")
    if work.keywords:
        out.append(f"{L['keywords']}：" + "；".join(escape(k) for k in work.keywords))
    for section in doc.sections:
        if section.heading:
            out.append(f"## {_inline(section.heading, notes)}")
        out += [_inline(p.lead + p.text, notes) for p in section.paragraphs]
    if doc.author_note:
        out.append(_inline(doc.author_note, notes))
    if doc.credits:
        out.append("　".join(f"{escape(c.role)}：{escape(c.name)}" for c in doc.credits))
    out += [f"[^{n.number}]: {escape(n.text)}" for n in doc.notes]
    return "\n\n".join(out) + "\n"


def _json_value(kind: str, value: object) -> object:
    """A field's value in the JSON: unknown is null, a list empty; authors and venue are objects."""
    if kind == "authors":
        return [{"name": a.name, "affiliation": a.affiliation or None} for a in value]  # type: ignore[attr-defined]
    if kind == "venue":
        return {k: getattr(value, k) or None for k in ("name", "year", "volume", "issue", "pages")} if value else None
    if isinstance(value, tuple):
        return list(value)
    return value or None


def fields_json(work: Article) -> dict[str, object]:
    """The article's fields in FIELDS order (corpus/schema/clean_output.json); the title is "" when the page has none."""
    out: dict[str, object] = {}
    for f in (f for f in FIELDS if f.json):
        out[f.key] = work.title if f.key == "title" else _json_value(f.kind, work.value(f.key))
        if f.key == "title":
            out["title_editorial"] = work.title_editorial
    return out


def to_document_json(doc: Document, work: Article, changes: list[Change], canonical: Document | None = None) -> dict[str, object]:
    """The document as plain data (see the README and corpus/schema/clean_output.json). References are parsed from
    the canonical (simplified) notes and shown in `doc`'s script."""
    show = to_traditional if canonical is not None and canonical is not doc else (lambda text: text)
    references = []
    for note in (canonical or doc).notes:
        if r := parse_reference(note.number, note.text):
            references.append({"number": r.number, "authors": [show(a) for a in r.authors], "et_al": r.et_al, "title": show(r.title),
                               "journal": show(r.journal), "year": r.year, "volume": r.volume, "issue": r.issue,
                               "pages": r.page_text()})
    return {
        **fields_json(work),
        "sections": [{"id": s.id, "heading": s.heading or None,
                      "paragraphs": [{"id": p.id, "text": p.lead + p.text} for p in s.paragraphs]} for s in doc.sections],
        "notes": [{"number": n.number, "text": n.text} for n in doc.notes],
        "references": references,
        "warnings": list(doc.warnings),
        "changes": [c.as_dict() for c in changes],
    }


def to_json_text(doc: Document, work: Article, changes: list[Change], canonical: Document | None = None) -> str:
    return json.dumps(to_document_json(doc, work, changes, canonical), ensure_ascii=False, indent=1) + "\n"
