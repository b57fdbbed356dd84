"""The 93 cases of ../shared/hostile-cases.md (issue 22): id, channel, input, group, parameters; and the outcomes."""

from __future__ import annotations

from dataclasses import dataclass, field

GOOD = ("refused cleanly", "escaped", "handled")
BAD = ("executed", "injected", "silent corruption", "traceback", "refused only later", "slow", "refused badly")


@dataclass
class Case:
    id: str
    channel: str
    input: str
    group: str
    params: dict[str, object] = field(default_factory=dict)


@dataclass
class Outcome:
    outcome: str
    detail: str


def payload(n: str) -> str:
    """Round two's markup payload on one line, every piece carrying the case's marker `pwn<n>` (attributes, scripts,
    styles), so that whatever a page holds or runs names its case."""
    return (f"<script>alert('pwn{n}')</script>\"><img src=x onerror=alert('pwn{n}') data-pwn={n}></script>"
            f"<script>alert('pwn{n}')</script>{{{{ 7*7 }}}}{{% raw %}}]]>[链](javascript:alert('pwn{n}'))"
            f"{{: data-pwn={n} onclick=alert('pwn{n}') }}pwn{n}")


def attr_list(n: str, what: str) -> str:
    return {"style": f'{{: style="outline:99em solid red;--pwn:{n}" data-pwn={n} }}',
            "onclick": f"{{: onclick=\"alert('pwn{n}')\" data-pwn={n} }}",
            "config": f"{{: #__config data-pwn={n} }}",
            "footnote": f"[1]{{: onclick=\"alert('pwn{n}')\" style=\"color:red;--pwn:{n}\" data-pwn={n} }}"}[what]


NAMES = {"dquote": 'q";touch X;".txt', "squote": "q';touch X;'.txt", "backtick": "back`touch X`.txt", "shell": "mk$(shell touch X).txt",
         "semicolon": "semi;touch X;.txt", "dollar": "var$(x)${y}$$z.txt", "dash": "-lead.txt", "newline": "line\nbreak.txt"}
RESERVED = ["index", "zh-hant", "search", "assets", "404", "raw", "sitemap", "feed", "articles", "reports", "cite", "downloads", "glossary"]
HEADER_LINES = ["title", "author", "date", "venue", "keywords", "abstract", "body", "footnote"]
YAML_FIELDS = ["authors", "publisher", "column", "summary", "author_note", "keywords", "clc"]
QUERIES = [".*", "(a|aa)+$", "<img src=x onerror=alert('pwnq')>", "\"><script>alert('pwnq')</script>", "title:x^10 +y -z~2", "*",
           "\\", "%00\u0000", "{{7*7}}", "javascript:alert('pwnq')", "数" * 10_000]


def cases() -> list[Case]:
    out: list[Case] = []
    for key, name in NAMES.items():
        out.append(Case(f"name-{key}", "`make add FILE=`", f"file name `` {ascii(name)[1:-1]} ``", "add", {"name": name}))
    for slug in RESERVED:
        out.append(Case(f"slug-{slug}", "`make add SLUG=`", f"reserved slug `{slug}`", "add", {"slug": slug}))
    out.append(Case("slug-newline", "`make add SLUG=`", "slug `evil\\n`", "add", {"slug": "evil\n"}))
    out.append(Case("title-only", "`make add`", "a title-only page", "add", {}))
    out.append(Case("disk-add", "`make add`", "disk full (tmpfs over corpus/raw, then corpus/articles)", "add", {}))
    # One page per case, built together
    for i, line in enumerate(HEADER_LINES):
        out.append(Case(f"scraped-{line}", f"scraped {line} line" if line not in ("body", "footnote") else f"scraped {line}",
                        "`<script>`, `\"><img>`, `</script>`, Jinja, `{% raw %}`, `]]>`, `javascript:` link, attribute list",
                        "scraped", {"line": line, "n": f"{i:02d}"}))
    for i, what in enumerate(("style", "onclick", "config")):
        out.append(Case(f"title-attr-{what}", "scraped title line", f"trailing `{attr_list('N', what)}`", "scraped",
                        {"line": "title", "attr": what, "n": f"1{i}"}))
    out.append(Case("footnote-attr", "scraped paragraph", f"`{attr_list('N', 'footnote')}`", "scraped", {"line": "footnote-attr", "n": "13"}))
    out.append(Case("title-fffe", "scraped title line", "U+FFFE", "scraped", {"line": "title-fffe", "n": "14"}))
    out.append(Case("keywords-ffff", "scraped keywords line", "U+FFFF, U+FFFE", "scraped", {"line": "keywords-ffff", "n": "15"}))
    out.append(Case("author-quote", "scraped author line", '`2022-03-12杨阳">`', "scraped", {"line": "author-quote", "n": "16"}))
    out.append(Case("venue-tags", "scraped venue line", "`《中国<b>行政</b>管理》` and `<img onerror>`", "scraped", {"line": "venue-tags", "n": "17"}))
    out.append(Case("body-syntax", "scraped body", "pymdown syntax, `--8<--` includes, math, `<details>`, admonitions, tabs", "scraped",
                    {"line": "body-syntax", "n": "18"}))
    out.append(Case("body-invisible", "scraped body", "NUL after 4 KiB, ESC/BEL, U+202E, zero-width, Zalgo", "scraped",
                    {"line": "body-invisible", "n": "19"}))
    out.append(Case("long-title", "scraped title / keywords lines", "5,000-character title, 2,000 keywords", "scraped",
                    {"line": "long", "n": "20"}))
    for i, name in enumerate(YAML_FIELDS):
        out.append(Case(f"yaml-{name}", f"YAML `{name}`", "the same markup payload", "scraped", {"field": name, "n": f"3{i}"}))
    out.append(Case("yaml-authors-cite", "YAML `authors`", "` and `, `% $ & # _ ^ ~ { } \\`, newline + `TY  -` (BibTeX, RIS)", "scraped",
                    {"field": "authors-cite", "n": "40"}))
    out.append(Case("yaml-title-attr", "YAML editorial title", '`{: style="position:fixed;inset:0" … }`', "scraped", {"field": "title-attr", "n": "41"}))
    out.append(Case("yaml-title-script", "YAML title", "`<script>`, `</title><script>`, `</script>` (JSON-LD)", "scraped",
                    {"field": "title-script", "n": "42"}))
    out.append(Case("yaml-title-entities", "YAML title", "`&amp;lt;meta http-equiv=\"refresh\" …&amp;gt;`", "scraped",
                    {"field": "title-entities", "n": "43"}))
    out.append(Case("yaml-title-comment", "YAML title", "`<!--<script>…`", "scraped", {"field": "title-comment", "n": "44"}))
    out.append(Case("glossary-def-script", "glossary `definition`", "`('x')<script>…</script>`", "scraped", {"data": "def-script", "n": "50"}))
    out.append(Case("glossary-def-image", "glossary `definition`", "`![onmouseover=alert(1)//](x)`", "scraped", {"data": "def-image", "n": "51"}))
    out.append(Case("glossary-english", "glossary `english`", "`<script>`, quotes, `&`", "scraped", {"data": "english", "n": "52"}))
    out.append(Case("errata-reason", "errata `reason`", "`<script>`", "scraped", {"data": "errata", "n": "53"}))
    out.append(Case("chrome-reason", "chrome `reason`", "`<img onerror>`", "scraped", {"data": "chrome-reason", "n": "54"}))
    out.append(Case("chrome-backtrack", "`chrome.yaml` pattern", "`[^Z]*[^Z]*[^Z]*[^Z]*[^Z]*[^Z]*Z`", "scraped", {"data": "backtrack", "n": "55"}))
    out.append(Case("search", "search box", f"{len(QUERIES)} hostile queries (regex, lunr syntax, HTML, NUL, a 10,000-character Han query)",
                    "scraped", {"n": "q"}))
    # Refusals: one edit at a time
    for case_id, channel, text in REFUSAL_TEXT:
        out.append(Case(case_id, channel, text, "refuse"))
    out.append(Case("disk-site", "`make site`", "disk full (a 256 kB tmpfs over build/)", "ops"))
    out.append(Case("two-builds", "`make site`", "two at once in one folder (3 runs)", "ops"))
    out.append(Case("kill-9", "`make site`", "`kill -9` of the build at five moments", "ops"))
    out.append(Case("size-1mb", "raw file", "1 MB article", "sizes", {"kind": "1mb"}))
    out.append(Case("size-line", "raw file", "a 5 MB article in one line", "sizes", {"kind": "line"}))
    out.append(Case("size-nesting", "raw file", "50,000 nested `[ ( { < * _` and backticks in one paragraph", "sizes", {"kind": "nesting"}))
    out.append(Case("size-garbled", "raw file", "20,000 garbled regions", "sizes", {"kind": "garbled"}))
    return out


REFUSAL_TEXT = [
    ("yaml-slug-reserved", "YAML `slug`", "`index`, `glossary`, `downloads`"),
    ("yaml-slug-dotdot", "YAML `slug`", "`../../evil`"),
    ("yaml-slug-250", "YAML `slug`", "250 characters"),
    ("yaml-slug-newline", "YAML `slug`", "trailing newline"),
    ("yaml-slug-twice", "article YAML", "two articles with one slug"),
    ("yaml-duplicate-key", "article YAML", "a key given twice"),
    ("yaml-date", "YAML `date`", "`2023-00-10`, `2023-13-45`, `2023-02-30`"),
    ("yaml-surrogate", "YAML `title`", "`\\ud800`"),
    ("yaml-nonchar", "YAML `title` / `keywords`", "U+FFFE, U+FFFF"),
    ("yaml-controls", "YAML `publisher` / `title`", "ESC, U+202E"),
    ("yaml-author-ris", "YAML `authors`", "newline + `TY  -`"),
    ("yaml-url-quote", "YAML `source_url`", "`https://example.com/\"><script>…`"),
    ("yaml-url-scheme", "YAML `source_url`", "`javascript:`, `data:`, `//host`, user name"),
    ("yaml-raw-markup", "YAML `raw`", "`x.txt)<img src=\"x\" onerror=…>.txt`"),
    ("yaml-raw-outside", "YAML `raw`", "`../articles/x.txt`"),
    ("glossary-term-newline", "glossary `term`", "`\"安全测试\\n\"`"),
    ("glossary-term-attr", "glossary `term`", "`{: onclick=x }\"'`"),
    ("glossary-english-blank", "glossary `english`", "blank lines around `<script>`"),
    ("override-markup", "conversion override", "`關於本站 → 關於本站<script>…`"),
    ("errata-reason-short", "errata `reason`", "too short (schema)"),
    ("billion-laughs", "`glossary.yaml`", "billion-laughs anchors"),
    ("chrome-redos", "`chrome.yaml` pattern", "`(a|aa)+$`, `(?<=栏目)`"),
    ("raw-symlink", "raw file", "replaced by a symlink (same bytes, cached)"),
    ("yaml-symlink", "article YAML", "a symlink to a file outside the tree"),
]
