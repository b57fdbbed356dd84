"""Change records: every edit a rule makes is listed, with a reason (cf. ftfy's explain)."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Change:
    rule: str
    line: int  # 1-based line in the text the rule received
    before: str
    after: str
    reason: str = ""

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


class PipelineError(Exception):
    """A rule could not decide, or a check failed. The message names file, line and text."""

    def __init__(self, message: str, *, file: str = "", line: int = 0, text: str = "") -> None:
        self.message, self.file, self.line, self.text = message, file, line, text
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.file + (f":{self.line}" if self.line else "")
        shown = f": {self.text[:80]!r}" if self.text else ""
        return f"{where + ': ' if where else ''}{self.message}{shown}"


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
