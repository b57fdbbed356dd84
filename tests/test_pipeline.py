"""Whole articles: golden files, structure, conservation, residual checks, editions."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from pipeline.core.changes import Change, PipelineError
from pipeline.core.context import Context
from pipeline.core.convert import converter
from pipeline.core.data import load_yaml
from pipeline.document.article import Result, process_article, process_bytes
from pipeline.document.editions import CONTEXT, OVERRIDES, context_rules, convert, to_simplified, to_traditional
from pipeline.publish.build import LOCALES, article_pages
from pipeline.publish.report import counts
from pipeline.text.checks import assert_clean
from pipeline.text.conservation import check_conservation
from pipeline.text.rules.damage import DAMAGED

from .conftest import ROOT

ARTICLES = {p.stem: p for p in sorted((ROOT / "corpus" / "articles").glob("*.yaml"))}
GOLDEN = ROOT / "tests" / "golden"


@pytest.fixture(scope="module")
def results() -> dict[str, Result]:
    return {slug: process_article(path) for slug, path in ARTICLES.items()}


@pytest.mark.parametrize("script", ["hans", "hant"])
@pytest.mark.parametrize("slug", sorted(ARTICLES))
def test_golden(slug: str, script: str, results: dict[str, Result]) -> None:
    page = article_pages(results[slug])[f"{LOCALES[script]}/{slug}.md"]
    expected = (GOLDEN / f"{slug}.{script}.md").read_text(encoding="utf-8")
    assert page == expected, "rendered article differs from tests/golden (review, then: python -m scripts.build_corpus --update-golden)"


def test_change_counts_per_rule(results: dict[str, Result]) -> None:
    assert counts(results["digital-governance-capacity"].changes) == {
        "fix_mixed_script": 1, "normalise_punctuation": 97, "remove_chrome": 1,  # 97: 开发APP，每个 (was ",")
        "remove_duplicate_blocks": 19, "restore_lost_plus": 1, "structure": 2,
    }
    c2 = counts(results["digital-government-efficacy"].changes)
    assert c2["remove_inline_pinyin"] == 1452  # + 4 inside removed chrome lines = 1456
    assert c2["repair_gbk_shift"] == 4 and c2["apply_errata"] == 12 and c2["decode_entities"] == 2
    assert c2["remove_chrome"] == 3


def test_structure_of_article_2(results: dict[str, Result]) -> None:
    doc = results["digital-government-efficacy"].hans
    assert doc.title == "我国数字政府建设效能提升的难点及应对"
    assert doc.abstract.startswith("加强条块协同是数字政府建设的重要方向")
    assert doc.keywords == ("数字政府", "数据驱动", "数据赋能", "条块协同")
    assert (doc.clc, doc.doc_code) == ("D63", "A")
    assert [s.heading for s in doc.sections[1:]] == [
        "促成创新与提升效能：数据驱动数字政府建设条块协同的动因",
        "多维差异与流动不畅：数据驱动数字政府建设条块协同的挑战",
        "统筹联动与复用扩散：数据驱动数字政府建设条块协同的实现",
    ]
    assert doc.author_note.startswith("本文作者为电子科技大学公共管理学院教授")
    assert "（项目编号：21XGL005）" in doc.author_note
    assert [n.number for n in doc.notes] == [1, 2, 3, 4, 5, 6]
    assert doc.notes[3].text.endswith("《广西师范大学学报（哲学社会科学版）》，2022年1期，第63—73页。")
    assert [(c.role, c.name) for c in doc.credits] == [("责编", "罗婷"), ("美编", "石玉"), ("责任编辑", "张宏莉")]
    leads = [p.lead for p in doc.paragraphs() if p.lead]
    assert "数据基础制度体系建设滞后。" in leads and "“硬”和“软”区分部署。" in leads


def test_structure_of_article_1(results: dict[str, Result]) -> None:
    doc = results["digital-governance-capacity"].hans
    assert doc.title == ""  # editorial title comes from metadata
    assert [s.heading for s in doc.sections] == ["", "我国数字政府建设取得显著成绩", "政府数字治理能力建设面临五个问题", "对策建议"]
    assert [len(s.paragraphs) for s in doc.sections] == [1, 4, 5, 5]
    assert doc.sections[1].paragraphs[0].lead == "央地协同的政策体系不断完善。"


def test_article_2_reads_as_the_publishers_original(results: dict[str, Result]) -> None:
    text = "\n".join(results["digital-government-efficacy"].hans.texts())
    for phrase in ["管理与服务数字化的问题。《意见》提出“构建协同高效的政府数字化履职能力体系”",
                   "整体统筹。总体而言，东部地区", "推进跨省“多地复用”创新。跨省“多地复用”创新",
                   "能够实现区域优势互补", "“坚持数据赋能”“坚持整体协同”", "随着公共事务治理", "着力破解",
                   "也倒逼着政府", "发挥着统筹", "“粤省事”（民生服务微信小程序）", "可以显著增强"]:
        assert phrase in text or phrase in text.replace("\n", ""), phrase
    for bad in ["?", "\ufffd", "ldquo", "(", "網", "著力", "www", "网站首页"]:
        assert bad not in text, bad


def test_article_1_fixes(results: dict[str, Result]) -> None:
    text = "\n".join(results["digital-governance-capacity"].hans.texts())
    assert "“互联网+”政务服务" in text and "国家网信办" in text and "國" not in text
    assert "论文部分内容阅读" not in text and text.count("央地协同的政策体系不断完善") == 1
    assert "1049.6万" in text and "2018—2020年" in text and "（API）" in text


def test_traditional_edition_is_s2tw(results: dict[str, Result]) -> None:
    text = "\n".join(results["digital-government-efficacy"].hant.texts())
    assert "隨著公共事務治理" in text and "為" in text and "群眾" in text and "裡" in text  # 浙裡辦
    assert "爲" not in text and "衆" not in text and "資料" not in text  # not s2t, not s2twp
    assert "關於加強數字政府建設的指導意見" in text and "滯後" in text


def test_ids_identical_in_both_editions(results: dict[str, Result]) -> None:
    for r in results.values():
        assert [p.id for p in r.hans.paragraphs()] == [p.id for p in r.hant.paragraphs()]
        assert [s.id for s in r.hans.sections] == [s.id for s in r.hant.sections]


# --- overrides: every row has a test ------------------------------------------------------

def _override_rows() -> list[dict[str, str]]:
    with OVERRIDES.open(encoding="utf-8") as f:
        return list(csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t"))


@pytest.mark.parametrize("row", _override_rows(), ids=lambda r: f"{r['config']}:{r['from']}")
def test_each_override_fixes_what_opencc_gets_wrong(row: dict[str, str]) -> None:
    if row["config"] == "t2s":
        source = row["from"].replace("着", "著")  # traditional input as written in Taiwan/HK
        assert converter("t2s").convert(source) == row["from"]  # OpenCC alone gives the wrong form
        assert convert(source, "t2s") == row["to"]
    else:
        simplified = converter("t2s").convert(row["from"])
        assert converter("s2tw").convert(simplified) == row["from"]
        assert convert(simplified, "s2tw") == row["to"]


def test_one_to_many_characters_in_our_texts_are_reviewed(results: dict[str, Result]) -> None:
    # Reviewed s2tw choices for one-to-many characters that occur in our texts (2026-11 review).
    text = "\n".join(results["digital-government-efficacy"].hant.texts() + results["digital-governance-capacity"].hant.texts())
    for good in ["發布", "布局", "干預", "若干", "後", "關係", "體系", "機制", "複製", "制定", "特徵", "儘管", "獨佔",
                 "註冊", "採集", "殭屍", "細緻", "範圍", "歷程", "平臺", "出臺", "沈費偉", "葉晴琳", "羅婷", "雲", "只能"]:
        assert good in text, good
    for bad in ["發佈", "佈局", "幹預", "若幹", "關繫", "製定", "乾"]:
        assert bad not in text, bad


# --- characters chosen by the word they stand in (corpus/data/script_context.yaml) ------------------------

def _context_examples() -> list[tuple[str, str, str]]:
    return [(rule["config"], opencc_out, want) for rule in load_yaml(CONTEXT, "script_context")  # type: ignore[union-attr]
            for opencc_out, want in rule["examples"]]


@pytest.mark.parametrize(("config", "opencc_out", "want"), _context_examples(), ids=lambda v: str(v))
def test_each_context_example(config: str, opencc_out: str, want: str) -> None:
    # the example is what OpenCC itself gives (t2s from the traditional, s2tw from the simplified text) ...
    source = (opencc_out.replace("着", "著") if config == "t2s" else converter("t2s").convert(opencc_out).replace("並", "并"))
    assert converter(config).convert(source) == opencc_out, "not what OpenCC gives: fix the example"
    assert convert(source, config) == want  # ... and we publish `want`


@pytest.mark.parametrize(("traditional", "simplified"), [
    ("他帶著孩子走進鄉村，顯著改善了當地的數字服務", "他带着孩子走进乡村，显著改善了当地的数字服务"),  # 带著 was published (issue 23)
    ("隨著數據的流動，學術著作與著名學者的著述", "随着数据的流动，学术著作与著名学者的著述"),
    ("他沉著地著手處理，土著居民的功績卓著", "他沉着地着手处理，土著居民的功绩卓著"),
])
def test_particle_zhe_is_simplified_by_context(traditional: str, simplified: str) -> None:
    changes: list[Change] = []
    assert to_simplified(traditional, "hant", changes) == simplified
    assert all(c.rule.startswith(("override_", "context_")) and "着" in c.after for c in changes)
    assert changes  # listed in the change report


@pytest.mark.parametrize(("simplified", "traditional"), [
    ("要加强统筹并为此建立协调机制", "要加強統籌並為此建立協調機制"),  # 併為此 was published (issue 23)
    ("把两个部门合并为一个，并为之配备人员", "把兩個部門合併為一個，並為之配備人員"),
    ("企业兼并与吞并，一并处理，结合并推动", "企業兼併與吞併，一併處理，結合並推動"),
])
def test_bing_is_traditional_by_context(simplified: str, traditional: str) -> None:
    assert to_traditional(simplified) == traditional


def test_context_keep_words_must_hold_their_character(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pipeline.document import editions
    bad = tmp_path / "script_context.yaml"
    bad.write_text("- config: t2s\n  char: 著\n  to: 着\n  reason: a wrong word\n  keep: [显着]\n"
                   "  examples: [[带著, 带着], [显著, 显著]]\n", encoding="utf-8")
    monkeypatch.setattr(editions, "CONTEXT", bad)
    editions.context_rules.cache_clear()
    try:
        with pytest.raises(PipelineError, match="does not contain"):
            editions.context_rules("t2s")
    finally:
        editions.context_rules.cache_clear()


def test_editions_hold_no_context_slips(results: dict[str, Result]) -> None:
    """Over both articles' editions: no 著 outside its zhù words in simplified, no 併 outside its merge words in traditional."""
    for config, edition in (("t2s", "hans"), ("s2tw", "hant")):
        for char, _, pattern in context_rules(config):
            for r in results.values():
                text = "\n".join(getattr(r, edition).texts())
                left = [text[max(0, m.start() - 4):m.end() + 4] for m in pattern.finditer(text) if m.group(0) == char]
                assert not left, left


def test_built_pages_hold_no_context_slips(site: Path) -> None:
    """Every page a reader sees, both editions (the change reports quote the source's slips on purpose: not them)."""
    from bs4 import BeautifulSoup

    pages = [p for p in site.rglob("*.html") if not p.relative_to(site).as_posix().startswith(("downloads/", "reports/", "zh-Hant/reports/"))]
    assert len(pages) >= 20
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.select("code, script, style"):
            tag.decompose()
        text = soup.get_text(" ")
        config = "s2tw" if soup.html and soup.html.get("lang") == "zh-Hant" else "t2s"
        for char, _, pattern in context_rules(config):
            left = [text[max(0, m.start() - 6):m.end() + 6] for m in pattern.finditer(text) if m.group(0) == char]
            assert not left, (page, left[:5])


# --- residual checks and conservation -------------------------------------------------------

@pytest.mark.parametrize(("text", "message"), [
    ("第一行\n政府?數字化", "unexplained garbling"),
    ("数据\ufffd孤岛", "unexplained garbling"),
    ("網(wǎng)站", "inline pinyin"),
    ("提出&ldquo;构建", "undecoded HTML entity"),
    ("提出ldquo;构建", "undecoded HTML entity"),
    ("广告 www.av123.com", "spam marker"),
    ("这是一段足够长的重复段落，用来检验重复段落检查是否真正生效了。\n其他。\n这是一段足够长的重复段落，用来检验重复段落检查是否真正生效了。", "duplicated"),
])
def test_residual_check_fails_with_file_line_text(text: str, message: str, hans: Context) -> None:
    with pytest.raises(PipelineError, match=message) as info:
        assert_clean(text, hans)
    assert "test.txt:" in str(info.value)


def test_unreadable_garbling_is_published_marked_with_its_line() -> None:
    """Issue 19: what no repair can read is marked □, listed with its line, and the page says so."""
    data = "第一段。\n\n政府?數字化建设。\n数据\ufffd孤岛。\n".encode()
    result = process_bytes(data, "x.txt")
    text = "\n".join(result.hans.texts())
    assert "政府□数字化建设" in text and "数据□孤岛" in text
    assert "damaged:2" in result.hans.warnings and "damaged:2" in result.hant.warnings
    assert [(c.line, c.before, c.after) for c in result.changes if c.code == DAMAGED] == [(3, "?", "□"), (4, "\ufffd", "□")]


def test_conservation_detects_a_silent_loss() -> None:
    with pytest.raises(PipelineError, match="lost '丢'"):
        check_conservation("字丢", ["字"], [], stage="clean", file="x")
    check_conservation("字丢", ["字"], [Change("r", 1, "丢", "", "r")], stage="clean", file="x")


def test_every_raw_character_is_published_or_reported(results: dict[str, Result]) -> None:
    # process_article runs the conservation check; here, independently, every Han character of
    # article 1's raw text is in the published text or in a change's "before".
    raw = (ROOT / "corpus" / "raw" / "000_02b2b72714e171d1.txt").read_text(encoding="utf-8")
    r = results["digital-governance-capacity"]
    published = "".join(r.hans.texts()) + "".join(c.before for c in r.changes)
    assert set(re.findall(r"[\u4e00-\u9fff]", raw)) <= set(published)


def test_bad_notes_fail_clearly() -> None:
    # a note list cut off by the scraper loses no text: published, with a warning (issue 13)
    body = "标题\n\n正文提到一个注释[1]，还有一个[2]。\n\n注释\n\n[1]第一条。\n"
    assert process_bytes(body.encode(), "n.txt").hans.warnings == ("notes-missing:2",)
    body = "标题\n\n正文提到一个注释[1]。\n\n注释\n\n[1]第一条。\n\n[1]重复。\n"
    with pytest.raises(PipelineError, match=r"note \[1\] is listed twice"):
        process_bytes(body.encode(), "n.txt")


def test_unmatched_errata_entry_is_reported(results: dict[str, Result]) -> None:
    from pipeline.core.data import rule_data

    used = {c.before for r in results.values() for c in r.changes if c.rule == "apply_errata"}
    for entry in rule_data()["errata"]:  # type: ignore[union-attr]
        assert entry["garbled"] in used, f"errata entry {entry['garbled']!r} matches no article"


def test_follow_lines_through_removed_and_joined_lines() -> None:
    from pipeline.core.changes import follow_lines
    assert follow_lines("a\nX\nb\nc", "a\nb\nc", [1, 2, 3, 4]) == [1, 3, 4]  # a chrome line gone
    assert follow_lines("1、甲\n2、乙\nc", "1、甲2、乙\nc", [1, 2, 3]) == [1, 3]  # two lines joined
    assert follow_lines("a\nb", "a\nb", [5, 9]) == [5, 9]


def test_the_change_report_numbers_the_raw_files_lines() -> None:
    """A line the report names is the raw file's line, though the chrome above it went first (the report links the
    raw file; a rule numbers the lines it received, and the structure the cleaned text's)."""
    from pipeline.document.article import process_bytes

    raw = ("首页 > 新闻中心 > 正文\n分享到：\n\n数字政府建设的路径\n\n作者：张三\n\n"
           "摘要：本文讨论数字政府。\n\n数字政府建设取得显著成绩,各地积极推进。\n")
    lines = raw.split("\n")
    result = process_bytes(raw.encode(), "page.txt")
    for c in result.changes:
        if c.line and c.before.strip() and c.rule in ("remove_chrome", "structure", "normalise_punctuation"):
            assert c.before.replace("，", ",") in lines[c.line - 1] or c.before in lines[c.line - 1].replace(",", "，"), c
    assert any(c.rule == "normalise_punctuation" and c.line == 10 for c in result.changes)
