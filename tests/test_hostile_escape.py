"""Escaping by construction, over every extension mkdocs.yml enables (issue 22): escaped text renders as typed in every
context the pipeline puts it in."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.core.chars import INVISIBLE
from pipeline.core.escape import escape

from .hostile_support import Page
from .markdown_support import site_markdown

# --- escaping by construction, over every extension mkdocs.yml enables (issue 22) ---------------------

# Where the pipeline puts escaped text (pipeline/publish/render.py, listing.py, glossary_page.py, report.py): MARK stands
# for the text, so the same context around MARK is what the pipeline's own Markdown makes of it.
MARK = "甲"
CONTEXTS = {
    "paragraph": "{}",
    "title": "# {}",
    "glossary-heading": "## {} {{: #gloss-term }}",
    "after-footnote-ref": "正文[^1]{}\n\n[^1]: 注。",
    "footnote-text": "正文[^1]\n\n[^1]: {}",
    "list-item": "- {}",
    "link-text": "- [{}](x.md) · 出处",
    "before-attr-list": "**关键词**：{}\n{{: #keywords }}",
    "admonition-item": '!!! warning "注意"\n\n    - {}\n\n    说明。',
    "table-cell": "| 项 | 值 |\n|---|---|\n| 作者 | {} |",
}
# The syntax of every extension enabled in mkdocs.yml (and a few that are not, which must stay text too), as fragments.
SYNTAX = ["{: ", "{:", "{", "}", " }", "#__config", "#id", ".cls", ' style="position:fixed"', " onclick=alert(1)", "[^1]", "[^1]: ",
          "[TOC]", "[", "]", "(x)", "!!! note", "!!! danger \"t\"", "??? note", '=== "Tab"', "*[HTML]: Hyper", "<details>", "</details>",
          '<div markdown="1">', "<b>", "|", "---", ":", ": ", ":   ", "~~~", "```", "`", "    ", "\t", "  ", "&amp;", "&#123;", "&", "*",
          "**", "_", "__", "<", ">", "!", "-", "+", "1. ", "=", "===", "'", '"', "\\", "\\{", "#", "## ", "<!--", "-->",
          "zz1337820767766393qq", "qq3936677670287331zz", "wzxhzdk:0", "klzzwxh:0", "文", MARK, "政策", "x", " "]
_FORBIDDEN = re.compile(f"[{INVISIBLE}\\n\\r\\ud800-\\udfff]")  # refused or removed before any text reaches escape()
fragment = st.one_of(st.sampled_from(SYNTAX), st.sampled_from(SYNTAX), st.characters(codec="utf-8").filter(lambda c: not _FORBIDDEN.match(c)))
# Fields and lines come stripped (a block's own leading and trailing blanks are not text a reader sees).
one_line = st.lists(fragment, min_size=1, max_size=24).map(lambda parts: "".join(parts).strip()).filter(bool)


def _shape(html: str) -> list[tuple[str, list[str]]]:
    """Elements and their attribute names (values aside: a heading's id follows its text)."""
    return [(t, sorted(a)) for t, a in Page(html).elements]


def _shown(html: str) -> str:
    return " ".join(Page(html).visible().split())


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=one_line, context=st.sampled_from(sorted(CONTEXTS)))
def test_escaped_text_renders_as_typed_in_every_context(text: str, context: str) -> None:
    """The escaper and the fast reader together: the page shows the text exactly, with the elements and attributes of
    the same context around plain text and nothing else (no attribute list, footnote, admonition, table, TOC ...),
    and the fast reader gives the same HTML as Python-Markdown alone."""
    source = CONTEXTS[context].format(escape(text))
    html = site_markdown().reset().convert(source)
    control = site_markdown().reset().convert(CONTEXTS[context].format(MARK))
    assert _shape(html) == _shape(control), (text, html)
    assert _shown(html) == " ".join(_shown(control).replace(MARK, text).split()), (text, html)
    assert not any(v.startswith("__") for _, a in Page(html).elements for v in a.values()), html  # Material's own ids
    assert html == site_markdown(fast=False).reset().convert(source)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=st.lists(one_line, min_size=2, max_size=5))
def test_escaped_lines_make_one_paragraph_of_text(lines: list[str]) -> None:
    """Should several lines reach escape() at once, no line can start a block (definition, fence, list, heading, code)."""
    text = "\n".join(lines)
    html = site_markdown().reset().convert(escape(text))
    assert _shape(html) == [("p", [])], (text, html)
    assert _shown(html) == " ".join(text.split()), (text, html)


@pytest.mark.parametrize("text", ['标题 {: style="outline:99em solid red" }', "标题 {: onclick=alert(1) }", "标题 {: #__config }",
                                  '[1]{: onclick=alert(1) style="color:red" }', "[TOC]", '{: style="position:fixed;inset:0" }'])
def test_attribute_lists_in_text_stay_text(text: str) -> None:
    """The cases of hostile-cases.md round two: `escape()` wrote `\\{…\\}` and the fast reader turned it back into a
    literal `{: … }` before attr_list ran."""
    for context in ("title", "after-footnote-ref", "paragraph"):
        html = site_markdown().reset().convert(CONTEXTS[context].format(escape(text)))
        assert _shape(html) == _shape(site_markdown().reset().convert(CONTEXTS[context].format(MARK))), html
        assert text in Page(html).visible(), html
