"""Citations across formats: references parsed from the real notes, the resolved Article they all read, what every
format shares (pages from the 文章编号, one language code) and the exports on the site. Each format's own tests are
in test_<format>.py beside this file."""

from __future__ import annotations

import json
import re
from pathlib import Path

import bibtexparser
import rispy

from pipeline.document.article import Result
from pipeline.document.references import gbt7714, parse_reference
from pipeline.publish.article import pages_of_article_no
from pipeline.publish.citations import FILES, apa, bibtex, csl, highwire, jsonld, ris
from pipeline.publish.citations import gbt7714 as gbt
from pipeline.publish.citations.common import LANGUAGE

from .conftest import journal_work, numbered_work, refs_of, work_of


def test_all_six_notes_parse_into_records(efficacy: Result) -> None:
    refs = refs_of(efficacy)
    assert [r.number for r in refs] == [1, 2, 3, 4, 5, 6]
    first, third = refs[0], refs[2]
    assert first.authors == ("黄璜", "谢思娴", "姚清晨") and first.et_al
    assert (first.title, first.journal, first.year, first.issue, first.pages) == (
        "数字化赋能治理协同：数字政府建设的“下一步行动”", "电子政务", 2022, "4", (("2", "27"),))
    assert third.pages == (("104", "115"), ("158", "158"))
    assert refs[3].journal == "广西师范大学学报（哲学社会科学版）"


def test_gbt7714_reference_forms(efficacy: Result) -> None:
    refs = refs_of(efficacy)
    assert gbt7714(refs[0]) == "黄璜, 谢思娴, 姚清晨, 等. 数字化赋能治理协同：数字政府建设的“下一步行动”[J]. 电子政务, 2022(4): 2-27."
    assert gbt7714(refs[2]) == "沈费伟, 诸靖文. 数据赋能：数字政府治理的运作机理与创新路径[J]. 政治学研究, 2021(1): 104-115, 158."


def test_a_note_that_is_not_a_journal_reference_stays_text() -> None:
    assert parse_reference(1, "参见国务院2022年文件。") is None
    assert parse_reference(2, "王五：《某书》，北京：某出版社，2020年。") is None


def test_a_work_without_a_url_of_its_own_is_cited_at_our_page(capacity: Result) -> None:
    assert work_of(capacity).url == ""
    assert work_of(capacity, "https://example.org/r/").url == "https://example.org/r/digital-governance-capacity/"


def test_exports_are_published_for_each_edition(site: Path) -> None:
    """One copy of each export, at the site's root, which both editions' pages link (issue 21: they were the same bytes)."""
    for prefix in ("", "zh-Hant/"):
        page = site / prefix / "digital-government-efficacy" / "index.html"
        for ext in (m.EXT for m in FILES):
            [href] = re.findall(rf'<a href="([./]*cite/digital-government-efficacy\.{ext})">', page.read_text(encoding="utf-8"))
            assert (page.parent / href).resolve() == (site / "cite" / f"digital-government-efficacy.{ext}").resolve()
            assert (page.parent / href).stat().st_size > 500
    assert not (site / "zh-Hant" / "cite").exists()


def test_the_reviewed_yaml_wins_over_the_page_field_by_field() -> None:
    w = journal_work({"authors": [{"name": "杨阳", "affiliation": "湖南省委党校"}], "venue": {"name": "理论探索", "pages": "101-105"},
                      "date": "2022-01-15", "doi": None, "keywords": ["数字政府"]})
    assert [(a.name, a.affiliation) for a in w.authors] == [("杨阳", "湖南省委党校")]
    assert (w.venue.name, w.venue.year, w.venue.issue, w.venue.pages) == ("理论探索", "2022", "1", "101-105")  # type: ignore[union-attr]
    assert w.date == "2022-01-15" and w.keywords == ("数字政府",)
    assert w.doi == "10.16354/j.cnki.43-1101/d.2022.01.013"  # null in the YAML: the page's value stands


# --- issue 23: pages from the 文章编号, one language code ----------------------------------------------------------

def test_pages_from_the_article_number_in_every_format() -> None:
    w = numbered_work()
    assert w.page_range == ("78", "83")
    assert ": 78-83." in gbt.cite(w) and ", 78–83." in apa.cite(w)
    tags = highwire.tags(w)
    assert ("citation_firstpage", "78") in tags and ("citation_lastpage", "83") in tags
    assert bibtexparser.parse_string(bibtex.export(w, [])).entries[0]["pages"] == "78--83"
    record = rispy.loads(ris.export(w, []))[0]
    assert (record["start_page"], record["end_page"]) == ("78", "83")
    assert csl.record(w)["page"] == "78-83"
    ld = json.loads(jsonld.script(w, []))
    assert (ld["pagination"], ld["pageStart"], ld["pageEnd"]) == ("78-83", "78", "83")


def test_stated_pages_win_and_a_non_number_gives_none() -> None:
    assert journal_work({"article_no": "1008-9047(2020)02-0078-06"}).page_range == ("101", "106")  # the venue's own pages
    assert pages_of_article_no("1672-7762（2021）05-0012-10") == ("12", "21")  # fullwidth brackets, as pages print them
    assert pages_of_article_no("A") == ("", "") and pages_of_article_no("") == ("", "")


def test_one_language_code_in_every_format(efficacy: Result) -> None:
    w, refs = work_of(efficacy), refs_of(efficacy)
    assert LANGUAGE == "zh-Hans"  # the simplified original, as the simplified edition's <html lang>
    assert ("citation_language", LANGUAGE) in highwire.tags(w)
    assert json.loads(jsonld.script(w, refs))["inLanguage"] == LANGUAGE
    assert {i["language"] for i in csl.items(w, refs)} == {LANGUAGE}
    assert {r["language"] for r in rispy.loads(ris.export(w, refs))} == {LANGUAGE}
    assert {e["language"] for e in bibtexparser.parse_string(bibtex.export(w, refs)).entries} == {LANGUAGE}
    for text in (bibtex.export(w, refs), ris.export(w, refs), csl.export(w, refs), jsonld.script(w, refs)):
        assert "zh-CN" not in text and '"zh"' not in text and "chinese" not in text
