"""APA 7 as text on the page: with no author the title moves to the front; a journal article gives its year, a web
page its date; an unknown date is (n.d.); authors are joined by commas, the last after "&" (as citeproc's apa.csl)."""

from __future__ import annotations

import re

from pipeline.publish.article import Article
from pipeline.publish.citations.common import MONTHS, name

NAME = "apa"
ORDER = 20  # its place in the registry (the cite block lists text formats and files in this order)
TITLE = "APA"
CLASS = "apa"


def _when(w: Article) -> str:
    parts = [int(x) for x in w.date.split("-")] if re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])(-\d{2})?", w.date) else []
    if parts and not w.venue:  # the metadata check refuses dates that are not real; this only keeps a bad one from crashing
        return f"({parts[0]}, {MONTHS[parts[1] - 1]}" + (f" {parts[2]}" if len(parts) > 2 else "") + ")"
    return f"({w.year})" if w.year else "(n.d.)"


def cite(w: Article) -> str:
    when = _when(w)
    who = ", ".join(w.names[:-1]) + ", & " + w.names[-1] if len(w.names) > 1 else "".join(w.names)
    head = f"{who}. {when}. {w.title}." if who else f"{w.title}. {when}."
    if w.venue:
        issue = (f", {w.venue.volume}" if w.venue.volume else "") + (f"({w.venue.issue})" if w.venue.issue else "")
        issue = issue if issue.startswith(",") or not issue else f", {issue}"
        source = f"{w.venue.name}{issue}" + (f", {w.pages('–')}" if w.pages() else "") + "."  # APA: an en dash
        link = f"{name(NAME, 'doi')}{w.doi}" if w.doi else w.url
        return " ".join(x for x in [head, source, link] if x)
    return " ".join(x for x in [head, f"{w.publisher}." if w.publisher else "", w.url] if x)
