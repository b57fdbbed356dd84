"""Remove stray spaces inside Chinese prose: PDF line breaks, CNKI-style ", " and " (…) " spacing.

Chinese prose puts no space between characters or around fullwidth punctuation. Real input:

    标 志着“互联网+”战略正式启动 … 建设指 南       (xielw: a space wherever the PDF line broke)
    1998年, 时任美国副总统 … 数字化 (技术入驻政府) 、转型   (govmade: halfwidth marks with spaces)
    形成普遍共识[1] 。2022年6 月, 國務院          (jizihe)

-> 标志着…建设指南 / 1998年，时任… 数字化（技术入驻政府）、转型 / 共识[1]。2022年6 月，國務院.

Runs after normalise_punctuation. On prose lines (MIN_PROSE characters with a fullwidth comma or full
stop) it removes spaces between two Chinese characters or marks, before a fullwidth mark, and after one;
on other lines only a space after a fullwidth separator (`關鍵詞： 歐盟； 數據共享`), so that author lines
(`高志華 謝標`), space-separated keyword lists and letter-spaced labels on their own line keep theirs.
Spaces between Chinese and Latin or digits (`使用 API 接口`) are a typographic choice and stay.
"""

from __future__ import annotations

import re

from pipeline.core.changes import Change
from pipeline.core.chars import CJK
from pipeline.core.context import Context

MIN_PROSE = 40
_SPACE = "[ \u00a0\u3000]+"
_MARKS = "\u3001-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2014\u2018\u2019\u201c\u201d\u2026\u00b7"
_STRAY = re.compile(f"(?<=[{CJK}]){_SPACE}(?=[{CJK}])|(?<=\\S){_SPACE}(?=[{_MARKS}])|(?<=[{_MARKS}]){_SPACE}(?=\\S)")
_PROSE = re.compile("[，。]")
# In any line, a space after a fullwidth separator is stray: 歐盟政府數據治理： 體系建設 / 關鍵詞： 歐盟； 數據共享.
_AFTER_SEPARATOR = re.compile(f"(?<=[：；，、。！？]){_SPACE}(?=\\S)")
# A numbered heading pasted in front of its paragraph (xielw: `1价值共创理论与电子政务服务 价值共创理论大体…`):
# the space is the only boundary left between them, so it stays.
_HEADING = re.compile("(?:\\d+(?:\\.\\d+)*|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十]+[章节])[^。，；：！？]{1,30}")


def remove_stray_spaces(text: str, ctx: Context) -> tuple[str, list[Change]]:
    changes: list[Change] = []
    lines = text.split("\n")
    for number, line in enumerate(lines, start=1):
        body = line.lstrip()
        prose = len(body) >= MIN_PROSE and _PROSE.search(body)
        stray = _STRAY if prose else _AFTER_SEPARATOR
        if not stray.search(body):
            continue
        indent = line[: len(line) - len(body)]

        def drop(match: re.Match[str], number: int = number, body: str = body) -> str:
            segment = re.split("[。！？]", body[: match.start()])[-1]
            if _HEADING.fullmatch(segment):
                return match.group(0)
            around = body[max(0, match.start() - 2) : match.end() + 2]
            changes.append(Change("remove_stray_spaces", number, around, around.replace(match.group(0), "", 1),
                                  "space_inside_chinese_prose"))
            return ""

        lines[number - 1] = indent + stray.sub(drop, body)
    return "\n".join(lines), changes
