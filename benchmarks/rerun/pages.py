"""Group `scraped`: the page, YAML change, editorial title and data-file edits each case brings."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from benchmarks.rerun.cases import Case, attr_list, payload
from benchmarks.rerun.runner import edit_yaml

BODY1 = "在促进国家治理体系和治理能力现代化方面，数字技术和数字资源发挥着越来越重要的作用。各地积极落实和推进党中央、国务院要求，政府数字服务能力显著提升。"
BODY2 = "总体看，各级政府的网上政务服务能力显著提高，数字政府建设取得了显著成绩，但也面临一些问题。"
TITLE_WORDS = ["甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"]


def page_lines(n: str) -> dict[str, str]:
    """A page the pipeline reads in full (title, author, date, venue, abstract, keywords, two paragraphs, a note), its
    title distinct per case (`make add` refuses a title it already has)."""
    tag = "".join(TITLE_WORDS[int(c)] if c.isdigit() else "问" for c in n)
    return {"title": f"数字政府建设的若干问题研究{tag}篇", "author": "张三（北京大学 政府管理学院，北京 100871）", "date": "2023年2月28日",
            "venue": "《中国行政管理》2021年第5期", "abstract": "摘要：本文讨论数字政府建设中的若干问题，分析其成因并提出对策建议，供有关部门参考。",
            "keywords": "关键词：数字政府；治理能力；数据共享", "body": BODY1, "body2": BODY2 + "[1]", "notes": "注释：",
            "footnote": "[1] 参见国务院办公厅关于加强数字政府建设的指导意见。"}


def page_text(lines: dict[str, str]) -> str:
    return "\n".join(lines[k] for k in ("title", "author", "date", "venue", "abstract", "keywords", "body", "body2", "notes", "footnote")) + "\n"


SYNTAX_BODY = ('!!! danger "注意"\n    admonition 内容 pwn18\n=== "标签"\n--8<-- "/etc/passwd"\n--8<-- "mkdocs.yml"\n'
               "$$\\alpha$$ $x^2$ \\(y\\)\n<details><summary>展开</summary>pwn18</details>\n"
               "*[HTML]: Hyper Text\n[TOC]\n++ctrl+alt++ ==标记== ~~删~~ ^^上^^ :smile: {++加++}{--删--}\n"
               '```python\nimport os\n```\n<div markdown="1">**粗**</div>\n')


def scraped_page(case: Case) -> tuple[str | bytes, str]:
    """The page for a case and the text its article's title must still contain (nothing lost)."""
    n = str(case.params.get("n", "00"))
    lines = page_lines(n)
    title = lines["title"]
    line = str(case.params.get("line", ""))
    if "attr" in case.params:
        lines["title"] += " " + attr_list(n, str(case.params["attr"]))
    elif line in ("title", "author", "date", "venue", "keywords", "abstract", "body", "footnote"):
        lines[line] += payload(n)
    elif line == "footnote-attr":
        lines["body2"] = BODY2 + attr_list(n, "footnote") + "更多文字。"
        lines["notes"] = lines["footnote"] = ""
    elif line == "title-fffe":
        lines["title"] = lines["title"][:6] + "\ufffe" + lines["title"][6:]
    elif line == "keywords-ffff":
        lines["keywords"] = "关键词：数字政府\uffff；治理\ufffe能力；数据共享"
    elif line == "author-quote":
        lines["author"] = '2022-03-12杨阳">'
        lines["date"] = ""
    elif line == "venue-tags":
        lines["venue"] = f"《中国<b>行政</b>管理》<img src=\"x\" onerror=\"alert('pwn{n}')\" data-pwn={n}>2021年第5期"
    elif line == "body-syntax":
        lines["body"] += "\n" + SYNTAX_BODY
    elif line == "body-invisible":
        lines["body"] += "数字\x1b[31m技术\x07与\u202e资源\u200b\u200d\u2066治\u0300\u0301\u0302\u0303\u0304理" + "\u0301" * 40
    elif line == "long":
        lines["title"] = "数字政府" + "建设问题研究" * 833 + title[-3:]
        lines["keywords"] = "关键词：" + "；".join(f"关键词{i:04d}" for i in range(2000))
        title = "数字政府建设问题研究"
    if line == "body-invisible":  # a NUL after the first 4 KiB of the body: the page made long enough first
        lines["body2"] = "\n".join(f"第{i}段：{BODY1}" for i in range(30)) + "\n正\0\0文。" + lines["body2"]
        return page_text(lines).encode("utf-8"), title
    return page_text(lines), title


def yaml_change(case: Case) -> Callable[[dict], dict] | None:  # type: ignore[type-arg]
    n = str(case.params.get("n", ""))
    what = str(case.params.get("field", ""))
    p = payload(n)
    if what == "summary":  # on the home page: the article made the newest
        return lambda m: {**m, "summary": "摘要：" + p, "date": "2026-12-01"}
    if what == "author_note":  # shown where no author is named
        return lambda m: {**m, "author_note": p, "authors": []}
    if what in ("publisher", "column", "clc"):
        return lambda m: {**m, what: p}
    if what == "authors":
        return lambda m: {**m, "authors": [p, "李四"]}
    if what == "keywords":
        return lambda m: {**m, "keywords": [p, "治理"]}
    if what == "authors-cite":
        return lambda m: {**m, "authors": ["张三 and 李四", "王%五$_#^~{}\\&"]}
    return None


EDITORIAL = {  # YAML editorial titles, given as `make add TITLE=…` for a page without a title of its own
    "title-attr": ' {: style="position:fixed;inset:0;--pwn:{n}" #__config onclick="alert(\'pwn{n}\')" data-pwn={n} }',
    "title-script": "<script>alert('pwn{n}')</script></title><script>alert('pwn{n}')</script></script><script>alert('pwn{n}')</script>",
    "title-entities": '&amp;lt;meta http-equiv="refresh" content="0;url=https://evil.example/pwn{n}"&amp;gt;',
    "title-comment": "<!--<script>alert('pwn{n}')</script>尾"}


def editorial(case: Case) -> tuple[str, str]:
    """A page with no title of its own (two paragraphs), and the editorial title with the case's payload."""
    n = str(case.params["n"])
    body = "\n\n" + BODY1.replace("各地", f"第{n}号文件要求各地") + "\n" + BODY2 + "\n"
    return body, f"编辑标题{n}号：数字政府建设" + EDITORIAL[str(case.params["field"])].replace("{n}", n)


def data_edits(repo: Path, todo: list[Case]) -> None:
    ids = {str(c.params.get("data")): str(c.params["n"]) for c in todo if "data" in c.params}
    if {"def-script", "def-image", "english"} & set(ids):
        def glossary(g: dict) -> dict:  # type: ignore[type-arg]
            for t in g["terms"]:
                if t["term"] == "数据有序流动":
                    if "def-image" in ids:
                        t["definition"] = f"定义![onmouseover=alert('pwn{ids['def-image']}')//](x)结尾。"
                    if "english" in ids:
                        t["english"] = f"silo <script>alert('pwn{ids['english']}')</script> \"quoted\" & more"
                if t["term"] == "条块协同" and "def-script" in ids:
                    t["definition"] = f"定义('x')<script>alert('pwn{ids['def-script']}')</script>。"
            return g
        edit_yaml(repo / "corpus/data/glossary.yaml", glossary)
    if "errata" in ids:
        edit_yaml(repo / "corpus/data/errata.yaml",
                  lambda e: [{**e[0], "reason": f"<script>alert('pwn{ids['errata']}')</script>原因：乱码修复的说明文字足够长。"}, *e[1:]])  # type: ignore[index, dict-item]
    chrome = repo / "corpus/data/chrome.yaml"
    text = chrome.read_text(encoding="utf-8")
    if "chrome-reason" in ids:
        text = text.replace("scraper's teaser label, not part of the article", f"<img src=x onerror=alert('pwn{ids['chrome-reason']}')>栏目标签")
    if "backtrack" in ids:
        text = text.replace("chrome_lines:\n", 'chrome_lines:\n  - pattern: "[^Z]*[^Z]*[^Z]*[^Z]*[^Z]*[^Z]*Z"\n    reason: "a backtracking pattern"\n', 1)
    chrome.write_text(text, encoding="utf-8")
