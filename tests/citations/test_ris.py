"""RIS export (pipeline/publish/citations/ris.py), read back by rispy."""

from __future__ import annotations

import rispy

from pipeline.document.article import Result
from pipeline.publish.citations import ris

from .conftest import journal_work, numbered_work, refs_of, volume_work, work_of


def test_an_online_article_and_its_references_round_trip(efficacy: Result) -> None:
    w = work_of(efficacy)
    records = rispy.loads(ris.export(w, refs_of(efficacy)))
    assert len(records) == 7
    assert records[0]["type_of_reference"] == "ELEC" and records[0]["title"] == w.title and "authors" not in records[0]
    assert records[0]["urls"] == [w.url] and records[0]["keywords"] == list(w.keywords)
    r1 = records[1]
    assert r1["type_of_reference"] == "JOUR" and r1["authors"] == ["黄璜", "谢思娴", "姚清晨"]
    assert (r1["journal_name"], r1["year"], r1["number"], r1["start_page"], r1["end_page"]) == ("电子政务", "2022", "4", "2", "27")


def test_a_journal_article_is_jour_with_its_pages_and_doi() -> None:
    w = journal_work()
    record = rispy.loads(ris.export(w, []))[0]
    assert record["type_of_reference"] == "JOUR" and record["journal_name"] == "理论探索" and record["number"] == "1"
    assert (record["start_page"], record["end_page"], record["doi"]) == ("101", "106", w.doi)
    assert rispy.loads(ris.export(volume_work(), []))[0]["volume"] == "38"
    record = rispy.loads(ris.export(numbered_work(), []))[0]
    assert (record["start_page"], record["end_page"]) == ("78", "83")
