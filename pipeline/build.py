"""The whole corpus -> docs/ (both editions, change reports). MkDocs then only renders docs/."""

from __future__ import annotations

from pathlib import Path

from .article import Result, process_article
from .data import CORPUS, ROOT
from .editions import to_traditional
from .render import escape, render
from .report import to_json, to_markdown

DOCS = ROOT / "docs"
_KEEP_AS_IS = {"slug", "raw", "sha256", "script", "date", "source_url", "title_editorial", "clc", "doc_code"}


def meta_in(meta: dict[str, object], script: str) -> dict[str, object]:
    if script == "hans":
        return meta

    def convert(value: object) -> object:
        if isinstance(value, str):
            return to_traditional(value)
        if isinstance(value, list):
            return [convert(v) for v in value]
        if isinstance(value, dict):
            return {k: convert(v) for k, v in value.items()}
        return value

    return {k: (v if k in _KEEP_AS_IS else convert(v)) for k, v in meta.items()}


def article_pages(result: Result) -> dict[str, str]:
    """Relative path under docs/ -> file content, for one article."""
    slug = str(result.meta["slug"])
    raw = f"corpus/raw/{result.meta['raw']}"
    return {
        f"hans/{slug}.md": render(result.hans, meta_in(result.meta, "hans"), "hans"),
        f"hant/{slug}.md": render(result.hant, meta_in(result.meta, "hant"), "hant"),
        f"reports/{slug}.json": to_json(slug, raw, result.changes),
        f"reports/{slug}.md": to_markdown(slug, str(result.meta["title"]), raw, result.changes),
    }


def index_page(results: list[Result]) -> str:
    out = ["# 中国政策文章双语阅读\n", "每篇文章提供简体版与繁體版；每处修改都列在校勘记中。\n"]
    for r in results:
        m = r.meta
        slug = m["slug"]
        venue = "，".join(str(x) for x in (m.get("publisher"), m.get("date")) if x) or "出处不详"
        mark = "（编者拟题）" if m.get("title_editorial") else ""
        out.append(f"## {escape(str(m['title']))}{mark}\n\n{venue}\n\n{escape(str(m['summary']))}\n\n"
                   f"[简体版](hans/{slug}.md) · [繁體版](hant/{slug}.md) · [校勘记](reports/{slug}.md)\n")
    return "\n".join(out)


def build(docs: Path = DOCS) -> list[Result]:
    results = [process_article(p) for p in sorted((CORPUS / "articles").glob("*.yaml"))]
    pages: dict[str, str] = {"index.md": index_page(results)}
    for result in results:
        pages.update(article_pages(result))
    for rel, content in pages.items():
        path = docs / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    return results
