"""Change records: every edit a rule makes is listed, with a reason (cf. ftfy's explain)."""

from __future__ import annotations

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
    """1-based line number of a character index."""
    return text.count("\n", 0, index) + 1
