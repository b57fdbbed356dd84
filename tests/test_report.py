"""Change reports for readers (issue 13): each rule explained in Chinese in the edition's script; removed spam and
chrome described (kind, place, length, sha256), never quoted on a published page; partial pages say so."""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
from pathlib import Path
from urllib.parse import unquote

import pytest

from pipeline.core.convert import t2s
from pipeline.core.data import rule_data
from pipeline.document.article import process_article, process_bytes
from pipeline.document.editions import to_traditional
from pipeline.document.model import Document, Note, Paragraph, Section
from pipeline.publish.article import Article
from pipeline.publish.build import article_pages
from pipeline.publish.labels import warning_text
from pipeline.publish.render import render
from pipeline.publish.report import RULES, reason_zh, to_json, to_markdown
from pipeline.text.clean import RULES as CLEANING_RULES

from .conftest import RAW_002, ROOT
from .markdown_support import site_markdown

ARTICLES = ROOT / "corpus" / "articles"
SLUGS = ["digital-government-efficacy", "digital-governance-capacity"]
SPAM_LINE = RAW_002.read_text(encoding="utf-8").split("\n")[0]
# Our words may name these (code, standards, encodings); any other Latin word on a reader's page is English prose.
ALLOWED_LATIN = {"OpenCC", "HTML", "JSON", "GBK", "SHA", "UTF", "Big", "GB", "t2s", "s2tw", "PDF", "DOI"}


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    out: dict[str, str] = {}
    for slug in SLUGS:
        out.update(article_pages(process_article(ARTICLES / f"{slug}.yaml")))
    return out


def prose(markdown: str) -> str:
    """A report page without its front matter, code spans, link targets, tags and rule ids: the words we wrote."""
    body = markdown.split("---\n", 2)[2]
    body = re.sub(r"`[^`]*`", "", body)
    body = re.sub(r"<[^>]+>", "", body)
    body = re.sub(r"\]\([^)]*\)", "]", body)
    return re.sub(r"\{: #[a-z0-9_]+ \}", "", body)


@pytest.mark.parametrize("slug", SLUGS)
def test_each_rule_is_explained_in_chinese_in_the_editions_script(pages: dict[str, str], slug: str) -> None:
    hans, hant = pages[f"zh-Hans/reports/{slug}.md"], pages[f"zh-Hant/reports/{slug}.md"]
    for page in (hans, hant):
        words = set(re.findall(r"[A-Za-z][A-Za-z0-9]*", prose(page)))
        assert words <= ALLOWED_LATIN, f"English on a reader's page: {sorted(words - ALLOWED_LATIN)}"
    assert "## 结构恢复" in hans and "## 結構恢復" in hant
    assert "识别标题、摘要、关键词" in hans and "識別標題、摘要、關鍵詞" in hant
    assert t2s(prose(hans)) == prose(hans), "simplified page has traditional wording"
    assert to_traditional(prose(hant)) == prose(hant), "traditional page has simplified wording"


def test_every_cleaning_rule_has_a_chinese_explanation() -> None:
    assert {name for rule in CLEANING_RULES for name in rule.__name__.split("+")} <= set(RULES)  # "a+b": rules run until settled


@pytest.mark.parametrize("locale", ["zh-Hans", "zh-Hant"])
def test_removed_spam_is_described_never_quoted(pages: dict[str, str], locale: str) -> None:
    page = pages[f"{locale}/reports/digital-government-efficacy.md"]
    for residue in rule_data()["chrome"]["spam_residue"] + ["网站首页", "網(wǎng)站首頁", "前沿理論> 正文"]:  # type: ignore[index]
        assert residue not in page
    digest = hashlib.sha256(SPAM_LINE.encode()).hexdigest()
    assert digest in page and f"{len(SPAM_LINE)} 字" in page
    assert ("垃圾广告" if locale == "zh-Hans" else "垃圾廣告") in page
    data = json.loads(pages["zh-Hans/reports/digital-government-efficacy.json"])  # one copy, at the root, for both editions
    spam = next(c for c in data["changes"] if 1 in c["lines"])
    assert spam["before"] is None and spam["removed"] == {"kind": "垃圾广告", "length": len(SPAM_LINE), "sha256": digest}
    assert not any("www.av" in json.dumps(c, ensure_ascii=False) for c in data["changes"])


def test_the_raw_download_keeps_the_spam_byte_for_byte(site: Path) -> None:
    for prefix in ("", "zh-Hant/"):  # each edition's report links it; one copy serves both (issue 21)
        report = site / prefix / "reports" / "digital-government-efficacy" / "index.html"  # RAW_002 holds the spam
        for name in (f"raw/{RAW_002.name}", "reports/digital-government-efficacy.json"):
            href = re.search(rf'<a href="((?:\.\./)+){re.escape(name)}"', report.read_text(encoding="utf-8"))
            assert href, (prefix, name)
            linked = (report.parent / href.group(1) / name).resolve()
            assert linked == (site / name).resolve() and linked.is_file()
        assert (report.parent / href.group(1) / "raw" / RAW_002.name).read_bytes() == RAW_002.read_bytes()
    assert not any((site / "zh-Hant" / folder).exists() for folder in ("raw", "cite")), "a second copy of the same files"
    assert not list((site / "zh-Hant" / "reports").glob("*.json"))


def test_no_html_page_quotes_removed_spam_or_chrome(site: Path) -> None:
    residue = rule_data()["chrome"]["spam_residue"]  # type: ignore[index]
    pages = sorted(site.rglob("*.html"))
    assert any("reports" in p.parts for p in pages)
    for page in pages:
        html = page.read_text(encoding="utf-8", errors="replace")
        assert SPAM_LINE not in html and not any(r in html for r in residue), f"{page.relative_to(site)} quotes the spam"


def _partial() -> Document:
    body = Paragraph("s1-p1", "", "正文引用了文献[1]和[2]，页面在此截断")
    return Document("一个标题", sections=(Section("s1", "", (body,)),), notes=(Note(2, "某作者：《某文》，《某刊》，2020年1期，第1—2页。"),),
                    warnings=("notes-missing:1", "ends-mid-sentence", "no-abstract"))


def test_partial_page_shows_a_notice_in_each_script() -> None:
    doc = _partial()
    hans = render(doc, Article.of({"title": doc.title}, doc), "hans")
    assert '!!! warning "页面不完整"' in hans and "注释 \\[1\\] 没有注释内容" in hans and "正文在句子中间结束" in hans
    assert "没有收录摘要" in hans
    hant = render(doc.map_text(to_traditional), Article.of({"title": to_traditional(doc.title)}, doc), "hant")
    assert '!!! warning "頁面不完整"' in hant and "註釋 \\[1\\] 沒有註釋內容" in hant and "正文在句子中間結束" in hant
    # the cut-off note's marker stays as typed; the note that is there is a real footnote
    assert "文献\\[1\\]和[^2]" in hans and "[^1]" not in hans


def test_partial_page_report_names_its_warnings() -> None:
    doc = _partial()
    md = to_markdown("x", doc.title, "x.txt", [], script="hant", warnings=doc.warnings)
    assert "頁面不完整" in md and "[1]" in md
    assert json.loads(to_json("x", "x.txt", [], doc.warnings))["warnings"] == list(doc.warnings)


def test_an_unknown_warning_code_is_still_shown(tmp_path: Path) -> None:
    doc = Document("标题", warnings=("header-spliced",))
    assert "页面不完整（header-spliced）" in render(doc, Article.of({"title": "标题"}, doc), "hans")


@pytest.mark.parametrize("code", ["notes-missing:1,3", "notes-uncited:2", "ends-mid-sentence", "no-abstract"])
def test_each_warning_the_structure_stage_gives_has_words_in_both_scripts(code: str) -> None:
    hans, hant = warning_text(code, "hans"), warning_text(code, "hant")
    assert code not in hans and code not in hant and hans != hant
    assert t2s(hant) == t2s(hans) or hant == to_traditional(hans)


def test_every_change_on_the_real_pages_has_a_chinese_reason() -> None:
    pages = Path(os.environ.get("REALPAGES", ROOT.parent / "shared" / "realpages"))  # as in test_add.py
    results = [process_article(ARTICLES / f"{slug}.yaml") for slug in SLUGS]
    results += [process_bytes(f.read_bytes(), f.name) for f in sorted(pages.glob("*.txt"))]
    results += [process_bytes(f.read_bytes(), f.name) for f in sorted((ROOT / "corpus" / "training" / "pages").glob("*.txt"))]
    untranslated = {(c.rule, c.code) for r in results for c in r.changes if not reason_zh(c)}
    assert not untranslated


def test_identical_changes_are_one_row_with_their_lines_and_count() -> None:
    """Issue 21 (reports lighter): 14 identical comma fixes were 8 rows and "6 more, see the JSON"; now one row naming
    their lines (each once, ten at most) and how many, so the whole rule fits; the JSON lists every line of each."""
    from pipeline.core.changes import Change

    lines = [3, 3, 4, 6, 6, 6, 7, 8, 9, 10, 11, 12, 13, 14]
    comma = [Change(rule="normalise_punctuation", line=n, before=",", after="，", code="half_width_mark")
             for n in lines]
    colon = Change(rule="normalise_punctuation", line=5, before=":", after="：", code="half_width_mark")
    for script, count in (("hans", "（14 处）"), ("hant", "（14 處）")):
        md = to_markdown("x", "标题", "x.txt", [*comma, colon], script=script)
        rows = [ln for ln in md.splitlines() if ln.startswith("| ") and "`" in ln and "normalise" not in ln]
        assert rows[0].startswith(f"| 3, 4, 6, 7, 8, 9, 10, 11, 12, 13…{count} | `,` | `，` |") and rows[1].startswith("| 5 | `:` |")
        assert len(rows) == 2 and "JSON 報告" not in md and "JSON 报告。" not in md
    records = json.loads(to_json("x", "x.txt", [*comma, colon]))["changes"]  # identical changes: one record, their lines
    assert [(r["before"], r["lines"]) for r in records] == [(",", [c.line for c in comma]), (":", [5])]
    # past `examples` different rows, the changes left out are counted
    many = [Change(rule="normalise_punctuation", line=n, before=",", after=f"{n}", code="r") for n in range(1, 12)]
    assert "另有 4 处，见 JSON 报告。" in to_markdown("x", "标题", "x.txt", [*many, many[-1]], script="hans")  # 9, 10, 11 twice


# --- structured reasons (issue 20, part 3): a code and its arguments, never prose -------------------------------------


def test_a_reason_is_worded_from_its_code_and_arguments() -> None:
    """The reader's words are keyed by the change's code; its arguments fill them (a label quoted, a field by its label,
    a warning code in words). A code with no words (the decoder's) shows nothing, so the page writes "—"."""
    from pipeline.core.changes import Change

    def zh(code: str, *args: str) -> str:
        return reason_zh(Change("structure", 1, "x", "", code, args))

    assert zh("label_becomes_field", "【摘要`】", "abstract") == "标签 `【摘要'】`，其内容记入摘要"
    assert zh("label_becomes_field", "专题：", "no_such_field") == "标签 `专题：`，其内容记入文章信息"
    assert zh("partial_page", "notes-missing:1") == "页面不完整，照样发布并加提示：" + warning_text("notes-missing:1", "hans")
    assert zh("repeat_lines", "2", "20") == "第 2–20 行的重复"
    assert zh("decoded_as", "gb18030", "invalid start byte", "5", "gb18030 -5.1") == ""
    md = to_markdown("x", "标题", "x.txt", [Change("decode", 1, "", "", "decoded_as", ("gb18030",))], script="hans")
    assert "| 1 | （空） | （空） | — |" in md


def test_every_variant_row_gets_the_readers_words() -> None:
    """A variant's words name its standard forms from the table's columns (hant, hans). They were matched in the row's
    English reason, so only rows written `variant of X (traditional) / Y (simplified)` had words; 靑 showed "—"."""
    from pipeline.core.context import Context
    from pipeline.text.rules.variants import normalise_variants

    _, changes = normalise_variants("靑年人才", Context(file="x.txt", script="hans", data=rule_data()))
    assert [(c.code, c.args[:2]) for c in changes] == [("variant_traditional_simplified", ("青", "青"))]
    assert reason_zh(changes[0]) == "异体字，改为规范字形 `青`（繁）/ `青`（简）"


def test_the_reports_json_writes_code_and_args() -> None:
    """The JSON (README: the change report's JSON) gives each change's code and arguments, no prose reason; a removed
    spam or chrome line keeps its `removed` block and leaves its arguments out (a spam line's are the spam's words)."""
    from pipeline.core.changes import Change

    changes = [Change("remove_chrome", 1, SPAM_LINE, "", "spam_line", ("一区二区", "久久")),
               Change("structure", 3, "【摘要】", "", "label_becomes_field", ("【摘要】", "abstract"))]
    data = json.loads(to_json("x", "x.txt", changes))
    spam, label = data["changes"]
    assert spam == {"rule": "remove_chrome", "lines": [1], "before": None, "after": "", "code": "spam_line", "args": [],
                    "removed": {"kind": "垃圾广告", "length": len(SPAM_LINE), "sha256": hashlib.sha256(SPAM_LINE.encode()).hexdigest()}}
    assert label == {"rule": "structure", "lines": [3], "before": "【摘要】", "after": "", "code": "label_becomes_field",
                     "args": ["【摘要】", "abstract"]}
    assert "一区二区" not in json.dumps(data, ensure_ascii=False)


PROSE_READ = re.compile(r"\.reason\b|\[[\"']reason[\"']\]")  # a change's (or a chrome row's) reason text, read


def test_no_module_reads_a_reasons_text() -> None:
    """No logic reads prose (issue 20): a change has no `reason` to match on (article.py compares codes, the chrome rule
    branches on codes, the report words a code), and the report keeps no patterns over reasons. The reviewed data's own
    `reason` columns (errata, variants) are passed on as an argument, never read; a UnicodeDecodeError's `.reason` is
    Python's."""
    from dataclasses import fields

    from pipeline.core.changes import Change
    from pipeline.publish import report

    assert [f.name for f in fields(Change)] == ["rule", "line", "before", "after", "code", "args"]
    assert not hasattr(report, "_REASONS")
    allowed = {"pipeline/text/decode.py": 3,  # UnicodeDecodeError.reason, in the refusals' messages and the decoded_as args
               "pipeline/text/rules/errata.py": 1, "pipeline/text/rules/variants.py": 1,  # the data's note, an argument
               "pipeline/publish/report.py": 1}  # R['reason']: the words of the table's column heading, 说明
    found = {}
    for folder in ("pipeline", "scripts", "overrides", "benchmarks"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            if hits := len(PROSE_READ.findall(path.read_text(encoding="utf-8"))):
                found[path.relative_to(ROOT).as_posix()] = hits
    assert found == allowed


def _target(page: Path, href: str) -> Path:
    """The file a relative link of `page` opens (a directory's index.html)."""
    path = (page.parent / unquote(href.split("#")[0])).resolve()
    return path / "index.html" if path.is_dir() else path


def _csp(html: str) -> str:
    found = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)"', html)
    assert found
    return re.sub(r" 'sha256-[^']*'", "", found.group(1))  # each page's inline scripts' hashes (overrides/hooks/csp.py)


def _report_is_light(site: Path, path: Path, prefix: str, slug: str) -> None:
    """Only the report and the site's head: no Material chrome, one script (the palette's), the article's CSP."""
    import lxml.html

    html = path.read_text(encoding="utf-8")
    doc = lxml.html.fromstring(path.read_bytes())
    article = re.search(r"<article\b.*</article>", html, re.DOTALL)
    assert article and len(html.encode()) - len(article.group().encode()) <= 2200, len(html.encode())
    assert not doc.xpath("//*[contains(@class, 'md-search') or contains(@class, 'md-sidebar') or contains(@class, 'md-nav')"
                         " or @id='__config' or @id='__drawer']")
    assert [_target(path, s.get("src")) for s in doc.xpath("//script")] == [(site / "assets" / "report.js").resolve()]
    assert html.split("<head>", 1)[1].lstrip().startswith('<meta http-equiv="Content-Security-Policy"')
    assert _csp(html) == _csp((site / prefix / slug / "index.html").read_text(encoding="utf-8"))  # the article's
    for href in doc.xpath("//head/link[@rel='icon' or @rel='stylesheet']/@href"):
        assert _target(path, href).is_file(), href
    assert {_target(path, h).name for h in doc.xpath("//head/link[@rel='stylesheet']/@href")} >= {"reader.css", "report.css"}


def _report_links(site: Path, path: Path, locale: str, other: str, slug: str) -> None:
    """The skip link, the site's name linking home, the edition switch and alternates, the link back to the article."""
    import lxml.html

    doc = lxml.html.fromstring(path.read_bytes())
    offset = "" if locale == "zh-Hans" else "zh-Hant/"
    assert doc.get("lang") == locale
    assert doc.xpath("//a[@class='md-skip']/@href") == ["#" + doc.xpath("//article//h1")[0].get("id")]
    assert len(doc.xpath("//header")) == 1 and len(doc.xpath("//main")) == 1
    home = doc.xpath("//header//a[contains(@class, 'md-header__title')]")[0]
    assert _target(path, home.get("href")) == (site / offset / "index.html").resolve() and home.text_content().strip()
    switch = {a.get("hreflang"): a for a in doc.xpath("//header//a[contains(@class, 'zh-edition')]")}
    assert set(switch) == {locale, other} and switch[locale].get("aria-current") == "page"
    for lang, a in switch.items():
        want = site / ("" if lang == "zh-Hans" else "zh-Hant/") / "reports" / slug / "index.html"
        assert a.get("lang") == lang and _target(path, a.get("href")) == want.resolve(), lang
    alternates = {a.get("hreflang"): _target(path, a.get("href")) for a in doc.xpath("//head/link[@rel='alternate']")}
    assert alternates == {"zh-Hans": (site / "reports" / slug / "index.html").resolve(), "x-default": alternates["zh-Hans"],
                          "zh-Hant": (site / "zh-Hant" / "reports" / slug / "index.html").resolve()}
    article = (site / offset / slug / "index.html").resolve()
    assert [a for a in doc.xpath("//article//a") if _target(path, a.get("href")) == article], "no link back to the article"


@pytest.mark.parametrize(("prefix", "locale", "other"), [("", "zh-Hans", "zh-Hant"), ("zh-Hant/", "zh-Hant", "zh-Hans")])
def test_a_report_page_is_its_report_with_what_its_reader_needs(site: Path, prefix: str, locale: str, other: str) -> None:
    """Issue 21: a report page was Material's whole page, 15 kB for 3.4 kB of report: the search dialog, the navigation
    drawer, two copies of the table of contents, the theme's script and its configuration. Its own template
    (overrides/report.html) keeps the site's head (the same CSP, edition alternates, favicon, the styles), the skip
    link, the site's name linking home, the edition switch to the same report, the link back to the article; one
    script, the palette's (assets/report.js), and no inline one; the page around the report is at most 2.2 kB."""
    for slug in SLUGS:
        path = site / prefix / "reports" / slug / "index.html"
        _report_is_light(site, path, prefix, slug)
        _report_links(site, path, locale, other, slug)


RAW_URL = "https://github.com/o/r/blob/0123abc/"


class _Written:
    """scripts' Out as write_article sees it: what it would write where (docs/ or the site's extra files)."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}

    def write(self, rel: str, data: bytes) -> None:
        self.files[rel] = data


def _written_article(slug: str) -> dict[str, bytes]:
    from pipeline.publish.build import article_unit, write_article
    from pipeline.publish.listing import article_nav

    unit = article_unit(ARTICLES / f"{slug}.yaml")
    out = _Written()
    write_article(out, unit, {s: article_nav([e], s) for s, e in unit.entries.items()}, 0)  # type: ignore[arg-type]
    return out.files


def _raw_href(markdown: str) -> str:
    found = re.search(r'<a href="([^"]*)"><code>[^<]*\.txt</code></a>', site_markdown().reset().convert(markdown.split("---\n", 2)[2]))
    assert found, markdown[:400]
    return html.unescape(found.group(1))


def test_raw_file_linked_in_the_site_or_from_the_repository(monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 21: the raw files (14 kB an article) are the repository's own bytes. Without RAW_URL (make site, the tests)
    the site holds them under raw/ and both editions' reports link that copy; with it (the CI build: the commit's files
    on GitHub) the reports link RAW_URL + corpus/raw/<file> and no raw/ is written into the site."""
    slug = "digital-government-efficacy"
    monkeypatch.delenv("RAW_URL", raising=False)
    files = _written_article(slug)
    assert files[f"zh-Hans/raw/{RAW_002.name}"] == RAW_002.read_bytes()
    assert _raw_href(files[f"zh-Hans/reports/{slug}.md"].decode()) == f"../../raw/{RAW_002.name}"
    assert _raw_href(files[f"zh-Hant/reports/{slug}.md"].decode()) == f"../../../raw/{RAW_002.name}"
    monkeypatch.setenv("RAW_URL", RAW_URL)
    files = _written_article(slug)
    assert not [rel for rel in files if "/raw/" in rel or rel.startswith("raw/")], sorted(files)
    for locale in ("zh-Hans", "zh-Hant"):
        assert _raw_href(files[f"{locale}/reports/{slug}.md"].decode()) == f"{RAW_URL}corpus/raw/{RAW_002.name}"
    assert json.loads(files[f"zh-Hans/reports/{slug}.json"])["raw"] == f"corpus/raw/{RAW_002.name}"


def test_raw_url_is_escaped_for_markdown_and_html_and_must_be_a_web_url(monkeypatch: pytest.MonkeyPatch) -> None:
    """RAW_URL is the operator's, but a report page takes it as a link and nothing else: Markdown's own characters
    (backquote, backslash, brackets, ampersand) and HTML's (quotes, angle brackets) reach the href as the URL's
    percent-escapes; a URL of another scheme, or one the file's path cannot be appended to, stops the build."""
    from pipeline.core.changes import PipelineError
    from pipeline.publish.cache import unit_key

    key = unit_key(ARTICLES / "digital-government-efficacy.yaml")
    hostile = 'https://example.org/a"b<i>c</i>`d`\\e[f](g)&h=1\'/'
    monkeypatch.setenv("RAW_URL", hostile)
    assert unit_key(ARTICLES / "digital-government-efficacy.yaml") != key  # a cached report holds the old link
    page = to_markdown("x", "标题", "a b.txt", [])
    rendered = site_markdown().reset().convert(page.split("---\n", 2)[2])
    assert "<i>" not in rendered and "<code>d</code>" not in rendered and "[f]" not in rendered.split("</a>")[0]
    assert _raw_href(page) == "https://example.org/a%22b%3Ci%3Ec%3C/i%3E%60d%60%5Ce%5Bf%5D(g)%26h=1'/corpus/raw/a%20b.txt"
    for bad in ("javascript:alert(1)//", "https://example.org/blob/sha", "//example.org/", "data:text/html,x/"):
        monkeypatch.setenv("RAW_URL", bad)
        with pytest.raises(PipelineError, match="RAW_URL"):
            to_markdown("x", "标题", "a.txt", [])


def test_the_ci_build_links_the_raw_files_of_the_commit_it_built() -> None:
    import yaml

    jobs = yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8"))["jobs"]
    build = next(s for s in jobs["build"]["steps"] if s.get("run") == "make site")
    assert build["env"]["RAW_URL"] == "https://github.com/${{ github.repository }}/blob/${{ github.sha }}/"
