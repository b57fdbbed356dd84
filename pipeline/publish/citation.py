"""Citations of an article and of its references: GB/T 7714-2025 and APA text, CSL-JSON, BibTeX, RIS,
Highwire `citation_*` tags and a schema.org JSON-LD record. Only true values: an unknown author is
left out (GB/T 7714 writes 佚名), an unknown date is left out, nothing is guessed."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from pipeline.document.model import Author, Document, Venue
from pipeline.document.references import Reference, gbt7714

# The language of every citation record (Highwire, JSON-LD, CSL, RIS, BibTeX): the cited work is the simplified
# original in both editions, so its tag is the one the simplified edition's <html lang> carries (BCP 47, as everywhere
# on the site; "zh" and "zh-CN" said less, and differently, in different formats).
LANGUAGE = "zh-Hans"
# A Chinese journal's 文章编号: ISSN(year)issue-first page (4 digits)-number of pages, e.g. 1008-9047(2020)02-0078-06.
_ARTICLE_NO = re.compile(r"\d{4}-\d{3}[\dXx]\s*[(（]\s*\d{4}\s*[)）]\s*[0-9A-Za-z]{1,4}-(\d{1,5})-(\d{1,3})")
ACCESSED = "[引用日期]"  # GB/T's access date: the reader's own; the page fills it in (reader.js)
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]


@dataclass(frozen=True)
class Work:
    """What is known about an article: the reviewed YAML's value where it gives one, else what the page states."""
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

    @classmethod
    def of(cls, meta: dict[str, object], doc: Document, site_url: str = "") -> Work:
        slug = str(meta.get("slug") or "")  # the CLI's lone file has none
        url = str(meta.get("source_url") or "") or (f"{site_url.rstrip('/')}/{slug}/" if site_url and slug else "")

        def text(key: str, page: str) -> str:
            return str(meta.get(key) or "") or page

        return cls(slug, str(meta["title"]), bool(meta.get("title_editorial")),
                   _authors(meta.get("authors")) or doc.authors, text("date", doc.date), str(meta.get("publisher") or ""),
                   url, bool(meta.get("source_url")),
                   tuple(str(k) for k in meta.get("keywords") or []) or doc.keywords,  # type: ignore[union-attr]
                   text("abstract", doc.abstract), _venue(meta.get("venue"), doc.venue), text("article_no", doc.article_no),
                   text("doi", doc.doi), _funding(meta.get("funding")) or doc.funding, text("clc", doc.clc),
                   text("doc_code", doc.doc_code))


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


def gbt_article(w: Work) -> str:
    """GB/T 7714-2025. With a known venue, a journal article: 作者. 题名[J]. 刊名, 年(期): 页码.
    Otherwise an online article: 作者. 题名[EB/OL]. (发布日期)[引用日期]. URL."""
    who = ", ".join(w.names[:3]) + (", 等" if len(w.names) > 3 else "") if w.names else "佚名"
    if w.venue:
        where = w.venue.name + (f", {w.year}" if w.year else "") + (f", {w.venue.volume}" if w.venue.volume else "") + (
            f"({w.venue.issue})" if w.venue.issue else "")
        pages = f": {w.pages()}" if w.pages() else ""
        return f"{who}. {w.title}[J]. {where}{pages}." + (f" DOI: {w.doi}." if w.doi else "")
    date = f"({w.date})" if w.date else ""
    return f"{who}. {w.title}[EB/OL]. {date}{ACCESSED}." + (f" {w.url}." if w.url else "")


def apa_article(w: Work) -> str:
    """APA 7: with no author the title moves to the front; a journal article gives its year, a web page its date;
    an unknown date is (n.d.); authors are joined by commas, the last after "&" (as citeproc's apa.csl writes them)."""
    parts = [int(x) for x in w.date.split("-")] if re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])(-\d{2})?", w.date) else []
    if parts and not w.venue:  # the metadata check refuses dates that are not real; this only keeps a bad one from crashing
        when = f"({parts[0]}, {MONTHS[parts[1] - 1]}" + (f" {parts[2]}" if len(parts) > 2 else "") + ")"
    else:
        when = f"({w.year})" if w.year else "(n.d.)"
    who = ", ".join(w.names[:-1]) + ", & " + w.names[-1] if len(w.names) > 1 else "".join(w.names)
    head = f"{who}. {when}. {w.title}." if who else f"{w.title}. {when}."
    if w.venue:
        issue = (f", {w.venue.volume}" if w.venue.volume else "") + (f"({w.venue.issue})" if w.venue.issue else "")
        issue = issue if issue.startswith(",") or not issue else f", {issue}"
        source = f"{w.venue.name}{issue}" + (f", {w.pages('–')}" if w.pages() else "") + "."  # APA: an en dash
        link = f"https://doi.org/{w.doi}" if w.doi else w.url
        return " ".join(x for x in [head, source, link] if x)
    return " ".join(x for x in [head, f"{w.publisher}." if w.publisher else "", w.url] if x)


def _date_parts(date: str) -> dict[str, object]:
    return {"date-parts": [[int(x) for x in date.split("-")]]}


def csl(w: Work, refs: list[Reference]) -> list[dict[str, object]]:
    item: dict[str, object] = {"id": w.slug, "type": "article-journal" if w.venue else "webpage", "title": w.title, "language": LANGUAGE}
    if w.authors:
        item["author"] = [{"literal": a.name} for a in w.authors]
    if w.date or w.year:
        item["issued"] = _date_parts(w.date or w.year)
    # A web page's site is its container (CSL's "website title"); a journal article's container is the journal and its
    # publisher is the publisher. Never the same name as both: styles print both (citeproc: "人民论坛网. 人民论坛网.").
    if w.venue:
        item["container-title"] = w.venue.name
        item.update({k: v for k, v in (("volume", w.venue.volume), ("issue", w.venue.issue), ("page", w.pages())) if v})
        if w.publisher and w.publisher != w.venue.name:
            item["publisher"] = w.publisher
    elif w.publisher:
        item["container-title"] = w.publisher
    if w.doi:
        item["DOI"] = w.doi
    if w.url:
        item["URL"] = w.url
    if w.keywords:
        item["keyword"] = ", ".join(w.keywords)
    if w.abstract:
        item["abstract"] = w.abstract
    if w.title_editorial:
        item["note"] = "Title supplied by the editors of this reader; the source has none."
    items = [item]
    for r in refs:
        ref: dict[str, object] = {"id": f"{w.slug}-{r.id}", "type": "article-journal", "title": r.title,
                                  "author": [{"literal": a} for a in r.authors], "container-title": r.journal,
                                  "issued": {"date-parts": [[r.year]]}, "page": r.page_text(), "language": LANGUAGE}
        if r.issue:
            ref["issue"] = r.issue
        if r.volume:
            ref["volume"] = r.volume
        if r.et_al:
            ref["note"] = "The source lists further authors (等)."
        items.append(ref)
    return items


_ONE_LINE = re.compile(r"\s+")  # any line break (\n, \r, U+2028, U+0085...) or run of spaces: one space
_BIB_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "$": r"\$", "&": r"\&", "#": r"\#",
                "_": r"\_", "^": r"\^{}", "~": r"\~{}"}


def one_line(value: str) -> str:
    return _ONE_LINE.sub(" ", value).strip()


def _bib_text(value: str) -> str:
    return re.sub(r"[\\{}%$&#_^~]", lambda m: _BIB_SPECIAL[m.group()], one_line(value))


def _bib(value: str) -> str:
    """A BibTeX field value: one line, TeX's special characters escaped, so braces always balance."""
    return "{" + _bib_text(value) + "}"


def _bib_names(names: list[str] | tuple[str, ...], others: bool = False) -> str:
    """Authors joined by " and "; a name holding " and " or a comma is braced, so BibTeX keeps it one name."""
    shown = ["{" + _bib_text(n) + "}" if re.search(r"\sand\s|,", n, re.IGNORECASE) else _bib_text(n) for n in names]
    return "{" + " and ".join(shown + (["others"] if others else [])) + "}"


def bibtex(w: Work, refs: list[Reference]) -> str:
    fields = [("title", _bib(w.title))]
    if w.authors:
        fields.append(("author", _bib_names(w.names)))
    fields += [(k, _bib(v)) for k, v in (("date", w.date), ("year", w.year)) if v]
    if w.venue:
        fields += [(k, _bib(v)) for k, v in (("journal", w.venue.name), ("volume", w.venue.volume), ("number", w.venue.issue),
                                             ("pages", w.pages("--"))) if v]
    fields += [(k, _bib(v)) for k, v in (("organization", "" if w.venue else w.publisher), ("keywords", ", ".join(w.keywords))) if v]
    for key, value in (("doi", w.doi), ("url", w.url)):  # verbatim in biblatex: braced as is when nothing in it could unbalance
        if value:
            fields.append((key, "{" + one_line(value) + "}" if re.fullmatch(r"[^\s{}\\]+", value) else _bib(value)))
    fields += [(k, _bib(v)) for k, v in (("abstract", w.abstract), ("language", LANGUAGE)) if v]
    entries = [(f"@{'article' if w.venue else 'online'}{{{w.slug},", fields)]
    for r in refs:
        f = [("title", r.title), ("journal", r.journal), ("year", str(r.year)), ("number", r.issue), ("volume", r.volume),
             ("pages", r.page_text("--", ",")), ("language", LANGUAGE)]
        entries.append((f"@article{{{w.slug}-{r.id},", [("author", _bib_names(r.authors, r.et_al))] * bool(r.authors) + [(k, _bib(v)) for k, v in f if v]))
    return "\n".join(head + "\n" + ",\n".join(f"  {k} = {v}" for k, v in body) + "\n}\n" for head, body in entries)


def ris(w: Work, refs: list[Reference]) -> str:
    def record(tags: list[tuple[str, str]]) -> str:
        return "".join(f"{k}  - {one_line(v)}\n" for k, v in tags if one_line(v)) + "ER  - \n"  # a line break would start a record

    tags = [("TY", "JOUR" if w.venue else "ELEC"), ("ID", w.slug), ("TI", w.title)] + [("AU", a) for a in w.names]
    if w.venue:
        first, last = w.page_range
        tags += [("JO", w.venue.name), ("VL", w.venue.volume), ("IS", w.venue.issue), ("SP", first), ("EP", last), ("DO", w.doi)]
    tags += [("DA", w.date.replace("-", "/")), ("PY", w.year), ("PB", w.publisher), ("UR", w.url), ("LA", LANGUAGE),
             ("AB", w.abstract)] + [("KW", k) for k in w.keywords]
    out = [record(tags)]
    for r in refs:
        first, last = r.pages[0][0], r.pages[-1][1]
        t = [("TY", "JOUR"), ("ID", f"{w.slug}-{r.id}"), ("TI", r.title)] + [("AU", a) for a in r.authors]
        t += [("JO", r.journal), ("PY", str(r.year)), ("VL", r.volume), ("IS", r.issue), ("SP", first), ("EP", last), ("LA", LANGUAGE)]
        out.append(record(t))
    return "\n".join(out)


def highwire(w: Work) -> list[tuple[str, str]]:
    """Tags Zotero and Google Scholar read; only what is known (no author: none is named)."""
    tags = [("citation_title", w.title), ("citation_language", LANGUAGE)]
    for a in w.authors:
        tags.append(("citation_author", a.name))
        if a.affiliation:
            tags.append(("citation_author_institution", a.affiliation))
    if w.date or w.year:
        tags.append(("citation_publication_date", (w.date or w.year).replace("-", "/")))
    if w.venue:
        first, last = w.page_range
        tags += [(k, v) for k, v in (("citation_journal_title", w.venue.name), ("citation_volume", w.venue.volume), ("citation_issue", w.venue.issue),
                                    ("citation_firstpage", first), ("citation_lastpage", last)) if v]
    if w.doi:
        tags.append(("citation_doi", w.doi))
    if w.publisher:
        tags.append(("citation_publisher", w.publisher))
    if w.keywords:
        tags.append(("citation_keywords", "; ".join(w.keywords)))
    if w.abstract:
        tags.append(("citation_abstract", w.abstract))
    if w.url:
        tags.append(("citation_public_url", w.url))
    return tags


def jsonld(w: Work, refs: list[Reference]) -> str:
    record: dict[str, object] = {"@context": "https://schema.org", "@type": "ScholarlyArticle" if w.venue else "Article",
                                 "headline": w.title, "inLanguage": LANGUAGE}
    if w.authors:
        record["author"] = [{"@type": "Person", "name": a.name} | ({"affiliation": {"@type": "Organization", "name": a.affiliation}}
                                                                   if a.affiliation else {}) for a in w.authors]
    if w.date or w.year:
        record["datePublished"] = w.date or w.year
    if w.publisher:
        record["publisher"] = {"@type": "Organization", "name": w.publisher}
    if w.venue:
        periodical = {"@type": "Periodical", "name": w.venue.name}
        if w.venue.volume:
            periodical = {"@type": "PublicationVolume", "volumeNumber": w.venue.volume, "isPartOf": periodical}
        record["isPartOf"] = {"@type": "PublicationIssue", "issueNumber": w.venue.issue, "isPartOf": periodical} if w.venue.issue else periodical
        first, last = w.page_range
        if first:
            record.update({"pagination": w.pages(), "pageStart": first, "pageEnd": last})
    if w.doi:
        record["identifier"] = {"@type": "PropertyValue", "propertyID": "DOI", "value": w.doi}
    if w.url:
        record["isBasedOn" if w.url_is_source else "url"] = w.url
    if w.keywords:
        record["keywords"] = list(w.keywords)
    if w.abstract:
        record["abstract"] = w.abstract
    if refs:
        record["citation"] = [{"@type": "ScholarlyArticle", "headline": r.title, "author": [{"@type": "Person", "name": a} for a in r.authors],
                               "isPartOf": {"@type": "Periodical", "name": r.journal}, "datePublished": str(r.year),
                               "pagination": r.page_text()} for r in refs]
    return script_json(record)


def script_json(value: object) -> str:
    """JSON for inside a <script> element: "<", ">" and "&" as \\u escapes, so neither "</script>" nor "<!--"
    can end or hide the element; U+2028/U+2029 too (older JavaScript reads them as line ends)."""
    out = json.dumps(value, ensure_ascii=False, sort_keys=True)
    for ch in "<>&\u2028\u2029":
        out = out.replace(ch, f"\\u{ord(ch):04x}")
    return out


def reference_texts(refs: list[Reference]) -> list[tuple[str, str]]:
    return [(r.id, gbt7714(r)) for r in refs]
