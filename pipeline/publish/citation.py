"""Citations of an article and of its references: GB/T 7714-2025 and APA text, CSL-JSON, BibTeX, RIS,
Highwire `citation_*` tags and a schema.org JSON-LD record. Only true values: an unknown author is
left out (GB/T 7714 writes 佚名), an unknown date is left out, nothing is guessed."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from pipeline.document.model import Document
from pipeline.document.references import Reference, gbt7714

ACCESSED = "[引用日期]"  # GB/T's access date: the reader's own; the page fills it in (reader.js)
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]


@dataclass(frozen=True)
class Work:
    slug: str
    title: str
    title_editorial: bool
    authors: tuple[str, ...]
    date: str  # YYYY-MM-DD or ""
    publisher: str
    url: str  # the publisher's page, else our page when the site URL is known, else ""
    url_is_source: bool  # True when `url` is the publisher's page
    keywords: tuple[str, ...]
    abstract: str

    @classmethod
    def of(cls, meta: dict[str, object], doc: Document, site_url: str = "") -> Work:
        url = str(meta.get("source_url") or "") or (f"{site_url.rstrip('/')}/{meta['slug']}/" if site_url else "")
        return cls(str(meta["slug"]), str(meta["title"]), bool(meta.get("title_editorial")),
                   tuple(str(a) for a in meta.get("authors") or []),  # type: ignore[union-attr]
                   str(meta.get("date") or ""), str(meta.get("publisher") or ""), url, bool(meta.get("source_url")),
                   doc.keywords, doc.abstract)


def gbt_article(w: Work) -> str:
    """GB/T 7714-2025 online article: 作者. 题名[EB/OL]. (发布日期)[引用日期]. URL."""
    who = ", ".join(w.authors[:3]) + (", 等" if len(w.authors) > 3 else "") if w.authors else "佚名"
    date = f"({w.date})" if w.date else ""
    return f"{who}. {w.title}[EB/OL]. {date}{ACCESSED}." + (f" {w.url}." if w.url else "")


def apa_article(w: Work) -> str:
    """APA 7: with no author the title moves to the front; an unknown date is (n.d.)."""
    parts = [int(x) for x in w.date.split("-")] if re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])-\d{2}", w.date) else []
    if parts:  # the metadata check refuses dates that are not real; this only keeps a bad one from crashing
        y, m, d = parts
        when = f"({y}, {MONTHS[m - 1]} {d})"
    else:
        when = "(n.d.)"
    who = ", ".join(w.authors)
    head = f"{who}. {when}. {w.title}." if who else f"{w.title}. {when}."
    return " ".join(x for x in [head, f"{w.publisher}." if w.publisher else "", w.url] if x)


def _date_parts(date: str) -> dict[str, object]:
    return {"date-parts": [[int(x) for x in date.split("-")]]}


def csl(w: Work, refs: list[Reference]) -> list[dict[str, object]]:
    item: dict[str, object] = {"id": w.slug, "type": "webpage", "title": w.title, "language": "zh-CN"}
    if w.authors:
        item["author"] = [{"literal": a} for a in w.authors]
    if w.date:
        item["issued"] = _date_parts(w.date)
    if w.publisher:
        item["publisher"] = w.publisher
        item["container-title"] = w.publisher
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
                                  "issued": {"date-parts": [[r.year]]}, "page": r.page_text(), "language": "zh-CN"}
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
        fields.append(("author", _bib_names(w.authors)))
    if w.date:
        fields += [("date", _bib(w.date)), ("year", _bib(w.date[:4]))]
    fields += [(k, _bib(v)) for k, v in (("organization", w.publisher), ("keywords", ", ".join(w.keywords))) if v]
    if w.url:  # verbatim in biblatex: not escaped; a checked URL holds no braces, backslashes or spaces
        fields.append(("url", "{" + one_line(w.url) + "}"))
    fields += [(k, _bib(v)) for k, v in (("abstract", w.abstract), ("langid", "chinese")) if v]
    entries = [(f"@online{{{w.slug},", fields)]
    for r in refs:
        f = [("title", r.title), ("journal", r.journal), ("year", str(r.year)), ("number", r.issue), ("volume", r.volume),
             ("pages", r.page_text("--", ",")), ("langid", "chinese")]
        entries.append((f"@article{{{w.slug}-{r.id},", [("author", _bib_names(r.authors, r.et_al))] * bool(r.authors) + [(k, _bib(v)) for k, v in f if v]))
    return "\n".join(head + "\n" + ",\n".join(f"  {k} = {v}" for k, v in body) + "\n}\n" for head, body in entries)


def ris(w: Work, refs: list[Reference]) -> str:
    def record(tags: list[tuple[str, str]]) -> str:
        return "".join(f"{k}  - {one_line(v)}\n" for k, v in tags if one_line(v)) + "ER  - \n"  # a line break would start a record

    tags = [("TY", "ELEC"), ("ID", w.slug), ("TI", w.title)] + [("AU", a) for a in w.authors]
    tags += [("DA", w.date.replace("-", "/")), ("PY", w.date[:4]), ("PB", w.publisher), ("UR", w.url), ("LA", "zh-CN"),
             ("AB", w.abstract)] + [("KW", k) for k in w.keywords]
    out = [record(tags)]
    for r in refs:
        first, last = r.pages[0][0], r.pages[-1][1]
        t = [("TY", "JOUR"), ("ID", f"{w.slug}-{r.id}"), ("TI", r.title)] + [("AU", a) for a in r.authors]
        t += [("JO", r.journal), ("PY", str(r.year)), ("VL", r.volume), ("IS", r.issue), ("SP", first), ("EP", last), ("LA", "zh-CN")]
        out.append(record(t))
    return "\n".join(out)


def highwire(w: Work) -> list[tuple[str, str]]:
    """Tags Zotero and Google Scholar read; only what is known (no author: none is named)."""
    tags = [("citation_title", w.title), ("citation_language", "zh")]
    tags += [("citation_author", a) for a in w.authors]
    if w.date:
        tags.append(("citation_publication_date", w.date.replace("-", "/")))
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
    record: dict[str, object] = {"@context": "https://schema.org", "@type": "Article", "headline": w.title, "inLanguage": "zh-CN"}
    if w.authors:
        record["author"] = [{"@type": "Person", "name": a} for a in w.authors]
    if w.date:
        record["datePublished"] = w.date
    if w.publisher:
        record["publisher"] = {"@type": "Organization", "name": w.publisher}
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
