"""GB/T 7714-2025 text of an article (pipeline/publish/citations/gbt7714.py)."""

from __future__ import annotations

from pipeline.document.article import Result
from pipeline.publish.citations import gbt7714

from .conftest import journal_work, numbered_work, volume_work, work_of


def test_a_web_article_with_its_date_and_url_and_an_unknown_author_as_yiming(efficacy: Result, capacity: Result) -> None:
    assert gbt7714.cite(work_of(efficacy)) == ("佚名. 我国数字政府建设效能提升的难点及应对[EB/OL]. (2023-07-18)[引用日期]. "
                                               "http://www.rmlt.com.cn/2023/0718/678135.shtml.")
    assert gbt7714.cite(work_of(capacity)) == "佚名. 我国政府数字治理能力建设：成绩、问题与对策[EB/OL]. [引用日期]."  # nothing invented


def test_a_known_venue_is_cited_as_a_journal_article() -> None:
    assert gbt7714.cite(journal_work()) == ("杨阳, 李四. 政府治理数字化的时代课题探讨[J]. 理论探索, 2022(1): 101-106. "
                                           "DOI: 10.16354/j.cnki.43-1101/d.2022.01.013.")


def test_a_volume_goes_before_the_issue_and_pages_may_come_from_the_article_number() -> None:
    assert "[J]. 理论探索, 2022, 38(1): 101-106." in gbt7714.cite(volume_work())
    assert gbt7714.cite(numbered_work()) == "杨阳, 李四, 王五. 题名[J]. 理论探索, 2020(2): 78-83."
