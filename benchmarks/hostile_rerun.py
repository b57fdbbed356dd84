"""Hostile input, round two, rerun (issue 22): the 93 cases of ../shared/hostile-cases.md, each applied to a copy of
the repository and run through the real entry points (`make add`, `make site`), the built pages opened in headless
Chromium with dialog, console, page-error and CSP-violation listeners. Writes benchmarks/results/hostile_rerun.md.

    python -m benchmarks.hostile_rerun [--only ID,ID,...] [--keep DIR] [--no-write]

Cases that cannot disturb one another share a copy and a build, so the whole rerun is a few builds:

- `add`: `make add` with hostile file names, slugs, a title-only page, a full disk (a tmpfs mounted over the corpus);
- `scraped`: one page per case added with `make add` (a payload on one header line, in the body or a footnote), YAML
  fields and data files edited, all built together (`SITE_URL` set, so the feeds and the sitemap are written);
- `refuse`: one edit at a time on a built copy, `make site`, the edit undone: a refusal is one line naming the file
  (and the line, where the input has lines), the live site untouched;
- `ops`: a full disk during `make site`, two builds at once, `kill -9` at five moments, a backtracking pattern;
- `sizes`: 1 MB, a 5 MB line, 50,000 nested openers, 20,000 garbled regions, in one build (CPU seconds bounded).

Outcomes as in hostile-cases.md: refused cleanly / escaped / handled are fine; injected / executed / silent
corruption / traceback / refused only later / slow / refused badly (not one line, or no file or line) are not.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.rerun.add import add_group
from benchmarks.rerun.cases import BAD, GOOD, Case, Outcome, cases
from benchmarks.rerun.ops import ops_group, sizes_group
from benchmarks.rerun.refuse import REFUSALS, refuse_group
from benchmarks.rerun.runner import RESULTS, copy_repo
from benchmarks.rerun.scraped import scraped_group
from pipeline.core.layout import ROOT

__all__ = ["REFUSALS", "Outcome", "add_group", "cases", "copy_repo"]  # the tests use these


def report(all_cases: list[Case], results: dict[str, Outcome], seconds: float, commit: str) -> str:
    counts: dict[str, int] = {}
    for case in all_cases:
        o = results.get(case.id, Outcome("not run", ""))
        counts[o.outcome] = counts.get(o.outcome, 0) + 1
    order = [*GOOD, *BAD, "not run"]
    lines = [f"# Hostile input, round two, rerun (issue 22; commit {commit})\n",
             f"`python -m benchmarks.hostile_rerun`: {len(all_cases)} cases, {seconds / 60:.1f} min on a 2-core machine shared with other work.\n",
             "Outcomes: " + ", ".join(f"{counts[k]} {k}" for k in order if counts.get(k)) + ".\n"]
    if "_shared" in results:
        lines.append(f"On shared pages, not attributable to one case: **{results['_shared'].outcome}**: {results['_shared'].detail}\n")
    lines += ["| # | case | channel | input | outcome | detail |", "|---|---|---|---|---|---|"]
    for i, case in enumerate(all_cases, 1):
        o = results.get(case.id, Outcome("not run", ""))
        shown = o.outcome if o.outcome in GOOD else f"**{o.outcome}**"
        detail = o.detail.replace("|", "\\|").replace("\n", " ")
        lines.append(f"| {i} | `{case.id}` | {case.channel} | {case.input.replace('|', chr(92) + '|')} | {shown} | {detail} |")
    return "\n".join(lines) + "\n"


# group -> its runner and whether it takes a scratch folder; run in this order, add/refuse/ops on one shared copy
GROUPS: dict[str, tuple[Callable[..., None], bool]] = {
    "add": (add_group, True), "refuse": (refuse_group, False), "ops": (ops_group, False), "scraped": (scraped_group, True),
    "sizes": (sizes_group, False)}


def run_groups(todo: list[Case], results: dict[str, Outcome], work: Path) -> None:
    for group, (runner, scratched) in GROUPS.items():
        mine = [c for c in todo if c.group == group]
        if not mine:
            continue
        print(f"{group}: {len(mine)} cases", flush=True)
        repo = work / ("a" if group in ("add", "refuse", "ops") else group)
        if not repo.exists():
            copy_repo(repo)
        scratch = work / f"scratch-{group}"
        scratch.mkdir(exist_ok=True)
        runner(repo, mine, results, *([scratch] if scratched else []))
        for c in mine:
            o = results.get(c.id, Outcome("not run", ""))
            print(f"  {c.id}: {o.outcome}: {o.detail[:160]}", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.hostile_rerun", description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="", help="comma-separated case ids or groups (add, scraped, refuse, ops, sizes)")
    parser.add_argument("--keep", type=Path, help="build the copies in this folder and keep them")
    parser.add_argument("--no-write", action="store_true", help="print only; keep benchmarks/results/hostile_rerun.md")
    args = parser.parse_args(argv)
    all_cases = cases()
    assert len({c.id for c in all_cases}) == len(all_cases)
    wanted = set(filter(None, args.only.split(",")))
    todo = [c for c in all_cases if not wanted or c.id in wanted or c.group in wanted]
    results: dict[str, Outcome] = {}
    start = time.perf_counter()
    work = args.keep or Path(tempfile.mkdtemp(prefix="hostile-rerun-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        run_groups(todo, results, work)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    text = report(todo, results, time.perf_counter() - start, commit).replace(f"{work}/", "")  # paths inside the copies
    print(text)
    if not args.no_write and not wanted:
        RESULTS.mkdir(exist_ok=True)
        (RESULTS / "hostile_rerun.md").write_text(text, encoding="utf-8")
    bad = [c.id for c in todo if results.get(c.id, Outcome("not run", "")).outcome not in GOOD] + (["_shared"] if "_shared" in results else [])
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
