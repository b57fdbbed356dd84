"""A collection of 30 articles (the two real ones and 28 synthetic), built once as `make site` builds it, with a
site URL: pages whose weight does not depend on the collection, the lists readers find articles through,
previous/next, breadcrumbs, Atom feeds and sitemap, and rebuilds that redo only what changed."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit
from xml.etree import ElementTree as ET

import pytest

from benchmarks.synthetic import add_article, write_collection
from pipeline.publish.listing import INLINE, PER_PAGE, Entry, listing_pages
from pipeline.publish.search_index import index_pages
from scripts.fresh_copy import fresh_copy

N = 30
SITE_URL = "https://reader.example.org/zh-reader/"
EFFICACY = "digital-government-efficacy"
ATOM = "{http://www.w3.org/2005/Atom}"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def build(repo: Path) -> str:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": SITE_URL}
    done = subprocess.run([sys.executable, "-m", "scripts.build_site"], cwd=repo, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-4000:]
    return done.stdout


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = fresh_copy(tmp_path_factory.mktemp("scale"))
    write_collection(work, N)
    build(work)
    return work


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.in_class: dict[str, list[str]] = {}
        self._open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "nav":
            self._open.append(a.get("class") or "")
        if tag == "a" and a.get("href"):
            self.hrefs.append(str(a["href"]))
            for cls in self._open:
                self.in_class.setdefault(cls, []).append(str(a["href"]))

    def handle_endtag(self, tag: str) -> None:
        if tag == "nav" and self._open:
            self._open.pop()


def links(path: Path) -> Links:
    parser = Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def target(page: Path, href: str) -> Path:
    """The file a relative link of a site page opens (directory URLs -> index.html)."""
    path = unquote(urlsplit(href).path)
    resolved = (page.parent / path).resolve()
    return resolved / "index.html" if href.split("#")[0].endswith("/") or resolved.is_dir() else resolved


def articles_in(site: Path) -> list[str]:
    return sorted(p.parent.name for p in site.glob("*/index.html") if (site / "zh-Hant" / p.parent.name).is_dir()
                  and p.parent.name.startswith(("s0", "digital-")))


def test_article_pages_do_not_list_the_collection(repo: Path, site: Path) -> None:
    """An article page is as heavy with 30 articles as with 2 (the default build), and links to few articles."""
    big = (repo / "site" / EFFICACY / "index.html").stat().st_size
    small = (site / EFFICACY / "index.html").stat().st_size
    assert abs(big - small) / small < 0.10, (big, small)
    slugs = set(articles_in(repo / "site"))
    assert len(slugs) == N
    for slug in ["s0003", EFFICACY]:
        page = repo / "site" / slug / "index.html"
        linked = {target(page, h).parent.name for h in links(page).hrefs if not h.startswith(("#", "http"))} & slugs
        assert len(linked - {slug}) <= 2, linked  # previous and next only


def test_index_is_paged_newest_first_and_every_list_links_right(repo: Path) -> None:
    site = repo / "site"
    index = site / "articles" / "index.html"
    listed = [target(index, h).parent.name for h in links(index).hrefs if re.search(r"\.\./(s\d{4}|digital-[a-z-]+)/$", h)]
    assert sorted(listed) == articles_in(site)  # N < PER_PAGE: one page holds them all
    for facet in ["years", "venues", "authors", "keywords"]:
        directory = site / "articles" / facet / "index.html"
        pages = [target(directory, h) for h in links(directory).hrefs if re.match(r"^[a-z0-9-]+/$", h)]
        # a name with one article links straight to it (issue 21: no page of its own)
        alone = [target(directory, h) for h in links(directory).hrefs if re.match(r"^\.\./\.\./[a-z0-9-]+/$", h)]
        assert pages or alone, facet
        assert all(page.is_file() and page.parent.parent == site for page in alone), alone
        for page in pages:
            assert page.is_file(), page
            hrefs = links(page).hrefs
            assert all(target(page, h).is_file() for h in hrefs if not h.startswith(("#", "http", "mailto"))), page
    year = site / "articles" / "years" / "2023" / "index.html"
    assert any(h.endswith(f"{EFFICACY}/") for h in links(year).hrefs)
    venue = next((site / "zh-Hant" / "articles" / "venues").glob("ren-min-lun-tan*/index.html"))
    assert "人民論壇網·國家治理網" in venue.read_text(encoding="utf-8")  # the edition's script, the shared URL


def test_listing_pages_split_at_per_page() -> None:
    entries = [Entry(f"a{i:03d}", f"标题{i}", f"2020-01-{i % 28 + 1:02d}", "电子政务", ("王伟",), ("数字政府",), "摘要。", False)
               for i in range(2 * PER_PAGE + 7)]
    slugs = {"years": {"2020": "2020"}, "venues": {"电子政务": "dian-zi-zheng-wu"}, "authors": {"王伟": "wang-wei"},
             "keywords": {"数字政府": "shu-zi-zheng-fu"}}
    pages = listing_pages(entries, "hans", slugs)
    first, third = pages["articles/index.md"], pages["articles/3.md"]
    assert first.count("\n- [") == PER_PAGE and third.count("\n- [") == 7
    assert "](2.md)" in first and "第 1 / 3 页" in first and "](2.md)" in third  # older / newer
    assert pages["articles/venues/dian-zi-zheng-wu/2.md"].count("\n- [") == PER_PAGE


def test_a_name_with_few_articles_is_listed_in_the_directory() -> None:
    """No page of its own for an author (keyword, venue) with INLINE articles or fewer: the directory lists them, each
    title linking its article (issue 21); a name with more has its page, linked with its count."""
    many = INLINE + 1
    entries = [Entry(f"a{i}", f"标题{i}", f"202{i % 2}-01-01", "电子政务", ("王伟", "李娜") if i == 0 else ("王伟",),
                     ("数字政府",), "摘要。", False) for i in range(many)]
    slugs = {"years": {"2020": "2020", "2021": "2021"}, "venues": {"电子政务": "dian-zi-zheng-wu"},
             "authors": {"王伟": "wang-wei", "李娜": "li-na"}, "keywords": {"数字政府": "shu-zi-zheng-fu"}}
    pages = listing_pages(entries, "hans", slugs)
    assert "articles/authors/wang-wei/index.md" in pages and "articles/authors/li-na/index.md" not in pages
    assert "- 李娜：[标题0](../../a0.md)" in pages["articles/authors/index.md"]
    assert f"- [王伟](wang-wei/index.md) ({many})" in pages["articles/authors/index.md"]
    assert {"articles/years/2020/index.md", "articles/years/2021/index.md"} <= set(pages)  # the breadcrumbs link every year
    few = listing_pages(entries[:INLINE], "hans", slugs)
    assert "articles/authors/wang-wei/index.md" not in few
    line = next(x for x in few["articles/authors/index.md"].splitlines() if x.startswith("- 王伟"))
    assert line == "- 王伟：" + " · ".join(f"[标题{i}](../../a{i}.md)" for i in (1, 0, 2))  # newest first, then by slug


def test_previous_next_walks_the_whole_index(repo: Path) -> None:
    site = repo / "site"
    index = site / "articles" / "index.html"
    order = [target(index, h).parent.name for h in links(index).hrefs if re.search(r"\.\./(s\d{4}|digital-[a-z-]+)/$", h)]
    walked, page = [order[0]], site / order[0] / "index.html"
    while True:
        nav = links(page).in_class.get("prev-next", [])
        assert len(nav) <= 2
        nxt = [h for h in nav if target(page, h).parent.name not in walked]
        if not nxt:
            break
        page = target(page, nxt[-1])
        walked.append(page.parent.name)
    assert walked == order
    crumbs = links(site / order[5] / "index.html").in_class["crumbs"]  # first pages only: stable when articles are added
    trail = [target(site / order[5] / "index.html", h).relative_to(site).as_posix() for h in crumbs]
    assert trail[:2] == ["index.html", "articles/index.html"] and re.fullmatch(r"articles/years/\d{4}/index\.html", trail[2]), trail


def test_atom_feeds_parse_with_absolute_urls(repo: Path) -> None:
    for prefix, title in [("", "中国政策文章双语阅读"), ("zh-Hant/", "中國政策文章雙語閱讀")]:
        feed = ET.parse(repo / "site" / prefix / "feed.xml").getroot()
        assert feed.tag == f"{ATOM}feed" and feed.findtext(f"{ATOM}title") == title
        assert feed.findtext(f"{ATOM}id") == f"{SITE_URL}{prefix}feed.xml" and feed.find(f"{ATOM}author/{ATOM}name") is not None
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", feed.findtext(f"{ATOM}updated") or "")
        entries = feed.findall(f"{ATOM}entry")
        assert 0 < len(entries) <= N
        dates = [e.findtext(f"{ATOM}published") for e in entries if e.find(f"{ATOM}published") is not None]
        assert dates == sorted(dates, reverse=True)
        for e in entries:
            url = e.findtext(f"{ATOM}id") or ""
            assert url.startswith(SITE_URL + prefix) and e.findtext(f"{ATOM}title") and e.findtext(f"{ATOM}updated")
            assert e.find(f"{ATOM}link").get("href") == url  # type: ignore[union-attr]
            assert (repo / "site" / unquote(url[len(SITE_URL):]) / "index.html").is_file(), url
    home = (repo / "site" / "index.html").read_text(encoding="utf-8")
    assert 'href="feed.xml"' in home


def test_sitemap_lists_every_page_of_both_editions(repo: Path) -> None:
    root = ET.parse(repo / "site" / "sitemap.xml").getroot()
    locs = [u.findtext(f"{SM}loc") or "" for u in root.findall(f"{SM}url")]
    assert root.tag == f"{SM}urlset" and len(locs) == len(set(locs))
    for loc in locs:
        assert loc.startswith(SITE_URL), loc
        assert (repo / "site" / unquote(loc[len(SITE_URL):]) / "index.html").is_file(), loc
    for slug in articles_in(repo / "site"):
        assert urljoin(SITE_URL, f"{slug}/") in locs and urljoin(SITE_URL, f"zh-Hant/{slug}/") in locs


def test_an_article_whose_cached_work_is_gone_is_made_again(repo: Path) -> None:
    """The build reads every article's small Head first and its whole Unit only when writing its pages: a Unit gone
    from the cache (pruned, unreadable) is processed again, and the pages come out the same."""
    before = {p: p.read_bytes() for folder in ("docs", "build/site-extra") for p in (repo / folder).rglob("*") if p.is_file()}
    units = sorted(p for p in (repo / "build" / "cache" / "articles").glob("*.pickle") if not p.stem.endswith("-head"))
    units[3].unlink()
    env = {**os.environ, "SITE_URL": SITE_URL}
    done = subprocess.run([sys.executable, "-m", "scripts.build_corpus"], cwd=repo, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-4000:]
    assert f"cache: {N} of {N} articles unchanged" in done.stdout and units[3].is_file()
    assert {p: p.read_bytes() for folder in ("docs", "build/site-extra") for p in (repo / folder).rglob("*") if p.is_file()} == before


def _search_times(repo: Path) -> dict[Path, int]:
    return {p: p.stat().st_mtime_ns for p in (repo / "build").glob("site-*/search/**/*.js")}


def _added_article_is_searchable(repo: Path, text: Path, index_times: dict[Path, int]) -> None:
    """After a dirty build that added s0900: another article's search text left alone, the index copied offline."""
    site = repo / "site"
    assert text.stat().st_mtime_ns == index_times[text]  # another article's search text is left alone
    meta = (site / "search" / "meta.js").read_text(encoding="utf-8")
    added = [slug for slug, _, _ in index_pages(site / "search", "hans")].index("s0900")  # copied by the dirty build
    assert [slug for slug, _, _ in index_pages(repo / "build" / "offline" / "site" / "search", "hant")][added] == "s0900"
    assert (repo / "build" / "offline" / "site" / "search" / "meta.js").read_text(encoding="utf-8") == meta


def _added_article_is_published(repo: Path) -> None:
    """s0900's pages in both editions and offline, its nav whole, its downloads linked, the list naming it."""
    site = repo / "site"
    assert (site / "s0900" / "index.html").is_file() and (site / "zh-Hant" / "s0900" / "index.html").is_file()
    for page, words in ((site / "s0900" / "index.html", ("全部文章", "术语表", "关于本站")), (site / "zh-Hant" / "index.html", ("全部文章", "術語表"))):
        nav = page.read_text(encoding="utf-8")  # a page the dirty build rendered: it names the nav's pages it did not read
        assert not re.search(r">\s*None\s*<", nav) and all(w in nav for w in words), page
    assert (repo / "build" / "offline" / "site" / "s0900" / "index.html").is_file()
    # its single-file downloads are made in the reader's browser from its page (issue 21): the page links them
    assert 'download="s0900.zh-Hant.html"' in (site / "s0900" / "index.html").read_text(encoding="utf-8")
    index = site / "articles" / "index.html"
    assert any(h.endswith("s0900/") for h in links(index).hrefs)


def test_rebuild_reuses_cache_and_renders_only_what_changed(repo: Path) -> None:
    """Run last: it adds an article. Unchanged articles come from the cache and keep their rendered pages."""
    site = repo / "site"
    untouched = site / "s0010" / "index.html"
    before = untouched.stat().st_mtime_ns
    index_times = _search_times(repo)
    out = build(repo)
    assert f"cache: {N} of {N} articles unchanged" in out and "mkdocs: only changed pages (--dirty)" in out
    assert untouched.stat().st_mtime_ns == before
    assert _search_times(repo) == index_times  # nothing changed: index untouched
    number = [slug for slug, _, _ in index_pages(site / "search", "hant")].index("s0010")  # texts are named by page number
    text = repo / "build" / "site-extra" / "search" / "t" / str(number) / "0.js"
    add_article(repo, 900)
    out = build(repo)
    assert f"cache: {N} of {N + 1} articles unchanged" in out and "mkdocs: only changed pages (--dirty)" in out
    _added_article_is_searchable(repo, text, index_times)
    _added_article_is_published(repo)
    neighbours = [target(site / "s0900" / "index.html", h).parent.name for h in links(site / "s0900" / "index.html").in_class["prev-next"]]
    if "s0010" not in neighbours:
        assert untouched.stat().st_mtime_ns == before  # MkDocs did not render it again (--dirty)
    assert "⟦size:" not in untouched.read_text(encoding="utf-8")


def test_a_failed_dirty_build_leaves_every_live_file_as_it_was(repo: Path) -> None:
    """Run after the rebuild test. A --dirty build is staged in hard links to the live files (scripts/build_site.py);
    here it fails late, after MkDocs rendered the new pages and the packaging rewrote article pages and single
    files: had any writer written into a shared file, the live site would have changed with it."""
    site = repo / "site"
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in site.rglob("*") if p.is_file()}
    add_article(repo, 901)
    meta = repo / "corpus" / "articles" / "s0010.yaml"
    meta.write_text(re.sub(r"(?m)^column: .*$", "column: 修订专栏", meta.read_text(encoding="utf-8")), encoding="utf-8")
    blocker = repo / "build" / "downloads" / ".zh-policy-reader-offline.zip.tmp"  # where the zip is written: the last step fails
    blocker.mkdir()
    try:
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": SITE_URL}
        done = subprocess.run([sys.executable, "-m", "scripts.build_site"], cwd=repo, env=env, capture_output=True, text=True)
    finally:
        blocker.rmdir()
    assert done.returncode != 0 and "mkdocs: only changed pages (--dirty)" in done.stdout
    assert "step mkdocs:" in done.stdout and "error: " in done.stderr  # MkDocs ran and succeeded; the packaging failed
    assert {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in site.rglob("*") if p.is_file()} == before
    assert not (repo / ".site.next").exists()
    out = build(repo)  # and the next build publishes it all
    assert "修订专栏" in (site / "s0010" / "index.html").read_text(encoding="utf-8")
    assert (site / "s0901" / "index.html").is_file()
    assert f"cache: {N + 2} of {N + 2} articles unchanged" in out  # the failed build's articles were kept


def test_a_dirty_rebuild_makes_the_same_site_as_a_full_build(repo: Path) -> None:
    """Run last: the site as the rebuilds above left it (each rendered only what changed) is byte for byte the
    site a full build makes. (A --dirty build once named the nav's unread pages "None", and 404.html's language
    links followed whichever page was rendered last.)"""
    site = repo / "site"
    dirty = {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": SITE_URL}
    done = subprocess.run([sys.executable, "-m", "scripts.build_site", "--full"], cwd=repo, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-4000:]
    full = {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert sorted(dirty) == sorted(full)
    assert [rel for rel in full if full[rel] != dirty[rel]] == []


def test_list_links_are_what_relpath_gives() -> None:
    from itertools import product
    from posixpath import relpath

    from pipeline.publish.listing import link

    paths = ["index.md", "s1.md", "articles/index.md", "articles/2.md", "articles/years/2024/index.md", "articles/years/2024/3.md",
             "articles/years/index.md", "articles/venues/dian-zi/index.md", "articles/keywords/x/2.md", "reports/s1.md",
             "articles/years-x/index.md"]
    for target, here in product(paths, paths):
        assert link(target, here) == relpath(target, here.rsplit("/", 1)[0] if "/" in here else "."), (target, here)
