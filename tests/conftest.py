from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.core.context import Context
from pipeline.core.data import rule_data
from scripts.fresh_copy import fresh_copy

# browser fixtures: served site, Chromium; the hostile site; a page to search
pytest_plugins = ["tests.browser_support", "tests.hostile_support", "tests.search_support"]

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


SITE_URL_WITH_PATH = "https://example.org/reader/"  # as on every GitHub Pages project site


@pytest.fixture(scope="session")
def site_at_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The one extra build of the suite: a fresh copy built with a SITE_URL that has a path (feeds, sitemap, robots.txt
    and absolute URLs are written only then); returns its site/. Served under that path by tests/test_deployed.py."""
    work = tmp_path_factory.mktemp("repo-at-path")
    fresh_copy(work)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": SITE_URL_WITH_PATH}
    done = subprocess.run([sys.executable, "-m", "scripts.build_site"], cwd=work, env=env, capture_output=True, text=True)
    assert done.returncode == 0, f"build with SITE_URL={SITE_URL_WITH_PATH} failed:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}"
    return work / "site"
