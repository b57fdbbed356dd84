"""Files on disk: walking a tree with its stats, and replacing a file without writing into it."""

from __future__ import annotations

import os
from pathlib import Path


def tree(root: Path) -> list[tuple[str, os.stat_result]]:
    """Every file under `root` (path relative to it, its stat), in sorted order. os.scandir gives the stat without a
    second system call: pathlib's rglob, is_file and stat over a collection's 20,000 files took seconds."""
    found: list[tuple[str, os.stat_result]] = []

    def visit(folder: str, prefix: str) -> None:
        with os.scandir(folder) as entries:
            ordered = sorted(entries, key=lambda e: e.name)
        for entry in ordered:
            if entry.is_dir(follow_symlinks=False):
                visit(entry.path, f"{prefix}{entry.name}/")
            elif entry.is_file(follow_symlinks=False):
                found.append((prefix + entry.name, entry.stat(follow_symlinks=False)))

    if root.is_dir():
        visit(str(root), "")
    return found


def replace(path: Path, data: str | bytes) -> None:
    """Write a file by renaming a new one over it, never in place: the site's files are shared as hard links (a
    rebuild stages site/ as links to the live files; the pipeline's files are linked into it), and writing into
    one would change the others. A reader never sees half a file either."""
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    os.replace(tmp, path)
