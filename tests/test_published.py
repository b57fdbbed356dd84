"""Conservation over the published page (issue 20). The pipeline's own check proves every character of the raw text is
in the Document or in a change record (pipeline/text/conservation.py); these prove the Document reaches the reader:
every piece of text it kept (body, header, notes, English metadata, author notes, history, column, credits) is on the
article's published page, read as the site renders it (Python-Markdown with mkdocs.yml's extensions), in both
editions. Before, on 9 of the 21 development pages some text (an English abstract, a 收稿日期, an author's bio, a
column) was on no published page and in no change record."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from pipeline.document.annotate import Glossing
from pipeline.document.article import Result, process_article, process_bytes
from pipeline.document.glossary import glossary
from pipeline.document.model import Document, English
from pipeline.publish.article import Article
from pipeline.publish.build import article_pages, articles_of
from pipeline.publish.render import render

from .conftest import ROOT
from .markdown_support import page_text

REALPAGES = Path(os.environ.get("REALPAGES", ROOT.parent / "shared" / "realpages"))  # as in test_add.py
DEV = sorted(REALPAGES.glob("*.txt"))
SOURCES = sorted((ROOT / "corpus" / "articles").glob("*.yaml"))


_MARKER = re.compile(r"\[(\d+)\]")  # a note marker [n] shows as the footnote's number


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", _MARKER.sub(r"\1", text))


def unpublished(doc: Document, page: str) -> list[str]:
    """The Document's pieces of text not found, whole, on the page (blanks aside): [] when nothing is lost."""
    shown = _squash(page_text(page))
    return [t for t in doc.texts() if (s := _squash(t)) and s not in shown]


def _dev(path: Path) -> Result:
    return process_bytes(path.read_bytes(), path.name)


@pytest.mark.skipif(not DEV, reason=f"the real-page development set is not at {REALPAGES} (set REALPAGES=/path/to/realpages)")
@pytest.mark.parametrize("path", DEV, ids=lambda p: p.stem)
def test_every_text_a_development_page_keeps_is_on_its_published_page(path: Path) -> None:
    result = _dev(path)
    for script, doc in (("hans", result.hans), ("hant", result.hant)):
        article = Article.of({"title": doc.title or "（无题）"}, doc)
        assert unpublished(doc, render(doc, article, script)) == [], f"{path.name} ({script})"


@pytest.mark.parametrize("meta", SOURCES, ids=lambda p: p.stem)
def test_every_text_of_a_source_is_on_its_site_page(meta: Path) -> None:
    result = process_article(meta)
    pages = article_pages(result, articles_of(result))
    slug = meta.stem
    assert unpublished(result.hans, pages[f"zh-Hans/{slug}.md"]) == []
    assert unpublished(result.hant, pages[f"zh-Hant/{slug}.md"]) == []


def test_a_piece_missing_from_the_page_is_named() -> None:
    """The check can fail: an English abstract the renderer did not show, or a word cut from a paragraph."""
    doc = Document(title="数字政府", english=English(title="Digital government", abstract="An abstract."))
    page = render(doc, Article.of({"title": "数字政府"}, doc), "hans")
    assert unpublished(doc, page) == []
    assert unpublished(doc, page.replace("An abstract.", "An abs")) == ["An abstract."]


def test_the_page_is_read_as_the_reader_sees_it() -> None:
    """Markup and attributes are not text: a link's title does not stand in for lost body text. A glossary term's
    definition is not on the page at all (issue 21: a file loaded when a reader asks), so it cannot either: a term is
    its link's text, counted once."""
    text = page_text('---\ntitle: x\n---\n# 标题\n\n正文[数据](glossary.md#g "数据：定义"){: .gloss }共享[^1]\n\n[^1]: 注\n')
    assert "定义" not in text and "title" not in text and "正文数据共享" in text
    entry = next(e for e in glossary() if e.term == "数据孤岛")
    gloss = Glossing("hans", glossary(), "glossary.md")
    page = f"---\ntitle: x\n---\n# 标题\n\n{gloss.render('打破数据孤岛，数据孤岛', 'p')}\n"
    assert entry.definition not in page and entry.english not in page
    assert page_text(page).endswith("\n打破数据孤岛，数据孤岛")
