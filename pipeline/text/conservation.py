"""Conservation: every character of the input is in the output or in a change record.

For each non-space character c: count_in(c) - removed(c) + added(c) == count_out(c), where
removed/added are summed over the changes' before/after texts. A mismatch names the
characters that vanished or appeared without a record.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from pipeline.core.changes import Change, PipelineError


def _chars(text: str) -> Counter[str]:
    return Counter(ch for ch in text if not ch.isspace())


def check_conservation(before: str, after: Iterable[str], changes: list[Change], *, stage: str, file: str) -> None:
    expected = _chars(before)
    for change in changes:
        expected.subtract(_chars(change.before))
        expected.update(_chars(change.after))
    actual = Counter[str]()
    for text in after:
        actual.update(_chars(text))
    diff = {ch: actual[ch] - expected[ch] for ch in set(actual) | set(expected) if actual[ch] != expected[ch]}
    if diff:
        lost = "".join(sorted(ch * -n for ch, n in diff.items() if n < 0))[:40]
        gained = "".join(sorted(ch * n for ch, n in diff.items() if n > 0))[:40]
        raise PipelineError(f"{stage}: characters not accounted for (lost {lost!r}, unexplained {gained!r})", file=file)
