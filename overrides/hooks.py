"""MkDocs hooks: site glue only, no text processing (that is the pipeline's job)."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

LOCALE_FOLDERS = {"zh hans", "zh hant", "zh-hans", "zh-hant"}
ROOT = Path(__file__).resolve().parent.parent


def on_config(config: MkDocsConfig, **_: object) -> MkDocsConfig:
    # The pipeline's Markdown extension reads its escaped text back in linear time (pipeline/core/escape.py,
    # issue 15). Registered here, not in mkdocs.yml: `mkdocs` run as a script has no repository on sys.path.
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from pipeline.core.escape import makeExtension

    config.markdown_extensions.append(makeExtension())  # type: ignore[arg-type]
    return config


def on_nav(nav: Navigation, **_: object) -> Navigation:
    # mkdocs-static-i18n 1.3.1 removes the locale folder's nav section only when its title equals
    # locale.capitalize(), which never holds for "zh-Hans" (the section is titled "Zh hans"): lift it here.
    items = []
    for item in nav.items:
        if isinstance(item, Section) and item.title.lower() in LOCALE_FOLDERS:
            for child in item.children:
                child.parent = None
            items.extend(item.children)
        else:
            items.append(item)
    nav.items = items
    return nav


def on_post_build(config: MkDocsConfig, **_: object) -> None:
    copy_downloads(config)


# Downloads: the pipeline marks where they go (<!-- downloads:SLUG -->); sizes come from the packaging
# step (scripts/package.py), which runs between the offline build and this one.
DOWNLOADS = Path(__file__).resolve().parent.parent / "build" / "downloads"
_MARK = re.compile(r"<!-- downloads:([a-z0-9-]+) -->")
_WORDS = {
    "zh-Hans": {"title": "下载", "zip": "整站离线版（zip，解压后打开 index.html，无需网络）", "html": "本文单文件 HTML（可离线阅读、转发、存档）",
                "hans": "简体", "hant": "繁體", "offline": "这是离线版：所有页面、搜索和脚注都在本地运行。"},
    "zh-Hant": {"title": "下載", "zip": "整站離線版（zip，解壓後打開 index.html，無需網路）", "html": "本文單檔 HTML（可離線閱讀、轉寄、存檔）",
                "hans": "简体", "hant": "繁體", "offline": "這是離線版：所有頁面、搜尋和腳註都在本地執行。"},
}


def _size(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 1_000_000 else f"{max(1, round(n / 1000))} kB"


def _downloads_block(slug: str, page_url: str, language: str, offline: bool) -> str:
    words = _WORDS[language]
    if offline:
        return f'<p class="downloads">{words["offline"]}</p>'
    manifest_path = DOWNLOADS / "manifest.json"
    if not manifest_path.exists():
        raise PluginError(f"{manifest_path} missing: build with `make site` (scripts/build_site.py), not mkdocs alone")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))

    def link(name: str, text: str) -> str:
        if name not in manifest:
            raise PluginError(f"download {name} missing from {manifest_path}")
        href = get_relative_url(f"downloads/{name}", page_url)  # page URLs include zh-Hant/
        return f'<a href="{href}" download>{text}</a>（{_size(manifest[name])}）'

    items = [link("zh-policy-reader-offline.zip", words["zip"])]
    if slug != "index":
        items.append(words["html"] + "：" + "　".join(
            link(f"{slug}.{loc}.html", words[key]) for key, loc in (("hans", "zh-Hans"), ("hant", "zh-Hant"))))
    return (f'<div class="downloads" markdown>\n\n**{words["title"]}**\n\n'
            + "".join(f"- {item}\n" for item in items) + "\n</div>")


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, **_: object) -> str:
    offline = not config.use_directory_urls  # the offline plugin turns directory URLs off
    language = config.theme.get("language", "zh-Hans")
    return _MARK.sub(lambda m: _downloads_block(m.group(1), page.url, language, offline), markdown)


def copy_downloads(config: MkDocsConfig) -> None:
    if config.use_directory_urls and (Path(config.site_dir) / "assets").exists():  # online, default pass
        target = Path(config.site_dir) / "downloads"
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(DOWNLOADS, target, ignore=shutil.ignore_patterns("manifest.json"))


def on_page_context(context: dict, page: Page, config: MkDocsConfig, **_: object) -> dict:
    # mkdocs-static-i18n gives home pages the edition roots as absolute links ("/", "/zh-Hant/"), which
    # break on a GitHub project site (/repo/) and from disk; site-root-relative paths let `url` make them relative.
    # (the plugin sets `config.extra.alternate` as an attribute, which Jinja reads before the dict key)
    for alt in getattr(config.extra, "alternate", None) or config.extra.get("alternate") or []:
        link = str(alt.get("link", ""))
        if link.startswith("/") and not link.startswith("//"):
            alt["link"] = link.lstrip("/") or "./"
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
    return _CSP_SCRIPT.sub(lambda m: m.group(1) + "".join(" " + h for h in hashes), output, count=1)
