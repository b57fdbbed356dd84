"""Restore a '+' that form-decoding turned into a space: “互联网 ”政务服务 -> “互联网+”政务服务."""

from __future__ import annotations

import re

from pipeline.core.changes import Change, line_of
from pipeline.core.chars import HAN
from pipeline.core.context import Context

# A space right before a closing quote, after a Han character, is never Chinese typography:
# it is the '+' of a “X+” slogan (互联网+, 智能+) lost to application/x-www-form-urlencoded.
_BEFORE_CLOSE_QUOTE = re.compile(f"(?<=[{HAN}]) (?=[”」』])")


def restore_lost_plus(text: str, ctx: Context) -> tuple[str, list[Change]]:
    changes: list[Change] = []
    terms: list[str] = ctx.data.get("plus_terms", [])  # type: ignore[assignment]

    def fix_at(index: int) -> str:
        start = max(0, index - 4)
        changes.append(Change("restore_lost_plus", line_of(text, index), text[start : index + 2],
                              text[start:index] + "+" + text[index + 1 : index + 2],
                              "lost_form_decoding"))
        return "+"

    def fix(match: re.Match[str]) -> str:
        return fix_at(match.start())

    text = _BEFORE_CLOSE_QUOTE.sub(fix, text)
    if terms:
        # "互联网 政务服务" outside quotes: only after a reviewed slogan prefix (corpus/data/plus_terms.txt).
        slogan = re.compile("(?:" + "|".join(map(re.escape, terms)) + f")( )(?=[{HAN}])")
        text = slogan.sub(lambda m: m.group(0)[:-1] + fix_at(m.start(1)), text)
    return text, changes
