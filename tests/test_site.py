"""`make site` output: both articles in both editions, none of the source defects in the HTML."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import pytest
from playwright.sync_api import Browser
from playwright.sync_api import Error as PlaywrightError

PREFIX = {"hans": "", "hant": "zh-Hant/"}
SLUGS = ["digital-governance-capacity", "digital-government-efficacy"]


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.ids: set[str] = set()
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        self.ids.update(v for k, v in attrs if k == "id" and v)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def page(site: Path, rel: str) -> _Text:
    parser = _Text()
    parser.feed((site / rel / "index.html").read_text(encoding="utf-8"))
    return parser


@pytest.mark.parametrize("script", ["hans", "hant"])
@pytest.mark.parametrize("slug", SLUGS)
def test_built_pages_have_no_source_defects(site: Path, slug: str, script: str) -> None:
    parsed = page(site, f"{PREFIX[script]}{slug}")
    text = "".join(parsed.parts)
    for bad in ["www.av", "毛片", "論文部分內容閱讀", "论文部分内容阅读", "網站首頁", "网站首页", "(wǎng)", "(shù)",
                "ldquo", "\ufffd", "兑庖姟", "傮w", "互联网 ”", "互聯網 ”"]:
        assert bad not in text, bad
    assert "?" not in "".join(p for p in parsed.parts if any("\u4e00" <= ch <= "\u9fff" for ch in p))
    assert {"s1", "s1-p1"} <= parsed.ids


def test_editions_in_the_right_script(site: Path) -> None:
    hans = "".join(page(site, "digital-government-efficacy").parts)
    hant = "".join(page(site, "zh-Hant/digital-government-efficacy").parts)
    assert "我国数字政府建设效能提升的难点及应对" in hans and "我國數字政府建設效能提升的難點及應對" in hant
    assert "随着公共事务治理" in hans and "隨著公共事務治理" in hant


def test_footnotes_link_both_ways(site: Path) -> None:
    parsed = page(site, "digital-government-efficacy")
    assert {f"fn:{n}" for n in range(1, 7)} <= parsed.ids and {f"fnref:{n}" for n in range(1, 7)} <= parsed.ids


def test_editorial_title_is_marked(site: Path) -> None:
    text = "".join(page(site, "digital-governance-capacity").parts)
    assert "标题为编者所拟" in text and "不详" in text


# The search index: tests/test_search_index.py.


def test_site_nav_lists_pages_not_articles(site: Path) -> None:
    """The sidebar holds the few site pages; articles are found through the lists (home, articles/…)."""
    for rel in [f"{SLUGS[1]}/index.html", "zh-Hant/index.html", "articles/index.html"]:
        html = (site / rel).read_text(encoding="utf-8")
        # up to the page's own headings (overrides/partials/nav.html adds them for a page outside the nav)
        end = min((html.index(m) for m in ("zh-nav-page", "md-nav--secondary") if m in html), default=None)
        primary = html[html.index('md-nav--primary'):end]
        assert primary.count('class="md-nav__link') <= 6, rel
        assert not any(f"{slug}/" in primary for slug in SLUGS), rel
    home = "".join(page(site, "").parts)
    assert all(words in home for words in ["最新文章", "全部文章（2）", "按关键词", "我国数字政府建设效能提升的难点及应对"])
    hant = "".join(page(site, "zh-Hant/articles").parts)
    assert "我國數字政府建設效能提升的難點及應對" in hant and "首頁" in hant


def test_make_serve_serves_the_files_that_are_not_pages(site: Path) -> None:
    """`mkdocs serve` (make serve) renders docs/ alone: the exports, raw files and search index that the build links
    into site/ (build/site-extra/) must be served too, at the same URLs."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--no-livereload", "-a", f"127.0.0.1:{port}"],
                              cwd=site.parent, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        def get(path: str) -> bytes:
            return urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}", timeout=10).read()

        for _ in range(120):
            try:
                get("")
                break
            except OSError:
                time.sleep(0.5)
        for rel in ("cite/digital-government-efficacy.bib", "cite/digital-government-efficacy.ris",
                    "reports/digital-government-efficacy.json", "search/meta.js", "search/t/hant/1/0.js"):  # page 1 of the index: the efficacy article
            assert get(rel) == (site / rel).read_bytes(), rel
        assert "数字政府" in get("digital-government-efficacy/").decode("utf-8")
    finally:
        server.terminate()
        server.wait(timeout=30)


def _other_script(text: str, lang: str) -> list[str]:
    """The runs of Han characters in the other edition's script: for zh-Hant the ones OpenCC s2tw would change
    (simplified-only characters), for zh-Hans the ones t2s would change."""
    from pipeline.core.convert import converter

    convert = converter("s2tw" if lang == "zh-Hant" else "t2s")
    return [run for run in re.findall(r"[\u3400-\u9fff]+", text) if convert.convert(run) != run]


# Words that reach the reader without being written into the page's text: tooltips, labels read aloud, placeholders.
_UI_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")


def test_interface_words_are_in_the_editions_script(site: Path) -> None:
    """Every built page, by its <html lang>: its visible words outside the article, every tooltip and label anywhere
    (the ¶ after a heading is inside), and the words search.js shows (Material's translations in __config) are in the
    page's script. The 繁體 edition showed 找到 1 个, 浅色模式, 本节链接, 頁脚. An edition's name marked with its own
    lang (简体 in the language menu) is its own name. The article's text is the pipeline's (tests/test_pipeline.py);
    it quotes simplified titles on purpose."""
    import lxml.html

    # downloads/: the single-file copies of an article are all article (the pipeline's text and labels, no theme)
    pages = sorted(p for p in site.rglob("*.html") if p.relative_to(site).parts[0] != "downloads")
    checked = {"zh-Hans": 0, "zh-Hant": 0}
    found: list[tuple[str, str]] = []
    for path in pages:
        doc = lxml.html.fromstring(path.read_bytes())
        lang = doc.get("lang", "")
        if lang not in checked:
            continue
        checked[lang] += 1
        for config in doc.xpath("//script[@id='__config']"):
            found += [(f"{path.relative_to(site)} __config {key}", run)
                      for key, value in json.loads(config.text)["translations"].items() for run in _other_script(value, lang)]
        own = f"not(ancestor-or-self::*[@lang and @lang!='{lang}'])"
        texts = doc.xpath(f"//text()[not(ancestor::script or ancestor::style or ancestor::article) and {own}]")
        labels = doc.xpath(f"//*[{own}]/@*[{' or '.join(f'name()={a!r}' for a in _UI_ATTRIBUTES)}]")
        found += [(str(path.relative_to(site)), run) for words in texts + labels for run in _other_script(str(words), lang)]
        # and none in English (the ↩ after a footnote said "Jump back to footnote 1 in the text"); a glossary term's
        # tooltip ends with its English name on purpose
        gloss = "contains(concat(' ', @class, ' '), ' gloss ')"
        found += [(str(path.relative_to(site)), str(words)) for words in doc.xpath(
            f"//*[not({gloss})]/@*[{' or '.join(f'name()={a!r}' for a in _UI_ATTRIBUTES)}]") if re.search("[A-Za-z]{3,}", words)]
    assert checked["zh-Hans"] > 10 and checked["zh-Hant"] > 10, checked
    assert not found, found[:20]


def test_script_words_reach_every_page(site: Path) -> None:
    """The words the scripts write themselves (status messages, the "more results" button) are the words files'
    (corpus/data/words/: reader, search; tests/test_words.py), carried by each page's __config in its edition's words."""
    import lxml.html

    from pipeline.document.words import script_words

    for script, rel in (("hans", "index.html"), ("hant", "zh-Hant/index.html"), ("hant", f"zh-Hant/{SLUGS[1]}/index.html"),
                        ("hans", "404.html")):
        config = lxml.html.fromstring((site / rel).read_bytes()).xpath("//script[@id='__config']")[0]
        translations = json.loads(config.text)["translations"]
        assert {k: translations.get(k) for k in script_words(script)} == script_words(script), rel


def test_make_serve_reloads_the_browser_under_the_csp(site: Path, browser: Browser) -> None:
    """`mkdocs serve` (make serve) injects a live-reload script into each page it serves; our CSP blocked it
    (script-src 'self' 'sha256-…'), so the browser never reloaded, and overrides/ and corpus/ were not watched. Now
    the served page's CSP allows that script by its hash (the built site's does not), and an edit to
    overrides/assets/reader.css, or to a page in corpus/ (the pipeline runs again), reloads the open page."""
    from tests.browser_support import open_context

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    base = f"http://127.0.0.1:{port}/"
    work = site.parent  # the session's fresh copy: what is edited here is put back
    css, about = work / "overrides" / "assets" / "reader.css", work / "corpus" / "pages" / "about.md"
    saved = {path: path.read_bytes() for path in (css, about)}
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{port}"],
                              cwd=work, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    context, watch = open_context(browser, base)
    try:
        for _ in range(120):
            try:
                served = urllib.request.urlopen(f"{base}about/", timeout=10).read().decode("utf-8")
                break
            except OSError:
                time.sleep(0.25)
        csp = re.compile(r'http-equiv="Content-Security-Policy" content="([^"]*)"')
        built = csp.search((site / "about" / "index.html").read_text(encoding="utf-8"))
        live = csp.search(served)
        assert built and live and len(live[1].split("'sha256-")) == len(built[1].split("'sha256-")) + 1
        page = context.new_page()
        with page.expect_console_message(lambda m: "Enabled live reload" in m.text, timeout=10_000):
            page.goto(f"{base}about/")
        with page.expect_navigation(timeout=15_000):  # a theme edit: MkDocs rebuilds, the page reloads itself
            css.write_bytes(saved[css] + b"\nbody { --reload-probe: 1; }\n")
        assert page.evaluate("getComputedStyle(document.body).getPropertyValue('--reload-probe').trim()") == "1"
        with page.expect_navigation(timeout=15_000):  # a corpus edit: the pipeline, then MkDocs
            about.write_bytes(saved[about] + "\n新加的一段：重新加载。\n".encode())
        # The page reloads itself once per rebuild; on a slow machine a reload from the theme edit can still arrive
        # first, so the new text must appear within 30 s with no reload by the test.
        shown = ""
        for _ in range(60):
            try:
                page.wait_for_load_state()
                shown = page.inner_text("article", timeout=2_000)
            except PlaywrightError:  # the page is being replaced by its next reload
                shown = ""
            if "新加的一段：重新加载。" in shown:
                break
            page.wait_for_timeout(500)
        assert "新加的一段：重新加载。" in shown, shown[:200]
        watch.assert_clean()  # no CSP violation, no error
    finally:
        context.close()
        server.terminate()
        server.wait(timeout=30)
        for path, data in saved.items():
            path.write_bytes(data)
        subprocess.run([sys.executable, "-m", "scripts.build_corpus"], cwd=work, env=env, capture_output=True)


def test_theme_icons_are_drawn_by_reader_css_in_the_themes_shapes(site: Path) -> None:
    """Issue 21: the header's icons were inline <svg> on every page (3 kB a page). Now each is an empty <span class="zi
    zi-ICON"> (overrides/partials/icon.html) drawn by one rule of reader.css: every icon a page names has its rule, holding
    the theme's own shape (Material's .icons file, as the templates and mkdocs.yml name it); no inline <svg> is left
    outside the search box (overrides/partials/search.html, search's)."""
    import material

    icons = Path(material.__file__).parent / "templates" / ".icons"
    css = (site / "assets" / "reader.css").read_text(encoding="utf-8")
    rules = dict(re.findall(r"""\.zi-([\w-]+) \{ --zi: url\("data:image/svg\+xml;charset=utf-8,(<svg.*?</svg>)"\); \}""", css))
    used: set[str] = set()
    for rel in ("index.html", "zh-Hant/index.html", f"{SLUGS[0]}/index.html", f"zh-Hant/reports/{SLUGS[1]}/index.html", "404.html"):
        html = (site / rel).read_text(encoding="utf-8")
        search = re.search(r'<div class="md-search".*?</form>', html, re.DOTALL)
        assert search or "/reports/" in rel, rel  # a change report has no search box nor icons (overrides/report.html)
        assert "<svg" not in (html.replace(search.group(), "") if search else html), rel
        used |= set(re.findall(r'<span class="zi zi-([\w-]+)"></span>', html))
    mkdocs_yml = (Path(__file__).resolve().parent.parent / "mkdocs.yml").read_text(encoding="utf-8")
    palette = [icon.replace("/", "-") for icon in re.findall(r"^ +icon: (\S+)", mkdocs_yml, re.MULTILINE)]  # the toggles'
    assert len(palette) == 3
    assert {"material-menu", "material-library", "material-translate", "material-magnify", *palette} <= used
    for name in used:
        shape = (icons / (name.replace("-", "/", 1) + ".svg")).read_text(encoding="utf-8").strip().replace('"', "'")
        assert rules.get(name) == shape, name


def test_theme_configuration_and_palette_script_are_not_inlined_as_dead_weight(site: Path) -> None:
    """Issue 21: Material's __config held its search worker's path (its search is not installed) and every word as
    \\uXXXX (six bytes for three); the palette script (0.9 kB) was inline in every page. Now the JSON is UTF-8 with what
    the scripts read, the palette script is a file loaded at the same place (still before the page is drawn), and the
    script that opens a content tab named by the URL is gone (the site has none); the theme's unused files are not copied."""
    import lxml.html

    for rel in (f"{SLUGS[0]}/index.html", f"zh-Hant/{SLUGS[0]}/index.html"):
        doc = lxml.html.fromstring((site / rel).read_bytes())
        [config] = doc.xpath("//script[@id='__config']")
        assert "\\u" not in config.text and set(json.loads(config.text)) == {"base", "features", "translations"}
        assert "search.result.none" in json.loads(config.text)["translations"]  # search.js's words
        [palette] = doc.xpath("//header//script[contains(@src, 'assets/palette.js')]")
        assert palette.getprevious().get("data-md-component") == "palette"  # right after the toggles, as Material has it
        # no script inline in the body (the palette's is a file; the content tabs' one is gone: the site has no tabs)
        assert not doc.xpath("//body//script[not(@src) and not(@type)]"), rel
    assert "__md_get(\"__palette\")" in (site / "assets" / "palette.js").read_text(encoding="utf-8")
    # nor the theme's files no page loads: Material's search (lunr, its worker) and source maps (2.3 MB of 2.6)
    assets = [p.relative_to(site).as_posix() for p in (site / "assets").rglob("*") if p.is_file()]
    assert [a for a in assets if re.fullmatch(r"assets/javascripts/bundle\.\w+\.min\.js", a)], assets
    assert not [a for a in assets if "/lunr/" in a or "/workers/" in a or a.endswith(".map")], assets
