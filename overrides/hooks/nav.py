"""The site navigation: the five pages of pipeline/core/layout.py NAV_PAGES in each edition, never the articles."""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.structure.nav import Navigation

if (_root := str(Path(__file__).resolve().parents[2])) not in sys.path:  # `mkdocs` as a script: no repository on the path
    sys.path.insert(0, _root)

from pipeline.core.layout import LOCALES, NAV_PAGES  # noqa: E402 (after the path is set)

# each edition's folder as mkdocs-static-i18n may name it in a page's src_uri ("zh-Hant", "zh hant")
LOCALE_FOLDERS = {name for locale in LOCALES.values() for name in (locale.lower(), locale.lower().replace("-", " "))}


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
