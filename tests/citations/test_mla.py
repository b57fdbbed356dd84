"""The MLA 9 citation (pipeline/publish/citations/mla.py): journal articles, web pages, what is unknown left out."""

from __future__ import annotations

from pathlib import Path

from pipeline.document.model import Author, Document, Venue
from pipeline.publish.article import Article
from pipeline.publish.citations import TEXT, mla


def _work(meta: dict[str, object] | None = None, **page: object) -> Article:
    doc = Document("政府治理数字化的时代课题探讨", **page)  # type: ignore[arg-type]
    return Article.of({"slug": "x", "title": doc.title, **(meta or {})}, doc)


def test_a_journal_article_names_volume_issue_year_pages_and_doi() -> None:
    w = _work(authors=(Author("杨阳"), Author("李四")), venue=Venue("理论探索", "2022", "1", "101-106", "38"), doi="10.16354/x.2022.01.013")
    assert mla.cite(w) == ("杨阳, and 李四. “政府治理数字化的时代课题探讨.” 理论探索, vol. 38, no. 1, 2022, pp. 101-06. "
                           "https://doi.org/10.16354/x.2022.01.013.")


def test_three_authors_are_the_first_et_al_and_pages_come_from_the_article_number() -> None:
    w = _work(authors=(Author("杨阳"), Author("李四"), Author("王五")), venue=Venue("理论探索", "2020", "2"), article_no="1008-9047(2020)02-0078-06")
    assert mla.cite(w) == "杨阳, et al. “政府治理数字化的时代课题探讨.” 理论探索, no. 2, 2020, pp. 78-83."


def test_a_web_page_gives_its_site_and_date_and_an_unknown_author_is_left_out() -> None:
    w = _work({"publisher": "人民论坛网", "source_url": "http://www.rmlt.com.cn/2023/0718/678135.shtml"}, date="2023-07-18")
    assert mla.cite(w) == "“政府治理数字化的时代课题探讨.” 人民论坛网, 18 July 2023. http://www.rmlt.com.cn/2023/0718/678135.shtml."
    assert mla.cite(_work()) == "“政府治理数字化的时代课题探讨.”"  # nothing known: nothing invented
    assert [mla.page_range(*p) for p in (("78", "83"), ("101", "106"), ("395", "401"), ("1608", "1774"), ("5", "5"))] == [
        "pp. 78-83", "pp. 101-06", "pp. 395-401", "pp. 1608-774", "p. 5"]
    assert mla.date_text("2022-03") == "Mar. 2022" and mla.date_text("2022-09-01") == "1 Sept. 2022"


def test_the_cite_block_shows_mla_after_apa(site: Path) -> None:
    assert [m.NAME for m in TEXT] == ["gbt7714", "apa", "mla"]
    html = (site / "digital-government-efficacy" / "index.html").read_text(encoding="utf-8")
    assert html.index("cite-apa") < html.index("cite-mla") and "<strong>MLA</strong>" in html
