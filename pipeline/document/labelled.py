"""A header line's labelled fields (摘要：…, 关键词：…, 作者：…) into the Document under construction: each label's value,
taken from the next lines when the label stands alone, stored by its field's row (field_store.py)."""

from __future__ import annotations

from pipeline.document import metadata as md
from pipeline.document.blocks import Block, _is_label
from pipeline.document.builder import _Builder
from pipeline.document.field_store import Labelled, store
from pipeline.document.kinds import _kind


def _label_value(lines: list[Block], i: int, value: str, field_name: str, stop: int) -> tuple[str, int]:
    """A label alone on its line takes its value from the next line(s): (value, lines used)."""
    if value.strip() and not md.is_english(value):
        return value, 0
    used: list[str] = []
    limit = 8 if field_name == "abstract" else 1
    j = i + 1
    while j < min(stop, len(lines)) and len(used) < limit:
        t = lines[j].text
        if _is_label(t) or md.is_english(t) or (field_name == "abstract" and used and md.heading_like(t)):
            break
        used.append(t)
        j += 1
    return "\n".join(used), len(used)


def _apply_segments(b: _Builder, lines: list[Block], i: int, later_keywords: bool, stop: int = 1 << 30) -> int:
    """Store the labelled fields of lines[i]; returns how many following lines were used as values."""
    block = lines[i]
    segs = md.segments(block.text) or []
    extra = 0
    for n, seg in enumerate(segs):
        value = seg.value
        label = seg.label
        if md.is_english(value) and seg.field in ("abstract", "author_bio", "keywords", "funding"):
            label, value = label + value, ""  # 作者简介 About authors: a bilingual template label
        if n == len(segs) - 1 and not value.strip() and seg.field not in ("drop", "english_abstract"):
            value, extra = _label_value(lines, i, value, seg.field, stop)
        _store(b, block, seg.field, label, value, later_keywords)
    if segs and segs[0].field == "drop" and len(segs) == 1 and not segs[0].value.strip():
        # 引用本文: the citation lines under it are the site's, too
        j = i + 1
        while j < min(stop, len(lines)) and _kind(lines[j].text) == "citation":
            b.consume(lines[j], lines[j].text, "site_own_citation")
            j += 1
        extra = j - i - 1
    return extra


def _store(b: _Builder, block: Block, field_name: str, label: str, value: str, later_keywords: bool) -> None:
    """A labelled value into the Document, by its field's row (pipeline/document/fields.py, field_store.py)."""
    kept, junk = md.trim_value(value)
    store(Labelled(b, block, field_name, label, value, kept, junk, later_keywords))
