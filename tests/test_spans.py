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
