"""The pages the search index holds, each as sections (anchor, heading, text) in one edition: an article (its top,
abstract and sections; notes and the citation block left out), one of our own Markdown pages, the glossary. The index
(search_index.py) keys the sections and writes their texts."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from pipeline.document.annotate import anchor
from pipeline.document.glossary import CATEGORIES
from pipeline.document.glossary import Entry as GlossaryEntry
from pipeline.document.model import Document
from pipeline.publish.glossary_page import WORDS as GLOSSARY_WORDS
from pipeline.publish.glossary_page import pinyin_key
from pipeline.publish.labels import LABELS

_MARKER = re.compile(r"\[\d{1,3}\]")


@dataclass(frozen=True)
class Section:
    anchor: str  # fragment id on the page; "" for the top of the page
    heading: str  # what the result shows as its title
    text: str


@dataclass(frozen=True)
class Page:
    slug: str  # the page's path under an edition root without suffix ("index" for the home page)
    title: str
    sections: tuple[Section, ...]


def plain(text: str) -> str:
    """Body text as a reader sees it: footnote markers [n] dropped."""
    return _MARKER.sub("", text)


def article_page(doc: Document, meta: dict[str, object], script: str) -> Page:
    """One article in one edition (`meta` already in its script): the top (title, authors, venue, keywords),
    the abstract and each section. Notes and the citation block are left out."""
    L = LABELS[script]
    title = str(meta.get("title") or doc.title)
    about = ["、".join(str(a) for a in meta.get("authors") or []), str(meta.get("publisher") or ""),  # type: ignore[attr-defined]
             str(meta.get("column") or ""), "；".join(doc.keywords)]
    sections = [Section("", title, "　".join(a for a in about if a))]
    if doc.abstract:
        sections.append(Section("abstract", L["abstract"], plain(doc.abstract)))
    for s in doc.sections:
        if not s.paragraphs and not s.heading:
            continue
        where = s.id if s.heading else (s.paragraphs[0].id if s.paragraphs else s.id)  # no heading: its first paragraph
        text = "\n".join(plain(p.lead + p.text) for p in s.paragraphs)
        sections.append(Section(where, plain(s.heading), text))  # no heading: the browser shows the title
    return Page(str(meta["slug"]), title, tuple(sections))


_HEADING = re.compile(r"^## +(.+?)(?: +\{: *#([^ }]+)[^}]*\})? *$")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_DELIMITER_ROW = re.compile(r"^ *\|?( *:?-+:? *\|)+( *:?-+:? *)?$")  # a table's |---|---| line


def _row(line: str) -> str:
    """A table row as the page shows it: its cells' text, a space between (the pipes that split cells are markup; one
    inside backticks or escaped is text). The search showed `| a | b |`, characters the page does not have."""
    cells, cell, code = [], "", False
    row = line.strip().removeprefix("|")
    i = 0
    while i < len(row):
        c = row[i]
        if c == "\\" and row[i + 1:i + 2] == "|":
            cell, i = cell + "|", i + 2
            continue
        if c == "`":
            code = not code
        if c == "|" and not code:
            cells.append(cell.strip())
            cell = ""
        else:
            cell += c
        i += 1
    cells.append(cell.strip())
    return " ".join(c for c in cells if c)


def markdown_page(slug: str, markdown: str) -> Page:
    """One of our own Markdown pages (about, input): sections at its `## ` headings, anchors as the toc makes them."""
    lines = markdown.splitlines()
    title = next((ln[2:].strip() for ln in lines if ln.startswith("# ")), slug)
    sections: list[Section] = []
    anchor, heading, body = "", title, []
    slugify = _slugify()

    def close() -> None:
        text = "\n".join(ln for ln in body if ln.strip())
        text = _LINK.sub(r"\1", text).replace("**", "").replace("`", "")
        if text or anchor:
            sections.append(Section(anchor, heading, text))

    for ln in lines:
        if ln.startswith("# "):
            continue
        if m := _HEADING.match(ln):
            close()
            heading = m.group(1).strip()
            anchor, body = m.group(2) or slugify(heading, "-"), []
        elif ln.lstrip().startswith("|"):
            body.append("" if _DELIMITER_ROW.match(ln) else _row(ln))
        else:
            body.append(ln.lstrip("-*0123456789. "))
    close()
    return Page(slug, title, tuple(sections))


def glossary_page(entries: Iterable[GlossaryEntry], script: str) -> Page:
    sections = [Section(anchor(e), e.form(script), f"{CATEGORIES[script][e.category]} · {e.english}\n{e.definition_in(script)}")
                for e in sorted(entries, key=lambda e: pinyin_key(e.term))]
    return Page("glossary", GLOSSARY_WORDS[script]["title"], tuple(sections))


@cache
def _slugify():  # type: ignore[no-untyped-def]
    from pymdownx.slugs import slugify  # the toc's slugify in mkdocs.yml
    return slugify(case="lower")
