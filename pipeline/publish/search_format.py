"""The search index's codes and files (FORMAT.md beside this file), as overrides/assets/search-engine.js reads them:
numbers as base-32 codes that need no separators, the FNV-1a hash that names a key's shard, and the one form of every
file, a script `__zhsearch(kind, id, data);` (a <script> tag loads it over http and from file://)."""

from __future__ import annotations

import base64
import json
import zlib
from collections.abc import Iterable
from pathlib import Path

# Codes: base-32 digits, the last one from FINAL, the others from MORE (no separators needed).
FINAL = "0123456789abcdefghijklmnopqrstuv"
MORE = "wxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_$"


def fnv1a(key: str) -> int:
    """32-bit FNV-1a over UTF-16 code units, as search-engine.js computes it."""
    data = key.encode("utf-16-le")
    h = 0x811C9DC5
    for i in range(0, len(data), 2):
        h = ((h ^ int.from_bytes(data[i:i + 2], "little")) * 0x01000193) & 0xFFFFFFFF
    return h


def encode(numbers: Iterable[int]) -> str:
    out = []
    for n in numbers:
        if n < 32:
            out.append(FINAL[n])
            continue
        digits = [FINAL[n & 31]]
        n >>= 5
        while n:
            digits.append(MORE[n & 31])
            n >>= 5
        out.append("".join(reversed(digits)))
    return "".join(out)


def decode(code: str) -> list[int]:
    numbers, n = [], 0
    for c in code:
        if c in MORE:
            n = n * 32 + MORE.index(c)
        else:
            numbers.append(n * 32 + FINAL.index(c))
            n = 0
    return numbers


def script(kind: str, ident: object, data: object) -> str:
    """An index file: one call, compact JSON, the text as it is (no \\u escapes)."""
    return f"__zhsearch({json.dumps(kind)},{json.dumps(ident)},{json.dumps(data, ensure_ascii=False, separators=(',', ':'))});\n"


def read_script(path: Path) -> dict[str, object]:
    """The data of an index file, back."""
    text = path.read_text(encoding="utf-8")
    return json.loads(text[text.index(",", text.index(",") + 1) + 1:text.rindex(");")])  # type: ignore[no-any-return]


def packed(text: str) -> str | dict[str, str]:
    """A section's text as a text file holds it: {"z": base64 of its UTF-8, raw deflate (level 9)} where that is
    shorter than the text in JSON, else the text (short texts: a glossary entry). search-engine.js inflates it with
    DecompressionStream("deflate-raw"). Only the text: slug, title, anchor and heading stay plain, so a browser without
    DecompressionStream still lists the results (issue 21: ~12 kB of texts an article became ~8.7)."""
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    z = base64.b64encode(deflate.compress(text.encode()) + deflate.flush()).decode("ascii")
    return {"z": z} if len(z) + 8 < len(json.dumps(text, ensure_ascii=False).encode()) else text


def unpacked(value: object) -> object:
    """packed() read back (any other value as it is)."""
    if isinstance(value, dict):
        return zlib.decompress(base64.b64decode(value["z"]), -15).decode()
    return value
