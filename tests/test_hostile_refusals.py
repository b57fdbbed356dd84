"""Hostile input refused: one line naming file, field (or line) and value; exit 1; no traceback. Backtracking data
patterns, links in place of files, the cache key (issues 15, 22)."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from benchmarks.rerun.refuse import swapped_for_a_link

from .hostile_support import CAPACITY, EFFICACY, LAUGHS, RAW_000, pipeline, refused, sub


def first_chrome_line(entry: str) -> Callable[[str], str]:
    """chrome.yaml with `entry` as the first item of its chrome_lines list."""
    return lambda s: s.replace("chrome_lines:\n", "chrome_lines:\n" + entry, 1)

REFUSALS: list[tuple[str, str, Callable[[str], str], str, str | None, int | None]] = [
    ("duplicate-key", CAPACITY, lambda s: s + "title: 第二个标题\n", "YAML key 'title' given twice", None, 20),
    ("duplicate-key-glossary", "corpus/data/glossary.yaml", sub("    category: slogan\n", "    category: slogan\n    category: concept\n"),
     "YAML key 'category' given twice", None, 7),
    ("billion-laughs", "corpus/data/glossary.yaml", lambda s: LAUGHS + s, "YAML anchor &a refused", None, 1),
    ("alias", CAPACITY, lambda s: s.replace("authors: []", "authors: &x [甲]\neditors_copy: *x"), "YAML anchor &x refused", None, 8),
    ("python-tag", CAPACITY, lambda s: s.replace("publisher: null", "publisher: !!python/object/apply:os.system [\"echo hacked\"]"),
     "YAML tag tag:yaml.org,2002:python/object/apply:os.system refused", None, 10),
    ("custom-tag", "corpus/data/errata.yaml", lambda s: s.replace('fixed: "數"', 'fixed: !custom "數"', 1), "YAML tag !custom refused", None, 5),
    ("date-feb-30", CAPACITY, sub("date: null", 'date: "2023-02-30"'), "date: not a real date", "2023-02-30", 12),
    ("date-month-0", CAPACITY, sub("date: null", 'date: "2023-00-10"'), "date: not a real date", "2023-00-10", 12),
    ("date-13-45", CAPACITY, sub("date: null", 'date: "2023-13-45"'), "date: not a real date", "2023-13-45", 12),
    ("slug-300", CAPACITY, sub("slug: digital-governance-capacity", "slug: " + "a" * 300), "slug", "a" * 60, 2),
    ("slug-glossary", CAPACITY, sub("slug: digital-governance-capacity", "slug: glossary"), "slug is a path of the site itself",
     "glossary", 2),
    ("slug-index", CAPACITY, sub("slug: digital-governance-capacity", "slug: index"), "slug is a path of the site itself", "index", 2),
    ("slug-downloads", CAPACITY, sub("slug: digital-governance-capacity", "slug: downloads"), "slug is a path of the site itself",
     "downloads", 2),
    ("slug-about-page", CAPACITY, sub("slug: digital-governance-capacity", "slug: about"), "slug", "about", 2),
    ("slug-twice", EFFICACY, sub("slug: digital-government-efficacy", "slug: digital-governance-capacity"),
     "slug already used by", "digital-governance-capacity", 2),
    ("slug-newline", CAPACITY, sub("slug: digital-governance-capacity", 'slug: "digital-governance-capacity\\n"'), "slug", None, 2),
    ("raw-name-markup", CAPACITY, sub("raw: 000_02b2b72714e171d1.txt", "raw: 'x.txt)<img src=\"x\" onerror=alert(1)>.txt'"),
     "schema article: raw", "onerror", 3),
    ("raw-outside", CAPACITY, sub("raw: 000_02b2b72714e171d1.txt", "raw: ../articles/x.txt"), "schema article: raw", "../articles", 3),
    ("title-surrogate", CAPACITY, sub("title: 我国政府数字治理能力建设：成绩、问题与对策", 'title: "标题\\ud800尾"'),
     "title: lone surrogate U+D800", "'标题\\ud800尾'", 6),
    ("title-fffe", CAPACITY, sub("title: 我国政府数字治理能力建设：成绩、问题与对策", 'title: "标题\\uFFFE尾"'),
     "title: U+FFFE is not allowed in XML 1.0", "'标题\\ufffe尾'", 6),
    ("title-fffe-as-is", CAPACITY, sub("title: 我国政府数字治理能力建设：成绩、问题与对策", "title: 标题\ufffe尾"),
     "invalid YAML: character U+FFFE is not allowed", None, 6),
    ("keyword-ffff", CAPACITY, sub("summary:", 'keywords: [数字政府, "治理\\uFFFF"]\nsummary:'), "keywords/1: U+FFFF is not allowed in XML 1.0",
     "'治理\\uffff'", 19),
    ("author-c0", CAPACITY, sub("authors: []", 'authors: ["作者\\x0b"]'), "authors/0: control or invisible character U+000B", None, 8),
    ("title-bidi", CAPACITY, sub("title: 我国政府数字治理能力建设：成绩、问题与对策", 'title: "标题\\u202e尾"'),
     "title: control or invisible character U+202E", None, 6),
    ("publisher-escape", CAPACITY, sub("publisher: null", 'publisher: "出版社\\e[31m"'), "publisher: control or invisible character U+001B",
     None, 10),
    ("author-ris-break", CAPACITY, sub("authors: []", 'authors: ["作者\\nTY  - JOUR"]'), "authors/0: line break", None, 8),
    ("source-url-quote", EFFICACY, sub("source_url: http://www.rmlt.com.cn/2023/0718/678135.shtml",
                                       "source_url: 'https://example.com/\"><script>alert(1)</script>'"),
     "schema article: source_url", "<script>", 14),
    ("source-url-javascript", EFFICACY, sub("source_url: http://www.rmlt.com.cn/2023/0718/678135.shtml", "source_url: javascript:alert(1)"),
     "schema article: source_url", "javascript:alert(1)", 14),
    ("source-url-userinfo", EFFICACY, sub("source_url: http://www.rmlt.com.cn/2023/0718/678135.shtml",
                                          "source_url: https://www.rmlt.com.cn@evil.example/"),
     "source_url: not a URL: user names in URLs are not allowed", "evil.example", 14),
    ("glossary-term-newline", "corpus/data/glossary.yaml", sub("  - term: 一网通办\n", '  - term: "一网通办\\n"\n'),
     "schema glossary: terms/0/term", None, 5),
    ("glossary-term-space", "corpus/data/glossary.yaml", sub("  - term: 一网通办\n", '  - term: "一网 通办"\n'),
     "schema glossary: terms/0/term", "一网 通办", 5),
    ("glossary-term-attr-list", "corpus/data/glossary.yaml", sub("  - term: 一网通办\n", "  - term: '一网通办{: onclick=x }\"'''\n"),
     "schema glossary: terms/0/term", "{: onclick=x }", 5),
    ("chrome-redos", "corpus/data/chrome.yaml", first_chrome_line('  - pattern: "(a|aa)+$"\n    code: section_label\n'),
     "chrome_lines/", "(a|aa)+$", 46),
    ("chrome-bad-regex", "corpus/data/chrome.yaml", first_chrome_line('  - pattern: "栏目(["\n    code: section_label\n'),
     "not a regular expression", "栏目([", 46),
    ("chrome-lookbehind", "corpus/data/chrome.yaml", first_chrome_line('  - pattern: "(?<=栏目)推荐"\n    code: section_label\n'),
     "pattern refused: RE2 cannot run it: invalid perl operator: (?<=", "(?<=栏目)推荐", 46),
    # A chrome row's kind is a code the reader has words for, never text: markup, or a code with no words, is refused.
    ("chrome-code-markup", "corpus/data/chrome.yaml", first_chrome_line('  - pattern: "栏目推荐"\n    code: "<img src=x onerror=alert(13)>"\n'),
     "schema chrome: chrome_lines/0/code", None, 47),
    ("chrome-code-no-words", "corpus/data/chrome.yaml", first_chrome_line('  - pattern: "栏目推荐"\n    code: no_such_kind\n'),
     "chrome_lines/0/code: not a reason of corpus/data/words/zh-Hans.yaml", "no_such_kind", 47),
    ("venue-lookahead", "corpus/data/venues.yaml", sub('    pattern: "《?(?P<name>', '    pattern: "(?=《)《?(?P<name>'),
     "venues/0/pattern: pattern refused: RE2 cannot run it", "(?=《)", 9),
    ("section-number-possessive", "corpus/data/labels.yaml", sub('  - "[一二三四五六七八九十]+[、.．]"', '  - "[一二三四五六七八九十]++[、.．]"'),
     "section_numbers/1: pattern refused: RE2 cannot run it", "++", 96),
    ("glossary-english-blank-lines", "corpus/data/glossary.yaml",
     sub('    english: "one-network service', '    english: "x\\n\\n<script>alert(1)</script>\\n\\none-network service'),
     "schema glossary: terms/0/english", None, 7),
    # The issue 22 rerun: refused without a line number
    ("title-not-the-pages", EFFICACY, sub("title: 我国数字政府建设效能提升的难点及应对", "title: 另一个标题<script>alert(1)</script>"),
     "title: differs from the page's own title '我国数字政府建设效能提升的难点及应对'", "另一个标题<script>", 6),
    ("override-markup", "corpus/data/conversion_overrides.tsv", lambda s: s + "s2tw\t關於本站\t關於本站<script>alert(1)</script>\tinjected override\n",
     "schema overrides", "<script>", 15),

]


@pytest.mark.parametrize(("case", "rel", "change", "message", "value", "line"), REFUSALS, ids=[c[0] for c in REFUSALS])
def test_refused_with_one_line(repo: Path, case: str, rel: str, change: Callable[[str], str], message: str, value: str | None,
                               line: int | None) -> None:
    path = repo / rel
    before = path.read_text(encoding="utf-8")
    try:
        path.write_text(change(before), encoding="utf-8")
        start = time.perf_counter()
        done = pipeline(repo)
        elapsed = time.perf_counter() - start
    finally:
        path.write_text(before, encoding="utf-8")
    refused(done, path, message, value, line)
    assert elapsed < 60, f"{case}: {elapsed:.0f} s to refuse"


HOSTILE_PATTERN = "[^Z]*[^Z]*[^Z]*[^Z]*[^Z]*[^Z]*Z"  # passed the nested-repeat check; 3.6 s on one 100-character line


def test_a_backtracking_data_pattern_runs_in_linear_time() -> None:
    """Issue 22: chrome.yaml's patterns run under RE2 (pipeline/core/patterns.py), whatever they are."""
    from pipeline.core.context import Context
    from pipeline.core.data import rule_data
    from pipeline.core.patterns import compile_pattern
    from pipeline.text.rules.chrome import remove_chrome
    start = time.perf_counter()
    assert compile_pattern(HOSTILE_PATTERN).fullmatch("政" * 100_000) is None
    data = rule_data()
    chrome = {**data["chrome"], "chrome_lines": [{"pattern": HOSTILE_PATTERN, "code": "section_label"}]}  # type: ignore[dict-item]
    text = "\n".join(f"第{i}段：" + "数字政府建设" * 300 for i in range(200)) + "\n"  # 200 lines of 1,800 characters
    kept, changes = remove_chrome(text, Context(file="x.txt", data={**data, "chrome": chrome}))
    assert kept == text and not changes
    assert time.perf_counter() - start < 5


def test_a_backtracking_chrome_pattern_does_not_hang_the_line_features() -> None:
    """The build's other reader of chrome_lines: the labeller's line features, on one 300-character line."""
    from .conftest import ROOT
    code = ("import pipeline.core.data as d, pipeline.document.line_features as f\n"
            "data = d.rule_data()\n"
            f"data['chrome'] = {{**data['chrome'], 'chrome_lines': [{{'pattern': {HOSTILE_PATTERN!r}, 'code': 'section_label'}}]}}\n"
            "f._chrome_patterns.cache_clear()\n"
            "print(any(rx.fullmatch('数字政府' * 75) for rx in f._chrome_patterns()))\n")
    try:
        done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=8)
    except subprocess.TimeoutExpired:
        pytest.fail("one 300-character line took more than 8 s")
    assert done.stdout.strip() == "False", done.stderr[-2000:]


def test_data_patterns_mean_the_same_under_re2() -> None:
    """RE2 runs the data files' patterns as Python's engine did (translated: Unicode \\s \\d, \\u escapes, {,n}): the
    same matches and groups on every line of the corpus's raw files, each pattern used as the pipeline uses it."""
    from pipeline.core.chars import HAN
    from pipeline.core.patterns import compile_pattern, translate

    from .conftest import ROOT
    data = ROOT / "corpus" / "data"
    chrome = yaml.safe_load((data / "chrome.yaml").read_text(encoding="utf-8"))
    venues = yaml.safe_load((data / "venues.yaml").read_text(encoding="utf-8"))
    labels = yaml.safe_load((data / "labels.yaml").read_text(encoding="utf-8"))
    uses = [(p["pattern"], "fullmatch") for p in chrome["chrome_lines"]] + [(p["pattern"], "finditer") for p in chrome["chrome_fields"]]
    uses += [(v["pattern"].replace("{HAN}", HAN), op) for v in venues["venues"] for op in ("search", "match", "fullmatch")]
    uses.append(("^(?:" + "|".join(labels["section_numbers"]) + ")", "match"))
    lines = sorted({line.strip()[:400] for raw in (ROOT / "corpus" / "raw").glob("*.txt")
                    for line in raw.read_text(encoding="utf-8").splitlines() if line.strip()})
    lines += ["浏览量：12 阅读量: 5", "文章浏览量:300次", "\u3000第一章\u3000总则", "２０２１年１２月", "（一）", "1.2　数字政府"]

    def seen(m: object) -> object:
        return m and (m.span(), m.groupdict())  # type: ignore[attr-defined]

    for pattern, op in uses:
        python, re2 = re.compile(pattern), compile_pattern(pattern)
        for line in lines:
            if op == "finditer":
                assert [seen(m) for m in python.finditer(line)] == [seen(m) for m in re2.finditer(line)], (pattern, line)
            else:
                assert seen(getattr(python, op)(line)) == seen(getattr(re2, op)(line)), (pattern, op, line)
    for bad in (r"(栏目)\1", r"(?<=栏目)推荐", r"a(?=b)", r"a++"):
        with pytest.raises(ValueError, match="RE2 cannot run it"):
            compile_pattern(bad)
    assert translate(r"[\s\d]\S\u3000{,2}") == r"[\s\p{Z}\x{85}\x{1c}-\x{1f}\p{Nd}][^\s\p{Z}\x{85}\x{1c}-\x{1f}]\x{3000}{0,2}"


def test_raw_file_that_is_a_symlink_is_refused(repo: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("外部文件，不得发布。\n" * 20, encoding="utf-8")
    raw = repo / "corpus" / "raw" / "link.txt"
    meta = repo / CAPACITY
    before = meta.read_text(encoding="utf-8")
    raw.symlink_to(secret)
    try:
        meta.write_text(before.replace("raw: 000_02b2b72714e171d1.txt", "raw: link.txt")
                        .replace(re.search(r"sha256: \w+", before).group(), f"sha256: {hashlib.sha256(secret.read_bytes()).hexdigest()}"),  # type: ignore[union-attr]
                        encoding="utf-8")
        done = pipeline(repo)
    finally:
        meta.write_text(before, encoding="utf-8")
        raw.unlink()
    refused(done, meta, "raw: raw file is a symbolic link", "link.txt", 3)
    assert not any("外部文件" in p.read_text(encoding="utf-8") for p in (repo / "docs").rglob("*.md"))


@pytest.mark.parametrize("rel", ["corpus/data/chrome.yaml", "corpus/data/conversion_overrides.tsv"])  # every data file: one check
def test_data_file_replaced_by_a_link_is_refused_although_cached(repo: Path, tmp_path: Path, rel: str) -> None:
    assert (repo / rel).is_file()
    undo = swapped_for_a_link(repo / rel, tmp_path)
    try:
        done = pipeline(repo)
    finally:
        undo()
    refused(done, repo / rel, "data file is a symbolic link", str(tmp_path / Path(rel).name))


def test_article_yaml_that_is_a_link_outside_the_tree_is_refused(repo: Path, tmp_path: Path) -> None:
    """Issue 22: it was accepted, and the article published twice under two slugs."""
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text((repo / CAPACITY).read_text(encoding="utf-8").replace("slug: digital-governance-capacity", "slug: elsewhere"),
                       encoding="utf-8")
    link = repo / "corpus" / "articles" / "zz-link.yaml"
    link.symlink_to(outside)
    try:
        done = pipeline(repo)
    finally:
        link.unlink()
    refused(done, link, "article YAML is a symbolic link", str(outside))


def test_cache_key_holds_the_files_identity(repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same bytes in a plain file and behind a link give two keys: a cached article is never the link's."""
    from pipeline.publish import cache
    monkeypatch.setattr(cache, "CORPUS", repo / "corpus")
    monkeypatch.setattr(cache, "ROOT", repo)
    monkeypatch.setattr(cache, "shared_inputs", lambda: "same")
    meta = repo / CAPACITY
    plain = cache.unit_key(meta)
    undo = swapped_for_a_link(repo / RAW_000, tmp_path)
    try:
        linked = cache.unit_key(meta)
    finally:
        undo()
    assert plain != linked and cache.unit_key(meta) == plain
