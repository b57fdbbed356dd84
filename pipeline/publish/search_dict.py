"""A jieba dictionary that segments both editions: jieba's own words plus their s2tw forms.

jieba's PyPI package ships only a simplified dictionary (dict.txt), which splits traditional
text into single characters (腳註內容 -> 腳/註/內/容) and so cripples search in the 繁體 edition.
Material's search plugin reads this file through `plugins.search.jieba_dict` in mkdocs.yml.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import jieba

from pipeline.core.data import ROOT
from pipeline.document.editions import to_traditional

SEARCH_DICT = ROOT / "build" / "search" / "jieba_dict.txt"


def merged_dictionary(source: str, extra_terms: list[str] = ()) -> str:  # type: ignore[assignment]
    """jieba's dictionary lines, then every word whose traditional form differs, with the same frequency and tag."""
    lines = source.splitlines()
    words = [line.split(" ", 1) for line in lines if line.strip()]
    # One OpenCC call over all words (newline-separated) is far faster than 350k calls; OpenCC keeps newlines.
    converted = to_traditional("\n".join(w for w, _ in words)).split("\n")
    if len(converted) != len(words):
        raise RuntimeError("OpenCC changed the number of lines while converting jieba's dictionary")
    known = {w for w, _ in words}
    out = list(lines)
    for (word, rest), trad in zip(words, converted, strict=True):
        if trad != word and trad not in known:
            known.add(trad)
            out.append(f"{trad} {rest}")
    for term in extra_terms:  # glossary terms: a high frequency so jieba keeps them whole
        if term not in known:
            known.add(term)
            out.append(f"{term} 100000 n")
    return "\n".join(out) + "\n"


def write_search_dict(extra_terms: list[str] = (), path: Path = SEARCH_DICT) -> Path:  # type: ignore[assignment]
    """Write the merged dictionary unless an identical one is already there (it takes a few seconds)."""
    source = Path(jieba.get_dict_file().name).read_text(encoding="utf-8")
    key = hashlib.sha256((source + "\0" + "\n".join(extra_terms)).encode()).hexdigest()
    stamp = path.with_suffix(".sha256")
    if path.exists() and stamp.exists() and stamp.read_text() == key:
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(merged_dictionary(source, list(extra_terms)), encoding="utf-8")
    stamp.write_text(key)
    return path
