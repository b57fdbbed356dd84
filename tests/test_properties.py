"""Properties on generated text (hypothesis): what must hold for any input, not only our two articles."""

from __future__ import annotations

import html
import re
from collections import Counter

import markdown
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from pipeline.core.changes import PipelineError
from pipeline.core.chars import HAN_RE
from pipeline.core.context import Context
from pipeline.core.data import rule_data
from pipeline.core.escape import escape
from pipeline.document.editions import to_simplified, to_traditional
from pipeline.text.clean import clean_text
from pipeline.text.rules.pinyin import remove_inline_pinyin

from .conftest import RAW_000

# Characters of our real sources (simplified body) plus the ASCII that scrapers leave in.
SOURCE_HAN = sorted({ch for ch in RAW_000.read_text(encoding="utf-8") if HAN_RE.match(ch)})
han = st.sampled_from(SOURCE_HAN)
# ... and the damage of real scraped pages (issue 13): lost-space '?', tags, fullwidth Latin, readings, variants.
DAMAGE = st.sampled_from(["?", "? ", "<br>", "</p>", "ＡＰＩ", "２０", "的(de)", "學(xué)", "陜", "  "])
piece = st.one_of(han, han, han, st.sampled_from(list("，。、；：“”（）,.;:()\"' 0123456789-+APP")), DAMAGE)
line = st.lists(piece, min_size=0, max_size=60).map("".join)
text = st.lists(line, min_size=1, max_size=8).map("\n".join)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


def ctx() -> Context:
    return Context(file="generated.txt", script="hans", data=rule_data())


def cleaned(t: str) -> tuple[str, list]:  # type: ignore[type-arg]
    try:
        result = clean_text(t, ctx(), script="hans")
    except PipelineError:
        assume(False)  # generated text that a check refuses (say, a duplicated paragraph) is not the point here
        raise
    return result.text, result.changes


@SETTINGS
@given(text)
def test_cleaning_is_idempotent(t: str) -> None:
    once, _ = cleaned(t)
    twice, changes = cleaned(once)
    assert twice == once and changes == []


@SETTINGS
@given(text)
def test_every_han_character_is_published_or_reported(t: str) -> None:
    out, changes = cleaned(t)
    expected = Counter(HAN_RE.findall(t))
    for c in changes:
        expected.subtract(HAN_RE.findall(c.before))
        expected.update(HAN_RE.findall(c.after))
    assert +expected == Counter(HAN_RE.findall(out)) and not -expected


NOT_PINYIN = st.sampled_from(["(API)", "(abc)", "(2023)", "(PPP)", "(app)", "(a)", "(OK)", "(x1)", "( )", "(政府)"])


@SETTINGS
@given(st.lists(st.one_of(han, NOT_PINYIN), min_size=1, max_size=40).map("".join))
def test_pinyin_rule_never_removes_what_is_not_an_annotation(t: str) -> None:
    out, changes = remove_inline_pinyin(t, ctx())
    assert out == t and changes == []


@SETTINGS
@given(st.lists(st.tuples(han, st.booleans()), min_size=1, max_size=30))
def test_pinyin_rule_removes_exactly_the_annotations(chars: list[tuple[str, bool]]) -> None:
    from pypinyin import Style, lazy_pinyin

    plain = "".join(ch for ch, _ in chars)
    annotated = "".join(ch + (f"({lazy_pinyin(ch, style=Style.TONE)[0]})" if ruby else "") for ch, ruby in chars)
    assume(all(re.search(r"[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]", lazy_pinyin(ch, style=Style.TONE)[0]) for ch, ruby in chars if ruby))
    out, changes = remove_inline_pinyin(annotated, ctx())
    assert out == plain and len(changes) == sum(r for _, r in chars)


@SETTINGS
@given(st.lists(han, min_size=1, max_size=80).map("".join))
def test_traditional_to_simplified_to_traditional_keeps_the_text(s: str) -> None:
    traditional = to_traditional(s)  # traditional text as our editions make it
    assert to_traditional(to_simplified(traditional, "hant")) == traditional


@SETTINGS
@given(st.lists(st.sampled_from(list("<>&|*_#[]{}()!`\\-+=.$~^ 1a数据孤岛") + ["---", "1. ", "&amp;", "<!--"]),
                min_size=1, max_size=40).map("".join))
def test_escaped_text_renders_as_typed(t: str) -> None:
    assume(t.strip() == t and "\n" not in t)
    rendered = markdown.markdown(escape(t), extensions=["attr_list", "footnotes", "tables", "md_in_html", "def_list"])
    assert html.unescape(re.sub(r"<[^>]+>", "", rendered)) == t
