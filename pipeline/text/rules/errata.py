"""Apply the reviewed errata (corpus/data/errata.yaml): garbling no algorithm can undo."""

from __future__ import annotations

from pipeline.core.changes import Change, line_of
from pipeline.core.context import Context


def apply_errata(text: str, ctx: Context) -> tuple[str, list[Change]]:
    changes: list[Change] = []
    for entry in ctx.data.get("errata", []):  # type: ignore[union-attr]
        garbled, fixed = entry["garbled"], entry["fixed"]
        start = text.find(garbled)
        while start != -1:
            changes.append(Change("apply_errata", line_of(text, start), garbled, fixed, "errata", (entry["reason"],)))
            start = text.find(garbled, start + len(garbled))
        text = text.replace(garbled, fixed)
    return text, changes
