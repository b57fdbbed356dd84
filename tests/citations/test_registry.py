"""The registry of citation formats (pipeline/publish/citations/__init__.py): found by presence, placed by ORDER,
and the cite block and the exports iterate it."""

from __future__ import annotations

from pathlib import Path

from pipeline.document.fields import CITATION_FORMATS, FIELDS
from pipeline.publish.citations import FILES, FORMATS, TEXT


def test_every_module_is_a_format_with_a_name_and_a_place() -> None:
    assert [m.NAME for m in FORMATS] == ["gbt7714", "apa", "mla", "csl", "bibtex", "ris", "highwire", "jsonld"]
    assert [m.NAME for m in TEXT] == ["gbt7714", "apa", "mla"] and [m.EXT for m in FILES] == ["json", "bib", "ris"]
    assert {m.NAME for m in FORMATS} == set(CITATION_FORMATS)
    assert all(isinstance(m.TITLE, str) and m.TITLE for m in FORMATS)


def test_fields_name_themselves_only_in_known_formats() -> None:
    assert {fmt for f in FIELDS for fmt in f.cite} <= set(CITATION_FORMATS)


def test_the_cite_block_shows_every_text_format_and_links_every_file(site: Path) -> None:
    for prefix in ("", "zh-Hant/"):
        html = (site / prefix / "digital-government-efficacy" / "index.html").read_text(encoding="utf-8")
        places = [html.index(f'class="cite-text cite-{m.CLASS}"><strong>{m.TITLE}</strong>') for m in TEXT]
        assert places == sorted(places)
        for m in FILES:
            assert f'cite/digital-government-efficacy.{m.EXT}">{m.TITLE}</a>' in html
