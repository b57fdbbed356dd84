"""Structure recognition on real scraped pages (issue 13): partial pages published with warnings, the real pages,
reference lists, titles and headings."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.document import metadata as md
from pipeline.document.article import process_bytes

from .conftest import ROOT
from .structure_support import BODY, REALPAGES, doc_of

# --- partial pages are published, with warnings -------------------------------------------------------

TRUNCATED = ("十余年来中外电子政务研究的比较分析\n来源:中国电子政务网 更新时间:2015-03-22\n\n"
             "  关键词:电子政务;文献计量;共词网络\n\n  近20年来,电子政务在世界范围内普遍兴起。[1]"
             "到2011年,联合国193个成员国已经全部启动了各自的电子政务建设。[2]该\n")


def test_truncated_page_is_published_with_warnings() -> None:
    doc = doc_of(TRUNCATED)
    assert doc.warnings == ("notes-missing:1,2", "ends-mid-sentence", "no-abstract")
    changes = process_bytes(TRUNCATED.encode("utf-8"), "page.txt").changes
    assert [c.args for c in changes if c.code == "partial_page"] == [(code,) for code in doc.warnings]  # codes, end to end
    assert doc.date == "2015-03-22" and doc.venue is None  # the reposting site is not a venue
    assert "中国电子政务网" not in "".join(doc.texts())


CUT_IN_KEYWORDS = ("數據驅動的數字政府：治理限度與時代因應\n作者:祁志偉 2024-04-29\n\n"
                   "摘要:數據治理的邊界何在、又該如何回應時代要求，是數字政府研究中繞不開的長期話題。\n\n")


@pytest.mark.parametrize(("last_line", "keywords"), [
    ("關鍵詞:數字政府;數字化轉型;數據治理;技術(sh\n", ("数字政府", "数字化转型", "数据治理")),  # cut inside a reading
    ("關鍵詞:數字政府;數字化轉型;數據治理;技術(shù)\n", ("数字政府", "数字化转型", "数据治理", "技术")),  # whole
    ("關鍵詞:數字政府;數字化轉型;數據治理;技術\n", ("数字政府", "数字化转型", "数据治理", "技术")),  # ends, not cut
])
def test_a_keyword_cut_off_by_the_end_of_the_page_is_not_a_keyword(last_line: str, keywords: tuple[str, ...]) -> None:
    result = process_bytes((CUT_IN_KEYWORDS + last_line).encode("utf-8"), "page.txt")
    assert result.hans.keywords == keywords
    if len(keywords) == 3:
        assert any(c.code == "keywords_label_cut_off" and "技术" in c.before for c in result.changes)


def test_the_original_sources_get_no_warnings_they_do_not_deserve() -> None:
    for raw in ("000_02b2b72714e171d1.txt", "002_b5aca4e56758e02d.txt"):
        doc = process_bytes((ROOT / "corpus" / "raw" / raw).read_bytes(), raw).hans
        assert doc.warnings == ()


@pytest.mark.skipif(REALPAGES is None, reason="../shared/realpages/ is not next to this checkout")
def test_every_real_page_is_published() -> None:
    assert REALPAGES is not None
    for path in sorted(Path(REALPAGES).glob("*.txt")):
        doc = process_bytes(path.read_bytes(), path.name).hans  # raises on refusal or a conservation failure
        assert doc.title and doc.paragraphs() or doc.abstract, path.name


@pytest.mark.parametrize(("heading", "marks"), [("参考文献", ("[1]", "[2]")), ("【参考文献】", ("1.", "2.")),
                                               ("注释：", ("（1）", "（2）")), ("注 释", ("①", "②"))])
def test_reference_lists_numbered_every_way(heading: str, marks: tuple[str, str]) -> None:
    doc = doc_of("数字政府建设研究\n\n摘要：本文讨论数字政府。\n\n" + BODY.replace("方式，", "方式[1]，").replace("影响。", "影响[2]。")
                 + f"\n{heading}\n\n{marks[0]}郁建兴、高翔：《浙江省改革的基本经验》，《浙江社会科学》，2018年4期，第76—85页。\n\n"
                 f"{marks[1]}黄璜：《数字政府：政策、特征与概念》，《治理研究》，2020年3期，第6—15页。\n")
    assert [n.number for n in doc.notes] == [1, 2] and doc.notes[1].text.startswith("黄璜")
    assert doc.warnings == ()


def test_english_title_continued_after_a_colon() -> None:
    doc = doc_of("智慧城市政策协同演进:基于主题的力度、结构分析\n\n2025-09-01 00:00:00刘博夏义堃\n现代情报 2025年9期\n\n"
                 "摘 要:智慧城市的推进离不开众多领域之间的协同配合。\n\nThe Evolution of Smart City Policies Coordination:\n\n"
                 "An Analysis of Strength and Structure Based on Topics\n\nLiu Bowen Xia Yikun*\n\n"
                 "(Research Institute for Data Management Innovation,Nanjing University,Suzhou 215163,China)\n\n"
                 "Abstract:[Purpose/Significance]Advancing smart cities depends on joint work among many sectors.\n")
    assert doc.english and doc.english.title.endswith("Coordination: An Analysis of Strength and Structure Based on Topics")
    assert doc.english.authors == "Liu Bowen Xia Yikun*" and doc.english.affiliation.startswith("(Research Institute")
    assert [a.name for a in doc.authors] == ["刘博", "夏义堃"] and doc.date == "2025-09-01"


def test_title_with_its_subtitle_on_the_next_line() -> None:
    doc = doc_of("网站首页\n\n数字政府建设的现状、困境及对策\n——以“云上贵州”政务数据平台为例\n2020-09-27周雅颂\n\n" + BODY)
    assert doc.title == "数字政府建设的现状、困境及对策——以“云上贵州”政务数据平台为例"
    assert [a.name for a in doc.authors] == ["周雅颂"]


@pytest.mark.skipif(REALPAGES is None, reason="../shared/realpages/ is not next to this checkout")
def test_cut_shuffled_and_mixed_pages_never_lose_text() -> None:
    # Scrapers cut pages anywhere and sites order their headers every way: whatever the header
    # reader makes of it, no character may vanish (the conservation check would refuse the page).
    import random

    from pipeline.core.changes import PipelineError

    assert REALPAGES is not None
    rng = random.Random(13)
    pages = [p.read_text(encoding="utf-8") for p in sorted(Path(REALPAGES).glob("*.txt"))]
    for n in range(120):
        lines = rng.choice(pages).split("\n")
        other = rng.choice(pages).split("\n")
        at = rng.randrange(len(lines))
        text = ["\n".join(lines)[: rng.randrange(1, 2000)], "\n".join(rng.sample(lines, len(lines))), "\n".join(lines[at:]),
                "\n".join(lines[:at] + other[: rng.randrange(1, 12)] + lines[at:])][n % 4]
        try:
            process_bytes(text.encode("utf-8"), "page.txt")
        except PipelineError as exc:
            assert not exc.message.startswith("structure"), (exc.message, text[:300])


def test_byline_author_with_affiliation_in_parentheses_and_a_lone_run_together_tag_line() -> None:
    doc = doc_of("基层治理数字化转型的困境与出路\n\n作者：王小明（北京大学 政府管理学院） 发布时间：2022-06-01\n"
                 "关键词：基层治理数字化转型\n\n" + BODY)
    assert [(a.name, a.affiliation.replace(" ", "")) for a in doc.authors] == [("王小明", "北京大学政府管理学院")]
    assert doc.venue is None and doc.keywords == ()  # the site's run-together tags are not the article's list


def test_author_with_affiliation_in_parentheses_and_affiliations_numbered_without_dots() -> None:
    doc = doc_of("数字政府背景下高职院校治理研究\n郭嘉欣（陕西交通职业技术学院 教务处，陕西 西安 710018）\n\n摘要：本文讨论高职院校治理。\n\n" + BODY)
    assert [(a.name, a.affiliation.replace(" ", "")) for a in doc.authors] == [("郭嘉欣", "陕西交通职业技术学院教务处，陕西西安710018")]
    assert doc.title == "数字政府背景下高职院校治理研究"
    doc = doc_of("基于CNKI数据的知识图谱构建研究\n张三1，李四2\n1上海工程技术大学管理学院，上海\n2复旦大学国际关系与公共事务学院，上海\n"
                 "收稿日期：2022年12月2日；发布日期：2023年1月31日\n\n摘要\n随着各级政府持续推进数字化建设。\n\n" + BODY)
    assert [(a.name, a.affiliation) for a in doc.authors] == [("张三", "上海工程技术大学管理学院，上海"), ("李四", "复旦大学国际关系与公共事务学院，上海")]
    assert doc.date == "2023-01-31"


def test_labelled_author_and_affiliation_fields() -> None:
    doc = doc_of("基层治理数字化转型的困境与出路\n【作者】王小明，赵大海\n【作者单位】北京大学政府管理学院\n"
                 "【摘要】基层治理数字化转型面临诸多困境。\n\n" + BODY)
    assert [(a.name, a.affiliation) for a in doc.authors] == [("王小明", "北京大学政府管理学院"), ("赵大海", "北京大学政府管理学院")]
    assert doc.abstract == "基层治理数字化转型面临诸多困境。"


def test_question_title_with_its_english_title_under_it() -> None:
    doc = doc_of("数字政府到底是什么？\nWhat Is Digital Government?\n黄璜\n\n摘要：本文回顾数字政府的政策与概念。\n\n" + BODY)
    assert doc.title == "数字政府到底是什么？" and [a.name for a in doc.authors] == ["黄璜"]
    assert doc.english and doc.english.title == "What Is Digital Government?"


@pytest.mark.parametrize("heading", ["一、问题的提出", "（一）分析工具及分析步骤", "1.1 研究背景", "1. 引言", "第一章 绪论", "0 引言"])
def test_a_numbered_heading_is_never_the_title(heading: str) -> None:
    assert md.numbered_heading(heading)
    doc = doc_of(heading + "\n\n" + BODY)
    assert doc.title == "" and doc.sections[0].heading == heading


@pytest.mark.parametrize("title", ["2021年数字政府发展报告", "数字政府建设", "3D打印与政府治理"])
def test_titles_that_start_with_digits_are_not_numbered_headings(title: str) -> None:
    assert not md.numbered_heading(title)


def test_consecutive_numbered_headings_stay_apart_and_a_split_heading_is_joined() -> None:
    doc = doc_of("数字政府建设研究\n\n摘要：本文讨论数字政府。\n\n一、分析方法\n（一）分析工具\n" + BODY
                 + "\n我国数字政府建设\n取得显著成绩\n政务服务“一网通办”持续推进，省级政务服务平台已经全部建成。\n")
    assert [s.heading for s in doc.sections] == ["一、分析方法", "（一）分析工具", "我国数字政府建设取得显著成绩"]


def test_a_heading_after_a_one_word_keyword_line_is_not_a_keyword() -> None:
    doc = doc_of("数字政府建设研究\n\n摘要：本文讨论数字政府。\n关键词：数字政府\n引言\n" + BODY)
    assert doc.keywords == ("数字政府",) and doc.sections[0].heading == "引言"


def test_byline_above_the_title() -> None:
    doc = doc_of("2021-12-14 07:09 高志华\n政务大数据赋能政府治理现代化的逻辑\n\n摘要：在多种新兴信息技术交织叠加的数字时代。\n\n" + BODY)
    assert doc.title == "政务大数据赋能政府治理现代化的逻辑" and doc.date == "2021-12-14"
    assert [a.name for a in doc.authors] == ["高志华"]
