"""Regular expressions from the reviewed data files (chrome.yaml's chrome_lines and chrome_fields, venues.yaml's
venues, labels.yaml's section_numbers) run under RE2, whose time is linear in the line whatever the pattern: no
pattern a data file holds can make the build backtrack (issue 22: `[^Z]*[^Z]*[^Z]*[^Z]*[^Z]*[^Z]*Z` passed the
old nested-repeat check and hung the build; 3.6 s on one 100-character line). A pattern RE2 cannot run (look-around,
back references, possessive repeats) is refused with its file and line (pipeline/core/validate.py).

The patterns are written in Python's syntax, as they always were; `translate` gives RE2 the same meaning: Python's
\\s, \\d and \\w are Unicode-wide (\\s matches U+3000, the ideographic space, everywhere in scraped Chinese pages),
RE2's are ASCII only."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cache
from typing import Protocol

import re2

# Python's classes for str patterns, in RE2's syntax: \s is whitespace by str.isspace (ASCII whitespace, the Unicode
# separators, U+001C-U+001F, U+0085), \d a decimal digit (Nd), \w a letter, number or underscore.
_CLASSES = {"s": r"\s\p{Z}\x{85}\x{1c}-\x{1f}", "d": r"\p{Nd}", "w": r"\p{L}\p{N}_"}
_MAX_MEM = 64 << 20  # RE2 refuses a pattern whose automaton would need more: memory is bounded too


class Match(Protocol):
    def group(self, *names: int | str) -> str: ...
    def groupdict(self) -> dict[str, str | None]: ...
    def start(self, group: int = 0) -> int: ...
    def end(self, group: int = 0) -> int: ...


class DataPattern(Protocol):
    """What the pipeline calls on a compiled data pattern (RE2's objects mimic re.Pattern)."""
    def match(self, text: str) -> Match | None: ...
    def search(self, text: str) -> Match | None: ...
    def fullmatch(self, text: str) -> Match | None: ...
    def finditer(self, text: str) -> Iterator[Match]: ...
    @property
    def groupindex(self) -> Mapping[str, int]: ...


def translate(pattern: str) -> str:
    """Python regular-expression syntax -> RE2 syntax with Python's meaning; ValueError for what has none there."""
    out: list[str] = []
    i, in_class = 0, False
    while i < len(pattern):
        piece, i, in_class = _step(pattern, i, in_class)
        out.append(piece)
    if in_class:
        raise ValueError("unterminated character class")
    return "".join(out)


def _step(pattern: str, i: int, in_class: bool) -> tuple[str, int, bool]:
    """What pattern[i] and what follows it become in RE2: (text, the next index, whether a class is still open)."""
    c = pattern[i]
    if c == "\\" and i + 1 < len(pattern):
        piece, i = _escape(pattern, i, in_class)
        return piece, i, in_class
    if in_class:  # a literal "[" in a class: RE2 would read "[:" as a POSIX class
        return (r"\[" if c == "[" else c), i + 1, c != "]"
    if c == "[":
        return _class_start(pattern, i)
    if pattern.startswith("(?>", i):
        # An atomic group keeps Python's engine from backtracking into it; RE2 never backtracks, so a plain group
        # has the same matches wherever giving back part of the group could not help the rest match (the one
        # atomic pattern of chrome.yaml: Han characters, then blanks; tests/test_hostile.py compares both engines
        # on every data pattern over real lines).
        return "(?:", i + 3, False
    if c == "{" and pattern[i + 1:i + 2] == ",":  # Python's {,n} is {0,n}; RE2 would read it as text
        return "{0", i + 1, False
    return c, i + 1, False


def _escape(pattern: str, i: int, in_class: bool) -> tuple[str, int]:
    """A backslash escape at pattern[i]: Python's \\d, \\w, \\s (and their negations) are Unicode-wide, RE2's ASCII."""
    e = pattern[i + 1]
    if e.lower() in _CLASSES:
        body = _CLASSES[e.lower()]
        if e.islower():
            return (body if in_class else f"[{body}]"), i + 2
        if in_class:
            raise ValueError(f"\\{e} inside a character class (write the class out)")
        return f"[^{body}]", i + 2
    if e in "uU":
        width = 4 if e == "u" else 8
        digits = pattern[i + 2:i + 2 + width]
        if len(digits) != width or not all(d in "0123456789abcdefABCDEF" for d in digits):
            raise ValueError(f"bad escape \\{e}{digits}")
        return f"\\x{{{digits}}}", i + 2 + width
    if e == "Z":
        return r"\z", i + 2  # Python's \Z is the end of the text
    return pattern[i:i + 2], i + 2


def _class_start(pattern: str, i: int) -> tuple[str, int, bool]:
    """A class opens at pattern[i]: its "^", and a "]" first in it, which is a literal in Python."""
    out = "["
    i += 1
    if pattern[i:i + 1] == "^":
        out += "^"
        i += 1
    if pattern[i:i + 1] == "]":
        out += r"\]"
        i += 1
    return out, i, True


@cache
def compile_pattern(pattern: str) -> DataPattern:
    """A data file's pattern compiled by RE2; ValueError (with RE2's reason) when it cannot be."""
    options = re2.Options()
    options.log_errors = False  # the refusal is ours, one line; RE2 would also log it to stderr
    options.max_mem = _MAX_MEM
    try:
        return re2.compile(translate(pattern), options)  # type: ignore[no-any-return]
    except re2.error as exc:
        reason = exc.args[0].decode("utf-8", "replace") if exc.args and isinstance(exc.args[0], bytes) else str(exc)
        raise ValueError(f"RE2 cannot run it: {reason}") from None
