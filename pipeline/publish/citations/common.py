"""What the citation formats share: the records' language, one-line values, and the FIELDS rows a format names."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from pipeline.document.fields import FIELDS, Field
from pipeline.publish.article import Article

# The language of every citation record (Highwire, JSON-LD, CSL, RIS, BibTeX): the cited work is the simplified
# original in both editions, so its tag is the one the simplified edition's <html lang> carries (BCP 47, as everywhere
# on the site; "zh" and "zh-CN" said less, and differently, in different formats).
LANGUAGE = "zh-Hans"
ACCESSED = "[引用日期]"  # GB/T's access date: the reader's own; the page fills it in (reader.js)
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
_ONE_LINE = re.compile(r"\s+")  # any line break (\n, \r, U+2028, U+0085...) or run of spaces: one space


def one_line(value: str) -> str:
    return _ONE_LINE.sub(" ", value).strip()


def name(fmt: str, key: str) -> str:
    """The format's name for a field (its FIELDS row's `cite` mapping)."""
    return next(f.cite[fmt] for f in FIELDS if f.key == key)


def further(fmt: str, a: Article, placed: tuple[str, ...]) -> Iterator[tuple[Field, str, object]]:
    """(row, the format's name, value) of every known field the format names but does not place itself: a new FIELDS
    row with a mapping for the format reaches it with no change to the format's module."""
    for f in FIELDS:
        if fmt in f.cite and f.key not in placed and (value := a.value(f.key)):
            yield f, f.cite[fmt], value


def date_parts(date: str) -> dict[str, object]:
    return {"date-parts": [[int(x) for x in date.split("-")]]}


def script_json(value: object) -> str:
    """JSON for inside a <script> element: "<", ">" and "&" as \\u escapes, so neither "</script>" nor "<!--"
    can end or hide the element; U+2028/U+2029 too (older JavaScript reads them as line ends)."""
    out = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))  # no spaces: in every page (issue 21)
    for ch in "<>&\u2028\u2029":
        out = out.replace(ch, f"\\u{ord(ch):04x}")
    return out
