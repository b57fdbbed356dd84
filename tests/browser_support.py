"""Shared browser fixtures: the built site served over http, Debian's Chromium driven by Playwright."""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Without the background-networking flags Chromium calls Google at start-up, which would count as a leak.
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@dataclass
class Served:
    root: Path
    base: str  # http://127.0.0.1:PORT/


@dataclass
class Watch:
    """Everything a page did that a reader would not want: requests leaving the site, console errors."""
    base: str
    outside: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def assert_clean(self) -> None:
        assert not self.outside, f"requests left the site: {self.outside}"
        assert not self.errors, f"console errors: {self.errors}"


@pytest.fixture(scope="session")
def served(site: Path) -> Iterator[Served]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield Served(site, f"http://127.0.0.1:{server.server_address[1]}/")
    server.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} not found: install Debian's chromium (apt-get install -y chromium), as .ci/run does")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def open_context(browser: Browser, base: str, **options: object) -> tuple[BrowserContext, Watch]:
    """A fresh browser context whose every request outside `base` is recorded and refused."""
    context = browser.new_context(**options)  # type: ignore[arg-type]
    watch = Watch(base)

    def route(r) -> None:  # type: ignore[no-untyped-def]
        url = r.request.url
        if url.startswith(base) or url.startswith("data:") or url.startswith("blob:"):
            r.continue_()
        else:
            watch.outside.append(url)
            r.abort()

    context.route("**/*", route)
    context.on("page", lambda page: _watch_page(page, watch))
    return context, watch


def _watch_page(page: Page, watch: Watch) -> None:
    page.on("console", lambda m: watch.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: watch.errors.append(str(e)))


def search_hits(page: Page, query: str, timeout: float = 10_000) -> list[str]:
    """Type a query into the search box as an IME commits it (all at once); the result links (absolute),
    once the search (overrides/assets/search.js) has answered this very query."""
    page.click("input.md-search__input")
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    page.keyboard.insert_text(query)
    page.wait_for_function("q => document.getElementById('zh-search').dataset.answered === q", arg=query, timeout=timeout)
    return page.eval_on_selector_all(".md-search-result a.md-search-result__link", "els => els.map(e => e.href)")


def single_file_downloads(browser: Browser, site: Path, slugs: list[str], dest: Path) -> dict[str, Path]:
    """The single-file articles as a reader gets them (issue 21: made in the browser when the link is clicked,
    overrides/assets/reader.js), both editions from each edition's page: {file name: saved file}. `site` is served
    over http for the while."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    saved: dict[str, Path] = {}
    try:
        context, watch = open_context(browser, base, accept_downloads=True)
        page = context.new_page()
        for slug in slugs:
            for here in ("", "zh-Hant/"):
                page.goto(f"{base}{here}{slug}/")
                for locale in ("zh-Hans", "zh-Hant"):
                    with page.expect_download() as info:
                        page.click(f".downloads a[lang='{locale}'][download]")
                    download = info.value
                    assert download.failure() is None and not download.url.startswith("http"), download.url  # made here
                    name = download.suggested_filename
                    path = dest / here.strip("/") / name if here else dest / name
                    path.parent.mkdir(parents=True, exist_ok=True)
                    download.save_as(path)
                    if here:  # the same file from either edition's page
                        assert path.read_bytes() == (dest / name).read_bytes(), name
                    else:
                        saved[name] = path
        context.close()
        watch.assert_clean()
    finally:
        server.shutdown()
    return saved


@pytest.fixture(scope="session")
def single_files(browser: Browser, site: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The single-file downloads of both real articles, in both editions, as a reader's browser makes them."""
    return single_file_downloads(browser, site, ["digital-government-efficacy", "digital-governance-capacity"],
                                 tmp_path_factory.mktemp("single-files"))
