"""A schema.org JSON-LD record (ScholarlyArticle with a venue, else Article) for the page's <head>.

Without the abstract: the head's `citation_abstract` (highwire.py) already holds it, and that is what Zotero and Google
Scholar read; no reader of ours takes it from schema.org (issue 21: it was written twice on every article page)."""

from __future__ import annotations

from functools import partial

from pipeline.document.references import Reference
from pipeline.publish.article import Article
from pipeline.publish.citations.common import LANGUAGE, further, name, script_json

NAME = "jsonld"
ORDER = 80  # its place in the registry (the cite block lists text formats and files in this order)
TITLE = "JSON-LD"
_PLACED = ("title", "authors", "date", "publisher", "venue", "doi", "keywords")


_n = partial(name, NAME)  # the format's name for a field


def _part_of(w: Article, record: dict[str, object]) -> None:
    if not w.venue:
        return
    periodical: dict[str, object] = {"@type": "Periodical", "name": w.venue.name}
    if w.venue.volume:
        periodical = {"@type": "PublicationVolume", "volumeNumber": w.venue.volume, "isPartOf": periodical}
    record[_n("venue")] = {"@type": "PublicationIssue", "issueNumber": w.venue.issue, "isPartOf": periodical} if w.venue.issue else periodical
    first, last = w.page_range
    if first:
        record.update({"pagination": w.pages(), "pageStart": first, "pageEnd": last})


def record(w: Article, refs: list[Reference]) -> dict[str, object]:
    out: dict[str, object] = {"@context": "https://schema.org", "@type": "ScholarlyArticle" if w.venue else "Article",
                              _n("title"): w.title, "inLanguage": LANGUAGE}
    if w.authors:
        out[_n("authors")] = [{"@type": "Person", "name": a.name} | ({"affiliation": {"@type": "Organization", "name": a.affiliation}}
                                                                    if a.affiliation else {}) for a in w.authors]
    if w.date or w.year:
        out[_n("date")] = w.date or w.year
    if w.publisher:
        out[_n("publisher")] = {"@type": "Organization", "name": w.publisher}
    _part_of(w, out)
    if w.doi:
        out[_n("doi")] = {"@type": "PropertyValue", "propertyID": "DOI", "value": w.doi}
    if w.url:
        out["isBasedOn" if w.url_is_source else "url"] = w.url
    if w.keywords:
        out[_n("keywords")] = list(w.keywords)
    out.update({key: list(v) if isinstance(v, tuple) else v for _, key, v in further(NAME, w, _PLACED)})
    if refs:
        out["citation"] = [{"@type": "ScholarlyArticle", "headline": r.title, "author": [{"@type": "Person", "name": a} for a in r.authors],
                            "isPartOf": {"@type": "Periodical", "name": r.journal}, "datePublished": str(r.year),
                            "pagination": r.page_text()} for r in refs]
    return out


def script(w: Article, refs: list[Reference]) -> str:
    """The record as the page's <script type="application/ld+json"> holds it."""
    return script_json(record(w, refs))
