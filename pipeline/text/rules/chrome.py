"""Remove whole lines of site chrome and SEO spam (patterns in corpus/data/chrome.yaml)."""

from __future__ import annotations

import re

from pipeline.core.changes import Change
from pipeline.core.context import Context
from pipeline.core.convert import t2s
from pipeline.text.rules.pinyin import strip_annotations


def _normalise(line: str) -> str:
    return t2s(strip_annotations(line)).strip()


def remove_chrome(text: str, ctx: Context) -> tuple[str, list[Change]]:
    data = ctx.data["chrome"]
    markers: list[str] = data["spam_markers"]  # type: ignore[index]
    min_hits: int = data["spam_min_hits"]  # type: ignore[index]
    patterns = [(re.compile(p["pattern"]), p["reason"]) for p in data["chrome_lines"]]  # type: ignore[index]
    kept: list[str] = []
    changes: list[Change] = []
    for number, line in enumerate(text.split("\n"), start=1):
        norm = _normalise(line)
        if not norm:
            kept.append(line)
            continue
        hits = sorted({m for m in markers if m.lower() in norm.lower()})
        if len(hits) >= min_hits:
            changes.append(Change("remove_chrome", number, line, "", f"spam line ({len(hits)} markers: {', '.join(hits[:4])})"))
            continue
        reason = next((why for rx, why in patterns if rx.fullmatch(norm)), None)
        if reason:
            changes.append(Change("remove_chrome", number, line, "", reason))
            continue
        kept.append(line)
    return "\n".join(kept), changes
