"""The site as deployed on a GitHub Pages project site (SITE_URL with a path, served under that path) and its offline
copy opened from disk: a crawler follows every same-site href/src of every page and every edition switch, and each
must reach an existing page (a file, from disk: a directory opens as a listing), of the right edition. And what
crawlers and feed readers read of that build: the one sitemap (lastmod, hreflang), robots.txt, the feeds (feedparser),
each page head's hreflang and feed links. The build with a SITE_URL is the suite's one extra build (conftest.py)."""

from __future__ import annotations

import functools
import re
import threading
import urllib.error
import urllib.request
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.server import ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from playwright.sync_api import Browser

from .browser_support import Served, _Quiet, open_context
from .conftest import SITE_URL_WITH_PATH

PREFIX = urlsplit(SITE_URL_WITH_PATH).path  # /reader/
LOCALES = ("zh-Hans", "zh-Hant")


@dataclass
class Parsed:
    lang: str = ""
    ids: set[str] = field(default_factory=set)
    refs: list[str] = field(default_factory=list)  # every same-page or relative URL a reader's browser would follow or load
    switch: dict[str, str] = field(default_factory=dict)  # the edition switch: hreflang -> href
    alternates: list[dict[str, str]] = field(default_factory=list)  # <link rel="alternate">: hreflang editions, feeds


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.out = Parsed()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.out.lang = a.get("lang", "")
        if "id" in a:
            self.out.ids.add(a["id"])
        if tag == "a" and "name" in a:
            self.out.ids.add(a["name"])
        for key in ("href", "src"):
            if a.get(key) and tag in ("a", "link", "script", "img", "iframe", "source"):
                self.out.refs.append(a[key])
        if tag == "link" and a.get("rel", "").split() == ["alternate"]:
            self.out.alternates.append(a)
        # the theme's language menu; on a change report, its own switch (overrides/report.html)
        if tag == "a" and {"md-select__link", "zh-edition"} & set(a.get("class", "").split()) and a.get("hreflang"):
            self.out.switch[a["hreflang"]] = a["href"]


def parse(html: str) -> Parsed:
    parser = _Parser()
    parser.feed(html)
    return parser.out


def edition_path(path: str) -> tuple[str, str]:
    """A page's (edition, path under its edition root) from its path under the site root: `zh-Hant/a/` -> (zh-Hant, a/)."""
    path = path.removesuffix("index.html")
    if path.startswith("zh-Hant/") or path == "zh-Hant":
        return "zh-Hant", path.removeprefix("zh-Hant").lstrip("/")
    return "zh-Hans", path


# served under the site's path --------------------------------------------------------------------------------------

class _UnderPath(_Quiet):
    """The built site at PREFIX only, and its 404.html for anything missing, as GitHub Pages serves a project site."""

    def send_head(self):  # type: ignore[no-untyped-def]
        if not self.path.startswith(PREFIX):
            self.send_error(404)
            return None
        self.path = "/" + self.path[len(PREFIX):]
        return super().send_head()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@pytest.fixture(scope="module")
def served_at_path(site_at_path: Path) -> Iterator[Served]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_UnderPath, directory=str(site_at_path)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield Served(site_at_path, f"http://127.0.0.1:{server.server_address[1]}{PREFIX}")
    server.shutdown()


def fetch(url: str) -> tuple[int, str, str]:
    """(status, final URL after redirects, body as text if HTML)."""
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            body = r.read()
            html = body.decode("utf-8") if "html" in r.headers.get("Content-Type", "") else ""
            return r.status, r.url, html
    except urllib.error.HTTPError as e:
        return e.code, url, e.read().decode("utf-8", "replace")


def crawl_http(base: str, seeds: list[str], missing: str) -> tuple[list[str], dict[str, Parsed]]:
    """Fetch every seed and every same-site URL any fetched page refers to; (what is broken, the pages by URL).
    `missing` is a seed that must answer 404 with the site's 404 page, whose links are followed too."""
    origin = base[: base.index(PREFIX)]
    todo, seen, broken = [*seeds, missing], {*seeds, missing}, []
    pages: dict[str, Parsed] = {}
    wanted_ids: list[tuple[str, str, str]] = []
    while todo:
        url = todo.pop()
        status, final, html = fetch(url)
        if status != (404 if url == missing else 200):
            broken.append(f"{url}: HTTP {status}")
            continue
        if not html:
            continue
        pages[url] = page = parse(html)
        for ref in page.refs:
            target = urljoin(final, ref)
            parts = urlsplit(target)
            if parts.scheme not in ("http", "https") or f"{parts.scheme}://{parts.netloc}" != origin:
                continue  # leaves the site: the publisher's page, not ours to check
            if not parts.path.startswith(PREFIX):
                broken.append(f"{url}: {ref} -> {parts.path} (outside the site's path)")
                continue
            bare = target.split("#")[0]
            if parts.fragment:
                wanted_ids.append((url, ref, bare))
            if bare not in seen:
                seen.add(bare)
                todo.append(bare)
    for url, ref, bare in wanted_ids:
        if bare in pages and unquote(urlsplit(ref).fragment) not in pages[bare].ids:
            broken.append(f"{url}: {ref} (no such anchor)")
    return broken, pages


def test_every_link_resolves_on_a_site_served_under_its_path(served_at_path: Served) -> None:
    base, root = served_at_path.base, served_at_path.root
    html_files = sorted(p.relative_to(root).as_posix() for p in root.rglob("*.html") if p.name != "404.html")
    kinds = {"index.html", "zh-Hant/index.html", "articles/index.html", "glossary/index.html", "about/index.html",
             "digital-government-efficacy/index.html", "reports/digital-government-efficacy/index.html",
             "articles/years/index.html", "zh-Hant/reports/digital-governance-capacity/index.html"}
    assert kinds <= set(html_files)
    seeds = [base + rel.removesuffix("index.html") for rel in html_files]
    missing = base + "articles/years/no-such-page/"  # 404.html, served for a missing URL two levels down
    broken, pages = crawl_http(base, seeds, missing)
    assert not broken, "\n".join(broken[:30])
    assert len(pages) >= len(seeds) + 1
    for url, page in pages.items():  # every edition switch: to the same page in the edition it names
        here = urlsplit(url).path[len(PREFIX):]
        if here.startswith("downloads/"):
            continue  # the single-file articles: no site around them
        assert set(page.switch) == set(LOCALES), url
        for lang, href in page.switch.items():
            target = urljoin(url, href)
            assert target in pages and pages[target].lang == lang, (url, lang, href)
            if url != missing:
                assert edition_path(urlsplit(target).path[len(PREFIX):])[1] == edition_path(here)[1], (url, lang, href)


# the offline copy, from disk ---------------------------------------------------------------------------------------

def crawl_disk(root: Path, switch: bool = True) -> list[str]:
    """Every relative href/src of every page must name an existing file: from file:// a directory is a listing.
    With `switch`, every page has an edition switch to the same page in each edition."""
    broken = []
    pages = {p: parse(p.read_text(encoding="utf-8")) for p in root.rglob("*.html")}
    for path, page in pages.items():
        rel = path.relative_to(root).as_posix()
        for ref in page.refs:
            parts = urlsplit(ref)
            if parts.scheme or parts.netloc:
                continue
            if parts.path.startswith("/"):
                broken.append(f"{rel}: {ref} (root-relative: the file system's root)")
                continue
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            if not target.is_file() or root.resolve() not in target.parents:
                broken.append(f"{rel}: {ref} ({'a directory' if target.is_dir() else 'no such file'})")
            elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in pages[target].ids:
                broken.append(f"{rel}: {ref} (no such anchor)")
        if not switch:
            continue
        assert set(page.switch) == set(LOCALES), rel
        for lang, href in page.switch.items():
            target = (path.parent / href).resolve()
            if target.is_file():
                assert pages[target].lang == lang, (rel, lang, href)
                assert edition_path(target.relative_to(root.resolve()).as_posix())[1] == edition_path(rel)[1], (rel, lang, href)
    return broken


@pytest.fixture(scope="module", params=["site", "site_at_path"])
def unpacked_zip(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    site: Path = request.getfixturevalue(request.param)
    dest = tmp_path_factory.mktemp(f"unzipped-{request.param}")
    with zipfile.ZipFile(site / "downloads" / "zh-policy-reader-offline.zip") as z:
        z.extractall(dest)
    return dest / "zh-policy-reader"


def test_every_link_of_the_offline_copy_opens_a_file(unpacked_zip: Path) -> None:
    assert len(list(unpacked_zip.rglob("*.html"))) >= 20
    broken = crawl_disk(unpacked_zip)
    assert not broken, "\n".join(broken[:30])


def test_crawlers_catch_a_directory_link_and_a_wrong_edition(tmp_path: Path) -> None:
    switch = '<a class="md-select__link" hreflang="zh-Hans" href="{}"></a><a class="md-select__link" hreflang="zh-Hant" href="{}"></a>'
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "index.html").write_text('<html lang="zh-Hans">' + switch.format("index.html", "index.html"))
    (tmp_path / "a" / "b" / "index.html").write_text('<html lang="zh-Hans"><a href="../..">home</a>' + switch.format("index.html", "index.html"))
    with pytest.raises(AssertionError):  # the 繁體 switch leads to a 简体 page
        crawl_disk(tmp_path)
    (tmp_path / "index.html").write_text('<html lang="zh-Hans"><a href="a/b/">b</a>')
    (tmp_path / "a" / "b" / "index.html").write_text('<html lang="zh-Hans"><a href="../..">home</a>')
    assert sorted(crawl_disk(tmp_path, switch=False)) == ["a/b/index.html: ../.. (a directory)", "index.html: a/b/ (a directory)"]


# in Chromium: the edition switch and the logo, as a reader clicks them --------------------------------------------

def test_edition_switch_on_home_pages_under_the_sites_path(browser: Browser, served_at_path: Served) -> None:
    base = served_at_path.base
    context, watch = open_context(browser, base, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    sitemaps: list[str] = []  # Material's bundle fetches sitemap.xml next to each <link rel="alternate"> it sees
    page.on("request", lambda r: sitemaps.append(r.url) if "sitemap" in r.url else None)
    for start, lang, end in (("", "zh-Hant", "zh-Hant/"), ("zh-Hant/", "zh-Hans", ""), ("articles/years/", "zh-Hant", "zh-Hant/articles/years/")):
        page.goto(base + start)
        page.click(".md-header__option .md-select button")
        page.click(f"a.md-select__link[hreflang='{lang}']")
        page.wait_for_url(base + end)
        assert page.get_attribute("html", "lang") == lang
        page.wait_for_load_state("load")
        hreflangs = page.eval_on_selector_all("head link[rel=alternate][hreflang]", "els => els.map(e => e.hreflang)")
        assert sorted(hreflangs) == ["x-default", "zh-Hans", "zh-Hant"]  # there for crawlers, once Material has looked
    assert not sitemaps, sitemaps
    context.close()
    watch.assert_clean()


def test_logo_two_levels_down_opens_the_home_page_from_disk(browser: Browser, site: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(site / "downloads" / "zh-policy-reader-offline.zip") as z:
        z.extractall(tmp_path)
    root = (tmp_path / "zh-policy-reader").as_uri() + "/"
    context, watch = open_context(browser, root, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    for start, home in (("articles/years/index.html", "index.html"), ("zh-Hant/articles/years/index.html", "zh-Hant/index.html")):
        page.goto(root + start)
        page.click("a.md-logo")
        page.wait_for_url(root + home)
        assert page.get_attribute("html", "lang") == ("zh-Hant" if home.startswith("zh-Hant") else "zh-Hans")
    context.close()
    watch.assert_clean()


# crawlers and feed readers -----------------------------------------------------------------------------------------

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML_LINK = "{http://www.w3.org/1999/xhtml}link"


def test_one_sitemap_with_lastmod_and_hreflang_for_every_page(site_at_path: Path) -> None:
    from xml.etree import ElementTree as ET

    assert not (site_at_path / "sitemap.xml.gz").exists()  # MkDocs' own, which disagreed with ours, is not written
    urls = ET.parse(site_at_path / "sitemap.xml").getroot().findall(f"{SM}url")
    listed = {}
    for url in urls:
        loc = url.findtext(f"{SM}loc") or ""
        assert loc.startswith(SITE_URL_WITH_PATH) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", url.findtext(f"{SM}lastmod") or ""), loc
        alternates = {link.get("hreflang"): link.get("href") for link in url.findall(XHTML_LINK) if link.get("rel") == "alternate"}
        assert set(alternates) == {"zh-Hans", "zh-Hant", "x-default"} and loc in alternates.values(), loc
        assert alternates["x-default"] == alternates["zh-Hans"]
        listed[loc] = alternates
    for alternates in listed.values():  # alternates point both ways
        assert all(href in listed for lang, href in alternates.items())
    pages = {p.relative_to(site_at_path).as_posix().removesuffix("index.html") for p in site_at_path.rglob("index.html")}
    assert {SITE_URL_WITH_PATH + p for p in pages} == set(listed)  # every page, and only pages that exist


def test_robots_txt_points_to_the_sitemap(site_at_path: Path, site: Path) -> None:
    lines = (site_at_path / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert "User-agent: *" in lines and f"Sitemap: {SITE_URL_WITH_PATH}sitemap.xml" in lines
    assert not any(line.startswith("Sitemap:") for line in (site / "robots.txt").read_text(encoding="utf-8").splitlines())
    assert not (site / "sitemap.xml").exists()  # no SITE_URL, no absolute URLs: no sitemap at all


@pytest.mark.parametrize("prefix", ["", "zh-Hant/"])
def test_feeds_parse_and_their_dates_agree(site_at_path: Path, prefix: str) -> None:
    import feedparser

    feed = feedparser.parse((site_at_path / prefix / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.language == ("zh-Hant" if prefix else "zh-Hans") and feed.feed.link == SITE_URL_WITH_PATH + prefix
    assert len(feed.entries) == 2
    for entry in feed.entries:
        assert entry.link.startswith(SITE_URL_WITH_PATH + prefix)
        assert feed.feed.updated_parsed >= entry.updated_parsed, entry.link  # the feed is never older than an entry
        if "published_parsed" in entry:
            assert entry.updated_parsed == entry.published_parsed


def test_an_undated_entry_never_postdates_its_feed() -> None:
    import feedparser

    from pipeline.publish.feeds import atom_feed
    from pipeline.publish.listing import Entry

    dated = Entry("a", "甲", "2023-07-18", None, (), (), "", False)
    undated = Entry("b", "乙", None, None, (), (), "", True)
    xml = atom_feed([dated, undated], "hans", SITE_URL_WITH_PATH, 1764028800)  # the commit's time: 2025-11-25
    assert xml == atom_feed([dated, undated], "hans", SITE_URL_WITH_PATH, 1764028800)  # deterministic
    feed = feedparser.parse(xml)
    assert not feed.bozo
    assert feed.feed.updated == "2025-11-25T00:00:00Z" == max(e.updated for e in feed.entries)
    assert {e.link.rsplit("/", 2)[-2]: e.updated for e in feed.entries} == {"a": "2023-07-18T00:00:00Z", "b": "2025-11-25T00:00:00Z"}
    month = feedparser.parse(atom_feed([Entry("m", "丙", "2022-03", None, (), (), "", False)], "hans", SITE_URL_WITH_PATH, 0))
    assert not month.bozo and month.entries[0].updated == "2022-03-01T00:00:00Z"  # was "2022-03T00:00:00Z", not a time


def _head_alternates_resolve(pages: dict[str, Parsed], to_local) -> None:  # type: ignore[no-untyped-def]
    """Each page's hreflang links name the same page in each edition, x-default the simplified one; its feed link,
    if any, the feed of its own edition."""
    for rel, page in pages.items():
        langs = {a["hreflang"]: a["href"] for a in page.alternates if a.get("hreflang")}
        assert set(langs) == {"zh-Hans", "zh-Hant", "x-default"}, rel
        assert langs["x-default"] == langs["zh-Hans"]
        for lang in LOCALES:
            target = to_local(rel, langs[lang])
            assert target in pages and pages[target].lang == lang, (rel, lang, langs[lang])
            assert edition_path(target)[1] == edition_path(rel)[1], (rel, lang, langs[lang])
        for feed in (a for a in page.alternates if a.get("type") == "application/atom+xml"):
            assert to_local(rel, feed["href"]) == ("zh-Hant/feed.xml" if page.lang == "zh-Hant" else "feed.xml"), rel


def test_every_page_head_links_its_editions_and_feed(site_at_path: Path, site: Path) -> None:
    """hreflang for both editions and x-default in every page's head: absolute with a SITE_URL (as crawlers want),
    relative without; the edition's Atom feed for discovery when there is one; none in the offline copy."""
    for root, absolute in ((site_at_path, True), (site, False)):
        pages = {p.relative_to(root).as_posix(): parse(p.read_text(encoding="utf-8")) for p in root.rglob("index.html")}

        def to_local(rel: str, href: str, root: Path = root, absolute: bool = absolute) -> str:
            if absolute:
                assert href.startswith(SITE_URL_WITH_PATH), href
                path = href[len(SITE_URL_WITH_PATH):]
            else:
                assert "://" not in href, href
                path = (root / rel).parent.joinpath(href).resolve().relative_to(root.resolve()).as_posix()
                path = "" if path == "." else path + ("/" if (root / path).is_dir() else "")
            if path.endswith(".xml"):
                assert (root / path).is_file(), href
                return path
            return path + "index.html"

        _head_alternates_resolve(pages, to_local)
        feeds = [a for page in pages.values() for a in page.alternates if a.get("type")]
        assert len(feeds) == (len(pages) if absolute else 0)  # feeds exist only with a SITE_URL
    offline = site.parent / "build" / "offline" / "site"
    assert not any(parse(p.read_text(encoding="utf-8")).alternates for p in offline.rglob("*.html"))


def test_nu_html_checker_finds_no_error_of_ours_in_the_deployed_build(site_at_path: Path) -> None:
    """The pages as deployed: heads with absolute hreflang alternates and feed links, absolute URLs in the citations
    (tests/test_a11y.py checks the build without a SITE_URL and its offline copy)."""
    from .test_a11y import nu_errors_of_ours

    pages = sorted(site_at_path.rglob("*.html"))
    assert len(pages) >= 29
    errors = nu_errors_of_ours(pages)
    assert not errors, "\n".join(errors)
