"""MkDocs hooks: site glue only, no text processing (that is the pipeline's job)."""

from __future__ import annotations

import base64
import functools
import hashlib
import html
import logging
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

LOCALE_FOLDERS = {"zh hans", "zh hant", "zh-hans", "zh-hant"}
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `mkdocs` run as a script has no repository on sys.path
    sys.path.insert(0, str(ROOT))

from pipeline.core.data import EXTRA, LOCALES, NAV_PAGES, SHARDS  # noqa: E402 (after the path is set)
from pipeline.document.words import script_words, words  # noqa: E402
from pipeline.publish.labels import LABELS  # noqa: E402


def on_config(config: MkDocsConfig, **_: object) -> MkDocsConfig:
    # The pipeline's Markdown extension reads its escaped text back in linear time (pipeline/core/escape.py,
    # issue 15). Registered here, not in mkdocs.yml, where a module must be importable before the hooks run.
    from pipeline.core.escape import makeExtension, safe_slugify

    config.markdown_extensions.append(makeExtension())  # type: ignore[arg-type]
    # One sitemap, the pipeline's (pipeline/publish/feeds.py: lastmod, both editions as hreflang alternates, only with
    # a SITE_URL): MkDocs' sitemap.xml and sitemap.xml.gz disagreed with it.
    config.theme.static_templates.discard("sitemap.xml")
    toc = config.mdx_configs.setdefault("toc", {})
    toc["slugify"] = safe_slugify(toc.get("slugify") or _default_slugify())  # no heading takes one of Material's ids
    return config


def _default_slugify() -> Callable[[str, str], str]:
    from markdown.extensions.toc import slugify

    return slugify


class _DirtyNotice(logging.Filter):
    """scripts/build_site.py builds --dirty only when that is safe (no page carries the list of all articles, none was
    removed, same configuration); MkDocs' generic warning about it would fail the build under --strict."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build is being performed" not in record.getMessage()


logging.getLogger("mkdocs.commands.build").addFilter(_DirtyNotice())


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


ZIP_NAME = "zh-policy-reader-offline.zip"  # as scripts/package.py writes it


def zip_url() -> str:
    """Where the deployed site links the offline zip when it is not one of the site's files: OFFLINE_ZIP_URL, set by
    the CI build to the zip's release asset (.github/workflows/site.yml). GitHub Pages publishes at most 1 GB, and the
    zip is a second copy of the whole site; unset (make site, the tests), the zip is site/downloads/ZIP_NAME."""
    return os.environ.get("OFFLINE_ZIP_URL", "").strip()


# Downloads: the pipeline marks where they go (<!-- downloads:SLUG -->). The zip's size is not known yet: it is made
# from this build's output (scripts/package.py), which then writes its size in place of its SIZE_MARK; the single
# files are made in the reader's browser (_single_file_link). The zip's link is on the home pages only: its size changes with every build,
# and on every page it would make every page change whenever one article is added.
_MARK = re.compile(r"<!-- downloads:([a-z0-9-]+) -->")
SIZE_MARK = "⟦size:{}⟧"
_WORDS = {LOCALES[s]: {**words(s)["downloads"], **words(s)["editions"]} for s in LOCALES}  # corpus/data/words/
STANDALONE_CSS = ROOT / "overrides" / "assets" / "standalone.css"


def style_hash(style: str) -> str:
    """The CSP source that allows exactly this <style> element's text: no 'unsafe-inline', so no style attribute or other
    <style> element in a single file applies (issue 22)."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(style.encode("utf-8")).digest()).decode() + "'"


@functools.cache
def _standalone_style(_stamp: int = 0) -> str:
    """The single files' CSP source for their <style>, as reader.js writes it: a line break, then standalone.css. Read once
    per version of the file (`_stamp`: its mtime; `make serve` keeps this module while the file is edited)."""
    return style_hash("\n" + STANDALONE_CSS.read_text(encoding="utf-8"))


def _single_file_link(slug: str, page_url: str, language: str, locale: str) -> str:
    """A single-file download of the article in `locale` (issue 21): made in the browser when asked (overrides/assets/
    reader.js singleFile), from the page as served: the article only, the standalone styles inlined and allowed by
    their hash, no scripts. Written as files beside the pages, they were a second copy of every article (80 kB an
    article at N = 200, both editions). Without scripts the link saves the page itself under the same name."""
    here = LOCALES["hans"] if not page_url.startswith(LOCALES["hant"] + "/") else LOCALES["hant"]
    path = page_url.removeprefix(LOCALES["hant"] + "/") if here == LOCALES["hant"] else page_url
    target = path if locale == LOCALES["hans"] else f"{LOCALES['hant']}/{path}"
    href = get_relative_url(target, page_url) if target != page_url else "./"
    words = _WORDS[locale]
    note = html.escape(words["single_note"], quote=True)
    name = "hans" if locale == LOCALES["hans"] else "hant"
    return (f'<a href="{href}" lang="{locale}" download="{slug}.{locale}.html" data-single-note="{note}">'
            f"{_WORDS[language][name]}</a>")


def _downloads_block(slug: str, page_url: str, language: str) -> str:
    words = _WORDS[language]

    def link(name: str, text: str, lang: str = "") -> str:
        href = get_relative_url(f"downloads/{name}", page_url)  # page URLs include zh-Hant/
        tag = f' lang="{lang}"' if lang else ""  # an edition's name is written in its own script
        return f'<a href="{href}"{tag} download>{text}</a>（{SIZE_MARK.format(name)}）'

    if slug == "index":
        items = [link(ZIP_NAME, words["zip"])]
        if url := zip_url():  # published elsewhere (a release asset): not a file of the deployed site
            items = [f'<a href="{html.escape(url)}" download>{words["zip"]}</a>（{SIZE_MARK.format(ZIP_NAME)}）']
        return (f'<div class="downloads" markdown>\n\n**{words["title"]}**\n\n'
                + "".join(f"- {item}\n" for item in items) + "\n</div>")
    style = html.escape(_standalone_style(STANDALONE_CSS.stat().st_mtime_ns), quote=True)
    item = words["html"] + "：" + "　".join(_single_file_link(slug, page_url, language, loc) for loc in LOCALES.values())
    return (f'<div class="downloads" data-single-css="{get_relative_url("assets/standalone.css", page_url)}" '
            f'data-single-style="{style}" markdown>\n\n**{words["title"]}**\n\n- {item}\n\n</div>')


def on_pre_build(config: MkDocsConfig, **_: object) -> None:
    _refresh_docs(config)
    # The ¶ after each heading and the ↩ after each footnote are titled in the edition's script (the ↩ was English:
    # Python-Markdown's "Jump back to footnote 1 in the text"): mkdocs-static-i18n builds the editions one after the
    # other with one `mdx_configs` (which it may not override per edition); MkDocs reads it again for every page.
    words = _WORDS[config.theme.get("language", LOCALES["hans"])]
    config.mdx_configs.setdefault("toc", {})["permalink_title"] = words["permalink"]
    config.mdx_configs.setdefault("footnotes", {})["BACKLINK_TITLE"] = words["backlink"]
    _one_404(config)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, **_: object) -> str:
    language = config.theme.get("language", "zh-Hans")
    return _MARK.sub(lambda m: _downloads_block(m.group(1), page.url, language), markdown)


def on_page_context(context: dict, page: Page, config: MkDocsConfig, **_: object) -> dict:
    # mkdocs-static-i18n gives home pages the edition roots as absolute paths under site_url's path ("/", "/zh-Hant/";
    # "/reader/", "/reader/zh-Hant/" on a GitHub project site), which break from disk; paths relative to the site's
    # root ("./", "zh-Hant/") let `url` make them relative to the page. The site's own path must go too: kept, it
    # made "reader/" (-> /reader/reader/) on the home page.
    # (the plugin sets `config.extra.alternate` as an attribute, which Jinja reads before the dict key)
    base = urlsplit(config.site_url or "").path.rstrip("/") + "/"
    for alt in getattr(config.extra, "alternate", None) or config.extra.get("alternate") or []:
        link = str(alt.get("link", ""))
        if link.startswith(base) and not link.startswith("//"):
            alt["link"] = link.removeprefix(base) or "./"
    context["head_alternates"] = head_alternates(page, config)
    return context


def _one_404(config: MkDocsConfig) -> None:
    # One 404.html serves every missing URL of both editions (a server has one), so only the default edition's build
    # writes it, in both scripts (overrides/404.html); the traditional build, which runs after it into the same
    # folder, used to overwrite it with a traditional page. (Here, not in on_config: mkdocs-static-i18n sets the
    # edition's language in its own on_config, which runs after ours; the theme object is shared by both builds.)
    templates = config.theme.static_templates
    if config.theme.get("language", LOCALES["hans"]) == LOCALES["hans"]:
        templates.add("404.html")
    else:
        templates.discard("404.html")


def head_alternates(page: Page, config: MkDocsConfig) -> list[dict[str, str]]:
    """<link rel="alternate"> for the page's <head> (overrides/main.html): the page in each edition and x-default (the
    simplified one), absolute when the site knows its URL (crawlers want them so), else relative; and, with a SITE_URL
    (only then are feeds written), the edition's Atom feed, for feed readers to discover."""
    site = (config.site_url or "").rstrip("/")
    out = []
    for alt in getattr(config.extra, "alternate", None) or config.extra.get("alternate") or []:
        path = str(alt.get("link", "")).removeprefix("./")  # relative to the site's root, as on_page_context left it
        href = f"{site}/{path}" if site else get_relative_url(path or "./", page.url)
        out.append({"hreflang": str(alt.get("lang", "")), "href": href})
    out += [{"hreflang": "x-default", "href": a["href"]} for a in out if a["hreflang"] == LOCALES["hans"]]
    if site:
        language = config.theme.get("language", LOCALES["hans"])
        out.append({"type": "application/atom+xml", "title": str(config.site_name),
                    "href": f"{site}/{'' if language == LOCALES['hans'] else language + '/'}feed.xml"})
    return out


def on_template_context(context: dict, template_name: str, config: MkDocsConfig, **_: object) -> dict:
    # 404.html is served for any missing URL, so its links are absolute from the site's path. mkdocs-static-i18n left
    # its language links pointing at whichever page was rendered last (a change report): point them at the editions'
    # home pages, which also makes the page the same in a full and a --dirty build.
    if template_name == "404.html":
        base = urlsplit(config.site_url or "").path.rstrip("/")
        home = {script: f"{base}/" if lang == LOCALES["hans"] else f"{base}/{lang}/" for script, lang in LOCALES.items()}
        for alt in getattr(config.extra, "alternate", None) or config.extra.get("alternate") or []:
            lang = str(alt.get("lang", ""))
            alt["link"] = home["hans"] if lang == LOCALES["hans"] else f"{base}/{lang}/"
        # its text in both scripts, each with its edition's home page (overrides/404.html)
        context["not_found"] = [{"lang": LOCALES[script], "text": LABELS[script]["not_found"], "href": home[script],
                                 "link": LABELS[script]["not_found_home"]} for script in LOCALES]
    return context


# Content-Security-Policy (issue 15): scripts from the site only. The theme writes a few inline scripts into
# every page (scope and storage helpers, palette, tabs); each is allowed by its own sha256, computed here
# from the page as built, so an edit to the theme cannot silently need 'unsafe-inline'. Only attribute-less
# <script> elements outside the article are hashed: anything inside the article came from content and must
# stay blocked.
_CSP_SCRIPT = re.compile(r"""(<meta http-equiv="Content-Security-Policy" content="[^"]*?script-src 'self')""")
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)
_ARTICLE = re.compile(r"<article\b.*</article>", re.DOTALL)


def _sha256(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


def inline_script_hashes(html: str) -> list[str]:
    article = _ARTICLE.search(html)
    inside = range(article.start(), article.end()) if article else range(0)
    found = [m.group(1) for m in _INLINE_SCRIPT.finditer(html) if m.start() not in inside]
    return list(dict.fromkeys(_sha256(s) for s in found))


def _with_script_hashes(output: str, where: str) -> str:
    if not _CSP_SCRIPT.search(output[:2000]):
        raise PluginError(f"{where}: the Content-Security-Policy meta is not at the start of <head> (overrides/main.html)")
    hashes = inline_script_hashes(output)
    return _CSP_SCRIPT.sub(lambda m: m.group(1) + "".join(" " + h for h in hashes), output, count=1)


# The theme's templates indent their output: a tenth of every page was runs of blank lines and indents (issue 21: 24 kB
# an article over both editions, its list entries and its reports). A run of white space holding a line break is
# written as that one line break: HTML shows any run as one space, so no page changes on screen; <pre> and
# <textarea> keep theirs (white space shown as typed), <script> and <style> are left as they are.
_KEEP_SPACE = re.compile(r"<(pre|textarea|script|style)\b.*?</\1\s*>", re.DOTALL | re.IGNORECASE)
_LINE_BREAK_RUN = re.compile(r"[ \t\r\f]*\n\s*")


def collapse_space(page: str) -> str:
    out, last = [], 0
    for kept in _KEEP_SPACE.finditer(page):
        out += [_LINE_BREAK_RUN.sub("\n", page[last:kept.start()]), kept.group()]
        last = kept.end()
    out.append(_LINE_BREAK_RUN.sub("\n", page[last:]))
    return "".join(out)


def on_post_page(output: str, page: Page, config: MkDocsConfig, **_: object) -> str:
    _unlink(page.file.abs_dest_path)  # MkDocs writes it next
    return _with_script_hashes(collapse_space(output), page.file.src_uri)


# The pipeline's files that are not pages (exports, raw files, search index: build/site-extra/, build/site-search/)
# are not in docs/: `mkdocs build` never sees them, scripts/package.py links them into site/. `mkdocs serve`
# (make serve) has no such step, so there they are added as static files, once, in the default edition's build (at
# the site's root), after mkdocs-static-i18n has arranged the editions' files (its priority is -100).
_COMMAND = {"name": ""}


def on_startup(command: str, **_: object) -> None:
    _COMMAND["name"] = command


# `mkdocs serve` (make serve) writes its live-reload script into each page as it serves it (a new epoch and request id
# every time, so no build can know its hash), right before </body>. Here, in serve mode only, the server's injection is
# wrapped to allow that one script by its hash in the page's CSP; the built site's CSP is unchanged. (MkDocs 1.6 has
# no public way to do this: LiveReloadServer._inject_js_into_html; tests/test_site.py sees a reload happen.)
def on_serve(server: LiveReloadServer, config: MkDocsConfig, **_: object) -> LiveReloadServer:
    inject = getattr(server, "_inject_js_into_html", None)
    if inject is None:
        raise PluginError("mkdocs serve no longer has LiveReloadServer._inject_js_into_html: see overrides/hooks.py (on_serve)")

    def inject_allowed(content: bytes, epoch: int) -> bytes:
        html = inject(content, epoch).decode("utf-8")
        reload_script = list(_INLINE_SCRIPT.finditer(html))[-1].group(1)  # the last one, just before </body>
        return _CSP_SCRIPT.sub(lambda m: m.group(1) + " " + _sha256(reload_script), html, count=1).encode("utf-8")

    server._inject_js_into_html = inject_allowed  # type: ignore[method-assign]
    return server


# In serve mode a change under corpus/ (watched: mkdocs.yml `watch`) must reach docs/ before MkDocs renders it: the
# pipeline runs first (scripts.build_corpus, cached per article: ~1 s), in the default edition's build only, and
# only when something under corpus/ changed since its last run in this server. A pipeline error is the build's error
# (the server keeps the last good pages and says why).
_CORPUS_SEEN = {"state": ""}


def _corpus_state() -> str:
    files = sorted(p for p in (ROOT / "corpus").rglob("*") if p.is_file())
    return hashlib.sha256("\n".join(f"{p}:{p.stat().st_mtime_ns}:{p.stat().st_size}" for p in files).encode()).hexdigest()


def _refresh_docs(config: MkDocsConfig) -> None:
    if _COMMAND["name"] != "serve" or config.theme.get("language", LOCALES["hans"]) != LOCALES["hans"]:
        return
    state = _corpus_state()
    if state == _CORPUS_SEEN["state"]:
        return
    if _CORPUS_SEEN["state"]:  # not at start: `make serve` has just built the site
        done = subprocess.run([sys.executable, "-m", "scripts.build_corpus"], cwd=ROOT, capture_output=True, text=True)
        if done.returncode:
            raise PluginError(f"the pipeline failed on corpus/: {done.stderr.strip()[-2000:]}")
    _CORPUS_SEEN["state"] = state


_UNUSED_THEME_FILE = re.compile(r"assets/javascripts/(lunr|workers)/|assets/.*\.map$")


@event_priority(-110)
def on_files(files: Files, config: MkDocsConfig, **_: object) -> Files:
    # Not rendered (on_config), mkdocs-static-i18n's sitemap template would be copied as a static file, unrendered.
    if (template := files.get_file_from_path("sitemap.xml")) is not None and not template.is_documentation_page():
        files.remove(template)
    # The theme's files that no page loads: Material's search (lunr and its worker; the site has its own, search.js) and
    # the source maps of its bundles, 2.3 MB of a site's 2.6 MB of assets (issue 21).
    for file in [f for f in files if _UNUSED_THEME_FILE.match(f.src_uri) and not f.is_documentation_page()]:
        files.remove(file)
    if _COMMAND["name"] == "serve" and config.theme.get("language", LOCALES["hans"]) == LOCALES["hans"]:
        for root in (EXTRA, SHARDS):
            for path in (p for p in root.rglob("*") if p.is_file()):
                files.append(File(path.relative_to(root).as_posix(), str(root), config.site_dir, use_directory_urls=False))
    return files


# A --dirty build goes into a copy of site/ made of hard links to the live site's files (scripts/build_site.py).
# MkDocs writes a file by opening it for writing, which would change the live file too; so each file it is
# about to write is unlinked first, and the write makes a new file. MkDocs' events come just before its
# writes: on_env before the static files are copied (only the modified ones, in a dirty build), on_post_template
# before a template (and sitemap.xml.gz), on_post_page before a page. tests/test_scale.py checks that a failed
# dirty build leaves every live file as it was.
def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def on_env(env: Environment, config: MkDocsConfig, files: Files, **_: object) -> Environment:
    # `tojson` (the theme's __config) writes JSON's non-ASCII characters as UTF-8, not as \uXXXX: half a kB of every
    # page (issue 21); <, >, & and ' are still escaped, so the JSON cannot end its <script>.
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
    env.globals["script_words"] = {LOCALES[s]: script_words(s) for s in LOCALES}  # the scripts' words (overrides/main.html)
    env.globals["theme_words"] = {LOCALES[s]: words(s)["theme"] for s in LOCALES}  # overrides/partials/languages/
    for file in files:
        if not file.is_documentation_page() and file.is_modified():
            _unlink(file.abs_dest_path)
    return env


def on_post_template(output: str, template_name: str, config: MkDocsConfig, **_: object) -> str:
    for name in (template_name, f"{template_name}.gz"):
        _unlink(os.path.join(config.site_dir, name))
    if template_name.endswith(".html"):  # 404.html: a page like the others, with the theme's inline scripts
        return _with_script_hashes(collapse_space(output), template_name)
    return output
