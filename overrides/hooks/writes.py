"""A --dirty build goes into a copy of site/ made of hard links to the live site's files (scripts/build_site.py).
MkDocs writes a file by opening it for writing, which would change the live file too; so each file it is about to
write is unlinked first, and the write makes a new file. MkDocs' events come just before its writes: on_env before the
static files are copied (only the modified ones, in a dirty build), on_post_template before a template (and
sitemap.xml.gz), on_post_page before a page. tests/test_scale.py checks that a failed dirty build leaves every live file
as it was."""

from __future__ import annotations

import logging
import os

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page


class _DirtyNotice(logging.Filter):
    """scripts/build_site.py builds --dirty only when that is safe (no page carries the list of all articles, none was
    removed, same configuration); MkDocs' generic warning about it would fail the build under --strict."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build is being performed" not in record.getMessage()


logging.getLogger("mkdocs.commands.build").addFilter(_DirtyNotice())


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def on_env(env: Environment, config: MkDocsConfig, files: Files, **_: object) -> Environment:
    for file in files:
        if not file.is_documentation_page() and file.is_modified():
            _unlink(file.abs_dest_path)
    return env


def on_post_page(output: str, page: Page, config: MkDocsConfig, **_: object) -> str:
    _unlink(page.file.abs_dest_path)  # MkDocs writes it next
    return output


def on_post_template(output: str, template_name: str, config: MkDocsConfig, **_: object) -> str:
    for name in (template_name, f"{template_name}.gz"):
        _unlink(os.path.join(config.site_dir, name))
    return output
