"""Structure and metadata recognition on real scraped pages (issue 13).

Every example is a line or header block as a journal mirror or aggregator printed it (from the pages
in ../shared/realpages/, the prose shortened); each recogniser and data file entry is tested on them.
This file: the data files, labels, names, dates and whole headers; the others: tests/test_structure_*.py.
"""

from __future__ import annotations

import pytest
import yaml

from pipeline.core.layout import CORPUS
from pipeline.document import metadata as md
from pipeline.document.article import process_bytes

from .structure_support import BODY, doc_of

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
    assert any(c.before.endswith("数字政府政府治理") and c.code == "own_tag_line" for c in changes)


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
