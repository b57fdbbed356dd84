"""CSL-JSON (the export Zotero, Pandoc and citeproc read): the article, then each journal reference its notes give."""

from __future__ import annotations

import json
from functools import partial

from pipeline.document.references import Reference
from pipeline.publish.article import Article
from pipeline.publish.citations.common import LANGUAGE, date_parts, further, name

NAME = "csl"
ORDER = 40  # its place in the registry (the cite block lists text formats and files in this order)
TITLE = "CSL-JSON"
EXT = "json"  # its file: cite/<slug>.json
_PLACED = ("title", "authors", "date", "venue", "publisher", "doi", "keywords", "abstract")


_n = partial(name, NAME)  # the format's name for a field


def _value(kind: str, value: object) -> object:
    if kind == "date":
        return date_parts(str(value))
    return ", ".join(value) if isinstance(value, tuple) else value  # type: ignore[arg-type]


def _container(w: Article, item: dict[str, object]) -> None:
    """A web page's site is its container (CSL's "website title"); a journal article's container is the journal and its
    publisher is the publisher. Never the same name as both: styles print both (citeproc: "人民论坛网. 人民论坛网.")."""
    if w.venue:
        item[_n("venue")] = w.venue.name
        item.update({k: v for k, v in (("volume", w.venue.volume), ("issue", w.venue.issue), ("page", w.pages())) if v})
        if w.publisher and w.publisher != w.venue.name:
            item[_n("publisher")] = w.publisher
    elif w.publisher:
        item[_n("venue")] = w.publisher


def record(w: Article) -> dict[str, object]:
    item: dict[str, object] = {"id": w.slug, "type": "article-journal" if w.venue else "webpage", _n("title"): w.title, "language": LANGUAGE}
    if w.authors:
        item[_n("authors")] = [{"literal": a.name} for a in w.authors]
    if w.date or w.year:
        item[_n("date")] = date_parts(w.date or w.year)
    _container(w, item)
    if w.doi:
        item[_n("doi")] = w.doi
    if w.url:
        item["URL"] = w.url
    if w.keywords:
        item[_n("keywords")] = ", ".join(w.keywords)
    if w.abstract:
        item[_n("abstract")] = w.abstract
    item.update({key: _value(f.kind, value) for f, key, value in further(NAME, w, _PLACED)})
    if w.title_editorial:
        item["note"] = "Title supplied by the editors of this reader; the source has none."
    return item


def reference(w: Article, r: Reference) -> dict[str, object]:
    ref: dict[str, object] = {"id": f"{w.slug}-{r.id}", "type": "article-journal", "title": r.title,
                              "author": [{"literal": a} for a in r.authors], "container-title": r.journal,
                              "issued": {"date-parts": [[r.year]]}, "page": r.page_text(), "language": LANGUAGE}
    if r.issue:
        ref["issue"] = r.issue
    if r.volume:
        ref["volume"] = r.volume
    if r.et_al:
        ref["note"] = "The source lists further authors (等)."
    return ref


def items(w: Article, refs: list[Reference]) -> list[dict[str, object]]:
    return [record(w)] + [reference(w, r) for r in refs]


def export(w: Article, refs: list[Reference]) -> str:
    return json.dumps(items(w, refs), ensure_ascii=False, indent=1) + "\n"
