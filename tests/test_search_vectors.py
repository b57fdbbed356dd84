"""The shared search test vectors (tests/search_vectors/*.json; the format: pipeline/publish/FORMAT.md): the Python writer
(pipeline/publish/search_index.py) writes the vectors' index files byte for byte, and the JS reader
(overrides/assets/search-engine.js and search-excerpt.js, run in node by tests/search_vectors/engine.cjs) gives the
vectors' answers over them; the benchmark's Python mirror of the engine (benchmarks/search_queries.py) takes the same
candidates, and the hits are what a grep of the texts finds. So the two implementations of the format cannot drift apart
unnoticed.

    python -m tests.test_search_vectors --write   # fills in the vectors' outputs from their inputs (review the diff)
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import unicodedata
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from benchmarks.search_queries import candidates, plan, query_terms
from pipeline.document.editions import to_simplified, to_traditional
from pipeline.publish.search_convert import browser_t2s, conv_data, fold, to_canonical
from pipeline.publish.search_format import decode, encode, fnv1a
from pipeline.publish.search_index import Page, Section, index_files, shown

VECTORS = Path(__file__).resolve().parent / "search_vectors"
NODE = shutil.which("node") or "/usr/bin/node"
Vector = dict[str, Any]


def vectors() -> dict[str, Vector]:
    return {p.name: json.loads(p.read_text(encoding="utf-8")) for p in sorted(VECTORS.glob("*.json"))}


def collections() -> list[str]:
    return [name for name, v in vectors().items() if "queries" in v]


def editions(vector: Vector) -> dict[str, list[Page]]:
    return {edition: [Page(p["slug"], p["title"], tuple(Section(*s) for s in p["sections"])) for p in pages]
            for edition, pages in vector["pages"].items()}


def written(vector: Vector) -> dict[str, str]:
    """The index files the Python writer makes of the vector's pages, conv.js left out (conv_data(), on both sides)."""
    files, _ = index_files(editions(vector), shard_bytes=vector["shard_bytes"])
    return {rel: text for rel, text in sorted(files.items()) if rel != "conv.js"}


@cache
def js_answers(inflate: bool = True) -> dict[str, Vector]:
    """What the JS engine answers for every vector (tests/search_vectors/engine.cjs, in node); inflate=False: without
    DecompressionStream."""
    conv = json.dumps(conv_data(), ensure_ascii=False)  # conv.js's data, on its standard input
    env = {**os.environ, **({} if inflate else {"ZHSEARCH_NO_INFLATE": "1"})}
    done = subprocess.run([NODE, str(VECTORS / "engine.cjs")], input=conv, capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 0, done.stderr[-4000:]
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def python_units(vector: Vector) -> Vector:
    """The units as the Python side computes them (the excerpt is the browser's only: the JS answer, reviewed)."""
    return {
        "codes": [{"numbers": c["numbers"], "code": encode(c["numbers"])} for c in vector["codes"]],
        "fnv1a": [[key, fnv1a(key)] for key, *_ in vector["fnv1a"]],
        "fold": [[text, fold(text)] for text, *_ in vector["fold"]],
        "canonical": [[term, to_canonical(term)] for term, *_ in vector["canonical"]],
        "convert": [[text, browser_t2s(text)] for text, *_ in vector["convert"]],
        "words": [[query, list(dict.fromkeys(unicodedata.normalize("NFKC", query).split()))] for query, *_ in vector["words"]],
        "plans": [dict(zip(("term", "keys", "more", "exact"), (p["term"], *plan(p["term"])), strict=True)) for p in vector["plans"]],
    }


def grep(pages: list[Page], edition: str, query: str) -> set[int]:
    """The truth: sections (numbers in index order) whose heading and text, read as simplified, hold every term."""
    texts = [fold(to_simplified(s.heading + "\n" + s.text, edition)) for page in pages for s in page.sections]
    terms = query_terms(query)
    return {n for n, text in enumerate(texts) if terms and all(t in text for t in terms)}


# The Python writer ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", collections())
def test_the_python_writer_writes_the_vectors_index_files(name: str) -> None:
    vector = vectors()[name]
    assert written(vector) == vector["files"]
    assert len([f for f in vector["files"] if f.startswith("s/")]) > 1, "the vector should have several shards"


def shown_sections(vector: Vector) -> dict[str, dict[str, list[str]]]:
    """Each text file's section (slug, title, anchor, heading, text) as each edition shows it, from the vector's pages."""
    pages = editions(vector)
    def fields(page: Page, s: Section) -> list[str]:
        return [page.slug, page.title, s.anchor, s.heading, s.text]

    return {f"t/{k}/{j}.js": {e: fields(pages[e][k], pages[e][k].sections[j]) for e in pages}
            for k, page in enumerate(pages["hans"]) for j in range(len(page.sections))}


@pytest.mark.parametrize("name", collections())
def test_the_text_files_give_back_each_editions_text_on_the_python_side(name: str) -> None:
    """One file a section holds the 繁體 text; the 简体 one is its conversion, or stored where that is not it."""
    vector = vectors()[name]
    files = {rel: json.loads(text[text.index(",", text.index(",") + 1) + 1:text.rindex(");")]) for rel, text in vector["files"].items()}
    assert {rel: {e: list(shown(files[rel], e)) for e in ("hans", "hant")} for rel in shown_sections(vector)} == shown_sections(vector)
    assert any(len(files[rel]) > 5 for rel in shown_sections(vector)), "the vector should have a text the conversion does not give"
    assert any(data[1] is None for rel, data in files.items() if rel.startswith("t/")), "a page's top says its title once"


def test_the_python_side_computes_the_vectors_units() -> None:
    vector = vectors()["units.json"]
    assert python_units(vector) == {k: vector[k] for k in python_units(vector)}
    assert all(decode(c["code"]) == c["numbers"] for c in vector["codes"])


# The JS reader -------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", collections())
def test_the_js_engine_gives_the_vectors_answers(name: str) -> None:
    expected, got = vectors()[name]["queries"], js_answers()[name]["queries"]
    assert [q["query"] for q in got] == [q["query"] for q in expected]
    for want, have in zip(expected, got, strict=True):
        assert have == want, want["query"]


@pytest.mark.parametrize("name", collections())
def test_the_js_engine_shows_each_editions_text_from_the_text_files(name: str) -> None:
    """Never a character the page does not have: the 简体 text the browser derives from the 繁體 one is the page's."""
    got = js_answers()[name]["texts"]
    fields = ("slug", "title", "anchor", "heading", "text")
    assert {rel: {e: [s[f] for f in fields] for e, s in both.items()} for rel, both in got.items()} == shown_sections(vector := vectors()[name])
    assert set(got) == {rel for rel in vector["files"] if rel.startswith("t/")}


@pytest.mark.parametrize("name", collections())
def test_without_decompressionstream_results_still_list_without_their_deflated_texts(name: str) -> None:
    """Safari < 16.4, Firefox < 113: a deflated text (search_format.packed()) cannot be read; its result is listed with
    its title and heading, its text null (search.js says no excerpt is shown), and nothing throws."""
    vector, got = vectors()[name], js_answers(inflate=False)[name]
    deflated = {rel for rel, text in vector["files"].items() if rel.startswith("t/") and '{"z":' in text}
    assert deflated, "the vector has no deflated text"
    fields = ("slug", "title", "anchor", "heading")
    for rel, both in got["texts"].items():
        for edition, s in both.items():
            assert [s[f] for f in fields] == shown_sections(vector)[rel][edition][:4]
            assert (s["text"] is None) == (rel in deflated), rel
    hits = {(q["query"], e): {tuple(h) for p in r for h in p["hits"]} for q in got["queries"] for e, r in q["results"].items()}
    for q in vector["queries"]:  # every hit still listed (a text that cannot be read cannot rule a candidate out)
        for e, r in q["results"].items():
            assert {tuple(h) for p in r for h in p["hits"]} <= hits[q["query"], e], q["query"]


def test_the_js_engine_and_excerpt_compute_the_vectors_units() -> None:
    vector, got = vectors()["units.json"], js_answers()["units.json"]
    for key, values in got.items():
        assert values == vector[key], key


# The same answers, seen from Python ----------------------------------------------------------------------------------

@pytest.mark.parametrize("name", collections())
def test_the_benchmarks_mirror_of_the_engine_takes_the_same_candidates(name: str, tmp_path: Path) -> None:
    vector = vectors()[name]
    for rel, text in vector["files"].items():
        (tmp_path / "search" / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "search" / rel).write_text(text, encoding="utf-8")
    for q in vector["queries"]:
        assert query_terms(q["query"]) == q["terms"], q["query"]
        assert candidates(tmp_path, q["query"]) == (set(q["candidates"]), q["decided"]), q["query"]


@pytest.mark.parametrize("name", collections())
def test_the_hits_are_what_a_grep_of_the_texts_finds_in_both_editions(name: str) -> None:
    vector = vectors()[name]
    pages = editions(vector)
    slugs = {n: (page.slug, s.anchor) for n, (page, s) in enumerate((page, s) for page in pages["hans"] for s in page.sections)}
    for q in vector["queries"]:
        for edition, answer in q["results"].items():
            hits = [h for page in answer for h in page["hits"]]
            assert all(slugs[n] == (slug, anchor) for n, slug, anchor in hits)
            assert len(hits) == len({n for n, _, _ in hits}), (q["query"], edition)  # each once
            if answer and answer[-1]["done"]:  # every page of results seen: exactly the truth, and an exact count
                assert {n for n, _, _ in hits} == grep(pages[edition], edition, q["query"]), (q["query"], edition)
                assert answer[-1]["exact"] and answer[-1]["count"] == len(hits), (q["query"], edition)
        assert [[h[0] for h in p["hits"]] for p in q["results"]["hans"]] == [[h[0] for h in p["hits"]] for p in q["results"]["hant"]]


# Writing the vectors' outputs ----------------------------------------------------------------------------------------

def write() -> None:
    """Fill in every vector's outputs from its inputs: the index files and the units from the Python side, the answers
    to the queries and the excerpts from the JS side (then the tests check each side against them)."""
    for name, vector in vectors().items():
        if "queries" in vector:
            vector["pages"]["hant"] = [{"slug": p["slug"], "title": to_traditional(p["title"]),
                                        "sections": [[a, to_traditional(h), to_traditional(t)] for a, h, t in p["sections"]]}
                                       for p in vector["pages"]["hans"]]
            vector["files"] = written(vector)
        else:
            vector.update(python_units(vector))
        (VECTORS / name).write_text(json.dumps(vector, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    js_answers.cache_clear()
    answers = js_answers()
    for name, vector in vectors().items():
        if "queries" in vector:
            vector["queries"] = answers[name]["queries"]
        else:
            vector["excerpts"] = answers[name]["excerpts"]
        (VECTORS / name).write_text(json.dumps(vector, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    if sys.argv[1:] != ["--write"]:
        sys.exit(__doc__)
    write()
