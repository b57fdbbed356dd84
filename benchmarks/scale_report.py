"""The benchmark report (benchmarks/results/report.md and scale.png) from the figures `python -m benchmarks.run` saved:
the scale table, the deployed size by folder, the notes against each target."""

from __future__ import annotations

import json
import os
import platform
from pathlib import Path

from pipeline.core.layout import ROOT

RESULTS = ROOT / "benchmarks" / "results"
SCALE = RESULTS / "scale"
BEFORE = RESULTS / "site_size_before.json"  # the site by folder at N = 1,000 before issue 21 (one build, kept for the report)
SIZE_ROWS = RESULTS / "size_rows"

def _pick(search: object, key: str) -> object:
    return search.get(key) if isinstance(search, dict) else None


# one N -------------------------------------------------------------------------------------------

def machine() -> str:
    cpu = next((ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines() if ln.startswith("model name")), platform.processor())
    mem = next((int(ln.split()[1]) // 1024 // 1024 for ln in Path("/proc/meminfo").read_text().splitlines() if ln.startswith("MemTotal")), 0)
    return f"{os.cpu_count()} cores ({cpu}), {mem} GiB RAM, {platform.platform()}, Python {platform.python_version()}"


def _fmt(value: object, spec: str = ".1f") -> str:
    return format(value, spec) if isinstance(value, int | float) else "–"


def plots(rows: list[dict[str, object]]) -> None:
    try:
        import matplotlib
    except ImportError:
        return
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    n = [r["n"] for r in rows]
    fig, ax = plt.subplots(1, 3, figsize=(13, 3.8))
    ax[0].plot(n, [r["full_s"] for r in rows], "o-", label="full build")
    ax[0].plot([r["n"] for r in rows if "vanilla_s" in r], [r["vanilla_s"] for r in rows if "vanilla_s" in r], "s--",
               label="vanilla mkdocs-material")
    ax[0].plot([r["n"] for r in rows if "add_one_s" in r], [r["add_one_s"] for r in rows if "add_one_s" in r], "^-", label="add one article")
    ax[0].plot(n, [r.get("full_cpu_s") for r in rows], "o:", color="C0", alpha=.6, label="full build, CPU s")
    ax[0].set(title="Build time", xlabel="articles", ylabel="seconds")
    ax[0].legend(fontsize=8)
    ax[1].plot(n, [r["site_mb"] for r in rows], "o-", label="site/")
    ax[1].set(title="Site size", xlabel="articles", ylabel="MB")
    ax2 = ax[1].twinx()
    ax2.plot(n, [r["article_html_kb"] for r in rows], "s--", color="C1", label="article HTML kB")
    ax2.set_ylabel("article HTML kB")
    ax2.set_ylim(0, 1.5 * max(float(r["article_html_kb"]) for r in rows))  # type: ignore[arg-type]
    ax[1].legend(handles=[*ax[1].get_lines(), *ax2.get_lines()], fontsize=8, loc="upper left")
    ax[2].plot(n, [r["peak_mb"] for r in rows], "o-")
    ax[2].set(title="Peak memory", xlabel="articles", ylabel="MB")
    fig.tight_layout()
    fig.savefig(RESULTS / "scale.png", dpi=110)
    plt.close(fig)


# Folders of the deployed site as scripts/site_size.py names them, in the order of the size table; the zip is in
# downloads/ locally and a release asset in CI (OFFLINE_ZIP_URL), so it is counted apart.
SIZE_COLUMNS = [("*/index.html", "articles (简)"), ("zh-Hant/*/index.html", "articles (繁)"), ("articles/", "lists (简)"),
                ("zh-Hant/articles/", "lists (繁)"), ("reports/", "reports (简) + JSON"), ("zh-Hant/reports/", "reports (繁)"),
                ("raw/", "raw"), ("cite/", "cite"), ("search/", "search (index)"), ("downloads/", "downloads (zip, single files)")]


def size_table(rows: list[dict[str, object]]) -> list[str]:
    """kB per article by folder, for every N measured with it: what the deployed site is made of (issue 21)."""
    sized = [r for r in rows if isinstance(r.get("site_by_folder_mb"), dict)]
    if not sized:
        return []
    if BEFORE.is_file():  # the same measure before issue 21's cuts, for comparison
        sized.insert(0, json.loads(BEFORE.read_text(encoding="utf-8")))
    sized += sorted((json.loads(p.read_text(encoding="utf-8")) for p in SIZE_ROWS.glob("*.json")), key=lambda r: (r["n"], r["commit"]))
    out = ["", "Deployed site by folder, kB per article (`scripts/site_size.py`; GitHub Pages publishes ≤ 1 GB, so ≤ 100 kB an "
           "article at N = 10,000). *Pages* = everything but the offline zip, which CI now publishes as a release asset (issue 21); "
           "*at 10,000* = the theme's assets plus the rest per article × 10,000.\n",
           "| N | " + " | ".join(name for _, name in SIZE_COLUMNS) + " | other | **Pages** | at 10,000, GB |",
           "|---:|" + "---:|" * (len(SIZE_COLUMNS) + 3)]
    for r in sized:
        folders: dict[str, float] = r["site_by_folder_mb"]  # type: ignore[assignment]
        n = int(r["n"])  # type: ignore[call-overload]
        named = [folders.get(key, 0.0) for key, _ in SIZE_COLUMNS]
        other = sum(folders.values()) - sum(named)
        pages = sum(folders.values()) - _zip_in_site(r)
        fixed = folders.get("assets/", 0.0)  # the theme's files: the same at any N
        cells = [f"{mb * 1000 / n:.1f}" for mb in named] + [f"{other * 1000 / n:.1f}", f"**{pages * 1000 / n:.1f}**",
                                                            f"{(fixed + (pages - fixed) / n * 10_000) / 1000:.2f}"]
        label = f"{n:,} ({r['label']}, {r['commit']})" if r.get("label") else f"{n:,}"
        out.append(f"| {label} | " + " | ".join(cells) + " |")
    return out


_INTRO = [
    "# Benchmarks: the collection at scale (issue 14)\n",
    "Command: `make bench` (`python -m benchmarks.run`; one size: `python -m benchmarks.run --n 1000`). Collection: the two "
    "real articles plus N − 2 synthetic ones (`benchmarks/synthetic.py`: varied titles, dates, venues, authors, keywords, "
    "recombined sentences, scraped-page defects). Each build is `scripts/build_site.py` in a fresh copy: pipeline, one MkDocs "
    "build with the search index's merge beside it (pipeline/publish/search_index.py), single files, offline bundle and zip, sitemap. "
    "Search figures: `benchmarks.search_bench.measure_search` on the same real article page, in headless Chromium "
    "(first search = the kB gz the first query fetches; p50 / p95 = ms from the last keystroke to the results drawn).\n",
    "Times are wall-clock seconds with CPU seconds (user + system, all processes) in brackets: other work shared the "
    "2 cores, so wall time includes waiting; the ratios are given for both.\n",
    "| N | full build s | add one s | unchanged s | vanilla s | full / vanilla | add / full | site MB | article HTML kB | "
    "pages | first load kB gz | index on load | first search kB gz | search p50 / p95 ms | peak MB |",
    "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|",
]
_LAST_NOTES = [
    "- The vanilla site's navigation lists every page on every page (HTML grows as N²; ours did too before "
    "issue 14), which is why it slows down faster than ours as N grows; at N = 2 our fixed costs dominate "
    "(four Python processes: the pipeline with OpenCC and jieba, the index merge, MkDocs with two editions, packaging).",
    "- `unchanged` is a rebuild with nothing changed: the per-N floor of a rebuild (loading the article cache, "
    "the list pages, MkDocs and mkdocs-static-i18n going over every page in --dirty mode, staging site/ as hard "
    "links, checking every file's size and time for the offline copy, the zip copied from the previous one). "
    "Adding one also merges the search index (beside MkDocs, on the other core) and renders the pages whose lists changed.",
]


def scale_row(r: dict[str, object]) -> str:
    """One N's row of the scale table."""
    sr = r.get("search")
    search = (_fmt(_pick(sr, "first_search_kb_gz")), f"{_fmt(_pick(sr, 'p50_ms'), '.0f')} / {_fmt(_pick(sr, 'p95_ms'), '.0f')}") \
        if isinstance(sr, dict) else ("not measured", "not measured")

    def t(key: str) -> str:
        return f"{_fmt(r.get(key + '_s'))} ({_fmt(r.get(key + '_cpu_s'))})"

    add_cpu = _fmt(r["add_one_cpu_s"] / r["full_cpu_s"], ".0%") if "full_cpu_s" in r and "add_one_cpu_s" in r else "–"  # type: ignore[operator]
    add_wall = _fmt(r["add_one_s"] / r["full_s"], ".0%") if "add_one_s" in r else "–"  # type: ignore[operator]
    van = t("vanilla") if "vanilla_s" in r else ("not run (build only)" if r.get("build_only") else "not run (N²)")
    fetched = "–" if r.get("build_only") else "none" if not r.get("index_fetched_on_load") else ", ".join(r["index_fetched_on_load"])  # type: ignore[arg-type]
    return (f"| {r['n']} | {t('full')} | {t('add_one')} | {t('unchanged')} | {van} | "
            f"{_fmt(r.get('ratio'), '.2f')} ({_fmt(r.get('ratio_cpu'), '.2f')}) | {add_wall} ({add_cpu}) | "
            f"{_fmt(r['site_mb'])} | "
            f"{_fmt(r['article_html_kb'])} | {r['pages']} | {_fmt(r.get('first_load_kb_gz'))} | "
            f"{fetched} | {search[0]} | {search[1]} | {_fmt(r['peak_mb'], '.0f')} |")


def scale_notes(rows: list[dict[str, object]], by_n: dict[int, dict[str, object]]) -> list[str]:
    """Which commit each row measured; article weight, site size, build ratios against their targets."""
    notes = []
    commits = {str(r["n"]): str(r.get("commit", "before issue 21")) for r in rows}
    if len(set(commits.values())) > 1:  # a row measured again after a change: say which code each row measured
        notes.append("- Rows measured at different commits (compare them with care): "
                     + ", ".join(f"N = {n}: {c}" for n, c in commits.items()) + ".")
    if 2 in by_n and max(by_n) > 2:
        top, two = by_n[max(by_n)], by_n[2]
        notes.append(f"- Article HTML at N = {top['n']}: {top['article_html_kb']:.1f} kB against {two['article_html_kb']:.1f} kB at N = 2 "
                     f"({(top['article_html_kb'] / two['article_html_kb'] - 1):+.1%}; target within ±10 %).")  # type: ignore[operator]
    if len(rows) >= 2:
        per = [f"{r['site_mb'] / r['n']:.2f}" for r in rows if r["n"] >= 50]  # type: ignore[operator]
        notes.append(f"- Site MB per article (N ≥ 50): {', '.join(per)}: linear in N.")
    if 200 in by_n:
        notes.append(f"- Full build at N = 200: {by_n[200]['ratio']:.2f} × the vanilla build in wall time, "
                     f"{_fmt(by_n[200].get('ratio_cpu'), '.2f')} × in CPU time (target ≤ 2 ×, aim 1.5 ×).")
    if 1000 in by_n:
        top = by_n[1000]
        cpu = f"{top['add_one_cpu_s'] / top['full_cpu_s']:.1%}" if "full_cpu_s" in top else "–"  # type: ignore[operator]
        notes.append(f"- Add one at N = 1,000: {top['add_one_s'] / top['full_s']:.1%} of the full build in wall time, {cpu} in CPU time (target ≤ 10 %).")  # type: ignore[operator]
    return notes


def _zip_in_site(r: dict[str, object]) -> float:
    """MB of the offline zip inside site/: none when the build put it elsewhere (OFFLINE_ZIP_URL, `--deployed`)."""
    folders: dict[str, float] = r["site_by_folder_mb"]  # type: ignore[assignment]
    return min(float(r.get("zip_mb", 0.0)), folders.get("downloads/", 0.0))  # type: ignore[arg-type]


def _per_article(r: dict[str, object], zip_out: bool) -> float:
    folders: dict[str, float] = r["site_by_folder_mb"]  # type: ignore[assignment]
    return (sum(folders.values()) - (_zip_in_site(r) if zip_out else 0)) * 1000 / int(r["n"])  # type: ignore[call-overload]


def size_notes(rows: list[dict[str, object]]) -> list[str]:
    """The deployed size before and after issue 21's cuts, and each `--size-row`."""
    notes = []
    sized = [r for r in rows if isinstance(r.get("site_by_folder_mb"), dict)]
    if sized and BEFORE.is_file():
        before = json.loads(BEFORE.read_text(encoding="utf-8"))
        after = next((r for r in sized if r["n"] == before["n"]), sized[-1])  # the same N: the build times compare
        notes.append(f"- Deployed size (issue 21): {_per_article(before, False):.0f} kB an article at N = {before['n']:,} before "
                     f"({before['commit']}, the zip and the single files in site/), {_per_article(after, True):.0f} kB at "
                     f"N = {after['n']:,} after (the zip a release asset); target ≤ 100 kB. Build {after['full_s']:.0f} s wall, "
                     f"{_fmt(after.get('full_cpu_s'), '.0f')} CPU s, peak {after.get('full_peak_mb', after['peak_mb']):.0f} MB "
                     f"(before: {before['full_s']:.0f} s wall, peak {before['peak_mb']:.0f} MB; both with nice -n 10 on the shared machine)."
                     + "".join(f" At N = {r['n']:,}: {_per_article(r, True):.0f} kB an article, build {r['full_s']:.0f} s wall, "
                               f"{_fmt(r.get('full_cpu_s'), '.0f')} CPU s, peak {r['peak_mb']:.0f} MB." for r in sized if r is not after))
    for r in sorted((json.loads(p.read_text(encoding="utf-8")) for p in SIZE_ROWS.glob("*.json")), key=lambda r: (r["n"], r["commit"])):
        notes.append(f"- Size row “{r['label']}” ({r['commit']}, `--size-row`: one build, nothing else measured): "
                     f"{_per_article(r, True):.0f} kB an article deployed at N = {r['n']:,}, "
                     f"article HTML {r['article_html_kb']:.1f} kB, build {r['full_s']:.0f} s wall, {r['full_cpu_s']:.0f} CPU s, "
                     f"peak {r['peak_mb']:.0f} MB.")
    return notes


def search_note(rows: list[dict[str, object]]) -> list[str]:
    searched = [r for r in rows if isinstance(r.get("search"), dict)]
    if not searched:
        return []
    top = searched[-1]
    sr: dict[str, object] = top["search"]  # type: ignore[assignment]
    return [f"- Search at N = {top['n']:,}: no index file on page load ({sr.get('index_requests_on_load')} requests to search/), "
            f"first search {sr.get('first_search_kb_gz')} kB gz in {sr.get('first_search_files')} files (target ≤ 300), "
            f"p50 / p95 {sr.get('p50_ms')} / {sr.get('p95_ms')} ms over {sr.get('searches')} searches (target p95 ≤ 300); "
            f"sections holding the phrases: {sr.get('phrase_hits')}."]


def report() -> None:
    rows = sorted((json.loads(p.read_text(encoding="utf-8")) for p in SCALE.glob("*.json")), key=lambda r: r["n"])
    if not rows:
        return
    plots(rows)
    by_n = {r["n"]: r for r in rows}
    machine_line = f"Machine: {machine()}; shared with other work while measured (wall-clock figures are noisy).\n"
    out = [_INTRO[0], machine_line, *_INTRO[1:], *(scale_row(r) for r in rows), *size_table(rows)]
    notes = scale_notes(rows, by_n) + size_notes(rows) + search_note(rows) + _LAST_NOTES
    out += ["", *notes, "", "![scale](scale.png)", ""]
    (RESULTS / "report.md").write_text("\n".join(out), encoding="utf-8")
    print("\n".join(out))
