"""GB/T 7714-2025, the Chinese national standard, as text on the page (and the paragraph citation reader.js copies).
Only true values: an unknown author is 佚名, an unknown date is left out, nothing is guessed."""

from __future__ import annotations

from pipeline.publish.article import Article
from pipeline.publish.citations.common import ACCESSED, name

NAME = "gbt7714"
ORDER = 10  # its place in the registry (the cite block lists text formats and files in this order)
TITLE = "GB/T 7714-2025"  # its name on the cite block
CLASS = "gbt"  # the cite block's paragraph is .cite-gbt (reader.js adds the page's URL to a work without one)


def cite(w: Article) -> str:
    """With a known venue, a journal article: 作者. 题名[J]. 刊名, 年(期): 页码.
    Otherwise an online article: 作者. 题名[EB/OL]. (发布日期)[引用日期]. URL."""
    who = ", ".join(w.names[:3]) + (", 等" if len(w.names) > 3 else "") if w.names else "佚名"
    if w.venue:
        where = w.venue.name + (f", {w.year}" if w.year else "") + (f", {w.venue.volume}" if w.venue.volume else "") + (
            f"({w.venue.issue})" if w.venue.issue else "")
        pages = f": {w.pages()}" if w.pages() else ""
        return f"{who}. {w.title}[J]. {where}{pages}." + (f" {name(NAME, 'doi')}: {w.doi}." if w.doi else "")
    date = f"({w.date})" if w.date else ""
    return f"{who}. {w.title}[EB/OL]. {date}{ACCESSED}." + (f" {w.url}." if w.url else "")
