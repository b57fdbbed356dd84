"""The edition links: the language switch's links relative to the site's root, and each page's <link rel="alternate">
(both editions, x-default, the edition's feed) for its <head> (overrides/main.html)."""

from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

if (_root := str(Path(__file__).resolve().parents[2])) not in sys.path:  # `mkdocs` as a script: no repository on the path
    sys.path.insert(0, _root)

from pipeline.core.layout import LOCALES  # noqa: E402 (after the path is set)
from pipeline.document.words import script_words, words  # noqa: E402


def alternates(config: MkDocsConfig) -> list[dict]:
    """mkdocs-static-i18n's edition links (it sets `config.extra.alternate` as an attribute, which Jinja reads before
    the dict key)."""
    return getattr(config.extra, "alternate", None) or config.extra.get("alternate") or []


def on_page_context(context: dict, page: Page, config: MkDocsConfig, **_: object) -> dict:
    # mkdocs-static-i18n gives home pages the edition roots as absolute paths under site_url's path ("/", "/zh-Hant/";
    # "/reader/", "/reader/zh-Hant/" on a GitHub project site), which break from disk; paths relative to the site's
    # root ("./", "zh-Hant/") let `url` make them relative to the page. The site's own path must go too: kept, it
    # made "reader/" (-> /reader/reader/) on the home page.
    base = urlsplit(config.site_url or "").path.rstrip("/") + "/"
    for alt in alternates(config):
        link = str(alt.get("link", ""))
        if link.startswith(base) and not link.startswith("//"):
            alt["link"] = link.removeprefix(base) or "./"
    context["head_alternates"] = head_alternates(page, config)
    return context


def head_alternates(page: Page, config: MkDocsConfig) -> list[dict[str, str]]:
    """<link rel="alternate"> for the page's <head> (overrides/main.html): the page in each edition and x-default (the
    simplified one), absolute when the site knows its URL (crawlers want them so), else relative; and, with a SITE_URL
    (only then are feeds written), the edition's Atom feed, for feed readers to discover."""
    site = (config.site_url or "").rstrip("/")
    out = []
    for alt in alternates(config):
        path = str(alt.get("link", "")).removeprefix("./")  # relative to the site's root, as on_page_context left it
        href = f"{site}/{path}" if site else get_relative_url(path or "./", page.url)
        out.append({"hreflang": str(alt.get("lang", "")), "href": href})
    out += [{"hreflang": "x-default", "href": a["href"]} for a in out if a["hreflang"] == LOCALES["hans"]]
    if site:
        language = config.theme.get("language", LOCALES["hans"])
        out.append({"type": "application/atom+xml", "title": str(config.site_name),
                    "href": f"{site}/{'' if language == LOCALES['hans'] else language + '/'}feed.xml"})
    return out


def on_env(env: Environment, config: MkDocsConfig, files: Files, **_: object) -> Environment:
    """The editions' words for the templates: the scripts' (in the theme's __config, overrides/main.html) and the
    theme's own (overrides/partials/languages/), from the words files (corpus/data/words/)."""
    env.globals["script_words"] = {LOCALES[s]: script_words(s) for s in LOCALES}
    env.globals["theme_words"] = {LOCALES[s]: words(s)["theme"] for s in LOCALES}
    return env
