"""Search at scale: page weight, first-search weight and latency in headless Chromium, precision and recall.

`measure_search(site_dir, queries)` (benchmarks/search_browser.py) serves a built site on 127.0.0.1 and drives
Chromium; `make bench` calls it for each N. The queries and their truth (a grep, the index's candidates):
benchmarks/search_queries.py. Run on its own, it measures synthetic collections of N articles without a whole MkDocs
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
import json
import random
import re
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.search_browser import gz_size, measure_pagefind, measure_queries, measure_search
from benchmarks.search_queries import PHRASES, QUERIES, WORST, candidates, grep, pages_containing, rare_phrase, section_texts
from pipeline.core.layout import CORPUS, ROOT
from pipeline.document.article import process_article
from pipeline.document.editions import to_traditional
from pipeline.publish.search_index import Page, Section, plain, write_index

__all__ = ["PHRASES", "QUERIES", "WORST", "main", "measure_pagefind", "measure_queries", "measure_search"]  # benchmarks/run.py imports from here

RESULTS = ROOT / "benchmarks" / "results"


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
    sizes["index_gz_bytes"] = sum(gz_size(p.read_bytes()) for p in (site / "search").rglob("*") if p.is_file())
    sizes["index_files"] = sum(1 for p in (site / "search").rglob("*") if p.is_file())
    for part in ("s", "t"):  # the postings, the texts
        sizes[f"{part}_bytes"] = sum(p.stat().st_size for p in (site / "search" / part).rglob("*") if p.is_file())
        sizes[f"{part}_gz_bytes"] = sum(gz_size(p.read_bytes()) for p in (site / "search" / part).rglob("*") if p.is_file())
    kept.write_text(json.dumps(sizes), encoding="utf-8")
    return site, sizes


# The Pagefind candidate (extended build, CJK segmentation) on the same synthetic pages ---------------

_PF_PAGE = ('<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title></head>'
            '<body><main data-pagefind-body><h1>{title}</h1>{body}</main></body></html>')

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
