"""`make add FILE=…` (issue 13): a real scraped page in, published in both editions by the next build, in a
temporary copy of the repository; refusals of the same file and the same title; nothing stored is overwritten."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import bibtexparser
import metadata_parser
import pytest
import rispy
import yaml

from pipeline.document.editions import to_traditional as s2tw
from scripts.add import funding_record, make_slug, normal
from scripts.fresh_copy import fresh_copy

from .conftest import ROOT

# The development set lives next to the repository (../shared/realpages); REALPAGES points elsewhere.
REALPAGES = Path(os.environ.get("REALPAGES", ROOT.parent / "shared" / "realpages"))
PAGE = "mfx361_2022_0312.txt"  # title, author, date, venue and a run-together byline: a typical mirror page


def expected() -> dict[str, object]:
    entries = yaml.safe_load((REALPAGES / "pages.yaml").read_text(encoding="utf-8"))
    return next(e for e in entries if e["file"] == PAGE)


def make(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    # STAMP= and PY=: use this interpreter's environment instead of creating .venv in the copy
    return subprocess.run(["make", "--no-print-directory", *args, "STAMP=", f"PY={sys.executable}"], cwd=cwd,
                          capture_output=True, text=True, timeout=300, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


def snapshot(corpus: Path) -> dict[str, str]:
    return {str(p.relative_to(corpus)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(corpus.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str]:
    if not (REALPAGES / PAGE).exists():
        pytest.skip(f"the real-page development set is not at {REALPAGES} (set REALPAGES=/path/to/realpages)")
    work = fresh_copy(tmp_path_factory.mktemp("add"))
    done = make(["add", f"FILE={REALPAGES / PAGE}"], work)
    assert done.returncode == 0, done.stderr
    slug = done.stdout.split("corpus/articles/", 1)[1].split(".yaml", 1)[0]
    return work, slug, done.stdout


@pytest.fixture(scope="module")
def built(repo: tuple[Path, str, str]) -> Path:
    work, _, _ = repo
    done = subprocess.run([sys.executable, "-m", "scripts.build_site"], cwd=work, capture_output=True, text=True, timeout=900,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert done.returncode == 0, done.stderr[-3000:]
    return work / "site"


def test_add_copies_the_bytes_and_drafts_the_yaml(repo: tuple[Path, str, str]) -> None:
    work, slug, out = repo
    meta = yaml.safe_load((work / "corpus" / "articles" / f"{slug}.yaml").read_text(encoding="utf-8"))
    raw = work / "corpus" / "raw" / meta["raw"]
    assert raw.read_bytes() == (REALPAGES / PAGE).read_bytes()
    assert meta["sha256"] == hashlib.sha256(raw.read_bytes()).hexdigest() and meta["script"] == expected()["script"]
    assert meta["title"] == expected()["title"] and meta["extracted"]["title"]["line"] >= 1
    assert meta["extracted"]["title"]["text"] == expected()["title"]  # the raw line, for the reviewer
    assert "found: " in out and "not found: " in out


def test_added_article_is_published_in_both_editions(built: Path, repo: tuple[Path, str, str]) -> None:
    _, slug, _ = repo
    want = expected()
    venue_name = str(want["venue"]).split()[0]
    for prefix, script in (("", "hans"), ("zh-Hant/", "hant")):
        def shown(text: str) -> str:
            return text if script == "hans" else s2tw(text)  # noqa: B023

        html = (built / f"{prefix}{slug}" / "index.html").read_text(encoding="utf-8")
        assert shown(str(want["title"])) in html
        for name in want["authors"]:  # type: ignore[attr-defined]
            assert shown(name) in html
        assert str(want["date"]) in html and shown(venue_name) in html
        assert shown("尚未经人工核对") in html  # drafted metadata says so until a reviewer removes `extracted:`
        assert shown("页面不完整") in html and shown("正文在句子中间结束") in html  # the page is cut off mid-word
        meta = metadata_parser.MetadataParser(html=html, search_head_only=True).parsed_result.metadata["meta"]
        assert meta["citation_title"] == want["title"]  # citations keep the original's (simplified) title
        authors = meta["citation_author"] if isinstance(meta["citation_author"], list) else [meta["citation_author"]]
        assert authors == want["authors"]
        assert meta["citation_publication_date"] == str(want["date"]).replace("-", "/")
        assert meta["citation_journal_title"] == venue_name
        cite = built / "cite"  # the exports exist once, for both editions (issue 21)
        entry = bibtexparser.parse_string((cite / f"{slug}.bib").read_text(encoding="utf-8")).entries[0]
        assert entry["title"] == want["title"] and entry["journal"] == venue_name
        assert rispy.loads((cite / f"{slug}.ris").read_text(encoding="utf-8"))[0]["title"] == want["title"]
        assert json.loads((cite / f"{slug}.json").read_text(encoding="utf-8"))[0]["container-title"] == venue_name
        assert (built / prefix / "reports" / slug / "index.html").exists()


def test_the_same_file_twice_is_refused(repo: tuple[Path, str, str]) -> None:
    work, _, _ = repo
    before = snapshot(work / "corpus")
    done = make(["add", f"FILE={REALPAGES / PAGE}"], work)
    assert done.returncode != 0 and "Traceback" not in done.stderr
    line = next(x for x in done.stderr.splitlines() if x.startswith("error: "))
    assert "already in the corpus" in line and "same sha256" in line
    assert snapshot(work / "corpus") == before


def test_the_same_title_twice_is_refused(repo: tuple[Path, str, str], tmp_path: Path) -> None:
    work, _, _ = repo
    again = tmp_path / "again.txt"  # another scrape of the same article: other bytes, same title
    again.write_bytes((REALPAGES / PAGE).read_bytes() + "\n分享到微信\n".encode())
    before = snapshot(work / "corpus")
    done = subprocess.run([sys.executable, "-m", "scripts.add", str(again)], cwd=work, capture_output=True, text=True, timeout=300)
    assert done.returncode == 1 and done.stderr.count("\n") == 1 and done.stdout == ""
    assert "already in the corpus" in done.stderr and "same title" in done.stderr
    assert snapshot(work / "corpus") == before


def test_a_bad_slug_or_an_unreadable_file_is_one_line(repo: tuple[Path, str, str]) -> None:
    work, _, _ = repo
    for args, message in (([str(REALPAGES / PAGE), "--slug", "Not_A_Slug"], "--slug"), (["/no/such/page.txt"], "cannot read")):
        done = subprocess.run([sys.executable, "-m", "scripts.add", *args], cwd=work, capture_output=True, text=True, timeout=300)
        assert done.returncode == 1 and done.stderr.count("\n") == 1 and message in done.stderr


def test_slug_is_short_pinyin_of_the_title() -> None:
    assert make_slug("政府治理数字化的时代课题探讨") == "zhengfu-zhili-shuzihua-de"
    assert make_slug("以“云上贵州”政务数据平台为例:看数字政府建设的现状、困境及对策") == "yi-yunshang-guizhou-zhengwu"
    assert make_slug("數字政府建設") == make_slug("数字政府建设") == "shuzi-zhengfu-jianshe"


def test_titles_compare_across_scripts_spacing_and_readings() -> None:
    assert normal("我國數(shù)字政府 建設") == normal("我国数字政府建设")
    assert normal("政府治理") != normal("政府治理数字化")


@pytest.mark.parametrize(("text", "record"), [
    ("国家社会科学重点基金项目(20AZD040)", {"funder": "国家社会科学重点基金项目", "project_id": "20AZD040"}),
    ("国家社会科学基金西部项目“城市推进数据要素跨界流动的协同治理研究”（21XGL005）",
     {"funder": "国家社会科学基金西部项目", "project_title": "城市推进数据要素跨界流动的协同治理研究", "project_id": "21XGL005"}),
    ("教育部人文社会科学研究项目", {"funder": "教育部人文社会科学研究项目"}),
])
def test_funding_lines_become_records(text: str, record: dict[str, str]) -> None:
    assert funding_record(text) == record
