"""Remove inline readings left from <ruby><rt> markup: 網(wǎng)站 -> 網站.

A reading is a Han character followed by an ASCII-parenthesised syllable, in these shapes (real pages):

    網(wǎng)站, 職業(yè), 學(xué)院      one tone-marked Mandarin syllable: always a reading
    進行的(de)嘗試, 提供了(le)      a toneless syllable: a reading only if pypinyin lists it for that
                                    character (neutral tone 的 de, 了 le)
    計算(suàn)機, 計算(jìsuàn)機       after the first, second or a run of characters: several syllables
                                    are a reading only if each is one of its character's readings
    …政府部門與學術界(j<end>          a reading cut off where a truncated page stops

Anything else in parentheses stays as text: (API), (2023), (a), (go), (項目編號:21XGL005).
"""

from __future__ import annotations

import re
from functools import cache

from pypinyin import Style, pinyin

from pipeline.core.changes import Change, line_of
from pipeline.core.chars import HAN
from pipeline.core.context import Context

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_VOWEL = f"aeiouü{_TONED}"
# Mandarin syllable: optional initial, a final built from vowels, optional -n/-ng/-r coda.
_SYLLABLE = f"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?[{_VOWEL}]{{1,4}}(?:ng|n|r)?"
_ANNOTATION = re.compile(f"(?<=[{HAN}])\\( ?((?:{_SYLLABLE}){{1,4}}) ?\\)")  # 社會(huì )公開: a space inside, too
_FULL_ANNOTATION = re.compile(f"(?<=[{HAN}])[（(] ?((?:{_SYLLABLE}){{1,4}}) ?[）)]")
_SPLIT = re.compile(_SYLLABLE)
# A reading cut off by the end of the page: 學術界(j / 技術(sh, nothing after it but whitespace. The document stage
# reads this reason as "the scraper cut the page here" (pipeline/document/article.py).
CUT_AT_END = "ruby_annotation_cut_off"
_CUT = re.compile(f"(?<=[{HAN}])\\(([a-z{_TONED}]{{1,5}})\\s*\\Z")


def _is_toned(syllable: str) -> bool:
    return sum(ch in _TONED for ch in syllable) == 1


@cache
def readings_of(char: str) -> frozenset[str]:
    """Every reading pypinyin knows for a character, with tone marks and without."""
    toned = pinyin(char, style=Style.TONE, heteronym=True)[0]
    plain = pinyin(char, style=Style.NORMAL, heteronym=True)[0]
    return frozenset(r for r in toned + plain if r != char)


def _syllables(group: str) -> list[str] | None:
    """Split a run of syllables at tone marks ('jìsuàn' -> jì, suàn); None if it does not split cleanly."""
    parts = [m.group(0) for m in _SPLIT.finditer(group)]
    return parts if "".join(parts) == group else None


def is_reading(text: str, start: int, group: str) -> bool:
    """Is `(group)` at `start` a reading of the character(s) right before it?"""
    if _is_toned(group):
        return True  # one tone-marked syllable after a Han character is never anything but a reading
    if not any(ch in _TONED for ch in group):  # toneless: pypinyin must list it for the character
        return len(group) >= 2 and group in readings_of(text[start - 1])
    parts = _syllables(group)
    if not parts or len(parts) < 2 or not all(_is_toned(p) for p in parts) or start < len(parts):
        return False
    chars = text[start - len(parts) : start]
    return all(re.match(f"[{HAN}]", c) and p in readings_of(c) for c, p in zip(chars, parts, strict=True))


def strip_annotations(text: str) -> str:
    return _ANNOTATION.sub(lambda m: "" if is_reading(text, m.start(), m.group(1)) else m.group(0), text)


def residual_readings(text: str) -> list[re.Match[str]]:
    """Readings still in the text, also after the punctuation rule made their parentheses fullwidth."""
    return [m for m in _FULL_ANNOTATION.finditer(text) if is_reading(text, m.start(), m.group(1))]


def remove_inline_pinyin(text: str, ctx: Context) -> tuple[str, list[Change]]:
    changes: list[Change] = []

    def drop(match: re.Match[str]) -> str:
        if not is_reading(text, match.start(), match.group(1)):
            return match.group(0)
        changes.append(
            Change("remove_inline_pinyin", line_of(text, match.start()), text[match.start() - 1] + match.group(0),
                   text[match.start() - 1], "ruby_annotation")
        )
        return ""

    out = _ANNOTATION.sub(drop, text)
    cut = _CUT.search(out)
    if cut and any(r.startswith(cut.group(1)) for r in readings_of(out[cut.start() - 1])):
        changes.append(Change("remove_inline_pinyin", line_of(out, cut.start()), out[cut.start() - 1] + cut.group(0).rstrip(),
                              out[cut.start() - 1], CUT_AT_END))
        out = out[: cut.start()] + out[cut.start() + len(cut.group(0).rstrip()) :]
    return out, changes
