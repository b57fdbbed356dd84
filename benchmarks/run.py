"""`make bench`: the collection at scale (issue 14). Per N in SIZES: full build, incremental add-one, a vanilla
mkdocs-material build of the same pages, site size, article HTML, first load in headless Chromium, first search
and search latency (benchmarks.search_bench.measure_search), peak memory.

    python -m benchmarks.run --fresh      # (make bench) forget earlier figures, measure every N, then the report
    python -m benchmarks.run              # every N not measured yet (resumes an interrupted run), then the report
    python -m benchmarks.run --n 1000     # one N (again), then the report
    python -m benchmarks.run --report     # only rewrite report.md and the plots from what is measured

Each N's figures go to benchmarks/results/scale/N.json as soon as they are measured, so a long run can be
stopped and resumed. The collection is the two real articles plus N - 2 synthetic ones (benchmarks/synthetic.py).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from benchmarks.scale_report import SCALE, SIZE_ROWS, report
from benchmarks.search_bench import measure_search
from benchmarks.synthetic import add_article, write_collection
from pipeline.core.layout import ROOT
from scripts.fresh_copy import fresh_copy
from scripts.package import ZIP_NAME
from scripts.site_size import by_folder

SIZES = [2, 50, 200, 1000]
# More size rows, each one build labelled by what it measured (--size-row): later cuts at an N whose full row in
# scale/ (rebuilds, search, first load) stays as measured
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1764028800"}
# --deployed: the site as the CI build publishes it (.github/workflows/site.yml): the offline zip a release asset, the
# raw files linked from the repository at the built commit; example URLs of that form
DEPLOYED = {"OFFLINE_ZIP_URL": "https://github.com/owner/repo/releases/download/offline/zh-policy-reader-offline.zip",
            "RAW_URL": "https://github.com/owner/repo/blob/0123456789abcdef0123456789abcdef01234567/"}
ARTICLE = "digital-government-efficacy"  # a real article: present at every N, so its weight is comparable
# The vanilla site's navigation lists every page on every page (N² HTML): at N = 1,000 (some 8,000 pages) it would
# run for hours on this machine. The target compares at N = 200.
VANILLA_MAX = 200
QUERIES = ["字政府建", "网通", "数据有序流", "一网通办", "數據孤島", "条块协同", "城市大脑", "数据 共享", "政務服務", "公共数据"]


CPU: dict[str, float] = {}  # label -> CPU seconds (user + system, all processes) of the last timed() with that label


def timed(cmd: list[str], cwd: Path, env: dict[str, str] | None = None, label: str = "") -> tuple[float, float]:
    """Wall seconds and peak resident memory (MB, largest process) of a command, via GNU time. Its CPU seconds
    go to CPU[label]: on a machine shared with other work, CPU time is the steadier measure."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as out:
        start = time.perf_counter()
        done = subprocess.run(["/usr/bin/time", "-f", "%M %U %S", "-o", out.name, *cmd], cwd=cwd, env=env or ENV,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if done.returncode:
            raise SystemExit(f"error: {' '.join(cmd)} failed in {cwd}:\n{done.stderr[-3000:]}")
        peak, user, system = Path(out.name).read_text().split()[-3:]
        CPU[label] = float(user) + float(system)
        return time.perf_counter() - start, int(peak) / 1024


def tree_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def vanilla(repo: Path) -> float:
    """The pipeline's pages (both editions) in a default mkdocs-material site: `theme: material`, nothing else.
    With the pipeline's other files (exports, raw files, search index: build/site-extra/ and site-search/, which our build links into
    site/ itself) put back into docs/, where a default site keeps them."""
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp)
        shutil.copytree(repo / "docs", site / "docs")
        for extra in (repo / "build" / "site-extra", repo / "build" / "site-search"):
            for path in (p for p in extra.rglob("*") if p.is_file()):
                rel = path.relative_to(extra).as_posix()
                rel = rel if rel.startswith(("zh-Hant/", "search/")) else f"zh-Hans/{rel}"
                (site / "docs" / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, site / "docs" / rel)
        (site / "mkdocs.yml").write_text("site_name: Baseline\ntheme:\n  name: material\n", encoding="utf-8")
        return timed([sys.executable, "-m", "mkdocs", "build", "--quiet"], site, label="vanilla")[0]


# browser -----------------------------------------------------------------------------------------

def first_load(site: Path) -> dict[str, object]:
    """Gzip bytes of everything an article page loads until the network is idle, and whether any search index came."""
    from playwright.sync_api import sync_playwright

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
    out: dict[str, object] = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"), args=args)
            context = browser.new_context()
            page = context.new_page()
            seen: list = []  # type: ignore[type-arg]
            page.on("response", lambda r: seen.append(r))
            page.goto(base + ARTICLE + "/")
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(500)
            bodies = [(r.url, r.body()) for r in seen if r.ok]
            out = {"first_load_kb_gz": sum(len(gzip.compress(b, 6)) for _, b in bodies) / 1000, "requests": len(bodies),
                   # the index lives in search/ (search.js, the code, is not index); Material's or Pagefind's would show too
                   "index_fetched_on_load": [u for u, _ in bodies if "/search/" in urlsplit(u).path
                                             or re.search(r"search_index|pagefind", u)]}
            browser.close()
    finally:
        server.shutdown()
    return out


def search_figures(site: Path) -> dict[str, object]:
    """First search kB gz, cold ms, p50/p95 ms after the last keystroke, hits (benchmarks/search_bench.py), on the
    same real article page at every N."""
    return dict(measure_search(site, QUERIES, page_path=ARTICLE + "/"))


def commit() -> str:
    """The commit measured (its short hash; "+" when the work tree had changes)."""
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    return head + ("+" if dirty else "")


def measure(n: int, build_only: bool = False, label: str = "") -> dict[str, object]:
    print(f"N={n}: preparing…", flush=True)
    CPU.clear()
    with tempfile.TemporaryDirectory(prefix=f"bench{n}-") as tmp:
        repo = fresh_copy(Path(tmp), skip=("benchmarks/results/",))
        write_collection(repo, n)
        build = [sys.executable, "-m", "scripts.build_site"]
        full_s, full_mb = timed(build, repo, label="full")
        print(f"N={n}: full build {full_s:.1f} s, peak {full_mb:.0f} MB", flush=True)
        site = repo / "site"
        row: dict[str, object] = {
            "n": n, "commit": commit(), "full_s": full_s, "full_peak_mb": full_mb, "site_mb": tree_bytes(site) / 1e6,
            # what GitHub Pages would publish, by folder (scripts/site_size.py; the CI build leaves the zip out: issue 21)
            "site_by_folder_mb": {k: v / 1e6 for k, v in by_folder(site).most_common()},
            # in site/ unless OFFLINE_ZIP_URL puts it elsewhere (the CI build: a release asset), then in build/downloads/
            "zip_mb": next(p for p in (site / "downloads" / ZIP_NAME, repo / "build" / "downloads" / ZIP_NAME)
                           if p.exists()).stat().st_size / 1e6,
            "offline_mb": tree_bytes(repo / "build" / "offline" / "site") / 1e6,
            "article_html_kb": (site / ARTICLE / "index.html").stat().st_size / 1000,
            "pages": sum(1 for _ in site.rglob("*.html")),
        }
        if build_only or label:  # one big N: the build, its size and memory only (no rebuilds, no browser)
            row.update(peak_mb=full_mb, full_cpu_s=CPU["full"], build_only=True)
            out = SCALE / f"{n}.json"
            if label:  # a size row of its own, beside the N's full row
                row["label"] = label
                out = SIZE_ROWS / f"{n}-{re.sub(r'[^A-Za-z0-9]+', '-', label).strip('-').lower()}.json"
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(json.dumps(row, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
            return row
        if n <= VANILLA_MAX:
            row["vanilla_s"] = vanilla(repo)
            row["ratio"] = full_s / row["vanilla_s"]  # type: ignore[operator]
            print(f"N={n}: vanilla {row['vanilla_s']:.1f} s", flush=True)
        row["unchanged_s"], _ = timed(build, repo, label="unchanged")  # nothing changed: everything from the caches
        add_article(repo, 5000)  # one more article (numbered apart from the collection's own)
        row["add_one_s"], add_mb = timed(build, repo, label="add_one")
        row["peak_mb"] = max(full_mb, add_mb)
        row.update({f"{k}_cpu_s": v for k, v in CPU.items()})
        if "vanilla" in CPU:
            row["ratio_cpu"] = CPU["full"] / CPU["vanilla"]
        print(f"N={n}: add one {row['add_one_s']:.1f} s, unchanged rebuild {row['unchanged_s']:.1f} s", flush=True)
        row.update(first_load(site))  # (on the N + 1 site)
        row["search"] = search_figures(site)
    SCALE.mkdir(parents=True, exist_ok=True)
    (SCALE / f"{n}.json").write_text(json.dumps(row, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return row


# report ------------------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, action="append", help="measure this N (again); repeatable")
    parser.add_argument("--report", action="store_true", help="only rewrite the report from benchmarks/results/scale/")
    parser.add_argument("--fresh", action="store_true", help="forget earlier figures first (a new run of every N)")
    parser.add_argument("--build-only", action="store_true", help="only the full build: time, peak memory, size by folder")
    parser.add_argument("--deployed", action="store_true", help="build the site as CI publishes it (OFFLINE_ZIP_URL, RAW_URL)")
    parser.add_argument("--size-row", metavar="LABEL", default="",
                        help="a build-only size row of its own, labelled (results/size_rows/), beside the N's full row")
    args = parser.parse_args(argv)
    if args.deployed:
        ENV.update(DEPLOYED)
    if args.fresh:
        for old in SCALE.glob("*.json"):
            old.unlink()
    if not args.report:
        sizes = args.n or [n for n in SIZES if not (SCALE / f"{n}.json").exists()]
        for n in sizes:
            measure(n, args.build_only, args.size_row)
    report()
    return 0


if __name__ == "__main__":
    sys.exit(main())
