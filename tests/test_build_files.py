"""The pipeline's files written one article at a time (issue 21: at N = 1,000 holding every article's work at once took
0.76 GB, and it grows with N): the tree kept in step file by file, the search keys streamed to the index's merge."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pipeline.core.files import TreeSync
from pipeline.publish.keys_file import KeysWriter, read_keys


def test_tree_sync_rewrites_only_what_changed_and_drops_what_was_not_written(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    for rel, text in {"a/same.md": "same", "a/changed.md": "old", "a/stale.md": "gone", ".gitkeep": ""}.items():
        (tmp_path / rel).write_text(text)
    os.utime(tmp_path / "a" / "same.md", ns=(1, 1))
    sync = TreeSync(tmp_path)
    sync.write("a/same.md", b"same")
    sync.write("a/changed.md", b"new")
    sync.write("b/added.md", b"added")
    sync.finish()
    assert (tmp_path / "a" / "same.md").stat().st_mtime_ns == 1  # untouched: MkDocs' dirty build skips it
    assert (tmp_path / "a" / "changed.md").read_text() == "new" and (tmp_path / "b" / "added.md").read_text() == "added"
    assert not (tmp_path / "a" / "stale.md").exists() and (tmp_path / ".gitkeep").exists()


def test_search_keys_round_trip_one_page_at_a_time(tmp_path: Path) -> None:
    path = tmp_path / "keys.pickle"
    pages = [("s0001", [("标题", "数据 政府")]), ("s0002", []), ("glossary", [("", "术语"), ("a", "b")])]
    with KeysWriter(path) as w:
        for slug, keys in pages:
            w.page(slug, keys)
    assert list(read_keys(path)) == pages
    os.utime(path, ns=(1, 1))
    with KeysWriter(path) as w:  # the same keys again: the file keeps its time
        for slug, keys in pages:
            w.page(slug, keys)
    assert path.stat().st_mtime_ns == 1 and not list(tmp_path.glob(".*.tmp"))


def test_a_failed_build_leaves_the_previous_keys(tmp_path: Path) -> None:
    path = tmp_path / "keys.pickle"
    with KeysWriter(path) as w:
        w.page("s0001", [("a", "b")])
    with pytest.raises(RuntimeError), KeysWriter(path) as w:
        w.page("s0001", [("c", "d")])
        raise RuntimeError("an article failed")
    assert list(read_keys(path)) == [("s0001", [("a", "b")])] and not list(tmp_path.glob(".*.tmp"))
