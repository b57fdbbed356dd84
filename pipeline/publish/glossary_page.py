"""The glossary page of one edition: entries ordered by pinyin, each with back-links to the places it occurs
(in at most MAX_ARTICLES articles per term: the page must not grow with the collection); and each entry's definition
as a small script beside that page, which an article page loads when a reader asks (definition_scripts)."""

from __future__ import annotations

import json

from pypinyin import Style, lazy_pinyin

from pipeline.core.changes import PipelineError
from pipeline.core.escape import escape
from pipeline.document.annotate import anchor
from pipeline.document.glossary import CATEGORIES, GLOSSARY, Entry
from pipeline.document.words import Lazy, words

WORDS = Lazy(lambda: {script: words(script)["glossary"] for script in ("hans", "hant")})  # corpus/data/words/
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


def definition_scripts(entries: tuple[Entry, ...], script: str) -> dict[str, str]:
    """File name -> script, one per entry, to sit beside the edition's glossary page (glossary/<anchor>.js): the entry
    as its tooltip shows it, `__zhgloss(anchor, {"term", "definition", "english"});` (overrides/assets/reader.js).
    In every article page's markup the definitions were ~7 kB a page, repeated on each page that uses a term (issue 21);
    here each is one cacheable file of a few hundred bytes, loaded by a <script> tag when a reader hovers, focuses or
    taps the term (a script loads from file:// too, where fetch() is refused, and under script-src 'self')."""
    files: dict[str, str] = {}
    terms: dict[str, str] = {}
    for e in entries:
        name = f"{anchor(e)}.js"
        if name in files:  # a pinyin shared by two terms (toneless): one file, and one anchor, for both
            raise PipelineError(f"glossary terms {terms[name]!r} and {e.term!r} have one anchor {anchor(e)!r}", file=str(GLOSSARY),
                                text=e.term)
        terms[name] = e.term
        data = {"term": e.form(script), "definition": e.definition_in(script), "english": e.english}
        files[name] = f"__zhgloss({json.dumps(anchor(e))},{json.dumps(data, ensure_ascii=False, separators=(',', ':'))});\n"
    return files
