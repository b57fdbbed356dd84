"""Copy the repository as a clone would have it (tracked and new files, never ignored ones: no docs/,
site/, build/, .venv/), for tests and benchmarks that build in a scratch directory."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from pipeline.core.layout import ROOT


def fresh_copy(dest: Path, skip: tuple[str, ...] = ()) -> Path:
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"], cwd=ROOT,
                            check=True, capture_output=True).stdout.decode().split("\0")
    for rel in filter(None, listed):
        if (ROOT / rel).is_file() and not rel.startswith(skip):
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / rel, dest / rel)
    return dest
