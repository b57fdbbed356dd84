"""BibTeX export (pipeline/publish/citations/bibtex.py), read back by bibtexparser."""

from __future__ import annotations

import bibtexparser

from pipeline.document.article import Result
from pipeline.publish.citations import bibtex

from .conftest import journal_work, numbered_work, refs_of, volume_work, work_of


def test_an_online_article_and_its_references_round_trip(efficacy: Result) -> None:
    w = work_of(efficacy)
    library = bibtexparser.parse_string(bibtex.export(w, refs_of(efficacy)))
    assert not library.failed_blocks
    entries = {e.key: e for e in library.entries}
    assert len(entries) == 7
    art = entries["digital-government-efficacy"]
    assert art.entry_type == "online" and art["title"] == w.title and art["date"] == "2023-07-18"
    assert "author" not in art.fields_dict
    ref = entries["digital-government-efficacy-ref-3"]
    assert (ref.entry_type, ref["journal"], ref["year"], ref["number"], ref["pages"]) == ("article", "政治学研究", "2021", "1", "104--115,158")
    assert ref["author"] == "沈费伟 and 诸靖文"


def test_a_journal_article_is_an_article_entry() -> None:
    entry = bibtexparser.parse_string(bibtex.export(journal_work(), [])).entries[0]
    assert entry.entry_type == "article" and entry["journal"] == "理论探索" and entry["number"] == "1"
    assert entry["pages"] == "101--106" and entry["year"] == "2022" and entry["author"] == "杨阳 and 李四"
    assert bibtexparser.parse_string(bibtex.export(volume_work(), [])).entries[0]["volume"] == "38"
    assert bibtexparser.parse_string(bibtex.export(numbered_work(), [])).entries[0]["pages"] == "78--83"


def test_a_name_with_and_or_a_comma_stays_one_name() -> None:
    assert bibtex.names(["Smith, J.", "Lee and Kim", "王五"]) == "{{Smith, J.} and {Lee and Kim} and 王五}"
