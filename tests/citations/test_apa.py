"""APA 7 text of an article (pipeline/publish/citations/apa.py); citeproc's APA of our CSL is compared in test_csl."""

from __future__ import annotations

from pipeline.document.article import Result
from pipeline.publish.citations import apa

from .conftest import journal_work, numbered_work, volume_work, work_of


def test_a_web_article_gives_its_date_site_and_url_and_no_author_puts_the_title_first(efficacy: Result, capacity: Result) -> None:
    assert apa.cite(work_of(efficacy)) == ("我国数字政府建设效能提升的难点及应对. (2023, July 18). 人民论坛网·国家治理网. "
                                           "http://www.rmlt.com.cn/2023/0718/678135.shtml")
    assert apa.cite(work_of(capacity)) == "我国政府数字治理能力建设：成绩、问题与对策. (n.d.)."


def test_a_journal_article_gives_year_issue_pages_with_an_en_dash_and_its_doi() -> None:
    assert apa.cite(journal_work()).startswith("杨阳, & 李四. (2022). 政府治理数字化的时代课题探讨. 理论探索, (1), 101–106. "
                                               "https://doi.org/10.16354/")
    assert "理论探索, 38(1), 101–106." in apa.cite(volume_work())
    assert ", 78–83." in apa.cite(numbered_work())
