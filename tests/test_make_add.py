"""`make add` with hostile names and values (issue 22): a file name, slug or title reaches Python only as data (no
make or shell syntax in it runs), the build's own checks run on the draft before anything is written, and a failed
write (a full disk, injected here) leaves nothing behind. Each case is one real `make add` (or one call of
scripts.add) in a copy of the repository, a few seconds each."""

from __future__ import annotations

import errno
import hashlib
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import scripts.add
from scripts.fresh_copy import fresh_copy

# A small page the pipeline accepts: a title, an author, a date (line 3) and two paragraphs.
PAGE = """数字政府建设的若干问题研究
张三
2023年2月28日
在促进国家治理体系和治理能力现代化方面，数字技术和数字资源发挥着越来越重要的作用。各地积极落实和推进党中央、国务院要求，政府数字服务能力显著提升。
总体看，各级政府的网上政务服务能力显著提高，数字政府建设取得了显著成绩，但也面临一些问题。
"""
SLUG = "shuzi-zhengfu-jianshe-de"  # the title's pinyin: the slug `make add` drafts
# Each would run `touch X` (in the repository, make's folder, or the page's) if the name reached make or a shell as code.
NAMES = ['q";touch X;".txt', "q';touch X;'.txt", "back`touch X`.txt", "mk$(shell touch X).txt", "semi;touch X;.txt",
         "-lead.txt", "--help.txt", "line\nbreak.txt", "var$(x)${y}$$z.txt", "sp ace # hash.txt"]


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return fresh_copy(tmp_path_factory.mktemp("make-add"))


def snapshot(corpus: Path) -> dict[str, str]:
    """Every file under corpus/, hidden ones (a temporary file left behind) included."""
    return {str(p.relative_to(corpus)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(corpus.rglob("*")) if p.is_file()}


def make_add(repo: Path, *assignments: str) -> subprocess.CompletedProcess[str]:
    # STAMP= and PY=: this interpreter's environment instead of creating .venv in the copy. No shell: each
    # assignment reaches make as one argument, exactly as typed.
    return subprocess.run(["make", "--no-print-directory", "add", *assignments, "STAMP=", f"PY={sys.executable}"], cwd=repo,
                          capture_output=True, text=True, timeout=120)


def no_command_ran(*folders: Path) -> None:
    for folder in folders:
        assert not (folder / "X").exists(), f"a command in the file name ran in {folder}"


def one_error_line(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode != 0 and "Traceback" not in done.stderr, done.stderr
    errors = [line for line in done.stderr.splitlines() if not re.match(r"make(\[\d+\])?: \*\*\* ", line)]  # make[1] under make test
    assert len(errors) == 1 and errors[0].startswith("error: "), done.stderr
    return errors[0]


def remove_added(repo: Path, before: dict[str, str]) -> list[str]:
    """What the last run added to corpus/, removed again so that the next case adds the same page."""
    added = sorted(set(snapshot(repo / "corpus")) - set(before))
    for rel in added:
        (repo / "corpus" / rel).unlink()
    return added


@pytest.mark.parametrize("name", NAMES, ids=[ascii(n) for n in NAMES])
def test_make_add_takes_any_file_name_as_data(repo: Path, name: str) -> None:
    page = repo / name  # FILE relative to the folder make runs in, so that a leading - leads the argument
    page.write_text(PAGE, encoding="utf-8")
    before = snapshot(repo / "corpus")
    try:
        done = make_add(repo, f"FILE={name}")
        stored = {rel: (repo / "corpus" / rel).read_bytes() for rel in set(snapshot(repo / "corpus")) - set(before)}
    finally:
        remove_added(repo, before)
        page.unlink()
    no_command_ran(repo)
    assert done.returncode == 0 and "Traceback" not in done.stderr and "error" not in done.stderr, done.stderr
    assert f"\nadded corpus/articles/{SLUG}.yaml" in done.stdout, done.stdout
    # The page under its exact name was read: its bytes are stored beside the drafted YAML
    assert sorted(stored) == [f"articles/{SLUG}.yaml", next(r for r in stored if r.startswith("raw/"))]
    assert stored[next(r for r in stored if r.startswith("raw/"))] == PAGE.encode("utf-8")


@pytest.mark.parametrize(("assignments", "message"), [
    (["SLUG=index"], "--slug: slug is a path of the site itself: 'index'"),
    (["SLUG=glossary"], "--slug: slug is a path of the site itself: 'glossary'"),
    (["SLUG=zh-hant"], "--slug: slug is a path of the site itself"),
    (["SLUG=evil\n"], "--slug: slug must be lower-case letters and digits joined by single hyphens: 'evil\\n'"),
    (["SLUG=a$(shell touch X)"], "--slug: slug must be lower-case letters and digits joined by single hyphens: 'a$(shell touch X)'"),
    (["SLUG=digital-governance-capacity"], "--slug 'digital-governance-capacity' is already used"),
    (["SLUG=about"], "slug is a path of the site itself"),
    (["TITLE=`touch X`标题\ufffe"], "--title: U+FFFE is not allowed in XML 1.0"),
    (["TITLE=另一个标题"], "--title is only for pages without one"),
], ids=["index", "glossary", "zh-hant", "newline", "make-syntax", "taken", "about", "title-fffe", "title-on-titled-page"])
def test_make_add_refuses_what_the_build_refuses_before_writing(repo: Path, tmp_path: Path, assignments: list[str], message: str) -> None:
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    before = snapshot(repo / "corpus")
    done = make_add(repo, f"FILE={page}", *assignments)
    no_command_ran(repo, tmp_path)
    line = one_error_line(done)
    assert line.startswith(f"error: {page}: ") and message in line, line
    assert snapshot(repo / "corpus") == before


@pytest.mark.parametrize(("change", "message"), [
    (lambda s: s.replace("2023年2月28日", "2023年2月30日"), ":3: date: not a real date (YYYY-MM-DD or YYYY-MM): '2023-02-30'"),
    (lambda s: s.replace("2023年2月28日", "2023年4月31日"), ":3: date: not a real date"),
], ids=["feb-30", "apr-31"])
def test_make_add_refuses_a_bad_date_on_the_page_with_its_line(repo: Path, tmp_path: Path, change: Callable[[str], str], message: str) -> None:
    page = tmp_path / "page.txt"
    page.write_text(change(PAGE), encoding="utf-8")
    before = snapshot(repo / "corpus")
    line = one_error_line(make_add(repo, f"FILE={page}"))
    assert line.startswith(f"error: {page}{message}"), line
    assert snapshot(repo / "corpus") == before


def test_make_add_without_a_file_says_how(repo: Path) -> None:
    assert "make add FILE=path/to/page.txt" in one_error_line(make_add(repo))


def test_make_add_ignores_its_own_variables_given_on_the_command_line(repo: Path) -> None:
    """ADD_FILE=… typed on the command line would be exported, and so expanded by make: the Makefile's value wins."""
    done = make_add(repo, "ADD_FILE=$(shell touch X)", "ADD_SLUG=`touch X`")
    no_command_ran(repo)
    assert "make add FILE=path/to/page.txt" in one_error_line(done)


def test_cli_refuses_a_bad_url_and_takes_a_leading_dash_after_double_dash(repo: Path, tmp_path: Path) -> None:
    page = tmp_path / "-page.txt"
    page.write_text(PAGE, encoding="utf-8")
    before = snapshot(repo / "corpus")
    for url, message in (('https://example.com/"><script>alert(1)</script>', "--url: not a URL: character '\"' must be percent-encoded"),
                         ("https://example.com@evil.example/", "--url: not a URL: user names in URLs are not allowed")):
        done = subprocess.run([sys.executable, "-m", "scripts.add", "--url", url, "--", str(page)], cwd=repo, capture_output=True,
                              text=True, timeout=120)
        line = one_error_line(done)
        assert line.startswith(f"error: {page}: ") and message in line, line  # the name after -- is the file, not an option
    assert snapshot(repo / "corpus") == before


# --- crash-safe writes: a full disk at any moment of the write leaves nothing ----------------------

def failing(real: Callable[..., object], fail_at: int) -> Callable[..., object]:
    """`real`, except that its `fail_at`-th call (from 1) fails as on a full disk."""
    calls = [0]

    def call(*args: object) -> object:
        calls[0] += 1
        if calls[0] == fail_at:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(*args)
    return call


@pytest.mark.parametrize(("function", "fail_at"), [("fsync", 1), ("fsync", 2), ("link", 1), ("link", 2)],
                         ids=["raw-write", "yaml-write", "raw-rename", "yaml-rename"])
def test_a_full_disk_during_add_leaves_nothing_and_says_one_line(repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                  capsys: pytest.CaptureFixture[str], function: str, fail_at: int) -> None:
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    monkeypatch.setattr(scripts.add, "CORPUS", repo / "corpus")
    before = snapshot(repo / "corpus")
    with monkeypatch.context() as m:
        m.setattr(os, function, failing(getattr(os, function), fail_at))
        assert scripts.add.main([str(page)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "No space left on device" in err and "nothing was added" in err, err
    assert err.startswith("error: corpus/raw/" if fail_at == 1 else f"error: corpus/articles/{SLUG}.yaml"), err
    assert snapshot(repo / "corpus") == before  # no empty YAML, no raw copy, no temporary file
    # With space again, the same page is added under the same slug (an empty YAML left behind had made it -2)
    assert scripts.add.main([str(page)]) == 0
    added = remove_added(repo, before)
    assert added[0] == f"articles/{SLUG}.yaml" and added[1].endswith(f"_{hashlib.sha256(PAGE.encode()).hexdigest()[:16]}.txt"), added
