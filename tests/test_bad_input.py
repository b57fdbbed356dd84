"""The bad-input matrix (issue 6): every case through the command line, and through the site build where it
applies, answered with a correct result or one clear line naming file, line and text; never a traceback,
never text silently dropped, never an unescaped tag from a source in the site."""

from __future__ import annotations

import functools
import hashlib
import json
import shutil
import subprocess
import sys
import threading
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import opencc
import pytest
import yaml
from playwright.sync_api import Browser

from benchmarks.synthetic import big_text
from pipeline.document.article import process_bytes
from pipeline.document.editions import to_traditional
from pipeline.publish.search_index import index_pages
from scripts.fresh_copy import fresh_copy

from .browser_support import open_context, search_hits, single_file_downloads
from .conftest import RAW_000, ROOT

BODY = "\n".join(RAW_000.read_text(encoding="utf-8").splitlines()[:12]) + "\n"
FIRST = "在促进国家治理体系和治理能力现代化方面，数字技术和数字资源发挥着越来越重要的作用"


def clean(path: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "scripts.clean", str(path), *extra], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)


def ok(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    return done.stdout


def one_line_error(done: subprocess.CompletedProcess[str], path: Path, message: str, line: int | None = None) -> None:
    assert done.returncode == 1 and done.stdout == "" and "Traceback" not in done.stderr, done.stderr
    assert done.stderr.count("\n") == 1 and done.stderr.startswith(f"error: {path}"), done.stderr
    assert message in done.stderr, done.stderr
    if line is not None:
        assert done.stderr.startswith(f"error: {path}:{line}: "), done.stderr


def report_of(done_path: Path) -> dict[str, object]:
    return json.loads(done_path.read_text(encoding="utf-8"))


# --- encodings -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "data", "codec"), [
    ("gb18030", BODY.encode("gb18030"), "gb18030"),
    ("big5", opencc.OpenCC("s2tw").convert(BODY).encode("big5"), "big5"),
    ("utf8-bom", b"\xef\xbb\xbf" + BODY.encode(), "utf-8-sig"),
    ("utf16", BODY.encode("utf-16"), "utf-16"),
])
def test_encodings_decode_to_the_same_article(tmp_path: Path, name: str, data: bytes, codec: str) -> None:
    path, report = tmp_path / f"{name}.txt", tmp_path / "r.json"
    path.write_bytes(data)
    out = ok(clean(path, "--report", str(report)))
    assert FIRST in out
    decode = [c for c in report_of(report)["changes"] if c["rule"] == "decode"]  # type: ignore[union-attr]
    assert any(c["code"] in ("decoded_as", "byte_order_mark") and c["args"][0] == codec for c in decode), decode


def test_big5_that_also_decodes_as_gb18030_is_read_as_big5(tmp_path: Path) -> None:
    # 數據治理體系 in Big5 is valid GB18030 too (as 计誹... nonsense); the dictionary must choose Big5.
    text = "數據治理體系建設與數據資源統籌管理。" * 20 + "\n"
    data = text.encode("big5")
    assert data.decode("gb18030") != text  # the trap is real
    path, report = tmp_path / "b.txt", tmp_path / "r.json"
    path.write_bytes(data)
    out = ok(clean(path, "--report", str(report), "--script", "hant"))
    assert "数据治理体系建设与数据资源统筹管理" in out
    assert any(c["code"] == "decoded_as" and c["args"][0] == "big5" for c in report_of(report)["changes"])  # type: ignore[union-attr,index]


# --- files that are not articles -------------------------------------------------------------------

@pytest.mark.parametrize(("data", "message"), [
    (b"", "empty file: no article text"),
    (" \n\t\n\u3000".encode(), "empty file: no article text"),
    (bytes(range(256)) * 4, "binary data (NUL bytes), not a text article"),
    (b"\xff\xfe" + b"\xfa\xff\x01\xe0" * 50, "decoded as utf-16, the text is unreadable"),
    (b"\xfa\xfb\x81" * 50, "not UTF-8"),
])
def test_non_articles_get_one_clear_line(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "x.txt"
    path.write_bytes(data)
    one_line_error(clean(path), path, message)


def test_twenty_megabytes_are_cleaned_whole(tmp_path: Path) -> None:
    path, report = tmp_path / "big.txt", tmp_path / "r.json"
    text = big_text(20_000_000)
    path.write_text(text, encoding="utf-8")
    out = ok(clean(path, "--report", str(report)))
    last = text.rstrip().rsplit("\n", 1)[-1]
    assert f"（第{last.rsplit('第', 1)[1]}" in out  # the last paragraph is there: nothing cut
    assert out.count("段）\n") == text.count("\n")  # every paragraph, each ending its own block


# --- markup in the source is text, shown as typed -------------------------------------------------

HOSTILE = "<script>alert(1)</script><b>粗</b><!-- 注释 -->*星* #井 [方] |竖| --- $钱$ &amp; `码`"


def test_markup_in_the_source_is_escaped(tmp_path: Path) -> None:
    path = tmp_path / "h.txt"
    path.write_text(BODY.replace("数字技术", HOSTILE + "数字技术", 1), encoding="utf-8")
    out = ok(clean(path))
    assert "<script>" not in out and "<b>" not in out and "<!--" not in out.replace("<!-- downloads", "")
    # HTML tags left in scraped text are removed (rule remove_html_tags, each listed in the change report);
    # what is left of the markup is text, escaped so that it shows as typed.
    assert "alert（1）粗*" in out.replace("\\", "") and "&lt;script" not in out
    assert "\\*星\\*" in out and "\\[方\\]" in out and "&#124;竖&#124;" in out


# --- notes ----------------------------------------------------------------------------------------

NOTES = "\n注释\n[1]张三：《论文》，《期刊》，2020年1期，第1—2页。\n"


@pytest.mark.parametrize(("body", "notes", "warning"), [
    ("正文有标记[7]。", "", "notes-missing:7"),
    ("正文没有标记。", NOTES, "notes-uncited:1"),
])
def test_incomplete_note_lists_are_published_with_a_warning(body: str, notes: str, warning: str) -> None:
    # a scraper that cut the notes off loses no text: publish, and say so (issue 13)
    doc = process_bytes((BODY + body + "\n" + notes).encode(), "n.txt").hans
    assert warning in doc.warnings


@pytest.mark.parametrize(("body", "notes", "message", "needle"), [
    ("正文有标记[1]。", NOTES + "[1]李四：《又一篇》，《期刊》，2021年2期，第3—4页。\n", "note [1] is listed twice", "[1]"),
])
def test_broken_note_lists_name_file_and_line(tmp_path: Path, body: str, notes: str, message: str, needle: str) -> None:
    path = tmp_path / "n.txt"
    text = BODY + body + "\n" + notes
    path.write_text(text, encoding="utf-8")
    line = text[: text.index(needle)].count("\n") + 1
    one_line_error(clean(path), path, message, line)


def test_garbling_the_repair_cannot_explain_is_published_marked(tmp_path: Path) -> None:
    """Issue 19: a run no repair can read is published as □ and listed, not refused (the article is not lost)."""
    path, report = tmp_path / "g.txt", tmp_path / "r.json"
    path.write_text(BODY + "政府?數字化建设还在路上。\n", encoding="utf-8")
    out = ok(clean(path, "--report", str(report)))
    assert "政府□数字化建设还在路上" in out and "?" not in out.split("数字化建设还在路上")[0][-5:]
    marked = [c for c in report_of(report)["changes"] if c["after"] == "□"]  # type: ignore[index, union-attr]
    assert len(marked) == 1 and marked[0]["lines"] == [BODY.count("\n") + 1] and marked[0]["before"] == "?"


# --- the site build: metadata, glossary, errata, and hostile text end to end ----------------------

@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("badrepo")
    fresh_copy(work)
    return work


def build_corpus(repo: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "scripts.build_corpus"], cwd=repo, capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize(("rel", "change", "message"), [
    ("corpus/articles/digital-government-efficacy.yaml", lambda s: s.replace("date: \"2023-07-18\"\n", ""),
     "schema article: (top level): 'date' is a required property"),
    ("corpus/articles/digital-government-efficacy.yaml", lambda s: s.replace("title_editorial: false", "title_editorial: 否"),
     "schema article: title_editorial: '否' is not of type 'boolean'"),
    ("corpus/articles/digital-government-efficacy.yaml", lambda s: s.replace("date: \"2023-07-18\"", "date: 2023/07/18"),
     "schema article: date: '2023/07/18' does not match"),
    ("corpus/data/glossary.yaml", lambda s: s + "  - term: 数据孤岛\n    category: concept\n    english: silo\n"
     "    definition: 又写了一遍的数据孤岛条目。\n    related: []\n", "glossary term '数据孤岛' listed twice"),
    ("corpus/data/errata.yaml", lambda s: s + '- garbled: "?xiàn)?zài)"\n  fixed: "现在"\n  reason: "an entry no text needs any more"\n',
     "errata entry matches no article any more"),
])
def test_bad_data_fails_the_site_build_with_file_and_line(repo: Path, rel: str, change, message: str) -> None:  # type: ignore[no-untyped-def]
    path = repo / rel
    before = path.read_text(encoding="utf-8")
    try:
        path.write_text(change(before), encoding="utf-8")
        done = build_corpus(repo)
    finally:
        path.write_text(before, encoding="utf-8")
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert done.stderr.startswith(f"error: {path}") and message in done.stderr, done.stderr
    if "glossary" in rel or "errata" in rel:
        assert done.stderr.startswith(f"error: {path}:"), "names the line"


def test_glossary_terms_that_contain_each_other_are_fine(repo: Path) -> None:
    data = yaml.safe_load((repo / "corpus/data/glossary.yaml").read_text(encoding="utf-8"))
    terms = {t["term"] for t in data["terms"]}
    assert {"条块", "条块协同", "条块分离", "多地复用", "一地创新、多地复用"} <= terms  # longest first decides (test_glossary)


class _Elements(HTMLParser):
    """Tags and text inside the article (the <body> of a single-file download), and every script's text."""

    def __init__(self, root: str = "article") -> None:
        super().__init__()
        self.root = root
        self.in_article = False
        self.tags: list[str] = []
        self.scripts: list[str] = []
        self.text: list[str] = []
        self._script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == self.root:
            self.in_article = True
        if self.in_article:
            self.tags.append(tag)
        self._script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        if tag == self.root:
            self.in_article = False
        self._script = False

    def handle_data(self, data: str) -> None:
        if self._script:
            self.scripts.append(data)
        elif self.in_article:
            self.text.append(data)


def test_hostile_source_text_never_becomes_markup_in_the_site(repo: Path, browser: Browser) -> None:
    work = repo.parent / "hostile"
    shutil.copytree(repo, work)
    raw = (BODY.replace("数字技术", HOSTILE + "数字技术", 1)).encode()
    (work / "corpus/raw/900_hostile.txt").write_bytes(raw)
    meta = yaml.safe_load((work / "corpus/articles/digital-governance-capacity.yaml").read_text(encoding="utf-8"))
    meta.update(slug="hostile-test", raw="900_hostile.txt", sha256=hashlib.sha256(raw).hexdigest(), title="注入测试文章")
    (work / "corpus/articles/hostile-test.yaml").write_text(yaml.safe_dump(meta, allow_unicode=True), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "scripts.build_site"], cwd=work, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    single = single_file_downloads(browser, work / "site", ["hostile-test"], work / "single-files")  # as a reader gets it
    for page in [work / "site/hostile-test/index.html", work / "site/zh-Hant/hostile-test/index.html",
                 single["hostile-test.zh-Hans.html"], single["hostile-test.zh-Hant.html"]]:
        parsed = _Elements("body" if "single-files" in str(page) else "article")
        parsed.feed(page.read_text(encoding="utf-8"))
        assert not any("alert(1)" in s for s in parsed.scripts), page
        assert "script" not in parsed.tags and "b" not in parsed.tags, page  # no element came from the source
        shown = "alert（1）粗*星* #井 [方] |竖| --- $钱$ & `码`"  # tags removed by rule remove_html_tags
        assert (to_traditional(shown) if "zh-Hant" in str(page) else shown) in "".join(parsed.text), page
    # Search holds the text as text (a JSON string in a script file) and shows it as text nodes, never markup.
    slugs = [slug for slug, _, _ in index_pages(work / "site/search", "hans")]  # the index's pages, in order
    text_js = [p.read_text(encoding="utf-8") for p in (work / f"site/search/t/{slugs.index('hostile-test')}").glob("*.js")]
    sections = next(found for slug, _, found in index_pages(work / "site/search", "hans") if slug == "hostile-test")  # 简体: derived
    shown = "alert（1）粗*星* #井 [方] |竖| --- $钱$ & `码`"  # the tags themselves are removed by remove_html_tags
    assert all(t.count("__zhsearch(") == 1 for t in text_js) and any(shown in text for _, _, text in sections)
    assert not any("<script" in text or "<b>" in text for _, _, text in sections)
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(SimpleHTTPRequestHandler, directory=str(work / "site")))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    context, watch = open_context(browser, base)
    page = context.new_page()
    page.goto(base)
    hits = search_hits(page, "粗*星*")
    assert hits and all(h.startswith(f"{base}hostile-test/#") for h in hits), hits
    assert "粗*星* #井 [方] |竖|" in page.inner_text(".md-search-result__list")
    assert page.eval_on_selector_all(".md-search-result script, .md-search-result b", "els => els.length") == 0
    assert page.evaluate("window.__hostile === undefined")
    context.close()
    server.shutdown()
    watch.assert_clean()
