"""Hostile input (issue 15, /work/shared/hostile-cases.md): every case ends refused with one line naming the
file, the field (or line) and the value, or with the payload shown as inert text: no element, attribute or
script created, checked in the built HTML and, for the injection cases, in Chromium (no dialog, no CSP
violation). One hostile site is built once with every payload at the same time; each refusal is one run of
the pipeline on a shared copy. The 20 MB and 50,000-nesting builds are in `make bench` (benchmarks/hostile.py).
This file: what the built pages hold; the others: tests/test_hostile_*.py."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

from pipeline.document.editions import to_traditional

from .hostile_support import (
    ARTICLE,
    ARTICLE_002,
    AUTHOR_NOTE,
    AUTHORS,
    BODY_SHOWN,
    COLUMN,
    DEF_IMAGE,
    DEF_SCRIPT,
    ENGLISH,
    PUBLISHER,
    REPORT,
    REPORT_002,
    SOURCE_URL,
    SUMMARY,
    TITLE,
    Page,
    live,
    read,
)


def test_no_page_of_the_hostile_site_holds_anything_live(hostile: Path, singles: dict[str, Path]) -> None:
    pages = sorted((hostile / "site").rglob("*.html")) + sorted(singles.values())
    assert len(pages) > 20
    bad = {str(p.relative_to(hostile)): found for p in pages if (found := live(Page(p.read_text(encoding="utf-8"))))}
    assert not bad, bad


# Each payload: the page it reaches and the text a reader must see there, exactly as typed.
SHOWN = [
    ("title-article", ARTICLE, TITLE),
    ("title-article-hant", f"zh-Hant/{ARTICLE}", to_traditional(TITLE)),
    ("title-report", REPORT, "校勘记：" + TITLE),
    ("title-home", "index.html", TITLE),
    ("title-glossary", "glossary/index.html", TITLE),
    ("publisher-home", "index.html", PUBLISHER),
    ("publisher-article", ARTICLE, PUBLISHER),
    ("column", ARTICLE, COLUMN),
    ("author-note", ARTICLE_002, AUTHOR_NOTE),
    ("authors", ARTICLE, "、".join(AUTHORS)),
    ("summary-home", "index.html", SUMMARY),
    ("body-article", ARTICLE, BODY_SHOWN),
    ("body-article-hant", f"zh-Hant/{ARTICLE}", to_traditional(BODY_SHOWN)),
    ("glossary-english", "glossary/index.html", ENGLISH),
]



@pytest.mark.parametrize(("case", "rel", "marker"), [("errata-reason", REPORT_002, "alert(12)")])  # chrome.yaml: a code (refusals)
def test_reasons_from_data_files_never_reach_a_page(hostile: Path, case: str, rel: str, marker: str) -> None:
    """The report pages word each change in Chinese (pipeline/publish/report.py); a data file's own reason stays in
    the JSON report, so whatever it holds is neither markup nor text on the page."""
    page = read(hostile, rel)
    assert marker not in page.visible() and not live(page), case

@pytest.mark.parametrize(("case", "rel", "text"), SHOWN, ids=[c[0] for c in SHOWN])
def test_payload_is_shown_as_text(hostile: Path, case: str, rel: str, text: str) -> None:
    page = read(hostile, rel)
    assert text in page.visible(), f"{case}: {text!r} not shown as text on {rel}"
    assert not live(page)


@pytest.mark.parametrize("rel", [ARTICLE, f"zh-Hant/{ARTICLE}", REPORT])
def test_title_element_holds_the_title_as_text(hostile: Path, rel: str) -> None:
    page = read(hostile, rel)
    want = TITLE if "zh-Hant" not in rel else to_traditional(TITLE)
    assert want in page.title
    assert "<title>" not in (hostile / "site" / rel).read_text(encoding="utf-8").split("</head>")[1]  # nothing broke out of <head>


def test_csp_is_the_first_element_of_every_head_and_allows_no_inline_script(hostile: Path, singles: dict[str, Path]) -> None:
    for path in (sorted((hostile / "site").rglob("*.html")) + sorted((hostile / "build" / "offline" / "site").rglob("*.html"))
                 + sorted(singles.values())):
        html = path.read_text(encoding="utf-8")
        head = html.split("<head>", 1)[1].lstrip()
        assert head.startswith('<meta http-equiv="Content-Security-Policy"'), path
        policy = Page(html).attrs("meta", **{"http-equiv": "Content-Security-Policy"})[0]["content"]
        found = re.search(r"script-src([^;]*)", policy)
        script_src = found.group(1) if found else re.search(r"default-src([^;]*)", policy).group(1)  # type: ignore[union-attr]
        assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src, path
        assert found or script_src.strip() == "'none'", path  # the single-file downloads allow no script at all


def test_no_page_allows_inline_styles(hostile: Path, singles: dict[str, Path]) -> None:
    """style-src without 'unsafe-inline' (issue 22): the site's pages have no <style> element and no style attribute at
    all; a single-file download allows exactly its one <style> element by its sha256."""
    import base64
    pages = sorted((hostile / "site").rglob("*.html")) + sorted((hostile / "build" / "offline" / "site").rglob("*.html"))
    pages += sorted(singles.values())
    for path in pages:
        html = path.read_text(encoding="utf-8")
        page = Page(html)
        policy = page.attrs("meta", **{"http-equiv": "Content-Security-Policy"})[0]["content"]
        style_src = re.search(r"style-src([^;]*)", policy).group(1).split()  # type: ignore[union-attr]
        assert "'unsafe-inline'" not in style_src and "'unsafe-hashes'" not in style_src, path
        if path in singles.values():
            [style] = re.findall(r"<style>(.*?)</style>", html, re.DOTALL)
            assert style_src == ["'sha256-" + base64.b64encode(hashlib.sha256(style.encode()).digest()).decode() + "'"], path
        else:
            assert style_src == ["'self'"] and "<style" not in html, path
        assert not [t for t, a in page.elements if "style" in a], path


def test_headers_file_sets_what_a_meta_policy_cannot(hostile: Path) -> None:
    """overrides/_headers (Netlify / Cloudflare Pages format) at the site's root, not in the offline copy."""
    text = (hostile / "site" / "_headers").read_text(encoding="utf-8")
    rules: dict[str, dict[str, str]] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if not line[0].isspace():
            rules[line] = {}
        else:
            name, _, value = line.strip().partition(":")
            rules[list(rules)[-1]][name] = value.strip()
    headers = rules["/*"]
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"] and "script-src" not in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff" and headers["Referrer-Policy"] and headers["X-Frame-Options"] == "DENY"
    assert not (hostile / "build" / "offline" / "site" / "_headers").exists()


def test_jsonld_keeps_the_article_visible_and_parses(hostile: Path) -> None:
    html = (hostile / "site" / ARTICLE).read_text(encoding="utf-8")
    page = Page(html)
    [(_, body)] = [(a, b) for a, b in page.scripts if a.get("type") == "application/ld+json"]
    assert not re.search(r"[<>&]", body)  # \u003c...: nothing the HTML parser could read as markup
    record = json.loads(body)
    assert record["headline"] == TITLE and record["publisher"]["name"] == PUBLISHER
    assert "央地协同的政策体系不断完善" in page.visible()  # the element did not swallow the article


def test_highwire_tags_carry_the_values_exactly(hostile: Path) -> None:
    page = read(hostile, ARTICLE)
    assert page.attrs("meta", name="citation_title")[0]["content"] == TITLE
    assert [a["content"] for a in page.attrs("meta", name="citation_author")] == AUTHORS
    assert page.attrs("meta", name="citation_public_url")[0]["content"] == SOURCE_URL


def test_source_url_is_a_link_with_its_exact_href(hostile: Path) -> None:
    page = read(hostile, ARTICLE)
    assert page.attrs("a", href=SOURCE_URL), "the source link"


@pytest.mark.parametrize(("term", "definition", "english"), [("数据有序流动", DEF_IMAGE, ENGLISH), ("条块协同", DEF_SCRIPT, None)],
                         ids=["image-in-definition", "script-in-definition"])
def test_glossary_definitions_hold_the_definition_as_text(hostile: Path, term: str, definition: str, english: str | None) -> None:
    """A definition is data in its own file beside the glossary page (issue 21: loaded when a reader asks,
    overrides/assets/reader.js shows it as text): exactly the reviewed text, markup and all, and nowhere in the article."""
    import json

    from pipeline.document.annotate import anchor
    from pipeline.document.glossary import load_glossary

    [entry] = [e for e in load_glossary(hostile / "corpus" / "data" / "glossary.yaml") if e.term == term]
    text = (hostile / "site" / "glossary" / f"{anchor(entry)}.js").read_text(encoding="utf-8")
    data = json.loads(text[text.index(",") + 1:text.rindex(");")])
    assert text.startswith(f'__zhgloss("{anchor(entry)}",') and data["term"] == term and data["definition"] == definition
    if english:
        assert data["english"] == english
    page = read(hostile, ARTICLE_002)
    terms = [a for t, a in page.elements if t in ("a", "abbr") and "gloss" in a.get("class", "").split()]
    assert terms and not [a for a in terms if "title" in a], "no definition in the page"
    assert {} in page.attrs("abbr"), "a later occurrence: a bare <abbr>"
    html = (hostile / "site" / ARTICLE_002).read_text(encoding="utf-8")
    assert not [n for n in ("alert(9)", "alert(10)", "alert(11)") if n in html]  # the definitions' payloads, escaped or not


def test_single_file_download_title_is_decoded_once(singles: dict[str, Path]) -> None:
    path = singles["digital-governance-capacity.zh-Hans.html"]
    html = path.read_text(encoding="utf-8")
    page = Page(html)
    assert page.title.startswith(TITLE)
    assert html.split("<head>", 1)[1].lstrip().startswith('<meta http-equiv="Content-Security-Policy" content="default-src \'none\'')
    assert not live(page)


def test_citation_files_keep_every_value_in_its_field(hostile: Path) -> None:
    cite = hostile / "site" / "cite"
    bib = (cite / "digital-governance-capacity.bib").read_text(encoding="utf-8")
    assert "author = {{张三 and 李四} and 王\\%五\\$\\_\\#\\^{}\\~{}\\{\\}\\textbackslash{}}" in bib
    assert bib.count("{") - bib.count("\\{") == bib.count("}") - bib.count("\\}")
    ris_text = (cite / "digital-governance-capacity.ris").read_text(encoding="utf-8")
    assert all(re.match(r"[A-Z][A-Z0-9]  - ", line) for line in ris_text.splitlines() if line), ris_text
    csl = json.loads((cite / "digital-governance-capacity.json").read_text(encoding="utf-8"))
    assert csl[0]["title"] == TITLE and csl[0]["URL"] == SOURCE_URL
