"""The rerun harness of issue 22 (benchmarks/hostile_rerun.py, minutes: not part of the suite) still runs: its 93
cases are listed, and three cheap ones go through a real `make add` in a copy and are judged as the rerun judges them."""

from __future__ import annotations

from pathlib import Path

from benchmarks import hostile_rerun


def test_the_rerun_lists_93_cases_with_distinct_ids() -> None:
    cases = hostile_rerun.cases()
    assert len(cases) == 93 and len({c.id for c in cases}) == 93
    assert {c.group for c in cases} == {"add", "scraped", "refuse", "ops", "sizes"}
    assert {c.id for c in cases if c.group == "refuse"} == set(hostile_rerun.REFUSALS)


def test_three_cheap_cases_are_judged_as_in_the_rerun(tmp_path: Path) -> None:
    todo = [c for c in hostile_rerun.cases() if c.id in ("name-backtick", "slug-index", "title-only")]
    repo = hostile_rerun.copy_repo(tmp_path / "repo")
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    results: dict[str, hostile_rerun.Outcome] = {}
    hostile_rerun.add_group(repo, todo, results, scratch)
    assert {k: v.outcome for k, v in results.items()} == {"name-backtick": "handled", "slug-index": "refused cleanly",
                                                          "title-only": "refused cleanly"}, results
    assert "--slug: slug is a path of the site itself: 'index'" in results["slug-index"].detail
