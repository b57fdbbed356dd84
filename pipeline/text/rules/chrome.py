"""Remove whole lines of site chrome and SEO spam (patterns in corpus/data/chrome.yaml).

Three passes, all from reviewed patterns: spam lines (several spam markers), chrome lines (a pattern
matches the whole line), and chrome fields inside a metadata line (`… 文章浏览量:` -> `…`). Then a short
line between a chrome line and a navigation line (a site's name or logo text: `網站首頁 | 網站地圖` /
`大國新村` / `首頁 > … > 正文`) goes too; a short title between a breadcrumb and share buttons stays.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.core.changes import Change
from pipeline.core.context import Context
from pipeline.core.convert import t2s
from pipeline.core.patterns import DataPattern, compile_pattern
from pipeline.text.rules.html_tags import tag_spans
from pipeline.text.rules.pinyin import strip_annotations

_SENTENCE_PUNCT = re.compile("[。，；：！？,;:!?]")
_LIST_SEPARATORS = re.compile("[,，_|｜、]")
# Prose with full stops loses a whole line only on strong evidence: policy text may name 国产 and 亚洲.
PROSE_MIN_HITS = 4


def _normalise(line: str) -> str:
    """The line as the patterns read it: simplified, readings removed, and without HTML tags (they go in the next rule,
    remove_html_tags): the ">" of `《中国<b>行政</b>管理》2021年第5期` made two breadcrumb steps, and the venue line
    was dropped as a breadcrumb trail (issue 22)."""
    rest, pos = [], 0
    for start, end in sorted(tag_spans(line)):
        rest.append(line[pos:max(pos, start)])
        pos = max(pos, end)
    line = "".join(rest) + line[pos:]
    return t2s(strip_annotations(line)).strip()


CHROME_LINE_MAX = 2000  # characters; the longest chrome line in the 21 real pages is far shorter
# The codes (chrome.yaml) of a site's navigation: a short line above one is the site's name.
NAVIGATION = frozenset({"breadcrumb", "site_navigation_bar", "navigation_menu", "site_name_above_site_navigation"})

def remove_chrome(text: str, ctx: Context) -> tuple[str, list[Change]]:
    rules = _Rules.of(ctx.data["chrome"])  # type: ignore[arg-type]
    lines = text.split("\n")
    removed: dict[int, Change] = {}  # index -> change
    for index, line in enumerate(lines):
        if change := _chrome_line(line, index + 1, rules):
            removed[index] = change
    _site_names(lines, removed, rules.site_name_max)
    changes: list[Change] = []
    kept: list[str] = []
    for index, line in enumerate(lines):
        if index in removed:
            changes.append(removed[index])
            continue
        kept.append(_remove_fields(line, index + 1, rules.fields, changes))
    changes.sort(key=lambda c: c.line)
    return "\n".join(kept), changes


@dataclass(frozen=True)
class _Rules:
    """corpus/data/chrome.yaml, compiled."""
    markers: list[str]  # spam markers
    min_hits: int  # markers that make a line spam
    patterns: list[tuple[DataPattern, str]]  # whole chrome lines, with their codes
    fields: list[tuple[DataPattern, str]]  # chrome fields inside a line
    site_name_max: int  # the longest site name between two chrome lines
    list_items: int  # a list of this many short items with a marker is spam (0: never)

    @classmethod
    def of(cls, data: dict[str, object]) -> _Rules:
        # RE2: linear time whatever the reviewed pattern (pipeline/core/patterns.py); checked when the data were loaded
        return cls(data["spam_markers"], data["spam_min_hits"],  # type: ignore[arg-type]
                   [(compile_pattern(p["pattern"]), p["code"]) for p in data["chrome_lines"]],  # type: ignore[attr-defined]
                   [(compile_pattern(p["pattern"]), p["code"]) for p in data.get("chrome_fields", [])],  # type: ignore[attr-defined]
                   data.get("site_name_max_chars", 0), data.get("spam_list_min_items", 0))  # type: ignore[arg-type]


def _chrome_line(line: str, number: int, rules: _Rules) -> Change | None:
    """A spam line (markers; a list of short items with one), or a line a chrome pattern matches whole."""
    norm = _normalise(line)
    if not norm:
        return None
    hits = sorted({m for m in rules.markers if m.lower() in norm.lower()})
    prose = "。" in norm
    items = [item for item in _LIST_SEPARATORS.split(norm) if item.strip()]
    if len(hits) >= (PROSE_MIN_HITS if prose else rules.min_hits):
        return Change("remove_chrome", number, line, "", "spam_line", tuple(hits[:4]))  # args: the markers
    if hits and not prose and rules.list_items and len(items) >= rules.list_items and max(len(i) for i in items) <= 24:
        return Change("remove_chrome", number, line, "", "spam_line", (hits[0],))  # a list of short items with a marker
    # Chrome is a short line (a menu, a footer, a breadcrumb); a longer one is prose, and matching the
    # patterns in full against it costs time that grows faster than its length (a 250 kB line: 100 s).
    code = next((kind for rx, kind in rules.patterns if rx.fullmatch(norm)), None) if len(norm) <= CHROME_LINE_MAX else None
    return Change("remove_chrome", number, line, "", code) if code else None


def _site_names(lines: list[str], removed: dict[int, Change], site_name_max: int) -> None:
    """A site's name between two chrome lines: short, no punctuation, chrome on both sides. Only above a navigation
    line: a short title between a breadcrumb and the share buttons stays."""
    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    for k in range(1, len(nonblank) - 1):
        i = nonblank[k]
        short = _normalise(lines[i])
        following = removed.get(nonblank[k + 1])
        if (i not in removed and nonblank[k - 1] in removed and following is not None
                and following.code in NAVIGATION
                and len(short) <= site_name_max and not _SENTENCE_PUNCT.search(short)):
            removed[i] = Change("remove_chrome", i + 1, lines[i], "", "site_name_above_site_navigation")


def _remove_fields(line: str, number: int, fields: list[tuple[DataPattern, str]], changes: list[Change]) -> str:
    simplified = t2s(line)
    if not fields or len(simplified) != len(line):  # positions must map one to one
        return line
    for rx, code in fields:
        group = rx.groupindex.get("field", 0)  # RE2 has no look-ahead: a pattern may match past its field (by number: RE2)
        for m in reversed(list(rx.finditer(simplified))):
            start, end = m.start(group), m.end(group)
            if simplified[start:end].strip():
                changes.append(Change("remove_chrome", number, line[start:end], "", code))
                line = line[:start] + line[end:]
                simplified = simplified[:start] + simplified[end:]
    return line
