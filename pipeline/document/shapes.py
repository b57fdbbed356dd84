"""What a line's shape says, whatever the labeller thinks: it cannot be a title, it may be dropped as the site's, it repeats the title."""

from __future__ import annotations

import re
from collections.abc import Callable

from pipeline.core.chars import CJK, HAN
from pipeline.document import metadata as md
from pipeline.document import spans
from pipeline.document.authors import _affiliation_shaped
from pipeline.document.blocks import _NOTE, _is_label

CHROME_BODY_P = 0.9  # ... and between paragraphs, where a short heading (我国数字政府建设 / 取得显著成绩) must not go
CHROME_P = 0.6  # the labeller's probability above which a line inside the article is dropped as the site's


_TITLE_GAP = re.compile(f"(?<=[{CJK}])\\s+(?=[{CJK}])")  # a stray space between Chinese characters or punctuation
_COLUMN_TAGS = re.compile(f"[{HAN}]{{2,4}}(?:\\s+[{HAN}]{{2,4}})+")  # 社会研究 理论研究 (or names: 于涵 赵晓燕)
_LABEL_VALUE = re.compile(r"^[^：:]{1,12}[：:]\s*(?P<value>.+)$")


def _cannot_be_title(text: str) -> bool:
    """A line the labeller called a title but whose shape says otherwise: a label with a name or a
    number as its value (研究生：周姚均, 大小：28KB), names, an affiliation, a venue, a date line."""
    if spans.title_label(text):
        return False
    return any(says(text) for says in _NOT_A_TITLE)


def _before_run_in_label(text: str) -> bool:
    """点赞：25654 浏览：119214 近期更新时间：…: what would be the title, before the run-in label, is not one."""
    return bool(m := md.data().inline.search(text)) and m.start() >= 4 and _cannot_be_title(text[: m.start()])


def _prose(text: str) -> bool:
    """A sentence of prose, not a title."""
    return "。" in text or len(text) > 100 or text.count("，") + text.count(",") >= 2 or text[-1:] in "；，,;：:"


def _label_with_name(text: str) -> bool:
    """研究生：周姚均, 大小：28KB: a label whose value is names or no words."""
    m = _LABEL_VALUE.match(text)
    return bool(m) and bool(md.author_line(m.group("value")) or not re.search(f"[{HAN}]{{4}}", m.group("value")))


def _header_shaped(text: str) -> bool:
    """A labelled field (a column's label aside), a byline, names, an affiliation, a venue, a list item."""
    segs = md.segments(text)
    return bool(segs and segs[0].field != "column") or bool(md.run_byline(text) or md.author_line(text) or _affiliation_shaped(text)
                                                            or md.venue(text) or text[:1] in "-•·*")


_CONTACT = re.compile(r"\s*(?:地址|通讯地址|电话|传真|手机|邮箱|电子邮箱|E[-_]?mail|QQ|微信号?)\s*[：:]", re.IGNORECASE)
_NOT_A_TITLE: tuple[Callable[[str], object], ...] = (
    _before_run_in_label,
    _CONTACT.match,  # 地址：广东省广州市…: the site's or a company's contact line
    lambda t: _COLUMN_TAGS.fullmatch(t.strip()),  # 社会研究 理论研究, 文化人 天下事: a site's column tags (or names), short words spaced apart
    spans.byline_source,  # 颜梅艳; 余斌, 地理科学进展 发表时间:…: the authors and their journal
    lambda t: re.search("(?:杂志社|出版社|编辑部|基金会|协会)$", t),  # 合作经济与科技杂志社, 财团法人国家政策研究基金会: the publisher's or the site's name
    lambda t: md.numbered_heading(spans.title_parts(t)[0]),  # 5.3 研究限制与建议: a section of the text (第四节题名: a book's chapter, whose title it is)
    spans.generic_heading,  # 前言
    lambda t: re.fullmatch(r"\s*[【\[〔［][^】\]〕］]{1,12}[】\]〕］]\s*", t),  # 【行政学‧公共政策】: a column's tag
    lambda t: re.match(r"\s*[【\[〔［]?\s*(?:英文|外文)", t),  # 【英文标题】…: the translation
    lambda t: re.fullmatch(r"[A-Za-z][A-Za-z ]{1,30}[：:]\s*[\d\s./-]*", t),  # Academic year: 2021, Views: 125: a record's field
    lambda t: _watermark(t),
    _prose,
    _label_with_name,
    _header_shaped,
)


def _watermark(text: str) -> bool:
    """l C h engchi U ni ve rs it y, N a tio na: a PDF's watermark, its letters spaced and broken over lines."""
    words = text.split()
    return bool(re.fullmatch(r"[A-Za-z\s]+", text)) and len(words) >= 4 and sum(map(len, words)) / len(words) < 2.5


def _droppable(text: str, *, header: bool = False) -> bool:
    """The labeller may drop a line as the site's only when it is not prose: a sentence or a clause is never
    dropped on the model's word, however sure it is (on text unlike its corpus it can be sure and wrong: a
    page of 20,000 near-identical clauses was labelled chrome with p = 1.0); the rules in corpus/data/chrome.yaml
    may still name any line."""
    if md.notes_heading(text) or md.numbered_heading(text) or _is_label(text) or _NOTE.match(text):
        return False  # a shape the rules know as part of an article
    if md.is_english(text):  # English metadata stays; a widget's few words (Columnist, Copied!) may go
        return len(text) <= 24 and len(text.split()) <= 4 and not re.search(r"[.,:;?，：]", text)
    if header:
        return len(text) <= 80 and not re.search("[。；;，,]", text)
    if len(text) <= 30 and re.search("[！!]$", text) and "。" not in text:
        return True  # 欢迎光临本站！
    if re.search("[。；！？;!?]", text):
        return False
    return len(text) <= 20 or (len(text) <= 60 and not re.search("[，,]", text))


_DATED = re.compile(r"\s*[\[【（(]\s*(?:19|20)\d{2}[-./年]\d{1,2}[-./月]\d{1,2}日?\s*[\]】）)]\s*$")


def _run_on_title(text: str) -> bool:
    """A header line that starts with the title (题名时间：…来源：…作者：…, the line breaks lost; 题名 [2016.06.21])."""
    m = md.data().inline.search(text) or _DATED.search(text)
    return bool(m) and len(re.findall(f"[{HAN}]", text[: m.start()])) >= 8 and not _cannot_be_title(text[: m.start()])


_FILE_SUFFIX = re.compile(f"\\s*(?:Word文档下载推荐|文档下载|下载)?\\s*\\.(?:{spans.FILE_EXTENSIONS})\\s*", re.IGNORECASE)


def _repeats_title(text: str, title: str) -> bool:
    """The line is the title again, as it is or in the site's decoration (题名.docx, 题名Word文档下载推荐.docx,
    题名_第3页, | 题名 |)."""
    if not title:
        return False
    bare = _TITLE_GAP.sub("", text.strip())
    return title in (bare, _TITLE_GAP.sub("", spans.title_parts(text)[0])) or (
        bare.startswith(title) and bool(_FILE_SUFFIX.fullmatch(bare[len(title) :])))
