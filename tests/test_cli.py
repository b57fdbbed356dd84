"""python -m scripts.clean, run as a user would, in a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import RAW_000, RAW_002, ROOT


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "scripts.clean", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def test_cleans_traditional_source_to_simplified_markdown(tmp_path: Path) -> None:
    report = tmp_path / "r.json"
    done = run(RAW_002, "--report", report)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("# 我国数字政府建设效能提升的难点及应对\n")
    assert "《意见》提出“构建协同高效的政府数字化履职能力体系”" in done.stdout
    assert "(wǎng)" not in done.stdout and "www.av" not in done.stdout
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["counts"]["repair_gbk_shift"] == 4
    assert all({"rule", "line", "before", "after", "reason"} <= set(c) for c in data["changes"])


def test_cleans_simplified_source_with_markdown_report(tmp_path: Path) -> None:
    report = tmp_path / "r.md"
    done = run(RAW_000, "--report", report)
    assert done.returncode == 0 and "“互联网+”政务服务" in done.stdout
    assert "删除重复正文" in report.read_text(encoding="utf-8")


@pytest.mark.parametrize(("content", "message"), [
    (b"", "empty file"),
    (b"   \n\n ", "empty file"),
    (b"\x00\x01\x02\x03", "binary data"),
    ("政府?數字化建设。".encode(), "unexplained garbling"),
])
def test_bad_input_one_line_error(tmp_path: Path, content: bytes, message: str) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    done = run(bad)
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and message in done.stderr and "Traceback" not in done.stderr
    assert str(bad) in done.stderr


def test_missing_file() -> None:
    done = run("/no/such/file.txt")
    assert done.returncode == 1 and done.stderr.startswith("error: /no/such/file.txt: cannot read")
