"""A plausibility score for short Chinese strings, from jieba's word-frequency dictionary.

jieba's own DAG + dynamic programme (get_DAG/calc) gives the log-probability of the best
segmentation; we only add a cost for common punctuation, which jieba's dictionary lacks.
"""

from __future__ import annotations

import logging
import math
import re
from functools import cache

import jieba

from pipeline.core.chars import HAN
from pipeline.core.convert import t2s

jieba.setLogLevel(logging.WARNING)

# Punctuation a shifted decode may legitimately produce, with its rough share of tokens in
# Chinese prose (jieba's dictionary has words only).
_PUNCT_P = {**dict.fromkeys("。，", 0.03), **dict.fromkeys("、“”《》：；", 0.01), **dict.fromkeys("？！（）—…·‘’", 0.003)}
COMMON_PUNCT = "".join(_PUNCT_P)
_HAN_RUN = re.compile(f"[{HAN}]+")


@cache
def _dict() -> jieba.Tokenizer:
    jieba.dt.check_initialized()
    return jieba.dt


def known_char(ch: str) -> bool:
    """A character jieba's dictionary knows as a word on its own, or common punctuation."""
    if ch in COMMON_PUNCT:
        return True
    return (_dict().FREQ.get(t2s(ch)) or 0) > 0


def logprob(text: str) -> float:
    """Log-probability of the best segmentation of text (converted to simplified)."""
    tk = _dict()
    simplified = t2s(text)
    score = 0.0
    for run in _HAN_RUN.findall(simplified):
        route: dict[int, tuple[float, int]] = {}
        tk.calc(run, tk.get_DAG(run), route)
        score += route[0][0]
    score += sum(math.log(_PUNCT_P[ch]) for ch in simplified if ch in _PUNCT_P)
    unknown = sum(1 for ch in simplified if not _HAN_RUN.match(ch) and ch not in COMMON_PUNCT)
    return score + unknown * math.log(1 / tk.total)
