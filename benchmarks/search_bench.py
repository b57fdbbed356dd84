"""Search at scale: page weight, first-search weight and latency in headless Chromium, precision and recall.

`measure_search(site_dir, queries)` serves a built site on 127.0.0.1 and drives Chromium; `make bench`
calls it for each N. Run on its own, it measures synthetic collections of N articles without a whole MkDocs
build: the index of N synthetic articles (sentences of the real articles, reshuffled into new sections under
new titles, both editions) replaces the index of the built two-article site/, whose article page and search
box are what a reader loads. For each N: every query of QUERIES and WORST cold (a fresh browser context: bytes
gz and files fetched, ms to the first page of results) and warm, the worst five, and each query's precision and
recall against a grep of the section texts. Writes benchmarks/results/search.json and the issue-21 table of
benchmarks/results/search.md.

    python -m benchmarks.search_bench --n 1000 10000 [--pagefind 1000]
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import math
import random
import re
import shutil
import statistics
import tempfile
import threading
import time
import unicodedata
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from pipeline.core.data import CORPUS, ROOT
from pipeline.document.article import process_article
from pipeline.document.editions import to_simplified, to_traditional
from pipeline.publish.search_index import NGRAM, Page, Section, decode, fnv1a, fold, index_pages, plain, to_canonical, write_index

RESULTS = ROOT / "benchmarks" / "results"
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_TOKEN = re.compile(r"[0-9a-z\u00c0-\u024f]+")
PHRASES = ["字政府建", "网通", "条块协同", "数据有序流"]
QUERIES = PHRASES + ["一网通办", "数据孤岛", "城市大脑", "數據孤島", "一網通辦", "條塊協同", "数字政府", "政务服务", "公共数据",
                     "數據共享", "数据 孤岛", "城市 大脑 政务云", "大数据局", "电子政务", "数据要素", "整体性"]
# The hard cases (issue 21): a phrase of common bigrams in no article, a common character, 着 (not 著), six common
# words, a long phrase; and a rare phrase (rare_phrase(): where two sentences meet, found in a few sections only)
WORST = ["数字政务", "政", "着", "数据 治理 协同 政府 平台 服务", "数据驱动数字政府建设条块协同"]


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def _gz(body: bytes) -> int:
    return len(gzip.compress(body, 6))  # transfer size as a gzip-serving host (GitHub Pages) would send it


_ASK = """async (q) => {
  const box = document.getElementById('zh-search');
  const input = box.querySelector('input.md-search__input');
  const done = new Promise(resolve => {
    const seen = () => box.dataset.answered === q;
    const watch = new MutationObserver(() => { if (seen()) { watch.disconnect(); resolve(); } });
    watch.observe(box, {attributes: true, attributeFilter: ['data-answered']});
  });
  const t0 = performance.now();
  input.value = q;
  input.dispatchEvent(new Event('input', {bubbles: true}));  // the last keystroke
  await done;
  await new Promise(r => requestAnimationFrame(() => r()));  // and the results drawn
  return [performance.now() - t0, document.querySelector('.md-search-result__meta').textContent,
          document.querySelectorAll('.md-search-result__item:not(.zh-search__more)').length];
}"""

_ALL = """async () => {  // press "more" until every candidate is verified: the total number of hits
  for (let i = 0; i < 5000; i++) {
    const more = document.querySelector('.zh-search__more button');
    if (!more) break;
    const before = document.querySelectorAll('.md-search-result__item').length;
    more.click();
    for (let j = 0; j < 500 && document.querySelectorAll('.md-search-result__item').length === before; j++)
      await new Promise(r => setTimeout(r, 10));
  }
  return document.querySelectorAll('.md-search-result__item:not(.zh-search__more)').length;
}"""


def _data(path: Path) -> object:
    """The data of an index file, `__zhsearch(kind, id, data);`."""
    text = path.read_text(encoding="utf-8")
    return json.loads(text[text.index(",", text.index(",") + 1) + 1:text.rindex(");")])


def article_path(site_dir: Path) -> str:
    """An article page of the built site (the first page in the index that has an HTML page)."""
    for slug, _, _ in index_pages(site_dir / "search", "hans"):
        for rel in (f"{slug}/index.html", f"{slug}.html"):
            if (site_dir / rel).is_file():
                return rel.removesuffix("index.html")
    raise FileNotFoundError(f"{site_dir}: no article page")


def measure_search(site_dir: Path, queries: list[str], page_path: str | None = None, repeats: int = 3, totals: bool = True) -> dict[str, object]:
    """First load of an article page (kB gz, and whether any index file was requested), the first search
    (kB gz fetched, ms), then each query `repeats` times: ms from the last keystroke (input event) to the
    results drawn, p50/p95; hits per query as shown (and in total for the phrases of PHRASES)."""
    from playwright.sync_api import sync_playwright

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site_dir)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    path = page_path if page_path is not None else article_path(site_dir)
    args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
    out: dict[str, object] = {"page": path}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=args)
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            responses: list = []  # type: ignore[type-arg]
            page.on("response", lambda r: responses.append(r))
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
            loaded = [(r.url, r.body()) for r in responses if r.ok]
            out["first_load_kb_gz"] = round(sum(_gz(b) for _, b in loaded) / 1000, 1)
            out["index_requests_on_load"] = sum(1 for u, _ in loaded if "/search/" in u)
            responses.clear()
            page.click("input.md-search__input")
            ms, shown, items = page.evaluate(_ASK, queries[0])
            first = [(r.url, r.body()) for r in responses if r.ok]
            out["first_search_kb_gz"] = round(sum(_gz(b) for _, b in first) / 1000, 1)
            out["first_search_files"] = len(first)
            out["cold_first_search_ms"] = round(ms)
            latencies: list[float] = []
            hits: dict[str, str] = {}
            for _ in range(repeats):
                for q in queries:
                    page.evaluate(_ASK, "")
                    ms, shown, items = page.evaluate(_ASK, q)
                    latencies.append(ms)
                    hits[q] = shown.strip()
            latencies.sort()
            out["p50_ms"] = round(statistics.median(latencies))
            out["p95_ms"] = round(latencies[max(0, round(0.95 * len(latencies)) - 1)])
            out["max_ms"] = round(latencies[-1])
            out["searches"] = len(latencies)
            out["hits"] = hits
            if totals:  # every page of results, "more" pressed until the end (not at N = 10,000: thousands of presses)
                counted: dict[str, int] = {}
                for q in [q for q in queries if q in PHRASES]:
                    page.evaluate(_ASK, q)
                    counted[q] = page.evaluate(_ALL)
                out["phrase_hits"] = counted
            out["all_index_kb_gz_fetched"] = round(sum(_gz(r.body()) for r in responses if r.ok and "/search/" in r.url) / 1000, 1)
            browser.close()
    finally:
        server.shutdown()
    return out


def measure_queries(site_dir: Path, queries: list[str], page_path: str, repeats: int = 3) -> dict[str, dict[str, object]]:
    """Each query on its own, cold: a fresh browser context (empty cache) loads the article page, then the query is
    typed: kB gz and files of the index fetched, ms to the first page of results drawn, what the count says. Then
    warm: the same query again `repeats` times in that page (median ms)."""
    from playwright.sync_api import sync_playwright

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site_dir)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
    out: dict[str, dict[str, object]] = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=args)
            for q in queries:
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                page = context.new_page()
                page.goto(base + page_path)
                page.wait_for_load_state("networkidle")
                responses: list = []  # type: ignore[type-arg]
                page.on("response", lambda r, seen=responses: seen.append(r))
                page.click("input.md-search__input")
                ms, shown, items = page.evaluate(_ASK, q)
                got = [r.body() for r in responses if r.ok and "/search/" in r.url]
                warm = []
                for _ in range(repeats):
                    page.evaluate(_ASK, "")
                    warm.append(page.evaluate(_ASK, q)[0])
                out[q] = {"kb_gz": round(sum(_gz(b) for b in got) / 1000, 1), "files": len(got), "cold_ms": round(ms),
                          "warm_ms": round(statistics.median(warm)), "count": shown.strip(), "shown": items}
                context.close()
            browser.close()
    finally:
        server.shutdown()
    return out


def rare_phrase(editions: dict[str, list[Page]]) -> str:
    """A phrase found in a few sections only: the first synthetic title's pair of words (X与Y), whatever N."""
    return editions["hans"][0].title.split("：")[0]


def expected_hits(site_dir: Path, query: str, edition: str = "hans") -> int:
    """Sections whose text holds every term of the query (the truth search should find), from the index's texts."""
    return len(grep(section_texts(site_dir, edition), query))


def section_texts(site_dir: Path, edition: str = "hans") -> list[str]:
    """Every section's text (heading and text) in index order, read as simplified: what grep() searches."""
    return [fold(to_simplified(h + "\n" + x, edition)) for _, _, sections in index_pages(site_dir / "search", edition) for _, h, x in sections]


def grep(texts: list[str], query: str) -> set[int]:
    """The truth: the sections (numbers in index order) whose text holds every term of the query."""
    terms = [to_canonical(t) for t in dict.fromkeys(unicodedata.normalize("NFKC", query).split())]
    return {n for n, text in enumerate(texts) if all(t in text for t in terms)}


def _spread(keys: list[str], most: int) -> list[str]:
    if len(keys) <= most:
        return keys
    return list(dict.fromkeys(keys[math.floor(i * (len(keys) - 1) / (most - 1) + 0.5)] for i in range(most)))


def candidates(site_dir: Path, query: str) -> tuple[set[int], bool]:
    """What search.js takes from the index for a query, as it does (plan(), candidates()): the sections holding every
    term's keys, and whether the index alone decides (then these are the hits; else the shown texts confirm)."""
    meta = _data(site_dir / "search" / "meta.js")
    terms = list(dict.fromkeys(to_canonical(t) for t in unicodedata.normalize("NFKC", query).split()))
    plans, exact, more = [], True, []
    for term in terms:
        runs, tokens = _HAN.findall(term), _TOKEN.findall(term)
        keys: list[str] = []
        for run in runs:
            every = list(dict.fromkeys(run[i:i + NGRAM] for i in range(len(run) - NGRAM + 1)))
            grams = [run] if len(run) <= NGRAM else _spread(every, 4)
            keys += grams
            more += [g for g in every if g not in grams and len(run) > NGRAM]
        keys += [t for t in tokens if len(t) >= 2]
        one = (runs + tokens)[0] if len(runs) + len(tokens) == 1 else None
        exact = exact and one == term and (len(one) <= NGRAM if runs else len(one) >= 2)
        plans.append(list(dict.fromkeys(keys)))
    wanted = set(_spread(list(dict.fromkeys(k for p in plans for k in p)), 8))
    exact = exact and all(set(p) <= wanted for p in plans)
    shards: dict[int, dict[str, str]] = {}

    def sections(key: str) -> set[int]:
        shard = fnv1a(key) % meta["shards"]  # type: ignore[index]
        data = shards.setdefault(shard, _data(site_dir / "search" / "s" / f"{shard}.js"))  # type: ignore[arg-type]
        found, last = set(), -1
        for v in decode(data.get(key, "")):
            last += (v >> 3) + 1
            found.add(last)
        return found

    result: set[int] | None = None
    for keys in plans:
        for key in [k for k in keys if k in wanted]:
            result = sections(key) if result is None else result & sections(key)
    result = result or set()
    extra = _spread([k for k in dict.fromkeys(more) if k not in wanted], 4)
    if extra and 0 < len(result) <= 2000:  # search.js's REFINE: a long phrase with few candidates reads more trigrams
        for key in extra:
            result &= sections(key)
    return result, exact


# Synthetic collections ------------------------------------------------------------------------------

def synthetic_pages(n: int, seed: int = 14) -> dict[str, list[Page]]:
    """N articles in both editions from the sentences of the real articles, reshuffled: new titles from
    their headings and keywords, 3-7 sections of 2-6 paragraphs each (about the real articles' length)."""
    results = [process_article(p) for p in sorted((CORPUS / "articles").glob("*.yaml"))]
    sentences = sorted({s + "。" for r in results for sec in r.hans.sections for p in sec.paragraphs
                        for s in plain(p.lead + p.text).split("。") if len(s) > 8})
    headings = sorted({plain(sec.heading) for r in results for sec in r.hans.sections if sec.heading})
    words = sorted({k for r in results for k in r.hans.keywords} | {w for h in headings for w in re.split(r"[：:，、与和的]", h) if len(w) >= 2})
    rng = random.Random(seed)
    hans: list[Page] = []
    for i in range(n):
        title = f"{rng.choice(words)}与{rng.choice(words)}：{rng.choice(headings)}（{i + 1}）"
        sections = [Section("", title, "；".join(rng.sample(words, 4))),
                    Section("abstract", "摘要", "".join(rng.sample(sentences, 4)))]
        for s in range(rng.randint(3, 7)):
            paras = ["".join(rng.sample(sentences, rng.randint(2, 5))) for _ in range(rng.randint(2, 6))]
            sections.append(Section(f"s{s + 1}", rng.choice(headings), "\n".join(paras)))
        hans.append(Page(f"synthetic-{i + 1:04d}", title, tuple(sections)))
    hant = [Page(p.slug, to_traditional(p.title), tuple(Section(s.anchor, to_traditional(s.heading), to_traditional(s.text))
                                                        for s in p.sections)) for p in hans]
    return {"hans": hans, "hant": hant}


def bench_site(n: int, base_site: Path, dest: Path, editions: dict[str, list[Page]] | None = None) -> tuple[Path, dict[str, int]]:
    """The built site with its index replaced by the index of N synthetic articles (`editions`, if already made)."""
    site = dest / f"site-{n}"
    kept = site / "search" / "sizes.json"  # a synthetic index kept from an earlier run (--work): measured again as it is
    shutil.copytree(base_site, site, ignore=shutil.ignore_patterns("downloads", "search"), dirs_exist_ok=True)
    if kept.is_file():
        return site, json.loads(kept.read_text(encoding="utf-8"))
    t0 = time.perf_counter()
    sizes = write_index(editions or synthetic_pages(n), site / "search")
    sizes["index_seconds"] = round(time.perf_counter() - t0, 1)  # type: ignore[assignment]
    sizes["index_bytes"] = sum(p.stat().st_size for p in (site / "search").rglob("*") if p.is_file())
    sizes["index_gz_bytes"] = sum(_gz(p.read_bytes()) for p in (site / "search").rglob("*") if p.is_file())
    sizes["index_files"] = sum(1 for p in (site / "search").rglob("*") if p.is_file())
    for part in ("s", "t"):  # the postings, the texts
        sizes[f"{part}_bytes"] = sum(p.stat().st_size for p in (site / "search" / part).rglob("*") if p.is_file())
        sizes[f"{part}_gz_bytes"] = sum(_gz(p.read_bytes()) for p in (site / "search" / part).rglob("*") if p.is_file())
    kept.write_text(json.dumps(sizes), encoding="utf-8")
    return site, sizes


# The Pagefind candidate (extended build, CJK segmentation) on the same synthetic pages ---------------

_PF_PAGE = ('<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title></head>'
            '<body><main data-pagefind-body><h1>{title}</h1>{body}</main></body></html>')
_PF_ASK = """async ([q, n]) => {
  const t0 = performance.now();
  const found = await window.pf.search(q);
  const shown = await Promise.all(found.results.slice(0, 5).map(r => r.data()));  // what a results list draws first
  return [performance.now() - t0, found.results.length, shown.length];
}"""


def pagefind_site(editions: dict[str, list[Page]], dest: Path) -> Path:
    """The synthetic articles as plain HTML pages (one per article and edition), indexed by Pagefind extended."""
    import html
    import subprocess
    import sys

    for edition, lang in (("hans", "zh-Hans"), ("hant", "zh-Hant")):
        (dest / edition).mkdir(parents=True, exist_ok=True)
        for page in editions[edition]:
            body = "".join((f'<h2 id="{s.anchor}">{html.escape(s.heading)}</h2>' if s.anchor and s.heading else "")
                           + "".join(f"<p>{html.escape(x)}</p>" for x in s.text.split("\n")) for s in page.sections)
            (dest / edition / f"{page.slug}.html").write_text(_PF_PAGE.format(lang=lang, title=html.escape(page.title), body=body), encoding="utf-8")
        (dest / f"search-{edition}.html").write_text(f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"></head><body></body></html>',
                                                     encoding="utf-8")
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(dest), "--quiet"], check=True)
    return dest


def measure_pagefind(site_dir: Path, queries: list[str], repeats: int = 3) -> dict[str, object]:
    """Pagefind's own JS API (no UI) in Chromium: first-search kB gz, cold ms, p50/p95, pages found per query,
    per edition (a query in the other script included)."""
    from playwright.sync_api import sync_playwright

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site_dir)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    out: dict[str, object] = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
            for edition in ("hans", "hant"):
                page = browser.new_page()
                responses: list = []  # type: ignore[type-arg]
                page.on("response", lambda r, seen=responses: seen.append(r))
                page.goto(f"{base}search-{edition}.html")
                page.evaluate("async () => { window.pf = await import('/pagefind/pagefind.js'); await window.pf.init(); }")
                ms, _, _ = page.evaluate(_PF_ASK, [queries[0], 5])
                if edition == "hans":
                    out["first_search_kb_gz"] = round(sum(_gz(r.body()) for r in responses if r.ok) / 1000, 1)
                    out["cold_first_search_ms"] = round(ms)
                latencies, found = [], {}
                for _ in range(repeats):
                    for q in queries:
                        ms, count, _ = page.evaluate(_PF_ASK, [q, 5])
                        latencies.append(ms)
                        found[q] = count
                latencies.sort()
                out[f"{edition}_p50_ms"] = round(statistics.median(latencies))
                out[f"{edition}_p95_ms"] = round(latencies[max(0, round(0.95 * len(latencies)) - 1)])
                out[f"{edition}_pages_found"] = found
                page.close()
            browser.close()
    finally:
        server.shutdown()
    out["index_bytes"] = sum(p.stat().st_size for p in (site_dir / "pagefind").rglob("*") if p.is_file())
    return out


def pages_containing(editions: dict[str, list[Page]], query: str) -> int:
    terms = [to_canonical(t) for t in query.split()]
    return sum(all(t in fold("\n".join(s.heading + "\n" + s.text for s in p.sections)) for t in terms) for p in editions["hans"])


def report(rows: list[dict[str, object]]) -> str:
    """The engine decision table (benchmarks/results/search.md) from the rows main() measured."""
    out = ["| N | engine | index MB (gz) | first search kB gz | cold first search ms | p50 / p95 ms | "
           + " | ".join(f"{q} found / containing" for q in PHRASES) + " |",
           "|---:|---|---:|---:|---:|---:|" + "---:|" * len(PHRASES)]
    for r in rows:
        if r["engine"] == "own":
            found, truth = r["phrase_hits"], r["expected_phrase_hits"]  # sections
            size = f"{int(r['index_bytes']) / 1e6:.1f} ({int(r['index_gz_bytes']) / 1e6:.1f})"  # type: ignore[call-overload]
            p = f"{r['p50_ms']} / {r['p95_ms']}"
        else:
            found, truth = r["hans_pages_found"], r["expected_pages"]  # pages
            size = f"{int(r['index_bytes']) / 1e6:.1f}"  # type: ignore[call-overload]
            p = f"{r['hans_p50_ms']} / {r['hans_p95_ms']}"
        cells = [f"{found[q]} / {truth[q]}" for q in PHRASES]  # type: ignore[index]
        out.append(f"| {r['n']} | {r['engine']} | {size} | {r['first_search_kb_gz']} | {r['cold_first_search_ms']} | {p} | " + " | ".join(cells) + " |")
    return "\n".join(out) + "\n"


def report21(rows: list[dict[str, object]]) -> str:
    """The issue-21 table: per N, the index, typical and worst queries cold, warm latency, precision and recall."""
    out = ["| N | index MB (gz): postings / texts | files | typical query kB gz (median, cold) | worst 5 queries: kB gz, files, "
           "cold ms, warm ms | cold ms p50 / max | warm ms p50 / p95 | recall | precision (shown) | index precision |",
           "|---:|---|---:|---:|---|---:|---:|---:|---:|---:|"]
    for r in rows:
        per: dict[str, dict[str, object]] = r["queries"]  # type: ignore[assignment]
        kb = sorted(float(v["kb_gz"]) for v in per.values())  # type: ignore[arg-type]
        cold = sorted(float(v["cold_ms"]) for v in per.values())  # type: ignore[arg-type]
        worst = sorted(per, key=lambda q: (-float(per[q]["kb_gz"]), -float(per[q]["cold_ms"])))[:5]  # type: ignore[arg-type]
        cells = "<br>".join(f"`{q}` {per[q]['kb_gz']}, {per[q]['files']}, {per[q]['cold_ms']}, {per[q]['warm_ms']}" for q in worst)
        recall = min(float(v["recall"]) for v in per.values())  # type: ignore[arg-type]
        precision = min(float(v["precision"]) for v in per.values())  # type: ignore[arg-type]
        index_precision = min(float(v["index_precision"]) for v in per.values())  # type: ignore[arg-type]
        size = (f"{int(r['s_bytes']) / 1e6:.1f} ({int(r['s_gz_bytes']) / 1e6:.1f}) / "  # type: ignore[call-overload]
                f"{int(r['t_bytes']) / 1e6:.1f} ({int(r['t_gz_bytes']) / 1e6:.1f})")  # type: ignore[call-overload]
        out.append(f"| {r['n']:,} | {size} | {int(r['index_files']):,} | {statistics.median(kb):.1f} | {cells} | "  # type: ignore[call-overload]
                   f"{statistics.median(cold):.0f} / {cold[-1]:.0f} | {r['p50_ms']} / {r['p95_ms']} | {recall:.2f} | {precision:.2f} | "
                   f"{index_precision:.2f} |")
    return "\n".join(out) + "\n"


def per_query(rows: list[dict[str, object]]) -> str:
    out = ["| N | query | kB gz | files | cold ms | warm ms | count shown | truth (grep) | candidates | decided by the index | recall | precision |",
           "|---:|---|---:|---:|---:|---:|---|---:|---:|---|---:|---:|"]
    for r in rows:
        for q, v in r["queries"].items():  # type: ignore[attr-defined]
            out.append(f"| {r['n']:,} | `{q}` | {v['kb_gz']} | {v['files']} | {v['cold_ms']} | {v['warm_ms']} | {v['count']} | {v['truth']:,} | "
                       f"{v['candidates']:,} | {'yes' if v['exact'] else 'no'} | {v['recall']:.2f} | {v['precision']:.2f} |")
    return "\n".join(out) + "\n"


def pagefind_table(rows: list[dict[str, object]]) -> str:
    """Pagefind extended on the same synthetic articles (plain HTML pages): what it fetches and finds (pages)."""
    named = " | ".join(f"`{q}` found / containing" for q in PHRASES + ["数据孤岛", "數據孤島"])
    out = [f"| N | first search kB gz | cold first search ms | p50 / p95 ms (hans) | {named} |", "|---:|---:|---:|---:|" + "---:|" * (len(PHRASES) + 2)]
    for r in rows:
        found, truth = r["hans_pages_found"], r["expected_pages"]
        cells = " | ".join(f"{found[q]:,} / {truth[q]:,}" for q in PHRASES + ["数据孤岛", "數據孤島"])  # type: ignore[index]
        out.append(f"| {r['n']:,} | {r['first_search_kb_gz']} | {r['cold_first_search_ms']} | {r['hans_p50_ms']} / {r['hans_p95_ms']} | {cells} |")
    return "\n".join(out) + "\n"


MARK = "<!-- search_bench --n: the table below is written by `python -m benchmarks.search_bench --n ...` -->"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", "--sizes", dest="sizes", type=int, nargs="*", default=[200, 1000])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="a site built by `make site`")
    parser.add_argument("--pagefind", type=int, nargs="*", default=[], help="also measure Pagefind extended at these sizes")
    parser.add_argument("--work", type=Path, help="keep the synthetic sites here, and measure those already there again")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        tmp = str(args.work or scratch)
        for n in args.sizes:
            kept = (Path(tmp) / f"site-{n}" / "search" / "sizes.json").is_file()
            editions = synthetic_pages(n) if not kept else {"hans": synthetic_pages(1)["hans"]}  # the first title: rare_phrase()
            site, sizes = bench_site(n, args.site, Path(tmp), editions)
            figures = measure_search(site, QUERIES, page_path="digital-government-efficacy/", totals=n <= 1000)
            queries = QUERIES + WORST + [rare_phrase(editions)]
            del editions
            per = measure_queries(site, queries, "digital-government-efficacy/")
            texts = section_texts(site)
            for q in queries:
                truth = grep(texts, q)
                found, exact = candidates(site, q)
                hits = found if exact else found & truth  # a phrase the index cannot decide is confirmed on the texts shown
                per[q].update(truth=len(truth), candidates=len(found), exact=exact,
                              recall=len(found & truth) / len(truth) if truth else 1.0,
                              precision=len(hits & truth) / len(hits) if hits else 1.0,
                              index_precision=len(found & truth) / len(found) if found else 1.0)
            del texts
            rows.append({"n": n, "engine": "own", **sizes, **figures, "queries": per})
            print(json.dumps(rows[-1], ensure_ascii=False), flush=True)
            if not args.work:
                shutil.rmtree(site)
        for n in args.pagefind:
            pages = synthetic_pages(n)
            t0 = time.perf_counter()
            site = pagefind_site(pages, Path(tmp) / f"pagefind-{n}")
            seconds = round(time.perf_counter() - t0, 1)
            figures = measure_pagefind(site, QUERIES)
            figures["expected_pages"] = {q: pages_containing(pages, q) for q in QUERIES}
            rows.append({"n": n, "engine": "pagefind-extended 1.5.2", "index_seconds": seconds, **figures})
            print(json.dumps(rows[-1], ensure_ascii=False))
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "search.json").write_text(json.dumps(rows, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    own = [r for r in rows if r["engine"] == "own"]
    md = RESULTS / "search.md"
    earlier = md.read_text(encoding="utf-8").split(MARK)[0].rstrip() + "\n\n" if md.is_file() else ""
    pagefind = [r for r in rows if r["engine"] != "own"]
    compared = "\nPagefind extended 1.5.2, same articles:\n\n" + pagefind_table(pagefind) if pagefind else ""
    md.write_text(earlier + MARK + "\n\n" + report21(own) + compared + "\nEach query (cold: a fresh browser context):\n\n" + per_query(own),
                  encoding="utf-8")
    print(report21(own))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
