"""MLA 9 as text on the page: Author. “Title.” Container, vol. 38, no. 1, 2022, pp. 101-06. DOI or URL.
Two authors are joined by ", and", three or more are the first "et al."; a web page gives its site and its date
(18 July 2023); an unknown author or date is left out, nothing is guessed."""

from __future__ import annotations

from pipeline.publish.article import Article

NAME = "mla"
ORDER = 30  # after GB/T 7714 and APA
TITLE = "MLA"
CLASS = "mla"  # reader.js adds the page's URL to a work without one
_MONTHS = ["Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]  # MLA's abbreviations
_DOI = "https://doi.org/"  # MLA 9 gives a DOI as its URL


def _who(names: tuple[str, ...]) -> str:
    if len(names) > 2:
        return f"{names[0]}, et al."
    return ", and ".join(names)


def date_text(date: str) -> str:
    """2023-07-18 -> 18 July 2023; 2022-03 -> Mar. 2022; 2021 -> 2021."""
    parts = date.split("-")
    if len(parts) == 1 or not parts[1].isdigit() or not 1 <= int(parts[1]) <= 12:
        return parts[0]
    month = _MONTHS[int(parts[1]) - 1]
    return f"{int(parts[2])} {month} {parts[0]}" if len(parts) > 2 else f"{month} {parts[0]}"


def page_range(first: str, last: str) -> str:
    """MLA's inclusive numbers: the second in full below 100, else its last two digits unless more are needed
    (78-83, 101-06, 395-401, 1608-774)."""
    if last == first:
        return f"p. {first}"
    if not (first.isdigit() and last.isdigit()) or int(last) < 100 or len(first) != len(last):
        return f"pp. {first}-{last}"
    k = next(k for k in range(2, len(last) + 1) if first[:-k] == last[:-k])
    return f"pp. {first}-{last[-k:]}"


def _container(w: Article) -> list[str]:
    if not w.venue:
        return [x for x in (w.publisher, date_text(w.date) if w.date else "") if x]
    first, last = w.page_range
    pages = page_range(first, last) if first else ""
    return [x for x in (w.venue.name, w.venue.volume and f"vol. {w.venue.volume}", w.venue.issue and f"no. {w.venue.issue}",
                        w.year, pages) if x]


def cite(w: Article) -> str:
    who = _who(w.names)
    head = (f"{who.removesuffix('.')}. " if who else "") + f"“{w.title}.”"
    container = ", ".join(_container(w))
    link = f"{_DOI}{w.doi}" if w.venue and w.doi else w.url
    return " ".join(x for x in (head, f"{container}." if container else "", f"{link}." if link else "") if x)
