"""`mkdocs serve` (make serve) only: what the build's other steps do, done while serving. The pipeline runs again on a
change under corpus/; the pipeline's files that are not pages are served at their URLs; the server's reload script
is allowed by the served page's CSP. The built site is unchanged by all of it."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

if (_root := str(Path(__file__).resolve().parents[2])) not in sys.path:  # `mkdocs` as a script: no repository on the path
    sys.path.insert(0, _root)

from overrides.hooks.csp import CSP_SCRIPT, INLINE_SCRIPT, hash_source  # noqa: E402 (after the path is set)
from pipeline.core.layout import CORPUS, EXTRA, LOCALES, ROOT, SHARDS  # noqa: E402

_COMMAND = {"name": ""}


def on_startup(command: str, **_: object) -> None:
    _COMMAND["name"] = command


def _serving_default_edition(config: MkDocsConfig) -> bool:
    return _COMMAND["name"] == "serve" and config.theme.get("language", LOCALES["hans"]) == LOCALES["hans"]


# `mkdocs serve` (make serve) writes its live-reload script into each page as it serves it (a new epoch and request id
# every time, so no build can know its hash), right before </body>. Here, in serve mode only, the server's injection is
# wrapped to allow that one script by its hash in the page's CSP; the built site's CSP is unchanged. (MkDocs 1.6 has
# no public way to do this: LiveReloadServer._inject_js_into_html; tests/test_site.py sees a reload happen.)
def on_serve(server: LiveReloadServer, config: MkDocsConfig, **_: object) -> LiveReloadServer:
    inject = getattr(server, "_inject_js_into_html", None)
    if inject is None:
        raise PluginError("mkdocs serve no longer has LiveReloadServer._inject_js_into_html: see overrides/hooks/serve.py (on_serve)")

    def inject_allowed(content: bytes, epoch: int) -> bytes:
        html = inject(content, epoch).decode("utf-8")
        reload_script = list(INLINE_SCRIPT.finditer(html))[-1].group(1)  # the last one, just before </body>
        return CSP_SCRIPT.sub(lambda m: m.group(1) + " " + hash_source(reload_script), html, count=1).encode("utf-8")

    server._inject_js_into_html = inject_allowed  # type: ignore[method-assign]
    return server


# In serve mode a change under corpus/ (watched: mkdocs.yml `watch`) must reach docs/ before MkDocs renders it: the
# pipeline runs first (scripts.build_corpus, cached per article: ~1 s), in the default edition's build only, and
# only when something under corpus/ changed since its last run in this server. A pipeline error is the build's error
# (the server keeps the last good pages and says why).
_CORPUS_SEEN = {"state": ""}


def _corpus_state() -> str:
    files = sorted(p for p in CORPUS.rglob("*") if p.is_file())
    return hashlib.sha256("\n".join(f"{p}:{p.stat().st_mtime_ns}:{p.stat().st_size}" for p in files).encode()).hexdigest()


def on_pre_build(config: MkDocsConfig, **_: object) -> None:
    if not _serving_default_edition(config):
        return
    state = _corpus_state()
    if state == _CORPUS_SEEN["state"]:
        return
    if _CORPUS_SEEN["state"]:  # not at start: `make serve` has just built the site
        done = subprocess.run([sys.executable, "-m", "scripts.build_corpus"], cwd=ROOT, capture_output=True, text=True)
        if done.returncode:
            raise PluginError(f"the pipeline failed on corpus/: {done.stderr.strip()[-2000:]}")
    _CORPUS_SEEN["state"] = state


# The pipeline's files that are not pages (exports, raw files, search index: EXTRA, SHARDS) are not in docs/: `mkdocs
# build` never sees them, scripts/package.py links them into site/. `mkdocs serve` has no such step, so there they are
# added as static files, once, in the default edition's build (at the site's root), after mkdocs-static-i18n has
# arranged the editions' files (its priority is -100) and after overrides/hooks/theme_files.py has pruned the theme's.
@event_priority(-110)
def on_files(files: Files, config: MkDocsConfig, **_: object) -> Files:
    if _serving_default_edition(config):
        for root in (EXTRA, SHARDS):
            for path in (p for p in root.rglob("*") if p.is_file()):
                files.append(File(path.relative_to(root).as_posix(), str(root), config.site_dir, use_directory_urls=False))
    return files
