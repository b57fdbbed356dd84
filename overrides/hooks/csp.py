"""Content-Security-Policy (issue 15): scripts from the site only. The theme writes a few inline scripts into every
page (scope and storage helpers, palette, tabs); each is allowed by its own sha256, computed here from the page as
built (the last hook on it), so an edit to the theme cannot silently need 'unsafe-inline'. Only attribute-less
<script> elements outside the article are hashed: anything inside the article came from content and must stay
blocked."""

from __future__ import annotations

import base64
import hashlib
import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

CSP_SCRIPT = re.compile(r"""(<meta http-equiv="Content-Security-Policy" content="[^"]*?script-src 'self')""")
INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)
_ARTICLE = re.compile(r"<article\b.*</article>", re.DOTALL)


def hash_source(text: str) -> str:
    """The CSP source that allows exactly this inline <script> or <style> text."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def inline_script_hashes(html: str) -> list[str]:
    article = _ARTICLE.search(html)
    inside = range(article.start(), article.end()) if article else range(0)
    found = [m.group(1) for m in INLINE_SCRIPT.finditer(html) if m.start() not in inside]
    return list(dict.fromkeys(hash_source(s) for s in found))


def with_script_hashes(output: str, where: str) -> str:
    if not CSP_SCRIPT.search(output[:2000]):
        raise PluginError(f"{where}: the Content-Security-Policy meta is not at the start of <head> (overrides/main.html)")
    hashes = inline_script_hashes(output)
    return CSP_SCRIPT.sub(lambda m: m.group(1) + "".join(" " + h for h in hashes), output, count=1)


def on_post_page(output: str, page: Page, config: MkDocsConfig, **_: object) -> str:
    return with_script_hashes(output, page.file.src_uri)


def on_post_template(output: str, template_name: str, config: MkDocsConfig, **_: object) -> str:
    if template_name.endswith(".html"):  # 404.html: a page like the others, with the theme's inline scripts
        return with_script_hashes(output, template_name)
    return output
