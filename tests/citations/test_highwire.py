"""Highwire `citation_*` tags (pipeline/publish/citations/highwire.py), as metadata_parser reads them off the page."""

from __future__ import annotations

from pathlib import Path

import metadata_parser
import pytest

from pipeline.document.article import Result
from pipeline.publish.citations import highwire

from .conftest import journal_work, numbered_work, volume_work, work_of


def test_only_what_is_known_is_tagged(efficacy: Result, capacity: Result) -> None:
    assert [n for n, _ in highwire.tags(work_of(capacity))] == ["citation_title", "citation_language"]
    assert not any(n == "citation_author" for n, _ in highwire.tags(work_of(efficacy)))


def test_a_journal_article_s_tags_with_each_author_s_institution_after_the_author() -> None:
    tags = highwire.tags(journal_work())
    assert ("citation_journal_title", "理论探索") in tags and ("citation_issue", "1") in tags
    assert ("citation_firstpage", "101") in tags and ("citation_lastpage", "106") in tags
    assert ("citation_publication_date", "2022/03") in tags and ("citation_doi", "10.16354/j.cnki.43-1101/d.2022.01.013") in tags
    assert tags.index(("citation_author_institution", "中共湖南省委党校")) == tags.index(("citation_author", "杨阳")) + 1
    assert ("citation_volume", "38") in highwire.tags(volume_work())
    assert ("citation_lastpage", "83") in highwire.tags(numbered_work())


@pytest.mark.parametrize("prefix", ["", "zh-Hant/"])
def test_the_pages_tags_are_read_by_an_extractor(site: Path, prefix: str) -> None:
    html = (site / f"{prefix}digital-government-efficacy" / "index.html").read_text(encoding="utf-8")
    meta = metadata_parser.MetadataParser(html=html, search_head_only=True).parsed_result.metadata["meta"]
    assert meta["citation_title"] == "我国数字政府建设效能提升的难点及应对"
    assert meta["citation_publication_date"] == "2023/07/18" and meta["citation_publisher"] == "人民论坛网·国家治理网"
    assert "citation_author" not in meta and "citation_journal_title" not in meta
    capacity = (site / f"{prefix}digital-governance-capacity" / "index.html").read_text(encoding="utf-8")
    cmeta = metadata_parser.MetadataParser(html=capacity, search_head_only=True).parsed_result.metadata["meta"]
    assert {k for k in cmeta if k.startswith("citation_")} == {"citation_title", "citation_language"}
