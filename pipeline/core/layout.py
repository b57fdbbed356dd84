"""Every path of the build, named once. Each step writes only its own files and reads the steps before it
(scripts/build_site.py runs them in this order):

    corpus/ -> pipeline (scripts.build_corpus) -> DOCS, EXTRA, SEARCH_KEYS, MANIFEST, CACHE
            -> index merge (scripts.build_index) -> SHARDS
            -> MkDocs (mkdocs.yml, overrides/hooks/) -> the site being built (site_dir(): STAGED_SITE)
            -> packaging (scripts.package) -> OFFLINE, DOWNLOADS/ZIP_NAME, PACKAGE_STATE; links EXTRA, SHARDS and
               DOWNLOADS into the site being built, beside MkDocs' files, which it never opens for writing
            -> STAGED_SITE swapped in as SITE (scripts.atomic); SITE_STAMP says what the next build may reuse

mkdocs.yml names two of them again, as MkDocs reads them: docs_dir (DOCS) and site_dir (SITE_DIR, else SITE).
"""

from __future__ import annotations

import os
from pathlib import Path

from pipeline.core.changes import PipelineError

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"  # the reviewed input: raw pages, their metadata, data files, schemas, model
MKDOCS_CONFIG = ROOT / "mkdocs.yml"
THEME = ROOT / "overrides"  # mkdocs.yml custom_dir: templates, assets, hooks
STANDALONE_CSS = THEME / "assets" / "standalone.css"  # the single-file downloads' styles (overrides/hooks/downloads.py)
GOLDEN = ROOT / "tests" / "golden"  # the rendered Markdown of the real articles (scripts.build_corpus --update-golden)

# The pipeline's output. DOCS holds one folder per edition: LOCALES (the simplified one is the site's root).
DOCS = ROOT / "docs"
LOCALES = {"hans": "zh-Hans", "hant": "zh-Hant"}
# The site-wide navigation (overrides/hooks/nav.py) is these few pages of each edition, never the articles: a nav listing
# every article made each page's HTML grow with the collection (N² in all). Readers find articles through the lists
# the pipeline writes (home, articles/…: paged, by year, venue, author, keyword), breadcrumbs and previous/next.
NAV_PAGES = ("index.md", "articles/index.md", "glossary.md", "about.md", "input.md")
BUILD = ROOT / "build"
CACHE = BUILD / "cache" / "articles"  # one article's whole work under a hash of its inputs (pipeline/publish/cache.py)
MANIFEST = BUILD / "articles.json"  # the articles as the lists show them, for the steps after the pipeline
EXTRA = BUILD / "site-extra"  # the pipeline's files for the site that are not pages: linked in after MkDocs
SEARCH_KEYS = BUILD / "search-keys.pickle"  # every page's search keys, for scripts/build_index.py
SHARDS = BUILD / "site-search"  # where that step writes the index's shards (search/s/, d/, meta.js, conv.js)
# The words search.js writes, one script per edition, loaded with search's others (overrides/partials/search.html names
# it by the edition's locale): the pipeline writes it into EXTRA (pipeline/publish/build.py), not every page's __config.
SEARCH_WORDS = "assets/search-words.{locale}.js"

# The site: MkDocs builds into a staged copy (SITE_DIR), which replaces SITE only when every step succeeded.
SITE = ROOT / "site"
STAGED_SITE = SITE.with_name(f".{SITE.name}.next")  # as scripts/atomic.py stage() names it
SITE_STAMP = BUILD / "site-stamp.json"  # the last good build's inputs and files: may the next one be --dirty?
LOCK = BUILD / "site.lock"  # held while a build runs

# The packaging's own files (scripts/package.py).
OFFLINE = BUILD / "offline" / "site"  # the offline bundle: site/ with directory links as file links
DOWNLOADS = BUILD / "downloads"  # what the site offers for download, copied into the site as DOWNLOADS_DIR/
DOWNLOADS_DIR = "downloads"
ZIP_NAME = "zh-policy-reader-offline.zip"  # the offline bundle zipped, in DOWNLOADS
ZIP_ROOT = "zh-policy-reader"  # the one folder the zip unpacks into
PACKAGE_STATE = BUILD / "package-state.json"  # stamps and digests of what the packaging last derived
OLD_ZIPCACHE = BUILD / "zipcache"  # where earlier builds kept each zip entry's stream: removed


def site_dir() -> Path:
    """The site being built: SITE_DIR (scripts/build_site.py points MkDocs and the packaging at STAGED_SITE), else SITE."""
    return ROOT / os.environ.get("SITE_DIR", SITE.name)


def offline_zip_url() -> str:
    """Where the deployed site links the offline zip when it is not one of the site's files: OFFLINE_ZIP_URL, set by
    the CI build to the zip's release asset (.github/workflows/site.yml). GitHub Pages publishes at most 1 GB, and the
    zip is a second copy of the whole site; unset (make site, the tests), the zip is site/DOWNLOADS_DIR/ZIP_NAME."""
    return os.environ.get("OFFLINE_ZIP_URL", "").strip()


RAW_IN_REPOSITORY = "corpus/raw"  # the raw files' folder in the repository, as RAW_URL and the JSON reports name it


def raw_url() -> str:
    """Where the deployed site's change reports link the raw files when they are not the site's: RAW_URL, a URL prefix
    to which a file's path in the repository (RAW_IN_REPOSITORY/<file>) is appended, set by the CI build to the built
    commit's files on GitHub (.github/workflows/site.yml); the site then holds no raw/ (14 kB an article, the same bytes
    as the repository's: issue 21). Unset (make site, the tests), each report links the copy in the site's raw/.
    Operator configuration, but a report page must not carry a link of any other kind: http(s), ending in "/"."""
    url = os.environ.get("RAW_URL", "").strip()
    if url and not (url.lower().startswith(("https://", "http://")) and url.endswith("/")):
        raise PipelineError("RAW_URL must be an http(s) URL ending in '/' (the raw file's path is appended)", text=url)
    return url
