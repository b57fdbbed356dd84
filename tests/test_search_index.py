"""The search index writer (pipeline/publish/search_index.py) and the index of the built site."""

from __future__ import annotations

import json
import re
from pathlib import Path

from pipeline.publish.search_index import FINAL, MORE, Page, Section, decode, encode, fnv1a, fold, fold_table, keys, markdown_page, write_index

CALL = re.compile(r'^__zhsearch\("(\w+)",("[^"]*"|\d+),(.*)\);\n$', re.S)


def read(path: Path) -> tuple[str, object, object]:
    """An index file is one call __zhsearch(kind, id, data): parse it back."""
    m = CALL.match(path.read_text(encoding="utf-8"))
    assert m, path
    return m.group(1), json.loads(m.group(2)), json.loads(m.group(3))


def test_fold_meets_both_scripts_and_keeps_offsets() -> None:
    assert fold("數據孤島、一網通辦、城市大腦") == fold("数据孤岛、一网通办、城市大脑") == "数据孤岛、一网通办、城市大脑"
    assert fold("隨著發揮著") == fold("随着发挥着")  # OpenCC's 著/着 pair is one character for search
    assert fold("頭髮 发展 發展") == "头发 发展 发展"
    assert fold("ＡＰＰ政務App") == "app政务app"
    text = "裡外乾坤ＡＢ𠀋字"
    assert len(fold(text)) == len(text)  # per character: excerpts cut the displayed text at the same offsets
    table = fold_table()
    assert all(len(k) == len(v) == 1 and ord(k) <= 0xFFFF and ord(v) <= 0xFFFF for k, v in table.items())  # UTF-16 units, as in JS


def test_keys_are_han_bigrams_unigrams_and_latin_prefixes() -> None:
    assert keys("字政府建") == {"字", "政", "府", "建", "字政", "政府", "府建"}
    assert keys("政务app 2023年") == {"政", "务", "政务", "ap", "app", "20", "202", "2023", "年"}
    assert keys("“，。") == set()


def test_postings_code_round_trips() -> None:
    numbers = [0, 1, 31, 32, 33, 1023, 1024, 123_456_789, 5, 0]
    assert decode(encode(numbers)) == numbers
    assert set(FINAL).isdisjoint(MORE) and len(set(FINAL + MORE)) == 64
    assert fnv1a("数据") == 627929107 and fnv1a("www") == 313303468  # as search.js computes it (checked with node)


def test_write_index(tmp_path: Path) -> None:
    hans = [Page("a", "数据治理", (Section("", "数据治理", "作者"), Section("s1", "数据孤岛", "打破壁垒"))),
            Page("b", "城市", (Section("s1", "", "数据孤岛与城市大脑"),))]
    hant = [Page("a", "數據治理", (Section("", "數據治理", "作者"), Section("s1", "數據孤島", "打破壁壘"))),
            Page("b", "城市", (Section("s1", "", "數據孤島與城市大腦"),))]
    sizes = write_index({"hans": hans, "hant": hant}, tmp_path)
    assert sizes == {"pages": 2, "sections": 3, "keys": sizes["keys"], "shards": 1}
    assert read(tmp_path / "meta.js") == ("meta", 0, {"shards": 1, "pages": [["a", 2], ["b", 1]]})
    kind, ident, shard = read(tmp_path / "s" / "0.js")
    assert (kind, ident) == ("s", 0) and isinstance(shard, dict)

    def sections(key: str) -> list[tuple[int, int]]:  # (section number, in heading)
        out, last = [], -1
        for n in decode(shard[key]):
            last += (n >> 1) + 1
            out.append((last, n & 1))
        return out

    assert sections("孤岛") == [(1, 1), (2, 0)] and sections("数据") == [(0, 1), (1, 1), (2, 0)]
    assert sections("壁垒") == [(1, 0)] and "數據" not in shard  # keys are folded
    assert read(tmp_path / "t" / "hant" / "b.js") == ("t", "hant/b", {"title": "城市", "sections": [["s1", "", "數據孤島與城市大腦"]]})
    fold_pairs = read(tmp_path / "fold.js")[2]
    assert isinstance(fold_pairs, str) and "據据" in fold_pairs


def test_markdown_page_anchors_are_the_tocs(site: Path) -> None:
    page = markdown_page("input", (Path(__file__).resolve().parent.parent / "corpus" / "pages" / "input.md").read_text(encoding="utf-8"))
    html = (site / "input" / "index.html").read_text(encoding="utf-8")
    anchors = [s.anchor for s in page.sections if s.anchor]
    assert anchors and all(f'id="{a}"' in html for a in anchors), anchors


def test_built_index_holds_no_spam_pinyin_chrome_or_reports(site: Path) -> None:
    index = site / "search"
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(index.rglob("*.js")) if p.name != "fold.js")
    for bad in ["www.av", "毛片", "免费影院", "大香伊蕉", "奇米精品", "一区二区", "網站首頁", "网站首页", "網站地圖", "网站地图",
                "論文部分內容閱讀", "论文部分内容阅读", "(wǎng)", "(shù)", "wǎng", "shù", "&ldquo;", "ldquo"]:
        assert bad not in text, bad
    slugs = [slug for slug, _ in read(index / "meta.js")[2]["pages"]]  # type: ignore[index]
    assert slugs[:2] == ["digital-governance-capacity", "digital-government-efficacy"] and "glossary" in slugs
    assert not any("report" in s for s in slugs), "change reports quote the removed spam: keep them out"
    _, _, efficacy = read(index / "t" / "hant" / "digital-government-efficacy.js")
    assert efficacy["title"] == "我國數字政府建設效能提升的難點及應對"  # type: ignore[index]
    assert [s[0] for s in efficacy["sections"]][:4] == ["", "abstract", "s0-p1", "s1"]  # type: ignore[index]
