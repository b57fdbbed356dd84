"""The whole build, as `make site` runs it (and the tests, on a fresh copy):

1. the pipeline writes docs/ (scripts.build_corpus);
2. MkDocs builds the offline bundle into build/offline/site (OFFLINE=true);
3. scripts.package zips it and writes one self-contained HTML file per article and edition;
4. MkDocs builds the site, with the downloads and their sizes, into a fresh directory that then replaces
   site/ (scripts/atomic.py: a failed build leaves the previous site/ untouched).

Dates come from the last commit (SOURCE_DATE_EPOCH), so two builds of one commit are byte-identical.

    python -m scripts.build_site
"""

from __future__ import annotations

import os
import subprocess
import sys

from pipeline.core.data import ROOT
from scripts.atomic import discard, stage, swap


def commit_epoch() -> str:
    done = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True)
    return done.stdout.strip() if done.returncode == 0 and done.stdout.strip() else "315532800"


def main() -> int:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.setdefault("SOURCE_DATE_EPOCH", commit_epoch())
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"]
    offline = {"OFFLINE": "true", "SITE_DIR": "build/offline/site"}
    staged = stage(ROOT / "site")
    steps: list[tuple[list[str], dict[str, str]]] = [
        ([sys.executable, "-m", "scripts.build_corpus"], {}),
        (mkdocs, offline),
        ([sys.executable, "-m", "scripts.package"], {}),
        (mkdocs, {"SITE_DIR": str(staged)}),
    ]
    for step, extra in steps:
        done = subprocess.run(step, cwd=ROOT, env={**env, **extra})
        if done.returncode != 0:
            discard(staged)
            print(f"error: {' '.join(step)} failed (exit {done.returncode})", file=sys.stderr)
            return done.returncode
    swap(staged, ROOT / "site")
    return 0


if __name__ == "__main__":
    sys.exit(main())
