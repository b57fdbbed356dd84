"""Files on disk: walking a tree with its stats, replacing a file without writing into it, syncing a tree."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
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


@contextmanager
def written(path: Path, tmp: Path | None = None) -> Iterator[None]:
    """Writing `path` (through `tmp`): a failure names `path` and leaves no `tmp`. Python's write() errors carry no file
    name, so a full disk ended a build with "(no file name): No space left on device" (issue 22 rerun)."""
    try:
        yield
    except OSError as exc:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
        if exc.filename is None:
            raise OSError(exc.errno, exc.strerror or str(exc), str(path)) from exc
        raise


def replace(path: Path, data: str | bytes) -> None:
    """Write a file by renaming a new one over it, never in place: the site's files are shared as hard links (a
    rebuild stages site/ as links to the live files; the pipeline's files are linked into it), and writing into
    one would change the others. A reader never sees half a file either."""
    tmp = path.with_name(f".{path.name}.tmp")
    with written(path, tmp):
        tmp.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        os.replace(tmp, path)


class TreeSync:
    """Make `root` hold exactly the files given to `write`, one at a time, rewriting only what changed: unchanged
    files keep their times, so the site generator's dirty build and the offline copy redo only what changed.
    `finish` removes every file not written since (nothing stale survives). A file is replaced, never written into:
    EXTRA's files are hard links in site/ (scripts/package.py). One file at a time, so a build need not hold a
    collection's files in memory at once (at N = 10,000 they are gigabytes)."""

    def __init__(self, root: Path) -> None:
        root.mkdir(parents=True, exist_ok=True)
        self.root = root
        self.present = dict(tree(root))
        self.written: set[str] = set()

    def write(self, rel: str, data: bytes) -> None:
        self.written.add(rel)
        path, st = self.root / rel, self.present.get(rel)
        if st is not None and st.st_size == len(data) and path.read_bytes() == data:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        replace(path, data)

    def finish(self) -> None:
        for rel in self.present.keys() - self.written - {".gitkeep"}:
            remove(self.root, rel)


def sync_tree(root: Path, files: dict[str, bytes]) -> None:
    """Make `root` hold exactly `files` (TreeSync, all at once)."""
    sync = TreeSync(root)
    for rel, data in files.items():
        sync.write(rel, data)
    sync.finish()


def remove(root: Path, rel: str) -> None:
    """Remove a file under `root`, and the folders it leaves empty (not `root`)."""
    (root / rel).unlink()
    folder = (root / rel).parent
    while folder != root and not os.listdir(folder):
        folder.rmdir()
        folder = folder.parent


def link_or_copy(src: str, dst: str) -> None:
    """A hard link (the site shares its unchanged files between builds, with the pipeline and the downloads), or a
    copy where the file system has none."""
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def one_line(main: Callable[[], int]) -> int:
    """Run a build step; a failed file operation (a full disk, a folder that is a file) ends it with one line naming
    the path, not a traceback."""
    try:
        return main()
    except OSError as exc:
        print(f"error: {exc.filename or '(no file name)'}: {exc.strerror or exc}", file=sys.stderr)
        return 1
