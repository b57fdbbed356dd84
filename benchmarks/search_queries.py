"""The search benchmark's queries and their truth: the fixed query set (issue 21), a grep of the index's section texts
(the sections that hold every term), and the candidates the index gives a query, as overrides/assets/search-engine.js
takes them (plan(), candidates(): mirrored here over the index files; tests/test_search_vectors.py checks the two agree
on the shared test vectors)."""

from __future__ import annotations

import math
import re
import unicodedata
from pathlib import Path

from pipeline.core.chars import HAN
from pipeline.document.editions import to_simplified
from pipeline.publish.search_format import read_script
from pipeline.publish.search_index import NGRAM, Page, decode, fnv1a, fold, index_pages, to_canonical

_HAN = re.compile(f"[{HAN}]+")
_TOKEN = re.compile(r"[0-9a-z\u00c0-\u024f]+")
PHRASES = ["字政府建", "网通", "条块协同", "数据有序流"]
QUERIES = PHRASES + ["一网通办", "数据孤岛", "城市大脑", "數據孤島", "一網通辦", "條塊協同", "数字政府", "政务服务", "公共数据",
                     "數據共享", "数据 孤岛", "城市 大脑 政务云", "大数据局", "电子政务", "数据要素", "整体性"]
# The hard cases (issue 21): a phrase of common bigrams in no article, a common character, 着 (not 著), six common
# words, a long phrase; and a rare phrase (rare_phrase(): where two sentences meet, found in a few sections only)
WORST = ["数字政务", "政", "着", "数据 治理 协同 政府 平台 服务", "数据驱动数字政府建设条块协同"]


def rare_phrase(editions: dict[str, list[Page]]) -> str:
    """A phrase found in a few sections only: the first synthetic title's pair of words (X与Y), whatever N."""
    return editions["hans"][0].title.split("：")[0]


def expected_hits(site_dir: Path, query: str, edition: str = "hans") -> int:
    """Sections whose text holds every term of the query (the truth search should find), from the index's texts."""
    return len(grep(section_texts(site_dir, edition), query))


def section_texts(site_dir: Path, edition: str = "hans") -> list[str]:
    """Every section's text (heading and text) in index order, read as simplified: what grep() searches."""
    return [fold(to_simplified(h + "\n" + x, edition)) for _, _, sections in index_pages(site_dir / "search", edition) for _, h, x in sections]


def grep(texts: list[str], query: str) -> set[int]:
    """The truth: the sections (numbers in index order) whose text holds every term of the query."""
    terms = [to_canonical(t) for t in dict.fromkeys(unicodedata.normalize("NFKC", query).split())]
    return {n for n, text in enumerate(texts) if all(t in text for t in terms)}


def _spread(keys: list[str], most: int) -> list[str]:
    if len(keys) <= most:
        return keys
    return list(dict.fromkeys(keys[math.floor(i * (len(keys) - 1) / (most - 1) + 0.5)] for i in range(most)))


def query_terms(query: str) -> list[str]:
    """search-engine.js's terms of a query: NFKC, split at spaces, each read as the index reads text, each once."""
    return list(dict.fromkeys(to_canonical(t) for t in unicodedata.normalize("NFKC", query).split()))


def plan(term: str) -> tuple[list[str], list[str], bool]:
    """search-engine.js's plan(): a term's keys (a Han run of 1-3 characters, else its trigrams, at most 4, evenly
    spread; Latin/number words of 2+ characters), its other trigrams (read when the candidates are few), and whether
    the index alone decides it (one run of 1-3 characters or one word: the candidates are the hits)."""
    runs, tokens = _HAN.findall(term), _TOKEN.findall(term)
    keys: list[str] = []
    more: list[str] = []
    for run in runs:
        every = list(dict.fromkeys(run[i:i + NGRAM] for i in range(len(run) - NGRAM + 1)))
        grams = [run] if len(run) <= NGRAM else _spread(every, 4)
        keys += grams
        more += [g for g in every if g not in grams and len(run) > NGRAM]
    keys += [t for t in tokens if len(t) >= 2]
    one = (runs + tokens)[0] if len(runs) + len(tokens) == 1 else None
    exact = one == term and (len(one) <= NGRAM if runs else len(one) >= 2)
    return list(dict.fromkeys(keys)), list(dict.fromkeys(more)), exact


class _Postings:
    """A key's sections (numbers in index order) from the shard files of the index in `search`, each shard read once."""

    def __init__(self, search: Path) -> None:
        self.search = search
        self.count = int(read_script(search / "meta.js")["shards"])  # type: ignore[call-overload]
        self.shards: dict[int, dict[str, str]] = {}

    def __call__(self, key: str) -> set[int]:
        shard = fnv1a(key) % self.count
        data = self.shards.setdefault(shard, read_script(self.search / "s" / f"{shard}.js"))  # type: ignore[arg-type]
        found, last = set(), -1
        for v in decode(data.get(key, "")):
            last += (v >> 3) + 1
            found.add(last)
        return found


def candidates(site_dir: Path, query: str) -> tuple[set[int], bool]:
    """What search-engine.js takes from the index for a query, as it does (plan(), candidates()): the sections holding
    every term's keys, and whether the index alone decides (then these are the hits; else the shown texts confirm)."""
    plans = [plan(term) for term in query_terms(query)]
    wanted = set(_spread(list(dict.fromkeys(k for keys, _, _ in plans for k in keys)), 8))
    exact = all(e and set(keys) <= wanted for keys, _, e in plans)  # and no key left out (a query of many terms)
    sections = _Postings(site_dir / "search")
    result: set[int] | None = None
    for keys, _, _ in plans:
        for key in [k for k in keys if k in wanted]:
            result = sections(key) if result is None else result & sections(key)
    result = result or set()
    extra = _spread([k for k in dict.fromkeys(m for _, more, _ in plans for m in more) if k not in wanted], 4)
    if extra and 0 < len(result) <= 2000:  # search-engine.js's REFINE: a long phrase with few candidates reads more trigrams
        for key in extra:
            result &= sections(key)
    return result, exact

def pages_containing(editions: dict[str, list[Page]], query: str) -> int:
    terms = [to_canonical(t) for t in query.split()]
    return sum(all(t in fold("\n".join(s.heading + "\n" + s.text for s in p.sections)) for t in terms) for p in editions["hans"])


