"""Pages written small (issue 21): without the templates' indentation, and the theme's JSON as UTF-8."""

from __future__ import annotations

import re

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

# The theme's templates indent their output: a tenth of every page was runs of blank lines and indents (issue 21: 24 kB
# an article over both editions, its list entries and its reports). A run of white space holding a line break is
# written as that one line break: HTML shows any run as one space, so no page changes on screen; <pre> and
# <textarea> keep theirs (white space shown as typed), <script> and <style> are left as they are.
_KEEP_SPACE = re.compile(r"<(pre|textarea|script|style)\b.*?</\1\s*>", re.DOTALL | re.IGNORECASE)
_LINE_BREAK_RUN = re.compile(r"[ \t\r\f]*\n\s*")


def collapse_space(page: str) -> str:
    out, last = [], 0
    for kept in _KEEP_SPACE.finditer(page):
        out += [_LINE_BREAK_RUN.sub("\n", page[last:kept.start()]), kept.group()]
        last = kept.end()
    out.append(_LINE_BREAK_RUN.sub("\n", page[last:]))
    return "".join(out)


# Round 2 (issue 21): the theme's chrome (header, search dialog, drawer, toc) is blocks and flex items, where a line
# break next to a tag is never shown (a line's leading and trailing spaces and the spaces between blocks or flex items
# are dropped by layout), so the chrome loses its line breaks: about 250 bytes of every page. The article between
# <article> and </article> keeps them: its inline runs (a glossary link, a ¶ link, dt/dd shown inline in the article's
# metadata) can show a line break as a space. tests/test_site_size.py checks in Chromium that no page's text changes.
_ARTICLE = re.compile(r"<article\b.*?</article\s*>", re.DOTALL | re.IGNORECASE)
_BREAK_AT_TAG = re.compile(r">\n|\n<")


def drop_chrome_breaks(page: str) -> str:
    kept = [(m.start(), m.end()) for pattern in (_ARTICLE, _KEEP_SPACE) for m in pattern.finditer(page)]

    def drop(m: re.Match[str]) -> str:
        at = m.start() + m.group().index("\n")
        return m.group() if any(start <= at < end for start, end in kept) else m.group().strip()

    return _BREAK_AT_TAG.sub(drop, page)


def on_env(env: Environment, config: MkDocsConfig, files: Files, **_: object) -> Environment:
    # `tojson` (the theme's __config) writes JSON's non-ASCII characters as UTF-8, not as \uXXXX: half a kB of every
    # page (issue 21); <, >, & and ' are still escaped, so the JSON cannot end its <script>. No space after its commas
    # and colons either (round 2: ~20 bytes a page).
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False, "separators": (",", ":")}
    return env


def on_post_page(output: str, page: Page, config: MkDocsConfig, **_: object) -> str:
    return drop_chrome_breaks(collapse_space(output))


def on_post_template(output: str, template_name: str, config: MkDocsConfig, **_: object) -> str:
    return collapse_space(output) if template_name.endswith(".html") else output  # 404.html, not sitemap.xml
