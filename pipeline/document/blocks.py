"""A page's lines as blocks, and what a body line is: a label, a note, a credit, a heading; body items in order."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from pipeline.core.changes import Change
from pipeline.document import metadata as md

MAX_HEADING = 40
MAX_LEAD = 24


_AUTHOR_NOTE = re.compile(r"^【(?P<note>本文作者.*)】$")
_NOTE = re.compile(r"^(?P<mark>\[(?P<n>\d{1,3})\]|[(（](?P<p>\d{1,3})[)）]|(?P<d>\d{1,3})[.．、](?!\d)|(?P<c>[①-⑳]))\s*(?P<text>.+)$")
_NOTE_LINE = re.compile(r"^\[\d{1,3}\]\s*\S")  # a [1] note line, wherever it stands
_CREDIT = re.compile(r"(?:^|(?<=[/／|]))\s*(?P<role>责编|美编|责任编辑|编辑|校对|审核)\s*[：:]\s*(?P<name>[^/／|]+)")
_LEAD = re.compile(f"^([^，。；：！？\\n]{{2,{MAX_LEAD}}}。)(?=.)")


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
            changes.append(Change("structure", x.line, "\n", "", "heading_split_over_two_lines"))
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
