"""Group `scraped`: one page per case added with `make add`, YAML fields and data files edited, all built together
and judged."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import yaml

from benchmarks.rerun.add import added_since, remove
from benchmarks.rerun.browser import Static, browse
from benchmarks.rerun.cases import QUERIES, Case, Outcome
from benchmarks.rerun.pages import EDITORIAL, data_edits, editorial, page_lines, page_text, scraped_page, yaml_change
from benchmarks.rerun.runner import ENV, ORIGINAL, SITE_URL, Run, edit_yaml, error_lines, judge_refusal, make, snapshot


def _case_page(case: Case) -> tuple[str | bytes, str, list[str]]:
    """The page a case adds, the text its title must keep, and the extra `make add` arguments (an editorial title)."""
    if str(case.params.get("field")) in EDITORIAL:
        text, title = editorial(case)
        return text, title, [f"TITLE={title}"]
    plain = page_lines(str(case.params["n"]))
    if case.params.get("field") == "author_note":  # shown only where neither the YAML nor the page names an author
        plain["author"] = "（作者不详）"
    if "line" in case.params:
        return (*scraped_page(case), [])
    return page_text(plain), plain["title"], []


def _add_pages(repo: Path, todo: list[Case], results: dict[str, Outcome], scratch: Path) -> tuple[dict[str, str], dict[str, str]]:
    """Each case's page through `make add` (its YAML edited after, where the case is a YAML field): slug and title per
    case taken; a refusal judged as one."""
    corpus = repo / "corpus"
    slugs: dict[str, str] = {}
    titles: dict[str, str] = {}
    for case in todo:
        if case.id == "search" or "data" in case.params:
            continue
        text, title, given = _case_page(case)
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
    return slugs, titles


def _build(repo: Path, todo: list[Case], results: dict[str, Outcome], slugs: dict[str, str]) -> Run | None:
    """`make site` with SITE_URL set; a case the build refuses is taken out and the build run again. None: the shared
    build failed (every case still open judged so)."""
    done = None
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
            return None
        out = judge_refusal(done, line=True)
        results[culprit] = Outcome("refused only later" if out.outcome == "refused cleanly" else out.outcome,
                                   "`make add` took it, `make site` refused it: " + out.detail)
        (repo / "corpus" / "articles" / f"{slugs.pop(culprit)}.yaml").unlink()
    return done


def _static(repo: Path, todo: list[Case], slugs: dict[str, str]) -> dict[str, list[str]]:
    """Static checks of every HTML file (site, offline copy, single files), per owning case (or `shared`)."""
    site = repo / "site"
    htmls = [*site.rglob("*.html"), *(repo / "build" / "offline" / "site").rglob("*.html"), *(repo / "build" / "downloads").glob("*.html")]
    static: dict[str, list[str]] = {}
    for path in htmls:
        for f in Static(path.read_text(encoding="utf-8")).found:
            owner = marker_owner(f, todo) or next((c for c, s in slugs.items() if s in str(path)), "shared")
            static.setdefault(owner, []).append(f"{path.relative_to(repo)}: {f}")
    return static


def _unparsed(site: Path) -> list[str]:
    """The XML and JSON outputs that do not parse."""
    out: list[str] = []
    for rel in ("feed.xml", "zh-Hant/feed.xml", "sitemap.xml"):
        try:
            ET.fromstring((site / rel).read_bytes())
        except (ET.ParseError, OSError) as exc:
            out.append(f"{rel}: {exc}")
    for path in site.rglob("*.json"):
        try:
            json.loads(path.read_text(encoding="utf-8"))
        except ValueError as exc:
            out.append(f"{path.relative_to(site)}: {exc}")
    return out


def _lost(site: Path) -> list[str]:
    """Articles already in the corpus that lost their page (or its words)."""
    lost = [slug for slug, words in ORIGINAL.items()
            if not (site / slug / "index.html").exists() or words not in (site / slug / "index.html").read_text(encoding="utf-8")]
    return lost + [f"zh-Hant/{slug}" for slug in ORIGINAL if not (site / "zh-Hant" / slug / "index.html").exists()]


SHARED_PAGES = ["", "zh-Hant/", "glossary/", "articles/", "reports/digital-governance-capacity/", "reports/digital-government-efficacy/",
                "digital-governance-capacity/", "digital-government-efficacy/", "zh-Hant/digital-government-efficacy/"]


def _in_chromium(repo: Path, todo: list[Case], slugs: dict[str, str]) -> tuple[dict[str, list[str]], dict[str, str]]:
    """Every case's pages (site, offline copy, single file) and the shared ones in Chromium, and the queries; a marker
    names its case, wherever it was found."""
    pages: dict[str, list[str]] = {"shared": SHARED_PAGES}
    for case_id, slug in slugs.items():
        pages[case_id] = [f"{slug}/", f"zh-Hant/{slug}/", f"reports/{slug}/",
                          (repo / "build" / "offline" / "site" / slug / "index.html").as_uri(),
                          (repo / "build" / "downloads" / f"{slug}.zh-Hans.html").as_uri()]
    queries = QUERIES if any(c.id == "search" for c in todo) else []
    browser_problems, answers = browse(repo / "site", repo / "build" / "offline" / "site", repo / "build" / "downloads", pages,
                                       {"digital-government-efficacy/", "digital-governance-capacity/"}, queries)
    for owner, found in list(browser_problems.items()):
        for f in found:
            if (who := marker_owner(f, todo)) and who != owner:
                browser_problems.setdefault(who, []).append(f)
    return browser_problems, answers


def _judge_search(found: list[str], answers: dict[str, str]) -> Outcome:
    slow = [q for q, a in answers.items() if float(a.split(" in ")[1].split()[0]) > 10]
    if found:
        return Outcome("executed" if any("dialog" in f for f in found) else "injected", "; ".join(found)[:400])
    if slow:
        return Outcome("slow", f"{len(slow)} queries over 10 s")
    return Outcome("handled", f"{len(answers)} of {len(QUERIES)} answered, nothing injected; the 10,000-character "
                   f"query: {answers.get(QUERIES[-1], 'no answer')}; the others: "
                   + ", ".join(a for q, a in answers.items() if q != QUERIES[-1])[:300])


@dataclass
class _Built:
    """What the shared build showed: findings per case, the unparsed outputs, the build's time, slugs and titles."""

    repo: Path
    mine: dict[str, list[str]]
    unparsed: list[str]
    seconds: float
    slugs: dict[str, str]
    titles: dict[str, str]


def _judge_case(case: Case, built: _Built) -> Outcome:
    mine = built.mine.get(case.id, [])
    if any("dialog" in f for f in mine):
        return Outcome("executed", "; ".join(mine)[:400])
    if mine:
        return Outcome("injected", "; ".join(mine)[:400])
    if case.id in ("title-fffe", "keywords-ffff") and built.unparsed:
        return Outcome("silent corruption", "; ".join(built.unparsed)[:400])
    if case.id == "chrome-backtrack":
        return Outcome("handled" if built.seconds < 300 else "slow", f"the whole build {built.seconds:.0f} s")
    return judge_published(built.repo, case, built.slugs.get(case.id), built.titles.get(case.id, ""))


def scraped_group(repo: Path, todo: list[Case], results: dict[str, Outcome], scratch: Path) -> None:
    slugs, titles = _add_pages(repo, todo, results, scratch)
    data_edits(repo, todo)
    done = _build(repo, todo, results, slugs)
    if done is None:
        return
    site = repo / "site"
    static = _static(repo, todo, slugs)
    unparsed = _unparsed(site)
    lost = _lost(site)
    browser_problems, answers = _in_chromium(repo, todo, slugs)
    mine = {c.id: static.get(c.id, []) + browser_problems.get(c.id, []) for c in todo}
    built = _Built(repo, mine, unparsed, done.seconds, slugs, titles)
    for case in todo:
        if case.id in results:
            continue
        if case.id == "search":
            results[case.id] = _judge_search(browser_problems.get("search", []), answers)
        else:
            results[case.id] = _judge_case(case, built)
    unowned = [f for f in static.get("shared", []) + browser_problems.get("shared", []) if not marker_owner(f, todo)]
    extra = unowned + unparsed + [f"lost: {x}" for x in lost]
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


def _judge_data(site: Path, case: Case) -> Outcome:
    """A data file's payload (glossary, errata, chrome reasons): shown as text on its page, or not there at all."""
    n = str(case.params.get("n"))
    where = {"errata": "reports/digital-government-efficacy/index.html", "chrome-reason": "reports/digital-governance-capacity/index.html"}
    rel = where.get(str(case.params["data"]), "glossary/index.html")
    shown = f"pwn{n}" in visible_text(site / rel)
    return Outcome("escaped" if shown else "handled", f"{rel}: " + ("shown as text" if shown else "not on the page (data, not text)"))


Meta = dict[str, Any]  # an article's YAML as written


def _author_quote(repo: Path, slug: str, meta: Meta) -> Outcome | None:
    if [a if isinstance(a, str) else a["name"] for a in meta["authors"]] != ["杨阳"] or meta["date"] != "2022-03-12":
        return Outcome("silent corruption", f"authors {meta['authors']}, date {meta['date']}")
    return Outcome("handled", "title kept; author 杨阳 and date 2022-03-12 read, the line listed in the change report")


def _venue_tags(repo: Path, slug: str, meta: Meta) -> Outcome | None:
    return Outcome("silent corruption", f"venue {meta.get('venue')}") if (meta.get("venue") or {}).get("name") != "中国行政管理" else None


def _removed(repo: Path, slug: str, meta: Meta) -> Outcome | None:
    report = json.loads(next((repo / "site" / "reports").glob(f"{slug}*.json")).read_text(encoding="utf-8")) \
        if list((repo / "site" / "reports").glob(f"{slug}*.json")) else None
    return Outcome("handled", "characters removed" + (f", {len(report['changes'])} changes listed" if report else ""))


def _long(repo: Path, slug: str, meta: Meta) -> Outcome | None:
    return Outcome("handled", f"title {len(meta['title'])} characters, {len(meta['keywords'])} keywords")


def _authors_cite(repo: Path, slug: str, meta: Meta) -> Outcome | None:
    ris = (repo / "site" / "cite" / f"{slug}.ris").read_text(encoding="utf-8")
    bib = (repo / "site" / "cite" / f"{slug}.bib").read_text(encoding="utf-8")
    ok = ris.count("TY  - ") == 1 and "{张三 and 李四}" in bib and "\\%" in bib
    return Outcome("escaped" if ok else "silent corruption", "BibTeX braces the name with ` and `, specials escaped; one RIS record")


# Cases judged on what was read rather than on the marker: by the page's line, or by the YAML field (None: judged by
# the marker after all)
_BY_LINE = {"author-quote": _author_quote, "venue-tags": _venue_tags, "title-fffe": _removed, "keywords-ffff": _removed,
            "body-invisible": _removed, "long": _long}
_BY_FIELD = {"authors-cite": _authors_cite}


def judge_published(repo: Path, case: Case, slug: str | None, title: str) -> Outcome:
    """Nothing injected: was the payload shown as text (escaped), or removed and listed (handled), and is what the page
    states still there?"""
    site = repo / "site"
    if "data" in case.params:
        return _judge_data(site, case)
    assert slug is not None
    article = site / slug / "index.html"
    if not article.exists():
        return Outcome("silent corruption", f"{slug}: no page")
    text = visible_text(article)
    meta = yaml.safe_load((repo / "corpus" / "articles" / f"{slug}.yaml").read_text(encoding="utf-8"))
    if title and title not in text and "field" not in case.params:
        return Outcome("silent corruption", f"the title {title[:30]!r} is not on the page")
    judge = _BY_LINE.get(str(case.params.get("line", ""))) or _BY_FIELD.get(str(case.params.get("field")))
    return (judge and judge(repo, slug, meta)) or shown_or_listed(repo, slug, str(case.params.get("n")), text)


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
        return Outcome("handled", "removed, listed in the change report: " + "; ".join(f"{c['rule']} ({c['code']})" for c in listed[:3]))
    return Outcome("silent corruption", "the payload is neither shown nor listed")
