"""RIS (EndNote, Zotero, Mendeley): one tag per line, a list's values each on a line of their own."""

from __future__ import annotations

from functools import partial

from pipeline.document.references import Reference
from pipeline.publish.article import Article
from pipeline.publish.citations.common import LANGUAGE, further, name, one_line

NAME = "ris"
ORDER = 60  # its place in the registry (the cite block lists text formats and files in this order)
TITLE = "RIS"
EXT = "ris"
_PLACED = ("title", "authors", "venue", "doi", "date", "publisher", "abstract", "keywords")


_n = partial(name, NAME)  # the format's name for a field


def _record(tags: list[tuple[str, str]]) -> str:
    return "".join(f"{k}  - {one_line(v)}\n" for k, v in tags if one_line(v)) + "ER  - \n"  # a line break would start a record


def _tags(w: Article) -> list[tuple[str, str]]:
    tags = [("TY", "JOUR" if w.venue else "ELEC"), ("ID", w.slug), (_n("title"), w.title)] + [(_n("authors"), a) for a in w.names]
    if w.venue:
        first, last = w.page_range
        tags += [(_n("venue"), w.venue.name), ("VL", w.venue.volume), ("IS", w.venue.issue), ("SP", first), ("EP", last), (_n("doi"), w.doi)]
    tags += [(_n("date"), w.date.replace("-", "/")), ("PY", w.year), (_n("publisher"), w.publisher), ("UR", w.url), ("LA", LANGUAGE),
             (_n("abstract"), w.abstract)] + [(_n("keywords"), k) for k in w.keywords]
    for f, tag, value in further(NAME, w, _PLACED):
        tags += [(tag, v) for v in value] if isinstance(value, tuple) else [(tag, str(value).replace("-", "/") if f.kind == "date" else str(value))]
    return tags


def export(w: Article, refs: list[Reference]) -> str:
    out = [_record(_tags(w))]
    for r in refs:
        first, last = r.pages[0][0], r.pages[-1][1]
        t = [("TY", "JOUR"), ("ID", f"{w.slug}-{r.id}"), ("TI", r.title)] + [("AU", a) for a in r.authors]
        t += [("JO", r.journal), ("PY", str(r.year)), ("VL", r.volume), ("IS", r.issue), ("SP", first), ("EP", last), ("LA", LANGUAGE)]
        out.append(_record(t))
    return "\n".join(out)
