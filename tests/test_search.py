"""Search in real headless Chromium over http (overrides/assets/search.js over the index that
pipeline/publish/search_index.py writes): phrases and AND in both scripts and both editions, nothing of the
index fetched before the search box is touched, results in the reader's edition with a highlighted excerpt,
headings first, hostile queries answered fast and safely, spam not findable. The keyboard and typing:
tests/test_search_keyboard.py."""

from __future__ import annotations

import re
import time
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page

from pipeline.publish.search_index import index_pages, read_page, tf_class, to_canonical

from .browser_support import Served, Watch, search_hits
from .search_support import CAPACITY, EFFICACY, article_sections, every_hit, indexed_with, relative, sections_with, shown_text

PHRASES = ["一网通办", "一網通辦", "数据孤岛", "數據孤島", "城市大脑", "字政府建", "网通", "数据有序流", "條塊協同"]


@pytest.mark.parametrize("prefix", ["", "zh-Hant/"])
@pytest.mark.parametrize("query", PHRASES)
def test_a_han_run_finds_exactly_the_sections_that_contain_it(desk: tuple[Page, Watch], served: Served, prefix: str, query: str) -> None:
    page, _ = desk
    page.goto(f"{served.base}{prefix}{EFFICACY}/")
    hits = relative(page, search_hits(page, query))
    expected = sections_with(served.root, prefix, [query])
    assert expected, f"{query} should occur in the articles"
    assert article_sections(hits) == expected, f"{query}: {sorted(hits)}"
    assert all(h.startswith(prefix) if prefix else not h.startswith("zh-Hant/") for h in hits), hits  # the reader's edition


def test_both_scripts_find_the_same_sections(desk: tuple[Page, Watch], served: Served) -> None:
    page, _ = desk
    for prefix in ("", "zh-Hant/"):
        page.goto(f"{served.base}{prefix}")
        assert relative(page, search_hits(page, "数据孤岛")) == relative(page, search_hits(page, "數據孤島"))
        assert relative(page, search_hits(page, "一网通办 城市大脑")) == relative(page, search_hits(page, "一網通辦 城市大腦"))


@pytest.mark.parametrize("terms", [["数据", "孤岛"], ["城市大脑", "政务云"], ["條塊協同", "数据有序流动"], ["一网通办", "毛片"]])
def test_words_separated_by_spaces_must_all_occur(desk: tuple[Page, Watch], served: Served, terms: list[str]) -> None:
    page, _ = desk
    page.goto(served.base)
    hits = relative(page, search_hits(page, " ".join(terms)))
    assert article_sections(hits) == sections_with(served.root, "", terms)
    if terms[-1] == "毛片":
        assert hits == []
    else:  # AND, not OR: no more hits than the first word alone
        assert hits and len(hits) <= len(relative(page, search_hits(page, terms[0])))


def test_nothing_of_the_index_is_fetched_before_the_search_box_is_touched(desk: tuple[Page, Watch], served: Served) -> None:
    page, _ = desk
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    for path in ("", f"{EFFICACY}/", f"zh-Hant/{CAPACITY}/"):
        page.goto(served.base + path)
        page.wait_for_load_state("networkidle")
    assert not [u for u in requests if "/search/" in u or "search_index" in u or "/workers/" in u], requests
    assert any(u.endswith("/assets/search.js") for u in requests)
    page.click("input.md-search__input")  # touching the box loads meta and the conversion table, for the first keystroke
    page.wait_for_timeout(300)
    assert sorted(u.removeprefix(served.base) for u in requests if "/search/" in u) == ["search/conv.js", "search/meta.js"], requests
    search_hits(page, "城市大脑")
    loaded = [u.removeprefix(served.base) for u in requests if "/search/" in u]
    assert "search/meta.js" in loaded and "search/conv.js" in loaded and any(u.startswith("search/s/") for u in loaded)
    # one file a section for both editions (the 简体 text is the conversion of the 繁體 one), named by page and section
    texts = [u for u in loaded if u.startswith("search/t/")]
    assert texts and all(re.fullmatch(r"search/t/\d+/\d+\.js", u) for u in texts), loaded


def test_a_page_loads_the_search_ui_only_and_the_rest_of_search_in_order_when_the_box_is_touched(desk: tuple[Page, Watch], served: Served) -> None:
    """search.js is the UI; the edition's words (pipeline/core/layout.py SEARCH_WORDS), its loader, engine and excerpt
    (overrides/assets/search-*.js) are classic scripts it adds when the box is touched (no ES modules from file://, no
    inline under the CSP), run in that order."""
    page, _ = desk
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url.removeprefix(served.base)))
    page.goto(f"{served.base}{EFFICACY}/")
    page.wait_for_load_state("networkidle")
    assert [u for u in requests if "search" in u] == ["assets/search.js"], requests
    assert page.evaluate("typeof window.zhSearch === 'undefined' && typeof window.__zhsearch === 'undefined'")
    page.click("input.md-search__input")
    page.wait_for_function("() => window.zhSearch && window.zhSearch.excerpt !== undefined")
    code = ["assets/search-words.zh-Hans.js", "assets/search-loader.js", "assets/search-engine.js", "assets/search-excerpt.js"]
    assert sorted(u for u in requests if u.startswith("assets/search-")) == sorted(code), requests
    ran = page.eval_on_selector_all("head script[src*='assets/search-']", "els => els.map(e => e.getAttribute('src'))")
    assert [src.split("/")[-1] for src in ran] == [c.split("/")[-1] for c in code]  # inserted in order, async = false
    assert page.evaluate("Object.keys(window.zhSearch).sort().join()") == "engine,excerpt,loader,words"
    assert search_hits(page, "城市大脑")


def test_results_show_the_section_with_a_highlighted_excerpt_and_open_it(desk: tuple[Page, Watch], served: Served) -> None:
    page, _ = desk
    page.goto(f"{served.base}zh-Hant/")
    search_hits(page, "城市大脑")  # a simplified query on the traditional edition
    first = page.locator(".md-search-result__item", has_text="對策建議").first
    assert first.locator("h2").inner_text() == "對策建議"
    assert "我國政府數字治理能力建設" in first.inner_text()  # the page it belongs to
    assert first.locator("p mark").first.inner_text() == "城市大腦"
    first.locator("a").click()
    page.wait_for_load_state()
    assert urlsplit(page.url).path == f"/zh-Hant/{CAPACITY}/" and urlsplit(page.url).fragment == "s3"
    assert page.evaluate("document.getElementById('s3') !== null")


@pytest.mark.parametrize("prefix", ["", "zh-Hant/"])
def test_an_excerpt_quotes_the_page_in_its_edition_and_marks_the_terms(desk: tuple[Page, Watch], served: Served, prefix: str) -> None:
    """The index stores a section's 繁體 text once; the 简体 excerpt is its conversion by conv.js, where the build checked
    that this gives the page's text exactly (else stored): either way an excerpt quotes the page it links to, in the
    reader's edition, character for character, and marks exactly the terms."""
    page, _ = desk
    page.goto(f"{served.base}{prefix}")
    checked = 0
    for query in ("数据", "政府 服务", "條塊協同"):
        search_hits(page, query)
        terms = {to_canonical(t) for t in query.split()}
        for item in page.query_selector_all(".md-search-result__item:not(.zh-search__more)"):
            href = relative(page, [item.eval_on_selector("a", "a => a.href")])[0]
            assert href.startswith(prefix) if prefix else not href.startswith("zh-Hant/"), href
            text = shown_text(served.root, href)
            heading = re.sub(r"\s+", "", item.eval_on_selector("h1, h2", "h => h.textContent"))
            excerpt = item.query_selector("p:not(.zh-search__page)")
            assert heading in text, (href, heading)
            if excerpt is None:
                continue
            if "#" not in href:  # the top of a page: its authors, venue, keywords (not one run of the page's text)
                continue
            assert all(re.sub(r"\s+", "", piece) in text for piece in excerpt.inner_text().split("…")), (href, excerpt.inner_text())
            marks = item.eval_on_selector_all("mark", "ms => ms.map(m => m.textContent)")  # the heading's and the excerpt's
            assert marks and all(to_canonical(m) in terms for m in marks), (href, marks)
            checked += 1
    assert checked >= 10


def test_a_simplified_text_the_conversion_would_not_give_is_quoted_as_it_is(desk: tuple[Page, Watch], served: Served) -> None:
    """关于本站 writes 繁體 in its 简体 text: converting the stored 繁體 text would show 繁体, a word the page does not
    have; the index stores that text as it is (search_index.text_data) and the excerpt shows it."""
    page, _ = desk
    page.goto(served.base)
    hits = relative(page, search_hits(page, "s2tw"))
    assert "about/" in hits, hits
    item = page.locator(".md-search-result__item").nth(hits.index("about/"))
    excerpt = item.locator("p:not(.zh-search__page)").inner_text()
    assert "繁體版由" in excerpt and "繁体版由" not in excerpt and item.locator("mark").first.inner_text() == "s2tw"
    assert all(re.sub(r"\s+", "", piece) in shown_text(served.root, "about/") for piece in excerpt.split("…")), excerpt
    page.goto(f"{served.base}zh-Hant/")
    hits = relative(page, search_hits(page, "s2tw"))
    assert "繁體版由" in page.locator(".md-search-result__item").nth(hits.index("zh-Hant/about/")).inner_text()


@pytest.mark.parametrize("prefix", ["", "zh-Hant/"])
def test_without_decompressionstream_the_results_list_and_say_no_excerpt_is_shown(desk: tuple[Page, Watch], served: Served, prefix: str) -> None:
    """Safari < 16.4, Firefox < 113 cannot inflate the deflated texts (FORMAT.md, deflated texts): the same results,
    each with its heading, and where the text could not be read the line that says no excerpt is shown; nothing
    throws (desk: a clean console)."""
    page, _ = desk
    page.goto(f"{served.base}{prefix}")
    want = search_hits(page, "数据 政府")
    page.add_init_script("delete window.DecompressionStream;")
    page.goto(f"{served.base}{prefix}")
    assert search_hits(page, "数据 政府") == want and want
    items = page.locator(".md-search-result__item:not(.zh-search__more)")
    notes = page.locator(".zh-search__none").all_inner_texts()
    assert notes and set(notes) == {"（此浏览器不能显示摘要）" if not prefix else "（此瀏覽器不能顯示摘要）"}, notes
    assert all(item.locator("h1, h2").inner_text().strip() for item in items.all())


def test_heading_and_title_matches_rank_first(desk: tuple[Page, Watch], served: Served) -> None:
    page, _ = desk
    page.goto(served.base)
    search_hits(page, "条块协同")
    titles = page.eval_on_selector_all(".md-search-result__article", "els => els.map(e => e.querySelector('h1, h2').textContent)")
    in_title = [("条块协同" in t) for t in titles]
    assert in_title[0] and sum(in_title) >= 4 and in_title == sorted(in_title, reverse=True), titles
    assert len(titles) > sum(in_title)  # and body matches follow


@pytest.mark.parametrize("query", ["毛片", "免费影院", "www.av", "shù", "wǎng", "ldquo", "网站首页", "论文部分内容阅读"])
def test_spam_pinyin_and_chrome_find_nothing(desk: tuple[Page, Watch], served: Served, query: str) -> None:
    page, _ = desk
    page.goto(served.base)
    assert search_hits(page, query) == []
    assert page.inner_text(".md-search-result__meta") == "没有找到符合条件的结果"


@pytest.mark.parametrize("query", ['<img src=x onerror="window.__pwned=1">', "<b>数据</b>", ".*", "(数据|城市)", "\\", "__proto__",
                                   "constructor", "数" * 10_000, "a b c d e f g h i j k l m n o p", "数据 " * 300])
def test_hostile_queries_are_answered_fast_and_as_text(desk: tuple[Page, Watch], served: Served, query: str) -> None:
    page, _ = desk
    page.goto(served.base)
    start = time.monotonic()
    hits = search_hits(page, query, timeout=5000)
    assert time.monotonic() - start < 3
    assert page.evaluate("window.__pwned === undefined")
    assert page.eval_on_selector_all(".md-search-result img, .md-search-result b, .md-search-result script", "els => els.length") == 0
    if query == "数据 " * 300:
        assert hits  # a long but honest query still finds
    else:  # markup and patterns are text: no section holds them
        assert hits == []


@pytest.mark.parametrize("prefix", ["", "zh-Hant/"])
def test_folding_keeps_meaning_zhe_is_not_zhu(desk: tuple[Page, Watch], served: Served, prefix: str) -> None:
    """着 finds 随着/影响着 but not 显著 (folding merged them: issue 21); 顯著 finds 显著; a 繁體 query finds what its
    simplified form finds, in either edition."""
    page, _ = desk
    page.goto(f"{served.base}{prefix}")
    search_hits(page, "着")
    zhe = {h for h in relative(page, every_hit(page)) if h.startswith(prefix)}
    assert zhe and zhe == indexed_with(served.root, prefix, "着")
    only_zhu = indexed_with(served.root, prefix, "显著") - zhe
    assert only_zhu, "a section with 显著 and no 着 should exist"
    assert relative(page, search_hits(page, "顯著")) == relative(page, search_hits(page, "显著")) != []
    assert relative(page, search_hits(page, "隨著")) == relative(page, search_hits(page, "随着")) != []
    assert relative(page, search_hits(page, "數據孤島")) == relative(page, search_hits(page, "数据孤岛")) != []


def test_a_phrase_is_decided_by_the_index_texts_load_for_the_results_shown_only(desk: tuple[Page, Watch], served: Served) -> None:
    page, _ = desk
    page.goto(served.base)
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    hits = search_hits(page, "数字政务")  # common bigrams, in no section
    assert hits == [] and page.inner_text(".md-search-result__meta") == "没有找到符合条件的结果"
    assert not [u for u in requests if "/search/t/" in u], requests
    hits = search_hits(page, "城市大脑")
    shown = {re.sub(r"/(#.*)?$", "", h.removeprefix(served.base)) or "index" for h in hits}
    slugs = [slug for slug, _, _ in index_pages(served.root / "search", "hans")]
    texts = {slugs[int(u.removeprefix(served.base + "search/t/").split("/")[0])] for u in requests if "/search/t/" in u}
    assert texts == shown, (texts, shown)
    # the texts are named by page number: no file of slugs is loaded between the postings and the texts (issue 21)
    assert not [u for u in requests if "/search/d/" in u], requests


def test_ranking_is_title_then_headings_then_bm25_not_collection_order(desk: tuple[Page, Watch], served: Served) -> None:
    """提升: the efficacy article's title holds it (the capacity article comes first in the collection). 平台 is in no
    heading: the sections that hold it more often come first (BM25 over the sections; the collection order is wrong).
    The same order in both editions."""
    page, _ = desk
    page.goto(served.base)
    assert relative(page, search_hits(page, "提升"))[0] == f"{EFFICACY}/"
    search_hits(page, "平台")
    hits = relative(page, every_hit(page))
    texts: dict[str, tuple[str, str]] = {}
    for slug in (CAPACITY, EFFICACY):
        for anchor, heading, text in read_page(served.root / "search", "hans", slug)[1]:
            texts[f"{slug}/" + (f"#{anchor}" if anchor else "")] = (heading, text)
    body = [h for h in hits if h in texts]
    classes = [tf_class((texts[h][0] + "\n" + texts[h][1]).count("平台")) for h in body]
    assert len(body) >= 5 and classes == sorted(classes, reverse=True), list(zip(body, classes, strict=True))
    assert body != [h for h in texts if h in body]  # the collection-order answer is wrong here
    page.goto(f"{served.base}zh-Hant/")
    search_hits(page, "平台")
    assert [h.removeprefix("zh-Hant/") for h in relative(page, every_hit(page))] == hits

