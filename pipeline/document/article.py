"""One article through the whole pipeline: raw bytes -> editions + change report."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from pipeline.core.changes import Change, PipelineError, on_raw_line, source_line
from pipeline.core.context import Context, Script
from pipeline.core.data import load_yaml, rule_data
from pipeline.core.layout import CORPUS
from pipeline.core.validate import check_meta, raw_path, refuse
from pipeline.document.editions import to_simplified, to_traditional
from pipeline.document.model import Document
from pipeline.document.structure import structure
from pipeline.text.clean import clean_text
from pipeline.text.conservation import check_conservation
from pipeline.text.decode import decode_bytes
from pipeline.text.rules.damage import DAMAGED
from pipeline.text.rules.pinyin import CUT_AT_END


@dataclass(frozen=True)
class Result:
    meta: dict[str, object]
    source_script: Script
    hans: Document
    hant: Document
    changes: list[Change]


def process_bytes(data: bytes, file: str, *, script: Script | None = None, meta: dict[str, object] | None = None) -> Result:
    """Raw bytes of one scraped article -> both editions and every change made."""
    text, changes = decode_bytes(data, file)
    if not text.strip():
        raise PipelineError("empty file: no article text", file=file)
    ctx = Context(file=file, data=rule_data(), raw=text)
    cleaned = clean_text(text, ctx, script=script)
    changes += cleaned.changes
    check_conservation(text, [cleaned.text], cleaned.changes, stage="clean", file=file)
    conversion: list[Change] = []
    simplified = to_simplified(cleaned.text, cleaned.script, conversion)
    try:
        cut_at_end = any(c.code == CUT_AT_END for c in cleaned.changes)  # the page stops inside a word
        damaged = sum(c.code == DAMAGED for c in cleaned.changes)  # runs no repair could read, marked □
        doc, structure_changes = structure(simplified, Context(file=file, script="hans", data=ctx.data), cut_at_end=cut_at_end, damaged=damaged)
    except PipelineError as exc:  # point at the raw file's line where the offending text first stands
        if not exc.line and (line := source_line(text, exc.text)):
            raise PipelineError(exc.message, file=exc.file, line=line, text=exc.text) from None
        if exc.file == file and 0 < exc.line <= len(cleaned.origin):  # the page's line on the cleaned text: the raw file's
            raise PipelineError(exc.message, file=exc.file, line=cleaned.origin[exc.line - 1], text=exc.text) from None
        raise
    check_conservation(simplified, doc.texts(), structure_changes, stage="structure", file=file)
    if cleaned.script == "hant":
        changes.append(Change("convert_t2s", 0, "", "", "converted_canonical_simplified_text"))
    changes += [on_raw_line(c, cleaned.origin) for c in conversion + structure_changes]  # numbered on the cleaned text
    return Result(meta or {}, cleaned.script, doc, doc.map_text(to_traditional), changes)


def load_meta(path: Path, text: str | None = None) -> dict[str, object]:
    """An article's metadata, checked as the build checks it; `text`: a draft not yet written to `path` (make add)."""
    meta = load_yaml(path, "article", text)
    assert isinstance(meta, dict)
    check_meta(meta, path, text)
    return meta


def process_article(meta_path: Path) -> Result:
    meta = load_meta(meta_path)
    raw_file = raw_path(meta, meta_path, CORPUS / "raw")
    data = raw_file.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if digest != meta["sha256"]:
        raise PipelineError(f"raw file changed: sha256 {digest} does not match the recorded {meta['sha256']}", file=str(raw_file))
    result = process_bytes(data, f"corpus/raw/{meta['raw']}", script=meta["script"], meta=meta)  # type: ignore[arg-type]
    if result.hans.title and result.hans.title != meta["title"]:  # at the YAML's title line (the issue 22 rerun: no line)
        raise refuse(meta_path, meta_path.read_text(encoding="utf-8"), "title",
                     f"differs from the page's own title {result.hans.title!r} (an editorial title is only for a page without one)",
                     meta["title"])
    return result
