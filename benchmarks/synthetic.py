"""Synthetic scraped texts built from our real sources, with the same kinds of defects, for scale tests
and benchmarks. Deterministic: the same size and seed give the same bytes."""

from __future__ import annotations

import random

from pipeline.data import CORPUS

RAW_000 = CORPUS / "raw" / "000_02b2b72714e171d1.txt"


def body_lines() -> list[str]:
    """The paragraphs of article 000 (half-width punctuation, a stray traditional character, lost '+')."""
    lines = RAW_000.read_text(encoding="utf-8").splitlines()
    return [ln for ln in lines if len(ln) > 40][:17]


def big_text(size_bytes: int, seed: int = 7) -> str:
    """A long article of unique paragraphs: real sentences shuffled, each paragraph numbered."""
    rng = random.Random(seed)
    lines = body_lines()
    out: list[str] = []
    total, n = 0, 0
    while total < size_bytes:
        n += 1
        para = rng.choice(lines)
        sentences = [s for s in para.split("。") if s]
        rng.shuffle(sentences)
        line = "。".join(sentences) + f"。（第{n}段）"
        out.append(line)
        total += len(line.encode("utf-8")) + 1
    return "\n".join(out) + "\n"
