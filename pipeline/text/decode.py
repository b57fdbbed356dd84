"""Raw bytes -> str. UTF-8 first; other encodings only by explicit, explained detection."""

from __future__ import annotations

import codecs
import re
import unicodedata

from pipeline.core.changes import Change, PipelineError, line_of
from pipeline.core.chars import HAN_RE, INVISIBLE

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


MIN_MARGIN = 1.0  # nats per character between the best and the next reading
# Chinese prose scores about -4.5 to -6.5 nats a character; bytes decoded with the wrong codec, or
# random bytes, score below -13 (measured on our sources and on Big5 read as GB18030).
MIN_PLAUSIBILITY = -9.0


def _plausibility(text: str, sample: int = 4000) -> float:
    """Mean log-probability per character of the text's start under jieba's dictionary."""
    from pipeline.text.lm import logprob  # jieba loads only when a legacy encoding needs judging

    head = text[:sample]
    visible = sum(1 for ch in head if not ch.isspace()) or 1
    return logprob(head) / visible


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
            changes.append(Change("decode", 1, bom.hex(" "), "", "byte_order_mark", (codec,)))
            return _newlines(_readable(text, file, codec), changes)
    if _looks_binary(data):
        raise PipelineError("binary data (NUL bytes), not a text article", file=file)
    try:
        return _newlines(_readable(data.decode("utf-8"), file, "utf-8"), changes)
    except UnicodeDecodeError as utf8_error:
        bad = utf8_error
    # Big5 bytes usually also decode as GB18030 (into nonsense), so every legacy codec that decodes
    # to mostly-Han text competes, and jieba's dictionary decides which reading is Chinese prose.
    readings = []
    for codec in _LEGACY:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if _han_ratio(text) >= 0.5 and (score := _plausibility(text)) >= MIN_PLAUSIBILITY:
            readings.append((score, codec, text))
    if readings:
        readings.sort(reverse=True)
        score, codec, text = readings[0]
        if len(readings) > 1 and score - readings[1][0] < MIN_MARGIN:
            raise PipelineError(f"not UTF-8, and reads about as well as {codec} as as {readings[1][1]}: "
                                "convert it to UTF-8 first", file=file)
        rivals = "; ".join(f"{c} {s:.1f}" for s, c, _ in readings)
        changes.append(Change("decode", 1, "", "", "decoded_as", (codec, str(bad.reason), str(bad.start), rivals)))
        return _newlines(text, changes)
    line = data.count(b"\n", 0, bad.start) + 1
    raise PipelineError(
        f"not UTF-8 ({bad.reason} at byte {bad.start}) and not recognisably GB18030 or Big5", file=file, line=line
    )


def _readable(text: str, file: str, codec: str) -> str:
    """A BOM or a lenient codec can turn any bytes into 'text': refuse what no one could read."""
    sample = text[:20000]
    bad = [ch for ch in sample if unicodedata.category(ch) in ("Cn", "Co", "Cs") or (unicodedata.category(ch) == "Cc" and ch not in "\n\r\t")]
    if len(bad) > max(2, len(sample) // 100):
        where = sample.index(bad[0])
        raise PipelineError(f"decoded as {codec}, the text is unreadable ({len(bad)} control, private-use or unassigned characters)",
                            file=file, line=sample.count("\n", 0, where) + 1, text=repr(bad[0]))
    return text


def _newlines(text: str, changes: list[Change]) -> tuple[str, list[Change]]:
    if "\r" in text:
        count = text.count("\r\n") + text.replace("\r\n", "").count("\r")
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        changes.append(Change("decode", 1, "\\r", "", "line_ends", (str(count),)))
    return _invisible(text, changes)


# Invisible characters no reader can see but that change what a page does (issue 15): control characters
# (ESC sequences, BEL, a NUL after the first 4 KiB), bidirectional overrides and isolates that reorder what
# is shown, zero-width characters that split words for search, and byte-order marks inside the text.
# Each is removed and listed; the Unicode line and paragraph separators become line ends.
_INVISIBLE = re.compile(f"[{INVISIBLE}]")


def _invisible(text: str, changes: list[Change]) -> tuple[str, list[Change]]:
    if not _INVISIBLE.search(text):
        return text, changes
    for m in _INVISIBLE.finditer(text):
        ch = m.group()
        name = unicodedata.name(ch, f"control U+{ord(ch):04X}")
        after = "\n" if ch in "\u2028\u2029" else ""
        code, args = ("line_end_character", (name,)) if after else ("invisible_character", (f"U+{ord(ch):04X}", name))
        changes.append(Change("decode", line_of(text, m.start()), ch, after, code, args))
    return _INVISIBLE.sub(lambda m: "\n" if m.group() in "\u2028\u2029" else "", text), changes
