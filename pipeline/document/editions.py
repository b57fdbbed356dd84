"""Editions. Simplified is canonical; traditional is OpenCC s2tw.

OpenCC does the conversion; our reviewed overrides (corpus/data/conversion_overrides.tsv) run as
a separate, visible pass on OpenCC's output, longest phrase first, each listed as a change.
"""

from __future__ import annotations

import re
from functools import cache

from pipeline.core.changes import Change, PipelineError, line_of
from pipeline.core.convert import converter
from pipeline.core.data import CORPUS, check, table_rows
from pipeline.core.validate import plain_file

OVERRIDES = CORPUS / "data" / "conversion_overrides.tsv"


@cache
def overrides(config: str) -> dict[str, str]:
    with plain_file(OVERRIDES, "data file").open(encoding="utf-8", newline="") as f:
        rows, lines = table_rows(f)
    check(rows, "overrides", OVERRIDES, lines=lines)
    table: dict[str, str] = {}
    for row, line in zip(rows, lines, strict=True):
        if row["config"] == config:
            if row["from"] in table:
                raise PipelineError(f"override {row['from']!r} listed twice for {config}", file=str(OVERRIDES), line=line)
            table[row["from"]] = row["to"]
    return table


def convert(text: str, config: str, changes: list[Change] | None = None) -> str:
    """OpenCC `config`, then the reviewed overrides for it."""
    out = converter(config).convert(text)
    table = overrides(config)
    if not table:
        return out
    pattern = re.compile("|".join(map(re.escape, sorted(table, key=len, reverse=True))))

    def fix(m: re.Match[str]) -> str:
        if changes is not None and table[m.group(0)] != m.group(0):
            changes.append(Change(f"override_{config}", line_of(out, m.start()), m.group(0), table[m.group(0)],
                                  "reviewed conversion override"))
        return table[m.group(0)]

    return pattern.sub(fix, out)


def to_simplified(text: str, script: str, changes: list[Change] | None = None) -> str:
    return convert(text, "t2s", changes) if script == "hant" else text


def to_traditional(text: str) -> str:
    return convert(text, "s2tw")
