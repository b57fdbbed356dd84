"""Half-width punctuation between Chinese characters -> the full-width forms of Chinese typography.

Numbers (1049.6万, 1,000), Latin terms and URLs keep their ASCII punctuation: a mark is
converted only when a neighbouring character is Chinese.
"""

from __future__ import annotations

import re

from pipeline.core.changes import Change, line_of
from pipeline.core.chars import CJK, HAN
from pipeline.core.context import Context

_FULL = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}
# , ; : after a Chinese character or closing mark (not between two digits: 1,000 / 10:30).
# Runs are matched whole (一,, -> 一，，) so that a second pass finds nothing left to do.
# After a Latin word too (开发APP,每个 / Citespace;对比研究 / CiteSpace V;可视化): a mark before Chinese text is
# Chinese punctuation; only after a digit it may be part of a number or a time and stays.
_SEPARATOR = re.compile(f"(?<=[{CJK}])[,;:]+(?!//)|(?<![0-9])[,;:]+(?=[{CJK}])")
# ? ! ending a Chinese clause: followed by a line end, space, closing mark or quote. A ? between
# two Han characters is left alone: it may be garbling, and the residual check must see it.
_END = re.compile(f"(?<=[{HAN}”》）])[?!]+(?=$|\\s|[”」』）》，。])", re.MULTILINE)
# A parenthesis pair with Chinese inside or Chinese right outside: (API) in a Chinese sentence.
_PAIR = re.compile("\\(([^()\\n]{1,200})\\)")


def normalise_punctuation(text: str, ctx: Context) -> tuple[str, list[Change]]:
    changes: list[Change] = []

    def record(index: int, before: str, after: str) -> None:
        changes.append(Change("normalise_punctuation", line_of(text, index), before, after, "half_width_mark"))

    def pair(match: re.Match[str]) -> str:
        inner = match.group(1)
        outside = text[match.start() - 1 : match.start()] + text[match.end() : match.end() + 1]
        if re.search(f"[{CJK}]", inner) or re.search(f"[{CJK}]", outside):
            record(match.start(), match.group(0), f"（{inner}）")
            return f"（{inner}）"
        return match.group(0)

    def single(match: re.Match[str]) -> str:
        out = []
        for offset, mark in enumerate(match.group(0)):
            record(match.start() + offset, mark, _FULL[mark])
            out.append(_FULL[mark])
        return "".join(out)

    text = _PAIR.sub(pair, text)
    text = _SEPARATOR.sub(single, text)
    text = _END.sub(single, text)
    return text, changes
