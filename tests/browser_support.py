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
from playwright.sync_api import TimeoutError as PlaywrightTimeout

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


def search_hits(page: Page, query: str) -> list[str]:
    """Type a query into Material's search box as an IME commits it; the result links (absolute)."""
    page.wait_for_load_state("networkidle")  # the worker has fetched the index and lunr's Chinese support
    page.click("input.md-search__input")
    for attempt in range(5):
        # A query typed before the search worker has built its index is dropped, and retyping the same
        # string is not searched again; trailing spaces make each attempt new (search ignores them).
        page.keyboard.press("Control+A")
        page.keyboard.press("Backspace")
        page.keyboard.insert_text(query + " " * attempt)  # at once: no partial queries
        page.keyboard.press("End")
        try:
            page.wait_for_function("() => /没有找到|沒有找到/.test(document.querySelector('.md-search-result__meta').textContent)"
                                   " || document.querySelectorAll('.md-search-result__item').length > 0", timeout=5000)
            break
        except PlaywrightTimeout:
            continue
    else:
        raise AssertionError(f"search never answered {query!r}")
    # Results may still be redrawn: wait until the list stops changing.
    hrefs: list[str] = []
    for _ in range(20):
        page.wait_for_timeout(400)
        now = page.eval_on_selector_all(".md-search-result a.md-search-result__link", "els => els.map(e => e.href)")
        if now == hrefs:
            break
        hrefs = now
    return hrefs
