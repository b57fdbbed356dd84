"""What the search tests share (tests/test_search*.py): a desktop page of the served site, checked clean after each
test, and the built pages' sections and text as a reader reads them, to compare with what search finds."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import Browser, Page

from pipeline.document.editions import to_simplified
from pipeline.publish.search_index import fold, index_pages, to_canonical

from .browser_support import Served, Watch, open_context

EFFICACY = "digital-government-efficacy"
CAPACITY = "digital-governance-capacity"
INDEXED = re.compile(r"^(s\d+|abstract)$")  # the h2 sections of an article that search covers (not cite/references)


@pytest.fixture
def desk(browser: Browser, served: Served) -> Iterator[tuple[Page, Watch]]:
    context, watch = open_context(browser, served.base, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page, watch
    context.close()
    watch.assert_clean()  # every test: nothing left the site, nothing went wrong in the console


class _Sections(HTMLParser):
    """Text of each h2 section (id -> text) of a built page."""

    def __init__(self) -> None:
        super().__init__()
        self.sections: dict[str, str] = {}
        self.current = ""
        self.in_article = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = dict(attrs)
        if tag == "article":
            self.in_article = True
        if self.in_article and tag == "h2" and attr.get("id"):
            self.current = attr["id"] or ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.in_article = False

    def handle_data(self, data: str) -> None:
        if self.in_article and self.current:
            self.sections[self.current] = self.sections.get(self.current, "") + data


class _Shown(HTMLParser):
    """The text a reader reads in a built page's <article>: footnote markers (<sup>) and heading permalinks left out."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.depth = 0  # inside <article>
        self.skip = 0  # inside a <sup> or a permalink

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article" or self.depth:
            self.depth += tag not in ("br", "img", "hr", "input", "wbr")
        if self.depth and (self.skip or tag == "sup" or "headerlink" in (dict(attrs).get("class") or "")):
            self.skip += tag not in ("br", "img", "hr", "input", "wbr")

    def handle_endtag(self, tag: str) -> None:
        self.skip = max(0, self.skip - 1) if self.skip else 0
        self.depth = max(0, self.depth - 1) if self.depth else 0

    def handle_data(self, data: str) -> None:
        if self.depth and not self.skip:
            self.text.append(data)


def shown_text(site: Path, url: str) -> str:
    """A built page's article text, blanks dropped, from its URL under the site."""
    path = urlsplit(url).path.lstrip("/")
    parser = _Shown()
    parser.feed((site / path / "index.html" if not path or path.endswith("/") else site / path).read_text(encoding="utf-8"))
    return re.sub(r"\s+", "", "".join(parser.text))


def sections_with(site: Path, prefix: str, terms: list[str]) -> set[str]:
    """The article sections of one edition whose rendered text, read as simplified, holds every term (either script)."""
    hits = set()
    for slug in (CAPACITY, EFFICACY):
        parser = _Sections()
        parser.feed((site / prefix / slug / "index.html").read_text(encoding="utf-8"))
        hits |= {f"{prefix}{slug}/#{sid}" for sid, text in parser.sections.items()
                 if INDEXED.match(sid) and all(to_canonical(t) in fold(to_simplified(text, "hant" if prefix else "hans")) for t in terms)}
    return hits


def relative(page: Page, hrefs: list[str]) -> list[str]:
    base = page.evaluate("location.origin") + "/"
    return [unquote(h).removeprefix(base) for h in hrefs]


def article_sections(hits: list[str]) -> set[str]:
    return {h for h in hits if re.search(rf"({CAPACITY}|{EFFICACY})/#(s\d+|abstract)$", h)}


def indexed_with(site: Path, prefix: str, term: str) -> set[str]:
    """The sections of every page in the index's texts of one edition whose text, read as simplified, holds the term."""
    edition = "hant" if prefix else "hans"
    found = set()
    for name, _, sections in index_pages(site / "search", edition):
        slug = "" if name == "index" else name + "/"
        found |= {f"{prefix}{slug}" + (f"#{a}" if a else "") for a, h, x in sections if to_canonical(term) in fold(to_simplified(h + "\n" + x, edition))}
    return found


def every_hit(page: Page) -> list[str]:
    """The result links once "more" has been pressed until every page of results is shown."""
    for _ in range(50):
        count = page.locator(".md-search-result__item").count()
        if not page.locator(".zh-search__more button").count():
            break
        page.click(".zh-search__more button")
        page.wait_for_function("n => document.querySelectorAll('.md-search-result__item').length !== n", arg=count)
    return page.eval_on_selector_all(".md-search-result a.md-search-result__link", "els => els.map(e => e.href)")
