"""Canonical simplified text -> Document (title, abstract, sections, notes, credits).

Works on simplified text, so the labels (摘要, 关键词, 注释, 责编…) are matched in one script.
Every label or separator it consumes is listed as a change, for the conservation check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.core.changes import Change, PipelineError
from pipeline.core.chars import HAN
from pipeline.core.context import Context
from pipeline.document.model import Credit, Document, Note, Paragraph, Section

MAX_HEADING = 40
MAX_LEAD = 24
_END_PUNCT = "。；！？：，…"
_ABSTRACT = re.compile(r"^摘\s*要\s*[：:]\s*")
_KEYWORDS = re.compile(r"^关\s*键\s*词\s*[：:]\s*")
_CLC = re.compile(r"^【中图分类号】\s*(?P<clc>[A-Z][0-9A-Z.\-/]*)\s*(【文献标识码】\s*(?P<code>[A-Z]))?\s*$")
_AUTHOR_NOTE = re.compile(r"^【(?P<note>本文作者.*)】$")
_NOTES_HEADING = re.compile(r"^(注释|参考文献|注\s*释)$")
_NOTE = re.compile(r"^\[(?P<n>\d{1,3})\]\s*(?P<text>.+)$")
_MARKER = re.compile(r"\[(\d{1,3})\]")
_CREDIT = re.compile(r"(?:^|(?<=[/／|]))\s*(?P<role>责编|美编|责任编辑|编辑|校对|审核)\s*[：:]\s*(?P<name>[^/／|]+)")
_NAME_GAP = re.compile(f"(?<=[{HAN}]) (?=[{HAN}])")
_LEAD = re.compile(f"^([^，。；：！？\\n]{{2,{MAX_LEAD}}}。)(?=.)")


@dataclass(frozen=True)
class Block:
    line: int  # 1-based line of its first line
    text: str


def _blocks(text: str) -> list[list[Block]]:
    """Lines grouped into runs with no blank line between them."""
    groups: list[list[Block]] = [[]]
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            groups[-1].append(Block(number, line.strip()))
        elif groups[-1]:
            groups.append([])
    return [g for g in groups if g]


def _is_label(text: str) -> bool:
    return any(rx.match(text) for rx in (_ABSTRACT, _KEYWORDS, _CLC, _AUTHOR_NOTE, _NOTES_HEADING, _NOTE, _CREDIT))


def _is_heading(text: str) -> bool:
    return len(text) <= MAX_HEADING and text[-1] not in _END_PUNCT and "。" not in text and not _is_label(text)


def _items(text: str, changes: list[Change]) -> list[Block]:
    """Blocks in order, with a heading split over consecutive lines joined into one."""
    items: list[Block] = []
    for group in _blocks(text):
        run: list[Block] = []
        for block in [*group, None]:
            if block is not None and _is_heading(block.text):
                run.append(block)
                continue
            if len(run) > 1:
                for x in run[1:]:
                    changes.append(Change("structure", x.line, "\n", "", "heading split over two lines joined"))
            if run:
                items.append(Block(run[0].line, "".join(x.text for x in run)))
            run = []
            if block is not None:
                items.append(block)
    return items


def _split_lead(text: str) -> tuple[str, str]:
    m = _LEAD.match(text)
    if m and len(text) > 3 * len(m.group(1)):
        return m.group(1), text[m.end(1) :]
    return "", text


class _Builder:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.changes: list[Change] = []
        self.fields: dict[str, object] = {}
        self.sections: list[tuple[str, list[str]]] = [("", [])]
        self.notes: list[Note] = []
        self.credits: list[Credit] = []

    def consume(self, block: Block, label: str, reason: str) -> None:
        if label.strip():
            self.changes.append(Change("structure", block.line, label, "", reason))

    def names(self, block: Block, name: str) -> str:
        joined = _NAME_GAP.sub("", name.strip())
        if joined != name.strip():
            self.changes.append(Change("structure", block.line, name.strip(), joined, "typographic space inside a name"))
        return joined


def _label(builder: _Builder, block: Block, rx: re.Pattern[str], field_name: str, reason: str) -> bool:
    m = rx.match(block.text)
    if not m:
        return False
    builder.consume(block, m.group(0), reason)
    builder.fields[field_name] = block.text[m.end() :]
    return True


def structure(text: str, ctx: Context) -> tuple[Document, list[Change]]:
    b = _Builder(ctx)
    in_notes = False
    items = _items(text, b.changes)
    for index, block in enumerate(items):
        t = block.text
        if in_notes and (m := _NOTE.match(t)):
            b.consume(block, f"[{m.group('n')}]", "note number becomes the footnote's number")
            b.notes.append(Note(int(m.group("n")), m.group("text").strip()))
            continue
        if _CREDIT.match(t) and (credits := list(_CREDIT.finditer(t))):
            rest = _CREDIT.sub("", t)
            b.consume(block, "".join(rest.split()), "separators between editor credits")
            for m in credits:
                b.consume(block, t[m.end("role") : m.start("name")], "colon after a credit's role")
                b.credits.append(Credit(m.group("role"), b.names(block, m.group("name"))))
            continue
        if _label(b, block, _ABSTRACT, "abstract", "label 摘要 becomes the abstract's heading"):
            continue
        if m := _KEYWORDS.match(t):
            b.consume(block, m.group(0), "label 关键词 becomes the keywords' heading")
            b.fields["keywords"] = tuple(t[m.end() :].split())
            continue
        if m := _CLC.match(t):
            b.consume(block, "【中图分类号】" + ("【文献标识码】" if m.group("code") else ""), "CLC and document-code labels become metadata labels")
            b.fields["clc"], b.fields["doc_code"] = m.group("clc"), m.group("code") or ""
            continue
        if m := _AUTHOR_NOTE.match(t):
            b.consume(block, "【】", "brackets around the author note")
            b.fields["author_note"] = m.group("note")
            continue
        if _NOTES_HEADING.match(t):
            b.consume(block, t, "notes heading rendered by the page template")
            in_notes = True
            continue
        if _NOTE.match(t):
            raise PipelineError("note line before any notes heading (注释)", file=ctx.file, line=block.line, text=t)
        before_body = not b.fields.get("abstract") and not any(p for _, p in b.sections)
        if _is_heading(t) and index + 1 < len(items):
            if before_body and "title" not in b.fields and len(b.sections) == 1:
                b.fields["title"] = t
            else:
                b.sections.append((t, []))
            continue
        b.sections[-1][1].append(t)
    return _document(b, ctx), b.changes


def _document(b: _Builder, ctx: Context) -> Document:
    sections = []
    for si, (heading, texts) in enumerate(b.sections):
        if not heading and not texts:
            continue
        paragraphs = tuple(Paragraph(f"s{si}-p{pi}", *_split_lead(t)) for pi, t in enumerate(texts, start=1))
        sections.append(Section(f"s{si}", heading, paragraphs))
    doc = Document(
        title=str(b.fields.get("title", "")),
        abstract=str(b.fields.get("abstract", "")),
        keywords=tuple(b.fields.get("keywords", ())),  # type: ignore[arg-type]
        clc=str(b.fields.get("clc", "")),
        doc_code=str(b.fields.get("doc_code", "")),
        sections=tuple(sections),
        author_note=str(b.fields.get("author_note", "")),
        notes=tuple(b.notes),
        credits=tuple(b.credits),
    )
    _check_notes(doc, ctx)
    return doc


def _check_notes(doc: Document, ctx: Context) -> None:
    numbers = [n.number for n in doc.notes]
    if len(set(numbers)) != len(numbers):
        dup = next(n for n in numbers if numbers.count(n) > 1)
        raise PipelineError(f"note [{dup}] is listed twice", file=ctx.file, text=f"[{dup}]")
    markers = [int(m) for p in doc.paragraphs() for m in _MARKER.findall(p.lead + p.text)]
    for n in markers:
        if n not in numbers:
            raise PipelineError(f"footnote marker [{n}] has no note", file=ctx.file, text=f"[{n}]")
    for n in numbers:
        if n not in markers:
            raise PipelineError(f"note [{n}] is never cited in the text", file=ctx.file, text=f"[{n}]")
