"""Variant characters OpenCC t2s leaves as they are -> the standard form of the text's script.

From the reviewed table corpus/data/variants.tsv: 郭嘉欣（陜西交通職業技術學院…） stays 陜西 after t2s, so
the simplified edition read 陜西; the rule writes 陝西 in a traditional source (t2s then gives 陕西) and 陕西
in a simplified one. Kangxi radicals and CJK compatibility ideographs that PDF extraction leaves (⼈ U+2F08,
of 人) become their unified characters by Unicode's own compatibility mapping (NFKC).
"""

from __future__ import annotations

import re
import unicodedata

from pipeline.core.changes import Change, line_of
from pipeline.core.context import Context

_COMPAT = re.compile("[\u2f00-\u2fdf\uf900-\ufaff]")


def normalise_variants(text: str, ctx: Context) -> tuple[str, list[Change]]:
    table = {row["variant"]: row for row in ctx.data.get("variants", [])}  # type: ignore[union-attr]
    changes: list[Change] = []
    pattern = re.compile("|".join([_COMPAT.pattern, *map(re.escape, table)])) if table else _COMPAT

    def fix(match: re.Match[str]) -> str:
        ch = match.group(0)
        if ch in table:
            row = table[ch]
            new, code, args = row[ctx.script], "variant_traditional_simplified", (row["hant"], row["hans"], row["reason"])
        else:
            new, code, args = unicodedata.normalize("NFKC", ch), "compatibility_ideograph", ()
        if new == ch:
            return ch
        changes.append(Change("normalise_variants", line_of(text, match.start()), ch, new, code, args))
        return new

    return pattern.sub(fix, text), changes
