"""The built site as assistive technology and validators see it: axe-core in Chromium on every page kind of both
editions, at desktop and phone width, light and dark (issue 23); the Nu HTML checker over the same kinds; the one
404 page of both editions; the palette following the system until the reader picks one."""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import opencc
import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from .browser_support import Served, open_context, search_hits

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"  # npm axe-core, pinned in package-lock.json
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"  # npm vnu-jar: the Nu HTML checker
EFFICACY = "digital-government-efficacy"
# One page of each kind, in each edition (the prefix): home, article list, article, change report, glossary, the corpus
# pages (about, and input with its wide table and code), a list of one year (the deepest list page, three levels
# down). Citations have no page of their own (the block is on the article). 404.html is one page for both.
KINDS = ["", "articles/", f"{EFFICACY}/", f"reports/{EFFICACY}/", "glossary/", "about/", "input/", "articles/years/2023/"]
EDITIONS = ["", "zh-Hant/"]
AXE_URL = "__axe__/axe.min.js"  # served from node_modules under the site's origin: the pages' CSP allows 'self' only
# WCAG 2.2's 24 × 24 px targets (serious): axe 4.14 ships the rule switched off. It exempts links inside a sentence,
# which the phone test in tests/test_browser.py measures itself (footnote numbers were 5 × 16 px).
AXE_OFF_BY_DEFAULT = ["target-size"]
# Below 'serious' but named in issue 23: two unnamed <nav> landmarks (breadcrumbs, previous/next) on one page.
AXE_NAMED = {"landmark-unique"}


def _with_axe(context: BrowserContext, base: str) -> None:
    """The test's own copy of axe-core answers at a URL of the site, so the page loads it as one of its scripts: no
    CDN, and no need to weaken the pages' Content-Security-Policy (an inline copy would be blocked by it)."""
    if not AXE.is_file():
        pytest.fail(f"{AXE} missing: npm ci (package-lock.json) installs it")
    context.route(base + AXE_URL, lambda route: route.fulfill(path=str(AXE), content_type="text/javascript"))


def _axe(page: Page, base: str) -> list[str]:
    """Serious and critical violations (and AXE_NAMED's) on the page once it is at rest: 'rule: n nodes (first target)'. Colours are
    measured after every CSS transition has ended (a tooltip fading in, a palette switch): mid-way, axe reads a blend
    (#7f7f7f for a tooltip's text) that no reader is left looking at."""
    for _ in range(100):  # a polled evaluate: wait_for_function evaluates a string, which the pages' CSP refuses
        if page.evaluate("() => document.getAnimations().every(a => a.playState !== 'running')"):
            break
        page.wait_for_timeout(100)
    page.add_script_tag(url=base + AXE_URL)
    result = page.evaluate("o => axe.run(document, o)", {"resultTypes": ["violations"], "rules": {rule: {"enabled": True} for rule in AXE_OFF_BY_DEFAULT}})
    return [f"{v['id']} ({v['impact']}): {len(v['nodes'])} nodes, first {v['nodes'][0]['target']}: "
            f"{v['nodes'][0]['failureSummary'][:160]}" for v in result["violations"]
            if v["impact"] in ("serious", "critical") or v["id"] in AXE_NAMED]


def test_axe_finds_no_serious_violation_on_any_page_kind(browser: Browser, served: Served) -> None:
    """0 serious or critical axe violations on every page kind, in both editions, at 1280 and 390 px, light and dark
    (one browser, one page per viewport and palette)."""
    found, loads = [], 0
    for width, height, scheme, editions in ((1280, 800, "light", EDITIONS), (390, 844, "dark", EDITIONS),
                                            (1280, 800, "dark", EDITIONS), (390, 844, "light", EDITIONS)):
        viewport, phone = {"width": width, "height": height}, width < 500
        context, watch = open_context(browser, served.base, viewport=viewport, color_scheme=scheme,
                                      is_mobile=phone, has_touch=phone)
        _with_axe(context, served.base)
        page = context.new_page()
        for path in [prefix + kind for prefix in editions for kind in KINDS] + ["404.html"]:
            page.goto(served.base + path)
            want = "slate" if scheme == "dark" else "default"
            assert page.get_attribute("body", "data-md-color-scheme") == want, f"{path}: not in the {scheme} palette"
            found += [f"{viewport['width']}px {scheme} /{path}: {v}" for v in _axe(page, served.base)]
            loads += 1
        context.close()
        watch.assert_clean()
    assert loads == 4 * (len(EDITIONS) * len(KINDS) + 1)  # 68: every kind, both editions, 404.html, in each of the four
    assert not found, "\n".join(found)


def test_axe_finds_no_serious_violation_with_search_results_or_a_note_open(browser: Browser, served: Served) -> None:
    """What a page shows on demand: the search box with results (its result count was 4.05:1 in the dark palette),
    a footnote's tooltip (a dialog with no name) and a glossary term's; each palette once, each edition once."""
    found = []
    context, watch = open_context(browser, served.base, viewport={"width": 1280, "height": 800})
    _with_axe(context, served.base)
    page = context.new_page()
    for scheme, prefix, query in (("dark", "", "数字政府"), ("light", "zh-Hant/", "數字政府")):
        page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
        page.goto(f"{served.base}{prefix}{EFFICACY}/")
        assert search_hits(page, query)
        found += [f"{scheme} /{prefix} search: {v}" for v in _axe(page, served.base)]
        page.goto(f"{served.base}{prefix}{EFFICACY}/")
        page.hover("#fnref\\:1 a")
        page.wait_for_selector(".md-tooltip2--active")
        found += [f"{scheme} /{prefix} note: {v}" for v in _axe(page, served.base)]
        page.goto(f"{served.base}{prefix}{EFFICACY}/")
        page.focus("abbr.gloss")  # a glossary term's definition, loaded when asked (issue 21), and its description
        page.wait_for_selector(".md-tooltip2--active")
        found += [f"{scheme} /{prefix} term: {v}" for v in _axe(page, served.base)]
    context.close()
    watch.assert_clean()
    assert not found, "\n".join(found)


def test_navigation_landmarks_have_distinct_names(browser: Browser, served: Served) -> None:
    """axe's landmark-unique is 'moderate', below the test above: two unnamed <nav>s (breadcrumbs, previous/next) on
    an article were one indistinct landmark twice in a screen reader's list."""
    context, watch = open_context(browser, served.base)
    page = context.new_page()
    for path in (f"{EFFICACY}/", f"zh-Hant/{EFFICACY}/", "articles/"):
        page.goto(served.base + path)
        # a nav the stylesheet hides (display: none) is in no screen reader's list: the drawer's copy of the page's
        # table of contents on wide screens, the sidebar's on phones
        names = page.eval_on_selector_all("nav", "els => els.filter(e => e.checkVisibility()).map(e => e.getAttribute('aria-label'))")
        assert len(names) >= 4 and all(names) and len(set(names)) == len(names), (path, names)
    context.close()
    watch.assert_clean()


def test_glossary_marks_its_english_and_pinyin(served: Served) -> None:
    for prefix in EDITIONS:
        html = (served.root / prefix / "glossary" / "index.html").read_text(encoding="utf-8")
        assert html.count('<span lang="en">') >= 20  # each entry's English name
        assert html.count('lang="zh-Latn-pinyin"') >= 20  # each entry's reading


def test_wide_tables_scroll_by_keyboard_on_a_phone_and_reports_fit_theirs(browser: Browser, served: Served) -> None:
    """A change report's tables were the site's wide ones: Material's script wrapped them in scroll boxes, which
    reader.js makes reachable by keyboard. Reports now load no Material script (overrides/report.html) and fit their
    tables to the screen (assets/report.css); the scroll boxes are checked on a page of the theme's with a wide table
    (input/, one cell given a run of text with no break, as a report's quoted line was)."""
    context, watch = open_context(browser, served.base, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    for prefix in EDITIONS:
        page.goto(f"{served.base}{prefix}reports/{EFFICACY}/")
        fits = page.eval_on_selector_all("article table", "els => els.map(e => e.getBoundingClientRect().right <= innerWidth)")
        assert fits and all(fits) and page.evaluate("document.documentElement.scrollWidth <= innerWidth"), prefix
        # a count stays whole: cells that could wrap anywhere had 1452 drawn as 145 over 2
        broken = page.eval_on_selector_all("article td", """els => els.filter(e => /^\\d+$/.test(e.textContent.trim()))
            .filter(e => { const r = document.createRange(); r.selectNodeContents(e); return r.getClientRects().length > 1; })
            .map(e => e.textContent)""")
        assert broken == [], (prefix, broken)

    def widened(route) -> None:  # type: ignore[no-untyped-def]
        response = route.fetch()
        route.fulfill(response=response, body=response.text().replace("<td>", "<td>" + "x" * 200 + " ", 1))

    page.route(f"{served.base}input/", widened)
    page.goto(f"{served.base}input/")
    boxes = page.eval_on_selector_all(".md-typeset__scrollwrap", """els => els.map(e => ({
        scrolls: e.scrollWidth > e.clientWidth + 1, tab: e.tabIndex, role: e.getAttribute('role'), name: e.getAttribute('aria-label')}))""")
    wide = [b for b in boxes if b["scrolls"]]
    assert wide and all(b["tab"] == 0 and b["role"] == "region" and b["name"] for b in wide), boxes
    page.focus(".md-typeset__scrollwrap[tabindex='0']")
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => document.activeElement.scrollLeft > 0")
    context.close()
    watch.assert_clean()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_404_runs_its_scripts_follows_the_palette_and_speaks_both_editions(browser: Browser, served: Served, scheme: str) -> None:
    """404.html as a server sends it for a missing URL inside the 繁體 edition: no script blocked by its CSP (the hook
    hashed only pages' scripts, not this template's), the system's palette, its text in the language it declares."""
    context, watch = open_context(browser, served.base, color_scheme=scheme)
    missing = f"{served.base}zh-Hant/no-such-page/"
    context.route(missing, lambda route: route.fulfill(status=404, path=str(served.root / "404.html"), content_type="text/html"))
    page = context.new_page()
    failed: list[str] = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    response = page.goto(missing)
    assert response and response.status == 404
    assert page.get_attribute("body", "data-md-color-scheme") == ("slate" if scheme == "dark" else "default")
    assert page.evaluate("typeof __md_get") == "function"  # the theme's inline scripts ran
    assert page.get_attribute("html", "lang") == "zh-Hans"
    t2s, s2t = opencc.OpenCC("t2s"), opencc.OpenCC("s2t")
    hans = page.evaluate("""() => { const a = document.querySelector('article').cloneNode(true);
        a.querySelectorAll('[lang="zh-Hant"]').forEach(e => e.remove()); return a.innerText; }""")
    hant = page.inner_text("article [lang='zh-Hant']")
    assert hans.strip() and t2s.convert(hans) == hans and t2s.convert(page.title()) == page.title()
    assert hant.strip() and s2t.convert(hant) == hant and hant != hans
    for lang, home in (("zh-Hans", ""), ("zh-Hant", "zh-Hant/")):  # each edition's home, from any depth
        page.click(f"article a[hreflang='{lang}']")
        assert page.url == served.base + home and page.get_attribute("html", "lang") == lang
        page.goto(missing)
    context.close()
    assert set(failed) == {missing}  # the page itself, as sent: Chromium logs its status; nothing it loads is missing
    watch.errors[:] = [e for e in watch.errors if "status of 404" not in e]
    watch.assert_clean()  # includes: no inline script refused by the CSP (the console says so)


def _scheme(page: Page) -> str | None:
    return page.get_attribute("body", "data-md-color-scheme")


def test_palette_follows_the_system_until_the_reader_picks_one(browser: Browser, served: Served) -> None:
    """The first visit stored the light palette with its media query, and every later visit kept it, whatever the
    system said. Now a stored choice is the system's, until the reader clicks the toggle."""
    context, watch = open_context(browser, served.base, color_scheme="light")
    page = context.new_page()
    page.goto(served.base)
    assert _scheme(page) == "default"
    page.emulate_media(color_scheme="dark")  # the system turns dark between two visits
    page.goto(f"{served.base}about/")
    assert _scheme(page) == "slate"
    page.emulate_media(color_scheme="light")
    page.goto(f"{served.base}zh-Hant/")  # and light again, in the other edition
    assert _scheme(page) == "default"
    toggle = "form[data-md-component='palette'] label:not([hidden])"
    assert page.get_attribute(toggle, "title") == "淺色模式"  # the next palette, in the edition's script
    page.click(toggle)  # the reader picks light: it stays, whatever the system says
    page.emulate_media(color_scheme="dark")
    page.goto(f"{served.base}zh-Hant/about/")
    assert _scheme(page) == "default"
    page.click(toggle)  # dark
    assert _scheme(page) == "slate"
    page.click(toggle)  # and back to following the system
    page.emulate_media(color_scheme="light")
    page.goto(f"{served.base}zh-Hant/")
    assert _scheme(page) == "default"
    # A reader of the site as it was: a palette stored by the two-palette toggle, light (index 0) or dark (index 1),
    # each with its media query, follows the system from the next visit on (overrides/partials/javascripts/palette.html).
    for index, media, system, want in ((0, "light", "dark", "slate"), (1, "dark", "light", "default")):
        old = {"index": index, "color": {"media": f"(prefers-color-scheme: {media})", "scheme": "default" if index == 0 else "slate",
                                         "primary": "custom", "accent": "custom"}}
        page.evaluate("p => __md_set('__palette', p)", old)
        page.emulate_media(color_scheme=system)  # type: ignore[arg-type]
        page.goto(f"{served.base}about/")
        assert _scheme(page) == want and page.evaluate("__md_get('__palette').index") == 0, (old, system)
    context.close()
    watch.assert_clean()


def test_a_report_shows_the_palette_the_reader_chose_or_the_systems(browser: Browser, served: Served) -> None:
    """A change report has no palette toggle and none of Material's scripts (overrides/report.html): it shows the
    palette the reader picked with the toggle on the other pages, in either edition (assets/report.js reads Material's
    store), and until then, or after "follow the system" again, the system's, also when it changes on the open page."""
    context, watch = open_context(browser, served.base, color_scheme="dark")
    page = context.new_page()
    reports = [f"{served.base}{prefix}reports/{EFFICACY}/" for prefix in EDITIONS]
    page.goto(reports[1])
    assert _scheme(page) == "slate"
    page.emulate_media(color_scheme="light")
    for _ in range(20):  # the system's change reaches the open page (a polled read: the CSP refuses wait_for_function's)
        if _scheme(page) == "default":
            break
        page.wait_for_timeout(50)
    assert _scheme(page) == "default"
    toggle = "form[data-md-component='palette'] label:not([hidden])"
    for system, want in (("dark", "default"), ("light", "slate"), ("light", "default")):  # picked: light, dark, the system's
        page.goto(f"{served.base}about/")
        page.click(toggle)
        page.emulate_media(color_scheme=system)  # type: ignore[arg-type]
        for url in reports:
            page.goto(url)
            assert _scheme(page) == want, (system, url)
    context.close()
    watch.assert_clean()


# Errors the Nu checker reports in markup that mkdocs-material writes itself (its base.html), not ours: (message
# start, text of the markup it points at).
MATERIAL_ERRORS = [
    # base.html: the drawer and search toggles are checkboxes with autocomplete="off" (keeps Firefox from restoring
    # their state on reload); the attribute is not allowed on a checkbox.
    ("Attribute “autocomplete” is only allowed when the input type is", 'class="md-toggle"'),
]


def nu_errors_of_ours(pages: list[Path]) -> list[str]:
    """The Nu HTML checker's errors in `pages`, but for MATERIAL_ERRORS: 'file:line: message [markup]'."""
    java = shutil.which("java") or "/usr/bin/java"
    if not Path(java).exists():
        pytest.fail("java not found: the Nu HTML checker (node_modules/vnu-jar) needs a Java runtime")
    if not VNU.is_file():
        pytest.fail(f"{VNU} missing: npm ci (package-lock.json) installs it")
    # A short run: the client compiler alone starts in a third of the time (9 s → 3 s); then the checker's schema
    # needs a deeper stack than C1's frames leave in the default 1 MB (it says so: StackOverflowError, -Xss).
    done = subprocess.run([java, "-Xss4m", "-XX:TieredStopAtLevel=1", "-jar", str(VNU), "--errors-only", "--format", "json",
                           *map(str, pages)], capture_output=True, text=True, timeout=120)
    assert done.returncode in (0, 1), done.stderr[-2000:]  # 1: errors found (listed below)
    messages = json.loads(done.stderr)["messages"]
    assert all(m["type"] in ("error", "non-document-error") for m in messages)
    checked = {unquote(urlsplit(m["url"]).path) for m in messages}
    ours = [m for m in messages if not any(m.get("message", "").startswith(text) and where in m.get("extract", "")
                                           for text, where in MATERIAL_ERRORS)]
    # Material's error is on every page that has its header: a page missing from the messages was not checked
    assert checked >= {str(p.resolve()) for p in pages if 'class="md-toggle"' in p.read_text(encoding="utf-8")}
    return [f"{m.get('url')}:{m.get('lastLine')}: {m.get('message')} [{m.get('extract', '').strip()}]" for m in ours]


def test_nu_html_checker_finds_no_error_of_ours(served: Served, single_files: dict[str, Path], tmp_path: Path) -> None:
    """Every page of the site (each kind in both editions, the lists, 404.html), the offline copy's pages as its zip
    holds them (links rewritten, no head alternates), and the single-file articles a reader's browser makes."""
    site = served.root
    pages = sorted(site.rglob("*.html"))
    assert {site / prefix / kind / "index.html" for prefix in EDITIONS for kind in KINDS} | {site / "404.html"} <= set(pages)
    with zipfile.ZipFile(site / "downloads" / "zh-policy-reader-offline.zip") as z:
        z.extractall(tmp_path)
    offline = sorted(tmp_path.rglob("*.html"))
    assert len(offline) == len(pages) - 1  # the offline copy has every page but 404.html
    errors = nu_errors_of_ours([*pages, *offline, *single_files.values()])
    assert not errors, "\n".join(errors)
