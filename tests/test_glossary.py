"""Glossary: the reviewed data, annotation inside Chinese text, back-links, the pinyin-ordered page."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from pypinyin import Style, lazy_pinyin

from pipeline.core.changes import PipelineError
from pipeline.document.annotate import Glossing, anchor
from pipeline.document.glossary import GLOSSARY, glossary, load_glossary

from .conftest import ROOT

PREFIX = {"hans": "", "hant": "zh-Hant/"}
SLUGS = ["digital-governance-capacity", "digital-government-efficacy"]


class Glosses(HTMLParser):
    """Per paragraph id: its text and the glossary terms marked in it; marks found inside headings."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, dict[str, str | None]]] = []
        self.text: dict[str, str] = {}
        self.marked: dict[str, list[str]] = {}
        self.in_heading_marks: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ("br", "img", "hr", "meta", "link", "input"):
            self.stack.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        while self.stack and self.stack.pop()[0] != tag:
            pass

    def handle_data(self, data: str) -> None:
        para = next((a.get("id") for t, a in reversed(self.stack) if t == "p" and a.get("id")), None)
        # a first occurrence is <a class="gloss">, a later one a bare <abbr> (the page's script titles it)
        gloss = self.stack and ("gloss" in (self.stack[-1][1].get("class") or "").split() or self.stack[-1][0] == "abbr")
        if para:
            self.text[para] = self.text.get(para, "") + data
            if gloss:
                self.marked.setdefault(para, []).append(data)
        if gloss and any(t in ("h1", "h2", "h3") for t, _ in self.stack):
            self.in_heading_marks.append(data)


def parsed(site: Path, rel: str) -> Glosses:
    g = Glosses()
    g.feed((site / rel / "index.html").read_text(encoding="utf-8"))
    return g


def test_glossary_has_the_required_terms_and_each_occurs_in_the_articles() -> None:
    entries = glossary()
    assert len(entries) >= 35
    required = {"一网通办", "一网统管", "最多跑一次", "东数西算", "川渝通办", "一地创新、多地复用", "粤省事", "粤商通", "浙里办", "渝快办",
                "天府市民云", "冀时办", "城市大脑", "政务云", "大数据局", "国家网信办", "国家电子政务专家委员会", "条块", "条块协同", "数据孤岛",
                "信息孤岛", "数据烟囱", "科层制", "数据要素", "数据基础制度", "聚通用", "零跑动", "中图分类号", "文献标识码", "上面千根线、下面一根针"}
    assert required <= {e.term for e in entries}
    texts = "".join((ROOT / "tests" / "golden" / f"{s}.hans.md").read_text(encoding="utf-8") for s in SLUGS)
    plain = re.sub(r"<[^>]+>|\]\([^)]*\)(\{[^}]*\})?|[\[\]*\\]", "", texts)  # the golden Markdown, marks removed
    assert [e.term for e in entries if e.term not in plain] == []
    for e in entries:
        assert 1 <= e.definition.count("。") <= 3 and e.english and e.related is not None


def _write(tmp_path: Path, terms: list[dict[str, object]]) -> Path:
    path = tmp_path / "glossary.yaml"
    # copies: entries sharing a list would be dumped as a YAML alias, which the loader refuses (issue 15)
    path.write_text(yaml.safe_dump({"terms": [{k: v.copy() if isinstance(v, list) else v for k, v in t.items()} for t in terms]},
                                   allow_unicode=True), encoding="utf-8")
    return path


ENTRY = {"term": "数据孤岛", "category": "concept", "english": "data silo", "definition": "分散在各部门、互不连通的数据。", "related": []}


def test_a_duplicated_term_fails_with_file_and_line(tmp_path: Path) -> None:
    path = _write(tmp_path, [ENTRY, {**ENTRY, "english": "again"}])
    with pytest.raises(PipelineError, match="listed twice") as err:
        load_glossary(path)
    assert err.value.file == str(path) and err.value.line > 1


def test_a_related_term_outside_the_glossary_fails(tmp_path: Path) -> None:
    with pytest.raises(PipelineError, match="not in the glossary"):
        load_glossary(_write(tmp_path, [{**ENTRY, "related": ["信息孤岛"]}]))


@pytest.mark.parametrize("bad", [{"category": "slogan?"}, {"definition": "太短"}, {"term": "<b>x</b>"}, {"english": ""}])
def test_schema_rejects_bad_entries(tmp_path: Path, bad: dict[str, object]) -> None:
    with pytest.raises(PipelineError, match="schema glossary"):
        load_glossary(_write(tmp_path, [{**ENTRY, **bad}]))


def test_the_committed_glossary_loads() -> None:
    assert load_glossary(GLOSSARY)


def test_longest_match_first_and_first_occurrence_linked() -> None:
    gloss = Glossing("hans", glossary(), "glossary.md")
    first = gloss.render("推进条块协同，条块协同与条块分离；又是条块。", "s1-p1")
    assert first.count("glossary.md#g-tiao-kuai-xie-tong") == 1  # linked once, then <abbr>
    # a later occurrence is a bare <abbr> of the same text, which the page's script makes focusable and styles from the
    # first; no definition in the page: it is loaded when a reader asks (issue 21)
    assert first.count("<abbr>") == 1 and "<abbr>条块协同</abbr>" in first and "纵向职能部门" not in first
    assert "[条块分离](glossary.md#g-tiao-kuai-fen-li){: .gloss }" in first and "[条块](glossary.md#g-tiao-kuai){: .gloss }" in first
    assert gloss.found["条块协同"] == ["s1-p1", "s1-p1"]


def test_one_text_gets_at_most_fifty_marks_and_keeps_every_character() -> None:
    """An article scraped as one huge line once took minutes to render: Python-Markdown copies the paragraph for each
    <abbr> (benchmarks/results/hostile.md). Past MARKS_PER_TEXT the terms stay plain text; nothing is lost."""
    from pipeline.document.annotate import MARKS_PER_TEXT

    gloss = Glossing("hans", glossary(), "glossary.md")
    text = "推进条块协同。" * 80
    out = gloss.render(text, "s1-p1")
    assert MARKS_PER_TEXT == 50 and out.count("glossary.md#g-tiao-kuai-xie-tong") == 1 and out.count("<abbr") == 49
    assert out.endswith("推进条块协同。" * 30) and len(gloss.found["条块协同"]) == 80
    assert re.sub(r"<[^>]+>|\[|\]\([^)]*\)\{: \.gloss \}", "", out) == text


def test_annotation_escapes_the_surrounding_text() -> None:
    gloss = Glossing("hans", glossary(), "glossary.md")
    assert gloss.render("<b>数据孤岛</b>", "x").startswith("&lt;b&gt;[数据孤岛]")


@pytest.mark.parametrize("script", ["hans", "hant"])
def test_term_between_han_characters_is_annotated(site: Path, script: str) -> None:
    html = (site / f"{PREFIX[script]}digital-governance-capacity" / "index.html").read_text(encoding="utf-8")
    before, term = ("导致的", "数据孤岛") if script == "hans" else ("導致的", "數據孤島")
    assert re.search(before + r'<a class="gloss" href="\.\./(\.\./)?glossary/#g-shu-ju-gu-dao">' + term + "</a>、",
                     html.replace("zh-Hant/", "")), f"{before}{term} not annotated in {script}"


@pytest.mark.parametrize("script", ["hans", "hant"])
def test_definitions_are_files_beside_the_glossary_not_in_the_articles(site: Path, script: str) -> None:
    """Issue 21: the definitions were ~7 kB of every article page in each edition (a title on each first occurrence),
    repeated on every page using a term. Now each is one small script per entry and edition beside the glossary page,
    glossary/<anchor>.js, loaded when a reader asks (overrides/assets/reader.js), in the edition's script as the
    glossary page shows it; no article page holds a definition."""
    import json
    from html import unescape

    glossary_text = unescape((site / f"{PREFIX[script]}glossary" / "index.html").read_text(encoding="utf-8"))
    for entry in glossary():
        text = (site / f"{PREFIX[script]}glossary" / f"{anchor(entry)}.js").read_text(encoding="utf-8")
        call = re.fullmatch(r'__zhgloss\("(g-[a-z0-9-]+)",(\{.*\})\);\n', text)
        assert call and call[1] == anchor(entry), text
        data = json.loads(call[2])
        assert data == {"term": entry.form(script), "definition": entry.definition_in(script), "english": entry.english}
        assert f"<p>{data['definition']}</p>" in glossary_text, data  # as the glossary page shows it
    for slug in SLUGS:
        html = (site / f"{PREFIX[script]}{slug}" / "index.html").read_text(encoding="utf-8")
        assert 'class="gloss"' in html
        assert not [e.term for e in glossary() if e.definition_in(script) in html], f"a definition in {slug}"


@pytest.mark.parametrize("script", ["hans", "hant"])
def test_every_term_in_the_text_is_marked_and_back_linked(site: Path, script: str) -> None:
    glossary_html = (site / f"{PREFIX[script]}glossary" / "index.html").read_text(encoding="utf-8")
    for slug in SLUGS:
        page = parsed(site, f"{PREFIX[script]}{slug}")
        assert page.in_heading_marks == []
        for entry in glossary():
            form = entry.form(script)
            for pid, text in page.text.items():
                if form in text and not pid.startswith("ref-"):  # cited titles are quoted, never annotated
                    assert any(form in m for m in page.marked.get(pid, [])), f"{form} not marked in {slug}#{pid}"
                    assert f'href="../{slug}/#{pid}"' in glossary_html, f"no back-link {form} -> {slug}#{pid}"
        for pid, marks in page.marked.items():  # and nothing else is marked
            assert all(m in {e.form(script) for e in glossary()} for m in marks), (pid, marks)


def test_glossary_page_is_ordered_by_pinyin(site: Path) -> None:
    html = (site / "glossary" / "index.html").read_text(encoding="utf-8")
    ids = re.findall(r'<h2 id="(g-[a-z-]+)"', html)
    by_anchor = {anchor(e): e.term for e in glossary()}
    terms = [by_anchor[i] for i in ids]
    assert len(terms) == len(glossary())
    assert terms == sorted(terms, key=lambda t: (lazy_pinyin(t, style=Style.TONE3), t))
    assert terms[0] == "城市大脑"


def test_two_terms_with_one_anchor_are_refused() -> None:
    """A definition's file is named by its entry's anchor (toneless pinyin): two terms read alike would share one
    file, and one would show the other's definition (and the glossary page would hold one id twice)."""
    from pipeline.document.glossary import Entry
    from pipeline.publish.glossary_page import definition_scripts

    one, two = (Entry(t, t, "concept", "x", "定义。", ()) for t in ("事权", "实权"))
    assert anchor(one) == anchor(two) == "g-shi-quan"
    assert list(definition_scripts((one,), "hans")) == ["g-shi-quan.js"]
    with pytest.raises(PipelineError, match="terms '事权' and '实权' have one anchor 'g-shi-quan'"):
        definition_scripts((one, two), "hans")
