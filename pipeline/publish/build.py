"""The whole corpus -> docs/<locale>/ (both editions, change reports). MkDocs then only renders docs/."""

from __future__ import annotations

import gc
import json
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

from pipeline.core.changes import PipelineError, line_of
from pipeline.core.data import rule_data
from pipeline.core.files import TreeSync, replace
from pipeline.core.layout import CORPUS, DOCS, EXTRA, LOCALES, MANIFEST, RAW_IN_REPOSITORY, SEARCH_KEYS, SEARCH_WORDS, raw_url
from pipeline.core.validate import check_slugs, plain_file, raw_path
from pipeline.document.annotate import Glossing
from pipeline.document.article import Result, load_meta, process_article
from pipeline.document.editions import to_traditional
from pipeline.document.glossary import glossary
from pipeline.document.references import parse_reference
from pipeline.document.words import search_words
from pipeline.publish.article import Article
from pipeline.publish.cache import load, prune, store, unit_key
from pipeline.publish.citations import FILES
from pipeline.publish.feeds import atom_feed, check_well_formed, page_url, robots, sitemap
from pipeline.publish.glossary_page import definition_scripts, render_glossary
from pipeline.publish.keys_file import KeysWriter
from pipeline.publish.labels import LABELS
from pipeline.publish.listing import FACETS, Entry, article_nav, home_page, listing_pages, name_slug, with_nav
from pipeline.publish.render import render
from pipeline.publish.report import counts, to_json, to_markdown
from pipeline.publish.search_index import Page, SectionKeys, article_page, glossary_page, markdown_page, page_keys, text_files

_KEEP_AS_IS = {"slug", "raw", "sha256", "script", "date", "source_url", "title_editorial", "clc", "doc_code", "doi", "article_no", "extracted"}


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


def articles_of(result: Result) -> dict[str, Article]:
    """The article resolved once per edition (YAML over page, field by field): what every page, list and file shows."""
    site_url = os.environ.get("SITE_URL", "")
    return {script: Article.of(meta_in(result.meta, script), result.hans if script == "hans" else result.hant, site_url)
            for script in LOCALES}


def article_pages(result: Result, articles: dict[str, Article] | None = None,
                  found: dict[str, dict[str, list[tuple[str, str, str]]]] | None = None) -> dict[str, str]:
    """Path under docs/ -> content, for one article in both editions (reports and raw file included).
    Glossary occurrences are added to `found` (script -> term -> [(slug, title, place)])."""
    slug = str(result.meta["slug"])
    raw = str(result.meta["raw"])
    pages: dict[str, str] = {}
    report = to_json(slug, f"{RAW_IN_REPOSITORY}/{raw}", result.changes, result.hans.warnings)
    articles = articles or articles_of(result)
    work = articles["hans"]  # the original (simplified) work is the one cited, in both editions
    refs = [r for n in result.hans.notes if (r := parse_reference(n.number, n.text))]
    # The same in both editions (the original work, the changes to the raw text): one copy, at the site's root, which
    # both editions' pages link to (they go straight into site/, not through MkDocs' per-edition builds; issue 21).
    root = LOCALES["hans"]
    pages[f"{root}/reports/{slug}.json"] = report
    for fmt in FILES:  # the citation exports (pipeline/publish/citations/)
        pages[f"{root}/cite/{slug}.{fmt.EXT}"] = fmt.export(work, refs)
    for script, locale in LOCALES.items():
        article = articles[script]
        doc = result.hans if script == "hans" else result.hant
        gloss = Glossing(script, glossary(), "glossary.md")
        pages[f"{locale}/{slug}.md"] = render(doc, article, script, gloss, (work, refs))
        if found is not None:
            for term, places in gloss.found.items():
                found.setdefault(script, {}).setdefault(term, []).extend((slug, article.title, w) for w in places)
        pages[f"{locale}/reports/{slug}.md"] = to_markdown(slug, article.title, raw, result.changes, script=script,
                                                            warnings=result.hans.warnings)
    return pages


def entry_of(article: Article) -> Entry:
    """The article as the lists, feeds and the manifest show it: one list per journal or site, not per issue."""
    venue = article.venue.name if article.venue else article.publisher
    return Entry(slug=article.slug, title=article.title, date=article.date or None, venue=venue or None, authors=article.names,
                 keywords=article.keywords, summary=article.summary, editorial=article.title_editorial)


def search_meta(article: Article) -> dict[str, object]:
    """What search shows of an article's top, from its resolved Article: the authors by name (the YAML's records
    {name, affiliation} were shown as Python dicts), the title, publisher and column."""
    return {"slug": article.slug, "title": article.title, "authors": list(article.names), "publisher": article.publisher,
            "column": article.column}


@dataclass
class Unit:
    """Everything the build needs from one article: cached as a whole under build/cache/articles/."""
    result: Result
    pages: dict[str, str]
    found: dict[str, dict[str, list[tuple[str, str, str]]]]
    entries: dict[str, Entry]
    search: dict[str, Page]  # what search shows of the article, per edition
    search_keys: list[SectionKeys]  # its sections' index keys (the index's per-article work)


def article_unit(meta_path: Path) -> Unit:
    result = process_article(meta_path)
    articles = articles_of(result)
    found: dict[str, dict[str, list[tuple[str, str, str]]]] = {}
    pages = article_pages(result, articles, found)
    search = {script: article_page(result.hans if script == "hans" else result.hant, search_meta(articles[script]), script)
              for script in LOCALES}
    return Unit(result, pages, found, {script: entry_of(a) for script, a in articles.items()}, search,
                page_keys(list(search.values())))


@dataclass
class Head:
    """What the whole collection needs of one article (its lists, nav, glossary, errata check), cached beside its
    Unit: a build holds every article's Head but only one Unit at a time. At N = 1,000 all Units at once took 0.76 GB."""
    meta: dict[str, object]
    entries: dict[str, Entry]
    found: dict[str, dict[str, list[tuple[str, str, str]]]]
    errata: frozenset[str]  # the reviewed errata this article used
    counts: dict[str, int]  # changes per rule, for the build log


def head_of(unit: Unit) -> Head:
    r = unit.result
    return Head(r.meta, unit.entries, unit.found, frozenset(c.before for c in r.changes if c.rule == "apply_errata"),
                counts(r.changes))


def _cached_unit(args: tuple[str, str]) -> Head:
    """Worker: one article, then its cache files (written atomically: parallel builds must not read half a file).
    Only the Head goes back: the Unit is read again from the cache when its pages are written."""
    meta_path, key = args
    unit = article_unit(Path(meta_path))
    head = head_of(unit)
    store(key, unit)
    store(f"{key}-head", head)
    return head


def _unit(meta_path: Path, key: str) -> Unit:
    unit = load(key)
    if isinstance(unit, Unit):
        return unit
    _cached_unit((str(meta_path), key))  # removed or unreadable since its Head was read: made again
    return load(key)  # type: ignore[return-value]


def check_errata_used(heads: list[Head]) -> None:
    """A reviewed erratum that no article needs any more is stale: the source or a rule changed under it."""
    path = CORPUS / "data" / "errata.yaml"
    used = {before for h in heads for before in h.errata}
    source = path.read_text(encoding="utf-8")
    for entry in rule_data()["errata"]:  # type: ignore[union-attr]
        if entry["garbled"] not in used:
            at = source.find(entry["garbled"].split("\n")[0])
            raise PipelineError("errata entry matches no article any more: remove or update it", file=str(path),
                                line=line_of(source, at) if at >= 0 else 0, text=entry["garbled"])


def read_heads(metas: list[Path], keys: list[str], jobs: int | None, stats: dict[str, int] | None) -> list[Head]:
    """Every article's Head: from the cache, or by processing the article (on all cores), which caches its Unit."""
    # Unpickling makes many objects: with the collector on, its passes over the growing heap took three times as long
    # as the unpickling itself (1.3 s against 0.34 s at N = 1,000). Nothing here makes cycles.
    gc.disable()
    try:
        heads: list[Head | None] = [h if isinstance(h := load(f"{k}-head"), Head) else None for k in keys]
    finally:
        gc.enable()
    todo = [i for i, h in enumerate(heads) if h is None]
    # Slugs are checked across the whole collection before any article is processed; a cached article's metadata
    # was checked when it was built (its key covers the YAML's bytes), so only new or changed files are parsed again.
    checked = [(p, h.meta if h is not None else load_meta(p)) for p, h in zip(metas, heads, strict=True)]
    check_slugs(checked, (p.stem for p in (CORPUS / "pages").glob("*.md")))
    for path, meta in checked:  # the raw file too, cached or not: a plain file inside corpus/raw/ (issue 22)
        raw_path(meta, path, CORPUS / "raw")
    if stats is not None:
        stats.update(articles=len(metas), cached=len(metas) - len(todo))
    workers = min(jobs or os.cpu_count() or 1, len(todo))
    if workers > 1:  # each process loads jieba's dictionary once, then takes articles in chunks
        with ProcessPoolExecutor(max_workers=workers) as pool:
            done = pool.map(_cached_unit, [(str(metas[i]), keys[i]) for i in todo], chunksize=max(1, len(todo) // (workers * 4)))
            for i, head in zip(todo, done, strict=True):
                heads[i] = head
    else:
        for i in todo:
            heads[i] = _cached_unit((str(metas[i]), keys[i]))
    return [h for h in heads if h is not None]


def build(docs: Path = DOCS, jobs: int | None = None, stats: dict[str, int] | None = None,
          each: Callable[[Result], None] | None = None) -> list[Head]:
    """The whole corpus: the Markdown into docs/, the other files into EXTRA, laid out as in site/, and every page's
    search keys into SEARCH_KEYS. `stats`, if given, receives how many articles came from the cache; `each`, if
    given, sees every article's Result (one at a time). Two rounds: every article's Head (what the lists and the
    nav need), then each article's pages, one article in memory at a time."""
    metas = [plain_file(p, "article YAML") for p in sorted((CORPUS / "articles").glob("*.yaml"))]  # a link: refused, cached or not
    raw_url()  # refused here, once, before any article is built, rather than in a worker
    keys = [unit_key(p) for p in metas]
    heads = read_heads(metas, keys, jobs, stats)
    check_errata_used(heads)
    pages = collection_pages([h.entries for h in heads], glossary_places(heads))
    # MkDocs gets the Markdown; the rest (exports, raw files, reports' JSON, search texts, feeds, sitemap) goes straight
    # into site/ (scripts/package.py links it in): every file MkDocs sees costs it time in each build, mostly in
    # mkdocs-static-i18n, and at N = 1,000 these were 12,000 of its 19,000 files.
    out = Out(TreeSync(docs), TreeSync(EXTRA))
    navs = {script: article_nav([h.entries[script] for h in heads], script) for script in LOCALES}
    # Every page's keys go to the index's merge (scripts/build_index.py, beside MkDocs), one page at a time
    with KeysWriter(SEARCH_KEYS) as search_keys:
        for k, (path, key) in enumerate(zip(metas, keys, strict=True)):
            unit = _unit(path, key)
            write_article(out, unit, navs, k)
            search_keys.page(unit.search["hans"].slug, unit.search_keys)
            if each is not None:
                each(unit.result)
        own = own_search_pages()
        for i, page in enumerate(own["hans"]):
            search_keys.page(page.slug, page_keys([own[script][i] for script in LOCALES]))
    site_url = os.environ.get("SITE_URL", "")
    if site_url:  # feeds and sitemap need absolute URLs: only a build that knows where it is published writes them
        feeds(pages, [h.entries for h in heads], out.docs.written, site_url)
    pages["robots.txt"] = robots(site_url)
    for rel in (r for r in pages if r.endswith(".xml")):
        check_well_formed(f"site/{site_path(rel)}", pages[rel])
    for rel, content in pages.items():
        out.write(rel, content.encode("utf-8"))
    for rel, content in text_files(own, first=len(heads)).items():
        out.write(f"search/{rel}", content.encode("utf-8"))
    for script, locale in LOCALES.items():
        out.write(SEARCH_WORDS.format(locale=locale), search_words_script(script))
    out.docs.finish()
    out.extra.finish()
    write_manifest([h.entries for h in heads])
    prune(set(keys) | {f"{k}-head" for k in keys})
    return heads


def search_words_script(script: str) -> bytes:
    """The edition's words for search.js, as a script (search loads its parts as scripts, which load from file:// too)."""
    words = json.dumps(search_words(script), ensure_ascii=False, sort_keys=True)
    return f"(globalThis.zhSearch || (globalThis.zhSearch = {{}})).words = {words};\n".encode()


def glossary_places(heads: list[Head]) -> dict[str, dict[str, list[tuple[str, str, str]]]]:
    """script -> glossary term -> where the articles use it (slug, title, place), for the glossary's pages."""
    found: dict[str, dict[str, list[tuple[str, str, str]]]] = {}
    for head in heads:
        for script, terms in head.found.items():
            for term, places in terms.items():
                found.setdefault(script, {}).setdefault(term, []).extend(places)
    return found


@dataclass
class Out:
    """Where the pipeline's files go: the Markdown into docs/ (MkDocs renders it), the rest into EXTRA."""
    docs: TreeSync
    extra: TreeSync

    def write(self, rel: str, data: bytes) -> None:
        if rel.endswith(".md"):
            self.docs.write(rel, data)
        else:
            self.extra.write(site_path(rel), data)


def write_article(out: Out, unit: Unit, navs: dict[str, dict[str, tuple[str, str]]], k: int) -> None:
    """One article's files: its pages (with the nav the collection gives them), raw file and search texts (page k)."""
    slug = str(unit.result.meta["slug"])
    for rel, content in unit.pages.items():
        for script, locale in LOCALES.items():
            if rel == f"{locale}/{slug}.md":
                content = with_nav(content, navs[script][slug])
        out.write(rel, content.encode("utf-8"))
    raw = str(unit.result.meta["raw"])  # the untouched source, for both editions' reports: one copy at the site's root,
    if not raw_url():  # or none: the deployed reports link the repository's (RAW_URL)
        out.write(f"{LOCALES['hans']}/raw/{raw}", (CORPUS / "raw" / raw).read_bytes())
    for rel, content in text_files({script: [page] for script, page in unit.search.items()}, first=k).items():
        out.write(f"search/{rel}", content.encode("utf-8"))


def collection_pages(entries: list[dict[str, Entry]], found: dict[str, dict[str, list[tuple[str, str, str]]]]) -> dict[str, str]:
    """The pages made of the whole collection: home pages, lists, our own pages, the glossary (per edition)."""
    pages: dict[str, str] = {}
    slugs = facet_slugs(entries)
    for script, locale in LOCALES.items():
        edition = [pair[script] for pair in entries]
        pages[f"{locale}/index.md"] = home_page(edition, script)
        for rel, content in listing_pages(edition, script, slugs[script]).items():
            pages[f"{locale}/{rel}"] = content
        for page in sorted((CORPUS / "pages").glob("*.md")):  # our own pages: about, input and errors
            pages[f"{locale}/{page.name}"] = in_script(page.read_text(encoding="utf-8"), script)
        pages[f"{locale}/glossary.md"] = render_glossary(glossary(), script, found.get(script, {}))
        for name, content in definition_scripts(glossary(), script).items():  # not pages: into EXTRA, beside the glossary's
            pages[f"{locale}/glossary/{name}"] = content
    return pages


def feeds(pages: dict[str, str], entries: list[dict[str, Entry]], written: set[str], site_url: str) -> None:
    """The feeds and the sitemap (of the pages in `pages` and the Markdown pages already `written`), added to `pages`."""
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "315532800"))
    for script, locale in LOCALES.items():
        pages[f"{locale}/feed.xml"] = atom_feed([pair[script] for pair in entries], script, site_url, epoch)
        pages[f"{locale}/index.md"] += f'\n<a href="feed.xml">{LABELS[script]["feed"]}</a>\n'  # not a page: HTML (EXTRA)
    by_page: dict[str, dict[str, str]] = {}  # a page's path under its edition root -> its URL per edition
    for rel in sorted({r for r in pages if r.endswith(".md")} | written):
        for script, locale in LOCALES.items():
            if rel.startswith(locale + "/"):
                path = page_dir(rel.split("/", 1)[1])
                by_page.setdefault(path, {})[script] = page_url(site_url, script, path)
    pages["sitemap.xml"] = sitemap(list(by_page.values()), epoch)


def facet_slugs(entries: list[dict[str, Entry]]) -> dict[str, dict[str, dict[str, str]]]:
    """script -> facet -> name -> URL part. From the simplified name, so both editions share URLs;
    two names with one pinyin get -2, -3 in order of first appearance (articles are sorted by file name)."""
    out: dict[str, dict[str, dict[str, str]]] = {s: {f: {} for f in FACETS} for s in LOCALES}
    for facet in FACETS:
        taken: dict[str, str] = {}
        for pair in entries:
            for hans, hant in zip(pair["hans"].facets()[facet], pair["hant"].facets()[facet], strict=True):
                if hans in out["hans"][facet]:
                    out["hant"][facet].setdefault(hant, out["hans"][facet][hans])
                    continue
                base = hans if facet == "years" else name_slug(hans)
                slug, n = base, 1
                while slug in taken:
                    n += 1
                    slug = f"{base}-{n}"
                taken[slug] = hans
                out["hans"][facet][hans] = slug
                out["hant"][facet].setdefault(hant, slug)
    return out


def site_path(rel: str) -> str:
    """Where a file under docs/ would be in site/: the default edition at the root (mkdocs-static-i18n's layout)."""
    return rel.removeprefix(f"{LOCALES['hans']}/")


def page_dir(rel: str) -> str:
    """A Markdown page's directory URL under its edition root: about.md -> about/, a/index.md -> a/, index.md -> ''."""
    stem = rel[:-3]
    if stem == "index" or stem.endswith("/index"):
        return stem[:-5]
    return stem + "/"


def write_manifest(entries: list[dict[str, Entry]]) -> None:
    """The articles as the lists show them, for the steps after MkDocs (feeds, sitemap, single files)."""
    data = [{script: asdict(e) for script, e in pair.items()} for pair in entries]
    MANIFEST.parent.mkdir(parents=True, exist_ok=True)
    replace(MANIFEST, json.dumps(data, ensure_ascii=False, indent=0) + "\n")


def own_search_pages() -> dict[str, list[Page]]:
    """What search finds besides the articles, per edition: the glossary and our own pages (not the change reports:
    they quote the removed spam)."""
    editions: dict[str, list[Page]] = {}
    for script in LOCALES:
        editions[script] = [glossary_page(glossary(), script)]
        editions[script] += [markdown_page(p.stem, in_script(p.read_text(encoding="utf-8"), script))
                             for p in sorted((CORPUS / "pages").glob("*.md"))]
    return editions
