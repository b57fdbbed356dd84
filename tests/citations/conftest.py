"""What the citation formats' tests share: the two sources, processed once per session, and made-up journal articles."""

from __future__ import annotations

import pytest

from pipeline.document.article import Result, process_article
from pipeline.document.model import Author, Document, Venue
from pipeline.document.references import Reference, parse_reference
from pipeline.publish.article import Article

from ..conftest import ROOT

ARTICLES = ROOT / "corpus" / "articles"


@pytest.fixture(scope="session")
def efficacy() -> Result:
    return process_article(ARTICLES / "digital-government-efficacy.yaml")


@pytest.fixture(scope="session")
def capacity() -> Result:
    return process_article(ARTICLES / "digital-governance-capacity.yaml")


def refs_of(result: Result) -> list[Reference]:
    return [r for n in result.hans.notes if (r := parse_reference(n.number, n.text))]


def work_of(result: Result, site_url: str = "") -> Article:
    return Article.of(result.meta, result.hans, site_url)


def journal_work(meta_extra: dict[str, object] | None = None) -> Article:
    """A journal article as a page states it: authors with an affiliation, venue with pages, 文章编号, DOI."""
    page = Document("政府治理数字化的时代课题探讨", keywords=("政府治理", "数字化"), date="2022-03",
                    authors=(Author("杨阳", "中共湖南省委党校"), Author("李四")), venue=Venue("理论探索", "2022", "1", "101-106"),
                    article_no="1004-4175(2022)01-0101-06", doi="10.16354/j.cnki.43-1101/d.2022.01.013")
    meta = {"slug": "zhengfu-zhili", "title": page.title, "title_editorial": False, "authors": [], **(meta_extra or {})}
    return Article.of(meta, page)


def numbered_work() -> Article:
    """A journal article whose pages only its 文章编号 states: 1008-9047(2020)02-0078-06 is 6 pages from 78."""
    page = Document("题名", authors=(Author("杨阳"), Author("李四"), Author("王五")), date="2020-04",
                    venue=Venue("理论探索", "2020", "2", ""), article_no="1008-9047(2020)02-0078-06")
    return Article.of({"slug": "x", "title": "题名", "title_editorial": False}, page)


def volume_work() -> Article:
    return journal_work({"venue": {"name": "理论探索", "volume": "38"}, "doi": None})
