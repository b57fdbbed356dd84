"""MkDocs hooks: site glue only, no text processing (that is the pipeline's job)."""

from __future__ import annotations

import base64
import hashlib
import logging
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

LOCALE_FOLDERS = {"zh hans", "zh hant", "zh-hans", "zh-hant"}
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `mkdocs` run as a script has no repository on sys.path
    sys.path.insert(0, str(ROOT))

from pipeline.core.data import EXTRA, LOCALES, NAV_PAGES, SHARDS  # noqa: E402 (after the path is set)


def on_config(config: MkDocsConfig, **_: object) -> MkDocsConfig:
    # The pipeline's Markdown extension reads its escaped text back in linear time (pipeline/core/escape.py,
    # issue 15). Registered here, not in mkdocs.yml, where a module must be importable before the hooks run.
    from pipeline.core.escape import makeExtension, safe_slugify

    config.markdown_extensions.append(makeExtension())  # type: ignore[arg-type]
    toc = config.mdx_configs.setdefault("toc", {})
    toc["slugify"] = safe_slugify(toc.get("slugify") or _default_slugify())  # no heading takes one of Material's ids
    return config


def _default_slugify() -> Callable[[str, str], str]:
    from markdown.extensions.toc import slugify

    return slugify


class _DirtyNotice(logging.Filter):
    """scripts/build_site.py builds --dirty only when that is safe (no page carries the list of all articles, none was
    removed, same configuration); MkDocs' generic warning about it would fail the build under --strict."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build is being performed" not in record.getMessage()


logging.getLogger("mkdocs.commands.build").addFilter(_DirtyNotice())


def _in_locale(src_uri: str) -> str:
    head, _, rest = src_uri.partition("/")
    return rest if head.lower() in LOCALE_FOLDERS else src_uri


def on_nav(nav: Navigation, **_: object) -> Navigation:
    pages = [p for p in nav.pages if p.file and _in_locale(p.file.src_uri) in NAV_PAGES]
    pages.sort(key=lambda p: NAV_PAGES.index(_in_locale(p.file.src_uri)))
    for page in nav.pages:  # MkDocs linked every page to its alphabetical neighbours: not a reading order
        page.previous_page = page.next_page = None
        page.parent = None
    nav.items = list(pages)
    nav.pages = list(pages)
    return nav


# Downloads: the pipeline marks where they go (<!-- downloads:SLUG -->). Their sizes are not known yet: the
# single files and the zip are made from this build's output (scripts/package.py), which then writes each size
# in place of its SIZE_MARK. The zip's link is on the home pages only: its size changes with every build,
# and on every page it would make every page change whenever one article is added.
_MARK = re.compile(r"<!-- downloads:([a-z0-9-]+) -->")
SIZE_MARK = "⟦size:{}⟧"
_WORDS = {
    "zh-Hans": {"title": "下载", "zip": "整站离线版（zip，解压后打开 index.html，无需网络）", "html": "本文单文件 HTML（可离线阅读、转发、存档）",
                "hans": "简体", "hant": "繁體"},
    "zh-Hant": {"title": "下載", "zip": "整站離線版（zip，解壓後打開 index.html，無需網路）", "html": "本文單檔 HTML（可離線閱讀、轉寄、存檔）",
                "hans": "简体", "hant": "繁體"},
}


def _downloads_block(slug: str, page_url: str, language: str) -> str:
    words = _WORDS[language]

    def link(name: str, text: str) -> str:
        href = get_relative_url(f"downloads/{name}", page_url)  # page URLs include zh-Hant/
        return f'<a href="{href}" download>{text}</a>（{SIZE_MARK.format(name)}）'

    if slug == "index":
        items = [link("zh-policy-reader-offline.zip", words["zip"])]
    else:
        items = [words["html"] + "：" + "　".join(
            link(f"{slug}.{loc}.html", words[key]) for key, loc in (("hans", "zh-Hans"), ("hant", "zh-Hant")))]
    return (f'<div class="downloads" markdown>\n\n**{words["title"]}**\n\n'
            + "".join(f"- {item}\n" for item in items) + "\n</div>")


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, **_: object) -> str:
    language = config.theme.get("language", "zh-Hans")
    return _MARK.sub(lambda m: _downloads_block(m.group(1), page.url, language), markdown)


def on_page_context(context: dict, page: Page, config: MkDocsConfig, **_: object) -> dict:
    # mkdocs-static-i18n gives home pages the edition roots as absolute links ("/", "/zh-Hant/"), which
    # break on a GitHub project site (/repo/) and from disk; site-root-relative paths let `url` make them relative.
    # (the plugin sets `config.extra.alternate` as an attribute, which Jinja reads before the dict key)
    for alt in getattr(config.extra, "alternate", None) or config.extra.get("alternate") or []:
        link = str(alt.get("link", ""))
        if link.startswith("/") and not link.startswith("//"):
            alt["link"] = link.lstrip("/") or "./"
    return context


def on_template_context(context: dict, template_name: str, config: MkDocsConfig, **_: object) -> dict:
    # 404.html is served for any missing URL, so its links are absolute from the site's path. mkdocs-static-i18n left
    # its language links pointing at whichever page was rendered last (a change report): point them at the editions'
    # home pages, which also makes the page the same in a full and a --dirty build.
    if template_name == "404.html":
        base = urlsplit(config.site_url or "").path.rstrip("/")
        for alt in getattr(config.extra, "alternate", None) or config.extra.get("alternate") or []:
            lang = str(alt.get("lang", ""))
            alt["link"] = f"{base}/" if lang == LOCALES["hans"] else f"{base}/{lang}/"
    return context


# Content-Security-Policy (issue 15): scripts from the site only. The theme writes a few inline scripts into
# every page (scope and storage helpers, palette, tabs); each is allowed by its own sha256, computed here
# from the page as built, so an edit to the theme cannot silently need 'unsafe-inline'. Only attribute-less
# <script> elements outside the article are hashed: anything inside the article came from content and must
# stay blocked.
_CSP_SCRIPT = re.compile(r"""(<meta http-equiv="Content-Security-Policy" content="[^"]*?script-src 'self')""")
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)
_ARTICLE = re.compile(r"<article\b.*</article>", re.DOTALL)


def inline_script_hashes(html: str) -> list[str]:
    article = _ARTICLE.search(html)
    inside = range(article.start(), article.end()) if article else range(0)
    found = [m.group(1) for m in _INLINE_SCRIPT.finditer(html) if m.start() not in inside]
    return list(dict.fromkeys("'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode() + "'" for s in found))


def on_post_page(output: str, page: Page, config: MkDocsConfig, **_: object) -> str:
    if not _CSP_SCRIPT.search(output[:2000]):
        raise PluginError(f"{page.file.src_uri}: the Content-Security-Policy meta is not at the start of <head> (overrides/main.html)")
    hashes = inline_script_hashes(output)
    _unlink(page.file.abs_dest_path)  # MkDocs writes it next
    return _CSP_SCRIPT.sub(lambda m: m.group(1) + "".join(" " + h for h in hashes), output, count=1)


# The pipeline's files that are not pages (exports, raw files, search index: build/site-extra/, build/site-search/)
# are not in docs/: `mkdocs build` never sees them, scripts/package.py links them into site/. `mkdocs serve`
# (make serve) has no such step, so there they are added as static files, once, in the default edition's build (at
# the site's root), after mkdocs-static-i18n has arranged the editions' files (its priority is -100).
_COMMAND = {"name": ""}


def on_startup(command: str, **_: object) -> None:
    _COMMAND["name"] = command


@event_priority(-110)
def on_files(files: Files, config: MkDocsConfig, **_: object) -> Files:
    if _COMMAND["name"] == "serve" and config.theme.get("language", LOCALES["hans"]) == LOCALES["hans"]:
        for root in (EXTRA, SHARDS):
            for path in (p for p in root.rglob("*") if p.is_file()):
                files.append(File(path.relative_to(root).as_posix(), str(root), config.site_dir, use_directory_urls=False))
    return files


# A --dirty build goes into a copy of site/ made of hard links to the live site's files (scripts/build_site.py).
# MkDocs writes a file by opening it for writing, which would change the live file too; so each file it is
# about to write is unlinked first, and the write makes a new file. MkDocs' events come just before its
# writes: on_env before the static files are copied (only the modified ones, in a dirty build), on_post_template
# before a template (and sitemap.xml.gz), on_post_page before a page. tests/test_scale.py checks that a failed
# dirty build leaves every live file as it was.
def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def on_env(env: object, config: MkDocsConfig, files: Files, **_: object) -> object:
    for file in files:
        if not file.is_documentation_page() and file.is_modified():
            _unlink(file.abs_dest_path)
    return env


def on_post_template(output: str, template_name: str, config: MkDocsConfig, **_: object) -> str:
    for name in (template_name, f"{template_name}.gz"):
        _unlink(os.path.join(config.site_dir, name))
    return output
