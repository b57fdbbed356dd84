"""MkDocs hooks: site glue only, no text processing (that is the pipeline's job)."""

from __future__ import annotations

from mkdocs.structure.nav import Navigation, Section

LOCALE_FOLDERS = {"zh hans", "zh hant", "zh-hans", "zh-hant"}


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
