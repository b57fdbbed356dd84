"""Hostile input, round two, rerun (issue 22): the 93 cases of ../shared/hostile-cases.md, each applied to a copy of
the repository and run through the real entry points (`make add`, `make site`), the built pages opened in headless
Chromium with dialog, console, page-error and CSP-violation listeners. Writes benchmarks/results/hostile_rerun.md.

    python -m benchmarks.hostile_rerun [--only ID,ID,...] [--keep DIR] [--no-write]

Cases that cannot disturb one another share a copy and a build, so the whole rerun is a few builds:

- `add`: `make add` with hostile file names, slugs, a title-only page, a full disk (a tmpfs mounted over the corpus);
- `scraped`: one page per case added with `make add` (a payload on one header line, in the body or a footnote), YAML
  fields and data files edited, all built together (`SITE_URL` set, so the feeds and the sitemap are written);
- `refuse`: one edit at a time on a built copy, `make site`, the edit undone: a refusal is one line naming the file
  (and the line, where the input has lines), the live site untouched;
- `ops`: a full disk during `make site`, two builds at once, `kill -9` at five moments, a backtracking pattern;
- `sizes`: 1 MB, a 5 MB line, 50,000 nested openers, 20,000 garbled regions, in one build (CPU seconds bounded).

Outcomes as in hostile-cases.md: refused cleanly / escaped / handled are fine; injected / executed / silent
corruption / traceback / refused only later / slow / refused badly (not one line, or no file or line) are not.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import json
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING
from xml.etree import ElementTree as ET

import yaml

from benchmarks.hostile import nesting
from benchmarks.synthetic import RAW_000, big_text
from pipeline.core.data import ROOT
from scripts.fresh_copy import fresh_copy

if TYPE_CHECKING:
    from playwright.sync_api import Page

RESULTS = ROOT / "benchmarks" / "results"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--disable-quic"]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
SITE_URL = "https://example.org/"
CAPACITY = "corpus/articles/digital-governance-capacity.yaml"
EFFICACY = "corpus/articles/digital-government-efficacy.yaml"
ORIGINAL = {"digital-governance-capacity": "我国政府数字治理能力建设", "digital-government-efficacy": "数字政府"}
GOOD = ("refused cleanly", "escaped", "handled")
BAD = ("executed", "injected", "silent corruption", "traceback", "refused only later", "slow", "refused badly")

# --- the cases -----------------------------------------------------------------------------------


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

# --- running things ------------------------------------------------------------------------------


@dataclass
class Run:
    code: int
    out: str
    err: str
    seconds: float
    cpu: float
    timed_out: bool = False


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(cmd: list[str], cwd: Path, timeout: float = 600, env: dict[str, str] | None = None) -> Run:
    start, cpu = time.perf_counter(), _children_cpu()
    try:
        done = subprocess.run(cmd, cwd=cwd, env=env or ENV, capture_output=True, text=True, timeout=timeout, errors="replace")
    except subprocess.TimeoutExpired as exc:
        return Run(-1, str(exc.stdout or ""), str(exc.stderr or ""), time.perf_counter() - start, _children_cpu() - cpu, True)
    return Run(done.returncode, done.stdout, done.stderr, time.perf_counter() - start, _children_cpu() - cpu)


def make(repo: Path, *args: str, timeout: float = 600, env: dict[str, str] | None = None) -> Run:
    """The Makefile's own recipe; STAMP= and PY=: the shared .venv instead of creating one in the copy."""
    return run(["make", "--no-print-directory", *args, "STAMP=", "PY=.venv/bin/python"], repo, timeout, env)


def copy_repo(dest: Path) -> Path:
    fresh_copy(dest, skip=("benchmarks/results/",))
    for name in (".venv", "node_modules"):
        (dest / name).symlink_to((ROOT / name).resolve())
    return dest


def error_lines(err: str) -> list[str]:
    """What the user reads on stderr, without make's own closing line."""
    return [line for line in err.splitlines() if line.strip() and not re.match(r"make(\[\d+\])?: \*\*\* ", line)]


def judge_refusal(done: Run, file: str | None = None, line: bool = True, words: str = "") -> Outcome:
    """A refusal must be one `error: FILE[:LINE]: …` line (exit non-zero, no traceback)."""
    if done.timed_out:
        return Outcome("slow", f"no answer after {done.seconds:.0f} s")
    if "Traceback" in done.err:
        return Outcome("traceback", done.err.strip().splitlines()[-1][:200])
    lines = error_lines(done.err)
    if done.code == 0:
        return Outcome("silent corruption", "accepted")
    if len(lines) != 1 or not lines[0].startswith("error: "):
        return Outcome("refused badly", f"{len(lines)} lines: " + " ⏎ ".join(lines)[:300])
    text = lines[0]
    if file is not None and not text.startswith(f"error: {file}"):
        return Outcome("refused badly", f"does not name {file}: {text[:300]}")
    if line and not re.match(r"error: .+?:\d+: ", text):
        return Outcome("refused badly", f"no line number: {text[:300]}")
    if words and words not in text:
        return Outcome("refused badly", f"says something else ({words!r} expected): {text[:300]}")
    return Outcome("refused cleanly", text[:300])


def snapshot(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def stamps(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): p.stat().st_mtime_ns for p in sorted(folder.rglob("*"))} if folder.exists() else {}


def edit_yaml(path: Path, change: Callable[[dict], dict]) -> None:  # type: ignore[type-arg]
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    path.write_text(yaml.safe_dump(change(data), allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")


def mount_tmpfs(where: Path, size: int) -> str | None:
    where.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)], capture_output=True, text=True)
    return None if done.returncode == 0 else (done.stderr.strip() or "mount failed")


def umount(where: Path) -> None:
    subprocess.run(["umount", str(where)], capture_output=True)


# --- group: make add ------------------------------------------------------------------------------

PAGE = """数字政府建设的若干问题研究
张三
2023年2月28日
在促进国家治理体系和治理能力现代化方面，数字技术和数字资源发挥着越来越重要的作用。各地积极落实和推进党中央、国务院要求，政府数字服务能力显著提升。
总体看，各级政府的网上政务服务能力显著提高，数字政府建设取得了显著成绩，但也面临一些问题。
"""
PAGE_SLUG = "shuzi-zhengfu-jianshe-de"


def no_command_ran(*folders: Path) -> bool:
    return not any((f / "X").exists() for f in folders)


def added_since(corpus: Path, before: dict[str, str]) -> list[str]:
    return sorted(set(snapshot(corpus)) - set(before))


def remove(corpus: Path, rels: list[str]) -> None:
    for rel in rels:
        (corpus / rel).unlink()


def add_group(repo: Path, todo: list[Case], results: dict[str, Outcome], scratch: Path) -> None:
    corpus = repo / "corpus"
    for case in todo:
        before = snapshot(corpus)
        if "name" in case.params:
            name = str(case.params["name"])
            page = repo / name
            page.write_text(PAGE, encoding="utf-8")
            done = make(repo, "add", f"FILE={name}")
            added = added_since(corpus, before)
            raws = [corpus / r for r in added if r.startswith("raw/")]
            page.unlink()
            if not no_command_ran(repo, scratch):
                results[case.id] = Outcome("executed", "X was created")
            elif done.code == 0 and raws and raws[0].read_bytes() == PAGE.encode() and f"articles/{PAGE_SLUG}.yaml" in added:
                results[case.id] = Outcome("handled", "read under its exact name: " + next(
                    (line for line in done.out.splitlines() if line.startswith("added ")), "")[:90])
            elif done.code == 0:
                results[case.id] = Outcome("silent corruption", f"added {added}, not the page under its name")
            else:
                results[case.id] = judge_refusal(done, line=False)
            remove(corpus, added)
        elif "slug" in case.params:
            slug = str(case.params["slug"])
            page = scratch / "page.txt"
            page.write_text(PAGE, encoding="utf-8")
            done = make(repo, "add", f"FILE={page}", f"SLUG={slug}")
            added = added_since(corpus, before)
            if not no_command_ran(repo, scratch):
                results[case.id] = Outcome("executed", "X was created")
            elif done.code == 0:
                results[case.id] = Outcome("refused only later", f"written to the corpus: {added}")
            else:
                results[case.id] = judge_refusal(done, file=str(page), line=False, words="--slug")
            remove(corpus, added)
        elif case.id == "title-only":
            page = scratch / "title-only.txt"
            page.write_text("数字政府建设的若干问题研究\n", encoding="utf-8")
            done = make(repo, "add", f"FILE={page}")
            out = judge_refusal(done, file=str(page), line=False, words="no article text")
            results[case.id] = out if out.outcome != "silent corruption" else Outcome("silent corruption", "a title-only page was added")
            remove(corpus, added_since(corpus, before))
        elif case.id == "disk-add":
            results[case.id] = disk_full_add(repo, scratch)
        assert snapshot(corpus) == before, f"{case.id}: the corpus was not restored"


def disk_full_add(repo: Path, scratch: Path) -> Outcome:
    """Each of corpus/raw and corpus/articles in turn on a tmpfs with no room left (its files copied in): `make add`
    must say one line and leave nothing; with room again, the same page gets the same slug (not `-2`)."""
    corpus = repo / "corpus"
    page = scratch / "full.txt"
    page.write_text(PAGE, encoding="utf-8")
    details = []
    for folder in ("raw", "articles"):
        where = corpus / folder
        files = {p.name: p.read_bytes() for p in where.iterdir()}
        before = snapshot(corpus)
        pages = sum(-(-len(b) // 4096) for b in files.values()) or 1
        if problem := mount_tmpfs(where, pages * 4096):
            return Outcome("not run", f"tmpfs: {problem}")
        try:
            for name, data in files.items():
                (where / name).write_bytes(data)
            # fill what rounding left
            try:
                with (where / ".fill").open("wb") as f:
                    while True:
                        f.write(b"\0" * 4096)
                        f.flush()
            except OSError:
                pass
            full_before = snapshot(corpus)
            done = make(repo, "add", f"FILE={page}")
            (where / ".fill").unlink(missing_ok=True)
            after = snapshot(corpus)
        finally:
            umount(where)
        out = judge_refusal(done, line=False, words="No space left")
        left = sorted(set(after) - set(full_before))
        details.append(f"{folder} full: {out.outcome}: {out.detail}" + (f"; left behind: {left}" if left else ""))
        if out.outcome != "refused cleanly":
            return Outcome(out.outcome, "; ".join(details))
        if left:
            return Outcome("silent corruption", "; ".join(details))
        assert snapshot(corpus) == before
    before = snapshot(corpus)
    done = make(repo, "add", f"FILE={page}")
    added = added_since(corpus, before)
    remove(corpus, added)
    if done.code != 0 or f"articles/{PAGE_SLUG}.yaml" not in added:
        return Outcome("silent corruption", "; ".join(details) + f"; with room again: {done.err.strip()[:200]} {added}")
    return Outcome("refused cleanly", "; ".join(details) + f"; with room again added as {PAGE_SLUG}.yaml")


# --- group: scraped pages, YAML fields and data files, built together -----------------------------

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


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class Static(HTMLParser):
    """What the HTML parser of a browser would build that a payload could have made (no JavaScript run)."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._script = False
        self._script_type = ""
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        for k, v in a.items():
            if k == "data-pwn" or k.startswith("on") or (k == "style" and "pwn" in v) or (k == "id" and (v == "__config" and tag != "script")):
                self.found.append(f"<{tag} {k}={v[:60]!r}>")
            if k in ("href", "src", "action", "formaction") and v.strip().lower().startswith(("javascript:", "data:text")):
                self.found.append(f"<{tag} {k}={v[:60]!r}>")
        if tag == "meta" and a.get("http-equiv", "").lower() == "refresh":
            self.found.append("<meta http-equiv=refresh>")
        if tag in ("iframe", "object", "embed", "base") or (tag == "img" and a.get("src") == "x"):
            self.found.append(f"<{tag}>")
        if tag == "script":
            self._script, self._script_type = True, a.get("type", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = False

    def handle_data(self, data: str) -> None:
        if self._script and "pwn" in data:
            if self._script_type == "application/ld+json":
                if re.search(r"[<>]", data):
                    self.found.append("<script type=ld+json> holds < or >")
            else:
                self.found.append(f"<script>{data[:60]!r}")


DOM_CHECK = """() => {
  const out = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      const n = a.name, v = a.value;
      if (n === 'data-pwn' || n.startsWith('on') || (n === 'style' && /pwn/.test(v))
          || (['href', 'src', 'action', 'formaction'].includes(n) && /^\\s*(javascript|data:text)/i.test(v)))
        out.push(el.tagName + ' ' + n + '=' + v.slice(0, 80));
    }
    if (el.tagName === 'SCRIPT' && el.type !== 'application/ld+json' && /pwn/.test(el.textContent)) out.push('SCRIPT ' + el.textContent.slice(0, 80));
    if (el.id === '__config' && el.tagName !== 'SCRIPT') out.push('id=__config on ' + el.tagName);
    if (el.tagName === 'META' && /refresh/i.test(el.httpEquiv)) out.push('META refresh');
    if (['IFRAME', 'OBJECT', 'EMBED', 'BASE'].includes(el.tagName) || (el.tagName === 'IMG' && el.getAttribute('src') === 'x')) out.push(el.tagName);
  }
  return out;
}"""
CSP_WATCH = ("window.__csp = []; document.addEventListener('securitypolicyviolation', "
             "e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || '')));")


@dataclass
class Seen:
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)


def make_single_file(page: Page, base: str, target: Path) -> None:
    """A single-file download as a reader gets it (issue 21: made in the browser from the article's page when the
    link is clicked, overrides/assets/reader.js), saved where the case's browsing opens it."""
    slug = target.name.removesuffix(".zh-Hans.html")
    page.goto(f"{base}{slug}/", wait_until="load", timeout=30_000)
    with page.expect_download() as info:
        page.click(".downloads a[lang='zh-Hans'][data-single-note]")
    target.parent.mkdir(parents=True, exist_ok=True)
    info.value.save_as(target)


def browse(site: Path, offline: Path, downloads: Path, pages: dict[str, list[str]], hover: set[str], queries: list[str]
           ) -> tuple[dict[str, list[str]], dict[str, str]]:
    """Open each page (site over http; offline copy and single files from disk); per case, what went wrong. And the
    search: each query's answer (or the problem)."""
    from playwright.sync_api import sync_playwright
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    problems: dict[str, list[str]] = {}
    answers: dict[str, str] = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            context = browser.new_context(accept_downloads=True)
            context.add_init_script(CSP_WATCH)
            seen = Seen()

            def route(r) -> None:  # type: ignore[no-untyped-def]
                url = r.request.url
                if url.startswith((base, "file://", "data:", "blob:")):
                    r.continue_()
                else:
                    seen.outside.append(url)
                    r.abort()
            context.route("**/*", route)
            page = context.new_page()
            page.on("dialog", lambda d: (seen.dialogs.append(d.message), d.dismiss()))
            page.on("console", lambda m: seen.errors.append("console: " + m.text[:200]) if m.type == "error" else None)
            page.on("pageerror", lambda e: seen.errors.append("pageerror: " + str(e)[:200]))
            for case_id, urls in pages.items():
                for rel in urls:
                    url = (base + rel) if not rel.startswith("file:") else rel
                    seen.dialogs.clear(), seen.errors.clear(), seen.outside.clear()
                    try:
                        if rel.startswith("file:") and rel.endswith(".zh-Hans.html") and not Path(rel[len("file://"):]).exists():
                            make_single_file(page, base, Path(rel[len("file://"):]))
                        page.goto(url, wait_until="load", timeout=30_000)
                        if rel in hover:
                            for el in page.query_selector_all(".gloss, .footnote-ref")[:8]:
                                el.hover()
                                el.focus()
                        page.wait_for_timeout(150)
                        found = page.evaluate(DOM_CHECK) + [f"CSP: {v}" for v in page.evaluate("window.__csp || []")]
                        if page.url.split("#")[0] != url.split("#")[0]:
                            found.append(f"navigated away to {page.url}")
                    except Exception as exc:  # noqa: BLE001 -- a page that does not load is a finding, not a crash
                        found = [f"did not load: {str(exc).splitlines()[0][:160]}"]
                    found += [f"dialog: {d}" for d in seen.dialogs] + seen.errors + [f"request left the site: {u}" for u in seen.outside]
                    if found:
                        problems.setdefault(case_id, []).extend(f"{rel}: {f}" for f in found)
            if queries:
                page.goto(base, wait_until="load")
                for q in queries:
                    seen.dialogs.clear(), seen.errors.clear()
                    start = time.perf_counter()
                    try:
                        page.click("input.md-search__input")
                        page.keyboard.press("Control+A")
                        page.keyboard.press("Backspace")
                        page.keyboard.insert_text(q)
                        page.wait_for_function("q => document.getElementById('zh-search').dataset.answered === q", arg=q, timeout=60_000)
                        hits = page.eval_on_selector_all(".md-search-result a.md-search-result__link", "els => els.length")
                        found = page.evaluate(DOM_CHECK) + [f"CSP: {v}" for v in page.evaluate("window.__csp || []")]
                        answers[q] = f"{hits} results in {time.perf_counter() - start:.1f} s"
                    except Exception as exc:  # noqa: BLE001
                        found = [f"no answer: {str(exc).splitlines()[0][:120]}"]
                    found += [f"dialog: {d}" for d in seen.dialogs] + seen.errors
                    if found:
                        problems.setdefault("search", []).extend(f"query {q[:30]!r}: {f}" for f in found)
            browser.close()
    finally:
        server.shutdown()
    return problems, answers


def scraped_group(repo: Path, todo: list[Case], results: dict[str, Outcome], scratch: Path) -> None:
    corpus = repo / "corpus"
    slugs: dict[str, str] = {}
    titles: dict[str, str] = {}
    for case in todo:
        if case.id == "search" or "data" in case.params:
            continue
        plain = page_lines(str(case.params["n"]))
        if case.params.get("field") == "author_note":  # shown only where neither the YAML nor the page names an author
            plain["author"] = "（作者不详）"
        given: list[str] = []
        if str(case.params.get("field")) in EDITORIAL:
            text, title = editorial(case)
            given = [f"TITLE={title}"]
        else:
            text, title = scraped_page(case) if "line" in case.params else (page_text(plain), plain["title"])
        page = scratch / f"{case.id}.txt"
        page.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
        slug = "hostile-" + case.id.replace("_", "-")
        before = snapshot(corpus)
        done = make(repo, "add", f"FILE={page}", f"SLUG={slug}", *given)
        if done.code != 0 or "Traceback" in done.err:
            results[case.id] = judge_refusal(done, file=str(page), line=True)
            remove(corpus, added_since(corpus, before))
            continue
        slugs[case.id], titles[case.id] = slug, title
        if change := yaml_change(case):
            edit_yaml(corpus / "articles" / f"{slug}.yaml", change)
    data_edits(repo, todo)
    # Build, as `make site` with SITE_URL set; a case the build refuses is taken out and the build run again.
    for _ in range(len(slugs) + 1):
        done = make(repo, "site", timeout=900, env={**ENV, "SITE_URL": SITE_URL})
        if done.code == 0:
            break
        culprit = next((c for c, s in slugs.items() if f"/{s}.yaml" in done.err or f"{s}" in done.err), None)
        if culprit is None or "Traceback" in done.err:
            out = judge_refusal(done)
            for case in todo:
                results.setdefault(case.id, Outcome(out.outcome if out.outcome != "refused cleanly" else "refused badly",
                                                     "the shared build failed: " + " ⏎ ".join(error_lines(done.err))[:300]))
            return
        out = judge_refusal(done, line=True)
        results[culprit] = Outcome("refused only later" if out.outcome == "refused cleanly" else out.outcome,
                                   "`make add` took it, `make site` refused it: " + out.detail)
        (corpus / "articles" / f"{slugs.pop(culprit)}.yaml").unlink()
    build_seconds = done.seconds
    site = repo / "site"
    # Static checks of every HTML file: site, offline copy, single files
    htmls = [*site.rglob("*.html"), *(repo / "build" / "offline" / "site").rglob("*.html"), *(repo / "build" / "downloads").glob("*.html")]
    static: dict[str, list[str]] = {}
    for path in htmls:
        for f in Static(path.read_text(encoding="utf-8")).found:
            owner = marker_owner(f, todo) or next((c for c, s in slugs.items() if s in str(path)), "shared")
            static.setdefault(owner, []).append(f"{path.relative_to(repo)}: {f}")
    # XML and JSON outputs
    xml_problems: list[str] = []
    for rel in ("feed.xml", "zh-Hant/feed.xml", "sitemap.xml"):
        try:
            ET.fromstring((site / rel).read_bytes())
        except (ET.ParseError, OSError) as exc:
            xml_problems.append(f"{rel}: {exc}")
    for path in site.rglob("*.json"):
        try:
            json.loads(path.read_text(encoding="utf-8"))
        except ValueError as exc:
            xml_problems.append(f"{path.relative_to(site)}: {exc}")
    # Nothing already in the corpus lost
    lost = [slug for slug, words in ORIGINAL.items()
            if not (site / slug / "index.html").exists() or words not in (site / slug / "index.html").read_text(encoding="utf-8")]
    lost += [f"zh-Hant/{slug}" for slug in ORIGINAL if not (site / "zh-Hant" / slug / "index.html").exists()]
    # In Chromium
    shared_pages = ["", "zh-Hant/", "glossary/", "articles/", "reports/digital-governance-capacity/", "reports/digital-government-efficacy/",
                    "digital-governance-capacity/", "digital-government-efficacy/", "zh-Hant/digital-government-efficacy/"]
    pages: dict[str, list[str]] = {"shared": shared_pages}
    for case_id, slug in slugs.items():
        pages[case_id] = [f"{slug}/", f"zh-Hant/{slug}/", f"reports/{slug}/",
                          (repo / "build" / "offline" / "site" / slug / "index.html").as_uri(),
                          (repo / "build" / "downloads" / f"{slug}.zh-Hans.html").as_uri()]
    queries = QUERIES if any(c.id == "search" for c in todo) else []
    browser_problems, answers = browse(site, repo / "build" / "offline" / "site", repo / "build" / "downloads", pages,
                                       {"digital-government-efficacy/", "digital-governance-capacity/"}, queries)
    for owner, found in list(browser_problems.items()):  # a marker names its case, wherever it was found
        for f in found:
            if (who := marker_owner(f, todo)) and who != owner:
                browser_problems.setdefault(who, []).append(f)
    for case in todo:
        if case.id in results:
            continue
        mine = static.get(case.id, []) + browser_problems.get(case.id, [])
        if case.id == "search":
            found = browser_problems.get("search", [])
            slow = [q for q, a in answers.items() if float(a.split(" in ")[1].split()[0]) > 10]
            results[case.id] = (Outcome("executed" if any("dialog" in f for f in found) else "injected", "; ".join(found)[:400]) if found else
                                Outcome("slow", f"{len(slow)} queries over 10 s") if slow else
                                Outcome("handled", f"{len(answers)} of {len(QUERIES)} answered, nothing injected; the 10,000-character "
                                        f"query: {answers.get(QUERIES[-1], 'no answer')}; the others: "
                                        + ", ".join(a for q, a in answers.items() if q != QUERIES[-1])[:300]))
            continue
        if any("dialog" in f for f in mine):
            results[case.id] = Outcome("executed", "; ".join(mine)[:400])
        elif mine:
            results[case.id] = Outcome("injected", "; ".join(mine)[:400])
        elif case.id in ("title-fffe", "keywords-ffff") and xml_problems:
            results[case.id] = Outcome("silent corruption", "; ".join(xml_problems)[:400])
        elif case.id == "chrome-backtrack":
            results[case.id] = Outcome("handled" if build_seconds < 300 else "slow", f"the whole build {build_seconds:.0f} s")
        else:
            results[case.id] = judge_published(repo, case, slugs.get(case.id), titles.get(case.id, ""))
    unowned = [f for f in static.get("shared", []) + browser_problems.get("shared", []) if not marker_owner(f, todo)]
    extra = unowned + xml_problems + [f"lost: {x}" for x in lost]
    if extra:
        results["_shared"] = Outcome("injected" if unowned else "silent corruption", "; ".join(extra)[:600])


def marker_owner(found: str, todo: list[Case]) -> str | None:
    if m := re.search(r"pwn(\w\w)", found):
        return next((c.id for c in todo if str(c.params.get("n")) == m.group(1)), None)
    return None


def visible_text(path: Path) -> str:
    class Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.parts: list[str] = []
            self.skip = 0

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.skip += tag in ("script", "style", "title")

        def handle_endtag(self, tag: str) -> None:
            self.skip -= tag in ("script", "style", "title") and self.skip > 0

        def handle_data(self, data: str) -> None:
            if not self.skip:
                self.parts.append(data)
    t = Text()
    t.feed(path.read_text(encoding="utf-8"))
    return "".join(t.parts)


def judge_published(repo: Path, case: Case, slug: str | None, title: str) -> Outcome:
    """Nothing injected: was the payload shown as text (escaped), or removed and listed (handled), and is what the page
    states still there?"""
    site = repo / "site"
    n = str(case.params.get("n"))
    if "data" in case.params:
        where = {"errata": "reports/digital-government-efficacy/index.html", "chrome-reason": "reports/digital-governance-capacity/index.html"}
        rel = where.get(str(case.params["data"]), "glossary/index.html")
        shown = f"pwn{n}" in visible_text(site / rel)
        return Outcome("escaped" if shown else "handled", f"{rel}: " + ("shown as text" if shown else "not on the page (data, not text)"))
    assert slug is not None
    article = site / slug / "index.html"
    if not article.exists():
        return Outcome("silent corruption", f"{slug}: no page")
    text = visible_text(article)
    meta = yaml.safe_load((repo / "corpus" / "articles" / f"{slug}.yaml").read_text(encoding="utf-8"))
    line = str(case.params.get("line", ""))
    if title and title not in text and "field" not in case.params:
        return Outcome("silent corruption", f"the title {title[:30]!r} is not on the page")
    if line == "author-quote":
        if [a if isinstance(a, str) else a["name"] for a in meta["authors"]] != ["杨阳"] or meta["date"] != "2022-03-12":
            return Outcome("silent corruption", f"authors {meta['authors']}, date {meta['date']}")
        return Outcome("handled", "title kept; author 杨阳 and date 2022-03-12 read, the line listed in the change report")
    if line == "venue-tags" and (meta.get("venue") or {}).get("name") != "中国行政管理":
        return Outcome("silent corruption", f"venue {meta.get('venue')}")
    if line in ("title-fffe", "keywords-ffff", "body-invisible"):
        report = json.loads(next((repo / "site" / "reports").glob(f"{slug}*.json")).read_text(encoding="utf-8")) \
            if list((repo / "site" / "reports").glob(f"{slug}*.json")) else None
        return Outcome("handled", "characters removed" + (f", {len(report['changes'])} changes listed" if report else ""))
    if line == "long":
        return Outcome("handled", f"title {len(meta['title'])} characters, {len(meta['keywords'])} keywords")
    if case.params.get("field") == "authors-cite":
        ris = (site / "cite" / f"{slug}.ris").read_text(encoding="utf-8")
        bib = (site / "cite" / f"{slug}.bib").read_text(encoding="utf-8")
        ok = ris.count("TY  - ") == 1 and "{张三 and 李四}" in bib and "\\%" in bib
        return Outcome("escaped" if ok else "silent corruption", "BibTeX braces the name with ` and `, specials escaped; one RIS record")
    return shown_or_listed(repo, slug, n, text)


def shown_or_listed(repo: Path, slug: str, n: str, text: str) -> Outcome:
    """The marker shown as text on the article page (or, for the summary, on the home page): escaped; else removed
    and listed in the change report: handled; else dropped without a word: silent corruption."""
    marker = f"pwn{n}"
    if re.search(f"pwn[:=]?{n}", text):  # pwn10, --pwn:10, data-pwn=10
        return Outcome("escaped", "shown as text")
    if re.search(f"pwn[:=]?{n}", visible_text(repo / "site" / "index.html")):
        return Outcome("escaped", "shown as text on the home page")
    report = repo / "site" / "reports" / f"{slug}.json"
    listed = [c for c in json.loads(report.read_text(encoding="utf-8"))["changes"] if marker in json.dumps(c, ensure_ascii=False)] \
        if report.exists() else []
    if listed:
        return Outcome("handled", "removed, listed in the change report: " + "; ".join(f"{c['rule']} ({c['reason'][:50]})" for c in listed[:3]))
    return Outcome("silent corruption", "the payload is neither shown nor listed")


# --- group: refusals on a built copy --------------------------------------------------------------


def sub(rel: str, old: str, new: str) -> Callable[[Path], Callable[[], None]]:
    def apply(repo: Path) -> Callable[[], None]:
        path = repo / rel
        before = path.read_text(encoding="utf-8")
        assert old in before, (rel, old)
        path.write_text(before.replace(old, new, 1), encoding="utf-8")
        return lambda: path.write_text(before, encoding="utf-8")
    return apply


def append(rel: str, text: str, front: bool = False) -> Callable[[Path], Callable[[], None]]:
    def apply(repo: Path) -> Callable[[], None]:
        path = repo / rel
        before = path.read_text(encoding="utf-8")
        path.write_text(text + before if front else before + text, encoding="utf-8")
        return lambda: path.write_text(before, encoding="utf-8")
    return apply


def new_file(rel: str, source: str, change: Callable[[str], str]) -> Callable[[Path], Callable[[], None]]:
    def apply(repo: Path) -> Callable[[], None]:
        (repo / rel).write_text(change((repo / source).read_text(encoding="utf-8")), encoding="utf-8")
        return lambda: (repo / rel).unlink()
    return apply


def swap_for_link(rel: str) -> Callable[[Path], Callable[[], None]]:
    def apply(repo: Path) -> Callable[[], None]:
        path = repo / rel
        outside = Path(tempfile.mkdtemp(prefix="hostile-outside-")) / path.name
        shutil.copy2(path, outside)
        path.unlink()
        path.symlink_to(outside)

        def undo() -> None:
            path.unlink()
            shutil.copy2(outside, path)
            shutil.rmtree(outside.parent)
        return undo
    return apply


def yaml_link(repo: Path) -> Callable[[], None]:
    outside = Path(tempfile.mkdtemp(prefix="hostile-outside-")) / "elsewhere.yaml"
    outside.write_text((repo / CAPACITY).read_text(encoding="utf-8").replace("slug: digital-governance-capacity", "slug: elsewhere"), encoding="utf-8")
    link = repo / "corpus" / "articles" / "zz-link.yaml"
    link.symlink_to(outside)

    def undo() -> None:
        link.unlink()
        shutil.rmtree(outside.parent)
    return undo


def short_reason(repo: Path) -> Callable[[], None]:
    """The first errata entry's reason (a folded block) replaced by two characters: the schema wants ten."""
    path = repo / "corpus/data/errata.yaml"
    before = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"  reason: >-\n(?:    .*\n)+", "  reason: 太短\n", before, count=1), encoding="utf-8")
    return lambda: path.write_text(before, encoding="utf-8")


TITLE_000 = "title: 我国政府数字治理能力建设：成绩、问题与对策"
SLUG_000 = "slug: digital-governance-capacity"
URL_002 = "source_url: http://www.rmlt.com.cn/2023/0718/678135.shtml"
LAUGHS = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(8))
# Each refusal: its edits (each run on its own), the file the message must name, whether it must name a line.
Edit = Callable[[Path], Callable[[], None]]
REFUSALS: dict[str, tuple[list[Edit], str, bool]] = {
    "yaml-slug-reserved": ([sub(CAPACITY, SLUG_000, f"slug: {s}") for s in ("index", "glossary", "downloads")], CAPACITY, True),
    "yaml-slug-dotdot": ([sub(CAPACITY, SLUG_000, "slug: ../../evil")], CAPACITY, True),
    "yaml-slug-250": ([sub(CAPACITY, SLUG_000, "slug: " + "a" * 250)], CAPACITY, True),
    "yaml-slug-newline": ([sub(CAPACITY, SLUG_000, 'slug: "digital-governance-capacity\\n"')], CAPACITY, True),
    "yaml-slug-twice": ([sub(EFFICACY, "slug: digital-government-efficacy", SLUG_000)], EFFICACY, True),
    "yaml-duplicate-key": ([append(CAPACITY, "title: 第二个标题\n")], CAPACITY, True),
    "yaml-date": ([sub(CAPACITY, "date: null", f'date: "{d}"') for d in ("2023-00-10", "2023-13-45", "2023-02-30")], CAPACITY, True),
    "yaml-surrogate": ([sub(CAPACITY, TITLE_000, 'title: "标题\\ud800尾"')], CAPACITY, True),
    "yaml-nonchar": ([sub(CAPACITY, TITLE_000, 'title: "标题\\uFFFE尾"'), sub(CAPACITY, TITLE_000, "title: 标题\ufffe尾"),
                      sub(CAPACITY, "summary:", 'keywords: [数字政府, "治理\\uFFFF"]\nsummary:')], CAPACITY, True),
    "yaml-controls": ([sub(CAPACITY, "publisher: null", 'publisher: "出版社\\e[31m"'), sub(CAPACITY, TITLE_000, 'title: "标题\\u202e尾"')],
                      CAPACITY, True),
    "yaml-author-ris": ([sub(CAPACITY, "authors: []", 'authors: ["作者\\nTY  - JOUR"]')], CAPACITY, True),
    "yaml-url-quote": ([sub(EFFICACY, URL_002, "source_url: 'https://example.com/\"><script>alert(1)</script>'")], EFFICACY, True),
    "yaml-url-scheme": ([sub(EFFICACY, URL_002, f"source_url: '{u}'") for u in
                         ("javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "//evil.example/x", "https://www.rmlt.com.cn@evil.example/")],
                        EFFICACY, True),
    "yaml-raw-markup": ([sub(CAPACITY, "raw: 000_02b2b72714e171d1.txt", "raw: 'x.txt)<img src=\"x\" onerror=alert(1)>.txt'")], CAPACITY, True),
    "yaml-raw-outside": ([sub(CAPACITY, "raw: 000_02b2b72714e171d1.txt", "raw: ../articles/x.txt")], CAPACITY, True),
    "glossary-term-newline": ([sub("corpus/data/glossary.yaml", "  - term: 一网通办\n", '  - term: "一网通办\\n"\n')], "corpus/data/glossary.yaml", True),
    "glossary-term-attr": ([sub("corpus/data/glossary.yaml", "  - term: 一网通办\n", "  - term: '一网通办{: onclick=x }\"'''\n")],
                           "corpus/data/glossary.yaml", True),
    "glossary-english-blank": ([sub("corpus/data/glossary.yaml", '    english: "one-network service',
                                    '    english: "x\\n\\n<script>alert(1)</script>\\n\\none-network service')], "corpus/data/glossary.yaml", True),
    "override-markup": ([append("corpus/data/conversion_overrides.tsv", "s2tw\t關於本站\t關於本站<script>alert(1)</script>\tinjected override\n")],
                        "corpus/data/conversion_overrides.tsv", True),
    "errata-reason-short": ([short_reason], "corpus/data/errata.yaml", True),
    "billion-laughs": ([append("corpus/data/glossary.yaml", LAUGHS, front=True)], "corpus/data/glossary.yaml", True),
    "chrome-redos": ([sub("corpus/data/chrome.yaml", "chrome_lines:\n", f'chrome_lines:\n  - pattern: "{p}"\n    reason: "a hostile pattern"\n')
                      for p in ("(a|aa)+$", "(?<=栏目)推荐")], "corpus/data/chrome.yaml", True),
    "raw-symlink": ([swap_for_link("corpus/raw/000_02b2b72714e171d1.txt")], CAPACITY, True),
    "yaml-symlink": ([yaml_link], "corpus/articles/zz-link.yaml", False),
}


def refuse_group(repo: Path, todo: list[Case], results: dict[str, Outcome]) -> None:
    first = make(repo, "site")
    if first.code != 0:
        for case in todo:
            results[case.id] = Outcome("not run", "the copy did not build: " + first.err[-300:])
        return
    for case in todo:
        edits, rel, want_line = REFUSALS[case.id]
        outs = []
        for edit in edits:
            corpus, site = snapshot(repo / "corpus"), stamps(repo / "site")
            undo = edit(repo)
            try:
                done = make(repo, "site", timeout=300)
            finally:
                undo()
            out = judge_refusal(done, file=str(repo / rel), line=want_line)
            if out.outcome == "silent corruption":
                out = Outcome("silent corruption", "built: " + done.out.strip().splitlines()[-1][:100])
            if stamps(repo / "site") != site:
                out = Outcome("silent corruption", "the live site changed: " + out.detail)
            assert snapshot(repo / "corpus") == corpus, f"{case.id}: the corpus was not restored"
            if out.outcome == "refused cleanly" and done.seconds > 60:
                out = Outcome("slow", f"refused after {done.seconds:.0f} s")
            outs.append(out)
        worst = next((o for o in outs if o.outcome != "refused cleanly"), outs[0])
        results[case.id] = Outcome(worst.outcome, " | ".join(o.detail.replace(str(repo) + "/", "") for o in outs)[:600])


# --- group: the build itself under stress ---------------------------------------------------------


def ops_group(repo: Path, todo: list[Case], results: dict[str, Outcome]) -> None:
    ids = {c.id for c in todo}
    if not (repo / "site" / "index.html").exists() and make(repo, "site").code != 0:
        for c in todo:
            results[c.id] = Outcome("not run", "the copy did not build")
        return
    if "disk-site" in ids:
        site = stamps(repo / "site")
        build = repo / "build"
        if problem := mount_tmpfs(build, 256 * 1024):
            results["disk-site"] = Outcome("not run", problem)
        else:
            try:
                done = make(repo, "site", timeout=300)
            finally:
                umount(build)
            out = judge_refusal(done, line=False, words="No space left")
            if stamps(repo / "site") != site:
                out = Outcome("silent corruption", "the live site changed: " + out.detail)
            again = make(repo, "site", timeout=600)
            if again.code != 0:
                out = Outcome("silent corruption", f"the next build failed: {again.err.strip()[-200:]}; {out.detail}")
            results["disk-site"] = Outcome(out.outcome, out.detail.replace(str(repo) + "/", ""))
    if "two-builds" in ids:
        outs = []
        for _ in range(3):
            (repo / "build" / "site-stamp.json").unlink(missing_ok=True)  # a full build: long enough to overlap
            first = subprocess.Popen(["make", "--no-print-directory", "site", "STAMP=", "PY=.venv/bin/python"], cwd=repo, env=ENV,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            time.sleep(1.0)
            second = make(repo, "site", timeout=300)
            _, err = first.communicate(timeout=900)
            one = judge_refusal(second, file=str(repo / "build" / "site.lock"), line=False, words="another `make site`")
            if first.returncode != 0 or "Traceback" in err:
                one = Outcome("traceback" if "Traceback" in err else "refused badly", "the first build failed: " + err.strip()[-200:])
            outs.append(one)
        worst = next((o for o in outs if o.outcome != "refused cleanly"), outs[0])
        results["two-builds"] = Outcome(worst.outcome, f"{sum(o.outcome == 'refused cleanly' for o in outs)}/3 refused cleanly: "
                                        + worst.detail.replace(str(repo) + "/", ""))
    if "kill-9" in ids:
        notes = []
        bad = None
        (repo / "build" / "site-stamp.json").unlink(missing_ok=True)
        full = make(repo, "site", timeout=600).seconds  # the kills fall at 10 … 90 % of a full build
        for moment in (round(full * f, 1) for f in (0.1, 0.3, 0.5, 0.7, 0.9)):
            before = snapshot(repo / "site")
            (repo / "build" / "site-stamp.json").unlink(missing_ok=True)
            proc = subprocess.Popen(["make", "--no-print-directory", "site", "STAMP=", "PY=.venv/bin/python"], cwd=repo, env=ENV,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
            time.sleep(moment)
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.wait()
            after = snapshot(repo / "site")
            state = "old" if after == before else "complete" if set(after) == set(before) and "index.html" in after else "broken"
            notes.append(f"{moment} s: {state}")
            if state == "broken":
                bad = Outcome("silent corruption", f"site/ after kill at {moment} s: {len(after)} of {len(before)} files")
        again = make(repo, "site", timeout=600)
        if again.code != 0:
            bad = Outcome("traceback" if "Traceback" in again.err else "silent corruption", "the next build failed: " + again.err.strip()[-200:])
        results["kill-9"] = bad or Outcome("handled", "site/ " + ", ".join(notes) + "; the next build passed")


def sizes_group(repo: Path, todo: list[Case], results: dict[str, Outcome]) -> None:
    """Each size an article of its own (YAML written as a reviewer would), all built at once; CPU seconds bounded."""
    lead = RAW_000.read_text(encoding="utf-8").splitlines()[1]
    texts = {"1mb": lead + "\n" + big_text(1_000_000), "line": lead + "\n" + big_text(5_000_000).replace("\n", "") + "\n",
             "nesting": lead + "\n" + nesting(50_000), "garbled": "\n".join(f"{lead[:30]}政府?數字化{i}" for i in range(20_000)) + "\n"}
    meta = yaml.safe_load((repo / CAPACITY).read_text(encoding="utf-8"))
    for i, case in enumerate(todo):
        kind = str(case.params["kind"])
        data = texts[kind].encode("utf-8")
        (repo / "corpus" / "raw" / f"9{i:02d}_{kind}.txt").write_bytes(data)
        (repo / "corpus" / "articles" / f"size-{kind}.yaml").write_text(yaml.safe_dump(
            {**meta, "slug": f"size-{kind}", "raw": f"9{i:02d}_{kind}.txt", "sha256": hashlib.sha256(data).hexdigest(),
             "title": f"规模测试{'甲乙丙丁'[i]}：{case.input}"}, allow_unicode=True, sort_keys=False), encoding="utf-8")
    done = make(repo, "site", timeout=1500)
    for case in todo:
        slug = f"size-{case.params['kind']}"
        if done.timed_out:
            results[case.id] = Outcome("slow", f"the build did not end in {done.seconds:.0f} s")
        elif done.code != 0:
            results[case.id] = judge_refusal(done, line=False)
        elif not (repo / "site" / slug / "index.html").exists():
            results[case.id] = Outcome("silent corruption", f"{slug}: no page")
        elif found := Static((repo / "site" / slug / "index.html").read_text(encoding="utf-8")).found:
            results[case.id] = Outcome("injected", "; ".join(found)[:300])
        else:
            limit = 300
            results[case.id] = Outcome("handled" if done.cpu < limit else "slow",
                                       f"the four built together: {done.cpu:.0f} CPU-s, {done.seconds:.0f} s wall (limit {limit} CPU-s)")


# --- report --------------------------------------------------------------------------------------


def report(all_cases: list[Case], results: dict[str, Outcome], seconds: float, commit: str) -> str:
    counts: dict[str, int] = {}
    for case in all_cases:
        o = results.get(case.id, Outcome("not run", ""))
        counts[o.outcome] = counts.get(o.outcome, 0) + 1
    order = [*GOOD, *BAD, "not run"]
    lines = [f"# Hostile input, round two, rerun (issue 22; commit {commit})\n",
             f"`python -m benchmarks.hostile_rerun`: {len(all_cases)} cases, {seconds / 60:.1f} min on a 2-core machine shared with other work.\n",
             "Outcomes: " + ", ".join(f"{counts[k]} {k}" for k in order if counts.get(k)) + ".\n"]
    if "_shared" in results:
        lines.append(f"On shared pages, not attributable to one case: **{results['_shared'].outcome}**: {results['_shared'].detail}\n")
    lines += ["| # | case | channel | input | outcome | detail |", "|---|---|---|---|---|---|"]
    for i, case in enumerate(all_cases, 1):
        o = results.get(case.id, Outcome("not run", ""))
        shown = o.outcome if o.outcome in GOOD else f"**{o.outcome}**"
        detail = o.detail.replace("|", "\\|").replace("\n", " ")
        lines.append(f"| {i} | `{case.id}` | {case.channel} | {case.input.replace('|', chr(92) + '|')} | {shown} | {detail} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.hostile_rerun", description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="", help="comma-separated case ids or groups (add, scraped, refuse, ops, sizes)")
    parser.add_argument("--keep", type=Path, help="build the copies in this folder and keep them")
    parser.add_argument("--no-write", action="store_true", help="print only; keep benchmarks/results/hostile_rerun.md")
    args = parser.parse_args(argv)
    all_cases = cases()
    assert len({c.id for c in all_cases}) == len(all_cases)
    wanted = set(filter(None, args.only.split(",")))
    todo = [c for c in all_cases if not wanted or c.id in wanted or c.group in wanted]
    results: dict[str, Outcome] = {}
    start = time.perf_counter()
    work = args.keep or Path(tempfile.mkdtemp(prefix="hostile-rerun-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        for group, runner in (("add", add_group), ("refuse", refuse_group), ("ops", ops_group), ("scraped", scraped_group), ("sizes", sizes_group)):
            mine = [c for c in todo if c.group == group]
            if not mine:
                continue
            print(f"{group}: {len(mine)} cases", flush=True)
            repo = work / ("a" if group in ("add", "refuse", "ops") else group)
            if not repo.exists():
                copy_repo(repo)
            scratch = work / f"scratch-{group}"
            scratch.mkdir(exist_ok=True)
            if runner in (add_group, scraped_group):
                runner(repo, mine, results, scratch)  # type: ignore[operator]
            else:
                runner(repo, mine, results)  # type: ignore[operator]
            for c in mine:
                o = results.get(c.id, Outcome("not run", ""))
                print(f"  {c.id}: {o.outcome}: {o.detail[:160]}", flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    text = report(todo, results, time.perf_counter() - start, commit).replace(f"{work}/", "")  # paths inside the copies
    print(text)
    if not args.no_write and not wanted:
        RESULTS.mkdir(exist_ok=True)
        (RESULTS / "hostile_rerun.md").write_text(text, encoding="utf-8")
    bad = [c.id for c in todo if results.get(c.id, Outcome("not run", "")).outcome not in GOOD] + (["_shared"] if "_shared" in results else [])
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
