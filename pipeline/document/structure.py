"""Canonical simplified text -> Document (title, metadata, abstract, sections, notes, credits).

Works on simplified text, so the labels (摘要, 关键词, 注释, 责编…) are matched in one script.
First the page's header is read line by line (pipeline/document/metadata.py says what each line is:
labels, bylines, venue, authors, affiliations, English metadata); the title is the line just above
the article's own byline or first label, and what stands above the title is the site's. Then the
body: headings, paragraphs, notes, credits. Every label, separator or line it consumes is listed as a
change (metadata extraction records the source text and the values kept), for the conservation check.
A page cut off by its scraper (a note list missing, a last sentence unfinished, no abstract) is
published with warning codes on the Document, never refused.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from pipeline.core.changes import Change, PipelineError
from pipeline.core.chars import CJK, HAN
from pipeline.core.context import Context
from pipeline.document import labeller, spans
from pipeline.document import metadata as md
from pipeline.document.model import Author, Credit, Document, English, Note, Paragraph, Section, Venue

MAX_HEADING = 40
MAX_LEAD = 24
LATE_HEADER_P = 0.8  # a header line below the first paragraph is read only when the labeller is this sure,
LATE_HEADER_ITEMS = 10  # and among the body's first items
HEADER_LINES = 60  # the title and its byline stand near the top of a page
CONTINUES_P = 0.2  # a short line under the title, the byline under it, is the title's second line at this title odds
TITLE_P = 0.3  # the least probability of being the title for a line the labeller did not call the title
ABOVE_LABELS_P = 0.1  # the least title odds of a line above the abstract's label, where the likeliest title stands under it
CHROME_BODY_P = 0.9  # ... and between paragraphs, where a short heading (我国数字政府建设 / 取得显著成绩) must not go
CHROME_P = 0.6  # the labeller's probability above which a line inside the article is dropped as the site's
_END_PUNCT = "。；！？：，…"
_SENTENCE_END = "。！？!?…”’」』）)]．.；;"
_AUTHOR_NOTE = re.compile(r"^【(?P<note>本文作者.*)】$")
_NOTE = re.compile(r"^(?P<mark>\[(?P<n>\d{1,3})\]|[(（](?P<p>\d{1,3})[)）]|(?P<d>\d{1,3})[.．、](?!\d)|(?P<c>[①-⑳]))\s*(?P<text>.+)$")
_NOTE_LINE = re.compile(r"^\[\d{1,3}\]\s*\S")  # a [1] note line, wherever it stands
_MARKER = re.compile(r"\[(\d{1,3})\]")
_INLINE_NOTE = re.compile(r"(?P<marker>[（(](?P<n>\d{1,2})[）)])(?P<note>[^。（()）]{2,60}?[：:]《[^》]{2,80}》[^。]{0,80}?第[\d\-—–]+页。)")
_CREDIT = re.compile(r"(?:^|(?<=[/／|]))\s*(?P<role>责编|美编|责任编辑|编辑|校对|审核)\s*[：:]\s*(?P<name>[^/／|]+)")
_NAME_GAP = re.compile(f"(?<=[{HAN}]) (?=[{HAN}])")
_TITLE_GAP = re.compile(f"(?<=[{CJK}])\\s+(?=[{CJK}])")  # a stray space between Chinese characters or punctuation
_SPACED = re.compile(f"(?<=[{HAN}])\\s+(?=[{HAN}])")
_LETTER_SPACED = re.compile(f"^(?:[\\d.]+\\s*|[一二三四五六七八九十]+、)?[{HAN}](\\s+[{HAN}])+$")
_LEAD = re.compile(f"^([^，。；：！？\\n]{{2,{MAX_LEAD}}}。)(?=.)")
_CITATION = re.compile(r"\[(J|M|C|D|N|EB/OL|J/OL)\]\s*[.．]\s*\S.*(19|20)\d{2}")
_KEYWORD_SEP = re.compile(r"\s*[；;，,、]\s*")


@dataclass(frozen=True)
class Block:
    line: int  # 1-based line of its first line
    text: str


def _lines(text: str) -> list[Block]:
    return [Block(n, line.strip()) for n, line in enumerate(text.split("\n"), start=1) if line.strip()]


def _blocks(text: str, first_line: int) -> list[list[Block]]:
    """Lines from `first_line` on, grouped into runs with no blank line between them."""
    groups: list[list[Block]] = [[]]
    for number, line in enumerate(text.split("\n"), start=1):
        if number < first_line:
            continue
        if line.strip():
            groups[-1].append(Block(number, line.strip()))
        elif groups[-1]:
            groups.append([])
    return [g for g in groups if g]


def _is_label(text: str) -> bool:
    return bool(md.segments(text)) or md.notes_heading(text) or any(rx.match(text) for rx in (_AUTHOR_NOTE, _NOTE_LINE, _CREDIT))


_JOB = re.compile("教授|研究员|讲师|博士生|硕士生|研究生|博士后|博导|硕导|主任|院长|所长|书记|处长|局长")


def _is_heading(text: str) -> bool:
    """A short line without a sentence end, unless it is a label or says who an author is (张三 北京大学教授)."""
    if not md.heading_like(text, MAX_HEADING) or _is_label(text):
        return False
    return md.numbered_heading(text) or not (_JOB.search(text) or md.is_affiliation(text) or md.bio_name(text))


_NOT_HEADING_TAGS = ("byline", "affiliation", "date", "venue", "field", "english")


def _items(text: str, first_line: int, changes: list[Change], tag: Callable[[Block], str] = lambda _: "") -> list[Block]:
    """Body blocks in order, with a heading split over consecutive lines joined into one (never a line
    the labeller put in the header: 阅读时间：25分钟 / 作者 | 赵康琪，曾鹏 are two lines)."""
    items: list[Block] = []

    def flush(run: list[Block]) -> None:
        for x in run[1:]:
            changes.append(Change("structure", x.line, "\n", "", "heading split over two lines joined"))
        if run:
            items.append(Block(run[0].line, "".join(x.text for x in run)))

    for group in _blocks(text, first_line):
        run: list[Block] = []
        for block in [*group, None]:
            if block is not None and _is_heading(block.text) and tag(block) not in _NOT_HEADING_TAGS:
                if run and md.numbered_heading(block.text):  # 一、… then （一）…: two headings, not one split
                    flush(run)
                    run = []
                run.append(block)
                continue
            flush(run)
            run = []
            if block is not None:
                items.append(block)
    return items


def _split_lead(text: str) -> tuple[str, str]:
    m = _LEAD.match(text)
    if m and len(text) > 3 * len(m.group(1)):
        return m.group(1), text[m.end(1) :]
    return "", text


@dataclass
class _Builder:
    ctx: Context
    changes: list[Change] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)
    keywords: tuple[str, ...] = ()
    authors: list[Author] = field(default_factory=list)
    author_marks: list[str] = field(default_factory=list)
    venue: Venue | None = None
    funding: list[str] = field(default_factory=list)
    bio: list[str] = field(default_factory=list)
    history: list[str] = field(default_factory=list)
    english: dict[str, list[str]] = field(default_factory=dict)
    sections: list[tuple[str, list[str]]] = field(default_factory=lambda: [("", [])])
    notes: list[Note] = field(default_factory=list)
    credits: list[Credit] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    cut_at: int = 0  # the line the scraper cut the page at, if it stops inside a word (0: not cut there)
    damaged: int = 0  # runs of text the repairs could not read, marked □
    last_tag: str = ""  # the label of the header line read before this one
    named_by_affiliation: bool = False  # the authors so far came from affiliation lines (长荣大学…学系 赖信志教授), one per line
    tags: dict[int, labeller.Labelled] = field(default_factory=dict)  # line number -> the line labeller's label
    field_lines: dict[str, int] = field(default_factory=dict)  # the line each field was read from
    lead_lines: list[int] = field(default_factory=list)  # the lines of the paragraphs before the first heading

    def tag(self, block: Block, at_least: float = 0.0) -> str:
        """The labeller's label for a line ("" without a model, or below `at_least` probability)."""
        x = self.tags.get(block.line)
        return x.label if x is not None and x.p >= at_least else ""

    def consume(self, block: Block, label: str, reason: str) -> None:
        if label.strip():
            self.changes.append(Change("structure", block.line, label, "", reason))

    def extract(self, block: Block, source: str, kept: list[str], reason: str) -> None:
        """`source` became metadata; `kept` are the values stored in countable Document fields."""
        self.changes.append(Change("structure", block.line, source, " ".join(kept), reason))

    def names(self, block: Block, name: str) -> str:
        joined = _NAME_GAP.sub("", name.strip())
        if joined != name.strip():
            self.changes.append(Change("structure", block.line, name.strip(), joined, "typographic space inside a name"))
        return joined

    def set_venue(self, block: Block, source: str, v: md.VenueMatch, reason: str, *, header: bool = True) -> None:
        """Store a venue line's facts (the first venue line wins; a later one is only reported)."""
        name = _SPACED.sub("", v.name)
        kept: list[str] = []
        if v.article_no and not self.fields.get("article_no"):
            self.fields["article_no"] = v.article_no
            kept.append(v.article_no)
        if v.doi and not self.fields.get("doi"):
            self.fields["doi"] = v.doi
        if self.venue is None:
            self.venue = Venue(name, v.year, v.issue, v.pages, v.volume)
            kept += [x for x in (name, v.year, v.volume, v.issue, v.pages) if x]
            if v.month and header and "date" not in self.fields:  # 2024 年 4 月第 45 卷… on the first page
                self.fields["date"] = f"{v.year}-{int(v.month):02d}"
        self.extract(block, source, kept, reason)


# --- the header -------------------------------------------------------------------------------------

def _kind(text: str) -> str:
    """What a header line is: label, byline, authors, venue, english, heading (short, unknown) or body."""
    if (segs := md.segments(text)) and segs[0].field in ("date", "byline", "source") or md.run_byline(text):
        return "byline"
    if segs:
        return "label"
    if md.venue(text):
        return "venue"
    if md.author_line(text) or md.author_with_affiliation(text):
        return "authors"
    if md.is_english(text):
        return "english"
    if _is_label(text):
        return "label"
    if _CITATION.search(text):
        return "citation"  # the page's own "cite this article" line: 作者. 题名[J]. 刊名, 2021, 36(5).
    if not re.search(f"[{HAN}]", text):
        return "junk"
    if re.search(r"(\.\.\.|…)$", text):
        return "teaser"  # a search-result snippet the page shows above the article
    if md.numbered_heading(text) and md.heading_like(text, 60):
        return "section"  # 一、问题的提出: the body has begun, and no title is numbered
    if md.heading_like(text, 60) or (len(text) <= 60 and text[-1] in "？！?!" and "。" not in text):
        return "heading"  # a title may ask a question (数字政府到底是什么？)
    return "body" if len(text) > 40 or "。" in text else "short"  # 欢迎来到…网站！ is not prose


def _kinds(lines: list[Block]) -> list[str]:
    """Kinds of the first lines; the lines a label alone on its line takes as its value are "value"."""
    kinds = [_kind(b.text) for b in lines[:HEADER_LINES]]
    i = 0
    while i < len(kinds):
        segs = md.segments(lines[i].text) if kinds[i] == "label" else None
        if segs and segs[-1].field != "drop" and (not segs[-1].value.strip() or md.is_english(segs[-1].value)):
            if i + 1 < len(kinds) and kinds[i + 1] != "label":
                kinds[i + 1] = "value"
            i += 2
            continue
        i += 1
    return kinds


def _find_title(lines: list[Block]) -> int:
    """Index of the title: the short line just above the article's byline or author line (else above
    its venue line, its first label, or its first paragraph); -1 when the text starts with its body."""
    kinds = _kinds(lines)
    ends = [i for i, k in enumerate(kinds) if k in ("body", "section")]
    kinds = kinds[: ends[0] + 1] if ends else kinds
    for wanted in (("byline", "authors"), ("venue",), ("label",), ("body", "section")):
        for i, kind in enumerate(kinds):
            above = i - 1
            while above > 0 and kinds[above] == "english" and "body" not in wanted:  # an English title under the Chinese one
                above -= 1
            if kind in wanted and above >= 0 and kinds[above] == "heading":
                return above
            if "body" in wanted and kind in wanted:
                return -1
    return -1


def _label_value(lines: list[Block], i: int, value: str, field_name: str, stop: int) -> tuple[str, int]:
    """A label alone on its line takes its value from the next line(s): (value, lines used)."""
    if value.strip() and not md.is_english(value):
        return value, 0
    used: list[str] = []
    limit = 8 if field_name == "abstract" else 1
    j = i + 1
    while j < min(stop, len(lines)) and len(used) < limit:
        t = lines[j].text
        if _is_label(t) or md.is_english(t) or (field_name == "abstract" and used and md.heading_like(t)):
            break
        used.append(t)
        j += 1
    return "\n".join(used), len(used)


def _apply_segments(b: _Builder, lines: list[Block], i: int, later_keywords: bool, stop: int = 1 << 30) -> int:
    """Store the labelled fields of lines[i]; returns how many following lines were used as values."""
    block = lines[i]
    segs = md.segments(block.text) or []
    extra = 0
    for n, seg in enumerate(segs):
        value = seg.value
        label = seg.label
        if md.is_english(value) and seg.field in ("abstract", "author_bio", "keywords", "funding"):
            label, value = label + value, ""  # 作者简介 About authors: a bilingual template label
        if n == len(segs) - 1 and not value.strip() and seg.field not in ("drop", "english_abstract"):
            value, extra = _label_value(lines, i, value, seg.field, stop)
        _store(b, block, seg.field, label, value, later_keywords)
    if segs and segs[0].field == "drop" and len(segs) == 1 and not segs[0].value.strip():
        # 引用本文: the citation lines under it are the site's, too
        j = i + 1
        while j < min(stop, len(lines)) and _kind(lines[j].text) == "citation":
            b.consume(lines[j], lines[j].text, "the site's own citation of the article (citations are made from the metadata)")
            j += 1
        extra = j - i - 1
    return extra


def _letters(text: str) -> str:
    """What two copies of one text share when a site reprints it: its letters and digits, in order."""
    return "".join(ch for ch in text if ch.isalnum())


def _abstract_copy(first: str, second: str) -> str:
    """Whether one abstract is a copy of the other, as a site's teaser above the article often is (the first
    sentences, quotes dropped, cut short): "first" or "second" names the copy, "" when they differ."""
    a, b = _letters(first), _letters(second)
    if len(a) < 20 or len(b) < 20:
        return ""
    if b.startswith(a):
        return "first"
    return "second" if a.startswith(b) else ""


_TEASER_LABEL = re.compile(r"^.{0,8}?(?:摘\s*要|提\s*要)(?:[】〕\]]\s*[：:]?|\s*[：:])\s*")


def _drop_abstract_teasers(b: _Builder) -> None:
    """A paragraph above the text that is the abstract cut short (本文摘要：摘要：… over the full 摘要：…, a
    site's teaser) is removed and listed: the abstract says it whole. Unlabelled, it must be long enough
    (100 letters) to be a copy, not a first sentence the abstract shares."""
    abstract = b.fields.get("abstract", "")
    texts = b.sections[0][1]
    for k in reversed(range(min(3, len(texts), len(b.lead_lines)))):
        text, rest = texts[k], texts[k]
        while m := _TEASER_LABEL.match(rest):
            rest = rest[m.end() :]
        if (rest != text or len(_letters(rest)) >= 100) and _abstract_copy(rest, abstract) == "first":
            b.changes.append(Change("structure", b.lead_lines[k], text, "", "the site's shortened copy of the abstract"))
            del texts[k], b.lead_lines[k]


def _store(b: _Builder, block: Block, field_name: str, label: str, value: str, later_keywords: bool) -> None:
    """A labelled value into the Document, by its field's row (pipeline/document/fields.py, field_store.py)."""
    from pipeline.document.field_store import Labelled, store  # it uses this module's helpers: imported when first used

    kept, junk = md.trim_value(value)
    store(Labelled(b, block, field_name, label, value, kept, junk, later_keywords))


def _authors_line(b: _Builder, block: Block, names: list[tuple[str, str]]) -> None:
    run = "".join(n for n, _ in names)
    if b.authors and run == "".join(a.name for a in b.authors):
        if [a.name for a in b.authors] != [n for n, _ in names]:  # this line splits what the byline ran together
            b.authors = [Author(n) for n, _ in names]
        b.author_marks = [m for _, m in names]
        b.extract(block, block.text, [], "author names repeated by the page (kept once, as split here)")
        return
    if b.authors and {a.name for a in b.authors} < {n for n, _ in names}:  # 于涵 等 | 题名, then 于涵 赵晓燕 颜俊
        new = [n for n, _ in names if n not in {a.name for a in b.authors}]
        b.authors = [Author(n) for n, _ in names]
        b.author_marks = [m for _, m in names]
        b.extract(block, block.text, new, "author line names all the authors the title line began with")
        return
    if b.authors:  # a second, different line of names: kept readable with the author notes, not guessed between
        b.bio.append(block.text)
        return
    b.authors = [Author(n) for n, _ in names]
    b.author_marks = [m for _, m in names]
    b.extract(block, block.text, [n for n, _ in names], "author line becomes the authors (marks are affiliation numbers)")


def _affiliation(b: _Builder, block: Block, text: str = "") -> None:
    """An affiliation line: numbered parts go to the authors whose marks carry the number (or, with no
    marks and as many parts as authors, in order); one unnumbered affiliation is every author's."""
    text = (text or block.text).strip()
    inner = text[1:-1] if text[:1] in "(（" and text[-1:] in ")）" else text
    numbered = dict(re.findall(r"(?:^|[;；]\s*)(\d)\s*[.．、]?\s*([^;；\d\s][^;；]*)", inner))
    marks = b.author_marks + [""] * (len(b.authors) - len(b.author_marks))
    in_order = numbered and not any(marks) and len(numbered) == len(b.authors)
    added: list[str] = []
    new: list[Author] = []
    for index, (author, mark) in enumerate(zip(b.authors, marks, strict=True)):
        if numbered:
            nums = [str(index + 1)] if in_order else (re.findall(r"\d", mark) or (["1"] if len(numbered) == 1 else []))
            parts = [numbered[n].strip(" ;；") for n in nums if n in numbered]
        else:
            parts = [inner.strip(" ;；")]
        if index == 0:  # parts no author claims stay with the first author rather than vanish
            claimed = {re.findall(r"\d", m)[0] for m in marks if re.findall(r"\d", m)} if not in_order else set(numbered)
            parts += [v.strip(" ;；") for k, v in numbered.items() if k not in claimed and k not in nums]
        aff = "；".join(p for p in parts if p)
        joined = "；".join(x for x in (author.affiliation, aff) if x)
        if aff:
            added.append(joined[len(author.affiliation) :])
        new.append(Author(author.name, joined))
    b.authors = new
    b.extract(block, text, added, "affiliation line becomes the authors' affiliations")


def _english(b: _Builder, block: Block) -> None:
    text = block.text
    e = b.english
    if "abstract" in e and not md.segments(text):
        e["abstract"].append(text)
    elif "title" not in e:
        e["title"] = [text]
    elif len(e) == 1 and (text[:1] in "—-–:：" or e["title"][-1].rstrip().endswith((":", "："))):
        e["title"].append(text)
    elif text[:1] in "(（" or any(w in text for w in md.data().affiliation_markers):
        e.setdefault("affiliation", []).append(text)
    elif len(text) <= 60:
        e.setdefault("authors", []).append(text)
    else:
        e.setdefault("abstract", []).append(text)


def _header_line(b: _Builder, lines: list[Block], i: int, keyword_lines: list[int], stop: int, above_title: bool) -> int:
    """Store what lines[i] says; returns the index of the next line to read, or -1 when lines[i] is not
    a header line (above the title it is then the site's; below, the body has begun)."""
    block = lines[i]
    t = block.text
    kind = _kind(t)
    if (run := md.run_byline(t)) and not md.segments(t):
        date, names = run
        if "date" not in b.fields:
            b.fields["date"] = md.parse_date(date)
        split = md.split_names(names, strict=False) if names else None
        kept_names = names if names and not b.authors else ""
        if kept_names:
            b.authors = [Author(n) for n in (split or [names])]
        b.extract(block, t, [kept_names] if kept_names else [], "byline (date and authors run together) becomes metadata")
    elif kind in ("label", "byline") and (segments := md.segments(t)):
        i += _apply_segments(b, lines, i, later_keywords=any(k > i for k in keyword_lines), stop=stop)
        if segments[-1].field == "keywords" and len(b.keywords) == 1:
            while i + 1 < min(stop, len(lines)) and re.fullmatch(f"[{HAN}]{{2,12}}", lines[i + 1].text) \
                    and not md.author_line(lines[i + 1].text) \
                    and (i + 2 >= len(lines) or _kind(lines[i + 2].text) != "body"):  # keywords one per line, not 引言 + text
                i += 1
                b.keywords += (lines[i].text,)
    elif (source := spans.byline_source(t)) and not b.authors and b.venue is None:
        names, venue, rest = source  # 颜梅艳; 余斌, 地理科学进展 发表时间:2021-11-28
        b.authors = [Author(n) for n in names]
        b.venue = Venue(venue, "", "", "", "")
        b.extract(block, t[: len(t) - len(rest)], [*names, venue], "byline with the journal after a comma: authors, venue")
        if rest:
            _apply_segments(b, [Block(block.line, rest)], 0, later_keywords=False)
    elif kind == "venue" and (v := md.venue(t)):
        b.set_venue(block, t, v, "venue line becomes metadata")
    elif kind == "authors" and (names := md.author_line(t)):
        _authors_line(b, block, names)
    elif kind == "authors" and (found := md.author_with_affiliation(t)) and (
            not b.authors or (i > 0 and md.author_with_affiliation(lines[i - 1].text) and not {n for n, _ in found[0]} & {a.name for a in b.authors})):
        names, aff = found  # one author per line, each with an affiliation: 王敬尧（四川大学…） / 黄祥祥（华中师范大学…）
        b.authors += [Author(n, aff) for n, _ in names]
        b.extract(block, t, [n for n, _ in names] + [aff] * len(names), "author line with the affiliation in parentheses")
    elif above_title:
        return -1
    elif b.named_by_affiliation and b.tag(block) == "affiliation" and _JOB.search(t) and spans.names(t)[0]:
        _tagged_line(b, block, "affiliation")  # the next 长荣大学…学院 硕士生 张凯信: one more author
    elif b.authors and md.is_affiliation(t) and not md.is_english(t) and not b.fields.get("abstract"):
        _affiliation(b, block)
    elif name := md.bio_name(t):  # 陆军，北京大学…教授 without a 作者简介 label
        b.bio.append(t)
        if not b.authors:
            b.authors = [Author(name)]
            b.changes.append(Change("structure", block.line, "", name, "author named by the unlabelled bio line"))
    elif kind == "english":
        _english(b, block)
    else:
        return -1
    return i + 1


_COLUMN_TAGS = re.compile(f"[{HAN}]{{2,4}}(?:\\s+[{HAN}]{{2,4}})+")  # 社会研究 理论研究 (or names: 于涵 赵晓燕)
_LABEL_VALUE = re.compile(r"^[^：:]{1,12}[：:]\s*(?P<value>.+)$")


def _cannot_be_title(text: str) -> bool:
    """A line the labeller called a title but whose shape says otherwise: a label with a name or a
    number as its value (研究生：周姚均, 大小：28KB), names, an affiliation, a venue, a date line."""
    if spans.title_label(text):
        return False
    if (m := md.data().inline.search(text)) and m.start() >= 4 and _cannot_be_title(text[: m.start()]):
        return True  # 点赞：25654 浏览：119214 近期更新时间：…: what would be the title, before the run-in label, is not one
    if re.match(r"\s*(?:地址|通讯地址|电话|传真|手机|邮箱|电子邮箱|E[-_]?mail|QQ|微信号?)\s*[：:]", text, re.IGNORECASE):
        return True  # 地址：广东省广州市…: the site's or a company's contact line
    if _COLUMN_TAGS.fullmatch(text.strip()):
        return True  # 社会研究 理论研究, 文化人 天下事: a site's column tags (or names), short words spaced apart
    if spans.byline_source(text):
        return True  # 颜梅艳; 余斌, 地理科学进展 发表时间:…: the authors and their journal
    if re.search("(?:杂志社|出版社|编辑部|基金会|协会)$", text):
        return True  # 合作经济与科技杂志社, 财团法人国家政策研究基金会: the publisher's or the site's name
    if md.numbered_heading(spans.title_parts(text)[0]):
        return True  # 5.3 研究限制与建议: a section of the text (第四节题名: a book's chapter, whose title it is)
    if spans.generic_heading(text) or re.fullmatch(r"\s*[【\[〔［][^】\]〕］]{1,12}[】\]〕］]\s*", text) \
            or re.match(r"\s*[【\[〔［]?\s*(?:英文|外文)", text):
        return True  # 前言; 【行政学‧公共政策】: a column's tag; 【英文标题】…: the translation
    if re.fullmatch(r"[A-Za-z][A-Za-z ]{1,30}[：:]\s*[\d\s./-]*", text):
        return True  # Academic year: 2021, Views: 125: a record's field
    if _watermark(text):
        return True
    if "。" in text or len(text) > 100 or text.count("，") + text.count(",") >= 2 or text[-1:] in "；，,;：:":
        return True  # a sentence of prose, not a title
    m = _LABEL_VALUE.match(text)
    if m and (md.author_line(m.group("value")) or not re.search(f"[{HAN}]{{4}}", m.group("value"))):
        return True
    segs = md.segments(text)
    return bool(segs and segs[0].field != "column") or bool(md.run_byline(text) or md.author_line(text) or _affiliation_shaped(text)
                                                            or md.venue(text) or text[:1] in "-•·*")


_INSTITUTION_END = re.compile("(?:大学|学院|党校|研究院|研究所|研究中心|中心|实验室|科学院|学校|委员会|学系|学程|[系所处局])"
                              rf"(?:[\s,，;；、]+[{HAN}]{{2,8}}(?:\s+[{HAN}]{{2,4}})?)?[\s,，;；、]*(?:\d{{6}})?[\s)）]*$")


def _affiliation_shaped(text: str) -> bool:
    """An affiliation line, not a title that names an institution (岭南大学…中心举办「…」研究分享会, 大学与社区
    互动关系之研究, 多中心治理): it ends with the institution (a city and postcode aside) or says a job."""
    return md.is_affiliation(text) and bool(_INSTITUTION_END.search(text) or _JOB.search(text) or re.search(r"\d{6}", text))


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


def _title_span(lines: list[Block], b: _Builder) -> tuple[int, int] | None:
    """(first, last) index of the title the labeller found near the top, a subtitle under it included;
    a page's own title label (论文名称：…) first."""
    labelled = next((i for i, x in enumerate(lines[:HEADER_LINES]) if spans.title_label(x.text)), None)
    if labelled is not None:
        return labelled, labelled
    # the title stands above the text: never below the first paragraph of prose (a label's value aside)
    prose = next((i for i, x in enumerate(lines) if len(x.text) > 60 and "。" in x.text and not md.segments(x.text)
                  and not (i + 1 < len(lines) and b.tag(lines[i + 1]) == "title")), len(lines))  # a site's teaser right above the title
    head = lines[: min(HEADER_LINES, prose)]
    titles = [i for i, x in enumerate(head) if b.tag(x) == "title" and (not _cannot_be_title(x.text) or _dash_subtitle(lines, i))]
    if titles and (above := _title_above_labels(head, titles[0], b, ABOVE_LABELS_P)) is not None:
        titles = [above]
    run_on = next((i for i, x in enumerate(head) if b.tag(x) in ("byline", "date", "venue") and _run_on_title(x.text)), None)
    if run_on is not None and (not titles or (run_on - 1 in titles and len(lines[run_on - 1].text) < 8)):
        return run_on, run_on  # 题名时间：2020-10-06信息来源：…: the title the labeller saw as the header it runs into
    echo = _echoed(head, b)
    if echo is not None and (not titles or titles[0] > echo):
        return echo, echo  # the site's page title names it whole: no line under it continues it
    if titles:  # more than one: the first that heads the article's header block (a site's banner or teaser does not)
        heads = next((i for i in titles if _heads_header(lines, i, b)), None)
        found = titles[0] if heads is None else heads - 1 if heads - 1 in titles else heads  # over two lines: from the first
    else:  # no line is most likely the title: the likeliest one, if likely enough
        odds = [(b.tags[x.line].title_p, i) for i, x in enumerate(head)
                if x.line in b.tags and 4 <= len(x.text) <= 120 and not _cannot_be_title(x.text)]
        best = max(odds, default=(0.0, -1))
        if best[0] < TITLE_P:
            found = _topical_title(lines, head, b)
            return None if found is None else (found, found)
        found = best[1]
        if (above := _title_above_labels(head, found, b, ABOVE_LABELS_P)) is not None:
            found = above
    if lines[found].text.startswith(("—", "--", "-", "－")) and found > 0 and re.search(f"[{HAN}]{{6}}", lines[found - 1].text) \
            and not _cannot_be_title(lines[found - 1].text):
        found -= 1  # 魏增：论…制度 / ——兼论…: the labeller took the subtitle for the title
    last = found
    while last + 1 < len(lines) and last - found < 2 and b.tag(lines[last + 1]) in ("title", "subtitle"):
        last += 1
    if last == found and last + 1 < len(lines) and _title_continues(lines, last + 1, b):
        last += 1  # 绿营智库 / 在两岸关系中的作用 / 曾建元: a title broken over two lines, the byline under the second
    return found, last


def _title_above_labels(head: list[Block], first: int, b: _Builder, at_least: float) -> int | None:
    """A title the labeller saw under the abstract's or keywords' label is a section heading when a line above
    those labels has some odds of a title too (the title at the top, repeated further down the page, which made
    the labeller doubt it): the title stands above the article's own labels."""
    label = next((i for i, x in enumerate(head[:first]) if (segs := md.segments(x.text)) and segs[0].field in ("abstract", "keywords")), None)
    if label is None:
        return None
    odds = [(b.tags[x.line].title_p, i) for i, x in enumerate(head[:label])
            if x.line in b.tags and 4 <= len(x.text) <= 120 and not _cannot_be_title(x.text)]
    best = max(odds, default=(0.0, -1))
    return best[1] if best[0] >= at_least else None


TOPICAL_SHARE = 0.6  # of a line's characters the article's prose also uses (in pairs), for a title no labeller odds back
_PROSE_LIKE = re.compile("[，。、,]")


def _pairs(text: str) -> set[str]:
    return {run[k : k + 2] for run in re.findall(f"[{HAN}]+", text) for k in range(len(run) - 1)}


def _prose_share(text: str, used: Counter[str]) -> float:
    """The share of a line's Han characters in a character pair that other prose lines of the page use."""
    own = _pairs(text) if len(text) > 20 and _PROSE_LIKE.search(text) else set()
    runs = re.findall(f"[{HAN}]+", text)
    covered = set()
    for r, run in enumerate(runs):
        for k in range(len(run) - 1):
            if used[run[k : k + 2]] > (run[k : k + 2] in own):
                covered |= {(r, k), (r, k + 1)}
    return len(covered) / max(1, sum(len(run) for run in runs))


def _topical_title(lines: list[Block], head: list[Block], b: _Builder) -> int | None:
    """Where the labeller found no title: the first short line above the header whose wording the article's prose
    uses (a title's words recur in its text; a site's button, banner or notice does not), if the prose uses most of it."""
    used = Counter(g for x in lines if len(x.text) > 20 and _PROSE_LIKE.search(x.text) for g in _pairs(x.text))
    for i, x in enumerate(head):
        if b.tag(x) in _HEADER_TAGS:
            return None  # the header starts: the title stands above it
        text = x.text.strip()
        if (6 <= len(text) <= 60 and len(_pairs(text)) >= 4 and not re.search("[。！？!?|｜_]", text)
                and b.tag(x) not in ("spam", "body") and not _cannot_be_title(text) and not md.numbered_heading(text)
                and _prose_share(text, used) >= TOPICAL_SHARE):
            return i
    return None


_PAGE_TITLE_SEP = ":：|｜_-－–—·【】[]《》 "


def _names_whole(page_title: str, text: str) -> bool:
    """Does a site's page-title line hold `text` as one whole part (环报第115期：题名, 题名 - 站名, 题名_栏目_站名)?"""
    at = page_title.find(text)
    if at < 0:
        return False
    before, after = page_title[:at].rstrip(), page_title[at + len(text) :].lstrip()
    return (not before or before[-1] in _PAGE_TITLE_SEP) and (not after or after[0] in _PAGE_TITLE_SEP)


def _echoed(head: list[Block], b: _Builder) -> int | None:
    """The first line that a chrome line above it (the site's page title, its banner) names whole: the site says
    which line is the article's title, where the labeller saw the repeat as chrome or chose a heading lower down."""
    for i, x in enumerate(head):
        text = x.text.strip()
        if not 6 <= len(text) <= 60 or len(re.findall(f"[{HAN}]", text)) < 4 or _cannot_be_title(text):
            continue
        if b.tag(x) in (*_HEADER_TAGS, "spam") or md.numbered_heading(text) or re.search("[|｜_]", text):  # a site's name
            continue
        if any(b.tag(y) == "chrome" and _names_whole(y.text.strip(), text) for y in head[:i]):
            return i
    return None


def _dash_subtitle(lines: list[Block], i: int) -> bool:
    """-兼论…: a subtitle under its title, not a list item (a line starting with '-' is never a title itself)."""
    text = lines[i].text
    return (i > 0 and text[:1] in "-－" and not _cannot_be_title(text.lstrip("-－ "))
            and bool(re.search(f"[{HAN}]{{6}}", lines[i - 1].text)) and not _cannot_be_title(lines[i - 1].text))


def _title_continues(lines: list[Block], i: int, b: _Builder) -> bool:
    """Is lines[i] the rest of the title above it: a short heading-like line the header follows, which the
    labeller did not see as the header and gives some chance of being the title (a site's line after the title: ~0)?"""
    text = lines[i].text
    return (len(text) <= 20 and md.heading_like(text) and not _cannot_be_title(text) and not md.numbered_heading(text)
            and b.tag(lines[i]) not in _HEADER_TAGS and not re.search("[，,；;：:]", text) and _heads_header(lines, i, b)
            and b.tags[lines[i].line].title_p >= CONTINUES_P)


_TAG_RESIDUE = re.compile(r"""\s*["']?\s*/?>\s*$""")  # the end of an HTML tag a scraper left: ">, "/>
_DATED = re.compile(r"\s*[\[【（(]\s*(?:19|20)\d{2}[-./年]\d{1,2}[-./月]\d{1,2}日?\s*[\]】）)]\s*$")


def _run_on_title(text: str) -> bool:
    """A header line that starts with the title (题名时间：…来源：…作者：…, the line breaks lost; 题名 [2016.06.21])."""
    m = md.data().inline.search(text) or _DATED.search(text)
    return bool(m) and len(re.findall(f"[{HAN}]", text[: m.start()])) >= 8 and not _cannot_be_title(text[: m.start()])


def _heads_header(lines: list[Block], i: int, b: _Builder) -> bool:
    """Does the header (byline, date, venue, a label) follow a title-labelled line, chrome aside? Not if other
    lines start with its text (a page that lists 题名 篇1:, 题名 篇2: … under a collection's name)."""
    text = lines[i].text
    if sum(1 for x in lines[:HEADER_LINES] if len(x.text) > len(text) and x.text.startswith(text)) >= 2:
        return False
    for x in lines[i + 1 : i + 4]:
        tag = b.tag(x)
        if tag in _HEADER_TAGS or tag == "subtitle":
            return True
        if tag not in ("chrome", "spam"):
            return False
    return False


def _seo_title(lines: list[Block], b: _Builder) -> int:
    """Index of the site's page-title line (标题_栏目_站名) when it is the only place the title stands."""
    for i, x in enumerate(lines[:8]):
        site = b.tag(x) == "chrome" or (b.tag(x) == "spam" and spans.FILE_NAME.search(x.text))  # a file name is no spam
        if site and (title := spans.seo_title(x.text)):
            b.fields["title"] = title
            b.extract(x, x.text, [title], "the site's page title (title_column_site) names the article: title")
            return i
    return -1


_HEADER_TAGS = ("byline", "affiliation", "date", "venue", "field", "english")


def _tagged_line(b: _Builder, block: Block, tag: str) -> bool:
    """Store what a line the labeller put in the header says, where the recognisers did not read it."""
    t = block.text
    if tag in ("byline", "date") and b.venue is None and (v := spans.source_venue(t)):
        b.venue = Venue(v[0], v[1], v[3], "", v[2])  # 2016-11-14 来源：《行政论坛》 2016年第2期 作者：…
        b.extract(block, "", [x for x in v if x], "the header line names the journal the article comes from: venue")
    if tag == "byline":
        names, aff = spans.names(t)
        date = md.parse_date(t)
        if date and "date" not in b.fields:
            b.fields["date"] = date
        have = {a.name for a in b.authors}
        new = [n for n in names if n not in have]
        if new and have and have <= set(names):  # 仝志辉等：题名 named the first author; the byline names them all
            b.authors = [Author(n, aff) for n in names]
            b.extract(block, t, new + [aff] * len(new), "byline (line labeller) names all the authors")
            return True
        if new and (not b.authors or b.last_tag == "byline"):  # one name per line: 作者 / 张三 教授 / 李四 副教授
            b.authors += [Author(n, aff) for n in new]
            b.extract(block, t, new + [aff] * len(new), "byline (line labeller) becomes the authors")
            return True
        b.consume(block, t, "byline repeats the authors" if b.authors else "byline (line labeller) names no one we can read")
        return True
    if tag == "affiliation" and (not b.authors or b.named_by_affiliation) and (_JOB.search(t) or not md.is_affiliation(t)) \
            and not md.bio_name(t) \
            and (names := [n for n in spans.names(t)[0] if n not in {a.name for a in b.authors}]):
        b.authors += [Author(n) for n in names]  # 长荣大学 绿能与环境资源学系 赖信志教授: a byline that starts with the affiliation
        b.named_by_affiliation = True
        b.changes.append(Change("structure", block.line, "", " ".join(names), "author named by the affiliation line (kept with the author notes)"))
        b.bio.append(t)
        return True
    if tag == "affiliation":
        if b.authors and not b.fields.get("abstract"):
            _affiliation(b, block)
        else:
            b.bio.append(t)
        return True
    if tag == "date":
        date = md.parse_date(t)
        run = md.run_byline(_TAG_RESIDUE.sub("", t))  # 2022-03-12杨阳">: a tag's end left on the line
        names = md.split_names(run[1]) if run and run[1] and not b.authors else None
        if date and "date" not in b.fields and names:
            b.fields["date"] = date
            b.authors = [Author(n) for n in names]
            b.extract(block, t, names, "byline (date and authors run together, an HTML tag's end after them) becomes metadata")
            return True
        if date and "date" not in b.fields:
            b.fields["date"] = date
            b.consume(block, t, "date line (line labeller) becomes metadata (date)")
            return True
        if date:
            b.history.append(t)
            return True
        return False
    if tag == "venue":
        v = spans.venue(t)
        if v and b.venue is None:
            name, year, volume, issue = v
            b.venue = Venue(name, year, issue, "", volume)
            b.extract(block, t, [x for x in v if x], "venue line (line labeller) becomes metadata")
            return True
        if v or md.venue(t, running=True):
            b.consume(block, t, "venue repeated by the page")
            return True
        return False
    if tag == "english":
        _english(b, block)
        return True
    if tag == "field":
        b.bio.append(t)
        return True
    return False


def _above_title(b: _Builder, lines: list[Block], i: int, keyword_lines: list[int], first_title: int) -> int:
    """Read lines[i] above the title; returns the next index to read."""
    block = lines[i]
    if (after := _header_line(b, lines, i, keyword_lines, first_title, above_title=True)) != -1:
        return after
    run = i  # a metadata line broken one token per line (Advances in … / Vol. / 12 / No. / 01 / ( / 2023 / ) …): joined
    while run < first_title and not re.search(f"[{HAN}]", lines[run].text) and len(lines[run].text) <= 40:
        run += 1
    if run - i > 2 and (v := md.venue(" ".join(x.text for x in lines[i:run]))):
        b.set_venue(block, " ".join(x.text for x in lines[i:run]), v, "venue header broken over lines, joined: metadata")
        return run
    if b.tag(block) in ("byline", "date", "venue") and _tagged_line(b, block, b.tag(block)):
        return i + 1
    b.consume(block, block.text, "text above the article's title is the site's (page title, navigation, teaser)")
    return i + 1


def _read_header(lines: list[Block], b: _Builder) -> int:
    """Read the page's header into the builder; returns the index of the first body line."""
    keyword_lines = [i for i, x in enumerate(lines) if (s := md.segments(x.text)) and s[0].field == "keywords"]
    span = _title_span(lines, b)
    if span is not None:
        first_title, title_at = span
    else:
        title_at = _find_title(lines)
        subtitle = title_at > 0 and lines[title_at].text.startswith(("—", "--", "－")) and _kind(lines[title_at - 1].text) == "heading"
        first_title = title_at - 1 if subtitle else title_at  # 主标题 / ——副标题 on two lines
        if b.tags and title_at >= 0 and (_cannot_be_title(lines[title_at].text) or b.tag(lines[title_at]) == "body"):
            first_title = title_at = -1  # the rules' guess, where the labeller found none: not a line it reads as the text
    if title_at < 0:
        seo = _seo_title(lines, b) if b.tags else -1
        if seo < 0:  # no title: with a labeller, the header lines at the top are still read
            return _read_below_title(lines, b, 0, keyword_lines) if b.tags else 0
        i = 0
        while i < seo:
            i = _above_title(b, lines, i, keyword_lines, seo)
        return _read_below_title(lines, b, seo + 1, keyword_lines)
    i = 0
    while i < first_title:  # above the title: the header fields a page may put first, else the site's own
        i = _above_title(b, lines, i, keyword_lines, first_title)
    title = Block(lines[first_title].line, "".join(x.text for x in lines[first_title : title_at + 1]))
    _set_title(b, title)
    return _read_below_title(lines, b, title_at + 1, keyword_lines)


def _set_title(b: _Builder, title: Block) -> None:
    """The title line without the site's decoration around it (spans.title_parts), stray spaces closed up."""
    text = title.text
    rest = ""
    if b.tags and (m := md.data().inline.search(text)) and m.start() >= 4:  # 标题时间: 2020-10-06信息来源:…作者:… on one line
        text, rest = text[: m.start()], text[m.start() :]
    text, removed, names = spans.title_parts(text)
    if (m := _DATED.search(removed)) and "date" not in b.fields and (date := md.parse_date(m.group(0))):
        b.fields["date"] = date  # 题名 [2016.06.21]: the date the site put after the title
    if removed and names and not b.authors:
        b.authors = [Author(n) for n in names]
        b.extract(title, removed, names, "the title line names its authors before a colon: authors")
    elif removed:
        b.consume(title, removed, "the site's decoration around the title (label, issue number, author or column prefix, note)")
    b.fields["title"] = _TITLE_GAP.sub("", text)
    if b.fields["title"] != text:
        b.changes.append(Change("structure", title.line, text, b.fields["title"], "stray space inside the title"))
    if rest:
        _apply_segments(b, [Block(title.line, rest)], 0, later_keywords=False)


_FILE_SUFFIX = re.compile(f"\\s*(?:Word文档下载推荐|文档下载|下载)?\\s*\\.(?:{spans.FILE_EXTENSIONS})\\s*", re.IGNORECASE)


def _repeats_title(text: str, title: str) -> bool:
    """The line is the title again, as it is or in the site's decoration (题名.docx, 题名Word文档下载推荐.docx,
    题名_第3页, | 题名 |)."""
    if not title:
        return False
    bare = _TITLE_GAP.sub("", text.strip())
    return title in (bare, _TITLE_GAP.sub("", spans.title_parts(text)[0])) or (
        bare.startswith(title) and bool(_FILE_SUFFIX.fullmatch(bare[len(title) :])))


def _unlabelled_prose(text: str) -> bool:
    """A paragraph of prose: sentences, no label before them, not a bio (陆军，北京大学…教授)."""
    return _kind(text) == "body" and "。" in text and not md.segments(text) and not md.bio_name(text)


def _read_below_title(lines: list[Block], b: _Builder, i: int, keyword_lines: list[int]) -> int:
    """The header under the title, up to the first body line (its index is returned)."""
    title = b.fields.get("title", "")
    while i < len(lines):
        block = lines[i]
        tag = b.tag(block)
        sure = b.tag(block, CHROME_BODY_P if md.is_english(block.text) else CHROME_P)  # an English title, one word a line
        if tag in ("chrome", "spam") and (sure or (_COLUMN_TAGS.fullmatch(block.text) and not md.author_line(block.text))) \
                and _droppable(block.text, header=True):
            b.changes.append(Change("remove_chrome", block.line, block.text, "", f"the site's {tag} inside the article's header (line labeller)"))
            i += 1
            continue
        if _repeats_title(block.text, title):
            b.consume(block, block.text, "the page repeats the title")
            i += 1
            continue
        if title and not b.authors and (tag == "subtitle" or block.text.startswith(("——", "--"))) \
                and len(block.text) <= 60 and "。" not in block.text:  # ——以武汉市江汉区为个案, under a date line
            b.fields["title"] = title = title + _TITLE_GAP.sub("", block.text)  # spaces are not counted by the conservation check
            i += 1
            continue
        if tag in ("body", "heading", "note", "credit") and _kind(block.text) in ("body", "short", "heading", "section") \
                and not md.bio_name(block.text) and not spans.byline_source(block.text):  # 陆军，北京大学…教授: the bio
            return i
        if tag == "field" and not b.bio and not b.fields.get("author_bio") and _unlabelled_prose(block.text):
            return i  # a paragraph the labeller filed as a field, with no author note begun: the text has begun
        if (after := _header_line(b, lines, i, keyword_lines, len(lines), above_title=False)) != -1:
            i = after
            b.last_tag = tag
            continue
        if tag in _HEADER_TAGS and _tagged_line(b, block, tag):
            i += 1
            b.last_tag = tag
            continue
        return i
    return i


# --- the body ---------------------------------------------------------------------------------------

def _unrun_front_page(text: str, b: _Builder) -> str:
    """A PDF's first page pasted as one line is broken into its parts (only line breaks are added)."""
    first = text.lstrip("\n").split("\n", 1)[0]
    cuts = md.front_page_cuts(first)
    if not cuts:
        return text
    at = text.index(first)
    pieces = [first[i:j] for i, j in zip([0, *cuts], [*cuts, len(first)], strict=True)]
    b.changes.append(Change("structure", text[:at].count("\n") + 1, "", "", "PDF first page pasted as one line: broken into header lines"))
    return text[:at] + "\n".join(pieces) + text[at + len(first) :]


def structure(text: str, ctx: Context, cut_at_end: bool = False, damaged: int = 0) -> tuple[Document, list[Change]]:
    """`cut_at_end`: the page stops inside a word (a reading cut off at its end): its last line is incomplete.
    `damaged`: how many runs text repair marked as unreadable (□): the page says so."""
    b = _Builder(ctx)
    b.damaged = damaged
    text = _unrun_front_page(text, b)
    lines = _lines(text)
    b.tags = dict(zip((x.line for x in lines), labeller.label(text.split("\n")), strict=False))
    b.cut_at = lines[-1].line if cut_at_end and lines else 0
    start = _read_header(lines, b)
    _authors_from_bio(b)
    first_line = lines[start].line if start < len(lines) else len(text.split("\n")) + 1
    in_notes = False
    items = _items(text, first_line, b.changes, b.tag)
    for index, block in enumerate(items):
        t = block.text
        if not in_notes and index < LATE_HEADER_ITEMS and _late_header(b, block):
            continue
        if _watermark(t):
            b.changes.append(Change("remove_chrome", block.line, t, "", "a PDF's watermark, its letters spaced apart"))
            continue
        if (tag := b.tag(block, CHROME_BODY_P)) in ("chrome", "spam") and not in_notes and _droppable(t):
            b.changes.append(Change("remove_chrome", block.line, t, "", f"the site's {tag} between the article's paragraphs (line labeller)"))
            continue
        if not in_notes and _repeats_title(t, b.fields.get("title", "")):  # 题名_第2页: a document site's page marker
            b.consume(block, t, "the page repeats the title")
            continue
        if in_notes and (m := _NOTE.match(t)):  # [1] / (1) / 1. / ① numbered notes or references
            number = int(m.group("n") or m.group("p") or m.group("d") or ord(m.group("c")) - ord("①") + 1)
            b.consume(block, m.group("mark"), "note number becomes the footnote's number")
            b.notes.append(Note(number, m.group("text").strip()))
            continue
        if _CREDIT.match(t) and (credits := list(_CREDIT.finditer(t))):
            rest = _CREDIT.sub("", t)
            b.consume(block, "".join(rest.split()), "separators between editor credits")
            for m in credits:
                b.consume(block, t[m.end("role") : m.start("name")], "colon after a credit's role")
                b.credits.append(Credit(m.group("role"), b.names(block, m.group("name"))))
            continue
        if (segs := md.segments(t)) and segs[0].field not in ("date", "byline", "source", "drop", "column"):
            body_lines = [Block(block.line, t)]
            _apply_segments(b, body_lines, 0, later_keywords=False)
            continue
        if m := _AUTHOR_NOTE.match(t):
            b.consume(block, "【】", "brackets around the author note")
            b.fields["author_note"] = m.group("note")
            continue
        if md.notes_heading(t):
            b.consume(block, t, "notes heading rendered by the page template")
            in_notes = True
            continue
        if _is_heading(t) and index + 1 < len(items) and b.tag(block) not in ("affiliation", "byline", "date", "body"):
            b.sections.append((_heading(b, block), []))
            continue
        if len(b.sections) == 1:
            b.lead_lines.append(block.line)
        b.sections[-1][1].append(_paragraph(b, block, t))
    _authors_from_bio(b)  # a 作者简介 the header reading did not reach (it stopped above it): read in the body
    _drop_abstract_teasers(b)
    return _document(b, ctx), b.changes


def _late_header(b: _Builder, block: Block) -> bool:
    """A byline, date or venue line the labeller is sure of, under a first paragraph the header reading
    stopped at (导读 and its teaser, then 作者 | …): read it, if it says something."""
    if not b.authors and re.fullmatch(r"作\s*者\s*[：:]?", block.text):  # 作 者, then one author per line with the affiliation
        b.consume(block, block.text, "label 作者 over the authors' lines")
        b.last_tag = "byline-label"
        return True
    if b.last_tag in ("byline-label", "byline-row") and len(block.text) <= 80 and (names := spans.names(block.text)[0]) \
            and block.text.startswith(names[0]) and len(names) == 1:
        aff = block.text[len(names[0]):].strip()
        b.authors.append(Author(names[0], aff))
        b.extract(block, block.text, [names[0], aff], "author line under the label 作者 (name, then affiliation) becomes the authors")
        b.last_tag = "byline-row"
        return True
    tag = b.tag(block, LATE_HEADER_P)
    if tag == "affiliation" and b.last_tag == "byline" and b.authors:
        return _tagged_line(b, block, tag)
    b.last_tag = tag
    if tag == "byline" and len(block.text) <= 80 and (names := spans.names(block.text)[0]) \
            and (not b.authors or {a.name for a in b.authors} < set(names)):  # none yet, or the title named only the first
        return _tagged_line(b, block, tag)
    if (tag == "date" and "date" not in b.fields and md.parse_date(block.text)) or (tag == "venue" and b.venue is None and spans.venue(block.text)):
        return _tagged_line(b, block, tag)
    return False


def _authors_from_bio(b: _Builder) -> None:
    """No byline, but an author bio (作者简介：张三（1980—），男，…): its names are the authors; and where the header
    named only the first of them (刘福才：题名 over 刘福才，…；谢少华，…), the others too."""
    found: list[str] = []
    for bio in b.bio:
        for part in re.split(r"[；;]\s*|\n", bio):
            m = re.match(f"^\\s*(?:作者简介[：:]?\\s*)?([{HAN}]{{2,4}})(?=[，,（(\\s])", part)
            if m and (names := md.split_names(m.group(1), strict=False)) and len(names) == 1 and m.group(1) not in found:
                found.append(m.group(1))
    have = [a.name for a in b.authors]
    if not found or (have and not set(have) < set(found)):
        return
    known = {a.name: a for a in b.authors}
    b.authors = [known.get(n, Author(n)) for n in found]
    b.changes.append(Change("structure", 0, "", " ".join(n for n in found if n not in known), "authors named by the author bio"))


def _heading(b: _Builder, block: Block) -> str:
    """A letter-spaced heading (引  言, 0  引  言) closed up; the spaces are listed."""
    t = block.text
    if _LETTER_SPACED.match(t):
        closed = " ".join(_SPACED.sub("", t).split())
        b.changes.append(Change("structure", block.line, t, closed, "letter-spacing inside a heading closed up"))
        return closed
    return t


def _paragraph(b: _Builder, block: Block, t: str) -> str:
    title = b.fields.get("title", "")
    if title and not any(p for _, p in b.sections) and t.startswith((title + " ", title + "\u3000")):
        b.consume(block, title, "the page repeats the title before the text")
        t = t[len(title) :].lstrip()
    if running := md.venue(t, running=True):  # 第37卷第1期2018年1月情报杂 志JOURNALOF…Jan.2018 inside a sentence
        piece = t[running.start : running.end]
        b.set_venue(block, piece, running, "PDF running header spliced into the text: removed (gives the venue)", header=False)
        t = t[: running.start] + t[running.end :]
    for m in list(_INLINE_NOTE.finditer(t))[::-1]:
        n = int(m.group("n"))
        if any(x.number == n for x in b.notes):
            continue
        b.notes.append(Note(n, m.group("note").strip()))
        b.changes.append(Change("structure", block.line, m.group("marker"), f"[{n}]", "note printed inside the text moved to the notes"))
        t = t[: m.start()] + f"[{n}]" + t[m.end() :]
    return t


def _document(b: _Builder, ctx: Context) -> Document:
    sections = []
    for si, (heading, texts) in enumerate(b.sections):
        if not heading and not texts:
            continue
        paragraphs = tuple(Paragraph(f"s{si}-p{pi}", *_split_lead(t)) for pi, t in enumerate(texts, start=1))
        sections.append(Section(f"s{si}", heading, paragraphs))
    e = b.english
    english = English(*(" ".join(x for x in e.get(k, []) if x) for k in ("title", "authors", "abstract", "affiliation", "keywords"))) \
        if e else None
    doc = Document(
        title=b.fields.get("title", ""),
        abstract=b.fields.get("abstract", ""),
        keywords=b.keywords,
        clc=b.fields.get("clc", ""),
        doc_code=b.fields.get("doc_code", ""),
        sections=tuple(sections),
        author_note=b.fields.get("author_note", ""),
        notes=tuple(sorted(b.notes, key=lambda n: n.number)),
        credits=tuple(b.credits),
        authors=tuple(b.authors),
        date=b.fields.get("date", ""),
        venue=b.venue,
        article_no=b.fields.get("article_no", ""),
        doi=b.fields.get("doi", ""),
        funding=tuple(b.funding),
        author_bio="\n".join(b.bio),
        english=english,
        history=tuple(b.history),
        column=b.fields.get("column", ""),
    )
    doc = _check_notes(doc, ctx)
    if b.damaged:
        doc = Document(**{**doc.__dict__, "warnings": (*doc.warnings, f"damaged:{b.damaged}")})
    for code in doc.warnings:  # the change report says it too, next to what was changed
        b.changes.append(Change("structure", 0, "", "", f"partial page published with a notice ({code})"))
    return doc


def _check_notes(doc: Document, ctx: Context) -> Document:
    """Duplicate note numbers fail (which note would a marker mean?); a note list cut off by the
    scraper, or a note never cited, loses no text: published with a warning."""
    numbers = [n.number for n in doc.notes]
    if len(set(numbers)) != len(numbers):
        dup = next(n for n in numbers if numbers.count(n) > 1)
        raise PipelineError(f"note [{dup}] is listed twice", file=ctx.file, text=f"[{dup}]")
    markers = [int(m) for p in doc.paragraphs() for m in _MARKER.findall(p.lead + p.text)]
    warnings: list[str] = []
    if missing := sorted({n for n in markers if n not in numbers}):
        warnings.append("notes-missing:" + ",".join(map(str, missing)))
    if uncited := [n for n in numbers if n not in markers]:
        warnings.append("notes-uncited:" + ",".join(map(str, uncited)))
    paragraphs = doc.paragraphs()
    last = (paragraphs[-1].lead + paragraphs[-1].text) if paragraphs else doc.abstract
    if last and last.rstrip()[-1] not in _SENTENCE_END:
        warnings.append("ends-mid-sentence")
    if (doc.title or doc.keywords) and not doc.abstract and (doc.keywords or doc.authors or doc.venue):
        warnings.append("no-abstract")
    return Document(**{**doc.__dict__, "warnings": tuple(warnings)})
