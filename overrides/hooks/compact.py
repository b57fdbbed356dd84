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


def on_env(env: Environment, config: MkDocsConfig, files: Files, **_: object) -> Environment:
    # `tojson` (the theme's __config) writes JSON's non-ASCII characters as UTF-8, not as \uXXXX: half a kB of every
    # page (issue 21); <, >, & and ' are still escaped, so the JSON cannot end its <script>.
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
    return env


def on_post_page(output: str, page: Page, config: MkDocsConfig, **_: object) -> str:
    return collapse_space(output)


def on_post_template(output: str, template_name: str, config: MkDocsConfig, **_: object) -> str:
    return collapse_space(output) if template_name.endswith(".html") else output  # 404.html, not sitemap.xml
