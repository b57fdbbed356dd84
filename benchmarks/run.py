"""`make bench`: build speed against a vanilla mkdocs-material site, scale, pipeline throughput, page weight
and search latency, in one run. Writes benchmarks/results/report.md and PNG plots.

    python -m benchmarks.run [--quick]

Every figure is the median of several runs (RUNS, fewer for the largest corpus, as the report says).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from benchmarks.synthetic import RAW_000, RAW_002, big_text, variant_000, variant_002
from pipeline.core.convert import converter
from pipeline.core.data import ROOT
from pipeline.document.article import process_bytes
from pipeline.document.editions import to_simplified, to_traditional
from scripts.fresh_copy import fresh_copy

RESULTS = ROOT / "benchmarks" / "results"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def timed(cmd: list[str], cwd: Path) -> tuple[float, int]:
    """Wall seconds and peak resident memory (kB, largest process) of a command, via GNU time."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as out:
        start = time.perf_counter()
        subprocess.run(["/usr/bin/time", "-f", "%M", "-o", out.name, *cmd], cwd=cwd, env=ENV, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return time.perf_counter() - start, int(Path(out.name).read_text().split()[-1])


def tree_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


# 1. vanilla baseline -----------------------------------------------------------------------------

def vanilla(runs: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp)
        (site / "docs").mkdir()
        for raw in (RAW_000, RAW_002):  # the raw texts as they are, as plain Markdown pages
            (site / "docs" / f"{raw.stem}.md").write_bytes(raw.read_bytes())
        (site / "docs" / "index.md").write_text("# Articles\n", encoding="utf-8")
        (site / "mkdocs.yml").write_text("site_name: Baseline\ntheme:\n  name: material\n", encoding="utf-8")
        times = [timed([sys.executable, "-m", "mkdocs", "build", "--quiet"], site)[0] for _ in range(runs)]
        return {"seconds": statistics.median(times), "bytes": tree_bytes(site / "site")}


def ours(runs: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        repo = fresh_copy(Path(tmp), skip=("benchmarks/results/",))
        results = [timed([sys.executable, "-m", "scripts.build_site"], repo) for _ in range(runs)]
        return {"seconds": statistics.median(t for t, _ in results), "peak_kb": max(m for _, m in results),
                "bytes": tree_bytes(repo / "site")}


# 2. scale ----------------------------------------------------------------------------------------

def corpus_of(repo: Path, n: int) -> None:
    """Replace the corpus with n articles: alternately variants of 000 (shuffled) and of 002."""
    articles, raw = repo / "corpus" / "articles", repo / "corpus" / "raw"
    base = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in articles.glob("*.yaml")}
    for p in [*articles.glob("*.yaml"), *raw.glob("*.txt")]:
        p.unlink()
    for i in range(n):
        kind = "digital-governance-capacity" if i % 2 == 0 else "digital-government-efficacy"
        data = variant_000(i) if i % 2 == 0 else variant_002()
        name = f"{i:04d}_{kind[:10]}.txt"
        (raw / name).write_bytes(data)
        meta = dict(base[kind], slug=f"a{i:04d}-{kind}", raw=name, sha256=hashlib.sha256(data).hexdigest())
        (articles / f"a{i:04d}.yaml").write_text(yaml.safe_dump(meta, allow_unicode=True), encoding="utf-8")


def scale(sizes: list[int], runs: dict[int, int]) -> list[dict[str, float]]:
    rows = []
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            repo = fresh_copy(Path(tmp), skip=("benchmarks/results/",))
            corpus_of(repo, n)
            results = [timed([sys.executable, "-m", "scripts.build_site"], repo) for _ in range(runs[n])]
            rows.append({"n": n, "runs": runs[n], "seconds": statistics.median(t for t, _ in results),
                         "peak_mb": max(m for _, m in results) / 1024, "site_mb": tree_bytes(repo / "site") / 1e6,
                         "index_mb": tree_bytes(repo / "site" / "search") / 1e6})  # our index: all of site/search
        print(f"  N={n}: {rows[-1]['seconds']:.1f} s", flush=True)
    return rows


# 3. throughput -----------------------------------------------------------------------------------

def rate(fn, text_chars: int, runs: int = 5) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return text_chars / statistics.median(times)


def throughput() -> list[tuple[str, float]]:
    raw002 = RAW_002.read_bytes()
    big = big_text(5_000_000).encode()
    trad = process_bytes(raw002, "002", script="hant")
    hant_text = "\n".join(trad.hant.texts()) * 50
    hans_text = "\n".join(trad.hans.texts()) * 50
    process_bytes(big[:100_000], "warm", script="hans")
    return [
        ("clean + structure, article 002 (traditional, pinyin, garbling)", rate(lambda: process_bytes(raw002, "002", script="hant"), len(raw002.decode()))),
        ("clean + structure, 5 MB synthetic (simplified)", rate(lambda: process_bytes(big, "big", script="hans"), len(big.decode()), runs=3)),
        ("to_simplified (OpenCC t2s + overrides)", rate(lambda: to_simplified(hant_text, "hant"), len(hant_text))),
        ("raw OpenCC t2s", rate(lambda: converter("t2s").convert(hant_text), len(hant_text))),
        ("to_traditional (OpenCC s2tw + overrides)", rate(lambda: to_traditional(hans_text), len(hans_text))),
        ("raw OpenCC s2tw", rate(lambda: converter("s2tw").convert(hans_text), len(hans_text))),
    ]


# 4 and 5. page weight and search latency, in headless Chromium ---------------------------------

KIND = [("search index", re.compile(r"/search/")), ("fonts", re.compile(r"\.(woff2?|ttf|otf)(\?|$)")),
        ("JS", re.compile(r"\.js(\?|$)")), ("CSS", re.compile(r"\.css(\?|$)")), ("HTML", re.compile(r"(\.html|/)(\?|$)"))]
COLUMNS = ["HTML", "CSS", "JS", "fonts", "search index", "other", "total"]
QUERIES = ["一网通办", "数据孤岛", "城市大脑", "条块协同", "数字政府", "数据要素", "政务服务", "大数据局", "电子政务", "公共数据",
           "一網通辦", "數據孤島", "城市大腦", "條塊協同", "數字政府", "數據要素", "政務服務", "大數據局", "電子政務", "公共數據",
           "数据共享", "數據共享"]


def browser_measures(site: Path) -> tuple[list[dict[str, object]], list[float]]:
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    from playwright.sync_api import sync_playwright

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    pages, latencies = [], []
    args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"), args=args)
        for path in ["digital-governance-capacity/", "digital-government-efficacy/", "zh-Hant/digital-governance-capacity/",
                     "zh-Hant/digital-government-efficacy/"]:
            context = browser.new_context()
            page = context.new_page()
            responses: list = []  # type: ignore[type-arg]
            page.on("response", lambda r, seen=responses: seen.append(r))  # a Python function: Playwright tags it
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
            bodies = [(r.url, r.body()) for r in responses if r.ok]
            split = {k: 0 for k, _ in KIND} | {"other": 0}
            for url, body in bodies:  # transfer size as a gzip-serving host (GitHub Pages) would send it
                kind = next((k for k, rx in KIND if rx.search(url)), "other")
                split[kind] += len(gzip.compress(body, 6))
            pages.append({"page": path, "requests": len(bodies), **split, "total": sum(split.values())})
            context.close()
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.goto(base)
        page.wait_for_load_state("networkidle")
        page.click("input.md-search__input")
        page.wait_for_timeout(1500)
        for q in QUERIES:
            for _ in range(3):
                page.fill("input.md-search__input", "")
                page.wait_for_timeout(200)
                page.evaluate("""() => { window.__t1 = null; const list = document.querySelector('.md-search-result__meta');
                    new MutationObserver((m, o) => { window.__t1 = performance.now(); o.disconnect(); })
                      .observe(list, {childList: true, characterData: true, subtree: true}); }""")
                page.keyboard.insert_text(q)
                t0 = page.evaluate("performance.now()")
                page.keyboard.press("End")  # the last keystroke
                page.wait_for_function("() => window.__t1 !== null", timeout=10000)
                latencies.append(page.evaluate("window.__t1") - t0)
        browser.close()
    server.shutdown()
    return pages, latencies


# report ------------------------------------------------------------------------------------------

def machine() -> str:
    cpu = next((ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines() if ln.startswith("model name")), platform.processor())
    mem = next((int(ln.split()[1]) // 1024 // 1024 for ln in Path("/proc/meminfo").read_text().splitlines() if ln.startswith("MemTotal")), 0)
    chromium = subprocess.run([os.environ.get("CHROMIUM", "/usr/bin/chromium"), "--version"], capture_output=True, text=True).stdout.strip()
    return f"{os.cpu_count()} cores ({cpu}), {mem} GiB RAM, {platform.platform()}, Python {platform.python_version()}, {chromium}"


def plots(rows: list[dict[str, float]], pages: list[dict[str, object]], latencies: list[float], speeds: list[tuple[str, float]]) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    n = [r["n"] for r in rows]
    fig, ax = plt.subplots(1, 3, figsize=(13, 3.8))
    ax[0].plot(n, [r["seconds"] for r in rows], "o-")
    ax[0].set(title="Build time (make site)", xlabel="articles", ylabel="seconds")
    ax[1].plot(n, [r["site_mb"] for r in rows], "o-", label="site")
    ax[1].plot(n, [r["index_mb"] for r in rows], "s-", label="search index")
    ax[1].set(title="Output size", xlabel="articles", ylabel="MB")
    ax[1].legend()
    ax[2].plot(n, [r["peak_mb"] for r in rows], "o-")
    ax[2].set(title="Peak memory", xlabel="articles", ylabel="MB")
    fig.tight_layout()
    fig.savefig(RESULTS / "scale.png", dpi=110)
    kinds = ["HTML", "CSS", "JS", "fonts", "search index", "other"]
    fig, ax = plt.subplots(figsize=(9.5, 3.8))
    left = [0.0] * len(pages)
    for k in kinds:
        vals = [float(p[k]) / 1000 for p in pages]  # type: ignore[arg-type]
        ax.barh([str(p["page"]) for p in pages], vals, left=left, label=k)
        left = [a + b for a, b in zip(left, vals, strict=True)]
    ax.set(title="First load, gzip bytes by kind", xlabel="kB")
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    fig.tight_layout()
    fig.savefig(RESULTS / "page_weight.png", dpi=110)
    fig, ax = plt.subplots(figsize=(6, 3.5))
    ax.hist(latencies, bins=20)
    ax.set(title="Search latency: last keystroke to results", xlabel="ms", ylabel="queries")
    fig.tight_layout()
    fig.savefig(RESULTS / "search_latency.png", dpi=110)
    fig, ax = plt.subplots(figsize=(8, 3.5))
    ax.barh([s[0] for s in speeds], [s[1] / 1e6 for s in speeds])
    ax.set(title="Throughput", xlabel="million characters per second")
    fig.tight_layout()
    fig.savefig(RESULTS / "throughput.png", dpi=110)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs and smaller corpora (a smoke test)")
    args = parser.parse_args(argv)
    runs = 1 if args.quick else 3
    sizes = [4, 10] if args.quick else [10, 50, 200]
    scale_runs = {n: (1 if args.quick or n >= 200 else runs) for n in sizes}
    RESULTS.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    print("baseline…", flush=True)
    base, full = vanilla(runs), ours(runs)
    print("scale…", flush=True)
    rows = scale(sizes, scale_runs)
    print("throughput…", flush=True)
    speeds = throughput()
    print("browser…", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        repo = fresh_copy(Path(tmp), skip=("benchmarks/results/",))
        subprocess.run([sys.executable, "-m", "scripts.build_site"], cwd=repo, env=ENV, check=True, capture_output=True)
        pages, latencies = browser_measures(repo / "site")
    plots(rows, pages, latencies, speeds)
    lat = sorted(latencies)
    p95 = lat[max(0, round(0.95 * len(lat)) - 1)]
    per_article = [r["seconds"] / r["n"] for r in rows]
    slopes = [(b["seconds"] - a["seconds"]) / (b["n"] - a["n"]) for a, b in zip(rows, rows[1:], strict=False)]
    fixed = rows[0]["seconds"] - slopes[0] * rows[0]["n"]
    linear = len(slopes) < 2 or max(slopes) / max(min(slopes), 1e-9) < 1.5
    heaviest = max(pages, key=lambda p: p["total"])  # type: ignore[arg-type,return-value]
    out = [
        "# Benchmarks\n", f"Machine: {machine()}.\n",
        f"Command: `make bench` (`python -m benchmarks.run{' --quick' if args.quick else ''}`), total {time.perf_counter() - started:.0f} s. "
        f"Figures are medians of {runs} runs unless a table says otherwise.\n",
        "## 1. Against a default mkdocs-material site\n",
        "The same two raw texts as plain Markdown pages in a site with only `theme: material`, built with `mkdocs build`, "
        "against our whole build (`make site`: pipeline, offline bundle, downloads, site; both editions).\n",
        "| build | seconds | output |\n|---|---:|---:|",
        f"| vanilla mkdocs-material | {base['seconds']:.2f} | {base['bytes'] / 1e6:.1f} MB |",
        f"| ours (`make site`) | {full['seconds']:.2f} | {full['bytes'] / 1e6:.1f} MB |",
        f"\nRatio: ours takes **{full['seconds'] / base['seconds']:.1f}×** the vanilla build's time; peak memory {full['peak_kb'] / 1024:.0f} MB.\n",
        "## 2. Scale\n", "Synthetic corpora: half shuffled variants of article 000 (chrome, repeated body, half-width punctuation, lost "
        "“+”, stray traditional character), half copies of article 002 (traditional, pinyin ruby, GBK-shift garbling, entities, notes).\n",
        "| articles | runs | seconds | seconds/article | peak memory MB | site MB | search index MB |\n|---:|---:|---:|---:|---:|---:|---:|",
        *[f"| {r['n']} | {r['runs']} | {r['seconds']:.1f} | {r['seconds'] / r['n']:.2f} | {r['peak_mb']:.0f} | {r['site_mb']:.1f} | {r['index_mb']:.2f} |"
          for r in rows],
        f"\nGrowth: {'linear' if linear else 'NOT linear'}. Each added article costs "
        + ", ".join(f"{x:.2f} s" for x in slopes) + f" between successive sizes, on top of a fixed {fixed:.0f} s "
        f"(start-up: jieba's dictionary, two MkDocs builds); the cost per article at N={rows[-1]['n']} is {per_article[-1]:.2f} s. "
        "The search index grows in proportion to N ("
        + ", ".join(f"{r['index_mb'] / r['n'] * 1000:.0f} kB" for r in rows) + " per article). The site grows faster ("
        + ", ".join(f"{r['site_mb'] / r['n']:.2f} MB" for r in rows) + " per article): every page carries the whole "
        "navigation with one entry per article, in both editions and in the offline copy, so the HTML grows as N² "
        "(a paginated index instead of a full sidebar would remove that).\n",
        "![scale](scale.png)\n",
        "## 3. Throughput\n", "| stage | characters per second |\n|---|---:|", *[f"| {k} | {v:,.0f} |" for k, v in speeds],
        "\n![throughput](throughput.png)\n",
        "## 4. Page weight\n", "First load of each article page in headless Chromium; bytes as gzip (level 6) would send them.\n",
        "| page | requests | HTML kB | CSS kB | JS kB | fonts kB | search index kB | other kB | total kB |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|",
        *[f"| {p['page']} | {p['requests']} | " + " | ".join(f"{float(p[k]) / 1000:.1f}" for k in COLUMNS) + " |"  # type: ignore[arg-type]
          for p in pages],
        f"\nHeaviest: `{heaviest['page']}`, {float(heaviest['total']) / 1000:.0f} kB in {heaviest['requests']} requests; no fonts are loaded.\n",  # type: ignore[arg-type]
        "![page weight](page_weight.png)\n",
        "## 5. Search latency\n", f"{len(QUERIES)} queries ({len(QUERIES) // 2} per script), 3 times each: time from the last keystroke to the "
        "results list changing, in headless Chromium.\n",
        f"Median **{statistics.median(latencies):.0f} ms**, 95th percentile **{p95:.0f} ms**, max {max(latencies):.0f} ms ({len(latencies)} searches).\n",
        "![search latency](search_latency.png)\n",
    ]
    (RESULTS / "report.md").write_text("\n".join(out), encoding="utf-8")
    (RESULTS / "results.json").write_text(json.dumps({"baseline": base, "ours": full, "scale": rows, "throughput": speeds, "pages": pages,
                                                      "latencies_ms": latencies}, ensure_ascii=False, indent=1), encoding="utf-8")
    print((RESULTS / "report.md").read_text(encoding="utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
