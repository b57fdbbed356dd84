"""Highwire Press `citation_*` <meta> tags (what Zotero and Google Scholar read); only what is known."""

from __future__ import annotations

from functools import partial

from pipeline.publish.article import Article
from pipeline.publish.citations.common import LANGUAGE, further, name

NAME = "highwire"
ORDER = 70  # its place in the registry (the cite block lists text formats and files in this order)
TITLE = "Highwire"
_PLACED = ("title", "authors", "date", "venue", "doi", "publisher", "keywords", "abstract")


_n = partial(name, NAME)  # the format's name for a field


def tags(w: Article) -> list[tuple[str, str]]:
    out = [(_n("title"), w.title), ("citation_language", LANGUAGE)]
    for a in w.authors:  # no author: none is named
        out.append((_n("authors"), a.name))
        if a.affiliation:
            out.append(("citation_author_institution", a.affiliation))
    if w.date or w.year:
        out.append((_n("date"), (w.date or w.year).replace("-", "/")))
    if w.venue:
        first, last = w.page_range
        out += [(k, v) for k, v in ((_n("venue"), w.venue.name), ("citation_volume", w.venue.volume), ("citation_issue", w.venue.issue),
                                    ("citation_firstpage", first), ("citation_lastpage", last)) if v]
    if w.doi:
        out.append((_n("doi"), w.doi))
    if w.publisher:
        out.append((_n("publisher"), w.publisher))
    if w.keywords:
        out.append((_n("keywords"), "; ".join(w.keywords)))
    if w.abstract:
        out.append((_n("abstract"), w.abstract))
    out += [(tag, "; ".join(v) if isinstance(v, tuple) else str(v).replace("-", "/") if f.kind == "date" else str(v))
            for f, tag, v in further(NAME, w, _PLACED)]
    if w.url:
        out.append(("citation_public_url", w.url))
    return out
