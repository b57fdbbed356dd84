"""Running the real entry points in a copy of the repository, and judging a refusal."""

from __future__ import annotations

import hashlib
import os
import re
import resource
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from benchmarks.rerun.cases import Outcome
from pipeline.core.layout import ROOT
from scripts.fresh_copy import fresh_copy

RESULTS = ROOT / "benchmarks" / "results"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--disable-quic"]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
SITE_URL = "https://example.org/"
CAPACITY = "corpus/articles/digital-governance-capacity.yaml"
EFFICACY = "corpus/articles/digital-government-efficacy.yaml"
ORIGINAL = {"digital-governance-capacity": "我国政府数字治理能力建设", "digital-government-efficacy": "数字政府"}


@dataclass
class Run:
    code: int
    out: str
    err: str
    seconds: float
    cpu: float
    timed_out: bool = False


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(cmd: list[str], cwd: Path, timeout: float = 600, env: dict[str, str] | None = None) -> Run:
    start, cpu = time.perf_counter(), _children_cpu()
    try:
        done = subprocess.run(cmd, cwd=cwd, env=env or ENV, capture_output=True, text=True, timeout=timeout, errors="replace")
    except subprocess.TimeoutExpired as exc:
        return Run(-1, str(exc.stdout or ""), str(exc.stderr or ""), time.perf_counter() - start, _children_cpu() - cpu, True)
    return Run(done.returncode, done.stdout, done.stderr, time.perf_counter() - start, _children_cpu() - cpu)


def make(repo: Path, *args: str, timeout: float = 600, env: dict[str, str] | None = None) -> Run:
    """The Makefile's own recipe; STAMP= and PY=: the shared .venv instead of creating one in the copy."""
    return run(["make", "--no-print-directory", *args, "STAMP=", "PY=.venv/bin/python"], repo, timeout, env)


def copy_repo(dest: Path) -> Path:
    fresh_copy(dest, skip=("benchmarks/results/",))
    for name in (".venv", "node_modules"):
        (dest / name).symlink_to((ROOT / name).resolve())
    return dest


def error_lines(err: str) -> list[str]:
    """What the user reads on stderr, without make's own closing line."""
    return [line for line in err.splitlines() if line.strip() and not re.match(r"make(\[\d+\])?: \*\*\* ", line)]


def judge_refusal(done: Run, file: str | None = None, line: bool = True, words: str = "") -> Outcome:
    """A refusal must be one `error: FILE[:LINE]: …` line (exit non-zero, no traceback)."""
    if done.timed_out:
        return Outcome("slow", f"no answer after {done.seconds:.0f} s")
    if "Traceback" in done.err:
        return Outcome("traceback", done.err.strip().splitlines()[-1][:200])
    lines = error_lines(done.err)
    if done.code == 0:
        return Outcome("silent corruption", "accepted")
    if len(lines) != 1 or not lines[0].startswith("error: "):
        return Outcome("refused badly", f"{len(lines)} lines: " + " ⏎ ".join(lines)[:300])
    text = lines[0]
    if file is not None and not text.startswith(f"error: {file}"):
        return Outcome("refused badly", f"does not name {file}: {text[:300]}")
    if line and not re.match(r"error: .+?:\d+: ", text):
        return Outcome("refused badly", f"no line number: {text[:300]}")
    if words and words not in text:
        return Outcome("refused badly", f"says something else ({words!r} expected): {text[:300]}")
    return Outcome("refused cleanly", text[:300])


def snapshot(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def stamps(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): p.stat().st_mtime_ns for p in sorted(folder.rglob("*"))} if folder.exists() else {}


def edit_yaml(path: Path, change: Callable[[dict], dict]) -> None:  # type: ignore[type-arg]
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    path.write_text(yaml.safe_dump(change(data), allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")


def mount_tmpfs(where: Path, size: int) -> str | None:
    where.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)], capture_output=True, text=True)
    return None if done.returncode == 0 else (done.stderr.strip() or "mount failed")


def umount(where: Path) -> None:
    subprocess.run(["umount", str(where)], capture_output=True)
