"""Fullwidth Latin letters and digits -> ASCII: ＡＰＩ -> API, ２０２１年 -> 2021年, ＣｉｔｅＳｐａｃｅ -> CiteSpace.

Chinese typesetting writes Latin and numbers halfwidth; fullwidth forms come from input methods left in
fullwidth mode, and make the same term two words for search (API ≠ ＡＰＩ). A fullwidth full stop between
two digits is a decimal point (１０４９．６万 -> 1049.6万). Fullwidth punctuation is Chinese typography and
stays; the mapping is Unicode's own (NFKC) for exactly these characters.
"""

from __future__ import annotations

import re
import unicodedata

from pipeline.core.changes import Change, line_of
from pipeline.core.context import Context

_RUN = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a](?:[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]|[．](?=[\uff10-\uff19]))*")


def normalise_width(text: str, ctx: Context) -> tuple[str, list[Change]]:
    changes: list[Change] = []

    def fix(match: re.Match[str]) -> str:
        new = unicodedata.normalize("NFKC", match.group(0))
        changes.append(Change("normalise_width", line_of(text, match.start()), match.group(0), new,
                              "fullwidth_letters_digits"))
        return new

    return _RUN.sub(fix, text), changes
