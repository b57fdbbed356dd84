"""What of the theme is not published: MkDocs' sitemap (the pipeline writes the site's one), Material's own search and
the source maps of its bundles."""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files


def on_config(config: MkDocsConfig, **_: object) -> MkDocsConfig:
    # One sitemap, the pipeline's (pipeline/publish/feeds.py: lastmod, both editions as hreflang alternates, only with
    # a SITE_URL): MkDocs' sitemap.xml and sitemap.xml.gz disagreed with it.
    config.theme.static_templates.discard("sitemap.xml")
    return config


_UNUSED_THEME_FILE = re.compile(r"assets/javascripts/(lunr|workers)/|assets/.*\.map$")


@event_priority(-110)  # after mkdocs-static-i18n (-100) has arranged the editions' files
def on_files(files: Files, config: MkDocsConfig, **_: object) -> Files:
    # Not rendered (on_config), mkdocs-static-i18n's sitemap template would be copied as a static file, unrendered.
    if (template := files.get_file_from_path("sitemap.xml")) is not None and not template.is_documentation_page():
        files.remove(template)
    # The theme's files that no page loads: Material's search (lunr and its worker; the site has its own, search.js) and
    # the source maps of its bundles, 2.3 MB of a site's 2.6 MB of assets (issue 21).
    for file in [f for f in files if _UNUSED_THEME_FILE.match(f.src_uri) and not f.is_documentation_page()]:
        files.remove(file)
    return files
