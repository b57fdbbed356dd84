"""The built site in real headless Chromium, over http (search: test_search.py): edition switch, paragraph links,
footnote tooltips, no request leaving the site, no console errors, contrast, phone width, print."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from .browser_support import Served, Watch, open_context

SHOTS = Path(__file__).resolve().parent.parent / "build" / "screenshots"
EFFICACY = "digital-government-efficacy"
CAPACITY = "digital-governance-capacity"


@pytest.fixture
def desk(browser: Browser, served: Served) -> Iterator[tuple[Page, Watch]]:
    context, watch = open_context(browser, served.base, viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=served.base.rstrip("/"))
    page = context.new_page()
    yield page, watch
    context.close()
    watch.assert_clean()  # every test: nothing left the site, nothing went wrong in the console


# Search: tests/test_search.py.


def test_html_lang_and_hreflang_per_edition(desk: tuple[Page, Watch], served: Served) -> None:
    page, _ = desk
    for prefix, lang, other in (("", "zh-Hans", "zh-Hant"), ("zh-Hant/", "zh-Hant", "zh-Hans")):
        page.goto(f"{served.base}{prefix}{EFFICACY}/")
        assert page.get_attribute("html", "lang") == lang
        alt = page.get_attribute(f"a.md-select__link[hreflang='{other}']", "href")
        assert alt and alt.rstrip("/").endswith(EFFICACY)
        assert page.evaluate("getComputedStyle(document.querySelector('p.para')).fontFamily").count(
            "SC" if lang == "zh-Hans" else "TC") >= 1


def test_edition_switch_keeps_the_paragraph(desk: tuple[Page, Watch], served: Served) -> None:
    page, _ = desk
    page.goto(f"{served.base}{EFFICACY}/#s2-p3")
    text_hans = page.inner_text("#s2-p3")
    page.click(".md-header__option .md-select button")
    page.click("a.md-select__link[hreflang='zh-Hant']")
    page.wait_for_url(re.compile(r"/zh-Hant/digital-government-efficacy/#s2-p3$"))
    assert page.get_attribute("html", "lang") == "zh-Hant"
    assert page.evaluate("document.querySelector(':target').id") == "s2-p3"
    assert page.inner_text("#s2-p3") != text_hans and len(page.inner_text("#s2-p3")) == len(text_hans)
    page.click(".md-header__option .md-select button")  # and back again
    page.click("a.md-select__link[hreflang='zh-Hans']")
    page.wait_for_url(re.compile(r"/digital-government-efficacy/#s2-p3$"))
    assert page.inner_text("#s2-p3") == text_hans


def test_paragraph_link_appears_on_hover_and_copies_its_url(desk: tuple[Page, Watch], served: Served) -> None:
    page, _ = desk
    page.goto(f"{served.base}{CAPACITY}/")
    mark = page.locator("#s2-p3 a.para-link")
    assert mark.evaluate("e => getComputedStyle(e).opacity") == "0"
    page.hover("#s2-p3")
    page.wait_for_function("() => getComputedStyle(document.querySelector('#s2-p3 a.para-link')).opacity === '1'")
    # issue 21: the page names each mark once ("复制本段链接 s2-p3"); its tooltip, the words alone, is reader.js's
    html = (served.root / CAPACITY / "index.html").read_text(encoding="utf-8")
    assert 'aria-label="复制本段链接 s2-p3"' in html and not re.search(r'<a class="para-link"[^>]* title=', html)
    assert mark.get_attribute("aria-label") == "复制本段链接 s2-p3"
    mark.hover()
    assert page.wait_for_selector(".md-tooltip2--active .md-tooltip2__inner").inner_text() == "复制本段链接"
    mark.click()
    want = f"{served.base}{CAPACITY}/#s2-p3"
    page.wait_for_function("u => document.body.dataset.lastCopied === u", arg=want)
    assert page.evaluate("navigator.clipboard.readText()") == want
    assert page.url == want
    assert page.is_visible(".reader-status") and "复制" in page.inner_text(".reader-status")
    assert "¶" not in page.inner_text("#s2-p3")  # the mark is CSS: it never travels with copied text


def test_keyboard_reaches_paragraph_links(desk: tuple[Page, Watch], served: Served) -> None:
    page, _ = desk
    page.goto(f"{served.base}{CAPACITY}/")
    page.focus("#s1-p1 a.para-link")
    assert page.evaluate("getComputedStyle(document.activeElement).opacity") == "1"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('p') && document.activeElement.closest('p').id") == "s1-p2"


def test_footnote_hover_shows_the_note_and_links_both_ways(desk: tuple[Page, Watch], served: Served) -> None:
    page, _ = desk
    page.goto(f"{served.base}{EFFICACY}/")
    note = page.inner_text("#fn\\:1").replace("↩", "").strip()
    page.hover("#fnref\\:1 a")
    tip = page.wait_for_selector(".md-tooltip2--active .md-tooltip2__inner")
    assert tip and note[:20] in tip.inner_text() and "数字化赋能治理协同" in tip.inner_text()
    page.click("#fnref\\:1 a")
    assert page.url.endswith("#fn:1")
    page.click("#fn\\:1 a.footnote-backref")
    assert page.url.endswith("#fnref:1")


def test_csp_blocks_outside_requests(desk: tuple[Page, Watch], served: Served) -> None:
    page, watch = desk
    page.goto(f"{served.base}{EFFICACY}/")
    csp = page.get_attribute("meta[http-equiv='Content-Security-Policy']", "content") or ""
    assert "default-src 'self'" in csp
    violated = page.evaluate("""() => new Promise(done => {
        document.addEventListener('securitypolicyviolation', e => done(e.blockedURI), {once: true});
        const img = document.createElement('img'); img.src = 'https://fonts.googleapis.com/x.png'; document.body.append(img);
        setTimeout(() => done(null), 2000);
    })""")
    assert violated and "fonts.googleapis.com" in violated
    watch.errors[:] = [e for e in watch.errors if "Content Security Policy" not in e]  # the one we provoked


def _luminance(rgb: tuple[float, ...]) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(fg: tuple[float, ...], bg: tuple[float, ...]) -> float:
    alpha = fg[3] if len(fg) > 3 else 1.0  # blend a translucent foreground over the background
    fg = tuple(alpha * f + (1 - alpha) * b for f, b in zip(fg[:3], bg[:3], strict=True))
    hi, lo = sorted((_luminance(fg), _luminance(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


_COLOURS = """sel => { const e = document.querySelector(sel); let b = e, bg;
  do { bg = getComputedStyle(b).backgroundColor; b = b.parentElement; } while (b && /rgba\\(0, 0, 0, 0\\)|transparent/.test(bg));
  if (/rgba\\(0, 0, 0, 0\\)|transparent/.test(bg)) bg = getComputedStyle(document.body).backgroundColor;
  const nums = s => (s.match(/[\\d.]+/g) || []).map(Number);
  return [nums(getComputedStyle(e).color), nums(bg)]; }"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_text_contrast_meets_wcag_aa(browser: Browser, served: Served, scheme: str) -> None:
    context, watch = open_context(browser, served.base, viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.goto(f"{served.base}{EFFICACY}/")
    for selector in ["p.para", ".article-meta dt", ".article-meta dd a", "p.para a.footnote-ref", ".md-header__title",
                     "nav.crumbs a", ".md-nav__link", "h2"]:  # articles are not in the site nav: no active link
        fg, bg = page.evaluate(_COLOURS, selector)
        ratio = _contrast(tuple(fg), tuple(bg))
        assert ratio >= 4.5, f"{scheme} {selector}: contrast {ratio:.2f} < 4.5 ({fg} on {bg})"
    context.close()
    watch.assert_clean()


@pytest.mark.parametrize(("prefix", "scheme"), [("", "light"), ("zh-Hant/", "dark")])
def test_phone_width_reads_without_sideways_scrolling(browser: Browser, served: Served, prefix: str, scheme: str) -> None:
    context, watch = open_context(browser, served.base, viewport={"width": 390, "height": 844}, color_scheme=scheme,
                                  is_mobile=True, has_touch=True, device_scale_factor=2)
    page = context.new_page()
    page.goto(f"{served.base}{prefix}{EFFICACY}/#s1-p1")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    box = page.locator("#s1-p1").bounding_box()
    assert box and box["x"] >= 8 and box["x"] + box["width"] <= 390 - 8  # a margin on both sides
    assert page.evaluate("parseFloat(getComputedStyle(document.querySelector('#s1-p1 a.para-link')).opacity)") > 0.4
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"phone-{prefix.strip('/') or 'zh-Hans'}-{scheme}.png"))
    context.close()
    watch.assert_clean()


@pytest.mark.parametrize("prefix", ["", "zh-Hant/"])
def test_desktop_screenshots(desk: tuple[Page, Watch], served: Served, prefix: str) -> None:
    page, _ = desk
    page.goto(f"{served.base}{prefix}{EFFICACY}/#s1-p1")
    assert page.is_visible("#s1-p1")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"desktop-{prefix.strip('/') or 'zh-Hans'}.png"))


def test_print_stylesheet_hides_site_chrome(desk: tuple[Page, Watch], served: Served) -> None:
    page, _ = desk
    page.goto(f"{served.base}{EFFICACY}/")
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", "#s1-p1 a.para-link"):
        assert page.evaluate(f"getComputedStyle(document.querySelector('{selector}')).display") == "none", selector
    assert page.is_visible("#s1-p1") and page.is_visible("#fn\\:1")


@pytest.mark.parametrize("path", ["", "about/", "zh-Hant/", "zh-Hant/about/", f"reports/{EFFICACY}/", f"zh-Hant/reports/{CAPACITY}/"])
def test_every_page_loads_without_errors_or_outside_requests(desk: tuple[Page, Watch], served: Served, path: str) -> None:
    page, _ = desk
    page.goto(served.base + path)
    page.wait_for_load_state("networkidle")
    assert page.title()


@pytest.mark.parametrize(("prefix", "term"), [("", "数据孤岛"), ("zh-Hant/", "數據孤島")])
def test_glossary_tooltip_on_hover_and_keyboard_focus(desk: tuple[Page, Watch], served: Served, prefix: str, term: str) -> None:
    """The definitions are not in the page (issue 21): a term's is loaded when a reader hovers, focuses or taps it, from
    its file beside the edition's glossary page, and shown in Material's tooltip; screen readers get it as the term's
    description; Escape dismisses it."""
    from pipeline.document.annotate import anchor
    from pipeline.document.glossary import glossary

    page, _ = desk
    script = "hant" if prefix else "hans"
    tips = {e.form(script): f"{e.form(script)}：{e.definition_in(script)}（{e.english}）" for e in glossary()}
    loaded: list[str] = []
    page.on("request", lambda r: loaded.append(r.url.removeprefix(served.base)) if "/glossary/" in r.url else None)
    page.goto(f"{served.base}{prefix}{CAPACITY}/#s3-p1")
    page.wait_for_load_state("networkidle")
    assert loaded == [] and page.locator(".md-tooltip2").count() == 0  # nothing loaded until a reader asks
    link = page.locator("#s3-p1 a.gloss", has_text=term)
    assert link.get_attribute("title") is None
    link.hover()
    tip = page.wait_for_selector(".md-tooltip2--active .md-tooltip2__inner")
    assert tip and tip.inner_text() == tips[term] and "data silo" in tip.inner_text()
    assert loaded == [f"{prefix}glossary/g-shu-ju-gu-dao.js"]
    assert link.evaluate("e => document.getElementById(e.getAttribute('aria-describedby')).textContent") == tips[term]
    page.mouse.move(0, 0)
    page.wait_for_selector(".md-tooltip2--active", state="detached")
    later = page.locator("abbr.gloss").first  # a later occurrence: focusable, so keyboard and tap reach it
    later.focus()
    tip = page.wait_for_selector(".md-tooltip2--active .md-tooltip2__inner")
    assert tip and tip.inner_text() == tips[later.inner_text()]
    assert later.evaluate("e => document.getElementById(e.getAttribute('aria-describedby')).textContent") == tips[later.inner_text()]
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"tooltip-{prefix.strip('/') or 'zh-Hans'}.png"))
    page.keyboard.press("Escape")  # dismissed without moving focus (WCAG 1.4.13)
    page.wait_for_selector(".md-tooltip2--active", state="detached")
    assert page.evaluate("document.activeElement.tagName") == "ABBR"
    later.hover()  # pointed at again, it shows again
    page.wait_for_selector(".md-tooltip2--active")
    assert set(loaded) <= {f"{prefix}glossary/{anchor(e)}.js" for e in glossary()}
    link.click()  # the first occurrence leads to the glossary entry
    page.wait_for_url(re.compile(r"/glossary/#g-shu-ju-gu-dao$"))
    assert page.evaluate("document.querySelector(':target').textContent").startswith(term)


def test_glossary_tooltip_on_a_phone_tap(browser: Browser, served: Served) -> None:
    """A tap on a later occurrence (an <abbr>: no link to follow) shows its definition; a tap elsewhere hides it."""
    context, watch = open_context(browser, served.base, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(f"{served.base}zh-Hant/{CAPACITY}/")
    later = page.locator("#s1-p2 abbr.gloss").first
    later.tap()
    tip = page.wait_for_selector(".md-tooltip2--active .md-tooltip2__inner")
    assert tip and tip.inner_text().startswith(later.inner_text() + "：") and tip.is_visible()
    box, term = tip.bounding_box(), later.bounding_box()
    assert box and term and 0 <= box["x"] and box["x"] + box["width"] <= 390 and box["y"] >= term["y"] + term["height"]
    page.tap("h1")
    page.wait_for_selector(".md-tooltip2--active", state="detached")
    context.close()
    watch.assert_clean()


def test_glossary_page_screenshot(desk: tuple[Page, Watch], served: Served) -> None:
    page, _ = desk
    page.goto(f"{served.base}zh-Hant/glossary/")
    assert page.inner_text("h1").startswith("術語表")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "glossary-zh-Hant.png"), full_page=False)


def test_cite_this_paragraph_gives_the_article_citation_and_the_paragraph_url(desk: tuple[Page, Watch], served: Served) -> None:
    page, _ = desk
    page.goto(f"{served.base}{EFFICACY}/")
    gbt = page.inner_text(".cite-gbt")
    assert "[引用日期]" not in gbt and re.search(r"\(2023-07-18\)\[\d{4}-\d{2}-\d{2}\]", gbt)  # the reader's access date
    page.hover("#s2-p1")
    page.click("#s2-p1 a.para-link")
    page.click(".reader-status__action")
    text = page.evaluate("document.body.dataset.lastCopied")
    assert text.startswith("佚名. 我国数字政府建设效能提升的难点及应对[EB/OL]. (2023-07-18)[")
    assert text.endswith(f"http://www.rmlt.com.cn/2023/0718/678135.shtml. {served.base}{EFFICACY}/#s2-p1")
    page.goto(f"{served.base}{CAPACITY}/")  # no URL of its own: cited at this page
    assert page.inner_text(".cite-gbt").endswith(f"{served.base}{CAPACITY}/.")
    assert page.inner_text(".cite-mla").endswith(f"{served.base}{CAPACITY}/.")  # MLA too (reader.js)


@pytest.mark.parametrize("prefix", ["", "zh-Hant/"])
def test_wide_screens_show_the_articles_headings_beside_it(browser: Browser, served: Served, prefix: str) -> None:
    """Issue 21: the page holds its headings once, in the drawer (test above); reader.js copies them into the right
    sidebar, where Material follows the reading position as before; without scripts the left sidebar shows them."""
    context, watch = open_context(browser, served.base, viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(f"{served.base}{prefix}{EFFICACY}/")
    link = page.locator(".md-sidebar--secondary a.md-nav__link[href='#s2']")
    assert link.is_visible() and not page.locator(".md-sidebar--primary a.md-nav__link[href='#s2']").is_visible()
    link.click()
    page.wait_for_url(re.compile(r"#s2$"))
    page.wait_for_function("() => document.querySelector(\".md-sidebar--secondary a[href='#s2']\").classList.contains('md-nav__link--active')")
    context.close()
    watch.assert_clean()
    context, watch = open_context(browser, served.base, viewport={"width": 1280, "height": 800}, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{served.base}{prefix}{EFFICACY}/")
    assert page.locator(".md-sidebar--primary a.md-nav__link[href='#s2']").is_visible()
    context.close()
    watch.assert_clean()


PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}


@pytest.mark.parametrize("prefix", ["", "zh-Hant/"])
def test_phone_drawer_reaches_the_articles_headings(browser: Browser, served: Served, prefix: str) -> None:
    """Articles are not in the site nav, so Material's drawer showed the five site pages and none of the article's
    headings: overrides/partials/nav.html adds the page with its table of contents."""
    context, watch = open_context(browser, served.base, **PHONE)  # type: ignore[arg-type]
    page = context.new_page()
    page.goto(f"{served.base}{prefix}{EFFICACY}/")
    page.click("label.md-header__button[for='__drawer']")
    page.click(".md-nav--primary label.md-nav__link[for='__toc']")
    link = page.locator(".md-nav--primary .md-nav--secondary a.md-nav__link[href='#s2']")
    link.wait_for(state="visible")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"phone-drawer-toc-{prefix.strip('/') or 'zh-Hans'}.png"))
    link.click()
    page.wait_for_url(re.compile(r"#s2$"))
    page.wait_for_function("() => !document.getElementById('__drawer').checked")
    top = page.evaluate("document.getElementById('s2').getBoundingClientRect().top")
    assert 0 <= top < 200  # the heading is on screen, under the header
    context.close()
    watch.assert_clean()


@pytest.mark.parametrize("prefix", ["", "zh-Hant/"])
@pytest.mark.parametrize("slug", [EFFICACY, CAPACITY])
def test_phone_first_screen_shows_the_article_and_taps_are_24px(browser: Browser, served: Served, prefix: str, slug: str) -> None:
    """At 390 × 844 the abstract (or the first paragraph) starts on the first screen, under a condensed metadata
    block (it began ~870 px down); footnote numbers (were 5 × 16 px) and their ↩, ¶ marks and breadcrumbs are tap
    targets of 24 × 24 px or more."""
    context, watch = open_context(browser, served.base, **PHONE)  # type: ignore[arg-type]
    page = context.new_page()
    page.goto(f"{served.base}{prefix}{slug}/")
    first = page.locator("#abstract + p, article p.para").first
    box = first.bounding_box()
    assert box and box["y"] < 844 - 100, box  # at least a few lines of it
    assert page.locator(".article-meta").bounding_box()["height"] < 250  # type: ignore[index]
    targets = "a.footnote-ref, a.footnote-backref, a.para-link, a.headerlink, nav.crumbs a"
    boxes = page.eval_on_selector_all(targets, """els => els.filter(e => e.getClientRects().length)  // displayed (not the h1's ¶)
        .map(e => [e.getBoundingClientRect().width, e.getBoundingClientRect().height])""")
    assert len(boxes) > 10 and all(w >= 24 and h >= 24 for w, h in boxes), [b for b in boxes if min(b) < 24]
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"phone-first-screen-{prefix.strip('/') or 'zh-Hans'}-{slug}.png"))
    context.close()
    watch.assert_clean()


def _with_chrome_breaks(page: str) -> str:
    """The page as the theme writes it, a line break at every tag of its chrome (the article and <script> as built),
    each title in the nav and the table of contents in a <span class="md-ellipsis"> (Material's partials/nav-item.html,
    toc-item.html)."""
    page = re.sub(r'(class="md-nav__link[^"]*"(?: for="__toc")?>)([^<]+)<', r'\1<span class="md-ellipsis">\2</span><', page)
    kept = re.compile(r"<article\b.*?</article>|<(pre|textarea|script|style)\b.*?</\1>", re.DOTALL)
    out, last = [], 0
    for m in kept.finditer(page):
        out += [re.sub(r">(?!\n)", ">\n", re.sub(r"(?<!\n)<", "\n<", page[last:m.start()])), m.group()]
        last = m.end()
    return "".join([*out, page[last:]])


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("prefix", ["", "zh-Hant/"])
def test_chrome_without_line_breaks_looks_and_reads_the_same(browser: Browser, served: Served, prefix: str, width: int) -> None:
    """Issue 21: the chrome's line breaks dropped (overrides/hooks/compact.py) and the ellipsis spans of the nav and the
    table of contents (overrides/partials/nav-item.html, toc-item.html) change no text and no pixel."""
    context, watch = open_context(browser, served.base, viewport={"width": width, "height": 900})
    built = (served.root / prefix / CAPACITY / "index.html").read_text(encoding="utf-8")
    chrome = built.split("<article", 1)[0]
    assert "\n<" not in chrome and 'class="md-ellipsis"' not in chrome.split("md-sidebar--primary")[1]  # no break, no span
    url = f"{served.base}{prefix}{CAPACITY}/"
    page = context.new_page()
    seen = []
    for breaks in (False, True):
        if breaks:  # the same address, so that the page's own links and citations read the same
            context.route(url, lambda r: r.fulfill(body=_with_chrome_breaks(built), content_type="text/html; charset=utf-8"))
        page.goto(url)
        page.wait_for_load_state("networkidle")
        if width < 1000:
            page.click("label.md-header__button[for='__drawer']")  # the drawer's nav, then its table of contents
            page.wait_for_timeout(400)
            seen.append(page.screenshot())
            page.click(".zh-nav-page label.md-nav__link[for='__toc']")
            page.wait_for_timeout(400)
        seen.append((page.evaluate("document.body.innerText"), page.screenshot()))
    context.close()
    watch.assert_clean()
    SHOTS.mkdir(parents=True, exist_ok=True)
    (SHOTS / f"chrome-{prefix.strip('/') or 'zh-Hans'}-{width}.png").write_bytes(seen[-1][1])
    assert seen[: len(seen) // 2] == seen[len(seen) // 2:]
