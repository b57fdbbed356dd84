"""Atomic publishing (issue 15): the site is built into a fresh directory beside site/ and only then swapped
in, so a failed or killed build leaves the previous site/ whole (a kill during the last MkDocs run used to
leave 61 of 93 files and no index.html).

    staged = stage(STAGED_SITE)   # build into `staged` (pipeline/core/layout.py: beside site/)
    swap(staged, SITE)            # after success; discard(staged) after a failure
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path


def stage(staged: Path) -> Path:
    """`staged`, empty; beside the target, on its file system (a rename must not cross devices)."""
    discard(staged)  # left over from a killed build
    return staged


def discard(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)


def swap(staged: Path, target: Path) -> None:
    """Put `staged` in place of `target`. Each rename is atomic; between the two there is no target at all,
    never a half-written one. The old tree is removed last."""
    if not (staged / "index.html").is_file():
        raise RuntimeError(f"{staged}: no index.html, not publishing it")
    old = target.with_name(f".{target.name}.old")
    discard(old)
    if target.exists():
        os.rename(target, old)
    os.rename(staged, target)
    discard(old)
