"""The labelled corpus and the line labeller trained from it (issue 19)."""

from __future__ import annotations

import inspect
import subprocess
import sys
import time
from pathlib import Path

import pycrfsuite
import pytest

from pipeline.document import labeller
from pipeline.document.lines import LABELS, family
from pipeline.publish.cache import shared_inputs
from scripts.train import train
from scripts.training_pages import Page, load, names, parse_labels, problems

from .conftest import ROOT


def test_every_page_is_labelled_and_consistent_with_its_truth() -> None:
    done = subprocess.run([sys.executable, "-m", "scripts.training_pages", "check"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and done.stdout.rstrip().endswith(" 0 problems"), done.stdout[-3000:]


def test_the_corpus_meets_the_issue_quotas() -> None:
    pages = [load(n) for n in names()]
    assert len(pages) >= 150 and len({family(str(p.truth["site"])) for p in pages}) >= 60
    assert sum(p.truth["script"] == "hant" for p in pages) >= 35
    assert sum("english" in p.labels for p in pages) >= 30
    assert all(set(p.labels) <= {"", *LABELS} for p in pages)


@pytest.mark.parametrize(("spec", "message"), [
    ("1 title\n2 body", "lines without a label: 3"),
    ("1 title\n2-3 bodyy", "unknown label 'bodyy'"),
    ("1-2 title\n2-3 body", "overlaps or goes back"),
    ("1 title\n2-9 body", "outside the page's 3 lines"),
    ("1 title\n2-3", "not 'N label' or 'N-M label'"),
])
def test_a_labelling_mistake_is_named(spec: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_labels(spec, ["标题", "正文第一段。", "正文第二段。"], "x.yaml")


def test_truth_that_no_line_supports_is_named() -> None:
    lines = ["数字政府的现状与对策", "张三", "正文第一段。"]
    truth = {"file": "x.txt", "url": "", "site": "x.cn", "script": "hans", "title": "乡村振兴的路径", "subtitle": None,
             "date": None, "authors": ["李四"], "venue": None, "keywords": ["治理"], "defects": [], "must_contain": [],
             "must_not_contain": [], "notes": "", "labels": ""}
    found = problems(Page("x", lines, ["title", "byline", "body"], truth))
    assert any("title '乡村振兴的路径'" in p for p in found) and any("author '李四'" in p for p in found)
    assert any("keyword '治理'" in p for p in found)


def test_training_is_reproducible_and_the_model_small_and_quick(tmp_path: Path) -> None:
    """A smoke run on a few pages (the whole corpus is `make train`): same model twice, loads fast, labels a page."""
    pages = [load(n) for n in names()[:12]]
    a, b = train(pages, tmp_path / "a.crfsuite"), train(pages, tmp_path / "b.crfsuite")
    assert a.read_bytes() == b.read_bytes()
    with labeller.using(a):
        got = labeller.label(pages[0].lines)
    assert len(got) == sum(1 for x in pages[0].lines if x.strip()) and {g.label for g in got} <= set(LABELS)


def test_the_committed_model_is_small_loads_fast_and_is_in_the_cache_key() -> None:
    assert labeller.MODEL.is_file() and labeller.MODEL.stat().st_size <= 5 * 1024 * 1024
    start = time.perf_counter()
    tagger = pycrfsuite.Tagger()
    tagger.open(str(labeller.MODEL))
    assert time.perf_counter() - start < 0.5 and set(tagger.labels()) <= set(LABELS)
    assert 'CORPUS / "model"' in inspect.getsource(shared_inputs.__wrapped__)  # a new model rebuilds every article


def test_the_model_reads_a_page_it_was_not_written_from() -> None:
    """A page shaped like real scraped pages but from no corpus site: chrome, title, byline, field, body."""
    page = ["首页 > 学术论文 > 正文", "", "县域治理现代化的实践路径研究", "", "作者：王小明 李华", "",
            "摘要：县域是国家治理的基本单元，本文讨论县域治理现代化的实践路径。", "关键词：县域治理；现代化；实践路径", "",
            "一、问题的提出", "县域治理在国家治理体系中处于承上启下的位置，其现代化水平直接关系到基层治理的成效。近年来，各地围绕县域治理开展了多种探索。",
            "", "分享到：微信 微博"]
    got = [x.label for x in labeller.label(page)]
    assert got[0] == "chrome" and got[1] == "title" and got[2] == "byline"
    assert got[3] == "field" and got[4] == "field" and got[5] == "heading" and got[6] == "body"


def test_the_held_out_score_reads_what_the_change_report_took_out() -> None:
    """benchmarks.crossval counts a chrome line as gone when the change report took it out whole (its number may be a
    line off), and among exact copies of one text gives the copies taken out to the chrome-labelled ones first."""
    from benchmarks.crossval import chrome_copies_first, taken_out
    from pipeline.core.changes import Change

    lines = ["首页 > 论文", "", "摘要：流域生态补偿作用重大。", "摘要：流域生态补偿作用重大。", "正文第一段。"]
    changes = [Change("remove_chrome", 1, "首页 > 论文", "", "breadcrumb"),
               Change("structure", 3, "摘要：", "", "label_becomes_field", ("摘要：", "abstract")),  # the label only: the line's text stays
               Change("structure", 5, "摘要：流域生态补偿作用重大。", "", "site_shortened_copy_abstract")]  # a line off
    assert taken_out(lines, changes) == {1, 4}
    labels = ["chrome", "", "chrome", "field", "body"]
    assert chrome_copies_first(lines, labels, {1, 4}) == {1, 3}
