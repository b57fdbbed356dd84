"""MkDocs hooks: site glue only, no text processing (that is the pipeline's job)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
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


# Material 9.8.1's search worker splits a Han query greedily against the index's tokens, but its loop
# never tries a slice that ends at the query's last character: 城市大脑 became 城市* OR 大*, which
# matched every page (and the other edition). Two off-by-one fixes; fail loudly if the code changes.
_SEGMENT_FIXES = [("for(let o=s+1;o<t.length;o++)t.slice(s,o)in e", "for(let o=s+1;o<=t.length;o++)t.slice(s,o)in e"),
                  ("n[a]&&a<t.length-1&&(i[s++]=a)", "n[a]&&a<t.length&&(i[s++]=a)")]


def fix_search_worker(source: str) -> str:
    for old, new in _SEGMENT_FIXES:
        if source.count(new) == 1:
            continue  # already fixed (hooks run once per edition)
        if source.count(old) != 1:
            raise PluginError(f"search worker: expected code not found ({old!r}); re-check the Han query fix")
        source = source.replace(old, new)
    return source


def on_post_build(config: MkDocsConfig, **_: object) -> None:
    workers = list((Path(config.site_dir) / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    if not workers:
        return  # the zh-Hant pass writes no theme assets; the default pass does
    for worker in workers:
        worker.write_text(fix_search_worker(worker.read_text(encoding="utf-8")), encoding="utf-8")
