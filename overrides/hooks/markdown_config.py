"""Markdown as the pipeline writes it: its extension that reads escaped text back, heading ids that no theme id
takes, and the ¶ and ↩ titled in the edition's script."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

if (_root := str(Path(__file__).resolve().parents[2])) not in sys.path:  # `mkdocs` as a script: no repository on the path
    sys.path.insert(0, _root)

from overrides.hooks.words import WORDS  # noqa: E402 (after the path is set)
from pipeline.core.layout import LOCALES  # noqa: E402


def on_config(config: MkDocsConfig, **_: object) -> MkDocsConfig:
    # The pipeline's Markdown extension reads its escaped text back in linear time (pipeline/core/escape.py,
    # issue 15). Registered here, not in mkdocs.yml, where a module must be importable before the hooks run.
    from pipeline.core.escape import makeExtension, safe_slugify

    config.markdown_extensions.append(makeExtension())  # type: ignore[arg-type]
    toc = config.mdx_configs.setdefault("toc", {})
    toc["slugify"] = safe_slugify(toc.get("slugify") or _default_slugify())  # no heading takes one of Material's ids
    return config


def _default_slugify() -> Callable[[str, str], str]:
    from markdown.extensions.toc import slugify

    return slugify


def on_pre_build(config: MkDocsConfig, **_: object) -> None:
    # The ¶ after each heading and the ↩ after each footnote are titled in the edition's script (the ↩ was English:
    # Python-Markdown's "Jump back to footnote 1 in the text"): mkdocs-static-i18n builds the editions one after the
    # other with one `mdx_configs` (which it may not override per edition); MkDocs reads it again for every page.
    words = WORDS[config.theme.get("language", LOCALES["hans"])]
    config.mdx_configs.setdefault("toc", {})["permalink_title"] = words["permalink"]
    config.mdx_configs.setdefault("footnotes", {})["BACKLINK_TITLE"] = words["backlink"]
