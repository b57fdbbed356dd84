"""Downloads: the pipeline marks where they go (<!-- downloads:SLUG -->), and this writes the block. On an article, its
single files, made in the reader's browser (_single_file_link); on the home pages, the offline zip, the whole site in
one file. The zip is made after MkDocs, from this build's pages (scripts/package.py), so its size is not known here;
it was written into the home pages afterwards, a step editing another's output (issue 20). Now no step writes into a
page: the link names the zip without a size (the browser shows it when downloading; the release page in CI)."""

from __future__ import annotations

import functools
import html
import re
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

if (_root := str(Path(__file__).resolve().parents[2])) not in sys.path:  # `mkdocs` as a script: no repository on the path
    sys.path.insert(0, _root)

from overrides.hooks.csp import hash_source  # noqa: E402 (after the path is set)
from overrides.hooks.words import WORDS  # noqa: E402
from pipeline.core.layout import DOWNLOADS_DIR, LOCALES, STANDALONE_CSS, THEME, ZIP_NAME, offline_zip_url  # noqa: E402

_MARK = re.compile(r"<!-- downloads:([a-z0-9-]+) -->")


@functools.cache
def _standalone_style(_stamp: int = 0) -> str:
    """The single files' CSP source for their <style>, as reader.js writes it: a line break, then standalone.css. It allows
    exactly that text: no 'unsafe-inline', so no style attribute or other <style> element in a single file applies
    (issue 22). Read once per version of the file (`_stamp`: its mtime; `make serve` keeps this module while the file is
    edited)."""
    return hash_source("\n" + STANDALONE_CSS.read_text(encoding="utf-8"))


def _single_file_link(slug: str, page_url: str, language: str, locale: str) -> str:
    """A single-file download of the article in `locale` (issue 21): made in the browser when asked (overrides/assets/
    reader.js singleFile), from the page as served: the article only, the standalone styles inlined and allowed by
    their hash, no scripts. Written as files beside the pages, they were a second copy of every article (80 kB an
    article at N = 200, both editions). Without scripts the link saves the page itself under the same name."""
    here = LOCALES["hans"] if not page_url.startswith(LOCALES["hant"] + "/") else LOCALES["hant"]
    path = page_url.removeprefix(LOCALES["hant"] + "/") if here == LOCALES["hant"] else page_url
    target = path if locale == LOCALES["hans"] else f"{LOCALES['hant']}/{path}"
    href = get_relative_url(target, page_url) if target != page_url else "./"
    name = "hans" if locale == LOCALES["hans"] else "hant"
    return f'<a href="{href}" lang="{locale}" download="{slug}.{locale}.html">{WORDS[language][name]}</a>'


def _downloads_block(slug: str, page_url: str, language: str) -> str:
    words = WORDS[language]
    if slug == "index":
        href = html.escape(offline_zip_url()) or get_relative_url(f"{DOWNLOADS_DIR}/{ZIP_NAME}", page_url)  # page URLs include zh-Hant/
        return (f'<div class="downloads" markdown>\n\n**{words["title"]}**\n\n'
                f'- <a href="{href}" download>{words["zip"]}</a>\n\n</div>')
    style = html.escape(_standalone_style(STANDALONE_CSS.stat().st_mtime_ns), quote=True)
    item = words["html"] + "：" + "　".join(_single_file_link(slug, page_url, language, loc) for loc in LOCALES.values())
    css = get_relative_url(STANDALONE_CSS.relative_to(THEME).as_posix(), page_url)  # a theme file, at its place in the site
    # The single file's provenance note, in this edition's words, once on the block: reader.js takes it from the page
    # the file is made of (the other edition's note for the other edition's file), not from each link (issue 21).
    note = html.escape(words["single_note"], quote=True)
    return (f'<div class="downloads" data-single-css="{css}" data-single-style="{style}" data-single-note="{note}" '
            f'markdown>\n\n**{words["title"]}**\n\n- {item}\n\n</div>')


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, **_: object) -> str:
    language = config.theme.get("language", "zh-Hans")
    return _MARK.sub(lambda m: _downloads_block(m.group(1), page.url, language), markdown)
