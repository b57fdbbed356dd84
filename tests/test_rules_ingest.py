"""The text-repair rules written for real scraped pages (issue 13), each on lines taken from the pages of
../shared/realpages/ (quoted here so the tests run anywhere) and on what must stay untouched."""

from __future__ import annotations

import pytest

from pipeline.core.context import Context
from pipeline.core.convert import t2s
from pipeline.core.data import rule_data
from pipeline.text.checks import residuals
from pipeline.text.clean import clean_text
from pipeline.text.rules.chrome import remove_chrome
from pipeline.text.rules.chunks import join_numbered_chunks
from pipeline.text.rules.html_tags import remove_html_tags
from pipeline.text.rules.lost_space import restore_lost_spaces
from pipeline.text.rules.mojibake import repair_gbk_shift
from pipeline.text.rules.pinyin import remove_inline_pinyin
from pipeline.text.rules.site_header import remove_repeated_header
from pipeline.text.rules.spacing import remove_stray_spaces
from pipeline.text.rules.variants import normalise_variants
from pipeline.text.rules.width import normalise_width

# --- '?' for a space GBK could not hold -------------------------------------------------------------


@pytest.mark.parametrize(("raw", "clean"), [
    ("[摘? ? 要] 在多種新興信息技術", "[摘    要] 在多種新興信息技術"),  # taokecoco
    ("[中圖分類號] C913.7? [文獻標識碼] A? [文章編號] 1002-8129(2021)12-0080-07",
     "[中圖分類號] C913.7  [文獻標識碼] A  [文章編號] 1002-8129(2021)12-0080-07"),
    ("  中图分类号:D035-3? ? 文献标志码:A? ? 文章编号:1001-862X(2022)03-0131-006",  # 99guiyi
     "  中图分类号:D035-3    文献标志码:A    文章编号:1001-862X(2022)03-0131-006"),
    ("中圖分類號:D630.1? 文獻標志碼:A? 文章編號:1007-9092(2020)03-0006-010",  # handmsg
     "中圖分類號:D630.1  文獻標志碼:A  文章編號:1007-9092(2020)03-0006-010"),
    ("一、引? 論", "一、引  論"),
    ("        摘\" \" \" 要:數據治理的邊界何在", "        摘      要:數據治理的邊界何在"),  # victorzhang: '"' for the space
    ("        關\" 鍵\" 詞:數字政府;數字化轉型", "        關  鍵  詞:數字政府;數字化轉型"),
    ("?\n\n政務大數據賦能政府治理現代化", " \n\n政務大數據賦能政府治理現代化"),  # a lone '?' line above the title
    ("        ?\n", "         \n"),
    ("??在数据驱动发展的今天，数据既是", "  在数据驱动发展的今天，数据既是"),  # ideographic indent, as in 99guiyi
    ("?基于WOS和CNKI可視化的智慧城市研究", " 基于WOS和CNKI可視化的智慧城市研究"),  # a lone leading '?' before a title
])
def test_lost_spaces_real_lines(raw: str, clean: str, hant: Context) -> None:
    text, changes = restore_lost_spaces(raw, hant)
    assert text == clean and changes and all(c.rule == "restore_lost_spaces" for c in changes)


def test_real_question_marks_are_told_apart(hant: Context) -> None:
    raw = "數字政府到底是什么?它同電子政務的分野又在哪里?政府部門與學術界"  # handmsg
    assert restore_lost_spaces(raw, hant)[0] == "數字政府到底是什么？它同電子政務的分野又在哪里？政府部門與學術界"
    assert restore_lost_spaces("这是为什么?我们需要回答", hant)[0] == "这是为什么？我们需要回答"
    assert restore_lost_spaces("这种做法是否合理?对此学界", hant)[0] == "这种做法是否合理？对此学界"


@pytest.mark.parametrize("text", [
    "政府?数字化",  # garbling: left for the byte-shift repair and the residual check
    "是什么，政府?数字化",  # the question word is in another clause
    "What is e-government? The answer varies.",
    "他说\"好\" \"坏\"都有道理",
])
def test_lost_spaces_leave_other_question_marks(text: str, hans: Context) -> None:
    assert restore_lost_spaces(text, hans) == (text, [])


# --- GBK shift after a flattened fullwidth mark -------------------------------------------------------


@pytest.mark.parametrize(("garbled", "fixed"), [
    ("國內研究的水平已不輸國外?偟膩砜?,我國今後的智慧城市研究", "國內研究的水平已不輸國外。總的來看,我國今後的智慧城市研究"),  # zgkjsz
    # duocaiyimin: the ruby after the broken pair names the lost character (國, not 嚮 or 噹)
    ("正在不斷重塑數字化城市管理的形態(tài)1疚囊試?(guó)內(nèi)若干先行地區",
     "正在不斷重塑數字化城市管理的形態(tài)。本文以國(guó)內(nèi)若干先行地區"),
])
def test_gbk_shift_after_flattened_fullwidth_mark(garbled: str, fixed: str, hant: Context) -> None:
    text, changes = repair_gbk_shift(garbled, hant)
    assert text == fixed and len(changes) == 1


def test_gbk_shift_leaves_code_and_question(hans: Context) -> None:
    text = "使用API接口?(见附录)。文本1号文件?(2023)"
    assert repair_gbk_shift(text, hans) == (text, [])


# --- readings in other shapes --------------------------------------------------------------------------


@pytest.mark.parametrize(("raw", "clean"), [
    ("國內外在數(shù)字政(zhèng)府建(jiàn)設中(zhōng)開展了大(dà)量卓(zhuó)有成(chéng)效的(de)嘗試(shì)",
     "國內外在數字政府建設中開展了大量卓有成效的嘗試"),  # victorzhang: neutral-tone 的(de)
    ("提供了(le)難得的窗口期", "提供了難得的窗口期"),
    ("陝西交通職業(yè)技術學(xué)院", "陝西交通職業技術學院"),
    ("計算(suàn)機", "計算機"),
    ("計算(jìsuàn)機", "計算機"),  # a reading after the second character, for both
    ("政府部門與學術界(j", "政府部門與學術界"),  # handmsg: the page stops inside a reading
    ("數字化轉型;技術(sh\n", "數字化轉型;技術\n"),
])
def test_readings_other_shapes(raw: str, clean: str, hant: Context) -> None:
    assert remove_inline_pinyin(raw, hant)[0] == clean


@pytest.mark.parametrize("text", [
    "開放調用接口(API)", "發布於(2023)年", "(项目编号:21XGL005)", "方案(a)与(b)", "英文(de)写法", "模型(ma)参数",
    "計算(jìxiàn)機", "本研究(以下简称(研究))", "科学(",
])
def test_readings_keep_parentheses_that_are_text(text: str, hans: Context) -> None:
    assert remove_inline_pinyin(text, hans) == (text, [])


def test_residual_check_sees_a_toneless_reading_left(hans: Context) -> None:
    assert any("inline pinyin" in e.message for e in residuals("成效的（de）尝试", hans))


# --- HTML tags --------------------------------------------------------------------------------------


def test_html_tag_lines_of_a_link_farm(hant: Context) -> None:
    raw = ('• <tr id="yyy80"></tr>\n  • <sup id="yyy80"></sup>\n  • <tfoot id="yyy80"><noscript id="yyy80"></noscript></tfoot>\n'
           "    歐盟政府數據治理")  # jizihe
    text, changes = remove_html_tags(raw, hant)
    assert text == "    歐盟政府數據治理" and len(changes) == 3


@pytest.mark.parametrize(("raw", "clean"), [
    ("數據<br/>治理", "數據治理"), ("<p>政務<b>服務</b></p>", "政務服務"), ("共享<!-- ad -->平台", "共享平台"),
    ("p<0.05，a<b 與<意見>", "p<0.05，a<b 與<意見>"), ("<數據>與<治理>", "<數據>與<治理>"),
])
def test_html_tags_inline(raw: str, clean: str, hans: Context) -> None:
    assert remove_html_tags(raw, hans)[0] == clean


# --- site chrome, generalised ---------------------------------------------------------------------------


@pytest.mark.parametrize("line", [
    "APP下载", "下载APP", "手机客户端下载", "欢迎来到国脉互联官方网站!", "欢迎访问中国电子政务网", "合作电话:010-56873839",
    "投稿邮箱：tougao@example.cn", "分享到:", "关闭", "分享到微信", "【打印】【关闭】", "字号：大 中 小",
    "文章快速检索     高级检索", "引用本文", "文章正文", "诗词 散文 小说 杂文 校园 文苑 历史 人物 人生 生活 幽默 美文 资源中心小说阅读归一云思",
    "500 Internal Server Error", "nginx", "nginx/1.18.0 (Ubuntu)", "404 Not Found", "文章推薦指數: 80 %",
    "綜合以上討論,電子化政府可以界定為: 政府部門在日常運作中,藉此增進行政 ...", "相关文章", "上一篇：数字政府建设的路径",
    "Copyright © 2020 国脉互联 版权所有", "京ICP备12345678号", "下载全文", "点击查看原文",
    "您的位置：首页 >> 论文 >> 政治论文", "期刊 > 2021年第5期 > 人文地理", "打开APP阅读全文", "微信扫一扫，分享到朋友圈",
    "微信 微博 QQ空间", "推荐阅读", "转载请注明出处", "下载此文档",
])
def test_chrome_classes(line: str, hans: Context) -> None:
    text, changes = remove_chrome(f"{line}\n数字政府建设已成为政府转型的普遍方向。", hans)
    assert text == "数字政府建设已成为政府转型的普遍方向。" and len(changes) == 1


@pytest.mark.parametrize("spam", [
    "久久天天躁综合夜夜黑人鲁色,超91在线,久久夜视频,91av免费在线观看,在线视频二区,亚洲欧美日韩专区一,在线播放国产一区二区三区",  # duocaiyimin
    "四虎影院_人妻中文字幕_日本高清视频_最新电影在线_免费看片网站_手机看片神器",  # one marker, the shape of a list
])
def test_spam_header_lines(spam: str, hans: Context) -> None:
    text, changes = remove_chrome(f"{spam}\n数字政府建设已成为政府转型的普遍方向。", hans)
    assert text == "数字政府建设已成为政府转型的普遍方向。" and changes[0].code == "spam_line"


def test_prose_naming_two_markers_is_not_spam(hans: Context) -> None:
    line = "亚洲多国加快发展国产操作系统和芯片，政务云采用国产软件的比例逐年提高。"
    assert remove_chrome(line, hans) == (line, [])


@pytest.mark.parametrize("line", [
    "下载量持续增长，政务应用的用户规模不断扩大。", "欢迎各界提出意见。", "数字政府建设中的“分享”机制",
    "城市大腦 數字化運行管理 城市管理 創新驅動", "栗俊杰 王聞瓏 劉邦凡", "正文第一段。", "推荐指数体系的构建方法",
    "热度分析显示，公众关注集中在三个方面。", "数据共享、开放、利用、安全、治理、服务、监管是七个关键环节",
    "微信小程序“粤省事”上线。", "当收入 > 支出时，财政出现结余。",
])
def test_chrome_keeps_article_lines(line: str, hans: Context) -> None:
    assert remove_chrome(line, hans) == (line, [])


@pytest.mark.parametrize(("raw", "clean"), [
    ("发布日期:2020-09-27 作者:周雅颂 来源:《云南行政学院学报》2019年第02期 文章浏览量:",  # govmade
     "发布日期:2020-09-27 作者:周雅颂 来源:《云南行政学院学报》2019年第02期"),
    ("时间:2023/11/9 作者: 江淮论坛 热度: 18853", "时间:2023/11/9 作者: 江淮论坛"),  # 99guiyi
])
def test_chrome_fields_inside_a_metadata_line(raw: str, clean: str, hans: Context) -> None:
    assert remove_chrome(raw, hans)[0] == clean


def test_site_name_between_chrome_lines(hant: Context) -> None:
    raw = ("網(wǎng)站首頁(yè) | 網(wǎng)站地圖\n\n大國(guó)新村\n首頁(yè) > 原創(chuàng)精品 > 重大問(wèn)題研究 > 正文\n\n"
           "城市大腦:城市管理創(chuàng)新的智慧工具")  # duocaiyimin
    text, changes = remove_chrome(raw, hant)
    assert text.strip() == "城市大腦:城市管理創(chuàng)新的智慧工具" and len(changes) == 3


def test_short_title_between_breadcrumb_and_tools_stays(hans: Context) -> None:
    raw = "首页 > 理论 > 正文\n数字政府\n分享到：\n正文第一段。"
    assert remove_chrome(raw, hans)[0] == "数字政府\n正文第一段。"


# --- the site's title repeated ------------------------------------------------------------------------


def test_site_title_and_title_glued_to_the_first_paragraph(hans: Context) -> None:
    raw = ("【电子政务服务价值分析】 电子政务服务\n\n电子政务服务价值分析\n\n"
           "电子政务服务价值分析 2015年7月，国务院发布《关于积极推进“互联网+”行动的指导意见》，标志着战略正式启动。")  # xielw
    text, changes = remove_repeated_header(raw, hans)
    assert text == "\n电子政务服务价值分析\n\n2015年7月，国务院发布《关于积极推进“互联网+”行动的指导意见》，标志着战略正式启动。"
    assert len(changes) == 2


def test_site_title_with_the_site_name(hant: Context) -> None:
    raw = "網路與電子化政府 - 個人網頁空間\n文章推薦指數: 80 %\n網路與電子化政府\n黃仁德*、姜樹翰**"  # wenewstw
    assert remove_repeated_header(raw, hant)[0] == "文章推薦指數: 80 %\n網路與電子化政府\n黃仁德*、姜樹翰**"


def test_site_header_keeps_headings_and_paragraphs(hans: Context) -> None:
    raw = "数字政府建设\n一、问题的提出\n数字政府建设正在提速，各地积极推进相关工作，取得了明显成效。"
    assert remove_repeated_header(raw, hans) == (raw, [])


# --- numbered chunks of a document-sharing site ------------------------------------------------------

CHUNK_1 = ("1、2024 年 4 月第 45 卷第 2 期湘南学院学报 构建政务数据共享平台:价值内涵、现实问题与优化路径鲁盼,岳向华*"
           "(湘南学院 经济与管理学院,湖南 郴州 423000)摘 要:建成兼具“共享、互通和便利”特点的数据共享平台,是推进数字政府建设"
           "绕不开的关键环节。政务数据共享平台蕴含多重价值,对数字政府建设意义重大,但从现状看,平台在自身建设、数据“来源”、"
           "数据使用效益与伦理道德的平衡这三个方面仍面临现实困境。为此,应打造以用户需求为导向的平台,维护并拓宽平台数据的来源渠道,并在保障信")
CHUNK_2 = ("2、息安全的前提下推动数据要素的利用与伦理道德相协调,以此优化政务数据共享平台的建设。信息技术的迅猛进步,把世界各国"
           "带入了政府转型与改革的新阶段 1,各国纷纷着手推动政府数字化转型。信息技术的迅猛进步,把世界各国带入了政府转型与改革的"
           "新阶段,各国纷纷着手推动政府数字化转型,政务数据共享平台的建设由此受到普遍重视,各地相继出台了平台建设的规划与标准,"
           "平台的建设、运行与维护也由此逐步走向规范化与标准化。建")
CHUNK_3 = "3、设数字政府,已成为全球政府改革的共同趋势。"


def test_numbered_chunks_are_joined(hans: Context) -> None:
    text, changes = join_numbered_chunks("\n".join([CHUNK_1, CHUNK_2, CHUNK_3]), hans)  # zixin
    assert "并在保障信息安全的前提下" in text and "。建设数字政府," in text and "2、" not in text and "3、" not in text
    assert text.count("\n") == 0 and len(changes) == 3


def test_a_real_numbered_list_stays(hans: Context) -> None:
    text = "1、加强顶层设计，完善统筹协调机制。\n2、健全数据共享制度。\n3、强化安全保障。"
    assert join_numbered_chunks(text, hans) == (text, [])


# --- variant characters (one test per reviewed entry) ---------------------------------------------------

VARIANTS = rule_data()["variants"]


@pytest.mark.parametrize("entry", VARIANTS, ids=[e["variant"] for e in VARIANTS])  # type: ignore[union-attr]
def test_variant_entry(entry: dict[str, str]) -> None:
    variant, hans_form, hant_form, example = entry["variant"], entry["hans"], entry["hant"], entry["example"]
    assert variant in example and t2s(variant) == variant, "entry is needed only if t2s keeps the variant"
    assert t2s(hant_form) == hans_form
    data = rule_data()
    hant_out, changes = normalise_variants(example, Context(script="hant", data=data))
    assert hant_out == example.replace(variant, hant_form) and len(changes) == example.count(variant)
    simplified = t2s(example)
    hans_out, _ = normalise_variants(simplified, Context(script="hans", data=data))
    assert hans_out == simplified.replace(variant, hans_form)
    assert hans_out == t2s(hant_out)  # the simplified edition of the repaired text reads the same


def test_variant_in_a_real_author_line() -> None:
    raw = "郭嘉欣（陜西交通職業技術學院，陝西西安 710018）"  # the page of issue 13
    out = clean_text(raw, Context(data=rule_data()), script="hant").text
    assert t2s(out) == "郭嘉欣（陕西交通职业技术学院，陕西西安 710018）"


def test_kangxi_radicals_from_pdf_text(hans: Context) -> None:
    assert normalise_variants("⼈⺠群众", hans)[0] == "人民群众"


# --- fullwidth letters and digits -------------------------------------------------------------------------


@pytest.mark.parametrize(("raw", "clean"), [
    ("開放ＡＰＩ接口", "開放API接口"), ("２０２１年１２月", "2021年12月"), ("注册用户１０４９．６万", "注册用户1049.6万"),
    ("運用ＣｉｔｅＳｐａｃｅ軟件", "運用CiteSpace軟件"), ("数据，。：（）", "数据，。：（）"),
])
def test_width(raw: str, clean: str, hans: Context) -> None:
    assert normalise_width(raw, hans)[0] == clean


# --- stray spaces in Chinese prose ------------------------------------------------------------------------


@pytest.mark.parametrize(("raw", "clean"), [
    ("2015年7月，国务院发布《关于积极推进“互联网+”行动的指导意见》，标 志着“互联网+”战略正式启动。2016年，国务院又先后印发",  # xielw
     "2015年7月，国务院发布《关于积极推进“互联网+”行动的指导意见》，标志着“互联网+”战略正式启动。2016年，国务院又先后印发"),
    ("1998年， 时任美国副总统戈尔提出“数字地球”设想， 数字政府的构想由此萌生， 此后又随着数字社会的成型而不断充实",  # govmade
     "1998年，时任美国副总统戈尔提出“数字地球”设想，数字政府的构想由此萌生，此后又随着数字社会的成型而不断充实"),
    ("这一认识已在社会各界形成普遍共识[1] 。2022年6 月， 国务院就加强数字政府建设印发指导意见， 要求加快打造",  # jizihe
     "这一认识已在社会各界形成普遍共识[1]。2022年6 月，国务院就加强数字政府建设印发指导意见，要求加快打造"),
    ("    歐盟政府數據治理： 體系建設及其經驗啟示", "    歐盟政府數據治理：體系建設及其經驗啟示"),  # jizihe title
    ("關鍵詞： 歐盟； 數據共享； 數據開放", "關鍵詞：歐盟；數據共享；數據開放"),
    ("    進入大數據時代以後， 數據既被看作一種新的社會生產要素， 也被視為政府治理中不可缺少的要素",
     "    進入大數據時代以後，數據既被看作一種新的社會生產要素，也被視為政府治理中不可缺少的要素"),
])
def test_stray_spaces_in_prose(raw: str, clean: str, hans: Context) -> None:
    assert remove_stray_spaces(raw, hans)[0] == clean


@pytest.mark.parametrize("text", [
    "高志華 謝標", "城市大腦 數字化運行管理 城市管理 創新驅動", "关键词 智慧城市 逻辑框架", "摘 要",
    "〔中圖分類號〕G203 〔文獻標識碼〕A 〔文章編號〕1008-0821 (2023) 06-0139-10",
    "研究者使用 API 接口和 CiteSpace 软件，对近十年发表的两千余篇文献进行了系统的梳理与分析。",
    "1价值共创理论与电子政务服务 价值共创理论大体沿着三个阶段演进而来。首先是价值共创思想的萌芽阶段。",  # xielw heading
])
def test_stray_spaces_kept(text: str, hans: Context) -> None:
    assert remove_stray_spaces(text, hans) == (text, [])


def test_residual_check_sees_an_html_tag_left(hans: Context) -> None:
    assert [e.message for e in residuals("数据治理\n第二行<br/>结束", hans)] == ["HTML tag left: <br/>"]


def test_chrome_patterns_judge_short_lines_only(hans: Context) -> None:
    """A menu of short words is chrome; the same shape at paragraph length is text (and is not matched at all:
    some patterns backtrack on very long lines, 100 s for one 250 kB line before this bound)."""
    menu = "诗词 散文 小说 杂文 校园 文苑 历史 人物 资源中心"
    assert remove_chrome(menu, hans)[0] == ""
    long_line = "数字 政府 " * 1000 + "建设"
    assert len(long_line) > 2000 and remove_chrome(long_line, hans) == (long_line, [])


def test_the_site_name_rule_reads_the_next_lines_code_not_its_words(hans: Context) -> None:
    """Issue 20: a short line between two chrome lines goes as the site's name when the line under it is the site's
    navigation by its code (chrome.yaml `code`, chrome.NAVIGATION), whatever a row's comment says; above share buttons
    it stays (a short title)."""
    from dataclasses import replace

    rows = [{"pattern": "网站首页", "code": "site_navigation_bar"}, {"pattern": "首页 > .*", "code": "breadcrumb"},
            {"pattern": "分享到.*", "code": "share"}]
    ctx = replace(hans, data={**hans.data, "chrome": {**hans.data["chrome"], "chrome_lines": rows}})  # type: ignore[dict-item]
    text, changes = remove_chrome("网站首页\n大国新村\n首页 > 理论\n正文第一段。", ctx)
    assert text == "正文第一段。"
    assert [(c.line, c.code) for c in changes] == [(1, "site_navigation_bar"), (2, "site_name_above_site_navigation"), (3, "breadcrumb")]
    assert remove_chrome("网站首页\n数字政府\n分享到微信\n正文第一段。", ctx)[0] == "数字政府\n正文第一段。"
