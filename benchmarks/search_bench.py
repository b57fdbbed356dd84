"""Search at scale: page weight, first-search weight and latency in headless Chromium.

`measure_search(site_dir, queries)` serves a built site on 127.0.0.1 and drives Chromium; `make bench`
calls it for each N. Run on its own, it measures synthetic collections of N = 200 and 1,000 articles
without a whole MkDocs build: the index of N synthetic articles (sentences of the real articles,
reshuffled into new sections under new titles, both editions) replaces the index of the built two-article
site/, whose article page and search box are what a reader loads. Writes benchmarks/results/search.md.

    python -m benchmarks.search_bench [--sizes 200 1000]
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import random
import re
import shutil
import statistics
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from pipeline.core.data import CORPUS, ROOT
from pipeline.document.article import process_article
from pipeline.document.editions import to_traditional
from pipeline.publish.search_index import Page, Section, fold, plain, write_index

RESULTS = ROOT / "benchmarks" / "results"
PHRASES = ["字政府建", "网通", "条块协同", "数据有序流"]
QUERIES = PHRASES + ["一网通办", "数据孤岛", "城市大脑", "數據孤島", "一網通辦", "條塊協同", "数字政府", "政务服务", "公共数据",
                     "數據共享", "数据 孤岛", "城市 大脑 政务云", "大数据局", "电子政务", "数据要素", "整体性"]


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


def article_path(site_dir: Path) -> str:
    """An article page of the built site (the first page in the index that has an HTML page)."""
    meta = json.loads(re.search(r",(\{.*\})\);", (site_dir / "search" / "meta.js").read_text(encoding="utf-8")).group(1))  # type: ignore[union-attr]
    for slug, _ in meta["pages"]:
        for rel in (f"{slug}/index.html", f"{slug}.html"):
            if (site_dir / rel).is_file():
                return rel.removesuffix("index.html")
    raise FileNotFoundError(f"{site_dir}: no article page")


def measure_search(site_dir: Path, queries: list[str], page_path: str | None = None, repeats: int = 3) -> dict[str, object]:
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
            totals: dict[str, int] = {}
            for q in [q for q in queries if q in PHRASES]:
                page.evaluate(_ASK, q)
                totals[q] = page.evaluate(_ALL)
            out["phrase_hits"] = totals
            out["all_index_kb_gz_fetched"] = round(sum(_gz(r.body()) for r in responses if r.ok and "/search/" in r.url) / 1000, 1)
            browser.close()
    finally:
        server.shutdown()
    return out


def expected_hits(site_dir: Path, query: str, edition: str = "hans") -> int:
    """Sections whose text holds every term of the query (the truth search should find), from the index's texts."""
    terms = [fold(t) for t in query.split()]
    count = 0
    for path in (site_dir / "search" / "t" / edition).glob("*.js"):
        data = json.loads(re.search(r",(\{.*\})\);", path.read_text(encoding="utf-8"), re.S).group(1))  # type: ignore[union-attr]
        count += sum(all(t in fold(h + "\n" + x) for t in terms) for _, h, x in data["sections"])
    return count


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


def bench_site(n: int, base_site: Path, dest: Path) -> tuple[Path, dict[str, int]]:
    """The built site with its index replaced by the index of N synthetic articles."""
    site = dest / f"site-{n}"
    shutil.copytree(base_site, site, ignore=shutil.ignore_patterns("downloads"))
    shutil.rmtree(site / "search")
    t0 = time.perf_counter()
    sizes = write_index(synthetic_pages(n), site / "search")
    sizes["index_seconds"] = round(time.perf_counter() - t0, 1)  # type: ignore[assignment]
    sizes["index_bytes"] = sum(p.stat().st_size for p in (site / "search").rglob("*") if p.is_file())
    sizes["index_gz_bytes"] = sum(_gz(p.read_bytes()) for p in (site / "search").rglob("*") if p.is_file())
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
    terms = [fold(t) for t in query.split()]
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[200, 1000])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="a site built by `make site`")
    parser.add_argument("--pagefind", type=int, nargs="*", default=[], help="also measure Pagefind extended at these sizes")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            site, sizes = bench_site(n, args.site, Path(tmp))
            figures = measure_search(site, QUERIES, page_path="digital-government-efficacy/")
            figures["expected_phrase_hits"] = {q: expected_hits(site, q) for q in PHRASES}
            rows.append({"n": n, "engine": "own", **sizes, **figures})
            print(json.dumps(rows[-1], ensure_ascii=False))
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
    print(report(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
