"""Hostile input in Chromium: no dialog and no CSP violation while reading, searching, switching; tooltips show
markup as text; pages look the same without inline styles (issues 15, 22)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser

from pipeline.document.editions import to_traditional

from .browser_support import open_context, search_hits
from .hostile_support import ARTICLE, ARTICLE_002, DEF_SCRIPT, ENGLISH, REPORT, REPORT_002

CSP_WATCH = "window.__csp = []; document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"


def test_in_chromium_no_dialog_and_no_csp_violation_while_reading_searching_switching(browser: Browser, hostile_served: str) -> None:
    context, watch = open_context(browser, hostile_served)
    context.add_init_script(CSP_WATCH)
    dialogs: list[str] = []
    page = context.new_page()
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for rel in ["", ARTICLE.removesuffix("index.html"), REPORT.removesuffix("index.html"), REPORT_002.removesuffix("index.html"),
                "glossary/", ARTICLE_002.removesuffix("index.html"), f"zh-Hant/{ARTICLE.removesuffix('index.html')}"]:
        page.goto(hostile_served + rel)
        page.wait_for_load_state("networkidle")
        for el in page.query_selector_all(".gloss")[:6]:  # hover and focus the tooltips that carry payloads
            el.hover()
            el.focus()
        page.wait_for_timeout(200)
        assert page.evaluate("window.__csp") == [], rel
    page.goto(hostile_served + ARTICLE.removesuffix("index.html"))
    hits = search_hits(page, "注入正文")
    assert any("digital-governance-capacity" in h for h in hits), hits
    page.keyboard.press("Escape")  # close the search, then switch editions with the language menu
    page.hover(".md-header__option .md-select")
    page.click("a[hreflang='zh-Hant']")
    page.wait_for_url("**/zh-Hant/**")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__csp") == []
    assert page.title().startswith(to_traditional("注入标题<script>alert(1)</script>"))
    assert dialogs == []
    context.close()
    watch.assert_clean()


@pytest.mark.parametrize(("term", "shown"), [("条块协同", DEF_SCRIPT), ("数据有序流动", ENGLISH)], ids=["definition", "english"])
def test_a_glossary_tooltip_shows_markup_in_its_definition_as_text(browser: Browser, hostile_served: str, term: str, shown: str) -> None:
    """The issue 22 rerun: Material's tooltip appends the title to the tooltip as HTML, so `<script>` in a definition
    became a <script> element inside the open tooltip (inert there, but an <img onerror> would not be)."""
    context, watch = open_context(browser, hostile_served)
    context.add_init_script(CSP_WATCH)
    page = context.new_page()
    page.goto(hostile_served + ARTICLE_002.removesuffix("index.html"))
    page.locator("abbr.gloss, a.gloss", has_text=term).first.hover()
    tip = page.wait_for_selector(".md-tooltip2--active .md-tooltip2__inner")
    assert tip is not None
    assert tip.evaluate("e => e.children.length") == 0, tip.inner_html()
    assert shown.replace('"', "＂") in tip.inner_text().replace('"', "＂")
    assert page.evaluate("window.__csp") == []
    context.close()
    watch.assert_clean()


# Every rendered element's box and look, to compare one page under two policies.
LOOK = """() => [...document.querySelectorAll('body *')].filter(e => e.getClientRects().length).map(e => {
  const s = getComputedStyle(e), r = e.getBoundingClientRect();
  return [e.tagName, e.className, s.display, s.position, s.color, s.backgroundColor, s.fontFamily, s.fontSize, s.visibility,
          Math.round(r.x), Math.round(r.y), Math.round(r.width), Math.round(r.height)].join('|');
})"""


def test_pages_look_the_same_without_inline_styles(browser: Browser, hostile_served: str) -> None:
    """style-src 'self' (issue 22): no CSP violation, and every element is laid out and coloured exactly as under the
    old policy with 'unsafe-inline' (the same page, its policy relaxed on the way), light and dark, footnote and glossary
    tooltips shown (Material and reader.js style through the CSSOM, which a policy does not govern)."""
    def relaxed(route) -> None:  # type: ignore[no-untyped-def]
        response = route.fetch()
        route.fulfill(response=response, body=response.text().replace("style-src 'self';", "style-src 'self' 'unsafe-inline';"))

    for scheme in ("light", "dark"):
        looks = []
        for relax in (False, True):
            context, watch = open_context(browser, hostile_served)
            context.add_init_script(CSP_WATCH)
            page = context.new_page()
            page.emulate_media(color_scheme=scheme)
            if relax:
                page.route("**/*.html", relaxed)
                page.route("**/", relaxed)
            seen = []
            for rel in ("", ARTICLE_002.removesuffix("index.html"), REPORT.removesuffix("index.html")):
                page.goto(hostile_served + rel)
                page.wait_for_load_state("networkidle")
                tip = page.query_selector(".footnote-ref, .gloss")
                if tip:
                    tip.hover()
                    page.wait_for_timeout(300)
                page.mouse.move(0, 0)
                page.wait_for_timeout(300)
                seen.append(page.evaluate(LOOK))
                assert page.evaluate("window.__csp") == [], (scheme, rel)
            looks.append(seen)
            context.close()
            watch.assert_clean()
        assert looks[0] == looks[1], scheme


def test_single_file_download_is_styled_under_its_hash(browser: Browser, singles: dict[str, Path]) -> None:
    """The download's CSP allows its one <style> by sha256, not 'unsafe-inline': the styles apply, nothing is blocked."""
    page = browser.new_page()
    messages: list[str] = []
    page.on("console", lambda m: messages.append(m.text))
    page.goto(singles["digital-governance-capacity.zh-Hant.html"].as_uri())
    assert page.evaluate("document.styleSheets.length === 1 && document.styleSheets[0].cssRules.length > 10")
    assert page.evaluate("getComputedStyle(document.body).maxWidth") != "none"
    assert messages == []
    page.close()
