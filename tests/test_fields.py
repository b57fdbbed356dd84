"""FIELDS (pipeline/document/fields.py): one row per metadata field drives the page's rows, the CLI's JSON and the
citations. The received and revised dates (收稿日期, 修回日期) were added as two rows: read from the article's history."""

from __future__ import annotations

import json

import jsonschema

from pipeline.document.editions import to_traditional
from pipeline.document.fields import FIELDS, RECEIVED, REVISED, label_names
from pipeline.document.model import Document
from pipeline.publish.article import Article
from pipeline.publish.citations import csl
from pipeline.publish.plain import to_document_json, to_plain_markdown
from pipeline.publish.render import render

from .conftest import ROOT

HISTORY = ("收稿日期：2020-07-18", "修订日期：2020年12月21日")


def _doc(history: tuple[str, ...] = HISTORY) -> Document:
    return Document("标题", history=history)


def test_every_labelled_row_has_labels_in_labels_yaml_and_json_keys_are_unique() -> None:
    for f in FIELDS:
        if f.store and f.key != "author_bio":
            assert label_names(f.key), f.key
    assert set(RECEIVED + REVISED) <= set(label_names("history"))  # the history's own labels, not new ones
    keys = [f.key for f in FIELDS if f.json]
    assert len(keys) == len(set(keys))


def test_received_and_revised_dates_are_read_from_the_history_in_both_editions() -> None:
    doc = _doc()
    for page in (doc, doc.map_text(to_traditional)):  # the 繁體 history reads 修訂日期
        a = Article.of({"title": page.title}, page)
        assert (a.received, a.revised) == ("2020-07-18", "2020-12-21")
    none = Article.of({"title": "标题"}, _doc(("录用日期：2022年12月16日",)))
    assert (none.received, none.revised) == ("", "")  # accepted is neither


def test_the_dates_are_shown_in_the_page_the_plain_text_and_the_json() -> None:
    doc = _doc()
    a = Article.of({"title": doc.title}, doc)
    assert "收稿日期\n:   2020-07-18\n" in render(doc, a, "hans") and "修回日期\n:   2020-12-21\n" in render(doc, a, "hans")
    assert "- 收稿日期：2020-07-18\n- 修回日期：2020-12-21" in to_plain_markdown(doc, a, "hans")
    data = to_document_json(doc, a, [])
    assert (data["received"], data["revised"]) == ("2020-07-18", "2020-12-21")
    schema = json.loads((ROOT / "corpus" / "schema" / "clean_output.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    empty = to_document_json(_doc(()), Article.of({"title": "标题"}, _doc(())), [])
    assert (empty["received"], empty["revised"]) == (None, None)
    jsonschema.validate(empty, schema)


def test_the_received_date_reaches_csl_as_submitted_by_its_row_alone() -> None:
    doc = _doc()
    item = csl.record(Article.of({"slug": "x", "title": doc.title}, doc))
    assert item["submitted"] == {"date-parts": [[2020, 7, 18]]}
    assert "submitted" not in csl.record(Article.of({"slug": "x", "title": "标题"}, _doc(())))


def test_search_shows_the_resolved_authors_by_name() -> None:
    """The search text of an article's top read the YAML's authors, and showed a record {name, affiliation} as a
    Python dict; it reads the resolved Article now (the page's authors when the YAML names none)."""
    from pipeline.document.model import Author
    from pipeline.publish.build import search_meta
    from pipeline.publish.search_index import article_page

    doc = Document("标题", authors=(Author("李四"),))
    given = Article.of({"slug": "x", "title": "标题", "authors": [{"name": "杨阳", "affiliation": "某大学"}]}, doc)
    assert article_page(doc, search_meta(given), "hans").sections[0].text == "杨阳"
    stated = Article.of({"slug": "x", "title": "标题", "authors": []}, doc)
    assert article_page(doc, search_meta(stated), "hans").sections[0].text == "李四"
