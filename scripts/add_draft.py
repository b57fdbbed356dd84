"""Draft an article's YAML from what a processed page states (scripts/add.py writes it): each value with the raw
line it was read off, under `extracted:`, so a reviewer checks instead of types."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.core.chars import HAN
from pipeline.core.convert import t2s
from pipeline.document.article import Result
from pipeline.document.model import Document

_KEEP = re.compile(f"[{HAN}0-9A-Za-z]")
_READING = re.compile(r"\([a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüê]{1,7}\)")  # 網(wǎng), 職業(yè): not part of the text


def normal(text: str) -> str:
    """Script, spacing, punctuation and reading annotations ignored: what makes two titles or lines the same."""
    return "".join(_KEEP.findall(_READING.sub("", t2s(text)))).lower()


class Lines:
    """The raw file's lines, to say where each drafted value stands (the reviewer checks it there)."""

    def __init__(self, raw: str) -> None:
        self.lines = raw.split("\n")
        self.normal = [normal(line) for line in self.lines]

    def find(self, *needles: str, label: str = "") -> dict[str, object]:
        """The line holding most of the needles (a label such as 关键词 breaks ties), earliest first."""
        keys = {k for k in (normal(n)[:16] for n in needles) if k}
        mark = normal(label)
        best, where = 0.0, 0
        for number, line in enumerate(self.normal, start=1):
            hits = sum(k in line for k in keys)
            score = hits + (0.5 if hits and mark and mark in line else 0)
            if score > best:
                best, where = score, number
        if not where:
            return {"line": None, "text": "(not found verbatim on the page: check it against the whole page)"}
        text = self.lines[where - 1].strip()
        return {"line": where, "text": text if len(text) <= 120 else text[:119] + "…"}


def pieces(text: str) -> tuple[str, ...]:
    """Needles from a long value: its start, middle and end (a garbled stretch spoils only one)."""
    return (text[:16], text[16:32], text[-16:]) if len(text) > 16 else (text,)


def date_needles(date: str) -> list[str]:
    y, *rest = date.split("-")
    m = rest[0] if rest else ""
    return [date, date.replace("-", ""), f"{y}年{int(m)}月" if m else f"{y}年", f"{y}.{m}", f"{y}/{m}", y]


def funding_record(text: str) -> dict[str, str]:
    """基金项目 as written -> {funder, project_title, project_id}: 国家社会科学基金“题名”（21XGL005）."""
    record: dict[str, str] = {}
    rest = text.strip().rstrip("。；;")
    if m := re.search(r"[（(]\s*(?:项目编号|批准号|编号)?[：:]?\s*([A-Za-z0-9][A-Za-z0-9\-]{3,})\s*[)）]$", rest):
        record["project_id"] = m.group(1)
        rest = rest[: m.start()]
    elif m := re.search(r"\s*([0-9]{2}[A-Z]{1,4}[0-9]{3,}[A-Z0-9]*)$", rest):
        record["project_id"] = m.group(1)
        rest = rest[: m.start()]
    if m := re.search(r"[“「《](.+)[”」》]$", rest):
        record["project_title"] = m.group(1)
        rest = rest[: m.start()]
    return {"funder": rest.strip() or text.strip(), **record}


def summary_of(doc: Document) -> str:
    """The home page's one-paragraph summary, drafted from the abstract or else the opening paragraph."""
    source = doc.abstract or next((p.lead + p.text for p in doc.paragraphs() if len(p.lead + p.text) >= 10), "")
    source = re.sub(r"\[\d{1,3}\]", "", source)
    out = ""
    for sentence in re.findall(r"[^。！？]+[。！？]?", source):
        if out and len(out) + len(sentence) > 160:
            break
        out += sentence
    return re.sub(r"(?<=[^\x00-\x7f]) (?=[^\x00-\x7f])|(?<=[，、。；：（）“”]) ", "", out).strip()


@dataclass
class _Drafted:
    """What was found (said for the report, located under `extracted:`) and what was not."""

    lines: Lines
    found: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    extracted: dict[str, object] = field(default_factory=dict)

    def note(self, key: str, present: bool, said: str, *needles: str, label: str = "") -> None:
        if present:
            self.found.append(said)
            self.extracted[key] = self.lines.find(*needles, label=label)
        else:
            self.missing.append(key)


def venue_of(doc: Document) -> dict[str, object] | None:
    """The venue as the YAML holds it: its name and the parts the page gives (a year only as four digits)."""
    if not (doc.venue and doc.venue.name):
        return None
    v = doc.venue
    venue: dict[str, object] = {"name": v.name, **{k: getattr(v, k) for k in ("year", "volume", "issue", "pages") if getattr(v, k)}}
    if "year" in venue and not re.fullmatch(r"\d{4}", str(venue["year"])):
        del venue["year"]
    return venue


def codes_of(doc: Document) -> tuple[str, str]:
    """The document code and the DOI, kept only in their proper form."""
    doc_code = doc.doc_code if re.fullmatch(r"[A-Z]", doc.doc_code) else ""
    doi = doc.doi if re.fullmatch(r"10\.\d{4,9}/\S+", doc.doi) else ""
    return doc_code, doi


def _note_head(d: _Drafted, doc: Document, title: str, venue: dict[str, object] | None) -> None:
    d.note("title", bool(doc.title), f"title {title!r}", *pieces(title))
    d.note("authors", bool(doc.authors), f"authors {'、'.join(a.name for a in doc.authors)}", *(a.name for a in doc.authors))
    if doc.authors and not any(a.affiliation for a in doc.authors):
        d.missing.append("affiliations")
    d.note("date", bool(doc.date), f"date {doc.date}", *date_needles(doc.date) if doc.date else ())
    d.note("venue", venue is not None, f"venue {' '.join(str(x) for x in (venue or {}).values())}", doc.venue.name if doc.venue else "")
    d.note("keywords", bool(doc.keywords), f"keywords {'；'.join(doc.keywords)}", *doc.keywords, label="关键词")
    d.note("abstract", bool(doc.abstract), f"abstract ({len(doc.abstract)} characters)", *pieces(doc.abstract), label="摘要")


def _note_rest(d: _Drafted, doc: Document, doc_code: str, doi: str) -> None:
    d.note("clc", bool(doc.clc), f"CLC {doc.clc}", doc.clc, label="分类号")
    d.note("doc_code", bool(doc_code), f"document code {doc_code}", "文献标识码", "文献标志码", "标识码", doc.clc)
    d.note("article_no", bool(doc.article_no), f"article number {doc.article_no}", doc.article_no, label="文章编号")
    d.note("doi", bool(doi), f"DOI {doi}", doi, label="doi")
    d.note("funding", bool(doc.funding), f"funding ({len(doc.funding)})", *(p for f in doc.funding for p in pieces(f)), label="基金")
    d.note("author_note", bool(doc.author_note), "author note", *pieces(doc.author_note))
    d.note("author_bio", bool(doc.author_bio), "author bio", *pieces(doc.author_bio), label="作者简介")
    d.note("editors", bool(doc.credits), f"editors ({len(doc.credits)})", *(c.name for c in doc.credits[:1]))


def draft_summary(doc: Document, title: str) -> str:
    summary = summary_of(doc) or title
    if len(summary) < 10:  # the schema wants a real summary: say plainly that one is still to be written
        summary += "（摘要待审校者补写）"
    return summary


def _meta(result: Result, digest: str, slug: str, raw_file: str, title: str, title_editorial: bool,
          url: str | None) -> dict[str, object]:
    """The YAML's values but `summary`, `venue`, `doc_code`, `doi` and `extracted` (see draft)."""
    doc = result.hans
    authors: list[object] = [{"name": a.name, "affiliation": a.affiliation} if a.affiliation else a.name for a in doc.authors]
    return {
        "slug": slug, "raw": raw_file, "sha256": digest, "script": result.source_script,
        "title": title, "title_editorial": title_editorial, "authors": authors, "author_note": doc.author_note or None,
        "publisher": None, "column": None, "date": doc.date or None,
        "date_basis": "页面所载日期" if doc.date else None, "source_url": url,
        "clc": doc.clc or None, "funding": [funding_record(f) for f in doc.funding],
        "editors": [{"role": c.role, "name": c.name} for c in doc.credits],
        "article_no": doc.article_no or None, "keywords": list(doc.keywords), "abstract": doc.abstract or None,
        "author_bio": doc.author_bio or None,
    }


# the YAML's keys in the order it is written
_ORDER = ("slug", "raw", "sha256", "script", "title", "title_editorial", "authors", "author_note", "publisher", "column",
          "date", "date_basis", "source_url", "clc", "doc_code", "funding", "editors", "summary", "venue", "article_no",
          "doi", "keywords", "abstract", "author_bio", "extracted")


def draft(result: Result, raw: str, digest: str, slug: str, raw_file: str, title: str, title_editorial: bool,
          url: str | None) -> tuple[dict[str, object], list[str], list[str]]:
    """The YAML's content, what was found and what was not."""
    doc = result.hans
    d = _Drafted(Lines(raw))
    venue = venue_of(doc)
    doc_code, doi = codes_of(doc)
    _note_head(d, doc, title, venue)
    _note_rest(d, doc, doc_code, doi)
    summary = draft_summary(doc, title)
    d.extracted["summary"] = d.lines.find(*pieces(summary))
    values = _meta(result, digest, slug, raw_file, title, title_editorial, url)
    values |= {"doc_code": doc_code or None, "summary": summary, "venue": venue, "doi": doi or None, "extracted": d.extracted}
    return {k: values[k] for k in _ORDER}, d.found, d.missing
