"""One resolved article per edition: the reviewed YAML's value where it gives one, else what the page states, field by
field (pipeline/document/fields.py), made once and read by every renderer (page, plain text and JSON, citations,
lists, feeds). Nothing after this merges YAML and page again."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.document.fields import FIELDS, Field
from pipeline.document.model import Author, Document, Venue

# A Chinese journal's 文章编号: ISSN(year)issue-first page (4 digits)-number of pages, e.g. 1008-9047(2020)02-0078-06.
_ARTICLE_NO = re.compile(r"\d{4}-\d{3}[\dXx]\s*[(（]\s*\d{4}\s*[)）]\s*[0-9A-Za-z]{1,4}-(\d{1,5})-(\d{1,3})")


@dataclass(frozen=True)
class Article:
    """What is known about an article, in one edition's script (the citations' is the simplified original)."""
    slug: str
    title: str
    title_editorial: bool
    authors: tuple[Author, ...]
    date: str  # YYYY-MM-DD, YYYY-MM or ""
    publisher: str
    url: str  # the publisher's page, else our page when the site URL is known, else ""
    url_is_source: bool  # True when `url` is the publisher's page
    keywords: tuple[str, ...]
    abstract: str
    venue: Venue | None = None  # the journal and issue, when known: the work is then cited as a journal article
    article_no: str = ""
    doi: str = ""
    funding: tuple[str, ...] = ()
    clc: str = ""
    doc_code: str = ""
    column: str = ""
    author_bio: str = ""
    received: str = ""  # 收稿日期, ISO
    revised: str = ""  # 修回日期 (修订日期), ISO
    # What only the reviewed YAML says (the site's own facts about its copy)
    source_url: str = ""
    author_note: str = ""
    summary: str = ""
    unreviewed: bool = False  # drafted by scripts.add, not yet checked (the YAML's `extracted:` list)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(a.name for a in self.authors)

    @property
    def year(self) -> str:
        return (self.venue.year if self.venue else "") or self.date[:4]

    @property
    def page_range(self) -> tuple[str, str]:
        """(first, last) page of a journal article: the venue's stated pages ("80-86", "80—86", "80"), else what its
        文章编号 says (…-0078-06: 6 pages from 78, so 78-83); ("", "") when neither is known."""
        if not self.venue:
            return "", ""
        if self.venue.pages:
            first, _, last = re.sub(r"\s*[-–—~～]+\s*", "-", self.venue.pages.strip()).partition("-")
            return first, last or first
        return pages_of_article_no(self.article_no)

    def pages(self, dash: str = "-") -> str:
        """The page range as one text: "78-83" (APA: "78–83"), "78" for one page, "" when unknown."""
        first, last = self.page_range
        return f"{first}{dash}{last}" if last != first else first

    def value(self, key: str) -> object:
        return getattr(self, key)

    @classmethod
    def of(cls, meta: dict[str, object], doc: Document, site_url: str = "") -> Article:
        """`meta` is the reviewed YAML in the edition's script, `doc` the page in the same script."""
        slug = str(meta.get("slug") or "")  # the CLI's lone file has none
        source = str(meta.get("source_url") or "")
        url = source or (f"{site_url.rstrip('/')}/{slug}/" if site_url and slug else "")
        values = {f.key: resolve(f, meta, doc) for f in FIELDS if f.key != "title"}
        return cls(slug=slug, title=str(meta["title"]), title_editorial=bool(meta.get("title_editorial")), url=url,
                   url_is_source=bool(source), source_url=source, author_note=str(meta.get("author_note") or ""),
                   summary=str(meta.get("summary") or ""), unreviewed=bool(meta.get("extracted")), **values)  # type: ignore[arg-type]


def resolve(f: Field, meta: dict[str, object], doc: Document) -> object:
    """The YAML's value of one field where it gives one (a venue field by field), else the page's."""
    page = f.of_page(doc)
    given = meta.get(f.key)
    if f.kind == "authors":
        return _authors(given) or page
    if f.kind == "venue":
        return _venue(given, page)  # type: ignore[arg-type]
    if f.kind == "funding":
        return _funding(given) or page
    if f.kind == "list":
        return tuple(str(k) for k in given or []) or page  # type: ignore[attr-defined]
    return str(given or "") or page


def pages_of_article_no(number: str) -> tuple[str, str]:
    """(first, last) page from a 文章编号, or ("", "") if it is not one."""
    m = _ARTICLE_NO.search(number or "")
    if not m or int(m.group(2)) == 0:
        return "", ""
    first = int(m.group(1))
    return str(first), str(first + int(m.group(2)) - 1)


def _authors(value: object) -> tuple[Author, ...]:
    """YAML authors: names, or {name, affiliation}."""
    out = []
    for a in value or []:  # type: ignore[attr-defined]
        out.append(Author(str(a["name"]), str(a.get("affiliation") or "")) if isinstance(a, dict) else Author(str(a)))
    return tuple(out)


def _venue(value: object, page: Venue | None) -> Venue | None:
    """Field by field: the YAML's value wins over the page's."""
    if not isinstance(value, dict):
        return page
    base = page or Venue("")
    merged = Venue(**{k: str(value.get(k) or "") or getattr(base, k) for k in ("name", "year", "issue", "pages", "volume")})
    return merged if merged.name else page


def _funding(value: object) -> tuple[str, ...]:
    """YAML funding records -> one line each, as a reader would write it: 国家社会科学基金西部项目“…”（21XGL005）."""
    out = []
    for f in value or []:  # type: ignore[attr-defined]
        title = f"“{f['project_title']}”" if f.get("project_title") else ""
        number = f"（{f['project_id']}）" if f.get("project_id") else ""
        out.append(f"{f['funder']}{title}{number}")
    return tuple(out)


def venue_text(v: Venue) -> str:
    """决策与信息，2021年第12期，第80-86页 (the page's own words for the metadata block)."""
    when = (f"{v.year}年" if v.year else "") + (f"第{v.volume}卷" if v.volume else "") + (f"第{v.issue}期" if v.issue else "")
    parts = [v.name] + ([when] if when else [])
    return "，".join(parts + ([f"第{v.pages}页"] if v.pages else []))
