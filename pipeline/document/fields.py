"""FIELDS: one row per metadata field of an article, so that a new field is one row (plus its parser and tests).

A row says where the field comes from and where it goes: the labels a page writes it under (read from
corpus/data/labels.yaml: data stays data), how structure takes a labelled value (`store`, the handlers in
pipeline/document/field_store.py) and normalises it (`parse`), how the reviewed YAML gives it (`kind`), its label on
the page in both scripts, its key in the command line's JSON, and its name in every citation format
(pipeline/publish/citations/). The row order is the JSON's key order and the order of the generic metadata rows.

It sits in the document stage, not in core: its parsers are the document stage's recognisers (metadata.parse_date).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache

from pipeline.core.data import load_yaml
from pipeline.core.layout import CORPUS
from pipeline.document.model import Document

# Citation formats a row may name itself in (the modules of pipeline/publish/citations/ by their NAME)
CITATION_FORMATS = ("gbt7714", "apa", "mla", "bibtex", "ris", "csl", "highwire", "jsonld")


def _same(value: str) -> str:
    return value


def compact(value: str) -> str:
    """An identifier written with spaces inside (1002-8129 (2021) 12-0080-07, 10.1 6619/…): one token."""
    return "".join(value.split())


@dataclass(frozen=True)
class Field:
    key: str  # the Document's and the Article's attribute; the `field` of its labels in labels.yaml
    json: bool = False  # in the command line's JSON (corpus/schema/clean_output.json), under `key`
    shown: bool = False  # the page shows it under a label: the words files' `labels.<label_key>` (corpus/data/words/)
    words_key: str = ""  # the key of its label among the site's words, when not `key`
    kind: str = "text"  # text | list | date | authors | venue | funding: its value's shape (YAML, JSON, citations)
    store: str = ""  # how structure takes a value labelled with it (field_store.HANDLERS); "" = not from a label
    parse: Callable[[str], str] = _same  # a labelled value as stored
    page: Callable[[Document], object] | None = None  # the page's value, when it is not the Document's `key`
    from_page: bool = True  # False: only the reviewed YAML gives it (the page's value is not published)
    row: bool = False  # shown as a generic row of the page's metadata block (after the report link)
    glossed: bool = False  # its label is a glossary term (readers may not know a 中图分类号)
    link: str = ""  # a row's value links here ("{}" is the value, URL-quoted)
    cite: Mapping[str, str] = field(default_factory=dict)  # citation format -> the format's name for it

    @property
    def label_key(self) -> str:
        return self.words_key or self.key

    @property
    def words(self) -> tuple[str, str] | None:
        """Its label on a page (简体, 繁體), from the words files, when the page shows it under one."""
        if not self.shown:
            return None
        from pipeline.document.words import words  # the words files load OpenCC for 繁體: only when a label is asked for
        return str(words("hans")["labels"][self.label_key]), str(words("hant")["labels"][self.label_key])  # type: ignore[index]

    def of_page(self, doc: Document) -> object:
        if not self.from_page:
            return "" if self.kind in ("text", "date") else ()
        return self.page(doc) if self.page else getattr(doc, self.key)


def history_date(doc: Document, labels: tuple[str, ...]) -> str:
    """The ISO date of the first line of the article's history written under one of `labels` (收稿日期：2021-11-22),
    which are labels.yaml's history labels; in either edition (the 繁體 one's history reads 修訂日期)."""
    if not doc.history:
        return ""
    # Imported here: the site's words (pipeline/publish/labels.py, read by the theme's hooks) import this module, and
    # OpenCC and the recognisers' jieba took a second to load
    from pipeline.core.convert import t2s
    from pipeline.document.metadata import parse_date

    return next((parse_date(line) for line in doc.history if any(t2s(line).startswith(label) for label in labels)), "")


RECEIVED = ("收稿日期",)  # of labels.yaml's history labels, those that date the manuscript's arrival
REVISED = ("修订日期", "修回日期")  # ... and its revision


def received(doc: Document) -> str:
    return history_date(doc, RECEIVED)


def revised(doc: Document) -> str:
    return history_date(doc, REVISED)


FIELDS: tuple[Field, ...] = (
    Field("title", json=True, kind="text", cite={"csl": "title", "bibtex": "title", "ris": "TI", "highwire": "citation_title",
                                                 "jsonld": "headline"}),
    Field("authors", json=True, shown=True, words_key="author", kind="authors",
          cite={"csl": "author", "bibtex": "author", "ris": "AU", "highwire": "citation_author", "jsonld": "author"}),
    Field("date", json=True, shown=True, kind="date", store="date",
          cite={"csl": "issued", "bibtex": "date", "ris": "DA", "highwire": "citation_publication_date", "jsonld": "datePublished"}),
    Field("venue", json=True, shown=True, kind="venue",
          cite={"csl": "container-title", "bibtex": "journal", "ris": "JO", "highwire": "citation_journal_title", "jsonld": "isPartOf"}),
    Field("publisher", shown=True, from_page=False,
          cite={"csl": "publisher", "bibtex": "organization", "ris": "PB", "highwire": "citation_publisher", "jsonld": "publisher"}),
    Field("column", shown=True, store="once"),
    Field("keywords", json=True, shown=True, kind="list", store="keywords",
          cite={"csl": "keyword", "bibtex": "keywords", "ris": "KW", "highwire": "citation_keywords", "jsonld": "keywords"}),
    Field("abstract", json=True, shown=True, store="abstract",
          cite={"csl": "abstract", "bibtex": "abstract", "ris": "AB", "highwire": "citation_abstract"}),
    Field("clc", json=True, shown=True, store="once", row=True, glossed=True),
    Field("doc_code", json=True, shown=True, store="once", row=True, glossed=True),
    Field("article_no", json=True, shown=True, store="once", parse=compact, row=True),
    Field("doi", json=True, shown=True, store="doi", parse=compact, row=True, link="https://doi.org/{}",
          cite={"gbt7714": "DOI", "apa": "https://doi.org/", "csl": "DOI", "bibtex": "doi", "ris": "DO", "highwire": "citation_doi",
                "jsonld": "identifier"}),
    Field("funding", json=True, shown=True, kind="funding", store="list", row=True),
    Field("received", json=True, shown=True, kind="date", page=received, row=True, cite={"csl": "submitted"}),
    Field("revised", json=True, shown=True, kind="date", page=revised, row=True),
    Field("author_bio", shown=True, store="list"),
)


@cache
def field_of(key: str) -> Field:
    return next(f for f in FIELDS if f.key == key)


@cache
def label_names(key: str) -> tuple[str, ...]:
    """The labels a page writes a field under, from corpus/data/labels.yaml (the first is the usual one)."""
    raw = load_yaml(CORPUS / "data" / "labels.yaml", "labels")
    assert isinstance(raw, dict)
    return tuple(name for entry in raw["labels"] if entry["field"] == key for name in entry["names"])
