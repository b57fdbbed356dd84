"""Search by keyboard and as typed, in real headless Chromium over http: the keyboard opens a search and walks its
results, pinyin being composed is not searched, a new keystroke cancels the query before, counts in the edition's
script. What search finds: tests/test_search.py."""

from __future__ import annotations

import re
from urllib.parse import unquote

from playwright.sync_api import Page

from .browser_support import Served, Watch, search_hits
from .search_support import EFFICACY, relative


def test_keyboard_opens_searches_and_follows_the_first_hit(desk: tuple[Page, Watch], served: Served) -> None:
    page, _ = desk
    page.goto(f"{served.base}{EFFICACY}/")
    page.keyboard.press("/")
    assert page.evaluate("document.getElementById('__search').checked && document.activeElement.matches('input.md-search__input')")
    page.keyboard.press("Escape")
    assert page.evaluate("!document.getElementById('__search').checked")
    first = relative(page, search_hits(page, "城市大脑"))[0]
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert unquote(page.url).removeprefix(served.base) == first


def test_pinyin_being_composed_is_not_searched_its_commit_is(desk: tuple[Page, Watch], served: Served) -> None:
    page, _ = desk
    page.goto(served.base)
    page.click("input.md-search__input")
    ime = page.context.new_cdp_session(page)
    ime.send("Input.imeSetComposition", {"text": "shu ju", "selectionStart": 6, "selectionEnd": 6})
    page.wait_for_timeout(300)
    assert page.input_value("input.md-search__input") == "shu ju"
    assert page.evaluate("document.getElementById('zh-search').dataset.answered") is None
    ime.send("Input.insertText", {"text": "数据孤岛"})
    page.wait_for_function("() => document.getElementById('zh-search').dataset.answered === '数据孤岛'")
    assert page.locator(".md-search-result__item").count() > 0


def test_arrow_keys_and_tab_walk_the_results_and_enter_opens_the_focused_one(desk: tuple[Page, Watch], served: Served) -> None:
    """As in Material's own search: ArrowDown/ArrowUp go from the query through the results (and round), Tab goes on
    to the next result, Enter opens the focused one."""
    page, _ = desk
    page.goto(served.base)
    hits = relative(page, search_hits(page, "条块协同"))
    assert len(hits) >= 3
    focused = "() => document.activeElement.matches('a.md-search-result__link') ? document.activeElement.href : document.activeElement.className"
    page.keyboard.press("ArrowDown")
    assert relative(page, [page.evaluate(focused)]) == hits[:1]
    page.keyboard.press("Tab")
    assert relative(page, [page.evaluate(focused)]) == hits[1:2]
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.matches('input.md-search__input')")
    page.keyboard.press("ArrowUp")  # round to the last
    assert relative(page, [page.evaluate(focused)]) == hits[-1:]
    page.keyboard.press("Backspace")  # typing on a result goes on with the query
    assert page.evaluate("document.activeElement.matches('input.md-search__input')")
    assert page.input_value("input.md-search__input") == "条块协"
    page.keyboard.insert_text("同")
    page.wait_for_function("() => document.getElementById('zh-search').dataset.answered === '条块协同'")
    page.keyboard.press("ArrowUp")
    assert relative(page, [page.evaluate(focused)]) == hits[-1:]
    page.keyboard.press("ArrowDown")  # and back to the query
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert unquote(page.url).removeprefix(served.base) == hits[1]


def test_traditional_edition_counts_in_traditional(desk: tuple[Page, Watch], served: Served) -> None:
    """Material's zh-Hant strings had 找到 1 个 (simplified) for one hit: overrides/partials/languages/zh-Hant.html."""
    page, _ = desk
    page.goto(f"{served.base}zh-Hant/")
    assert len(search_hits(page, "城市大脑 杭州")) == 1
    assert page.inner_text(".md-search-result__meta") == "找到 1 個符合條件的結果"
    search_hits(page, "数据")  # decided by the index alone: an exact count
    assert re.fullmatch(r"找到 [1-9][0-9,]* 個符合條件的結果", page.inner_text(".md-search-result__meta"))
    search_hits(page, "数字政府")  # 4 characters: its texts confirm it, more candidates than a page: a count that says so
    assert page.inner_text(".md-search-result__meta") == "找到 至少 10 個符合條件的結果"
    assert page.inner_text(".zh-search__more") == "顯示更多結果"


def test_a_new_keystroke_cancels_the_query_before(desk: tuple[Page, Watch], served: Served) -> None:
    page, _ = desk
    page.goto(served.base)
    search_hits(page, "城市")
    page.evaluate("""() => { const input = document.querySelector('input.md-search__input');
      for (const q of ['数据', '数据孤', '数据孤岛']) { input.value = q; input.dispatchEvent(new Event('input', {bubbles: true})); } }""")
    page.wait_for_function("() => document.getElementById('zh-search').dataset.answered === '数据孤岛'")
    page.wait_for_timeout(300)  # nothing of the earlier queries lands later
    titles = page.eval_on_selector_all(".md-search-result__article", "els => els.map(e => e.textContent)")
    assert titles and all("数据孤岛" in t for t in titles), titles
    assert page.evaluate("document.getElementById('zh-search').dataset.answered") == "数据孤岛"


def test_a_query_of_more_keys_than_are_read_is_still_an_and(desk: tuple[Page, Watch], served: Served) -> None:
    """Nine words, eight keys read (evenly spread): the word left out (毛片, in no section) is checked on the texts."""
    page, _ = desk
    page.goto(served.base)
    assert search_hits(page, "数据 治理 协同 政府 毛片 服务 城市 大脑 平台") == []
    assert search_hits(page, "数据 治理 协同 政府 毛片") == []
