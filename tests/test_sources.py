"""The raw sources are the scraped bytes, never edited; metadata holds only true facts."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from pipeline.core.changes import PipelineError
from pipeline.core.data import check
from pipeline.document.article import load_meta

from .conftest import ROOT

RECORDED = {
    "000_02b2b72714e171d1.txt": "97416e0e744c90ef903af4e1ac1e0e33bf3cf7dc43450fc78dc68ca937b29862",
    "002_b5aca4e56758e02d.txt": "6ecff8805113218e242dcfb527ec96500380c518fd1d934c03a243ee632437b3",
}
ARTICLES = sorted((ROOT / "corpus" / "articles").glob("*.yaml"))


@pytest.mark.parametrize("name", sorted(RECORDED))
def test_raw_sha256_matches_recorded(name: str) -> None:
    assert hashlib.sha256((ROOT / "corpus" / "raw" / name).read_bytes()).hexdigest() == RECORDED[name]


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem)
def test_metadata_passes_schema_and_names_its_raw_file(path: Path) -> None:
    meta = load_meta(path)
    assert meta["slug"] == path.stem
    assert RECORDED[str(meta["raw"])] == meta["sha256"]


def test_article_1_invents_no_author_date_or_venue() -> None:
    meta = load_meta(ROOT / "corpus" / "articles" / "digital-governance-capacity.yaml")
    assert meta["title_editorial"] is True
    assert meta["authors"] == [] and meta["date"] is None and meta["publisher"] is None and meta["source_url"] is None


def test_article_2_facts() -> None:
    meta = load_meta(ROOT / "corpus" / "articles" / "digital-government-efficacy.yaml")
    assert meta["title"] == "我国数字政府建设效能提升的难点及应对" and meta["title_editorial"] is False
    assert meta["date"] == "2023-07-18" and meta["clc"] == "D63" and meta["doc_code"] == "A"
    assert meta["funding"][0]["project_id"] == "21XGL005"  # type: ignore[index]
    assert [e["name"] for e in meta["editors"]] == ["罗婷", "石玉", "张宏莉"]  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"date": 20230718}, "date"),
        ({"title_editorial": "yes"}, "title_editorial"),
        ({"slug": "Bad Slug"}, "slug"),
        ({"extra": 1}, "Additional properties"),
    ],
)
def test_metadata_schema_rejects_wrong_fields(change: dict[str, object], message: str) -> None:
    meta = load_meta(ARTICLES[0]) | change
    with pytest.raises(PipelineError, match=message):
        check(meta, "article", ARTICLES[0])


def test_metadata_schema_rejects_missing_field() -> None:
    meta = load_meta(ARTICLES[0])
    del meta["authors"]
    with pytest.raises(PipelineError, match="'authors' is a required property"):
        check(meta, "article", ARTICLES[0])
