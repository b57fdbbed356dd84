"""One 404.html for both editions (a server has one): written by the default edition's build only, in both scripts
(overrides/404.html), its links absolute from the site's path."""

from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig

if (_root := str(Path(__file__).resolve().parents[2])) not in sys.path:  # `mkdocs` as a script: no repository on the path
    sys.path.insert(0, _root)

from overrides.hooks.languages import alternates  # noqa: E402 (after the path is set)
from pipeline.core.layout import LOCALES  # noqa: E402
from pipeline.publish.labels import LABELS  # noqa: E402


def on_pre_build(config: MkDocsConfig, **_: object) -> None:
    # Only the default edition's build writes 404.html; the traditional build, which runs after it into the same
    # folder, used to overwrite it with a traditional page. (Here, not in on_config: mkdocs-static-i18n sets the
    # edition's language in its own on_config, which runs after ours; the theme object is shared by both builds.)
    templates = config.theme.static_templates
    if config.theme.get("language", LOCALES["hans"]) == LOCALES["hans"]:
        templates.add("404.html")
    else:
        templates.discard("404.html")


def on_template_context(context: dict, template_name: str, config: MkDocsConfig, **_: object) -> dict:
    # 404.html is served for any missing URL, so its links are absolute from the site's path. mkdocs-static-i18n left
    # its language links pointing at whichever page was rendered last (a change report): point them at the editions'
    # home pages, which also makes the page the same in a full and a --dirty build.
    if template_name == "404.html":
        base = urlsplit(config.site_url or "").path.rstrip("/")
        home = {script: f"{base}/" if lang == LOCALES["hans"] else f"{base}/{lang}/" for script, lang in LOCALES.items()}
        for alt in alternates(config):
            lang = str(alt.get("lang", ""))
            alt["link"] = home["hans"] if lang == LOCALES["hans"] else f"{base}/{lang}/"
        # its text in both scripts, each with its edition's home page (overrides/404.html)
        context["not_found"] = [{"lang": LOCALES[script], "text": LABELS[script]["not_found"], "href": home[script],
                                 "link": LABELS[script]["not_found_home"]} for script in LOCALES]
    return context
