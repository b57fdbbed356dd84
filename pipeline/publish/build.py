"""The whole corpus -> docs/<locale>/ (both editions, change reports). MkDocs then only renders docs/."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from pipeline.core.changes import PipelineError, line_of
from pipeline.core.data import CORPUS, ROOT, rule_data
from pipeline.core.escape import escape
from pipeline.core.validate import check_slugs
from pipeline.document.annotate import Glossing
from pipeline.document.article import Result, load_meta, process_article
from pipeline.document.editions import to_traditional
from pipeline.document.glossary import glossary
from pipeline.document.references import parse_reference
from pipeline.publish.citation import Work, bibtex, csl, ris, venue_text
from pipeline.publish.glossary_page import render_glossary
from pipeline.publish.labels import LABELS
from pipeline.publish.render import authors_text, render
from pipeline.publish.report import to_json, to_markdown
from pipeline.publish.search_index import Page, article_page, glossary_page, markdown_page, write_index

DOCS = ROOT / "docs"
LOCALES = {"hans": "zh-Hans", "hant": "zh-Hant"}
_KEEP_AS_IS = {"slug", "raw", "sha256", "script", "date", "source_url", "title_editorial", "clc", "doc_code", "doi", "article_no", "extracted"}


def check_errata_used(results: list[Result]) -> None:
    """A reviewed erratum that no article needs any more is stale: the source or a rule changed under it."""
    path = CORPUS / "data" / "errata.yaml"
    used = {c.before for r in results for c in r.changes if c.rule == "apply_errata"}
    source = path.read_text(encoding="utf-8")
    for entry in rule_data()["errata"]:  # type: ignore[union-attr]
        if entry["garbled"] not in used:
            at = source.find(entry["garbled"].split("\n")[0])
            raise PipelineError("errata entry matches no article any more: remove or update it", file=str(path),
                                line=line_of(source, at) if at >= 0 else 0, text=entry["garbled"])


def in_script(text: str, script: str) -> str:
    return text if script == "hans" else to_traditional(text)


def meta_in(meta: dict[str, object], script: str) -> dict[str, object]:
    if script == "hans":
        return meta

    def convert(value: object) -> object:
        if isinstance(value, str):
            return to_traditional(value)
        if isinstance(value, list):
            return [convert(v) for v in value]
        if isinstance(value, dict):
            return {k: convert(v) for k, v in value.items()}
        return value

    return {k: (v if k in _KEEP_AS_IS else convert(v)) for k, v in meta.items()}


def article_pages(result: Result, found: dict[str, dict[str, list[tuple[str, str, str]]]] | None = None) -> dict[str, str]:
    """Path under docs/ -> content, for one article in both editions (reports and raw file included).
    Glossary occurrences are added to `found` (script -> term -> [(slug, title, place)])."""
    slug = str(result.meta["slug"])
    raw = str(result.meta["raw"])
    pages: dict[str, str] = {}
    report = to_json(slug, f"corpus/raw/{raw}", result.changes, result.hans.warnings)
    work = Work.of(result.meta, result.hans, os.environ.get("SITE_URL", ""))  # the original (simplified) work
    refs = [r for n in result.hans.notes if (r := parse_reference(n.number, n.text))]
    for script, locale in LOCALES.items():
        pages[f"{locale}/reports/{slug}.json"] = report  # each edition is built alone, so each carries its files
        pages[f"{locale}/cite/{slug}.json"] = json.dumps(csl(work, refs), ensure_ascii=False, indent=1) + "\n"
        pages[f"{locale}/cite/{slug}.bib"] = bibtex(work, refs)
        pages[f"{locale}/cite/{slug}.ris"] = ris(work, refs)
        meta = meta_in(result.meta, script)
        doc = result.hans if script == "hans" else result.hant
        gloss = Glossing(script, glossary(), "glossary.md")
        pages[f"{locale}/{slug}.md"] = render(doc, meta, script, gloss, (work, refs))
        if found is not None:
            for term, places in gloss.found.items():
                found.setdefault(script, {}).setdefault(term, []).extend((slug, str(meta["title"]), w) for w in places)
        pages[f"{locale}/reports/{slug}.md"] = to_markdown(slug, str(meta["title"]), raw, result.changes, script=script,
                                                            warnings=result.hans.warnings)
    return pages


def index_page(results: list[Result], script: str) -> str:
    L = LABELS[script]
    out = [f"# {L['site']}\n", f"{L['intro']}\n", "<!-- downloads:index -->\n"]
    for r in results:
        m = meta_in(r.meta, script)
        slug = m["slug"]
        work = Work.of(m, r.hans if script == "hans" else r.hant)
        facts = [authors_text(work), venue_text(work.venue) if work.venue else work.publisher, work.date]
        venue = escape(" · ".join(x for x in facts if x)) or L["venue_unknown"]
        if work.keywords:
            venue += f"  \n{L['keywords']}：" + escape("；".join(work.keywords))
        mark = L["editorial_mark"] if m.get("title_editorial") else ""
        out.append(f"## {escape(str(m['title']))}{mark}\n\n{venue}\n\n{escape(str(m['summary']))}\n\n"
                   f"[{L['read']}]({slug}.md) · [{L['report']}](reports/{slug}.md)\n")
    return "\n".join(out)


def build(docs: Path = DOCS) -> list[Result]:
    paths = sorted((CORPUS / "articles").glob("*.yaml"))
    check_slugs([(p, load_meta(p)) for p in paths], (p.stem for p in (CORPUS / "pages").glob("*.md")))  # before any work
    results = [process_article(p) for p in paths]
    check_errata_used(results)
    pages: dict[str, str] = {}
    for script, locale in LOCALES.items():
        pages[f"{locale}/index.md"] = index_page(results, script)
        for page in sorted((CORPUS / "pages").glob("*.md")):  # our own pages: about, input and errors
            pages[f"{locale}/{page.name}"] = in_script(page.read_text(encoding="utf-8"), script)
    found: dict[str, dict[str, list[tuple[str, str, str]]]] = {}
    for result in results:
        pages.update(article_pages(result, found))
    for script, locale in LOCALES.items():
        pages[f"{locale}/glossary.md"] = render_glossary(glossary(), script, found.get(script, {}))
    for old in docs.glob("*"):  # docs/ is wholly generated: nothing stale may survive a rebuild
        if old.name != ".gitkeep":
            shutil.rmtree(old) if old.is_dir() else old.unlink()
    for rel, content in pages.items():
        path = docs / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    for result, locale in ((r, loc) for r in results for loc in LOCALES.values()):  # the untouched source, for the reports
        (docs / locale / "raw").mkdir(exist_ok=True)
        shutil.copyfile(CORPUS / "raw" / str(result.meta["raw"]), docs / locale / "raw" / str(result.meta["raw"]))
    write_index(search_pages(results), docs / "search")
    return results


def search_pages(results: list[Result]) -> dict[str, list[Page]]:
    """What search finds, per edition: the articles, the glossary, our own pages (not the change reports:
    they quote the removed spam)."""
    editions: dict[str, list[Page]] = {}
    for script in LOCALES:
        pages = [article_page(r.hans if script == "hans" else r.hant, meta_in(r.meta, script), script) for r in results]
        pages.append(glossary_page(glossary(), script))
        pages += [markdown_page(p.stem, in_script(p.read_text(encoding="utf-8"), script)) for p in sorted((CORPUS / "pages").glob("*.md"))]
        editions[script] = pages
    return editions
