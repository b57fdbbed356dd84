"""Structure recognition on real scraped pages (issue 13): reading the labeller's lines, which title-labelled line is the
title, authors, venues and abstracts from real header shapes."""

from __future__ import annotations

import pytest

from pipeline.document import metadata as md
from pipeline.document.article import process_bytes

from .structure_support import BODY, doc_of

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
    assert any(c.line == 3 and c.code == "site_shortened_copy_abstract" for c in result.changes)


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
    assert sum(c.code == "pdf_watermark_letters_spaced_apart" for c in result.changes) == 2


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
