"""The schema.org JSON-LD record (pipeline/publish/citations/jsonld.py), as extruct reads it off the page."""

from __future__ import annotations

import json
from pathlib import Path

import extruct
import pytest

from pipeline.publish.citations import highwire, jsonld

from .conftest import journal_work, numbered_work


def test_a_journal_article_is_a_scholarly_article_in_its_periodical() -> None:
    record = json.loads(jsonld.script(journal_work(), []))
    assert record["@type"] == "ScholarlyArticle" and record["isPartOf"]["isPartOf"]["name"] == "理论探索"
    assert record["author"][0]["affiliation"]["name"] == "中共湖南省委党校" and "affiliation" not in record["author"][1]
    ld = jsonld.record(numbered_work(), [])
    assert (ld["pagination"], ld["pageStart"], ld["pageEnd"]) == ("78-83", "78", "83")


def test_the_abstract_is_in_the_heads_highwire_tags_only() -> None:
    """Issue 21: every article's <head> held its abstract twice, as `citation_abstract` and in the JSON-LD record. Zotero
    and Google Scholar read the citation_* tags (highwire.py); nothing of ours reads schema.org's abstract."""
    w = journal_work({"abstract": "本文讨论政府治理数字化的时代课题。"})
    assert ("citation_abstract", "本文讨论政府治理数字化的时代课题。") in highwire.tags(w)
    assert "abstract" not in jsonld.record(w, [])


@pytest.mark.parametrize("prefix", ["", "zh-Hant/"])
def test_the_pages_record_is_read_by_an_extractor(site: Path, prefix: str) -> None:
    html = (site / f"{prefix}digital-government-efficacy" / "index.html").read_text(encoding="utf-8")
    data = extruct.extract(html, syntaxes=["json-ld"])["json-ld"]
    assert len(data) == 1 and data[0]["@type"] == "Article" and data[0]["datePublished"] == "2023-07-18"
    assert "author" not in data[0] and len(data[0]["citation"]) == 6
