"""Conservation over the published page (issue 20): every piece of the article's text that the pipeline kept (the
Document: body, header, notes, English metadata, author notes, history, column, credits) is on the article's published
page, in reading form. The Document's own check (pipeline/text/conservation.py) proves that every character of the raw
text is in the Document or in a change record; this proves the Document reaches the reader. Together: every character
of the raw text is on a published page or in the change report.

The page is read as the site renders it: Python-Markdown with the site's extensions, then the HTML's text (attributes,
such as a glossary term's definition in `title`, are not the article's text and do not count)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import markdown

from pipeline.core.escape import makeExtension
from pipeline.document.model import Document

_EXTENSIONS = ["admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables", "toc"]  # as mkdocs.yml
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
_MARKER = re.compile(r"\[(\d+)\]")  # a note marker [n] shows as the footnote's number
_BLANK = re.compile(r"\s+")


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def page_text(page: str) -> str:
    """The text a reader sees on a rendered Markdown page (front matter, tags and attributes left out)."""
    html = markdown.markdown(_FRONT_MATTER.sub("", page), extensions=[*_EXTENSIONS, makeExtension()])
    reader = _Text()
    reader.feed(html)
    return "".join(reader.parts)


def _squash(text: str) -> str:
    return _BLANK.sub("", _MARKER.sub(r"\1", text))


def unpublished(doc: Document, page: str) -> list[str]:
    """The Document's pieces of text not found, whole, on the page (blanks aside): [] when nothing is lost."""
    shown = _squash(page_text(page))
    return [t for t in doc.texts() if (s := _squash(t)) and s not in shown]
