"""Structure and metadata recognition on real scraped pages (issue 13).

Every example is a line or header block as a journal mirror or aggregator printed it (from the pages
in ../shared/realpages/, the prose shortened); each recogniser and data file entry is tested on them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from pipeline.core.data import CORPUS
from pipeline.document import metadata as md
from pipeline.document.article import process_bytes
from pipeline.document.model import Document

from .conftest import ROOT

BODY = "伴随新一代信息技术不断向纵深推进，以大数据和人工智能为代表的新兴技术正在重塑经济社会的运行方式，也给国家治理带来深远影响。\n"


def doc_of(text: str) -> Document:
    """The whole pipeline, as `make site` runs it (conservation checked on the way)."""
    return process_bytes(text.encode("utf-8"), "page.txt").hans


# --- the data files: every example in them is recognised as what it says -----------------------------

def test_every_label_example_is_recognised_as_its_field() -> None:
    entries = yaml.safe_load((CORPUS / "data" / "labels.yaml").read_text(encoding="utf-8"))["labels"]
    for entry in entries:
        segments = md.segments(entry["example"])
        assert segments and segments[0].field == entry["field"], entry["example"]


def test_every_venue_example_matches_its_pattern() -> None:
    entries = yaml.safe_load((CORPUS / "data" / "venues.yaml").read_text(encoding="utf-8"))["venues"]
    for entry in entries:
        for example in entry["examples"]:
            found = md.venue(example, running=entry.get("running", False))
            assert found and found.name and found.year and found.issue, example


# --- labels ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("line", [
    "[摘? ? 要] 在多种新兴信息技术交织叠加的数字时代",  # lost-space '?' inside brackets (taokecoco)
    "[摘？ ? 要] 在多种新兴信息技术交织叠加的数字时代",  # the same after punctuation was widened
    "【摘要】城镇化步伐不断加快",
    "〔摘要〕步入数字化时代",
    "［摘 要］步入数字化时代",
    "摘      要：当前，推行电子政务是",  # letter-spaced (m.fx361.com)
    '摘" " " 要：数据治理的边界何在',  # lost spaces shown as quote marks (victorzhang)
    "  摘要：我国不少地方政府都已上线",
    "摘要:我国不少地方政府",
    "提   要：随着各地智慧城市建设实践不断铺开",
])
def test_abstract_label_variants(line: str) -> None:
    segments = md.segments(line)
    assert segments and segments[0].field == "abstract" and segments[0].value.strip()[:2] in line


@pytest.mark.parametrize("line", ["摘要的写法", "关键在于数据", "时间过得很快", "作者认为", "基金会的作用"])
def test_prose_that_starts_like_a_label_is_not_one(line: str) -> None:
    assert md.segments(line) is None


@pytest.mark.parametrize(("line", "expected"), [
    ("[中图分类号] C913.7? [文献标识码] A? [文章编号] 1002-8129(2021)12-0080-07",
     {"clc": "C913.7", "doc_code": "A", "article_no": "1002-8129(2021)12-0080-07"}),
    ("中图分类号：D63        文献标识码：A        文章编号：1007-8207(2022)04-0025-10",
     {"clc": "D63", "doc_code": "A", "article_no": "1007-8207(2022)04-0025-10"}),
    ("〔中图分类号〕G252.8 〔文献标识码〕A 〔文章编号〕1008-0821(2025)09-0081-16",
     {"clc": "G252.8", "doc_code": "A", "article_no": "1008-0821(2025)09-0081-16"}),
    ("【中图分类号】 D63    doi:10.3969/j.issn.1674-7178.2023.03.009",
     {"clc": "D63", "doi": "10.3969/j.issn.1674-7178.2023.03.009"}),
])
def test_several_labels_on_one_line(line: str, expected: dict[str, str]) -> None:
    doc = doc_of("政务大数据赋能政府治理现代化的逻辑\n\n" + line + "\n\n" + BODY)
    for name, value in expected.items():
        assert getattr(doc, name) == value


# --- names, bylines, dates ---------------------------------------------------------------------------

@pytest.mark.parametrize(("run", "names"), [
    ("詹国辉阳林谢紫嫣", ["詹国辉", "阳林", "谢紫嫣"]),  # the issue's example: three people
    ("高志华谢标", ["高志华", "谢标"]),
    ("刘博夏义堃", ["刘博", "夏义堃"]),
    ("张绪娥夏球唐正霞", ["张绪娥", "夏球", "唐正霞"]),
    ("栗俊杰王闻珑刘邦凡", ["栗俊杰", "王闻珑", "刘邦凡"]),
    ("宋懿黄婕", ["宋懿", "黄婕"]),
    ("李涛", ["李涛"]),
    ("欧阳修", ["欧阳修"]),
])
def test_run_together_names_split_by_surname(run: str, names: list[str]) -> None:
    assert md.split_names(run) == names


@pytest.mark.parametrize("word", ["江淮论坛", "关闭", "方法", "引言", "黄河"])
def test_words_are_not_names(word: str) -> None:
    assert md.split_names(word) is None


def test_a_byline_after_a_date_may_name_someone_like_a_word() -> None:
    assert md.split_names("黄河李强", strict=False) == ["黄河", "李强"]


@pytest.mark.parametrize(("line", "names"), [
    ("高志华 谢标", ["高志华", "谢标"]),
    ("黄仁德*、姜树翰**", ["黄仁德", "姜树翰"]),
    ("姚冲 1,2, 甄峰 1,2, 席广亮 1,2", ["姚冲", "甄峰", "席广亮"]),
    ("鲁盼，岳向华*", ["鲁盼", "岳向华"]),
    ("买买提·吐尔逊 李强", ["买买提·吐尔逊", "李强"]),
])
def test_author_lines(line: str, names: list[str]) -> None:
    found = md.author_line(line)
    assert found and [n for n, _ in found] == names


@pytest.mark.parametrize(("text", "iso"), [
    ("2021-12-14 07:09", "2021-12-14"), ("2021年12月14日", "2021-12-14"), ("2023/11/9", "2023-11-09"),
    ("发布日期：2023年1月31日", "2023-01-31"), ("2024 年 4 月", "2024-04"), ("没有日期", ""),
])
def test_dates(text: str, iso: str) -> None:
    assert md.parse_date(text) == iso


# --- whole headers, as the pages print them ----------------------------------------------------------

AGGREGATOR = """政务大数据赋能政府治理现代化的逻辑、现实困境与调适对策

2021-12-14 07:09高志华谢标
决策与信息 2021年12期
关键词:数字政府政府治理

高志华 谢标

[摘? ? 要] 在多种新兴信息技术交织叠加的数字时代,数据已经成为驱动社会进步的新型生产要素。

[关键词] 数字政府;政府治理;政务大数据;数据开放共享;数据流转;数据平台

[中图分类号] C913.7? [文献标识码] A? [文章编号] 1002-8129(2021)12-0080-07

一、问题的提出

""" + BODY


def test_aggregator_header_with_run_together_byline_and_site_tag_line() -> None:
    doc = doc_of(AGGREGATOR)
    assert doc.title == "政务大数据赋能政府治理现代化的逻辑、现实困境与调适对策"
    assert doc.date == "2021-12-14"
    assert [a.name for a in doc.authors] == ["高志华", "谢标"]
    assert doc.venue and (doc.venue.name, doc.venue.year, doc.venue.issue) == ("决策与信息", "2021", "12")
    assert doc.keywords == ("数字政府", "政府治理", "政务大数据", "数据开放共享", "数据流转", "数据平台")  # not the tag line
    assert (doc.clc, doc.doc_code, doc.article_no) == ("C913.7", "A", "1002-8129(2021)12-0080-07")
    assert doc.abstract.startswith("在多种新兴信息技术") and [s.heading for s in doc.sections] == ["一、问题的提出"]
    assert "07:09" not in "".join(doc.texts())
    changes = process_bytes(AGGREGATOR.encode("utf-8"), "page.txt").changes
    assert any(c.before.endswith("数字政府政府治理") and "tag line" in c.reason for c in changes)


def test_site_byline_fields_and_chrome_above_the_title() -> None:
    doc = doc_of("欢迎来到国脉互联官方网站!\n\n合作电话:010-56873839\n\n"
                 "以“云上贵州”政务数据平台为例:看数字政府建设的现状、困境及对策\n\n"
                 "发布日期:2020-09-27 作者:周雅颂 来源:《云南行政学院学报》2019年第02期 文章浏览量:\n\n" + BODY)
    assert doc.title.startswith("以“云上贵州”政务数据平台为例")
    assert doc.date == "2020-09-27" and [a.name for a in doc.authors] == ["周雅颂"]
    assert doc.venue and (doc.venue.name, doc.venue.year, doc.venue.issue) == ("云南行政学院学报", "2019", "02")
    assert "欢迎来到" not in "".join(doc.texts()) and "浏览量" not in "".join(doc.texts())


def test_journal_in_the_sites_author_field_and_the_author_on_the_next_line() -> None:
    doc = doc_of("政府数据开放的理论内涵、开放进程及治理框架研究\n\n时间:2023/11/9 作者: 江淮论坛 热度: 18853\n李涛\n\n"
                 "  摘要:我国不少地方政府都已上线了自己的政府数据开放平台。\n\n  关键词:数字经济;政府数据开放\n\n" + BODY)
    assert doc.venue and doc.venue.name == "江淮论坛"
    assert [a.name for a in doc.authors] == ["李涛"] and doc.date == "2023-11-09"


def test_affiliations_numbered_in_order_and_inline_note() -> None:
    doc = doc_of("“最多跑一次”改革背景下政务数据共享机制建设\n2019-12-11易龙飞钱泓澎\n易龙飞 钱泓澎\n"
                 "(1.中共浙江省委党校,浙江 杭州 311121; 2.中共义乌市委党校,浙江 义乌 322000)\n"
                 "改革需要有力抓手”(1)郁建兴、高翔:《浙江省“最多跑一次”改革的基本经验与未来》,《浙江社会科学》2018年第4期,第76-85页。。"
                 "此后改革向纵深推进。\n")
    assert [(a.name, a.affiliation.replace(" ", "")) for a in doc.authors] == [  # text repair may close 浙江 杭州 up
        ("易龙飞", "中共浙江省委党校，浙江杭州311121"), ("钱泓澎", "中共义乌市委党校，浙江义乌322000")]
    paragraph = doc.paragraphs()[0]
    assert "抓手”[1]。此后" in paragraph.lead + paragraph.text
    assert doc.notes[0].number == 1 and doc.notes[0].text.endswith("第76-85页。")


def test_bilingual_front_matter_keeps_english_as_metadata() -> None:
    doc = doc_of("国内数字政府建设演进历程与趋势研究\n\n2023-09-18 21:42伯建成温顺生\n现代信息科技 2023年15期\n\n伯建成 温顺生\n\n"
                 "摘  要:文章选取中国知网中核心期刊刊载的391篇数字政府主题有效文献作为样本。\n\n关键词:数字政府;可视化分析;CiteSpace\n\n"
                 "Research on the Evolution and Trend of Domestic Digital Government Construction\n\n"
                 "—Analysis Based on CiteSpace Visual Knowledge Graph\n\nBO Jiancheng, WEN Shunsheng\n\n"
                 "(School of Politics and Public Administration, Guangixi Minzu University, Nanning  530006, China)\n\n"
                 "Abstract: Taking 391 valid papers on digital government as its sample, this paper maps the field.\n\n"
                 "Keywords: digital government; visual analysis; CiteSpace\n\n0  引  言\n\n" + BODY)
    assert [a.name for a in doc.authors] == ["伯建成", "温顺生"]
    assert doc.english and doc.english.title.startswith("Research on the Evolution") and "—Analysis" in doc.english.title
    assert doc.english.authors == "BO Jiancheng, WEN Shunsheng" and doc.english.abstract.startswith("Taking 391")
    assert doc.english.keywords.startswith("digital government")
    assert [s.heading for s in doc.sections] == ["0 引言"]
    body = "".join(p.text for p in doc.paragraphs())
    assert "Abstract" not in body and "BO Jiancheng" not in body


def test_aggregator_teaser_site_title_and_keywords_one_per_line() -> None:
    doc = doc_of("網路與電子化政府 - 個人網頁空間\n文章推薦指數: 80 %\n"
                 "綜合以上討論,電子化政府可以界定為: 政府部門在日常運作中藉此增進行政 ...\n"
                 "網路與電子化政府\n黃仁德*、姜樹翰**\n摘要\n近幾年,網路化已成為全球不可逆轉的發展方向。\n"
                 "關鍵詞:網路外部性\n資訊不對稱\n交易成本\n電子化政府\nInternetandElectronic\nGovernment\n")
    assert doc.title == "网路与电子化政府" and [a.name for a in doc.authors] == ["黄仁德", "姜树翰"]
    assert doc.keywords == ("网路外部性", "资讯不对称", "交易成本", "电子化政府")
    assert doc.abstract.startswith("近几年") and doc.english and "InternetandElectronic" in doc.english.title
    assert "个人网页空间" not in "".join(doc.texts())


def test_journal_site_front_matter_with_labels_above_the_title() -> None:
    doc = doc_of("  人文地理  2021, Vol. 36 Issue (5): 15-23  DOI: 10.13959/j.issn.1003-2398.2021.05.003\n0\n\n"
                 "姚冲, 甄峰, 席广亮. 中国智慧城市研究的进展与展望[J]. 人文地理, 2021, 36(5): 15-23.\n\n"
                 "基金项目\n\n国家社会科学重点基金项目(20AZD040)\n\n"
                 "收稿日期:2020-07-18\n中国智慧城市研究的进展与展望\n姚冲 1,2, 甄峰 1,2, 席广亮 1,2\n"
                 "1. 南京大学 建筑与城市规划学院, 南京 210093;\n2. 江苏省智慧城市设计仿真与可视化技术工程实验室, 南京 210093\n"
                 "提   要:随着各地智慧城市建设实践不断铺开,众多学科都对智慧城市问题给予了高度关注。\n关键词智慧城市    逻辑框架\n")
    assert doc.title == "中国智慧城市研究的进展与展望" and doc.date == ""  # 收稿日期 is not the publication date
    assert doc.history == ("收稿日期：2020-07-18",)
    assert doc.venue and (doc.venue.name, doc.venue.year, doc.venue.volume, doc.venue.issue, doc.venue.pages) == (
        "人文地理", "2021", "36", "5", "15-23")
    assert doc.doi == "10.13959/j.issn.1003-2398.2021.05.003" and doc.funding == ("国家社会科学重点基金项目（20AZD040）",)
    assert doc.authors[2].name == "席广亮" and "南京大学" in doc.authors[2].affiliation and "江苏省" in doc.authors[2].affiliation
    assert doc.keywords == ("智慧城市", "逻辑框架")


def test_pdf_running_header_spliced_into_a_sentence() -> None:
    doc = doc_of("电子政务服务价值分析\n\n2016年,国务院又印发《“互联网+政务服务”技术第37卷第1期2018年1月情报杂 "
                 "志JOURNALOFINTELLIGENCEVol.37No.1Jan.2018体系建设指南》。\n")
    assert doc.venue and (doc.venue.name, doc.venue.volume, doc.venue.issue) == ("情报杂志", "37", "1")
    assert doc.date == ""  # a running header in the body gives the venue, not the date
    assert "技术体系建设指南" in doc.paragraphs()[0].text


def test_pdf_first_page_pasted_as_one_line() -> None:
    doc = doc_of("2024 年 4 月第 45 卷第 2 期湘南学院学报Journal of Xiangnan UniversityApr.,2024Vol.45 No.2 103 "
                 "构建政务数据共享平台:价值内涵、现实问题与优化路径鲁盼,岳向华*(湘南学院 经济与管理学院,湖南 郴州 423000)"
                 "摘 要:建成兼具“共享、互通和便利”特点的数据共享平台,是推进数字政府建设绕不开的关键环节。"
                 "关键词:共享平台;数字政府;社会治理中图分类号:F742 文献标志码:A "
                 "作者简介:鲁盼(2002),女,在校本科生,研究方向为共享平台。信息技术的迅猛进步,把世界各国带入了政府转型的新阶段。\n")
    assert doc.title == "构建政务数据共享平台：价值内涵、现实问题与优化路径" and doc.date == "2024-04"
    assert [a.name for a in doc.authors] == ["鲁盼", "岳向华"] and doc.keywords == ("共享平台", "数字政府", "社会治理")
    assert doc.venue and doc.venue.name == "湘南学院学报" and (doc.clc, doc.doc_code) == ("F742", "A")
    assert doc.paragraphs()[0].text.startswith("信息技术的迅猛进步")


# --- partial pages are published, with warnings -------------------------------------------------------

TRUNCATED = ("十余年来中外电子政务研究的比较分析\n来源:中国电子政务网 更新时间:2015-03-22\n\n"
             "  关键词:电子政务;文献计量;共词网络\n\n  近20年来,电子政务在世界范围内普遍兴起。[1]"
             "到2011年,联合国193个成员国已经全部启动了各自的电子政务建设。[2]该\n")


def test_truncated_page_is_published_with_warnings() -> None:
    doc = doc_of(TRUNCATED)
    assert doc.warnings == ("notes-missing:1,2", "ends-mid-sentence", "no-abstract")
    changes = process_bytes(TRUNCATED.encode("utf-8"), "page.txt").changes
    assert [c.reason for c in changes if "partial page" in c.reason] == [
        f"partial page published with a notice ({code})" for code in doc.warnings]
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
        assert any("cut off by the end of the page" in c.reason and "技术" in c.before for c in result.changes)


def test_the_original_sources_get_no_warnings_they_do_not_deserve() -> None:
    for raw in ("000_02b2b72714e171d1.txt", "002_b5aca4e56758e02d.txt"):
        doc = process_bytes((ROOT / "corpus" / "raw" / raw).read_bytes(), raw).hans
        assert doc.warnings == ()


REALPAGES = next((p for p in (ROOT.parent / "shared" / "realpages", ROOT.parent.parent / "shared" / "realpages")
                  if (p / "pages.yaml").is_file()), None)


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


# --- reading the labeller's lines: which title-labelled line is the title ------------------------------

def _labelled(rows: list[tuple[str, str, float]]) -> tuple[list, object]:
    """Lines and a builder whose tags are given by hand: (text, label, title probability)."""
    from pipeline.core.context import Context
    from pipeline.document import structure as st
    from pipeline.document.labeller import Labelled
    lines = [st.Block(n, text) for n, (text, _, _) in enumerate(rows, start=1)]
    b = st._Builder(Context(file="page.txt"))
    b.tags = {n: Labelled(label, 0.9, title_p) for n, (_, label, title_p) in enumerate(rows, start=1)}
    return lines, b


def test_of_two_title_lines_the_one_the_header_follows_is_the_title() -> None:
    from pipeline.document.structure import _title_span
    lines, b = _labelled([("睿治", "chrome", 0.3), ("智能数据治理平台", "title", 0.62),
                          ("睿治作为国内功能最全的数据治理产品之一，入选指南。", "chrome", 0.0),
                          ("陈晓红 等：数字经济理论体系与研究展望", "title", 0.48), ("时间：2022-02-10来源：某站", "date", 0.0),
                          ("摘要：数字经济正在成为拉动经济增长的关键力量。", "field", 0.0)])
    assert _title_span(lines, b) == (3, 3)
    lines, b = _labelled([("160407期吴晓林：台湾城市社区的治理结构", "title", 0.87), ("2021-02-07 政治学人", "date", 0.0),
                          ("政治学人微信公众平台告知读者", "title", 0.92), ("本平台唯一投稿荐稿邮箱为某", "byline", 0.0)])
    assert _title_span(lines, b) == (0, 0)  # the first that heads a header wins


def test_a_collections_name_that_other_lines_start_with_is_not_the_title() -> None:
    from pipeline.document.structure import _title_span
    lines, b = _labelled([("心理学角度看生态环境评价论文", "title", 0.95), ("2022-05-01", "date", 0.0),
                          *[(f"心理学角度看生态环境评价论文 篇{n}:", "chrome", 0.0) for n in (1, 2, 3)],
                          ("我国营商环境建设研究综述", "title", 0.51), ("[摘 要]一个地方营商环境的好坏，决定着商业能否汇聚。", "field", 0.0)])
    assert _title_span(lines, b) == (5, 5)


@pytest.mark.parametrize(("page", "title", "authors"), [
    ("县域治理的场域特殊性研究\n\n王敬尧（四川大学公共管理学院，四川成都 610065）\n黄祥祥（华中师范大学政治与国际关系学院，湖北武汉 430079）\n\n"
     "摘要：县域是提升社会治理效能的关键依托。", "县域治理的场域特殊性研究", ["王敬尧", "黄祥祥"]),  # one author per line, each with an affiliation
    ("于涵 等 | 低碳城市发展与评价研究\n发布日期：2022-03-16 信息来源：中咨研究\n\n于涵 赵晓燕 颜俊\n\n"
     "摘要：发展低碳城市是应对能源危机与气候变化的关键一环。", "低碳城市发展与评价研究", ["于涵", "赵晓燕", "颜俊"]),  # 等: the byline names all
    ("研究生：周姚均\n论文名称：探讨失能者居家医疗利用影响因素之社区性研究\n指导教授：洪启峰\n\n摘要：本研究探讨社区失能者居家医疗利用的影响因素。",
     "探讨失能者居家医疗利用影响因素之社区性研究", ["周姚均"]),  # a thesis record: 研究生 is its author, 指导教授 not
    ("推动适应高质量发展要求的区域经济布局研究时间：2020-10-06信息来源：《区域经济评论》2020年第4期 作者：高国力",
     "推动适应高质量发展要求的区域经济布局研究", ["高国力"]),  # the title runs into the header line
])
def test_authors_from_real_header_shapes(page: str, title: str, authors: list[str]) -> None:
    doc = doc_of(page + "\n\n" + BODY)
    assert doc.title == title and [a.name for a in doc.authors] == authors


def test_the_title_again_in_a_document_sites_decoration_is_not_text() -> None:
    doc = doc_of("网格化城市管理模式研究\n\n网格化城市管理模式研究.docx\n\n摘要：网格化城市管理模式诞生于数字城市快速推进的背景之下。\n\n"
                 + BODY + "\n网格化城市管理模式研究_第2页\n\n" + BODY.replace("伴随", "随着"))
    assert doc.title == "网格化城市管理模式研究"
    assert not any("网格化城市管理模式研究" in p.text for p in doc.paragraphs())
    doc = doc_of("网格化城市管理模式研究\n\n摘要：网格化城市管理模式诞生于数字城市快速推进的背景之下。\n\n" + BODY
                 + "\n网格化城市管理模式研究Word文档下载推荐.docx\n")
    assert not any("文档下载推荐" in p.text for p in doc.paragraphs())


def test_a_keyword_lists_full_stop_is_not_part_of_its_last_keyword() -> None:
    doc = doc_of("行政中立之研究\n\n摘要：本文讨论行政中立。\n关键词：行政中立；政治与行政分离论；黑堡宣言；正义论。\n\n" + BODY)
    assert doc.keywords == ("行政中立", "政治与行政分离论", "黑堡宣言", "正义论")


@pytest.mark.parametrize(("header", "venue"), [
    ("2016-11-14 07:13:23 来源：《行政论坛》 2016年第2期 作者：于溯阳 蓝志勇 【 】 浏览：1927次", ("行政论坛", "2016", "2")),
    ("作者：马晶晶 胡江峰  责任编辑：杨文茹  信息来源：《系统科学学报》2021年第1期，第117-122页。", ("系统科学学报", "2021", "1")),
])
def test_the_journal_a_header_line_names_as_the_source(header: str, venue: tuple[str, str, str]) -> None:
    doc = doc_of("合作社参与乡村治理的模式选择\n" + header + "\n\n摘要：本文讨论合作社参与乡村治理。\n\n" + BODY)
    assert doc.venue is not None and (doc.venue.name, doc.venue.year, doc.venue.issue) == venue


def test_source_venue_needs_the_journal_in_brackets_and_its_year_or_issue() -> None:
    from pipeline.document import spans
    assert spans.source_venue("本文原刊于《农林经济管理学报》2019年第3期，注释已略") == ("农林经济管理学报", "2019", "", "3")
    assert spans.source_venue("来源：《人民日报》") is None and spans.source_venue("来源：中国乡村发现 2019") is None


def test_title_lines_the_labeller_misread() -> None:
    from pipeline.document.structure import _cannot_be_title, _title_span
    lines, b = _labelled([("魏增：论《行政监察法》中的检查制度和调查制度", "byline", 0.47),
                          ("——兼论行政检查和行政调查的研究方法", "title", 0.61), ("更新时间：2012-09-17 15:31", "date", 0.0)])
    assert _title_span(lines, b) == (0, 1)  # the labeller took the subtitle for the title: the line above is the title
    lines, b = _labelled([("浅析行政中立观念", "chrome", 0.18), ("-兼论我国公务人员行政中立法草案", "title", 0.93),
                          ("政风室主任/李志强", "byline", 0.0)])
    assert _title_span(lines, b) == (0, 1)  # with a single dash, too (a line starting with '-' is never a title itself)
    lines, b = _labelled([("绿营智库", "title", 0.58), ("在两岸关系中的作用", "chrome", 0.26), ("曾建元", "byline", 0.0)])
    assert _title_span(lines, b) == (0, 1)  # a title broken over two lines, the byline under the second
    lines, b = _labelled([("绿营智库", "title", 0.58), ("分享到", "chrome", 0.01), ("曾建元", "byline", 0.0)])
    assert _title_span(lines, b) == (0, 0)  # a site's line after the title is not
    assert _cannot_be_title("【行政学‧公共政策】") and _cannot_be_title("【英文标题】What Is the Connotation of Urbanization?")


def test_the_original_title_a_reposting_site_gives_is_the_title() -> None:
    doc = doc_of("智慧城市信息生态链设计\n时间：2017-08-18 来源：情报科学\n原标题：基于多元主体协同的智慧城市信息生态链设计\n"
                 "内容提要：智慧城市涉及多元主体。\n\n" + BODY)
    assert doc.title == "基于多元主体协同的智慧城市信息生态链设计"


def test_a_letter_spaced_watermark_is_no_title() -> None:
    from pipeline.document.structure import _cannot_be_title
    assert _cannot_be_title("l C h engchi U ni ve rs it y")
    assert not _cannot_be_title("Smart City Strategy with Popular Participation Preferences")


def test_a_byline_that_starts_with_the_affiliation_names_its_author() -> None:
    from pipeline.document import spans
    assert spans.names("长荣大学 绿能与环境资源学系 赖信志教授")[0] == ["赖信志"]
    assert spans.names("长荣大学 安全卫生科学硕士学位学程学院 硕士生 张凯信")[0] == ["张凯信"]
    doc = doc_of("迈向净零：全球与台湾在地的行动与挑战\n\n长荣大学 绿能与环境资源学系 赖信志教授\n\n前言\n\n" + BODY)
    assert [a.name for a in doc.authors] == ["赖信志"]


def test_an_unlabelled_bio_under_the_header_names_the_author_even_when_the_name_is_a_word() -> None:
    assert md.bio_name("陆军，北京大学政府管理学院副院长，教授、博导") == "陆军"  # 陆军 is also "army"
    assert md.bio_name("政府，作为公共管理的主体，其教授职能") == ""
    doc = doc_of("城市大脑：城市管理创新的智慧工具\n\n【摘要】城镇化步伐不断加快。\n\n【DOI】10.16619/j.cnki.rmltxsqy.2021.09.002\n\n"
                 "陆军，北京大学政府管理学院副院长，教授、博导。\n\n" + BODY)
    assert [a.name for a in doc.authors] == ["陆军"]


def test_authors_one_per_line_under_a_lone_label() -> None:
    doc = doc_of("经济水平与生活质量耦合协调度研究\n\n2025-10-31\n\n摘要\n\n厘清经济水平同生活质量之间的关联很有必要。\n\n作   者\n\n"
                 "黄敏利   湖南师范大学地理科学学院硕士研究生\n\n黄军林   湖南师范大学地理科学学院副教授（通信作者）\n\n" + BODY)
    assert [a.name for a in doc.authors] == ["黄敏利", "黄军林"]


def test_a_title_with_the_sites_date_after_it() -> None:
    doc = doc_of("李世代：『长期照护』的发展与推动 [2016.06.21]\n\n李 世 代\n\n前言\n\n" + BODY)
    assert doc.title == "『长期照护』的发展与推动" and doc.date == "2016-06-21" and [a.name for a in doc.authors] == ["李世代"]


@pytest.mark.parametrize("line", ["点赞：25654 浏览：119214 近期更新时间：2024-02-27 作者：网友分享原创网站原创", "5.3 研究限制与建议",
                                  "合作经济与科技杂志社", "财团法人国家政策研究基金会"])
def test_lines_the_labeller_may_call_a_title_that_are_none(line: str) -> None:
    from pipeline.document.structure import _cannot_be_title
    assert _cannot_be_title(line)


def test_the_bio_names_the_authors_the_header_named_only_in_part() -> None:
    doc = doc_of("我国基层官员“微腐败”的生成机理及其多中心治理\n作者简介\n李靖，吉林大学行政学院教授、博士生导师。\n"
                 "李春生，吉林大学行政学院行政管理专业硕士研究生。\n\n引言\n\n" + BODY)
    assert [a.name for a in doc.authors] == ["李靖", "李春生"]


@pytest.mark.parametrize("header", ["2018年12月25日 11:10   来源：行政管理改革   杨小军 杨霞", "时间：2017-08-18 09:35:44  来源：行政管理改革  作者：促进网"])
def test_a_source_that_names_a_journal_without_its_issue_is_the_venue(header: str) -> None:
    doc = doc_of("行政审批制度改革成效、问题与探索\n" + header + "\n\n摘要：本文讨论行政审批制度改革。\n\n" + BODY)
    assert doc.venue is not None and doc.venue.name == "行政管理改革"


def test_an_english_records_field_with_a_number_is_no_title() -> None:
    from pipeline.document.structure import _cannot_be_title
    assert _cannot_be_title("Academic year: 2021") and _cannot_be_title("Views: 125")
    assert not _cannot_be_title("Theory and Practice of Citizen Participation: A Case Study of Ma-Shing Community")


def test_the_line_the_sites_page_title_names_whole_is_the_title() -> None:
    from pipeline.document.structure import _title_span
    # 环报第115期：题名 at the top names the title; the labeller saw the repeat as chrome and a heading as the title
    lines, b = _labelled([("环报第115期：2050净零排放之法律思考", "chrome", 0.01), ("法律可以让环境更好", "chrome", 0.49),
                          ("2050净零排放之法律思考", "chrome", 0.0), ("净零排放：巴黎协定的关键所在", "title", 0.41),
                          ("倘若真心正视气候变迁带来的冲击，并诚实检视眼前的气候政策，净零排放已是各国共同的目标，而法律必须先行一步。", "body", 0.0)])
    assert _title_span(lines, b) == (2, 2)
    lines, b = _labelled([("谈年金保险改革的成效评估", "chrome", 0.01), ("谈年金保险改革的成效评估", "chrome", 0.0),
                          ("国政研究 社会", "chrome", 0.42), ("作者：柯木兴 林建成（2007年12月17日）", "byline", 0.0)])
    assert _title_span(lines, b) == (1, 1)
    lines, b = _labelled([("图片 行政合理性司法审查探究_真钱牛牛app|*官网游戏平台*", "chrome", 0.0),
                          ("真钱牛牛app|*官网游戏平台*", "spam", 0.0), ("行政合理性司法审查探究", "title", 0.99)])
    assert _title_span(lines, b) == (2, 2)  # the site's name in its page title is never the title


def test_where_the_labeller_sees_no_title_the_line_the_prose_speaks_of_is_the_title() -> None:
    from pipeline.document.structure import _title_span
    prose = ("当前，党中央和国务院的各种文件里统一使用城镇化这个提法，它和城市化的区别在哪里，城镇化还是城市化，"
             "学界争论已久。本文认为城市化与城镇化各有所指。")
    lines, b = _labelled([("|", "chrome", 0.0), ("分享到微信朋友圈", "chrome", 0.0), ("城镇化还是城市化", "chrome", 0.09),
                          ("【原文出处】《人口学刊》2013年6期", "venue", 0.0), (prose, "body", 0.0)])
    assert _title_span(lines, b) == (2, 2)
    lines, b = _labelled([("设为首页加入收藏联系我们", "chrome", 0.0), ("【原文出处】《人口学刊》2013年6期", "venue", 0.0),
                          (prose, "body", 0.0)])
    assert _title_span(lines, b) is None  # no line above the header that the prose speaks of: no title invented


def test_a_list_of_authors_with_their_journal_after_a_comma() -> None:
    from pipeline.document import spans
    assert spans.byline_source("颜梅艳; 余斌; 郭新伟; 卓蓉蓉, 地理科学进展 发表时间：2021-11-28") == (
        ["颜梅艳", "余斌", "郭新伟", "卓蓉蓉"], "地理科学进展", "发表时间：2021-11-28")
    assert spans.byline_source("政府、市场，社会组织的协同") is None  # words, not names
    assert spans.byline_source("张三，中国行政管理") is None  # one name: not a list
    doc = doc_of("摘要：乡村人居环境是农户生产生活所依托的条件。\n关键词：乡村人居环境；满意度\n"
                 "颜梅艳； 余斌； 郭新伟， 地理科学进展 发表时间：2021-11-28\n\n" + BODY)
    assert doc.title == "" and [a.name for a in doc.authors] == ["颜梅艳", "余斌", "郭新伟"]
    assert doc.venue is not None and doc.venue.name == "地理科学进展" and doc.date == "2021-11-28"


def test_a_sites_column_tags_spaced_apart_are_not_the_first_half_of_the_title() -> None:
    from pipeline.document.structure import _cannot_be_title, _title_span
    assert _cannot_be_title("社会研究 理论研究") and _cannot_be_title("文化人 天下事")
    assert not _cannot_be_title("对应天灾人患 思考基层治理")  # a headline's two halves are longer
    assert _cannot_be_title("地址：广东省广州市天河区88号") and _cannot_be_title("E_mail:example.com")  # contact lines
    assert not _cannot_be_title("地址与身份：流动人口的治理")
    lines, b = _labelled([("社会研究 理论研究", "title", 0.86), ("养老金融发展的理论与实践问题", "chrome", 0.40),
                          ("2019年06月20日 07:07", "date", 0.0), ("娄飞鹏", "byline", 0.0)])
    assert _title_span(lines, b) == (1, 1)


def test_a_short_page_whose_paragraphs_the_labeller_filed_as_fields_keeps_its_text() -> None:
    """Issue 22 rerun: two paragraphs, a note and 作者简介, no blank line between: the labeller called every line
    under the keywords a field and the text went into the author note, so the page was refused (no text)."""
    page = ("数字政府建设的若干问题研究\n张三（北京大学 政府管理学院，北京 100871）\n2023年2月28日\n《中国行政管理》2021年第5期\n"
            "摘要：本文讨论数字政府建设中的若干问题，分析其成因并提出对策建议，供有关部门参考。\n关键词：数字政府；治理能力；数据共享\n"
            "在促进国家治理体系和治理能力现代化方面，数字技术和数字资源发挥着越来越重要的作用。各地积极落实和推进党中央、国务院要求，政府数字服务能力显著提升。\n"
            "总体看，各级政府的网上政务服务能力显著提高，数字政府建设取得了显著成绩，但也面临一些问题。[1]\n注释：\n"
            "[1] 参见国务院办公厅关于加强数字政府建设的指导意见。\n作者简介：张三，北京大学政府管理学院教授，主要研究方向为数字政府。\n")
    doc = doc_of(page)
    assert [p.text[:6] for p in doc.paragraphs()] == ["在促进国家治", "总体看，各级"]
    assert len(doc.notes) == 1 and doc.author_bio.startswith("张三，北京大学")


def test_a_venue_header_broken_one_token_per_line_keeps_its_volume_and_issue() -> None:
    """hanspub: the labeller called every line of the header a venue line; the journal's name alone was read and the
    volume, issue, year and DOI under it were dropped as the site's text."""
    doc = doc_of("Advances in Applied Mathematics\nVol.\n12\nNo.\n01\n(\n2023\n), Article ID:\n60955\n,\n13\npages\n"
                 "10.12677/AAM.2023.121030\n基于CNKI数据的中国数字政府知识图谱构建研究\n\n摘要：本文以知识图谱方法梳理数字政府研究。\n\n" + BODY)
    assert doc.venue is not None
    assert (doc.venue.name, doc.venue.volume, doc.venue.issue, doc.venue.year) == ("Advances in Applied Mathematics", "12", "01", "2023")


def test_the_rules_guess_at_a_title_is_never_a_line_the_labeller_reads_as_text() -> None:
    """bdocx: with the file record gone as chrome, the rules took a paragraph's last fragment (素质提升工程") for the
    title, above the first paragraph; the labeller read it as text. The file name's title is the title."""
    from pipeline.document.structure import _read_header
    lines, b = _labelled([("网格化城市管理模式研究Word文档下载推荐.docx", "chrome", 0.09),
                          ("再加上地方上的教师培训资金落实不到位，除了“", "body", 0.14), ("素质提升工程”", "body", 0.0),
                          ("培训不需要教师个人掏钱以外，其余各类培训的费用多半得由教师自己承担，城乡之间差距明显。", "body", 0.0)])
    _read_header(lines, b)
    assert b.fields.get("title") == "网格化城市管理模式研究"


def test_a_sites_shortened_copy_of_the_abstract_gives_way_to_the_full_one() -> None:
    full = "流域生态补偿在我国污染防治中作用重大。本文采用合成控制法，以江苏省的“水环境区域补偿政策”为对象展开分析，发现该政策使水污染强度得到持久改善。"
    teaser = full.replace("“", "").replace("”", "")[:60]
    text = f"水环境区域补偿的改善效应及机制研究\n\n摘要：{teaser}\n\n摘要：{full}\n\n关键词：生态补偿；合成控制法\n\n一、引言\n\n{BODY}"
    result = process_bytes(text.encode("utf-8"), "page.txt")
    assert result.hans.abstract == full  # the full one, not the teaser
    assert not result.hans.author_bio  # the teaser is not kept with the author notes either
    assert any(c.line == 3 and "shortened copy of the abstract" in c.reason for c in result.changes)


def test_a_labelled_teaser_above_the_abstract_is_not_the_first_paragraph() -> None:
    full = ("本文借助 CiteSpace 软件，以中国知网中检得的“政府数据开放”主题 521 篇文献为样本，"
            "开展计量统计与可视化分析，从作者、文献和关键词的分布入手绘制知识图谱。")
    teaser = "本文摘要：摘 要：" + full.replace("“", "").replace("”", "")[:50]
    d = doc_of(f"{teaser}\n摘 要：{full}\n关键词：数据开放；知识图谱\n{BODY}")
    assert d.abstract.startswith("本文借助") and d.sections[0].paragraphs[0].text == BODY.strip()


def test_a_first_paragraph_that_shares_the_abstracts_opening_stays() -> None:
    abstract = "数字政府是国家治理的新形态。本文从三个方面讨论其建设路径与评价方法，并提出政策建议。"
    d = doc_of(f"数字政府建设研究\n\n摘要：{abstract}\n\n数字政府是国家治理的新形态。\n\n{BODY}")
    assert [p.text for p in d.sections[0].paragraphs][0] == "数字政府是国家治理的新形态。"


@pytest.mark.parametrize(("line", "droppable"), [
    ("Columnist", True), ("The author Columnist", True), ("N a tio na", True),  # a widget's few English words
    ("Abstract", False), ("Keywords: digital government", False),  # labels
    ("Public Administration Research in China: Three Decades of Reconstruction", False),  # an English title
])
def test_the_labeller_may_drop_a_widgets_few_english_words_never_english_metadata(line: str, droppable: bool) -> None:
    from pipeline.document.structure import _droppable
    assert _droppable(line) is droppable and _droppable(line, header=True) is droppable


def test_a_pdfs_letter_spaced_watermark_between_paragraphs_is_removed_and_listed() -> None:
    result = process_bytes(f"数字政府建设研究\n\n一、引言\n\n{BODY}N a tio na\n\n{BODY}l C h engchi U ni ve rs it y\n\n{BODY}".encode(), "page.txt")
    assert [s.heading for s in result.hans.sections] == ["一、引言"]
    assert sum("watermark" in c.reason for c in result.changes) == 2


def test_a_repository_records_issue_date_is_the_date() -> None:
    d = doc_of(f"Title: | 臺灣民眾如何評估兩岸政策 |\nAuthors: | 吳代華 |\nIssue Date: | 2015-08-17 14:17:36 (UTC+8) |\n{BODY}")
    assert d.date == "2015-08-17"


def test_formal_numerals_number_a_heading_for_the_reader_not_for_the_labeller() -> None:
    from pipeline.document.line_features import features
    assert md.numbered_heading("壹、前 言") and md.numbered_heading("贰、文献回顾")
    assert not features(["壹、前 言"])[0].get("numhead") and features(["一、引言"])[0].get("numhead")


@pytest.mark.parametrize(("line", "tag", "title"), [
    ("当前义务教育均衡发展存在问题与策略思考Word文档下载推荐.docx", "spam", "当前义务教育均衡发展存在问题与策略思考"),  # a file name
    ("当前义务教育均衡发展存在问题与策略思考Word文档下载推荐.docx", "chrome", "当前义务教育均衡发展存在问题与策略思考"),
    ("免费影院在线观看高清资源_精品推荐_伊人站", "spam", ""),  # a spam line's first part is never the title
])
def test_the_title_from_a_document_sites_file_name_even_if_the_labeller_calls_it_spam(line: str, tag: str, title: str) -> None:
    from pipeline.core.context import Context
    from pipeline.core.data import rule_data
    from pipeline.document.labeller import Labelled
    from pipeline.document.structure import Block, _Builder, _seo_title
    b = _Builder(Context(file="page.txt", script="hans", data=rule_data()))
    b.tags = {1: Labelled(tag, 0.2, 0.1)}
    assert (_seo_title([Block(1, line)], b) == 0) is bool(title) and b.fields.get("title", "") == title


@pytest.mark.parametrize("number", [130, 3442, 8425])  # the labeller's title under the labels / no title, likelier odds there
def test_the_title_stands_above_the_abstracts_label_even_when_the_page_repeats_it(number: int) -> None:
    from benchmarks.synthetic import realistic
    data, meta = realistic(number)  # 题名 / 摘要 / 关键词 / 城市大脑的主要成效 / … / 题名 again further down
    assert process_bytes(data, "page.txt").hans.title == meta["title"]


def test_a_title_under_the_abstract_label_gives_way_to_a_likely_one_above_it() -> None:
    from pipeline.core.context import Context
    from pipeline.core.data import rule_data
    from pipeline.document.labeller import Labelled
    from pipeline.document.structure import Block, _Builder, _title_above_labels
    head = [Block(1, "数字乡村视角下城市大脑的难点及应对"), Block(2, "摘要：本文讨论城市大脑。"), Block(3, "城市大脑的主要成效")]
    b = _Builder(Context(file="page.txt", script="hans", data=rule_data()))
    b.tags = {1: Labelled("chrome", 0.44, 0.37), 2: Labelled("field", 0.98, 0.0), 3: Labelled("title", 0.37, 0.37)}
    assert _title_above_labels(head, 2, b, 0.3) == 0
    b.tags[1] = Labelled("chrome", 0.9, 0.05)  # nothing above is likely a title: the labeller's stands
    assert _title_above_labels(head, 2, b, 0.3) is None
