"""Score the pipeline on real scraped pages (issue 13, "Measure").

    python -m benchmarks.realpages [--pages DIR] [--out PATH]

Runs every page listed in DIR/pages.yaml (default ../shared/realpages/) through the whole pipeline
(process_bytes, as `make site` and the CLI do) and prints, per page: published or refused (with the
error), residual artifacts left, each expected metadata field (title, date, authors, venue, keywords)
right or wrong, the must-contain phrases kept and the must-not strings leaked; totals at the bottom.
Writes the same table to benchmarks/results/realpages.md.

How fields are compared (loosely, but only over what is not recognition):
- title, authors, keywords: equal after NFKC (full/half width), t2s (the editions are regenerated from
  simplified text, so 於/于 differences are conversion, not recognition) and collapsing whitespace (a title's
  spaces are ignored: a headline's separator space is typography; a subtitle may be read as part of the title);
- date: the ISO string exactly (None = the page states no date, the document's date must be empty);
- venue: name equal (as above, without 《》), and the year and issue *as the page states them* (the
  expected string's 年/Vol./(n)/第n期/No.); a null venue expects none;
- must_contain: phrase found in the page-script edition's text (same normalisation);
- must_not_contain: string found in the edition's reader-visible text after NFKC only (no t2s, so a
  leaked traditional form in simplified text counts); the English metadata block is not searched.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from pipeline.core.changes import Change, PipelineError
from pipeline.core.context import Context
from pipeline.core.convert import t2s
from pipeline.core.data import rule_data
from pipeline.core.layout import ROOT
from pipeline.document.article import process_bytes
from pipeline.document.model import Document, Venue
from pipeline.text.checks import residuals

# ../shared/realpages next to the checkout (a worktree under wt/ looks one level further up)
PAGES = next((p for p in (ROOT.parent / "shared" / "realpages", ROOT.parent.parent / "shared" / "realpages")
              if p.is_dir()), ROOT.parent / "shared" / "realpages")
OUT = ROOT / "benchmarks" / "results" / "realpages.md"
FIELDS = ("title", "date", "authors", "venue", "keywords")
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(\s[^<>]*)?/?>")
_LONE_QMARK = re.compile(r"(^|\n)\s*\?\s*($|\n)")


def norm(text: str) -> str:
    return " ".join(t2s(unicodedata.normalize("NFKC", text)).split())


def _year(text: str) -> str:
    m = re.search(r"(?<!\d)(19|20)\d{2}(?!\d)", text)
    return m.group(0) if m else ""


def _issue(text: str) -> str:
    for rx in (r"第?\s*(\d+)\s*期", r"Issue\s*\((\d+)\)", r"No\.?\s*(\d+)", r"\d+\s*\((\d+)\)"):
        found = re.findall(rx, text)
        if found:
            return str(int(found[-1]))
    return ""


def expected_venue(text: str) -> tuple[str, str, str]:
    """Name, year and issue of an expected venue string as the page states it."""
    name = re.split(r"\s(?=\d|第|Vol)|(?<=[^\d\s])(?=\d{4})", text.strip(), maxsplit=1)[0]
    return norm(name.strip("《》 ,，")), _year(text), _issue(text[len(name):])


def venue_right(expected: str | None, venue: Venue | None) -> bool:
    if not expected:
        return venue is None
    if venue is None:
        return False
    name, year, issue = expected_venue(expected)
    got_issue = str(int(venue.issue)) if venue.issue.isdigit() else venue.issue
    return (norm(venue.name).strip("《》") == name and (not year or venue.year == year)
            and (not issue or got_issue == issue))


def shown(doc: Document, name: str) -> str:
    if name == "venue":
        v = doc.venue
        return "—" if v is None else f"{v.name} {v.year} vol {v.volume} no {v.issue}".strip()
    value = getattr(doc, name)
    if name == "authors":
        return "、".join(a.name for a in value) or "—"
    if name == "keywords":
        return "；".join(value) or "—"
    return str(value) or "—"


def field_right(name: str, expected: object, doc: Document, subtitle: str = "") -> bool:
    if name == "title":  # spaces aside (对应天灾人患 思考基层治理); a subtitle under the title may be read as part of it
        got = re.sub(r"\s", "", norm(doc.title))
        joined = re.sub("[—–\\s-]", "", norm(f"{expected}{subtitle}"))
        return got == re.sub(r"\s", "", norm(str(expected or ""))) or (bool(subtitle) and re.sub("[—–-]", "", got) == joined)
    if name == "date":
        return doc.date == (str(expected) if expected else "")
    if name == "authors":
        return [norm(a.name) for a in doc.authors] == [norm(str(a)) for a in expected or []]  # type: ignore[union-attr]
    if name == "keywords":
        return [norm(k) for k in doc.keywords] == [norm(str(k)) for k in expected or []]  # type: ignore[union-attr]
    return venue_right(expected, doc.venue)  # type: ignore[arg-type]


def reader_texts(doc: Document) -> list[str]:
    """The document's text without the English metadata block (see module docstring)."""
    from dataclasses import replace
    return replace(doc, english=None).texts()


@dataclass
class Score:
    file: str
    published: bool = False
    error: str = ""
    residuals: list[str] = field(default_factory=list)
    fields: dict[str, bool] = field(default_factory=dict)
    wrong: list[str] = field(default_factory=list)
    kept: int = 0
    must: int = 0
    missed: list[str] = field(default_factory=list)
    leaked: list[str] = field(default_factory=list)
    warnings: tuple[str, ...] = ()
    title: str = ""  # the title as published
    shown: str = ""  # the article's text as published (body, abstract, notes, bio), without title and metadata values
    changes: list[Change] = field(default_factory=list)  # every change the pipeline made, as the change report lists them


def score_page(path: Path, page: dict[str, object]) -> Score:
    s = Score(path.name, must=len(page.get("must_contain") or []))  # type: ignore[arg-type]
    try:
        result = process_bytes(path.read_bytes(), path.name)
    except PipelineError as exc:
        s.error = str(exc)
        s.fields = dict.fromkeys(FIELDS, False)
        s.missed = list(page.get("must_contain") or [])  # type: ignore[call-overload]
        return s
    s.published = True
    s.changes = result.changes
    doc = result.hant if page.get("script") == "hant" else result.hans
    s.warnings = doc.warnings
    s.title = doc.title
    s.shown = "\n".join([doc.abstract, doc.author_bio, doc.author_note, *(x.heading for x in doc.sections),
                          *(p.lead + p.text for p in doc.paragraphs()), *(n.text for n in doc.notes)])
    joined = "\n".join(reader_texts(doc))
    s.residuals = _residuals(doc, joined, path.name)
    _score_fields(s, page, doc)
    _score_phrases(s, page, joined)
    return s


def _residuals(doc: Document, joined: str, file: str) -> list[str]:
    """Artifacts left in the reader's text; the duplicate-paragraph check is for the body (authors may share one
    long affiliation)."""
    ctx = Context(file=file, data=rule_data())
    body = "\n".join(p.lead + p.text for p in doc.paragraphs())
    out = [e.message for e in residuals(joined, ctx) if not e.message.startswith("paragraph duplicated")]
    out += [e.message for e in residuals(body, ctx) if e.message.startswith("paragraph duplicated")]
    out += [f"HTML tag {m.group(0)}" for m in _HTML_TAG.finditer(joined)]
    out += ["lone '?' line" for _ in _LONE_QMARK.finditer(joined)]
    return out


def _score_fields(s: Score, page: dict[str, object], doc: Document) -> None:
    for name in FIELDS:
        ok = field_right(name, page.get(name), doc, str(page.get("subtitle") or ""))
        s.fields[name] = ok
        if not ok:
            s.wrong.append(f"{name}: expected {page.get(name)!r}, got {shown(doc, name)!r}")


def _score_phrases(s: Score, page: dict[str, object], joined: str) -> None:
    """Must-contain phrases kept (normalised, spaces aside); must-not strings leaked (NFKC only)."""
    flat = norm(joined).replace(" ", "")
    for phrase in page.get("must_contain") or []:  # type: ignore[attr-defined]
        if norm(str(phrase)).replace(" ", "") in flat:
            s.kept += 1
        else:
            s.missed.append(str(phrase))
    visible = unicodedata.normalize("NFKC", joined)
    s.leaked += [str(bad) for bad in page.get("must_not_contain") or []  # type: ignore[attr-defined]
                 if unicodedata.normalize("NFKC", str(bad)) in visible]


_MARK = {True: "✓", False: "✗"}


def _rows(scores: list[Score]) -> list[str]:
    lines = ["| page | result | residual | " + " | ".join(FIELDS) + " | must kept | must-not leaked | warnings |",
             "|---|---|---:|" + "---|" * len(FIELDS) + "---:|---:|---|"]
    for s in scores:
        result = "published" if s.published else "**refused**"
        lines.append(f"| {s.file} | {result} | {len(s.residuals)} | "
                     + " | ".join(_MARK[s.fields[f]] for f in FIELDS)
                     + f" | {s.kept}/{s.must} | {len(s.leaked)} | {', '.join(s.warnings)} |")
    return lines


def _totals(scores: list[Score]) -> list[str]:
    n = len(scores)
    right = sum(v for s in scores for v in s.fields.values())
    must = sum(s.must for s in scores)
    return ["", "**Totals**", "",
            f"- published: {sum(s.published for s in scores)}/{n} (refused {sum(not s.published for s in scores)})",
            f"- residual artifacts: {sum(len(s.residuals) for s in scores)}",
            f"- metadata fields right: {right}/{n * len(FIELDS)} ({100 * right / (n * len(FIELDS)):.1f} %)",
            *(f"  - {f}: {sum(s.fields[f] for s in scores)}/{n}" for f in FIELDS),
            f"- must-contain phrases kept: {sum(s.kept for s in scores)}/{must}",
            f"- must-not strings leaked: {sum(len(s.leaked) for s in scores)}"]


def _details(s: Score) -> list[str]:
    items = ([f"refused: `{s.error}`"] if s.error else []) + [f"residual: {r}" for r in s.residuals] + s.wrong
    items += [f"must_contain missed: {m}" for m in (s.missed if s.published else [])]
    items += [f"must_not leaked: {m}" for m in s.leaked]
    return [f"- **{s.file}**", *(f"  - {i}" for i in items)] if items else []


def table(scores: list[Score]) -> str:
    details = [line for s in scores for line in _details(s)]
    return "\n".join(_rows(scores) + _totals(scores) + ["", "**Details**", "", *details]) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.realpages", description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=Path, default=PAGES, help="folder with pages.yaml and the page files")
    parser.add_argument("--out", type=Path, default=OUT, help="where to write the Markdown table")
    parser.add_argument("--cv", choices=("site", "rules"), help="leave-one-site-out over corpus/training/pages/ (benchmarks/crossval.py);"
                        " 'rules': the same pages with no model")
    args = parser.parse_args(argv)
    if args.cv:
        from benchmarks import crossval  # noqa: PLC0415
        folds = crossval.run(use_model=args.cv == "site")
        name = "realpages_cv.md" if args.cv == "site" else "realpages_cv_rules.md"
        title = ("Leave-one-site-out: python -m benchmarks.realpages --cv site" if args.cv == "site"
                 else "The hand rules alone on the same pages: python -m benchmarks.realpages --cv rules")
        text = crossval.report(folds, title)
        print(text, end="")
        (OUT.parent / name).write_text(text, encoding="utf-8")
        return 0
    listing = yaml.safe_load((args.pages / "pages.yaml").read_text(encoding="utf-8"))
    scores = [score_page(args.pages / str(page["file"]), page) for page in listing]
    report = table(scores)
    print(report, end="")
    args.out.write_text("# Real scraped pages: python -m benchmarks.realpages\n\n" + report, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
