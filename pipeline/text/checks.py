"""Residual-artifact checks: the build fails, naming file, line and text, if any defect is left."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pipeline.core.changes import PipelineError, line_of, source_line
from pipeline.core.chars import HAN
from pipeline.core.context import Context
from pipeline.core.convert import t2s
from pipeline.text.rules.html_tags import tag_spans
from pipeline.text.rules.pinyin import residual_readings

MIN_DUPLICATE_CHARS = 30
_GARBLE = re.compile(f"[{HAN}]\\?|\\?[{HAN}]|\ufffd")
_ENTITY = re.compile(r"&(#\d+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]{1,31});|(?<![A-Za-z&])(ldquo|rdquo|lsquo|rsquo|nbsp|quot|amp|mdash|hellip);")


def residuals(text: str, ctx: Context) -> Iterator[PipelineError]:
    """Every artifact left in cleaned text, each as an error naming its line and text."""
    for kind, index, artifact in _residues(text, ctx):
        yield _error(text, ctx, kind, index, artifact)


def _error(text: str, ctx: Context, kind: str, index: int, artifact: str = "") -> PipelineError:
    line_no = line_of(text, index)
    start = text.rfind("\n", 0, index) + 1  # the line itself, not text.split() per error (20,000 errors were quadratic)
    end = text.find("\n", index)
    raw = (source_line(ctx.raw, artifact, line_no) if ctx.raw else 0) or line_no
    return PipelineError(kind, file=ctx.file, line=raw, text=text[start:end if end != -1 else len(text)])


def _residues(text: str, ctx: Context) -> Iterator[tuple[str, int, str]]:
    """(message, index in text, artifact) of every residual artifact; errors are built only for those shown."""

    def error(kind: str, index: int, artifact: str = "") -> tuple[str, int, str]:
        return kind, index, artifact

    for m in residual_readings(text):
        yield error(f"inline pinyin left: {m.group(0)}", m.start(), m.group(0))
    for m in _GARBLE.finditer(text):
        yield error(f"unexplained garbling {m.group(0)!r} (add a reviewed entry to corpus/data/errata.yaml)", m.start(), m.group(0))
    for m in _ENTITY.finditer(text):
        yield error(f"undecoded HTML entity {m.group(0)}", m.start(), m.group(0))
    offset = 0
    for line in text.split("\n"):
        for start, end in tag_spans(line):
            yield error(f"HTML tag left: {line[start:end]}", offset + start, line[start:end])
        offset += len(line) + 1
    residue: list[str] = ctx.data["chrome"]["spam_residue"]  # type: ignore[index]
    simplified = t2s(text).lower()
    for marker in residue:
        index = simplified.find(marker.lower())
        if index != -1:
            yield error(f"spam marker {marker!r} left", index)
    seen: dict[str, int] = {}
    offset = 0
    for line in text.split("\n"):
        key = line.strip()
        if len(key) >= MIN_DUPLICATE_CHARS:
            if key in seen:
                yield error(f"paragraph duplicated (first at line {line_of(text, seen[key])})", offset)
            else:
                seen[key] = offset
        offset += len(line) + 1


def assert_clean(text: str, ctx: Context) -> None:
    found = list(_residues(text, ctx))
    if found:
        first = _error(text, ctx, *found[0])
        more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
        raise PipelineError(first.message + more, file=first.file, line=first.line, text=first.text)
