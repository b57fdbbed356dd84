"""The benchmark corpora are real pipeline input: varied, deterministic, and cleaned without error."""

from __future__ import annotations

from benchmarks.synthetic import big_text, variant_000, variant_002
from pipeline.document.article import process_bytes


def test_variants_differ_and_clean_with_the_defects_of_their_source() -> None:
    a, b = variant_000(1), variant_000(2)
    assert a != b and variant_000(1) == a
    for data in (a, b):
        result = process_bytes(data, "v.txt", script="hans")
        rules = {c.rule for c in result.changes}
        assert {"remove_chrome", "remove_duplicate_blocks", "normalise_punctuation"} <= rules
        assert [s.heading for s in result.hans.sections[1:]] == ["我国数字政府建设取得显著成绩", "政府数字治理能力建设面临五个问题", "对策建议"]
    assert process_bytes(variant_002(), "v2.txt", script="hant").hans.notes


def test_big_text_is_deterministic_and_unique_per_paragraph() -> None:
    text = big_text(200_000)
    assert text == big_text(200_000) and len(text.encode()) >= 200_000
    lines = text.splitlines()
    assert len(set(lines)) == len(lines)
