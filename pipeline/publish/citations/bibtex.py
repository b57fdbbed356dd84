"""BibTeX (biblatex's @online for a web article): one line per value, TeX's special characters escaped."""

from __future__ import annotations

import re
from functools import partial

from pipeline.document.references import Reference
from pipeline.publish.article import Article
from pipeline.publish.citations.common import LANGUAGE, further, name, one_line

NAME = "bibtex"
ORDER = 50  # its place in the registry (the cite block lists text formats and files in this order)
TITLE = "BibTeX"
EXT = "bib"
_PLACED = ("title", "authors", "date", "venue", "publisher", "keywords", "doi", "abstract")
_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "$": r"\$", "&": r"\&", "#": r"\#",
            "_": r"\_", "^": r"\^{}", "~": r"\~{}"}


_n = partial(name, NAME)  # the format's name for a field


def _text(value: str) -> str:
    return re.sub(r"[\\{}%$&#_^~]", lambda m: _SPECIAL[m.group()], one_line(value))


def braced(value: str) -> str:
    """A BibTeX field value: one line, TeX's special characters escaped, so braces always balance."""
    return "{" + _text(value) + "}"


def names(people: list[str] | tuple[str, ...], others: bool = False) -> str:
    """Authors joined by " and "; a name holding " and " or a comma is braced, so BibTeX keeps it one name."""
    shown = ["{" + _text(n) + "}" if re.search(r"\sand\s|,", n, re.IGNORECASE) else _text(n) for n in people]
    return "{" + " and ".join(shown + (["others"] if others else [])) + "}"


def _fields(w: Article) -> list[tuple[str, str]]:
    fields = [(_n("title"), braced(w.title))]
    if w.authors:
        fields.append((_n("authors"), names(w.names)))
    fields += [(k, braced(v)) for k, v in ((_n("date"), w.date), ("year", w.year)) if v]
    if w.venue:
        fields += [(k, braced(v)) for k, v in ((_n("venue"), w.venue.name), ("volume", w.venue.volume), ("number", w.venue.issue),
                                               ("pages", w.pages("--"))) if v]
    fields += [(k, braced(v)) for k, v in ((_n("publisher"), "" if w.venue else w.publisher), (_n("keywords"), ", ".join(w.keywords))) if v]
    for key, value in ((_n("doi"), w.doi), ("url", w.url)):  # verbatim in biblatex: braced as is when nothing in it could unbalance
        if value:
            fields.append((key, "{" + one_line(value) + "}" if re.fullmatch(r"[^\s{}\\]+", value) else braced(value)))
    fields += [(key, braced(", ".join(v) if isinstance(v, tuple) else str(v))) for _, key, v in further(NAME, w, _PLACED)]
    fields += [(k, braced(v)) for k, v in ((_n("abstract"), w.abstract), ("language", LANGUAGE)) if v]
    return fields


def export(w: Article, refs: list[Reference]) -> str:
    entries = [(f"@{'article' if w.venue else 'online'}{{{w.slug},", _fields(w))]
    for r in refs:
        f = [("title", r.title), ("journal", r.journal), ("year", str(r.year)), ("number", r.issue), ("volume", r.volume),
             ("pages", r.page_text("--", ",")), ("language", LANGUAGE)]
        entries.append((f"@article{{{w.slug}-{r.id},", [("author", names(r.authors, r.et_al))] * bool(r.authors) + [(k, braced(v)) for k, v in f if v]))
    return "\n".join(head + "\n" + ",\n".join(f"  {k} = {v}" for k, v in body) + "\n}\n" for head, body in entries)
