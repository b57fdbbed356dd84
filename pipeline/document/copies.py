"""Whether two texts are one text reprinted: a site's teaser above the article is the abstract cut short (body.py drops
it; field_store.py lets the full abstract replace it)."""

from __future__ import annotations


def _letters(text: str) -> str:
    """What two copies of one text share when a site reprints it: its letters and digits, in order."""
    return "".join(ch for ch in text if ch.isalnum())


def _abstract_copy(first: str, second: str) -> str:
    """Whether one abstract is a copy of the other, as a site's teaser above the article often is (the first
    sentences, quotes dropped, cut short): "first" or "second" names the copy, "" when they differ."""
    a, b = _letters(first), _letters(second)
    if len(a) < 20 or len(b) < 20:
        return ""
    if b.startswith(a):
        return "first"
    return "second" if a.startswith(b) else ""
