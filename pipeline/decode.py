"""Stage 1: raw bytes -> str. UTF-8 first; other encodings only by explicit, explained detection."""

from __future__ import annotations

import codecs

from .changes import Change, PipelineError
from .chars import HAN_RE

_BOMS = [
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
# Legacy encodings tried when the bytes are not UTF-8, in this order of preference.
_LEGACY = ["gb18030", "big5"]


def _looks_binary(data: bytes) -> bool:
    sample = data[:4096]
    return b"\x00" in sample


def _han_ratio(text: str) -> float:
    if not text:
        return 0.0
    han = len(HAN_RE.findall(text))
    visible = sum(1 for ch in text if not ch.isspace())
    return han / visible if visible else 0.0


def decode_bytes(data: bytes, file: str = "") -> tuple[str, list[Change]]:
    """Decode raw bytes and report any non-UTF-8 decision as a change."""
    changes: list[Change] = []
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as exc:
                raise PipelineError(f"byte-order mark says {codec} but the bytes are not: {exc.reason}", file=file) from None
            changes.append(Change("decode", 1, bom.hex(" "), "", f"byte-order mark removed; decoded as {codec}"))
            return _newlines(text, changes)
    if _looks_binary(data):
        raise PipelineError("binary data (NUL bytes), not a text article", file=file)
    try:
        return _newlines(data.decode("utf-8"), changes)
    except UnicodeDecodeError as utf8_error:
        bad = utf8_error
    for codec in _LEGACY:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        # GB18030 decodes almost any byte string; accept it only if the result reads as Chinese.
        if _han_ratio(text) >= 0.5:
            changes.append(Change("decode", 1, "", "", f"not UTF-8 ({bad.reason} at byte {bad.start}); decoded as {codec}"))
            return _newlines(text, changes)
    line = data.count(b"\n", 0, bad.start) + 1
    raise PipelineError(
        f"not UTF-8 ({bad.reason} at byte {bad.start}) and not recognisably GB18030 or Big5", file=file, line=line
    )


def _newlines(text: str, changes: list[Change]) -> tuple[str, list[Change]]:
    if "\r" in text:
        count = text.count("\r\n") + text.replace("\r\n", "").count("\r")
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        changes.append(Change("decode", 1, "\\r", "", f"{count} Windows/Mac line ends made \\n"))
    return text, changes
