"""The hostile site of issue 15 and issue 22 (every payload at once, built once), the shared copy the refusals run on, and
what a built page holds: fixtures and helpers for tests/test_hostile*.py (a plugin of tests/conftest.py: one build for all)."""

from __future__ import annotations

import functools
import hashlib
import os
import re
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Browser

from scripts.fresh_copy import fresh_copy

from .browser_support import single_file_downloads

CAPACITY = "corpus/articles/digital-governance-capacity.yaml"  # article 000: editorial title, free to change
EFFICACY = "corpus/articles/digital-government-efficacy.yaml"
RAW_000 = "corpus/raw/000_02b2b72714e171d1.txt"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}

# --- the payloads --------------------------------------------------------------------------------

TITLE = ('注入标题<script>alert(1)</script></title><script>alert(2)</script><!--<script>alert(3)</script>'
         '&amp;lt;meta http-equiv="refresh" content="0;url=https://evil.example/"&amp;gt;尾'
         ' {: style="position:fixed;inset:0" #__config onclick="alert(20)" }')  # issue 22: an attribute list in an editorial title
PUBLISHER = '<img src="x" onerror="alert(4)">出版社'
COLUMN = '*强调*[链接](javascript:alert(5)){: onclick="alert(6)" }'
AUTHOR_NOTE = '<b onclick="alert(7)">粗</b>作者说明'
AUTHORS = ["张三 and 李四", "王%五$_#^~{}\\"]
SUMMARY = "摘要<script>alert(8)</script>与<!--注释-->和{{ 模板 }}以及{% 语句 %}的测试文字。"
SOURCE_URL = "https://example.com/p?a=1&b=2#frag"
DEF_IMAGE = "定义![onmouseover=alert(9)//](x)结尾。"
DEF_SCRIPT = "定义('x')<script>alert(10)</script>。"
ENGLISH = 'silo <script>alert(11)</script> "quoted" & more'
ERRATA_REASON = "<script>alert(12)</script>原因：乱码修复的说明文字足够长。"
BODY = ('注入正文<script>alert(14)</script><img src=x onerror=alert(15)>[链](javascript:alert(16)){: onclick="alert(17)" }'
        "<!--<script>alert(18)</script>-->{{ x }}{% y %}|竖|")
# What a reader sees of BODY: HTML tags (and what a comment holds) are removed by the text-repair rule remove_html_tags
# and listed in the change report; the rest is text.
BODY_SHOWN = '注入正文alert(14)[链](javascript:alert(16)){: onclick="alert(17)" }{{ x }}{% y %}|竖|'


def edit_yaml(path: Path, change: Callable[[object], object]) -> None:
    path.write_text(yaml.safe_dump(change(yaml.safe_load(path.read_text(encoding="utf-8"))), allow_unicode=True, sort_keys=False),
                    encoding="utf-8")


def inject(repo: Path) -> None:
    raw = repo / RAW_000
    text = raw.read_text(encoding="utf-8")
    assert text.count("数字技术和数字资源") == 1
    data = text.replace("数字技术和数字资源", BODY + "数字技术和数字资源").encode("utf-8")
    raw.write_bytes(data)

    def capacity(m: dict) -> dict:  # type: ignore[type-arg]
        return {**m, "title": TITLE, "publisher": PUBLISHER, "column": COLUMN, "authors": AUTHORS,
                "summary": SUMMARY, "source_url": SOURCE_URL, "date": "2024-02-29", "sha256": hashlib.sha256(data).hexdigest()}

    def glossary(g: dict) -> dict:  # type: ignore[type-arg]
        for t in g["terms"]:
            if t["term"] == "数据有序流动":
                t.update(definition=DEF_IMAGE, english=ENGLISH)
            if t["term"] == "条块协同":
                t["definition"] = DEF_SCRIPT
        return g

    edit_yaml(repo / CAPACITY, capacity)  # type: ignore[arg-type]
    edit_yaml(repo / EFFICACY, lambda m: {**m, "author_note": AUTHOR_NOTE})  # type: ignore[dict-item]  # shown where no author is named
    edit_yaml(repo / "corpus/data/glossary.yaml", glossary)  # type: ignore[arg-type]
    edit_yaml(repo / "corpus/data/errata.yaml", lambda e: [{**e[0], "reason": ERRATA_REASON}, *e[1:]])  # type: ignore[index]
    # chrome.yaml's rows name a code, not a reason in words: a hostile one is refused (test_hostile_refusals, chrome-code-*)


@pytest.fixture(scope="session")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh copy with every payload at once, built as `make site` builds it; returns the repository."""
    repo = fresh_copy(tmp_path_factory.mktemp("hostile"))
    inject(repo)
    done = subprocess.run([sys.executable, "-m", "scripts.build_site"], cwd=repo, env=ENV, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    return repo


@pytest.fixture(scope="session")
def singles(browser: Browser, hostile: Path) -> dict[str, Path]:
    """The hostile article's single-file downloads, as a reader's browser makes them (issue 21)."""
    return single_file_downloads(browser, hostile / "site", ["digital-governance-capacity"], hostile / "build" / "single-files")


# --- what a built page holds ---------------------------------------------------------------------

class Page(HTMLParser):
    """Elements, attributes, scripts and visible text of one HTML document, as a browser's parser sees them."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.scripts: list[tuple[dict[str, str], str]] = []
        self.text: list[str] = []
        self.title = ""
        self._in: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.elements.append((tag, a))
        if tag in ("script", "title", "style"):
            self._in.append(tag)
            if tag == "script":
                self.scripts.append((a, ""))

    def handle_endtag(self, tag: str) -> None:
        if self._in and self._in[-1] == tag:
            self._in.pop()

    def handle_data(self, data: str) -> None:
        if self._in and self._in[-1] == "script":
            self.scripts[-1] = (self.scripts[-1][0], self.scripts[-1][1] + data)
        elif self._in and self._in[-1] == "title":
            self.title += data
        elif not self._in:
            self.text.append(data)

    def visible(self) -> str:
        return re.sub(r"\s+", " ", "".join(self.text))

    def attrs(self, tag: str, **match: str) -> list[dict[str, str]]:
        return [a for t, a in self.elements if t == tag and all(a.get(k) == v for k, v in match.items())]


def _live_attributes(page: Page) -> list[str]:
    """Event handlers, script or data URLs, the payloads' `<img src=x>`, a refresh."""
    found = [f"<{t} {k}=...>" for t, a in page.elements for k in a if k.startswith("on")]
    found += [f"<{t} {k}={v!r}>" for t, a in page.elements for k, v in a.items()
              if k in ("href", "src", "action", "formaction") and v.strip().lower().startswith(("javascript:", "data:text"))]
    found += [f"<img src={a.get('src')!r}>" for t, a in page.elements if t == "img" and a.get("src") == "x"]
    return found + ["<meta http-equiv=refresh>" for t, a in page.elements if t == "meta" and a.get("http-equiv", "").lower() == "refresh"]


def _live_elements(page: Page) -> list[str]:
    """Scripts that alert, elements no page has of its own, inline styles, material's `__` ids taken."""
    found = ["<script>alert" for a, body in page.scripts if "alert(" in body and a.get("type") != "application/ld+json"]
    found += [f"<{t}>" for t, _ in page.elements if t in ("b", "iframe", "object", "embed", "base")]
    found += [f"<{t} style=...>" for t, a in page.elements if "style" in a]  # no page has one of its own (issue 22)
    # mkdocs-material's own "__…" ids are on its toggles (<input id="__drawer">, __search, __palette_0, __toc) and its
    # <script id="__config">; a heading with one came first for its querySelector (issue 22).
    return found + [f"<{t} id={a['id']!r}>" for t, a in page.elements if a.get("id", "").startswith("__") and t not in ("input", "script")]


def live(page: Page) -> list[str]:
    """Everything executable or navigating that a payload could have created."""
    return _live_attributes(page) + _live_elements(page)


def read(repo: Path, rel: str) -> Page:
    return Page((repo / "site" / rel).read_text(encoding="utf-8"))


ARTICLE = "digital-governance-capacity/index.html"
ARTICLE_002 = "digital-government-efficacy/index.html"
REPORT = "reports/digital-governance-capacity/index.html"
REPORT_002 = "reports/digital-government-efficacy/index.html"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def hostile_served(hostile: Path) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(hostile / "site")))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return fresh_copy(tmp_path_factory.mktemp("refuse"))


def pipeline(repo: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "scripts.build_corpus"], cwd=repo, env=ENV, capture_output=True, text=True, timeout=300)


def refused(done: subprocess.CompletedProcess[str], path: Path, message: str, value: str | None = None, line: int | None = None) -> None:
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr[-2000:]
    assert done.stderr.count("\n") == 1 and done.stderr.startswith(f"error: {path}"), done.stderr
    assert message in done.stderr, done.stderr
    if value is not None:
        assert value in done.stderr, done.stderr
    if line is not None:
        assert done.stderr.startswith(f"error: {path}:{line}: "), done.stderr


def sub(old: str, new: str) -> Callable[[str], str]:
    def change(text: str) -> str:
        assert old in text, old
        return text.replace(old, new, 1)
    return change


LAUGHS = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(8))


