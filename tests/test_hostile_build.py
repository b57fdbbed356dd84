"""Hostile conditions for the build: one build at a time, a file system that fails, atomic publishing (issues 15, 22)."""

from __future__ import annotations

import errno
import fcntl
import os
import pickle
import subprocess
import sys
import time
from pathlib import Path

import pytest

from benchmarks.rerun.refuse import swapped_for_a_link
from scripts.fresh_copy import fresh_copy

from .hostile_support import CAPACITY, ENV, RAW_000, pipeline, refused

# --- one build at a time; a file system that fails ------------------------------------------------

def test_a_second_build_in_the_same_folder_is_refused_with_one_line(repo: Path) -> None:
    lock = repo / "build" / "site.lock"
    lock.parent.mkdir(parents=True, exist_ok=True)
    with lock.open("a") as held:  # as the first `make site` holds it while it runs
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "scripts.build_site"], cwd=repo, env=ENV, capture_output=True, text=True, timeout=120)
    refused(done, lock, "another `make site` is building this folder")
    assert time.perf_counter() - start < 10 and not (repo / ".site.next").exists()


def test_two_builds_at_once_one_builds_the_other_refuses(repo: Path) -> None:
    """Two real `make site` in one folder, the second started while the first runs (3 of 5 had died with a traceback)."""
    first = subprocess.Popen([sys.executable, "-m", "scripts.build_site"], cwd=repo, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True)
    lock = repo / "build" / "site.lock"
    lock.parent.mkdir(parents=True, exist_ok=True)
    with lock.open("a") as probe:  # wait until the first build holds the lock
        for _ in range(200):
            try:
                fcntl.flock(probe, fcntl.LOCK_EX | fcntl.LOCK_NB)
                fcntl.flock(probe, fcntl.LOCK_UN)
                time.sleep(0.05)
            except BlockingIOError:
                break
    second = subprocess.run([sys.executable, "-m", "scripts.build_site"], cwd=repo, env=ENV, capture_output=True, text=True, timeout=120)
    _, err = first.communicate(timeout=900)
    refused(second, lock, "another `make site` is building this folder")
    assert "Traceback" not in err and "another `make site`" not in err, err[-2000:]
    assert first.returncode == 0, err[-2000:]


def test_raw_file_replaced_by_a_link_is_refused_although_cached(repo: Path, tmp_path: Path) -> None:
    """Issue 22: the same bytes behind a link were published from the cache (refused only once the cache was cleared)."""
    if not any((repo / "build" / "cache" / "articles").glob("*.pickle")):  # the builds above usually left it
        first = pipeline(repo)
        assert first.returncode == 0, first.stderr[-2000:]
    undo = swapped_for_a_link(repo / RAW_000, tmp_path)
    try:
        done = pipeline(repo)
    finally:
        undo()
    refused(done, repo / CAPACITY, "raw: raw file is a symbolic link", "000_02b2b72714e171d1.txt", 3)


def test_a_folder_that_cannot_be_made_ends_the_build_with_one_line(tmp_path: Path) -> None:
    repo = fresh_copy(tmp_path / "repo")
    (repo / "build").write_text("a file where the build's folder belongs\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "scripts.build_site"], cwd=repo, env=ENV, capture_output=True, text=True, timeout=120)
    refused(done, repo / "build", "File exists")


def test_a_failed_file_operation_in_a_build_step_is_one_line(tmp_path: Path) -> None:
    repo = fresh_copy(tmp_path / "repo")
    (repo / "build").mkdir()
    (repo / "build" / "search-keys.pickle").write_bytes(pickle.dumps(([], [])))
    (repo / "build" / "site-search").write_text("a file where the index's folder belongs\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "scripts.build_index"], cwd=repo, env=ENV, capture_output=True, text=True, timeout=120)
    refused(done, repo / "build" / "site-search", "File exists")


def test_no_space_left_during_the_build_is_one_line_naming_the_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    import scripts.build_site
    full = tmp_path / ".site.next" / "index.html"

    def no_space(_full: bool) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(full))

    monkeypatch.setattr(scripts.build_site, "LOCK", tmp_path / "site.lock")
    monkeypatch.setattr(scripts.build_site, "build", no_space)
    assert scripts.build_site.main([]) == 1
    assert capsys.readouterr().err == f"error: {full}: No space left on device\n"


def test_a_refusal_through_make_site_is_one_line(repo: Path) -> None:
    """The issue 22 rerun: `make site` followed the pipeline's own `error: FILE:LINE: …` with a second line saying
    the step failed. A step that said why it stopped is not repeated; one that died silently still is."""
    meta = repo / CAPACITY
    before = meta.read_text(encoding="utf-8")
    meta.write_text(before.replace("date: null", 'date: "2023-02-30"'), encoding="utf-8")
    try:
        done = subprocess.run([sys.executable, "-m", "scripts.build_site"], cwd=repo, env=ENV, capture_output=True, text=True, timeout=300)
    finally:
        meta.write_text(before, encoding="utf-8")
    refused(done, meta, "date: not a real date", "2023-02-30", 12)


def test_a_step_that_dies_without_a_word_is_still_named(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import scripts.build_site
    assert scripts.build_site.run([sys.executable, "-c", "import sys; sys.exit(3)"], dict(os.environ)) == 3
    assert capsys.readouterr().err == f"error: {sys.executable} -c import sys; sys.exit(3) failed (exit 3)\n"


def test_a_full_disk_names_the_file_being_written_and_leaves_no_temporary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                                capsys: pytest.CaptureFixture[str]) -> None:
    """The issue 22 rerun (a 256 kB tmpfs over build/): `make site` ended with "error: (no file name): No space left on
    device": Python's write() errors carry no file name. The build's writers name the file they were writing."""
    from pipeline.core import files
    from pipeline.publish import cache

    def full(*_: object, **__: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    target = tmp_path / "site" / "index.html"
    target.parent.mkdir()
    with monkeypatch.context() as m:
        m.setattr(Path, "write_bytes", full)
        assert files.one_line(lambda: files.replace(target, "<p>x</p>") or 0) == 1  # type: ignore[func-returns-value]
    assert capsys.readouterr().err == f"error: {target}: No space left on device\n"
    assert list(target.parent.iterdir()) == []
    monkeypatch.setattr(cache, "CACHE", tmp_path / "cache")
    monkeypatch.setattr(cache.pickle, "dump", full)
    with pytest.raises(OSError) as caught:
        cache.store("k", {"a": 1})
    assert caught.value.filename == str(tmp_path / "cache" / "k.pickle")
    assert list((tmp_path / "cache").iterdir()) == []  # no temporary file left


# --- atomic publishing ----------------------------------------------------------------------------

def test_a_failed_build_leaves_the_previous_site_untouched(hostile: Path) -> None:
    site = hostile / "site"
    before = {p.relative_to(site): p.stat().st_mtime_ns for p in site.rglob("*")}
    hooks = hostile / "overrides" / "hooks" / "nav.py"
    original = hooks.read_text(encoding="utf-8")
    # The last step fails: the pipeline and the offline build succeed, the site build raises.
    hooks.write_text(original + "\n\ndef on_post_build(config, **_):\n    if config.use_directory_urls:\n"
                     "        raise SystemExit('simulated failure in the last step')\n", encoding="utf-8")
    try:
        done = subprocess.run([sys.executable, "-m", "scripts.build_site"], cwd=hostile, env=ENV, capture_output=True, text=True,
                              timeout=600)
    finally:
        hooks.write_text(original, encoding="utf-8")
    assert done.returncode != 0
    assert {p.relative_to(site): p.stat().st_mtime_ns for p in site.rglob("*")} == before
    assert not (hostile / ".site.next").exists()
