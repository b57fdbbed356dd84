"""One cached OpenCC converter per configuration (loading a dictionary costs ~10 ms)."""

from __future__ import annotations

from functools import cache

import opencc


@cache
def converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def t2s(text: str) -> str:
    return converter("t2s").convert(text)


def s2t(text: str) -> str:
    return converter("s2t").convert(text)
