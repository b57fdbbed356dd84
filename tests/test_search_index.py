"""The search index writer (pipeline/publish/search_index.py) and the index of the built site."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

from pipeline.publish.search_convert import browser_t2s
from pipeline.publish.search_index import (
    FINAL,
    MORE,
    Page,
    Section,
    conversion,
    decode,
    encode,
    fnv1a,
    fold,
    index_pages,
    key_counts,
    keys,
    markdown_page,
    postings,
    read_page,
    section_keys,
    tf_class,
    to_canonical,
    write_index,
)

CALL = re.compile(r'^__zhsearch\("(\w+)",("[^"]*"|\d+),(.*)\);\n$', re.S)


def read(path: Path) -> tuple[str, object, object]:
    """An index file is one call __zhsearch(kind, id, data): parse it back."""
    m = CALL.match(path.read_text(encoding="utf-8"))
    assert m, path
    return m.group(1), json.loads(m.group(2)), json.loads(m.group(3))


def test_a_traditional_query_is_converted_as_the_pipeline_converts_and_keeps_meaning() -> None:
    assert to_canonical("數據孤島、一網通辦、城市大腦") == to_canonical("数据孤岛、一网通办、城市大脑") == "数据孤岛、一网通办、城市大脑"
    assert to_canonical("隨著") == to_canonical("随着") == "随着" and to_canonical("沿著") == "沿着"
    # 著 is not folded onto 着: the canonical text has 著 only where it is zhù (显著, 著作 ...), and so does the query
    assert to_canonical("顯著") == to_canonical("显著") == "显著" and to_canonical("著作") == "著作" and to_canonical("著名") == "著名"
    assert to_canonical("著") == "著" and to_canonical("着") == "着"  # one character alone: as typed
    assert to_canonical("帶著顯著的特點") == "带着显著的特点"
    assert to_canonical("頭髮") == "头发" and to_canonical("發展") == "发展" and to_canonical("乾淨") == "干净" and to_canonical("乾隆") == "乾隆"
    assert to_canonical("ＡＰＰ政務App") == "app政务app"
    assert fold("顯著ＡＢ") == "顯著ab"  # the index's own fold leaves Han characters alone
    chars, phrases, marks, by_word = conversion()
    assert all(len(k) == len(v) == 1 and ord(k) <= 0xFFFF and ord(v) <= 0xFFFF for k, v in chars.items())  # UTF-16 units, as in JS
    assert all(len(k) == len(v) for k, v in phrases.items())  # offsets stay put: the excerpt cuts the shown text
    assert "著" not in marks and "著" in by_word and "數" in marks and "发" not in marks


def test_the_browsers_conversion_of_a_traditional_text_gives_the_canonical_text() -> None:
    """What search.js does to a 繁體 query (and to the 繁體 texts it shows) equals the pipeline's t2s on real text."""
    from pipeline.document.editions import to_simplified, to_traditional

    root = Path(__file__).resolve().parent.parent / "corpus" / "articles"
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(root.glob("*.yaml")))
    sample = "".join(re.findall(r"[\u4e00-\u9fff，。、：；]+", text))[:40_000]
    hant = to_traditional(sample)
    assert to_canonical(hant) == fold(to_simplified(hant, "hant"))


def test_keys_are_han_ngrams_and_latin_prefixes() -> None:
    assert keys("字政府建") == {"字", "政", "府", "建", "字政", "政府", "府建", "字政府", "政府建"}
    assert keys("政务app 2023年") == {"政", "务", "政务", "ap", "app", "20", "202", "2023", "年"}
    assert keys("“，。") == set()
    assert key_counts("数据与数据")["数据"] == 2


def test_postings_code_round_trips() -> None:
    numbers = [0, 1, 31, 32, 33, 1023, 1024, 123_456_789, 5, 0]
    assert decode(encode(numbers)) == numbers
    assert set(FINAL).isdisjoint(MORE) and len(set(FINAL + MORE)) == 64
    assert fnv1a("数据") == 627929107 and fnv1a("www") == 313303468  # as search.js computes it (checked with node)
    assert [tf_class(n) for n in (1, 2, 3, 5, 6, 90)] == [0, 1, 2, 2, 3, 3]


def test_section_keys_index_the_canonical_text_and_add_a_traditional_text_only_where_it_differs() -> None:
    hans, hant = Section("s1", "沿着", "显著"), Section("s1", "沿著", "顯著")
    heading, body = section_keys([hans, hant])
    assert "着" in heading.split() and "著" in body.split() and "著" not in heading.split()
    other = section_keys([Section("", "词", "数据"), Section("", "詞", "資料")])  # a 繁體 text of its own (the glossary)
    assert {"数据", "资料"} <= set(other[1].split())
    assert postings([[section_keys([hans, hant])], [("", "着*3")]])["着"] == [0 * 8 + 0 * 2 + 1, 0 * 8 + 2 * 2 + 0]


def test_write_index(tmp_path: Path) -> None:
    hans = [Page("a", "数据治理", (Section("", "数据治理", "作者"), Section("s1", "数据孤岛", "打破壁垒"))),
            Page("b", "城市", (Section("s1", "", "数据孤岛与城市大脑，孤岛"),))]
    hant = [Page("a", "數據治理", (Section("", "數據治理", "作者"), Section("s1", "數據孤島", "打破壁壘"))),
            Page("b", "城市", (Section("s1", "", "數據孤島與城市大腦，孤島"),))]
    sizes = write_index({"hans": hans, "hant": hant}, tmp_path)
    assert sizes == {"pages": 2, "sections": 3, "keys": sizes["keys"], "shards": 1}
    assert read(tmp_path / "meta.js") == ("meta", 0, {"shards": 1, "sections": encode([2, 1])})
    assert not (tmp_path / "d").exists()  # no directory of slugs: the texts are named by page number (issue 21)
    kind, ident, shard = read(tmp_path / "s" / "0.js")
    assert (kind, ident) == ("s", 0) and isinstance(shard, dict)

    def sections(key: str) -> list[tuple[int, int, int]]:  # (section number, tf class, in heading)
        out, last = [], -1
        for n in decode(shard[key]):
            last += (n >> 3) + 1
            out.append((last, (n >> 1) & 3, n & 1))
        return out

    assert sections("孤岛") == [(1, 0, 1), (2, 1, 0)] and sections("数据") == [(0, 0, 1), (1, 0, 1), (2, 0, 0)]
    assert sections("数据孤") == [(1, 0, 1), (2, 0, 0)] and "数据孤岛" not in shard  # trigrams at most
    assert sections("壁垒") == [(1, 0, 0)] and "數據" not in shard  # one index, of the canonical text
    # section 0 of page 1 (b): named by the page's number, so search.js names it from the postings alone; it holds the
    # slug, the title and the 繁體 text, once: the 简体 text is its conversion (both were stored before, twice the bytes)
    assert read(tmp_path / "t" / "1" / "0.js") == ("t", "1/0", ["b", "城市", "s1", "", "數據孤島與城市大腦，孤島"])
    assert read(tmp_path / "t" / "0" / "0.js") == ("t", "0/0", ["a", None, "", "數據治理", "作者"])  # the title: the heading
    assert not (tmp_path / "t" / "hans").exists() and not (tmp_path / "t" / "hant").exists()
    assert [slug for slug, _, _ in index_pages(tmp_path, "hans")] == ["a", "b"]
    assert read_page(tmp_path, "hans", "a") == ("数据治理", [("", "数据治理", "作者"), ("s1", "数据孤岛", "打破壁垒")])
    assert read_page(tmp_path, "hant", "a") == ("數據治理", [("", "數據治理", "作者"), ("s1", "數據孤島", "打破壁壘")])
    conv = read(tmp_path / "conv.js")[2]
    assert isinstance(conv, dict) and "據据" in conv["chars"] and "顯著=显著" in conv["phrases"].split(",") and "著" in conv["byWord"]


def test_a_simplified_text_the_conversion_does_not_give_is_stored_as_it_is(tmp_path: Path) -> None:
    """An excerpt is quoted text: where converting the 繁體 text as the browser does (browser_t2s) does not give the 简体
    text exactly (a 简体 page that writes 繁體, an anchor of its own), the file gives it, and only that field."""
    hans = [Page("about", "关于", (Section("", "关于", "繁體版由 OpenCC s2tw 生成"), Section("简体", "简体", "正文"))),
            Page("b", "着", (Section("s1", "显著", "沿着"),)), Page("c", "", (Section("", "", "无题"), Section("s1", "标题", "")))]
    hant = [Page("about", "關於", (Section("", "關於", "繁體版由 OpenCC s2tw 生成"), Section("簡體x", "簡體", "正文"))),
            Page("b", "著", (Section("s1", "顯著", "沿著"),)), Page("c", "", (Section("", "", "無題"), Section("s1", "標題", "")))]
    assert browser_t2s("繁體版由") == "繁体版由" and browser_t2s("簡體x") != "简体"
    write_index({"hans": hans, "hant": hant}, tmp_path)
    assert read(tmp_path / "t" / "0" / "0.js")[2] == ["about", None, "", "關於", "繁體版由 OpenCC s2tw 生成",
                                                      [None, None, None, None, "繁體版由 OpenCC s2tw 生成"]]
    assert read(tmp_path / "t" / "0" / "1.js")[2] == ["about", "關於", "簡體x", "簡體", "正文", [None, None, "简体", None, None]]
    assert read(tmp_path / "t" / "1" / "0.js")[2] == ["b", "著", "s1", "顯著", "沿著"]  # 著 as the words need it: no fix
    assert read(tmp_path / "t" / "2" / "1.js")[2] == ["c", "", "s1", "標題", ""]  # an empty title stays empty
    for edition, pages in (("hans", hans), ("hant", hant)):
        assert [(slug, title, [tuple(s) for s in sections]) for slug, title, sections in index_pages(tmp_path, edition)] == \
            [(p.slug, p.title, [(s.anchor, s.heading, s.text) for s in p.sections]) for p in pages]


def test_the_browsers_conversion_is_a_maximum_match_over_phrases_then_characters() -> None:
    """browser_t2s is search-engine.js's convert(), char for char: the longest phrase at each position, else the
    character (the shared vectors hold both sides to the same answers); only faster than trying every position."""
    chars, phrases, _, _ = conversion()

    def slow(text: str) -> str:  # the engine's loop, as it is written there
        longest, out, i = max(map(len, phrases)), [], 0
        while i < len(text):
            n = next((n for n in range(min(longest, len(text) - i), 1, -1) if text[i:i + n] in phrases), 1)
            out.append(phrases[text[i:i + n]] if n > 1 else chars.get(text[i], text[i]))
            i += n
        return "".join(out)

    alphabet = sorted(set("".join(phrases)) | set(list(chars)[:300]) | set("ab，𠀀著着"))
    rng = random.Random(21)
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 24)))
        assert browser_t2s(text) == slow(text), text
    assert browser_t2s("影響著顯著的發展，頭髮") == "影响着显著的发展，头发"


def test_a_markdown_table_is_its_cells_text_not_its_pipes() -> None:
    """An excerpt quotes the page: a table shows its cells, not `| a | b |` nor the |---| line (the input page's tables)."""
    page = markdown_page("x", "# T\n\n## 表\n\n| 输入 | 处理 |\n|---|:--:|\n| 符号（`|`、`*`） | 照录 \\| 显示 |\n")
    assert page.sections[0].text == "输入 处理\n符号（|、*） 照录 | 显示"


def test_markdown_page_anchors_are_the_tocs(site: Path) -> None:
    page = markdown_page("input", (Path(__file__).resolve().parent.parent / "corpus" / "pages" / "input.md").read_text(encoding="utf-8"))
    html = (site / "input" / "index.html").read_text(encoding="utf-8")
    anchors = [s.anchor for s in page.sections if s.anchor]
    assert anchors and all(f'id="{a}"' in html for a in anchors), anchors


def test_built_index_holds_no_spam_pinyin_chrome_or_reports(site: Path) -> None:
    index = site / "search"
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(index.rglob("*.js")) if p.name != "conv.js")
    text += "".join(str(page) for edition in ("hans", "hant") for page in index_pages(index, edition))  # 简体: derived
    for bad in ["www.av", "毛片", "免费影院", "大香伊蕉", "奇米精品", "一区二区", "網站首頁", "网站首页", "網站地圖", "网站地图",
                "論文部分內容閱讀", "论文部分内容阅读", "(wǎng)", "(shù)", "wǎng", "shù", "&ldquo;", "ldquo"]:
        assert bad not in text, bad
    slugs = [slug for slug, _, _ in index_pages(index, "hans")]
    assert slugs[:2] == ["digital-governance-capacity", "digital-government-efficacy"] and "glossary" in slugs
    assert not any("report" in s for s in slugs), "change reports quote the removed spam: keep them out"
    title, sections = read_page(index, "hant", "digital-government-efficacy")
    assert title == "我國數字政府建設效能提升的難點及應對"
    assert [s[0] for s in sections][:4] == ["", "abstract", "s0-p1", "s1"]
