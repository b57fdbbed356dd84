"""Synthetic scraped texts built from our real sources, with the same kinds of defects, for scale tests
and benchmarks. Deterministic: the same size and seed give the same bytes."""

from __future__ import annotations

import random

from pipeline.core.data import CORPUS

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


RAW_002 = CORPUS / "raw" / "002_b5aca4e56758e02d.txt"


def variant_000(seed: int) -> bytes:
    """Article 000's shape with its defects (chrome line, whole body repeated, half-width punctuation,
    lost '+', a stray traditional character): a shuffled subset of its paragraphs within each section."""
    rng = random.Random(seed)
    lines = RAW_000.read_text(encoding="utf-8").split("\n")
    chrome, lead, body = lines[0], lines[1], lines[2:21]
    sections: list[list[str]] = [[]]
    for line in body:
        if len(line) < 20:  # heading lines (some headings span two lines)
            if sections[-1] and len(sections[-1][-1]) >= 20:
                sections.append([])
            sections[-1].append(line)
        else:
            sections[-1].append(line)
    out: list[str] = []
    for section in sections:
        heads = [ln for ln in section if len(ln) < 20]
        paras = [ln for ln in section if len(ln) >= 20]
        keep = rng.sample(paras, k=max(2, len(paras) - rng.randint(0, 1)))
        out += heads + keep
    return "\n".join([chrome, lead, *out, *out]).encode("utf-8") + b"\n"


def variant_002() -> bytes:
    """Article 002 as scraped (traditional, pinyin ruby, GBK shift garbling, entities, notes)."""
    return RAW_002.read_bytes()
