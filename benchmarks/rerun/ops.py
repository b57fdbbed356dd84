"""Groups `ops` (a full disk during `make site`, two builds at once, `kill -9` at five moments) and `sizes` (1 MB,
a 5 MB line, 50,000 nested openers, 20,000 garbled regions, in one build)."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import time
from pathlib import Path

import yaml

from benchmarks.hostile import nesting
from benchmarks.rerun.browser import Static
from benchmarks.rerun.cases import Case, Outcome
from benchmarks.rerun.runner import CAPACITY, ENV, judge_refusal, make, mount_tmpfs, snapshot, stamps, umount
from benchmarks.synthetic import RAW_000, big_text


def _disk_site(repo: Path) -> Outcome:
    """`make site` with a 256 kB tmpfs over build/: one line, the live site untouched, the next build passes."""
    site = stamps(repo / "site")
    build = repo / "build"
    if problem := mount_tmpfs(build, 256 * 1024):
        return Outcome("not run", problem)
    try:
        done = make(repo, "site", timeout=300)
    finally:
        umount(build)
    out = judge_refusal(done, line=False, words="No space left")
    if stamps(repo / "site") != site:
        out = Outcome("silent corruption", "the live site changed: " + out.detail)
    again = make(repo, "site", timeout=600)
    if again.code != 0:
        out = Outcome("silent corruption", f"the next build failed: {again.err.strip()[-200:]}; {out.detail}")
    return Outcome(out.outcome, out.detail.replace(str(repo) + "/", ""))


def _two_builds(repo: Path) -> Outcome:
    """A second `make site` started while a full one runs, three times: the second refused, naming the lock."""
    outs = []
    for _ in range(3):
        (repo / "build" / "site-stamp.json").unlink(missing_ok=True)  # a full build: long enough to overlap
        first = subprocess.Popen(["make", "--no-print-directory", "site", "STAMP=", "PY=.venv/bin/python"], cwd=repo, env=ENV,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(1.0)
        second = make(repo, "site", timeout=300)
        _, err = first.communicate(timeout=900)
        one = judge_refusal(second, file=str(repo / "build" / "site.lock"), line=False, words="another `make site`")
        if first.returncode != 0 or "Traceback" in err:
            one = Outcome("traceback" if "Traceback" in err else "refused badly", "the first build failed: " + err.strip()[-200:])
        outs.append(one)
    worst = next((o for o in outs if o.outcome != "refused cleanly"), outs[0])
    return Outcome(worst.outcome, f"{sum(o.outcome == 'refused cleanly' for o in outs)}/3 refused cleanly: "
                   + worst.detail.replace(str(repo) + "/", ""))


def _kill_at(repo: Path, moment: float) -> tuple[str, Outcome | None]:
    """A full build killed (its whole process group) `moment` seconds in: site/ left old, complete or broken."""
    before = snapshot(repo / "site")
    (repo / "build" / "site-stamp.json").unlink(missing_ok=True)
    proc = subprocess.Popen(["make", "--no-print-directory", "site", "STAMP=", "PY=.venv/bin/python"], cwd=repo, env=ENV,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    time.sleep(moment)
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait()
    after = snapshot(repo / "site")
    state = "old" if after == before else "complete" if set(after) == set(before) and "index.html" in after else "broken"
    bad = Outcome("silent corruption", f"site/ after kill at {moment} s: {len(after)} of {len(before)} files") if state == "broken" else None
    return f"{moment} s: {state}", bad


def _kill_9(repo: Path) -> Outcome:
    notes = []
    bad = None
    (repo / "build" / "site-stamp.json").unlink(missing_ok=True)
    full = make(repo, "site", timeout=600).seconds  # the kills fall at 10 … 90 % of a full build
    for moment in (round(full * f, 1) for f in (0.1, 0.3, 0.5, 0.7, 0.9)):
        note, broken = _kill_at(repo, moment)
        notes.append(note)
        bad = broken or bad
    again = make(repo, "site", timeout=600)
    if again.code != 0:
        bad = Outcome("traceback" if "Traceback" in again.err else "silent corruption", "the next build failed: " + again.err.strip()[-200:])
    return bad or Outcome("handled", "site/ " + ", ".join(notes) + "; the next build passed")


OPS = {"disk-site": _disk_site, "two-builds": _two_builds, "kill-9": _kill_9}  # run in this order


def ops_group(repo: Path, todo: list[Case], results: dict[str, Outcome]) -> None:
    ids = {c.id for c in todo}
    if not (repo / "site" / "index.html").exists() and make(repo, "site").code != 0:
        for c in todo:
            results[c.id] = Outcome("not run", "the copy did not build")
        return
    for case_id, check in OPS.items():
        if case_id in ids:
            results[case_id] = check(repo)


def sizes_group(repo: Path, todo: list[Case], results: dict[str, Outcome]) -> None:
    """Each size an article of its own (YAML written as a reviewer would), all built at once; CPU seconds bounded."""
    lead = RAW_000.read_text(encoding="utf-8").splitlines()[1]
    texts = {"1mb": lead + "\n" + big_text(1_000_000), "line": lead + "\n" + big_text(5_000_000).replace("\n", "") + "\n",
             "nesting": lead + "\n" + nesting(50_000), "garbled": "\n".join(f"{lead[:30]}政府?數字化{i}" for i in range(20_000)) + "\n"}
    meta = yaml.safe_load((repo / CAPACITY).read_text(encoding="utf-8"))
    for i, case in enumerate(todo):
        kind = str(case.params["kind"])
        data = texts[kind].encode("utf-8")
        (repo / "corpus" / "raw" / f"9{i:02d}_{kind}.txt").write_bytes(data)
        (repo / "corpus" / "articles" / f"size-{kind}.yaml").write_text(yaml.safe_dump(
            {**meta, "slug": f"size-{kind}", "raw": f"9{i:02d}_{kind}.txt", "sha256": hashlib.sha256(data).hexdigest(),
             "title": f"规模测试{'甲乙丙丁'[i]}：{case.input}"}, allow_unicode=True, sort_keys=False), encoding="utf-8")
    done = make(repo, "site", timeout=1500)
    for case in todo:
        slug = f"size-{case.params['kind']}"
        if done.timed_out:
            results[case.id] = Outcome("slow", f"the build did not end in {done.seconds:.0f} s")
        elif done.code != 0:
            results[case.id] = judge_refusal(done, line=False)
        elif not (repo / "site" / slug / "index.html").exists():
            results[case.id] = Outcome("silent corruption", f"{slug}: no page")
        elif found := Static((repo / "site" / slug / "index.html").read_text(encoding="utf-8")).found:
            results[case.id] = Outcome("injected", "; ".join(found)[:300])
        else:
            limit = 300
            results[case.id] = Outcome("handled" if done.cpu < limit else "slow",
                                       f"the four built together: {done.cpu:.0f} CPU-s, {done.seconds:.0f} s wall (limit {limit} CPU-s)")
