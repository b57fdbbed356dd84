"""Restore spaces that a GBK round trip turned into `?` (or `"`), and tell real question marks apart.

A page's no-break or ideographic spaces (`&nbsp;`, U+3000) have no place in GBK, so a scraper that
re-encoded the page wrote `?` for each. Real examples (realpages taokecoco, 99guiyi, handmsg, victorzhang):

    [摘? ? 要] 在多種新興…                 -> [摘    要] 在多種新興…
    [中圖分類號] C913.7? [文獻標識碼] A? [  -> [中圖分類號] C913.7  [文獻標識碼] A  [
    中图分类号:D035-3? ? 文献标志码:A? ?   -> 中图分类号:D035-3    文献标志码:A
    一、引? 論                              -> 一、引  論
    摘" " " 要:數據…  (another site wrote `"`) -> 摘      要:數據…
    ?   (a line holding only the lost space, often right above the title) -> (blank line)
    ??在数据驱动发展的今天  (a paragraph indented with two ideographic spaces) ->   在数据驱动发展的今天

Only these shapes are read as lost spaces: a letter-spaced label of two to four single characters that
ends at a colon, a bracket or the line end; a `?` after a code (letters, digits) followed by a space and
a label; a line of nothing but `?`; `?` at the start of a line, before Chinese text. A `?` between Han
characters that ends a clause with a question word (`是什么?它`, `在哪里?政府`, `是否合理?对此`) is a real
question mark and becomes `？`. Any other `?` between Han characters is
left for the GBK shift repair and, failing that, for the residual check.
"""

from __future__ import annotations

import re

from pipeline.core.changes import Change, line_of
from pipeline.core.chars import HAN
from pipeline.core.context import Context
from pipeline.core.convert import t2s

# 摘? ? 要] / 關" 鍵" 詞： / 引? 論<end>: single characters with lost-space marks between them.
_LABEL = re.compile(f"(?<![{HAN}])[{HAN}](?:(?:[?\"] ?)+[{HAN}]){{1,3}}(?=\\s*[:：\\]】〕］]|\\s*$)", re.MULTILINE)
# C913.7? [文獻標識碼] / A? ? 文章编号: a code, then lost spaces, then a space and the next label.
_AFTER_CODE = re.compile(f"(?<=[0-9A-Za-z)\\]])\\?(?: ?\\?)*(?= +[\\[【〔［{HAN}])")
# A line of nothing but lost spaces.
_LONE = re.compile(r"^[ \t]*\?(?:[ \t]*\?)*[ \t]*$", re.MULTILINE)
# Lost ideographic spaces indenting a line (U+3000 U+3000 -> ??): a '?' never starts Chinese text.
_INDENT = re.compile(f"^[ \\t]*\\?{{1,4}}(?=[{HAN}“《【\\[〔（(])", re.MULTILINE)
# A question mark straight after a Han character and before the next: real if a question word precedes.
_BETWEEN_HAN = re.compile(f"(?<=[{HAN}])\\?(?=[{HAN}])")


MAX_CLAUSE = 40


def _question_before(text: str, index: int, words: list[str]) -> bool:
    """A question word in the clause that the '?' ends (是什么原因?我们 / 是否合理?对此)."""
    clause = re.split("[，。；！？：,;!:\n]", text[max(0, index - MAX_CLAUSE) : index])[-1]
    simplified = t2s(clause)
    return any(word in simplified for word in words)


def restore_lost_spaces(text: str, ctx: Context) -> tuple[str, list[Change]]:
    changes: list[Change] = []
    words: list[str] = ctx.data.get("question_words", [])  # type: ignore[assignment]

    def spaces(code: str):  # type: ignore[no-untyped-def]
        def fix(match: re.Match[str]) -> str:
            before = match.group(0)
            after = re.sub("[?\"]", " ", before)
            changes.append(Change("restore_lost_spaces", line_of(text, match.start()), before, after, code))
            return after
        return fix

    for pattern, code in (
        (_LONE, "question_mark_line"),
        (_INDENT, "indent_spaces"),
        (_LABEL, "no_break_spaces_inside_letter"),
        (_AFTER_CODE, "no_break_spaces_metadata_fields"),
    ):
        text = pattern.sub(spaces(code), text)

    def question(match: re.Match[str]) -> str:
        if not _question_before(text, match.start(), words):
            return match.group(0)
        changes.append(Change("restore_lost_spaces", line_of(text, match.start()), "?", "？",
                              "real_question_mark"))
        return "？"

    return _BETWEEN_HAN.sub(question, text), changes
