"""Hostile sizes (issue 15): the full build of one 1 MB and one 20 MB article, of one paragraph with
50,000 nested brackets, and of a 5 MB article scraped as one line, each step timed. Writes benchmarks/results/hostile.md.

    python -m benchmarks.hostile [--sizes 1,20] [--nesting 50000] [--one-line 5]

The full build must stay linear: 20 MB in at most 25 x the time of 1 MB; the nesting case in seconds.
Times are CPU seconds of the build's processes (user + system), which a machine shared with other work
disturbs far less than wall time; wall seconds are shown too.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from benchmarks.synthetic import RAW_000, big_text
from pipeline.core.layout import ROOT
from scripts.fresh_copy import fresh_copy

RESULTS = ROOT / "benchmarks" / "results"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "315532800"}
MKDOCS = [sys.executable, "-m", "mkdocs", "build", "--strict"]
# The steps of scripts/build_site.py, run one by one so each is timed: one MkDocs build, then the packaging that
# derives the single files and the offline bundle from it (a first build: nothing cached, every page rendered).
STEPS: list[tuple[str, list[str], dict[str, str]]] = [
    ("pipeline", [sys.executable, "-m", "scripts.build_corpus"], {}),
    ("search index", [sys.executable, "-m", "scripts.build_index"], {}),  # (beside MkDocs in build_site)
    ("mkdocs site", MKDOCS, {}),
    ("package", [sys.executable, "-m", "scripts.package"], {}),
]


def nesting(depth: int) -> str:
    """One paragraph of `depth` openers of each kind Markdown reads as syntax, then the closers."""
    kinds = "[({<*_`"
    closers = {"[": "]", "(": ")", "{": "}", "<": ">", "*": "*", "_": "_", "`": "`"}
    opened = "".join(kinds[i % len(kinds)] + "字" for i in range(depth))
    return "嵌套测试段落：" + opened + "".join(closers[c] for c in reversed(opened[::2])) + "。\n"


def one_article(repo: Path, text: str) -> None:
    """Replace the corpus with article 000's metadata and `text` as its raw file."""
    articles, raw = repo / "corpus" / "articles", repo / "corpus" / "raw"
    meta = yaml.safe_load((articles / "digital-governance-capacity.yaml").read_text(encoding="utf-8"))
    for p in [*articles.glob("*.yaml"), *raw.glob("*.txt")]:
        p.unlink()
    (repo / "corpus" / "data" / "errata.yaml").write_text("[]\n", encoding="utf-8")  # errata name lines of 002
    data = text.encode("utf-8")
    (raw / "big.txt").write_bytes(data)
    meta.update(raw="big.txt", sha256=hashlib.sha256(data).hexdigest())
    (articles / "big.yaml").write_text(yaml.safe_dump(meta, allow_unicode=True), encoding="utf-8")


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_build(text: str, timeout: float) -> tuple[dict[str, float], float]:
    """CPU seconds of each step, and the wall seconds of the whole build."""
    with tempfile.TemporaryDirectory() as tmp:
        repo = fresh_copy(Path(tmp), skip=("benchmarks/results/",))
        one_article(repo, text)
        times: dict[str, float] = {}
        wall = time.perf_counter()
        for name, cmd, extra in STEPS:
            cpu = _children_cpu()
            try:
                done = subprocess.run(cmd, cwd=repo, env={**ENV, **extra}, capture_output=True, text=True, timeout=timeout)
            except subprocess.TimeoutExpired:
                times[name] = float("inf")
                break
            times[name] = _children_cpu() - cpu
            if done.returncode != 0:
                raise SystemExit(f"error: {name} failed: {done.stderr.strip()[-500:]}")
            print(f"    {name}: {times[name]:.1f} CPU-s", flush=True)
        times["total"] = sum(times.values())
        return times, time.perf_counter() - wall


# What the one-line row was before its fix, kept in every report.
ONE_LINE_NOTE = """\
One 5 MB line (the whole article as one paragraph) used to run past any timeout: the first MkDocs build was stopped
after 337 CPU-s. Every later glossary occurrence was a raw-HTML `<abbr>`, and Python-Markdown copies the paragraph
for each one it sets aside (one paragraph of 0.1 / 0.2 / 0.4 MB: 0.09 / 0.2 / 0.87 s). Now one text gets at most 50
glossary marks (`MARKS_PER_TEXT` in `pipeline/document/annotate.py`; a real paragraph has at most 14), the rest
stay plain text, and the one-line row above takes seconds.
"""


def write_report(rows: list[tuple[str, int, dict[str, float], float]], write: bool) -> None:
    names = [name for name, _, _ in STEPS]
    lines = ["# Hostile sizes: full build times (issue 15)\n",
             f"`python -m benchmarks.hostile` on {platform.machine()}, {os.cpu_count()} CPUs shared with other work, Python "
             f"{platform.python_version()}; CPU seconds (user + system) of each step of `scripts/build_site.py`, one run each, "
             "and the wall seconds of the whole build.\n",
             "| input | bytes | " + " | ".join(names) + " | total CPU-s | wall s |", "|---|---|" + "---|" * (len(names) + 2)]
    for label, size, t, wall in rows:
        lines.append(f"| {label} | {size:,} | " + " | ".join(f"{t.get(n, float('nan')):.1f}" for n in names)
                     + f" | {t['total']:.1f} | {wall:.0f} |")
    sized = {label: t["total"] for label, _, t, _ in rows if label.endswith("MB article")}
    if "1 MB article" in sized and "20 MB article" in sized:
        lines.append(f"\n20 MB / 1 MB: **{sized['20 MB article'] / sized['1 MB article']:.1f} x** (must be at most 25 x).")
    report = "\n".join(lines) + "\n\n" + ONE_LINE_NOTE + "\n"
    print(report)
    if write:
        RESULTS.mkdir(exist_ok=True)
        (RESULTS / "hostile.md").write_text(report, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.hostile")
    parser.add_argument("--sizes", default="1,20", help="article sizes in MB, comma-separated")
    parser.add_argument("--nesting", type=int, default=50_000)
    parser.add_argument("--one-line", type=int, default=5, help="size in MB of an article written as one line (0: skip)")
    parser.add_argument("--timeout", type=float, default=3600)
    parser.add_argument("--no-write", action="store_true", help="print only; keep benchmarks/results/hostile.md")
    args = parser.parse_args(argv)
    rows: list[tuple[str, int, dict[str, float], float]] = []
    if args.nesting:
        print(f"  {args.nesting:,} nested openers", flush=True)
        text = RAW_000.read_text(encoding="utf-8").splitlines()[1] + "\n" + nesting(args.nesting)
        rows.append((f"{args.nesting:,} nested `[({{<*_` and backticks, one paragraph", len(text.encode()),
                     *timed_build(text, args.timeout)))
        write_report(rows, not args.no_write)
    if args.one_line:
        print(f"  {args.one_line} MB in one line", flush=True)
        text = RAW_000.read_text(encoding="utf-8").splitlines()[1] + "\n" + big_text(args.one_line * 1_000_000).replace("\n", "") + "\n"
        rows.append((f"{args.one_line} MB article in one line", len(text.encode()), *timed_build(text, args.timeout)))
        write_report(rows, not args.no_write)
    for mb in (int(s) for s in args.sizes.split(",")):
        print(f"  {mb} MB article", flush=True)
        text = RAW_000.read_text(encoding="utf-8").splitlines()[1] + "\n" + big_text(mb * 1_000_000)
        rows.append((f"{mb} MB article", len(text.encode()), *timed_build(text, args.timeout)))
        write_report(rows, not args.no_write)  # after each row: a long run interrupted keeps what it measured
    return 0


if __name__ == "__main__":
    sys.exit(main())
