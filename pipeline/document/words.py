"""The site's words for the reader, one file per edition (corpus/data/words/, issue 20): zh-Hans.yaml holds every word;
the 繁體 edition's are those converted by the pipeline's own s2tw (editions.to_traditional), over which zh-Hant.yaml
writes the few s2tw gets wrong for the site (Taiwan wording: 資訊, 程式, 連結; 「」; an edition's own name).

Data, not code, and in corpus/data/ with the other reviewed files: schema-checked (corpus/schema/words*.json), strict
YAML, and part of every article's cache key (pipeline/publish/cache.py hashes corpus/data/), so a changed word rebuilds
the pages that show it. Here in the document stage, not in publish/: the glossary (document/glossary.py) names its
categories with them, and the conversion is this stage's."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import TypeVar

from pipeline.core.changes import PipelineError
from pipeline.core.convert import converter
from pipeline.core.data import load_yaml
from pipeline.core.layout import CORPUS
from pipeline.core.validate import yaml_line
from pipeline.document.editions import to_traditional

WORDS = CORPUS / "data" / "words"
FILES = {"hans": WORDS / "zh-Hans.yaml", "hant": WORDS / "zh-Hant.yaml"}
# An edition's name is written in its own script in both editions (the language menu, 简体版 on a 繁體 page).
OWN_NAMES = ("简体",)

Words = dict[str, dict[str, object]]
V = TypeVar("V")


class Lazy(Mapping[str, V]):
    """A table made from the words when it is read, not when a module is imported: a bad data file (the words, or the
    conversion overrides the 繁體 words go through) then fails inside a build step's error handling, in one line naming
    its file and line, not as an import's traceback; and `make serve` sees an edited words file."""

    def __init__(self, make: Callable[[], Mapping[str, V]]) -> None:
        self._make = make

    def __getitem__(self, key: str) -> V:
        return self._make()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._make())

    def __len__(self) -> int:
        return len(self._make())


def words(script: str) -> Words:
    """section -> key -> word (the change report's rules: name -> {name, explain}) in the edition's script. Shared:
    do not change what it returns. Read again when a file changed: `make serve` keeps this module while they are edited
    (overrides/hooks.py reads the theme's and the scripts' words on every build)."""
    return _words(script, FILES["hans"], FILES["hant"], tuple(path.stat().st_mtime_ns for path in FILES.values()))


@cache
def _words(script: str, hans_file: Path, hant_file: Path, _stamp: tuple[int, ...]) -> Words:
    hans = _load(hans_file, "words")
    if script == "hans":
        return hans
    overrides = _load(hant_file, "words_hant")
    check_overrides(overrides, hans, hant_file)
    return _merge(_converted(hans), overrides)


def script_words(script: str) -> dict[str, str]:
    """The words reader.js shows, keyed `reader.key` as the theme's translations are: every page carries them with the
    theme's in its __config (overrides/main.html), so they need no request of their own and load from file:// under the
    pages' CSP (script-src 'self')."""
    return {f"reader.{key}": str(word) for key, word in words(script)["reader"].items()}


# The theme's words search.js writes: Material's keys, which only Material's own search (not installed) read in __config
SEARCH_THEME_WORDS = ("search.result.placeholder", "search.result.none", "search.result.one", "search.result.other")


def search_words(script: str) -> dict[str, str]:
    """The words search.js writes (its own, `search.key`, and the theme's result lines), for the script that the search
    box loads with search's others when it is touched (pipeline/publish/build.py writes it): in every page's __config
    they were 0.5 kB of every page for the readers who search (issue 21)."""
    w = words(script)
    return {**{f"search.{key}": str(word) for key, word in w["search"].items()}, **{k: str(w["theme"][k]) for k in SEARCH_THEME_WORDS}}


def _load(path: Path, schema: str) -> Words:
    data = load_yaml(path, schema) or {}
    assert isinstance(data, dict)
    return data


def _converted(value: object) -> object:
    if isinstance(value, dict):
        return {k: _converted(v) for k, v in value.items()}
    return to_traditional(value) if isinstance(value, str) else value


def _merge(base: object, over: object) -> object:
    if isinstance(base, dict) and isinstance(over, dict):
        return {k: _merge(v, over[k]) if k in over else v for k, v in base.items()}
    return over


def _leaves(value: object, where: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], object]]:
    if isinstance(value, dict):
        return [leaf for k, v in value.items() for leaf in _leaves(v, (*where, k))]
    return [(where, value)]


def not_traditional(text: str) -> list[str]:
    """The runs of Han characters in `text` that s2tw would change: simplified ones (the 繁體 search count once read
    找到 1 个). An edition's own name (简体) is not counted."""
    for name in OWN_NAMES:
        text = text.replace(name, "　")
    s2tw = converter("s2tw")
    return [run for run in re.findall(r"[\u3400-\u9fff\U00020000-\U0002ffff]+", text) if s2tw.convert(run) != run]


def check_overrides(overrides: Words, hans: Words, path: Path) -> None:
    """Each 繁體 word overrides a word of zh-Hans.yaml and is in traditional script; refused with its line."""
    text = path.read_text(encoding="utf-8")
    base = dict(_leaves(hans))
    for where, word in _leaves(overrides):
        if where not in base:
            raise PipelineError(f"words: {'/'.join(where)} is not a word of {FILES['hans'].name}", file=str(path),
                                line=yaml_line(text, list(where)), text=str(word))
        if bad := not_traditional(str(word)):
            raise PipelineError(f"words: {'/'.join(where)} is not in traditional script ({'、'.join(bad)})", file=str(path),
                                line=yaml_line(text, list(where)), text=str(word))
