"""The search benchmark in headless Chromium: the built site served on 127.0.0.1, a query typed as the last keystroke,
the time to the results drawn, the bytes (gz) and files fetched; the same for Pagefind's own JS API. `make bench`
calls measure_search() for each N (benchmarks/run.py); benchmarks/search_bench.py the rest."""

from __future__ import annotations

import functools
import gzip
import statistics
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from benchmarks.search_queries import PHRASES
from pipeline.publish.search_index import index_pages


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def gz_size(body: bytes) -> int:
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
            out["first_load_kb_gz"] = round(sum(gz_size(b) for _, b in loaded) / 1000, 1)
            out["index_requests_on_load"] = sum(1 for u, _ in loaded if "/search/" in u)
            responses.clear()
            page.click("input.md-search__input")
            ms, shown, items = page.evaluate(_ASK, queries[0])
            first = [(r.url, r.body()) for r in responses if r.ok]
            out["first_search_kb_gz"] = round(sum(gz_size(b) for _, b in first) / 1000, 1)
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
            out["all_index_kb_gz_fetched"] = round(sum(gz_size(r.body()) for r in responses if r.ok and "/search/" in r.url) / 1000, 1)
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
                out[q] = {"kb_gz": round(sum(gz_size(b) for b in got) / 1000, 1), "files": len(got), "cold_ms": round(ms),
                          "warm_ms": round(statistics.median(warm)), "count": shown.strip(), "shown": items}
                context.close()
            browser.close()
    finally:
        server.shutdown()
    return out


_PF_ASK = """async ([q, n]) => {
  const t0 = performance.now();
  const found = await window.pf.search(q);
  const shown = await Promise.all(found.results.slice(0, 5).map(r => r.data()));  // what a results list draws first
  return [performance.now() - t0, found.results.length, shown.length];
}"""



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
                    out["first_search_kb_gz"] = round(sum(gz_size(r.body()) for r in responses if r.ok) / 1000, 1)
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
