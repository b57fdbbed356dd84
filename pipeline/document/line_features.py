"""Features of a page's lines for the line labeller: today's recognisers become evidence, not decisions.

Takes the lines of a page (raw or cleaned, either script); gives one feature dict per line. Lines are
first brought to one form (readings removed, simplified, NFKC), so a scraped page and the same page after
text repair look alike to the model: it is trained on raw pages and applied to repaired text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from pipeline.core.chars import HAN
from pipeline.core.convert import t2s
from pipeline.core.data import rule_data
from pipeline.core.patterns import DataPattern, compile_pattern
from pipeline.document import metadata as md
from pipeline.text.rules.pinyin import strip_annotations

Features = dict[str, float | str | bool]

_DATE = re.compile(r"(19|20)\d{2}\s*[-/年.]\s*\d{1,2}\s*[-/月.]\s*\d{1,2}")
_YEAR_MONTH = re.compile(r"(19|20)\d{2}\s*[-/年.]\s*\d{1,2}(?!\d)")
_TIME = re.compile(r"(?<!\d)\d{1,2}:\d{2}(?!\d)")
_SHORT_DATE_END = re.compile(r"(?<!\d)(\d{1,2}[-/]\d{1,2}|\d{4}-\d{2}-\d{2})\s*$")
_URL = re.compile(r"(?i)(https?://|www\.|\.com|\.cn\b|\.net\b)")
_EMAIL = re.compile(r"[\w.-]+@[\w-]+\.\w+")
_PHONE = re.compile(r"\d{3,4}-\d{7,8}|1[3-9]\d{9}")
_ISSUE = re.compile(r"(19|20)\d{2}\s*年?\s*(第\s*)?\d{1,3}\s*期|Vol\.?\s*\d|No\.?\s*\d|\d+\s*\(\s*\d+\s*\)")
_CITATION = re.compile(r"\[(J|M|C|D|N|EB/OL|J/OL)\]")
_NOTE_START = re.compile(r"^(\[\d{1,3}\]|[(（]\d{1,3}[)）]|[①-⑳]|\d{1,3}[.．、](?!\d))")
_POSTAL = re.compile(r"(?<!\d)\d{6}(?!\d)")
_SEPARATORS = re.compile(r"[|｜_>＞/·•]")
_SENT = "。！？!?；;"
_TOKENS = re.compile(r"[\s,，、;；/|｜:：()（）\[\]【】]+")
_MARKS = re.compile(r"[\d*＊†‡#①-⑳]+$")
_CHROME_WORDS = ("首页", "登录", "注册", "分享", "收藏", "下载", "打印", "关闭", "返回", "评论", "点击", "阅读", "浏览",
                 "复制", "扫码", "客服", "版权", "声明", "导航", "栏目", "频道", "推荐", "相关", "热门", "上一篇", "下一篇",
                 "微信", "微博", "联系我们", "网站", "手机", "搜索", "暂无", "更多", "编辑", "责任", "来源", "作者", "发布",
                 "时间", "字号", "举报", "会员", "充值", "页数", "大小", "上传", "VIP", "文档", "论文", "期刊", "转载")
_MAX_LINE = 400  # features read a line's head: a 5 MB one-line article costs no more than a paragraph


@cache
def _spam_markers() -> tuple[str, ...]:
    chrome = rule_data()["chrome"]
    return tuple(m.lower() for m in chrome["spam_markers"])  # type: ignore[index]


@cache
def _chrome_patterns() -> tuple[DataPattern, ...]:
    chrome = rule_data()["chrome"]  # under RE2, as the chrome rule runs them: linear time whatever the pattern
    return tuple(compile_pattern(p["pattern"]) for p in chrome["chrome_lines"])  # type: ignore[index]


def normal(line: str) -> str:
    """One form for raw and repaired lines: readings removed, simplified, NFKC, spaces collapsed."""
    head = line[:_MAX_LINE]
    return " ".join(t2s(strip_annotations(unicodedata.normalize("NFKC", head))).split())


def _bucket(value: float, edges: tuple[float, ...]) -> str:
    return str(sum(value > e for e in edges))


def _own(text: str, length: int) -> Features:
    """What one line says by itself. The keys keep their order (the trained model's attributes are numbered
    in the order they first appear)."""
    f: Features = {}
    for part in (_measures, _edges, _marks, _site_words, _recognised, _names):
        f.update(part(text, length))
    return f


def _measures(text: str, length: int) -> Features:
    """Its length, and how much of it is Han, Latin, digits, sentence ends, commas."""
    n = max(1, len(text.replace(" ", "")))
    han = len(re.findall(f"[{HAN}]", text))
    latin = sum(c.isascii() and c.isalpha() for c in text)
    digits = sum(c.isdigit() for c in text)
    return {"len": _bucket(length, (4, 8, 12, 20, 30, 45, 70, 120, 250)), "han": _bucket(han / n, (0.2, 0.5, 0.8, 0.95)),
            "latin": _bucket(latin / n, (0.05, 0.3, 0.6)), "digit": _bucket(digits / n, (0.05, 0.2, 0.5)),
            "sent": _bucket(sum(text.count(c) for c in _SENT), (0, 1, 3)), "commas": _bucket(text.count("，") + text.count(","), (0, 2, 6))}


def _edges(text: str, length: int) -> Features:
    """How it ends and starts."""
    end = text[-1] if text[-1] in "。！？!?：:；;，,…)）】]”\"" else ("han" if re.match(f"[{HAN}]", text[-1]) else "x")
    start = text[0] if text[0] in "【[［〔(（《“\"■●◆▲—-·#*" else ("digit" if text[0].isdigit() else ("han" if re.match(f"[{HAN}]", text[0]) else "x"))
    return {"end": end, "start": start, "head2": text[:2]}


_SEARCHED = (("date", _DATE), ("yearmonth", _YEAR_MONTH), ("time", _TIME), ("enddate", _SHORT_DATE_END), ("url", _URL),
             ("email", _EMAIL), ("phone", _PHONE), ("issue", _ISSUE), ("cite", _CITATION))


def _marks(text: str, length: int) -> Features:
    """The marks it carries: colons, book titles, separators, spaces, dates, addresses, issue numbers, a note's number."""
    f: Features = {"colon": "：" in text or ":" in text, "book": "《" in text, "sep": _bucket(len(_SEPARATORS.findall(text)), (0, 1, 3)),
                   "spaces": _bucket(text.count(" "), (0, 1, 3, 6))}
    f.update((key, bool(rx.search(text))) for key, rx in _SEARCHED)
    f["notestart"] = bool(_NOTE_START.match(text))
    f["postal"] = bool(_POSTAL.search(text))
    f["ellipsis"] = text.endswith(("...", "…"))
    f["question"] = text.rstrip()[-1:] in "?？" and "。" not in text
    return f


def _site_words(text: str, length: int) -> Features:
    """The site's words: spam markers, the buttons' and menus' words, the chrome rule's whole-line patterns."""
    low = text.lower()
    f: Features = {"spam": _bucket(sum(m in low for m in _spam_markers()), (0, 1, 3))}
    f.update(("w:" + w, True) for w in _CHROME_WORDS if w.lower() in low)
    if length <= 2000 and any(rx.fullmatch(text) for rx in _chrome_patterns()):
        f["chromepat"] = True
    return f


def _recognised(text: str, length: int) -> Features:
    """What the header recognisers (metadata.py) make of it."""
    f: Features = {}
    if segs := md.segments(text):
        f.update({"seg": segs[0].field, "segs": _bucket(len(segs), (1, 2)), "segempty": not segs[-1].value.strip()})
    f.update({"notesh": md.notes_heading(text), "numhead": md.numbered_heading(text, rare=False), "headlike": md.heading_like(text, 40),
              "runby": bool(md.run_byline(text)), "venue": bool(md.venue(text)), "venuerun": bool(md.venue(text, running=True)),
              "authors": bool(md.author_line(text)), "authaff": bool(md.author_with_affiliation(text)), "english": md.is_english(text),
              "affil": md.is_affiliation(text), "bio": bool(md.bio_name(text))})
    return f


def _names(text: str, length: int) -> Features:
    """Whether it is a name, and how many of its words are."""
    f: Features = {}
    if length <= 60 and re.fullmatch(f"[{HAN}]{{2,4}}", text):
        f["name"] = bool(md.split_names(text))
    if length <= 160:
        tokens = [_MARKS.sub("", t) for t in _TOKENS.split(text) if t]
        names = sum(1 for t in tokens if re.fullmatch(f"[{HAN}]{{2,4}}", t) and (s := md.split_names(t)) and len(s) == 1)
        f["names"] = _bucket(names, (0, 1, 2))
        f["namefrac"] = _bucket(names / max(1, len(tokens)), (0, 0.3, 0.6))
    return f


# Lines compared with each other (a line inside or containing another: the title in the site's page title) only in
# the page's first WINDOW lines, where the header and the site's chrome around it stand: comparing every line with
# every other was quadratic (20,000 lines: minutes). The corpus's pages are all shorter.
WINDOW = 300

_NEIGHBOUR_KEYS = ("len", "han", "sent", "end", "start", "colon", "date", "seg", "notesh", "numhead", "headlike",
                   "runby", "venue", "authors", "authaff", "english", "affil", "chromepat", "spam", "ellipsis",
                   "url", "blank", "block", "topical")


def _blocks(texts: list[str], own: list[Features]) -> None:
    """Runs of lines with no blank line between them: a paragraph broken into narrow lines is one run
    of many short lines with full stops somewhere, a header is runs of one or two."""
    start = 0
    for k in range(len(texts) + 1):
        if k == len(texts) or (k > start and own[k]["blank"]):
            run = texts[start:k]
            chars = sum(len(t) for t in run)
            size, weight, sentence = _bucket(len(run), (1, 2, 5, 10)), _bucket(chars, (30, 80, 200, 500)), any("。" in t for t in run)
            for j in range(start, k):  # once per run, not per line (a run of 20,000 lines)
                own[j]["block"] = size
                own[j]["blockchars"] = weight
                own[j]["blocksent"] = sentence
                own[j]["inblock"] = "first" if j == start else ("last" if j == k - 1 else "mid")
            start = k


def _bigrams(text: str) -> list[str]:
    han = re.findall(f"[{HAN}]+", text)
    return [run[i : i + 2] for run in han for i in range(len(run) - 1)]


def _bigram_counts(texts: list[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for t in texts:
        for g in set(_bigrams(t)):
            counts[g] = counts.get(g, 0) + 1
    return counts


def _topical(text: str, topic: dict[str, int], is_prose: bool) -> str:
    """How much of a line's wording the article's prose uses: a title's words recur in the text, a
    site's button or notice does not (the line's own occurrence is not counted)."""
    grams = set(_bigrams(text[:120]))
    if not grams:
        return "none"
    shared = sum(1 for g in grams if topic.get(g, 0) > (1 if is_prose else 0))
    return _bucket(shared / len(grams), (0.1, 0.3, 0.5, 0.7))


def features(lines: list[str]) -> list[Features]:
    """One feature dict per non-blank line of `lines` (blank lines give none, but count as gaps)."""
    kept = [(i, normal(x)) for i, x in enumerate(lines) if x.strip()]
    texts = [t or "?" for _, t in kept]
    own = [_own(t, len(t)) for t in texts]
    for k, (i, _) in enumerate(kept):
        own[k]["blank"] = i > 0 and not lines[i - 1].strip()
        own[k]["blankafter"] = i + 1 < len(lines) and not lines[i + 1].strip()
    _blocks(texts, own)
    page = _Page.of(texts)
    return [{"bias": 1.0, **own[k], **_on_page(page, k, t), **_neighbours(own, k)} for k, t in enumerate(texts)]


@dataclass(frozen=True)
class _Page:
    """What a line is compared with: the page's other lines and its prose."""
    texts: list[str]
    counts: dict[str, int]  # how often each line stands on the page
    short: list[str]  # the short lines of the page's top window
    prose: set[int]  # the lines of prose
    topic: dict[str, int]  # the character pairs of the prose, with the number of prose lines using each
    first_prose: int  # the first line of prose with a full stop

    @classmethod
    def of(cls, texts: list[str]) -> _Page:
        counts: dict[str, int] = {}
        for t in texts:
            counts[t] = counts.get(t, 0) + 1
        prose = {k for k, t in enumerate(texts) if len(t) > 60 and ("。" in t or "，" in t)}
        return cls(texts, counts, [t for t in texts[:WINDOW] if 4 <= len(t) <= 80], prose,
                   _bigram_counts([texts[k] for k in sorted(prose)]),
                   next((k for k, t in enumerate(texts) if len(t) > 60 and "。" in t), len(texts)))


def _on_page(page: _Page, k: int, t: str) -> Features:
    """Where line k stands on the page and how it relates to the rest: repeated, using the prose's words, inside
    or containing another line of the top window (the title inside the site's page title)."""
    return {"pos": str(min(k, 12)), "rel": _bucket(k / max(1, len(page.texts)), (0.1, 0.25, 0.5, 0.75)),
            "prose_before": _bucket(page.first_prose - k, (-20, -1, 0, 2, 5)), "repeat": page.counts[t] > 1,
            "topical": _topical(t, page.topic, k in page.prose),
            "inside": k < WINDOW and 4 <= len(t) <= 80 and any(t != s and t in s for s in page.short if len(s) > len(t)),
            "contains": k < WINDOW and len(t) <= 200 and any(s != t and s in t for s in page.short if len(s) >= 6)}


def _neighbours(own: list[Features], k: int) -> Features:
    """The neighbours' telling features, two lines up and down (`-1:date`); `+2:edge` past the page's end."""
    f: Features = {}
    for off in (-2, -1, 1, 2):
        j = k + off
        prefix = f"{off:+d}:"
        if not 0 <= j < len(own):
            f[prefix + "edge"] = True
            continue
        for key in _NEIGHBOUR_KEYS if abs(off) == 1 else _NEIGHBOUR_KEYS[:8]:
            if key in own[j]:
                f[prefix + key] = own[j][key]
    return f


def crf_items(feats: list[Features]) -> list[dict[str, float]]:
    """python-crfsuite's form: strings become 'key=value' with weight 1, booleans 1/absent."""
    items = []
    for f in feats:
        item: dict[str, float] = {}
        for key, value in f.items():
            if isinstance(value, bool):
                if value:
                    item[key] = 1.0
            elif isinstance(value, str):
                item[f"{key}={value}"] = 1.0
            else:
                item[key] = float(value)
        items.append(item)
    return items
