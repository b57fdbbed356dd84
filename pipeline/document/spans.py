"""Facts from a line the labeller has labelled, where the line-shape recognisers of metadata.py fail.

Takes one line of canonical simplified text whose label is known (byline, date, venue, chrome);
gives the names, date, venue or title it states. These are post-processing of labelled spans: they
are only asked once the model has said what the line is, so they can be more lenient than the
recognisers that must also decide it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from pipeline.core.chars import HAN
from pipeline.core.data import load_yaml
from pipeline.core.layout import CORPUS
from pipeline.document import metadata as md

_BYLINE_LABEL = re.compile("^\\s*(?:[■●◆▲□◎★☆○〇◇◯]|文\\s*[/|／]|作者\\s*[：:]?|记者\\s*[：:]?|撰文\\s*[：:]?|"
                           "文\\s*[：:]|[（(]?作者[）)]?)\\s*")
_MARKS = re.compile(r"[\d,，*＊†‡§¶①-⑳⁰¹²³⁴-⁹a-d□]+$")
_TOKEN_SEP = re.compile(r"[\s,，、;；/／|｜?？]+")  # ?: a space lost in a byline (仝志辉?陈淑龙?)
_PAREN = re.compile(r"[（(]([^（()）]{2,120})[）)]")
_BOOK = re.compile(r"《([^《》]{2,40})》")
_SOURCE = re.compile("(?:来源|出处|刊名|期刊|原载|原文刊载于|选自|载于|刊于|刊载于)\\s*[：:]?\\s*《?"
                     f"(?P<name>[{HAN}A-Za-z][^《》\\s,，;；:：()（）|]{{1,40}}?)》?"
                     f"(?=\\s|$|[,，;；|()（）]|(?:19|20)\\d{{2}}|第|Vol)")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_ISSUE = re.compile(r"(?:第\s*(\d{1,3})\s*期|(?<![\d.])(\d{1,2})\s*期|No\.?\s*(\d{1,3})|\(\s*(\d{1,3})\s*\))")
_VOLUME = re.compile(r"(?:第\s*(\d{1,3})\s*卷|Vol\.?\s*(\d{1,3}))")
_TITLE_SEP = re.compile(r"\s*(?:_|——|--|\s-\s|\s–\s|\s\|\s|｜|-\s*(?=[^\s-]{2,20}$))\s*")


_LEAD_LABEL = re.compile(f"^\\s*[\\[【〔［]?\\s*[{HAN}A-Za-z]{{1,8}}\\s*(?:[（(][^（()）]{{1,6}}[）)])?\\s*[\\]】〕］]?\\s*[：:|｜]\\s*")
_NEXT_LABEL = re.compile(f"\\s+[{HAN}]{{2,6}}\\s*[：:]|\\s{{2,}}(?=[{HAN}]{{2,6}}[：:])")
_ADVISOR = re.compile(r"^\s*[•·]?\s*(?:指导教授|指导老师|指导教师|指导导师|导师|论文指导)\s*[（(]?")
_JOB_START = re.compile("^.*?(?:研究助理教授|助理教授|客席教授|客座教授|副教授|教授|副研究员|研究员|讲师)(?=[\u4e00-\u9fff]{2,4}$)")  # …学院研究助理教授黄耿华
_JOB_END = re.compile("(?<=[\u4e00-\u9fff]{2})(?:助理教授|副教授|教授|副研究员|研究员|讲师|博士生|硕士生|研究生|博士后|博士)$")  # 赖信志教授
_NOT_NAMES = re.compile("^(?:星期|礼拜|周)[一二三四五六日天]$|^(?:上午|下午|来源|作者|编辑|责编|记者|通讯员|本报|本刊)$")


@cache
def _stops() -> re.Pattern[str]:
    stops = load_yaml(CORPUS / "data" / "labels.yaml", "labels").get("byline_stops", [])  # type: ignore[union-attr]
    return re.compile("(?:" + "|".join(sorted(map(re.escape, stops), key=len, reverse=True)) + ")\\s*[：:]")


def names(text: str) -> tuple[list[str], str]:
    """A byline's person names and the affiliation it gives in parentheses: (names, affiliation).
    `研究生：陈淑娟`, `作者:马晶晶 胡江峰  责任编辑:…`, `向 永 泉`, `王敬尧(四川大学…)`, `黄敏利 湖南师范大学…研究生`."""
    if _ADVISOR.match(text):
        return [], ""  # 指导教授：李志贤: a thesis's advisor, not its author
    line = re.sub(r"[(（]\s*\d{1,2}(?:\s*[,，]\s*\d{1,2})*\s*[)）]|□", "", text.strip())  # 叶林(2): affiliation marks
    if m := re.search(r"(?:作者|撰文|撰稿)\s*[：:|｜]", line):
        line = line[m.end():]
    line = _BYLINE_LABEL.sub("", line)
    line = _LEAD_LABEL.sub("", line, count=1)
    if m := _NEXT_LABEL.search(line):
        line = line[: m.start()]
    if m := _stops().search(line):  # 马晶晶胡江峰责任编辑：… (the spaces lost)
        line = line[: m.start()]
    aff = "；".join(m.group(1).strip() for m in _PAREN.finditer(line) if not re.fullmatch(r"[\d,，*\s]+", m.group(1)))
    line = _PAREN.sub(" ", line)
    line = re.sub(r"(19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(\s*\d{1,2}:\d{2}(:\d{2})?)?", " ", line)
    tokens = [_JOB_START.sub("", _JOB_END.sub("", _MARKS.sub("", t.strip()).strip("·.．:：□"))) for t in _TOKEN_SEP.split(line)]
    tokens = _join_spaced(tokens)
    for strict in (True, False):
        found: list[str] = []
        for token in tokens:
            if _NOT_NAMES.match(token):
                continue
            if "·" in token and re.fullmatch(f"[{HAN}·]{{3,20}}", token):
                found.append(token)  # 买买提·吐尔逊
            elif re.fullmatch(f"[{HAN}]{{2,16}}", token) and (split := md.split_names(token, strict=strict or len(token) > 4)):
                found += split
        if found:
            return found, aff
    return [], aff


def _join_spaced(tokens: list[str]) -> list[str]:
    """Letter-spaced names (向 永 泉, 陈 通 孙 钰) are runs of one-character tokens: join each run."""
    out: list[str] = []
    run = ""
    for t in [*tokens, "\0"]:
        if re.fullmatch(f"[{HAN}]", t):
            run += t
            continue
        if run:
            out.append(run)
            run = ""
        if t and t != "\0":
            out.append(t)
    return out


def date(text: str) -> str:
    return md.parse_date(text)


def venue(text: str) -> tuple[str, str, str, str] | None:
    """(name, year, volume, issue) a venue-labelled line states, when md.venue() does not know its shape."""
    line = text.strip()
    m = _BOOK.search(line) or _SOURCE.search(line)
    if m:
        name = m.group(1) if m.re is _BOOK else m.group("name")
        rest = line[m.end():]
    elif md.is_english(line):
        m2 = re.match(r"\s*([A-Za-z][A-Za-z &.,'-]{3,80}?)[\s,.]*(?:(?:19|20)\d{2}|Vol|No|\d|$)", line)
        if not m2:
            return None
        name, rest = m2.group(1).strip(" ,."), line[m2.end(1):]
    else:
        m3 = re.match(f"\\s*([{HAN}][{HAN}A-Za-z（）()·]{{1,30}}?)\\s*(?=(?:19|20)\\d{{2}}|第|Vol|\\d{{1,2}}\\s*期|$)", line)
        if not m3:
            return None
        name, rest = m3.group(1), line[m3.end(1):]
    year = _YEAR.search(rest)
    issue = _ISSUE.search(rest)
    volume = _VOLUME.search(rest)
    return (name.strip(), year.group(1) if year else "", next((g for g in volume.groups() if g), "") if volume else "",
            next((g for g in issue.groups() if g), "") if issue else "")


_SOURCE_BOOK = re.compile("(?:来源|出处|原载|原刊于|原刊|刊于|载于|刊载于|原文刊载于|选自|发表于)\\s*[：:]?\\s*《(?P<name>[^《》]{2,40})》"
                          "\\s*(?P<rest>[^，,。；;]{0,40})")


JOURNAL_NAME = re.compile(f"《?([{HAN}]{{2,14}}(?:学报|学刊|杂志|期刊|论坛|研究|科学|评论|月刊|季刊|改革|管理|理论|探索|前沿|法学))》?")
_SOURCE_JOURNAL = re.compile("(?:来源|出处)\\s*[：:]\\s*" + JOURNAL_NAME.pattern + "(?=\\s|$)")


def source_venue(text: str) -> tuple[str, str, str, str] | None:
    """(name, year, volume, issue) of the journal a header line says the article comes from: in 《》 with its
    year or issue (来源：《行政论坛》 2016年第2期, 本文原刊于《农林经济管理学报》2019年第3期), or by a name a journal's
    ends with, alone (2018年12月25日 来源：行政管理改革 杨小军); else None."""
    m = _SOURCE_BOOK.search(text)
    rest = m.group("rest") if m else ""
    year, issue, volume = _YEAR.search(rest), _ISSUE.search(rest), _VOLUME.search(rest)
    if not m or not (year or issue):
        bare = _SOURCE_JOURNAL.search(text)
        return (bare.group(1), "", "", "") if bare else None
    return (m.group("name").strip(), year.group(1) if year else "", next((g for g in volume.groups() if g), "") if volume else "",
            next((g for g in issue.groups() if g), "") if issue else "")


_BYLINE_SOURCE = re.compile(f"(?P<who>[{HAN}·\\s;；、]+?)\\s*[,，]\\s*(?P<tail>[{HAN}].*)")


def byline_source(text: str) -> tuple[list[str], str, str] | None:
    """颜梅艳; 余斌; 郭新伟; 卓蓉蓉, 地理科学进展 发表时间:2021-11-28 (an aggregator's line under the abstract): the
    authors (two or more, in a list), the journal after the comma, and the label that follows it; else None."""
    m = _BYLINE_SOURCE.fullmatch(text.strip())
    if not m or not re.search("[;；、]", m.group("who")):
        return None
    tail = m.group("tail")
    label = md.data().inline.search(tail)
    venue, rest = (tail[: label.start()].strip(), tail[label.start() :]) if label else (tail.strip(), "")
    names = md.author_line(m.group("who"))
    if not names or len(names) < 2 or not re.fullmatch(f"[{HAN}]{{4,20}}", venue):
        return None
    return [n for n, _ in names], venue, rest


FILE_EXTENSIONS = "docx?|pdf|pptx?|wps|caj|txt"  # of a document-sharing site's file names
FILE_NAME = re.compile(f"\\.(?:{FILE_EXTENSIONS})\\s*$", re.IGNORECASE)  # 标题Word文档下载推荐.docx


def seo_title(text: str) -> str:
    """The article's title from the site's page-title line (标题_栏目_站名, 标题 - 站名) or a document-sharing
    site's file name (标题Word文档下载推荐.docx), or ""."""
    if FILE_NAME.search(text):
        stem = title_parts(text)[0]
        return stem if len(re.findall(f"[{HAN}]", stem)) >= 6 and stem != text.strip() else ""
    parts = [p for p in _TITLE_SEP.split(text.strip()) if p.strip()]
    if len(parts) < 2:
        return ""
    first = parts[0].strip()
    han = len(re.findall(f"[{HAN}]", first))
    return first if han >= 6 and not md.segments(first) else ""


_TITLE_LABEL = re.compile(r"^\s*[【\[〔［]?\s*(?:论文名称|论文题目|论文标题|文章标题|文章题目|中文题名|中文篇名|原标题|原文标题|原题|题名|篇名|标题|题目|Title)"
                          r"\s*(?:[（(]中文[）)])?\s*[】\]〕］]?\s*[：:]\s*")
_ISSUE_PREFIX = re.compile(r"^\s*(?:[【\[〔［][^】\]〕］]{0,20}\d[^】\]〕］]{0,20}[】\]〕］]|\d{4,8}\s*期)\s*")
_TAG_PREFIX = re.compile(f"^\\s*[【\\[〔［]\\s*[{HAN}A-Za-z ]{{1,8}}\\s*[】\\]〕］]\\s*(?:[（(]\\d{{1,2}}[）)]\\s*)?")
_TRAILING_NOTE = re.compile(r"\s*[【\[〔［][^】\]〕［］]{1,40}[】\]〕］]\s*$")
_TRAILING_TAG = re.compile(f"\\s*(?:[（(][{HAN}]{{2,4}}[）)])?\\s*[–—-]\\s*(?:评论文章|评论|社论|专栏|观点|来论|原创|转载)\\s*$"
                           f"|\\s*[（(][{HAN}]{{2,4}}[）)]\\s*$")
_FILE_SUFFIX = re.compile(f"(?:(?:Word|PDF|pdf)?文档(?:下载推荐|下载|免费下载)?)?(?:\\.(?:{FILE_EXTENSIONS}))?(?:_第\\d+页)?[*＊①]*$")
_COLUMN_PREFIX = re.compile(r"^[^《》「」“”\s]{2,8}》\s*")  # 自由广场》题名: a column's name with only its closing bracket
_CHAPTER_PREFIX = re.compile(f"^\\s*第[一二三四五六七八九十百\\d]{{1,4}}[章节篇讲]\\s*(?=[{HAN}“「《])")  # 第四节题名: a book's chapter
_TABLE_CELL = re.compile(r"^\s*[|｜]\s*|\s*[|｜]\s*$")  # | 题名 |: a table row of a record page (match: its start)
_ENGLISH_AFTER = re.compile(f"(?<=[{HAN}）)」”》？?])\\s+(?=[A-Z][A-Za-z'’,:;?&-]*(?:\\s+[A-Za-z'’,:;?&-]+){{3,}}[.?!]?\\s*$)")
_VENUE_WORDS = ("月刊", "期刊", "杂志", "学报", "日报", "周刊", "范文", "来稿", "投稿", "专栏", "社论")


def title_parts(text: str) -> tuple[str, str, list[str]]:
    """A title line without what a site puts around the title: (title, what was removed, author names
    found in it). `论文名称：T`, `【2023年第5期】T`, `160407期T`, `张三：T`, `张三等：T`, `中评月刊：T`,
    `聚焦三中全会——张三李四：T`, `T[研讨会文稿]`. The title itself is never cut below 4 characters."""
    cut = _Cut(text.strip())
    for step in (_cut_prefixes, _cut_table_end, _cut_english, _cut_author_prefix, _cut_file_suffix, _cut_trailing_note):
        step(cut)
    return cut.title, "".join(cut.removed), cut.authors


@dataclass
class _Cut:
    """A title line as the site's pieces are cut from it, in order."""
    title: str
    removed: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)


def _cut_prefixes(cut: _Cut) -> None:
    """A table cell's bar, the title label, an issue number, a column's tag, a chapter number before the title."""
    for rx in (_TABLE_CELL, _TITLE_LABEL, _TABLE_CELL, _ISSUE_PREFIX, _TAG_PREFIX, _COLUMN_PREFIX, _CHAPTER_PREFIX):
        m = rx.match(cut.title)
        if m and len(cut.title) - m.end() >= 4:
            cut.removed.append(m.group(0))
            cut.title = cut.title[m.end():]


def _cut_table_end(cut: _Cut) -> None:
    if (m := _TABLE_CELL.search(cut.title)) and m.start() >= 4 and m.end() == len(cut.title):
        cut.removed.append(m.group(0))
        cut.title = cut.title[: m.start()]


def _cut_english(cut: _Cut) -> None:
    """中文题名 English Title on one line: the English is its translation."""
    if m := _ENGLISH_AFTER.search(cut.title):
        cut.removed.append(cut.title[m.start():])
        cut.title = cut.title[: m.start()]


def _cut_author_prefix(cut: _Cut) -> None:
    """张三：T, 张三等：T, 中评月刊：T, 半岛电竞：刘福才：T: the authors (or a journal) before a colon."""
    m = _head_before_colon(cut.title)
    if not m or len(cut.title) - m.end() < 4:
        return
    head = m.group(1)
    found = _names_in(head)
    if found or head.endswith(_VENUE_WORDS):
        cut.removed.append(m.group(0))
        cut.authors = found or []
        cut.title = cut.title[m.end():]


def _head_before_colon(title: str) -> re.Match[str] | None:
    """What stands before the title's first colon or bar; before the second colon where a name stands between them."""
    m = re.match("^([^：:|｜]{2,30}?)\\s*(?:[：:]|[|｜]{1,2})\\s*(?=\\S)", title)
    second = re.match(f"^[^：:|｜]{{2,12}}[：:|｜]\\s*(?P<who>[{HAN}]{{2,4}})\\s*[：:]\\s*(?=\\S)", title)
    if second and md.split_names(second.group("who")) and len(title) - second.end() >= 4:
        m = re.match(f"^(.{{2,40}}?{second.group('who')})\\s*[：:]\\s*", title)  # 半岛电竞：刘福才：题名
    return m


def _names_in(head: str) -> list[str] | None:
    """The names at the end of what stands before a title's colon (聚焦三中全会——张三李四, 张三等, 张三、李四, 阿依·木拉提)."""
    who = re.split("——|--|—|[】\\]：:|｜]", head)[-1].strip()
    who = re.sub("等$", "", who)
    who = re.sub(r"\s+", "", who)
    found = md.split_names(who) if re.fullmatch(f"[{HAN}]{{2,12}}", who) else None
    found = found or (who.split("、") if re.fullmatch(f"[{HAN}]{{2,4}}(、[{HAN}]{{2,4}})+", who) else None)
    return found or ([who] if re.fullmatch(f"[{HAN}]{{1,6}}·[{HAN}]{{1,8}}", who) else None)


def _cut_file_suffix(cut: _Cut) -> None:
    """题名Word文档下载推荐.docx, 题名_第3页, 题名*."""
    m = _FILE_SUFFIX.search(cut.title)
    if m and m.start() >= 4 and m.group(0):
        cut.removed.append(m.group(0))
        cut.title = cut.title[: m.start()]


def _cut_trailing_note(cut: _Cut) -> None:
    """T[研讨会文稿], T（张三）, T - 评论文章: a note or tag after the title (a name in it is the author's)."""
    m = _TRAILING_NOTE.search(cut.title) or _TRAILING_TAG.search(cut.title)
    if not (m and m.start() >= 6 and (m.re is _TRAILING_TAG or re.search(r"\d|文稿|会议|研讨|转|原创|全文|PDF|pdf", m.group(0)))):
        return
    cut.removed.append(m.group(0))
    cut.title = cut.title[: m.start()]
    paren = re.search(f"[（(]([{HAN}]{{2,4}})[）)]", m.group(0))
    if paren and not cut.authors and md.split_names(paren.group(1)):
        cut.authors = [paren.group(1)]


def title_label(text: str) -> bool:
    """The line starts with the page's own title label (论文名称：…) and has the title after it."""
    m = _TITLE_LABEL.match(text)
    return bool(m) and len(re.findall(f"[{HAN}A-Za-z]", text[m.end():])) >= 4


@cache
def _generic_headings() -> frozenset[str]:
    # read once: read for each new line, the labels file's parse and schema check were 46 % of the pipeline's time
    return frozenset(load_yaml(CORPUS / "data" / "labels.yaml", "labels").get("generic_headings", []))  # type: ignore[union-attr]


@cache
def generic_heading(text: str) -> bool:
    """前言, 引言, 壹、前言, 第五章 研究结论与建议: a heading any article may have, never its title."""
    words = _generic_headings()
    core = re.sub(f"^(?:第[{HAN}\\d]{{1,3}}[章节部分篇]|[一二三四五六七八九十壹贰叁肆伍陆柒捌玖拾\\d]+[、.．]|[（(][^（()）]{{1,3}}[）)])\\s*", "",
                  text.strip())
    return re.sub(r"\s", "", core) in words
