"""Python-Markdown as the site renders a page: for tests that read the pipeline's Markdown as a reader would."""

from __future__ import annotations

import functools
import re
from html.parser import HTMLParser
from pathlib import Path

import markdown

_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)


@functools.cache
def site_markdown(fast: bool = True) -> markdown.Markdown:
    """Python-Markdown as MkDocs builds it: mkdocs.yml's extensions and settings (MkDocs adds toc, tables, fenced_code)
    and, as overrides/hooks/markdown_config.py does, the escaped-run reader."""
    from mkdocs.config import load_config

    from overrides.hooks.markdown_config import on_config
    config = on_config(load_config(str(Path(__file__).resolve().parent.parent / "mkdocs.yml")))
    return markdown.Markdown(extensions=[e for e in config.markdown_extensions if fast or isinstance(e, str)],
                             extension_configs=config.mdx_configs)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def page_text(page: str) -> str:
    """The text a reader sees on a page of the pipeline's Markdown: front matter, tags and attributes (such as a
    link's title) left out."""
    reader = _Text()
    reader.feed(site_markdown().reset().convert(_FRONT_MATTER.sub("", page)))
    return "".join(reader.parts)
