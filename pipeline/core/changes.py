"""Change records: every edit a rule makes is listed, with a reason (cf. ftfy's explain): a code and its arguments
(pipeline/core/reasons.py), never prose, so no module reads a reason's wording."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import asdict, dataclass, replace


@dataclass(frozen=True)
class Change:
    rule: str
    line: int  # 1-based line of the raw file (clean_text and process_bytes map each rule's own numbering onto it)
    before: str
    after: str
    code: str  # why: a key of the words' reasons (pipeline/core/reasons.py)
    args: tuple[str, ...] = ()  # what the code's words name (a line, a label as the page wrote it, a warning code)

    def as_dict(self) -> dict[str, object]:
        return {**asdict(self), "args": list(self.args)}


class PipelineError(Exception):
    """A rule could not decide, or a check failed. The message names file, line and text."""

    def __init__(self, message: str, *, file: str = "", line: int = 0, text: str = "") -> None:
        self.message, self.file, self.line, self.text = message, file, line, text
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.file + (f":{self.line}" if self.line else "")
        shown = f": {self.text[:80]!r}" if self.text else ""
        return f"{where + ': ' if where else ''}{self.message}{shown}"


def follow_lines(old: str, new: str, origin: list[int]) -> list[int]:
    """The raw line number of each line of `new`, a rule's output, given those of `old`, its input (origin). The rules
    remove lines (chrome, repeats) or join lines, and keep the order of the rest: each output line is the first input
    line still to come that equals it, within the number of lines that must have gone; a line the rule changed stands
    where the next input line stood. O(n log n): the input lines' positions are looked up, not scanned."""
    before, after = old.split("\n"), new.split("\n")
    where: dict[str, list[int]] = {}
    for j, line in enumerate(before):
        where.setdefault(line, []).append(j)
    out: list[int] = []
    i = 0
    for k, line in enumerate(after):
        slack = max(0, (len(before) - i) - (len(after) - k))  # input lines that must still go
        seen = where.get(line, [])
        at = bisect_left(seen, i)
        j = seen[at] if at < len(seen) and seen[at] <= i + slack else i
        out.append(origin[min(j, len(origin) - 1)])
        i = j + 1
    return out


def on_raw_line(change: Change, origin: list[int]) -> Change:
    """The change with its line number in the raw file (origin: raw line of each line of the rule's input)."""
    return replace(change, line=origin[change.line - 1]) if 0 < change.line <= len(origin) else change


def line_of(text: str, index: int) -> int:
    """1-based line number of a character index (binary search: rules call this once per change,
    and counting newlines each time made cleaning quadratic in the size of the file)."""
    return bisect_left(_newlines(text), index) + 1


def source_line(raw: str, needle: str, not_before: int = 1) -> int:
    """The line of the raw file where `needle` stands, first at or after line `not_before` (cleaning only
    removes lines, so a cleaned line number is a lower bound); 0 when it is not there as such."""
    at = raw.find(needle) if needle else -1
    while at != -1 and line_of(raw, at) < not_before:
        at = raw.find(needle, at + 1)
    return line_of(raw, at) if at != -1 else 0


_RECENT: list[tuple[str, list[int]]] = []  # the last few texts and their newline offsets, matched by identity


def _newlines(text: str) -> list[int]:
    # By identity, not equality: an lru_cache compares an equal but distinct 20 MB string char by char
    # on every hit, which made cleaning quadratic again. Keeping the reference keeps the identity unique.
    for known, offsets in _RECENT:
        if known is text:
            return offsets
    offsets = [m.start() for m in re.finditer("\n", text)]
    _RECENT.insert(0, (text, offsets))
    del _RECENT[4:]
    return offsets
