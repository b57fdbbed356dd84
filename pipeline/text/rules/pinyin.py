"""Remove inline pinyin left from <ruby><rt> markup: 網(wǎng)站 -> 網站.

An annotation is a Han character followed by an ASCII-parenthesised, tone-marked syllable
that is a well-formed Mandarin syllable. Anything else in parentheses ((API), (項目編號:…))
is text and stays.
"""

from __future__ import annotations

import re

from pipeline.core.changes import Change, line_of
from pipeline.core.chars import HAN
from pipeline.core.context import Context

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_VOWEL = f"aeiouü{_TONED}"
# Mandarin syllable: optional initial, a final built from vowels, optional -n/-ng/-r coda.
_SYLLABLE = f"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?[{_VOWEL}]{{1,4}}(?:ng|n|r)?"
_ANNOTATION = re.compile(f"(?<=[{HAN}])\\(({_SYLLABLE})\\)")


def _is_toned(syllable: str) -> bool:
    return sum(ch in _TONED for ch in syllable) == 1


def strip_annotations(text: str) -> str:
    return _ANNOTATION.sub(lambda m: "" if _is_toned(m.group(1)) else m.group(0), text)


def remove_inline_pinyin(text: str, ctx: Context) -> tuple[str, list[Change]]:
    changes: list[Change] = []

    def drop(match: re.Match[str]) -> str:
        if not _is_toned(match.group(1)):
            return match.group(0)
        changes.append(
            Change("remove_inline_pinyin", line_of(text, match.start()), text[match.start() - 1] + match.group(0),
                   text[match.start() - 1], "ruby annotation left as inline text")
        )
        return ""

    return _ANNOTATION.sub(drop, text), changes
