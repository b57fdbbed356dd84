"""The reviewed glossary (corpus/data/glossary.yaml): load, check, and give each entry in both scripts."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pipeline.core.changes import PipelineError, line_of
from pipeline.core.data import load_yaml
from pipeline.core.layout import CORPUS
from pipeline.core.validate import check_strings
from pipeline.document.editions import to_traditional
from pipeline.document.words import Lazy, words

GLOSSARY = CORPUS / "data" / "glossary.yaml"
CATEGORIES = Lazy(lambda: {script: words(script)["categories"] for script in ("hans", "hant")})  # their names: corpus/data/words/


@dataclass(frozen=True)
class Entry:
    term: str  # simplified, canonical
    traditional: str
    category: str
    english: str
    definition: str  # simplified
    related: tuple[str, ...]

    def form(self, script: str) -> str:
        return self.term if script == "hans" else self.traditional

    def definition_in(self, script: str) -> str:
        return self.definition if script == "hans" else to_traditional(self.definition)


def load_glossary(path: Path = GLOSSARY) -> list[Entry]:
    data = load_yaml(path, "glossary")
    assert isinstance(data, dict)
    text = path.read_text(encoding="utf-8")
    check_strings(data, path, text)  # every field is one line: a blank line in a tooltip would start raw HTML
    entries: list[Entry] = []
    seen: dict[str, str] = {}
    for item in data["terms"]:
        term = item["term"]
        trad = item.get("traditional") or to_traditional(term)
        for form in dict.fromkeys((term, trad)):  # ordered: the message must not depend on hash seeds
            if form in seen:  # name the second entry's line
                raise PipelineError(f"glossary term {form!r} listed twice", file=str(path), line=line_of(text, text.rfind(f"term: {term}")),
                                    text=term)
            seen[form] = term
        entries.append(Entry(term, trad, item["category"], item["english"], item["definition"], tuple(item["related"])))
    for e in entries:
        for r in e.related:
            if r not in seen:
                raise PipelineError(f"glossary term {e.term!r} is related to {r!r}, which is not in the glossary",
                                    file=str(path), line=line_of(text, text.find(f"term: {e.term}")), text=r)
    return entries


@cache
def glossary() -> tuple[Entry, ...]:
    return tuple(load_glossary())
