"""Facts read from a line once the labeller has said what it is (pipeline/document/spans.py), on real bylines."""

from __future__ import annotations

import pytest

from pipeline.document import spans
from pipeline.document.metadata import split_names


@pytest.mark.parametrize(("line", "names"), [
    ("[ 作者:仝志辉?陈淑龙?  文章来源:中国乡村发现  点击数: 更新时间:2019-01-10 录入:王惠敏 ]", ["仝志辉", "陈淑龙"]),  # spaces lost as ?
    ("丘昌泰 薛宇航", ["丘昌泰", "薛宇航"]),  # 丘: a Taiwanese surname the table lacked; the line gave only 薛宇航
    ("郭年真1、江东亮1、赖美淑2", ["郭年真", "江东亮", "赖美淑"]),  # affiliation marks; 赖
    ("作者 | 赵康琪,曾鹏,李晋轩", ["赵康琪", "曾鹏", "李晋轩"]),
    ("叶 林(2)", ["叶林"]),
    ("黄敏利   湖南师范大学地理科学学院硕士研究生", ["黄敏利"]),
])
def test_a_bylines_names(line: str, names: list[str]) -> None:
    assert spans.names(line)[0] == names


@pytest.mark.parametrize("name", ["洪永泰", "赖美淑", "萧高彦", "傅大为", "丘昌泰"])
def test_surnames_common_in_taiwan_split(name: str) -> None:
    assert split_names(name) == [name]


@pytest.mark.parametrize(("line", "title"), [
    ("Title: | 台湾民众如何评估两岸政策？以两岸和平协议为例 How Do Taiwanese Evaluate the Cross-Strait Policy? A Case Study |",
     "台湾民众如何评估两岸政策？以两岸和平协议为例"),  # a record page's table row, the English title beside the Chinese
    ("第四节上海“一网通办”改革：数字时代的城市治理创新", "上海“一网通办”改革：数字时代的城市治理创新"),  # a book's chapter
    ("第一章 绪论", "第一章 绪论"),  # nothing left but a heading: kept
    ("城镇化还是城市化", "城镇化还是城市化"),
])
def test_a_title_line_without_its_decoration(line: str, title: str) -> None:
    assert spans.title_parts(line)[0] == title


@pytest.mark.parametrize(("line", "title"), [
    ("当前义务教育均衡发展存在问题与策略思考Word文档下载推荐.docx", "当前义务教育均衡发展存在问题与策略思考"),
    ("网格化城市管理模式研究.docx", "网格化城市管理模式研究"),
    ("报告.pdf", ""),  # too short to be a title
])
def test_a_document_sharing_sites_file_name_names_the_title(line: str, title: str) -> None:
    assert spans.seo_title(line) == title


@pytest.mark.parametrize(("line", "affiliation"), [
    ("天津大学建筑学院", True), ("北京大学政府管理学院，北京 100871", True), ("湖南师范大学地理科学学院，湖南 长沙", True),
    ("长荣大学 绿能与环境资源学系 赖信志教授", True),
    ("岭南大学亚太老年学研究中心举办「香港乡村地区长者对长期护理需求」研究分享会", False),  # a news title naming a university
    ("我国基层官员“微腐败”的生成机理、发展逻辑及其多中心治理", False), ("大学与社区互动关系之研究-以元智大学为例", False),
])
def test_a_title_that_names_an_institution_is_no_affiliation(line: str, affiliation: bool) -> None:
    from pipeline.document.structure import _affiliation_shaped
    assert _affiliation_shaped(line) is affiliation


@pytest.mark.parametrize(("line", "names"), [
    ("○杨晓丽", ["杨晓丽"]),  # a bullet before the name
    ("作者:岭南大学研究生院&亚太老年学研究中心 研究助理教授黄耿华", ["黄耿华"]),  # the job title glued before the name
    ("撰文:香港大学工程学院计算机科学系、社会科学学院地理系及建筑学院客席教授邓淑明博士", ["邓淑明"]),
])
def test_a_name_among_its_affiliation_and_titles(line: str, names: list[str]) -> None:
    assert spans.names(line)[0] == names


@pytest.mark.parametrize("line", ["指导教授 : 李志贤", "• 指导教授:黄树仁", "导师：王五"])
def test_a_theses_advisor_is_no_author(line: str) -> None:
    assert spans.names(line)[0] == []
