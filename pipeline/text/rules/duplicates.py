"""Remove a block of lines that a scraper captured twice in a row (a whole body repeated).

Linear scan with a dictionary of first occurrences, so a 20 MB text stays linear in practice.
"""

from __future__ import annotations

from pipeline.core.changes import Change
from pipeline.core.context import Context

MIN_REPEATED_LINE = 16  # characters: a title or a sentence, not a heading such as 参考文献 or 一、引言
MIN_BLOCK_CHARS = 20  # a repeated block must carry real text, not blank or one-word lines


def remove_duplicate_blocks(text: str, ctx: Context) -> tuple[str, list[Change]]:
    lines = text.split("\n")
    out: list[str] = []
    out_numbers: list[int] = []  # original line number of each kept line
    changes: list[Change] = []
    first_seen: dict[str, int] = {}  # line content -> index in `out`
    i = 0
    while i < len(lines):
        line = lines[i]
        earlier = first_seen.get(line) if line.strip() else None
        if earlier is not None:
            length = len(out) - earlier
            block = out[earlier:]
            if lines[i : i + length] == block and sum(len(b.strip()) for b in block) >= MIN_BLOCK_CHARS:
                for offset, dropped in enumerate(block):
                    if dropped.strip():
                        changes.append(Change("remove_duplicate_blocks", i + offset + 1, dropped, "", "repeat_lines",
                                              (str(out_numbers[earlier]), str(out_numbers[-1]))))
                i += length
                continue
        if line.strip() and line not in first_seen:
            first_seen[line] = len(out)
        out.append(line)
        out_numbers.append(i + 1)
        i += 1
    return _remove_repeated_lines(out, out_numbers, changes)


def _remove_repeated_lines(lines: list[str], numbers: list[int], changes: list[Change]) -> tuple[str, list[Change]]:
    """A single long line the page prints again further down (the title repeated as a paragraph, a
    paragraph shown twice): the later copy goes, listed. Short lines (headings, 参考文献) may repeat."""
    first: dict[str, int] = {}
    kept: list[str] = []
    for line, number in zip(lines, numbers, strict=True):
        key = line.strip()
        if len(key) >= MIN_REPEATED_LINE and key in first:
            changes.append(Change("remove_duplicate_blocks", number, line, "", "repeat_line", (str(first[key]),)))
            continue
        first.setdefault(key, number)
        kept.append(line)
    return "\n".join(kept), sorted(changes, key=lambda c: c.line)
