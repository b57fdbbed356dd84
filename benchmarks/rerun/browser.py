"""What a payload could have made of a page: a static look at the HTML, and Chromium with dialog, console, page-error
and CSP-violation listeners."""

from __future__ import annotations

import functools
import re
import threading
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING

from benchmarks.rerun.runner import ARGS, CHROMIUM

if TYPE_CHECKING:
    from playwright.sync_api import Page


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class Static(HTMLParser):
    """What the HTML parser of a browser would build that a payload could have made (no JavaScript run)."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._script = False
        self._script_type = ""
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        for k, v in a.items():
            if k == "data-pwn" or k.startswith("on") or (k == "style" and "pwn" in v) or (k == "id" and (v == "__config" and tag != "script")):
                self.found.append(f"<{tag} {k}={v[:60]!r}>")
            if k in ("href", "src", "action", "formaction") and v.strip().lower().startswith(("javascript:", "data:text")):
                self.found.append(f"<{tag} {k}={v[:60]!r}>")
        if tag == "meta" and a.get("http-equiv", "").lower() == "refresh":
            self.found.append("<meta http-equiv=refresh>")
        if tag in ("iframe", "object", "embed", "base") or (tag == "img" and a.get("src") == "x"):
            self.found.append(f"<{tag}>")
        if tag == "script":
            self._script, self._script_type = True, a.get("type", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = False

    def handle_data(self, data: str) -> None:
        if self._script and "pwn" in data:
            if self._script_type == "application/ld+json":
                if re.search(r"[<>]", data):
                    self.found.append("<script type=ld+json> holds < or >")
            else:
                self.found.append(f"<script>{data[:60]!r}")


DOM_CHECK = """() => {
  const out = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      const n = a.name, v = a.value;
      if (n === 'data-pwn' || n.startsWith('on') || (n === 'style' && /pwn/.test(v))
          || (['href', 'src', 'action', 'formaction'].includes(n) && /^\\s*(javascript|data:text)/i.test(v)))
        out.push(el.tagName + ' ' + n + '=' + v.slice(0, 80));
    }
    if (el.tagName === 'SCRIPT' && el.type !== 'application/ld+json' && /pwn/.test(el.textContent)) out.push('SCRIPT ' + el.textContent.slice(0, 80));
    if (el.id === '__config' && el.tagName !== 'SCRIPT') out.push('id=__config on ' + el.tagName);
    if (el.tagName === 'META' && /refresh/i.test(el.httpEquiv)) out.push('META refresh');
    if (['IFRAME', 'OBJECT', 'EMBED', 'BASE'].includes(el.tagName) || (el.tagName === 'IMG' && el.getAttribute('src') === 'x')) out.push(el.tagName);
  }
  return out;
}"""
CSP_WATCH = ("window.__csp = []; document.addEventListener('securitypolicyviolation', "
             "e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || '')));")


@dataclass
class Seen:
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)


def make_single_file(page: Page, base: str, target: Path) -> None:
    """A single-file download as a reader gets it (issue 21: made in the browser from the article's page when the
    link is clicked, overrides/assets/reader.js), saved where the case's browsing opens it."""
    slug = target.name.removesuffix(".zh-Hans.html")
    page.goto(f"{base}{slug}/", wait_until="load", timeout=30_000)
    with page.expect_download() as info:
        page.click(".downloads a[lang='zh-Hans'][download]")
    target.parent.mkdir(parents=True, exist_ok=True)
    info.value.save_as(target)


def _open(p: object, base: str, seen: Seen) -> tuple[object, Page]:
    """Chromium with the CSP watch, every request off the site aborted (and noted), dialogs, console errors and page
    errors noted."""
    browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)  # type: ignore[attr-defined]
    context = browser.new_context(accept_downloads=True)
    context.add_init_script(CSP_WATCH)

    def route(r) -> None:  # type: ignore[no-untyped-def]
        url = r.request.url
        if url.startswith((base, "file://", "data:", "blob:")):
            r.continue_()
        else:
            seen.outside.append(url)
            r.abort()
    context.route("**/*", route)
    page = context.new_page()
    page.on("dialog", lambda d: (seen.dialogs.append(d.message), d.dismiss()))
    page.on("console", lambda m: seen.errors.append("console: " + m.text[:200]) if m.type == "error" else None)
    page.on("pageerror", lambda e: seen.errors.append("pageerror: " + str(e)[:200]))
    return browser, page


def _visit(page: Page, base: str, rel: str, hover: set[str], seen: Seen) -> list[str]:
    """One page opened (a single file made first, as a reader gets it): what a payload made of it."""
    url = (base + rel) if not rel.startswith("file:") else rel
    seen.dialogs.clear(), seen.errors.clear(), seen.outside.clear()
    try:
        if rel.startswith("file:") and rel.endswith(".zh-Hans.html") and not Path(rel[len("file://"):]).exists():
            make_single_file(page, base, Path(rel[len("file://"):]))
        page.goto(url, wait_until="load", timeout=30_000)
        if rel in hover:
            for el in page.query_selector_all(".gloss, .footnote-ref")[:8]:
                el.hover()
                el.focus()
        page.wait_for_timeout(150)
        found = page.evaluate(DOM_CHECK) + [f"CSP: {v}" for v in page.evaluate("window.__csp || []")]
        if page.url.split("#")[0] != url.split("#")[0]:
            found.append(f"navigated away to {page.url}")
    except Exception as exc:  # noqa: BLE001 -- a page that does not load is a finding, not a crash
        found = [f"did not load: {str(exc).splitlines()[0][:160]}"]
    return found + [f"dialog: {d}" for d in seen.dialogs] + seen.errors + [f"request left the site: {u}" for u in seen.outside]


def _ask(page: Page, q: str, seen: Seen, answers: dict[str, str]) -> list[str]:
    """One query typed into the search box: its answer noted; what it made of the page."""
    seen.dialogs.clear(), seen.errors.clear()
    start = time.perf_counter()
    try:
        page.click("input.md-search__input")
        page.keyboard.press("Control+A")
        page.keyboard.press("Backspace")
        page.keyboard.insert_text(q)
        page.wait_for_function("q => document.getElementById('zh-search').dataset.answered === q", arg=q, timeout=60_000)
        hits = page.eval_on_selector_all(".md-search-result a.md-search-result__link", "els => els.length")
        found = page.evaluate(DOM_CHECK) + [f"CSP: {v}" for v in page.evaluate("window.__csp || []")]
        answers[q] = f"{hits} results in {time.perf_counter() - start:.1f} s"
    except Exception as exc:  # noqa: BLE001
        found = [f"no answer: {str(exc).splitlines()[0][:120]}"]
    return found + [f"dialog: {d}" for d in seen.dialogs] + seen.errors


def browse(site: Path, offline: Path, downloads: Path, pages: dict[str, list[str]], hover: set[str], queries: list[str]
           ) -> tuple[dict[str, list[str]], dict[str, str]]:
    """Open each page (site over http; offline copy and single files from disk); per case, what went wrong. And the
    search: each query's answer (or the problem)."""
    from playwright.sync_api import sync_playwright
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    problems: dict[str, list[str]] = {}
    answers: dict[str, str] = {}
    try:
        with sync_playwright() as p:
            seen = Seen()
            browser, page = _open(p, base, seen)
            for case_id, urls in pages.items():
                for rel in urls:
                    if found := _visit(page, base, rel, hover, seen):
                        problems.setdefault(case_id, []).extend(f"{rel}: {f}" for f in found)
            if queries:
                page.goto(base, wait_until="load")
                for q in queries:
                    if found := _ask(page, q, seen, answers):
                        problems.setdefault("search", []).extend(f"query {q[:30]!r}: {f}" for f in found)
            browser.close()  # type: ignore[attr-defined]
    finally:
        server.shutdown()
    return problems, answers
