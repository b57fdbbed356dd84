"""Recognisers for the metadata lines of scraped article pages (issue 13).

Each recogniser looks at one line of the canonical simplified text and says what it is: a labelled
field (摘要, 关键词, 中图分类号 … from corpus/data/labels.yaml), a byline (date and authors run
together, or 发布日期：… 作者：…), a venue and issue (corpus/data/venues.yaml), a line of author
names (surnames from corpus/data/names.yaml), an affiliation, an English line. They only recognise;
pipeline/document/structure.py decides where the pieces go and records every consumed character.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import jieba.posseg

from pipeline.core.chars import HAN
from pipeline.core.data import load_yaml
from pipeline.core.layout import CORPUS
from pipeline.core.patterns import DataPattern, compile_pattern
from pipeline.core.validate import check_patterns

_GAP = "[\\s?？\"“”　]*"  # what a page may put between a label's characters (letter-spacing, lost-space '?')
_OPEN, _CLOSE = "[【［\\[〔]", "[】］\\]〕]"


@dataclass(frozen=True)
class Label:
    field: str
    colon: bool
    glued: bool
    inline: bool


@dataclass(frozen=True)
class Segment:
    """One labelled field on a line: `label` is the label with its brackets and separator."""
    field: str
    label: str
    value: str


@dataclass(frozen=True)
class VenueMatch:
    name: str
    year: str
    month: str
    volume: str
    issue: str
    pages: str
    doi: str
    article_no: str
    start: int
    end: int


@dataclass(frozen=True)
class Data:
    labels: dict[str, Label]  # label name -> what it is
    ordered: tuple[str, ...]  # label names, longest first (the regex groups are numbered in this order)
    start: re.Pattern[str]  # a label at the start of a line
    inline: re.Pattern[str]  # a bracketed or colon-ended inline label anywhere
    venues: tuple[tuple[DataPattern, bool, bool], ...]  # pattern, prefix, running
    section_number: DataPattern
    rare_section_number: DataPattern | None  # known to the structure reader, not a labeller feature
    notes_heading: re.Pattern[str]
    bio_markers: tuple[str, ...]
    affiliation_markers: tuple[str, ...]
    surnames: dict[str, int]  # surname -> rank (0 = commonest)


def _name_pattern(name: str) -> str:
    if re.fullmatch(f"[{HAN}]+", name):
        return _GAP.join(re.escape(c) for c in name)
    return "(?i:" + "\\s*".join(re.escape(w) for w in name.split()) + ")"


@cache
def data() -> Data:
    raw = load_yaml(CORPUS / "data" / "labels.yaml", "labels")
    venues = load_yaml(CORPUS / "data" / "venues.yaml", "venues")
    names = load_yaml(CORPUS / "data" / "names.yaml", "names")
    assert isinstance(raw, dict) and isinstance(venues, dict) and isinstance(names, dict)
    labels: dict[str, Label] = {}
    for entry in raw["labels"]:
        for name in entry["names"]:
            labels[name] = Label(entry["field"], entry.get("colon", False), entry.get("glued", False), entry.get("inline", False))
    ordered = sorted(labels, key=len, reverse=True)  # 文章浏览量 before 浏览量
    alternatives = "|".join(f"(?P<n{i}>{_name_pattern(n)})" for i, n in enumerate(ordered))
    start = re.compile(f"^\\s*(?P<open>{_OPEN})?\\s*(?:{alternatives})(?:\\s*(?P<close>{_CLOSE}))?(?P<sep>\\s*[：:]\\s*|\\s+|$)?")
    inline_names = "|".join(f"(?P<m{i}>{_name_pattern(n)})" for i, n in enumerate(ordered) if labels[n].inline)
    inline = re.compile(f"(?P<open>{_OPEN})\\s*(?:{inline_names})\\s*{_CLOSE}\\s*[：:]?\\s*|(?:{inline_names.replace('?P<m', '?P<c')})\\s*[：:]\\s*")
    surnames = {s: i for i, s in enumerate(names["single"])}
    surnames.update({s: i for i, s in enumerate(names["compound"])})
    # The data files' own patterns run under RE2, in linear time (pipeline/core/patterns.py), checked first (file, line)
    check_patterns(venues, CORPUS / "data" / "venues.yaml")
    check_patterns(raw, CORPUS / "data" / "labels.yaml", fields=("section_numbers", "section_numbers_rare"))
    pats = tuple((compile_pattern(v["pattern"].replace("{HAN}", HAN)), v.get("prefix", False), v.get("running", False))
                 for v in venues["venues"])
    section = compile_pattern("^(?:" + "|".join(raw["section_numbers"]) + ")")
    rare = compile_pattern("^(?:" + "|".join(raw["section_numbers_rare"]) + ")") if raw.get("section_numbers_rare") else None
    notes = "|".join(_name_pattern(n) for n in sorted(raw["notes_headings"], key=len, reverse=True))
    notes_heading = re.compile(f"^{_OPEN}?\\s*(?:{notes})\\s*{_CLOSE}?\\s*[：:]?$")
    return Data(labels, tuple(ordered), start, inline, pats, section, rare, notes_heading, tuple(raw["bio_markers"]), tuple(raw["affiliation_markers"]),
                surnames)


def _which(m: re.Match[str], prefix: str) -> str:
    """The label name whose group matched (groups n0…, m0…, c0… follow Data.ordered)."""
    for key, value in m.groupdict().items():
        if value is not None and key[0] == prefix and key[1:].isdigit():
            return data().ordered[int(key[1:])]
    raise AssertionError("label group missing")


def label_at_start(line: str) -> tuple[str, re.Match[str]] | None:
    """The label a line starts with (name, match), if the label's own rules accept it there."""
    m = data().start.match(line)
    if not m:
        return None
    name = _which(m, "n")
    label = data().labels[name]
    bracketed = bool(m.group("open")) and bool(m.group("close"))
    sep = m.group("sep")
    if bool(m.group("open")) != bool(m.group("close")):
        return None
    if label.colon and not bracketed and not (sep and sep.strip()):
        return None
    if not bracketed and sep is None and not label.glued:
        return None
    if not bracketed and sep is None and label.glued and m.end() < len(line) and not re.match(f"[{HAN}]", line[m.end()]):
        return None
    return name, m


def segments(line: str) -> list[Segment] | None:
    """A line that starts with a label, cut at every further inline label: [(field, label, value)]."""
    first = label_at_start(line)
    if not first:
        return None
    name, m = first
    cuts: list[tuple[int, int, str]] = [(0, m.end(), name)]
    for x in data().inline.finditer(line, m.end()):
        inner = "m" if x.group("open") else "c"
        cuts.append((x.start(), x.end(), _which(x, inner)))
    out = []
    for i, (s, e, n) in enumerate(cuts):
        end = cuts[i + 1][0] if i + 1 < len(cuts) else len(line)
        out.append(Segment(data().labels[n].field, line[s:e], line[e:end]))
    return out


def trim_value(value: str) -> tuple[str, str]:
    """A label's value without the spaces and lost-space '?' a page leaves after it: (value, removed)."""
    kept = value.strip().rstrip("?？ \u3000;；,，").strip()
    return kept, value.replace(kept, "", 1) if kept else value


_DATE = re.compile(r"(?P<y>(19|20)\d{2})\s*[-/年.]\s*(?P<m>\d{1,2})\s*(?:[-/月.]\s*(?P<d>\d{1,2})\s*日?|月)?")
_RUN_BYLINE = re.compile(f"^(?P<date>((19|20)\\d{{2}}[-/.]\\d{{1,2}}[-/.]\\d{{1,2}}|(19|20)\\d{{2}}年\\d{{1,2}}月\\d{{1,2}}日)"
                         f"(\\s*\\d{{1,2}}:\\d{{2}}(:\\d{{2}})?)?)\\s*(?P<names>[{HAN}]{{2,16}})?$")


def parse_date(text: str) -> str:
    """ISO date of the first date in `text` (2021-12-14, 2021年12月14日, 2023/11/9; YYYY-MM when no day)."""
    m = _DATE.search(text)
    if not m or not 1 <= int(m.group("m")) <= 12:
        return ""
    if m.group("d") and 1 <= int(m.group("d")) <= 31:
        return f"{m.group('y')}-{int(m.group('m')):02d}-{int(m.group('d')):02d}"
    return f"{m.group('y')}-{int(m.group('m')):02d}"


def run_byline(line: str) -> tuple[str, str] | None:
    """`2021-12-14 07:09高志华谢标` -> (date and time as written, the names run together or "")."""
    m = _RUN_BYLINE.match(line.strip())
    if m and m.group("names") and re.fullmatch("(?:星期|礼拜|周)[一二三四五六日天]", m.group("names")):
        return None  # 2017年2月27日 星期一: a weekday, not a name
    return (m.group("date"), m.group("names") or "") if m else None


def venue(line: str, *, running: bool = False) -> VenueMatch | None:
    """The venue and issue a line states (a whole line, a line's prefix, or a running header inside it)."""
    text = line.strip()
    for rx, prefix, is_running in data().venues:
        if is_running != running:
            continue
        m = rx.search(text) if running else (rx.match(text) if prefix else rx.fullmatch(text))
        if m:
            g = {k: (v or "") for k, v in m.groupdict().items()}
            offset = line.find(text)
            return VenueMatch(g.get("name", "").strip(), g.get("year", ""), g.get("month", ""), g.get("volume", ""),
                              g.get("issue", ""), re.sub(r"\s", "", g.get("pages", "")), g.get("doi", ""),
                              g.get("article_no", ""), offset + m.start(), offset + m.end())
    return None


def _is_word(token: str) -> bool:
    """jieba knows `token` as an ordinary word (关闭, 方法), not a person's name."""
    tag = jieba.posseg.dt.word_tag_tab.get(token)
    return tag is not None and not tag.startswith("nr")


def _surname(name: str) -> str:
    s = data().surnames
    if name[:2] in s and len(name) >= 3:
        return name[:2]
    return name[:1] if name[:1] in s else ""


def split_names(run: str, *, strict: bool = True) -> list[str] | None:
    """Names run together (詹国辉阳林谢紫嫣) split so that every name starts with a known surname:
    2-4 characters each, commoner surnames and three-character names preferred. None if no split.
    Strict (a line on its own): a piece jieba knows as an ordinary word (关闭, 黄河) is no name; in a
    byline after a date, where names are expected, such a piece only costs more."""
    ranks = data().surnames
    best: dict[int, tuple[float, list[str]]] = {0: (0.0, [])}
    for i in range(len(run)):
        if i not in best:
            continue
        cost, names = best[i]
        for size in (2, 3, 4):
            name = run[i : i + size]
            if len(name) < size:
                break
            surname = _surname(name)
            word = _is_word(name)
            if not surname or (size == 4 and len(surname) == 1) or (size == 2 and len(surname) == 2) or (word and strict):
                continue
            step = 1 + ranks[surname] / 100 + (0.3 if size - len(surname) == 1 else 0) + (2 if word else 0)
            if i + size not in best or best[i + size][0] > cost + step:
                best[i + size] = (cost + step, [*names, name])
    return best[len(run)][1] if len(run) in best else None


_NAME_TOKEN = re.compile(f"(?P<name>[{HAN}]{{2,16}})(?P<marks>[\\s\\d,，*＊†]*?)(?=[\\s,，、;；]|$)")


def author_line(line: str) -> list[tuple[str, str]] | None:
    """A line of author names (高志华 谢标 / 黄仁德*、姜树翰** / 姚冲 1,2, 甄峰 1,2): [(name, marks)]."""
    text = line.strip()
    if not text or len(text) > 60 or not re.fullmatch(f"[{HAN}·\\s\\d,，、;；*＊†]+", text):
        return None
    out: list[tuple[str, str]] = []
    pos = 0
    for m in re.finditer(f"([{HAN}]+(?:·[{HAN}]+)*)([^{HAN}·]*)", text):
        if text[pos : m.start()].strip():
            return None
        pos = m.end()
        names = [m.group(1)] if "·" in m.group(1) else split_names(m.group(1))  # 买买提·吐尔逊: one name
        if not names:
            return None
        out += [(n, "") for n in names[:-1]] + [(names[-1], m.group(2).strip(" ,，、;；"))]
    return out or None


def author_with_affiliation(line: str) -> tuple[list[tuple[str, str]], str] | None:
    """`郭嘉欣（陕西交通职业技术学院 …，陕西 西安 710018）`: the names and the affiliation they share."""
    m = re.fullmatch(r"\s*(?P<who>[^（()）]+?)\s*[（(](?P<aff>[^（()）]{4,120})[）)]\s*", line)
    if not m or not any(w in m.group("aff") for w in data().affiliation_markers):
        return None
    names = author_line(m.group("who"))
    return (names, m.group("aff").strip()) if names else None


def is_english(line: str) -> bool:
    letters = sum(c.isascii() and c.isalpha() for c in line)
    return not re.search(f"[{HAN}]", line) and letters >= 2 and letters >= 0.5 * len("".join(line.split()))


def is_affiliation(line: str) -> bool:
    text = line.strip()
    return (len(text) <= 160 and "。" not in text and any(w in text for w in data().affiliation_markers)
            and not segments(text))


def bio_name(line: str) -> str:
    """The name a bio line starts with (陆军，北京大学…副院长，教授), or ""."""
    m = re.match(f"^([{HAN}]{{2,4}})[，,（(]", line.strip())
    if not m or not any(w in line for w in data().bio_markers):
        return ""
    names = split_names(m.group(1), strict=False)  # a name where one is expected: 陆军 is also a word
    return m.group(1) if names and len(names) == 1 else ""


def heading_like(text: str, max_len: int = 40) -> bool:
    t = text.strip()
    return bool(t) and len(t) <= max_len and t[-1] not in "。；！？：，…" and "。" not in t


_EN_RUNNING = re.compile(r"\s*[A-Z][A-Za-z .,&]{5,80}?(19|20)\d{2}\s*Vol\.?\s*\d+\s*No\.?\s*\d+(\s+\d{1,4}(?!\d))?\s*")
_BIO_LABELS = re.compile("(作者简介|通讯作者|通信作者)\\s*[：:]")


def front_page_cuts(line: str) -> list[int]:
    """Where to break a PDF's first page pasted as one line (2024 年 4 月第 45 卷第 2 期湘南学院学报
    Journal of … No.2 103 题名作者，作者*（单位）摘 要：…作者简介：…。正文…): offsets of the breaks
    between venue, English running header, title, authors, affiliation, labelled block and body."""
    v = venue(line)
    if len(line) < 200 or not v or v.start > 2:
        return []
    cuts = [v.end]
    pos = v.end
    if m := _EN_RUNNING.match(line, pos):
        cuts.append(m.end())
        pos = m.end()
    first = re.search(f"[（(][^（()）]{{4,80}}[）)]\\s*(?={_GAP.join('摘要')})", line[pos:])
    if not first:
        return cuts
    head = line[pos : pos + first.start()]
    # the longest tail of the head that is a line of names, its first name glued to the title's end
    sizes = [size for size in range(1, len(head) - 1)
             if len(re.split(r"[，,、\s]", head[size:], maxsplit=1)[0]) <= 4 and author_line(head[size:])]
    if not sizes:
        return cuts
    size = sizes[0]
    cuts += [pos + size, pos + first.start(), pos + first.end()]
    bios = list(_BIO_LABELS.finditer(line, pos + first.end()))
    if bios and (stop := line.find("。", bios[-1].end())) != -1:
        cuts.append(stop + 1)
    return cuts


def numbered_heading(line: str, *, rare: bool = True) -> bool:
    """一、 （一） 1. 1.1 第一章 …: a section heading's number (corpus/data/labels.yaml); `rare`: 壹、 too."""
    d, text = data(), line.strip()
    return bool(d.section_number.match(text) or (rare and d.rare_section_number and d.rare_section_number.match(text)))


def notes_heading(line: str) -> bool:
    """注释 / 参考文献 / 【参考文献】 / References: the heading of the notes list."""
    return bool(data().notes_heading.match(line.strip()))
