"""The glossary page of one edition: entries ordered by pinyin, each with back-links to the places it occurs
(in at most MAX_ARTICLES articles per term: the page must not grow with the collection)."""

from __future__ import annotations

from pypinyin import Style, lazy_pinyin

from pipeline.core.escape import escape
from pipeline.document.annotate import anchor
from pipeline.document.glossary import CATEGORIES, Entry

WORDS = {
    "hans": {"title": "术语表", "intro": "文中政策口号、平台、机构和概念的简要说明（本站撰写），按拼音排序。"
             "正文中带虚线的词语悬停、轻触或用键盘聚焦即显示释义。",
             "related": "相关", "where": "出现于", "meta": "文章信息", "abstract": "摘要", "keywords": "关键词", "author-note": "作者说明",
             "nowhere": "（正文中未出现）", "more": "另有 {n} 篇文章"},
    "hant": {"title": "術語表", "intro": "文中政策口號、平臺、機構和概念的簡要說明（本站撰寫），按拼音排序。"
             "正文中帶虛線的詞語懸停、輕觸或用鍵盤聚焦即顯示釋義。",
             "related": "相關", "where": "出現於", "meta": "文章資訊", "abstract": "摘要", "keywords": "關鍵詞", "author-note": "作者說明",
             "nowhere": "（正文中未出現）", "more": "另有 {n} 篇文章"},
}
MAX_ARTICLES = 12


def pinyin_key(term: str) -> tuple[list[str], str]:
    return lazy_pinyin(term, style=Style.TONE3), term


def render_glossary(entries: tuple[Entry, ...], script: str, found: dict[str, list[tuple[str, str, str]]]) -> str:
    """`found`: term -> [(article slug, article title, place id)], in reading order."""
    W = WORDS[script]
    by_term = {e.term: e for e in entries}
    out = [f"# {W['title']}\n", f"{W['intro']}\n"]
    for e in sorted(entries, key=lambda e: pinyin_key(e.term)):
        reading = " ".join(lazy_pinyin(e.term, style=Style.TONE))
        out.append(f"## {escape(e.form(script))} {{: #{anchor(e)} }}\n")
        # The reading is kept out of the search index, which must hold no pinyin (SPEC: scraped ruby is garbage there).
        # Each text in its language (screen readers pick the voice, browsers the font): pinyin, the English name.
        out.append(f"*{escape(reading)}*\n{{: .reading data-search-exclude lang=\"zh-Latn-pinyin\" }}\n")
        out.append(f"{CATEGORIES[script][e.category]} · <span lang=\"en\">{escape(e.english)}</span>\n")
        out.append(f"{escape(e.definition_in(script))}\n")
        if e.related:
            links = "、".join(f"[{escape(by_term[r].form(script))}](#{anchor(by_term[r])})" for r in e.related if r in by_term)
            out.append(f"{W['related']}：{links}\n")
        places = found.get(e.term, [])
        if places:
            groups: dict[tuple[str, str], list[str]] = {}
            for slug, title, where in places:
                groups.setdefault((slug, title), []).append(where)
            items = []
            for (slug, title), wheres in list(groups.items())[:MAX_ARTICLES]:
                marks = " ".join(f"[{W.get(w, w)}]({slug}.md#{w})" for w in dict.fromkeys(wheres))
                items.append(f"- {escape(title)}：{marks}")
            if len(groups) > MAX_ARTICLES:
                items.append(f"- {W['more'].format(n=len(groups) - MAX_ARTICLES)}")
            out.append(f"{W['where']}：\n\n" + "\n".join(items) + "\n")
        else:
            out.append(f"{W['where']}：{W['nowhere']}\n")
    return "\n".join(out)
