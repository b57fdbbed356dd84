from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.core.context import Context
from pipeline.core.data import rule_data
from scripts.fresh_copy import fresh_copy

pytest_plugins = ["tests.browser_support"]  # browser fixtures: served site, Chromium

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "corpus" / "raw"
RAW_000 = RAW / "000_02b2b72714e171d1.txt"
RAW_002 = RAW / "002_b5aca4e56758e02d.txt"


@pytest.fixture
def hans() -> Context:
    return Context(file="test.txt", script="hans", data=rule_data())


@pytest.fixture
def hant() -> Context:
    return Context(file="test.txt", script="hant", data=rule_data())


def run(args: list[str], cwd: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True)
    assert done.returncode == 0, f"{' '.join(args)} failed:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}"


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh copy of the repository, built exactly as `make site` builds it; returns its site/."""
    work = tmp_path_factory.mktemp("repo")
    fresh_copy(work)
    run([sys.executable, "-m", "scripts.build_site"], work)
    return work / "site"
