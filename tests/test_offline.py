"""The downloads, opened from disk (file://) in headless Chromium: the unpacked zip works with no
network (search, edition switch, footnotes), and each single-file article reads with scripts off."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from pipeline.document.glossary import glossary
from pipeline.document.words import words

from .browser_support import Watch, open_context, search_hits

EFFICACY = "digital-government-efficacy"


class Refs(HTMLParser):
    """Every URL-valued attribute of a page: (tag, attribute, url)."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found += [(tag, k, v) for k, v in attrs if k in ("href", "src", "srcset", "poster", "data") and v]


@pytest.fixture(scope="module")
def unpacked(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    dest = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(site / "downloads" / "zh-policy-reader-offline.zip") as z:
        assert z.testzip() is None
        z.extractall(dest)
    return dest / "zh-policy-reader"


@pytest.fixture
def disk(browser: Browser, unpacked: Path) -> Iterator[tuple[Page, Watch, str]]:
    base = unpacked.as_uri() + "/"
    context, watch = open_context(browser, base, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page, watch, base
    context.close()
    watch.assert_clean()  # nothing but the unpacked files was requested


def test_zip_holds_both_editions_and_no_outside_references(unpacked: Path) -> None:
    for rel in ["index.html", "zh-Hant/index.html", f"{EFFICACY}/index.html", f"zh-Hant/{EFFICACY}/index.html", "search/meta.js",
                "search/conv.js", "search/t/1/0.js", "assets/search.js", "README.txt"]:
        assert (unpacked / rel).is_file(), rel
    for page in unpacked.rglob("*.html"):
        refs = Refs()
        refs.feed(page.read_text(encoding="utf-8"))
        loads = [(tag, url) for tag, attr, url in refs.found if tag != "a" and url.startswith(("http:", "https:", "//"))]
        assert not loads, f"{page}: loads from outside: {loads}"  # <a> links out are fine: they are clicked, not loaded


def test_search_and_edition_switch_from_disk(disk: tuple[Page, Watch, str]) -> None:
    page, _, base = disk
    page.goto(f"{base}{EFFICACY}/index.html#s2-p3")
    hrefs = search_hits(page, "城市大脑")  # the index files are scripts: they load from disk, where fetch() is refused
    assert any(h.startswith(base) and "digital-governance-capacity/index.html" in h and h.endswith("#s2") for h in hrefs), hrefs
    hrefs = search_hits(page, "字政府建 網通")  # a phrase and AND, across scripts, from disk
    assert hrefs and all(h.startswith(base) and "/index.html" in h for h in hrefs), hrefs
    assert f"{base}digital-governance-capacity/index.html#s1" in hrefs
    page.goto(f"{base}zh-Hant/{EFFICACY}/index.html")
    hrefs = search_hits(page, "数据孤岛")
    assert f"{base}zh-Hant/digital-governance-capacity/index.html#s3" in hrefs, hrefs  # the reader's edition
    page.click("a.md-search-result__link[href$='digital-governance-capacity/index.html#s3']")  # a result opens from disk
    page.wait_for_url(f"{base}zh-Hant/digital-governance-capacity/index.html#s3")
    page.keyboard.press("Escape")
    page.goto(f"{base}{EFFICACY}/index.html#s2-p3")
    page.click(".md-header__option .md-select button")
    page.click("a.md-select__link[hreflang='zh-Hant']")
    page.wait_for_url(f"{base}zh-Hant/{EFFICACY}/index.html#s2-p3")
    assert page.get_attribute("html", "lang") == "zh-Hant"
    assert page.evaluate("document.querySelector(':target').id") == "s2-p3"
    page.hover("#fnref\\:1 a")
    tip = page.wait_for_selector(".md-tooltip2--active .md-tooltip2__inner")
    assert tip and "數字化賦能治理協同" in tip.inner_text()
    page.click("#s1-p1 a.para-link")
    assert page.evaluate("document.body.dataset.lastCopied") == f"{base}zh-Hant/{EFFICACY}/index.html#s1-p1"
    page.click("nav.crumbs a[href='../articles/index.html']")  # the lists browse from disk too
    page.wait_for_url(f"{base}zh-Hant/articles/index.html")
    page.click(f"a[href='../{EFFICACY}/index.html']")
    page.wait_for_url(f"{base}zh-Hant/{EFFICACY}/index.html")


def test_glossary_definitions_load_from_disk(disk: tuple[Page, Watch, str]) -> None:
    """A term's definition is a script beside the glossary page (issue 21), which loads from file:// as the search index
    does (fetch() is refused there), in the page's edition."""
    page, _, base = disk
    page.goto(f"{base}zh-Hant/digital-governance-capacity/index.html")
    link = page.locator("a.gloss", has_text="數據孤島").first
    assert link.get_attribute("href") == "../glossary/index.html#g-shu-ju-gu-dao"
    link.hover()
    tip = page.wait_for_selector(".md-tooltip2--active .md-tooltip2__inner")
    assert tip and tip.inner_text().startswith("數據孤島：數據分散") and "data silo" in tip.inner_text()


def test_a_change_report_from_disk_keeps_the_palette_and_switches_editions(disk: tuple[Page, Watch, str]) -> None:
    """A change report loads none of Material's scripts (overrides/report.html): from disk too, it shows the palette the
    reader picked on another page (assets/report.js reads Material's store under the same key), and its edition switch
    and site name open the other edition's report and the edition's home page as files."""
    page, _, base = disk
    page.goto(f"{base}about/index.html")
    toggle = "form[data-md-component='palette'] label:not([hidden])"
    page.click(toggle)  # light
    page.click(toggle)  # dark
    page.goto(f"{base}reports/{EFFICACY}/index.html")
    assert page.get_attribute("body", "data-md-color-scheme") == "slate"
    page.click("header a.zh-edition[hreflang='zh-Hant']")
    assert page.url == f"{base}zh-Hant/reports/{EFFICACY}/index.html" and page.get_attribute("html", "lang") == "zh-Hant"
    assert page.get_attribute("body", "data-md-color-scheme") == "slate"
    page.click("header a.md-header__title")
    assert page.url == f"{base}zh-Hant/index.html"


@pytest.mark.parametrize("name", [f"{EFFICACY}.zh-Hans.html", f"{EFFICACY}.zh-Hant.html",
                                  "digital-governance-capacity.zh-Hans.html", "digital-governance-capacity.zh-Hant.html"])
def test_single_file_reads_with_scripts_off(browser: Browser, single_files: dict[str, Path], name: str) -> None:
    path = single_files[name]  # made in the reader's browser from the article page (issue 21), then opened from disk
    base = path.as_uri()
    context, watch = open_context(browser, base, java_script_enabled=False, viewport={"width": 800, "height": 900})
    page = context.new_page()
    page.goto(base)
    lang = "zh-Hant" if "zh-Hant" in name else "zh-Hans"
    assert page.get_attribute("html", "lang") == lang
    html = path.read_text(encoding="utf-8")
    assert "<script" not in html and "<link" not in html and "@import" not in html
    assert "离线版" not in html and "離線版" not in html  # the bundle's note about offline search does not apply here
    assert page.is_visible("h1") and page.is_visible("#s1-p1")
    # the provenance note in the file's edition, from the page it is made of (the downloads block's, once: issue 21)
    script = "hant" if lang == "zh-Hant" else "hans"
    assert page.inner_text("p.provenance").startswith(words(script)["downloads"]["single_note"] + " http")
    # every glossary term keeps its definition as a tooltip, inline, with no script to fill it in: the site's pages load
    # them when asked (issue 21), and the file holds those of the terms it uses, in its edition
    tips = {e.form(script): f"{e.form(script)}：{e.definition_in(script)}（{e.english}）" for e in glossary()}
    terms = page.eval_on_selector_all("abbr.gloss", "els => els.map(e => [e.textContent, e.title])")
    assert len(terms) > 10 and all(title == tips[text] for text, title in terms), terms
    assert page.evaluate("document.querySelectorAll('.gloss').length === document.querySelectorAll('abbr.gloss').length")
    if "efficacy" in name:
        page.click("#fnref\\:1 a")  # footnotes are in-page links
        assert page.url.endswith("#fn:1") and page.is_visible("#fn\\:1")
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
    for href in hrefs:  # every link is in-page or to the publisher: nothing points at site pages not in the file
        assert href.startswith("#") or href.startswith("http"), href
        if href.startswith("#") and len(href) > 1:
            assert page.evaluate("id => !!document.getElementById(id)", href[1:]), href
    context.close()
    watch.assert_clean()


def test_download_links_show_no_size_the_page_cannot_know(site: Path) -> None:
    """The zip is made from the rendered pages, after MkDocs: a size on the home page was written into it afterwards by
    the packaging, a step editing another's output (issue 20). The home pages name the zip without a size; no page
    shows a size at all (the single files are made when asked: no file, no size)."""
    html = (site / EFFICACY / "index.html").read_text(encoding="utf-8")
    # the single files are made when asked (issue 21): no file on the site, no size to show; without scripts the link
    # saves the page itself under the file's name
    singles = re.findall(r'<a href="([^"]+)" lang="[^"]+" download="([^"]+)">[^<]+</a>', html)
    assert singles == [("./", f"{EFFICACY}.zh-Hans.html"), (f"../zh-Hant/{EFFICACY}/", f"{EFFICACY}.zh-Hant.html")]
    assert [p.name for p in (site / "downloads").iterdir()] == ["zh-policy-reader-offline.zip"]
    for home, href in ((site / "index.html", "downloads/"), (site / "zh-Hant" / "index.html", "../downloads/")):
        text = home.read_text(encoding="utf-8")  # the zip: home pages only
        links = re.findall(r'<a href="([^"]+)" download>([^<]+)</a>([^<]*)</li>', text)
        assert links == [(href + "zh-policy-reader-offline.zip", links[0][1], "")], home  # nothing after the link
        assert not re.search(r"\d (kB|MB)", text) and "⟦" not in text, home
