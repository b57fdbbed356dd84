"""Group `refuse`: one edit at a time on a built copy, `make site`, the edit undone: a refusal is one line naming the
file (and the line, where the input has lines), the live site untouched."""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from benchmarks.rerun.cases import Case, Outcome
from benchmarks.rerun.runner import CAPACITY, EFFICACY, judge_refusal, make, snapshot, stamps


def sub(rel: str, old: str, new: str) -> Callable[[Path], Callable[[], None]]:
    def apply(repo: Path) -> Callable[[], None]:
        path = repo / rel
        before = path.read_text(encoding="utf-8")
        assert old in before, (rel, old)
        path.write_text(before.replace(old, new, 1), encoding="utf-8")
        return lambda: path.write_text(before, encoding="utf-8")
    return apply


def append(rel: str, text: str, front: bool = False) -> Callable[[Path], Callable[[], None]]:
    def apply(repo: Path) -> Callable[[], None]:
        path = repo / rel
        before = path.read_text(encoding="utf-8")
        path.write_text(text + before if front else before + text, encoding="utf-8")
        return lambda: path.write_text(before, encoding="utf-8")
    return apply


def new_file(rel: str, source: str, change: Callable[[str], str]) -> Callable[[Path], Callable[[], None]]:
    def apply(repo: Path) -> Callable[[], None]:
        (repo / rel).write_text(change((repo / source).read_text(encoding="utf-8")), encoding="utf-8")
        return lambda: (repo / rel).unlink()
    return apply


def swapped_for_a_link(path: Path, outside: Path) -> Callable[[], None]:
    """Replace `path` by a symbolic link to a copy of it (the same bytes) in `outside`; returns the undo."""
    copy = outside / path.name
    shutil.copy2(path, copy)
    path.unlink()
    path.symlink_to(copy)

    def undo() -> None:
        path.unlink()
        shutil.copy2(copy, path)
    return undo


def swap_for_link(rel: str) -> Callable[[Path], Callable[[], None]]:
    def apply(repo: Path) -> Callable[[], None]:
        outside = Path(tempfile.mkdtemp(prefix="hostile-outside-"))
        undo = swapped_for_a_link(repo / rel, outside)

        def undo_all() -> None:
            undo()
            shutil.rmtree(outside)
        return undo_all
    return apply


def yaml_link(repo: Path) -> Callable[[], None]:
    outside = Path(tempfile.mkdtemp(prefix="hostile-outside-")) / "elsewhere.yaml"
    outside.write_text((repo / CAPACITY).read_text(encoding="utf-8").replace("slug: digital-governance-capacity", "slug: elsewhere"), encoding="utf-8")
    link = repo / "corpus" / "articles" / "zz-link.yaml"
    link.symlink_to(outside)

    def undo() -> None:
        link.unlink()
        shutil.rmtree(outside.parent)
    return undo


def short_reason(repo: Path) -> Callable[[], None]:
    """The first errata entry's reason (a folded block) replaced by two characters: the schema wants ten."""
    path = repo / "corpus/data/errata.yaml"
    before = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"  reason: >-\n(?:    .*\n)+", "  reason: 太短\n", before, count=1), encoding="utf-8")
    return lambda: path.write_text(before, encoding="utf-8")


TITLE_000 = "title: 我国政府数字治理能力建设：成绩、问题与对策"
SLUG_000 = "slug: digital-governance-capacity"
URL_002 = "source_url: http://www.rmlt.com.cn/2023/0718/678135.shtml"
LAUGHS = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(8))
# Each refusal: its edits (each run on its own), the file the message must name, whether it must name a line.
Edit = Callable[[Path], Callable[[], None]]
REFUSALS: dict[str, tuple[list[Edit], str, bool]] = {
    "yaml-slug-reserved": ([sub(CAPACITY, SLUG_000, f"slug: {s}") for s in ("index", "glossary", "downloads")], CAPACITY, True),
    "yaml-slug-dotdot": ([sub(CAPACITY, SLUG_000, "slug: ../../evil")], CAPACITY, True),
    "yaml-slug-250": ([sub(CAPACITY, SLUG_000, "slug: " + "a" * 250)], CAPACITY, True),
    "yaml-slug-newline": ([sub(CAPACITY, SLUG_000, 'slug: "digital-governance-capacity\\n"')], CAPACITY, True),
    "yaml-slug-twice": ([sub(EFFICACY, "slug: digital-government-efficacy", SLUG_000)], EFFICACY, True),
    "yaml-duplicate-key": ([append(CAPACITY, "title: 第二个标题\n")], CAPACITY, True),
    "yaml-date": ([sub(CAPACITY, "date: null", f'date: "{d}"') for d in ("2023-00-10", "2023-13-45", "2023-02-30")], CAPACITY, True),
    "yaml-surrogate": ([sub(CAPACITY, TITLE_000, 'title: "标题\\ud800尾"')], CAPACITY, True),
    "yaml-nonchar": ([sub(CAPACITY, TITLE_000, 'title: "标题\\uFFFE尾"'), sub(CAPACITY, TITLE_000, "title: 标题\ufffe尾"),
                      sub(CAPACITY, "summary:", 'keywords: [数字政府, "治理\\uFFFF"]\nsummary:')], CAPACITY, True),
    "yaml-controls": ([sub(CAPACITY, "publisher: null", 'publisher: "出版社\\e[31m"'), sub(CAPACITY, TITLE_000, 'title: "标题\\u202e尾"')],
                      CAPACITY, True),
    "yaml-author-ris": ([sub(CAPACITY, "authors: []", 'authors: ["作者\\nTY  - JOUR"]')], CAPACITY, True),
    "yaml-url-quote": ([sub(EFFICACY, URL_002, "source_url: 'https://example.com/\"><script>alert(1)</script>'")], EFFICACY, True),
    "yaml-url-scheme": ([sub(EFFICACY, URL_002, f"source_url: '{u}'") for u in
                         ("javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "//evil.example/x", "https://www.rmlt.com.cn@evil.example/")],
                        EFFICACY, True),
    "yaml-raw-markup": ([sub(CAPACITY, "raw: 000_02b2b72714e171d1.txt", "raw: 'x.txt)<img src=\"x\" onerror=alert(1)>.txt'")], CAPACITY, True),
    "yaml-raw-outside": ([sub(CAPACITY, "raw: 000_02b2b72714e171d1.txt", "raw: ../articles/x.txt")], CAPACITY, True),
    "glossary-term-newline": ([sub("corpus/data/glossary.yaml", "  - term: 一网通办\n", '  - term: "一网通办\\n"\n')], "corpus/data/glossary.yaml", True),
    "glossary-term-attr": ([sub("corpus/data/glossary.yaml", "  - term: 一网通办\n", "  - term: '一网通办{: onclick=x }\"'''\n")],
                           "corpus/data/glossary.yaml", True),
    "glossary-english-blank": ([sub("corpus/data/glossary.yaml", '    english: "one-network service',
                                    '    english: "x\\n\\n<script>alert(1)</script>\\n\\none-network service')], "corpus/data/glossary.yaml", True),
    "override-markup": ([append("corpus/data/conversion_overrides.tsv", "s2tw\t關於本站\t關於本站<script>alert(1)</script>\tinjected override\n")],
                        "corpus/data/conversion_overrides.tsv", True),
    "errata-reason-short": ([short_reason], "corpus/data/errata.yaml", True),
    "billion-laughs": ([append("corpus/data/glossary.yaml", LAUGHS, front=True)], "corpus/data/glossary.yaml", True),
    "chrome-redos": ([sub("corpus/data/chrome.yaml", "chrome_lines:\n", f'chrome_lines:\n  - pattern: "{p}"\n    reason: "a hostile pattern"\n')
                      for p in ("(a|aa)+$", "(?<=栏目)推荐")], "corpus/data/chrome.yaml", True),
    "raw-symlink": ([swap_for_link("corpus/raw/000_02b2b72714e171d1.txt")], CAPACITY, True),
    "yaml-symlink": ([yaml_link], "corpus/articles/zz-link.yaml", False),
}


def refuse_group(repo: Path, todo: list[Case], results: dict[str, Outcome]) -> None:
    first = make(repo, "site")
    if first.code != 0:
        for case in todo:
            results[case.id] = Outcome("not run", "the copy did not build: " + first.err[-300:])
        return
    for case in todo:
        edits, rel, want_line = REFUSALS[case.id]
        outs = []
        for edit in edits:
            corpus, site = snapshot(repo / "corpus"), stamps(repo / "site")
            undo = edit(repo)
            try:
                done = make(repo, "site", timeout=300)
            finally:
                undo()
            out = judge_refusal(done, file=str(repo / rel), line=want_line)
            if out.outcome == "silent corruption":
                out = Outcome("silent corruption", "built: " + done.out.strip().splitlines()[-1][:100])
            if stamps(repo / "site") != site:
                out = Outcome("silent corruption", "the live site changed: " + out.detail)
            assert snapshot(repo / "corpus") == corpus, f"{case.id}: the corpus was not restored"
            if out.outcome == "refused cleanly" and done.seconds > 60:
                out = Outcome("slow", f"refused after {done.seconds:.0f} s")
            outs.append(out)
        worst = next((o for o in outs if o.outcome != "refused cleanly"), outs[0])
        results[case.id] = Outcome(worst.outcome, " | ".join(o.detail.replace(str(repo) + "/", "") for o in outs)[:600])
