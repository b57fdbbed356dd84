"""The whole build, as `make site` runs it (and the tests, on a fresh copy):

1. the pipeline writes the pages into docs/ and its other files into build/site-extra/ (scripts.build_corpus):
   per-article work cached under build/cache/ and run on all cores; only files whose content changed are rewritten;
2. MkDocs builds site/ once, while scripts.build_index merges the search index's shards on another core. When
   site/ holds a previous build of the same configuration, theme and hooks, and
   no page was removed, the build is `--dirty`: MkDocs renders only the pages whose Markdown changed (no page
   carries a list of all articles, so the others are still right);
3. scripts.package links the pipeline's other files and the index's shards into site/, makes the offline bundle
   (derived from site/, not a second MkDocs build), zips it and adds it to site/downloads/. Each step writes only its
   own files (the paths: pipeline/core/layout.py): none writes into another's.
4. the finished site/ replaces the previous one only then: MkDocs and the packaging write into a staged copy
   (`.site.next/`), swapped in by scripts/atomic.py, so a failed or killed build leaves the previous site/ whole.
   For a --dirty build the staged copy is hard links to site/'s files (0.6 s at N = 1,000, where a real copy of the
   540 MB took 4.4 s): every writer replaces a file rather than writing into it (overrides/hooks/writes.py unlinks
   what MkDocs is about to write; scripts/package.py renames new files over old), so the live files are never changed.

Dates come from the last commit (SOURCE_DATE_EPOCH), so two builds of one commit are byte-identical. One build at a
time: a second one in the same folder is refused at once (build/site.lock); a failed file operation (a full disk) ends
this or any step with one line naming the path.

    python -m scripts.build_site [--full]
"""

from __future__ import annotations

import argparse
import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import yaml

from pipeline.core.files import link_or_copy, one_line, replace, tree
from pipeline.core.layout import CORPUS, DOCS, EXTRA, LOCALES, LOCK, MKDOCS_CONFIG, NAV_PAGES, ROOT, SITE, SITE_STAMP, STAGED_SITE, THEME
from scripts.atomic import discard, stage, swap

SITE_LIBRARIES = ("mkdocs", "mkdocs-material", "mkdocs-static-i18n", "pymdown-extensions", "Markdown", "Pygments")


def commit_epoch() -> str:
    done = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True)
    return done.stdout.strip() if done.returncode == 0 and done.stdout.strip() else "315532800"


def site_inputs(env: dict[str, str]) -> str:
    """What every page depends on besides its own Markdown: a change here means a full MkDocs build."""
    h = hashlib.sha256()
    # the words files too: the theme's, the hooks' and the scripts' words are on every page (pipeline/document/words.py)
    for path in [MKDOCS_CONFIG, *sorted(THEME.rglob("*")), *sorted((CORPUS / "data" / "words").glob("*"))]:
        if path.is_file() and "__pycache__" not in path.parts:
            h.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes())
    h.update(f"SITE_URL={env.get('SITE_URL', '')}\0".encode())
    h.update(f"OFFLINE_ZIP_URL={env.get('OFFLINE_ZIP_URL', '')}\0".encode())  # the home pages' zip link (overrides/hooks/downloads.py)
    h.update(" ".join(f"{lib}={version(lib)}" for lib in SITE_LIBRARIES).encode())
    return h.hexdigest()


def docs_files() -> list[str]:
    """What the pipeline wrote: the pages (docs/) and the files linked into site/ beside them (EXTRA)."""
    return [rel for rel, _ in tree(DOCS)] + [f"{EXTRA.name}/{rel}" for rel, _ in tree(EXTRA)]


def can_be_dirty(stamp: dict[str, object], inputs: str, files: list[str]) -> bool:
    """Material's own search plugin indexes only the pages a build renders, so with it every build is full. A removed
    page needs a full build too; a removed file of EXTRA does not: scripts/package.py links EXTRA's files into site/
    and unlinks those gone, whatever MkDocs renders. (The search texts are named by page number, so an added article
    moves the pages after it up one number, and the last page's last files go.)"""
    config = yaml.load(MKDOCS_CONFIG.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)  # tags as text
    plugins = config.get("plugins") or []
    names = {next(iter(p)) if isinstance(p, dict) else p for p in plugins}
    return ("search" not in names and (SITE / "index.html").exists() and stamp.get("inputs") == inputs
            and pages(files) >= pages(stamp.get("files", [])))  # type: ignore[arg-type]


def pages(files: list[str]) -> set[str]:
    return {f for f in files if not f.startswith(f"{EXTRA.name}/")}


@dataclass
class Running:
    step: list[str]
    process: subprocess.Popen[bytes]
    began: float
    relay: threading.Thread
    said_error: list[bool]  # the step printed its own `error: ` line


def start(step: list[str], env: dict[str, str]) -> Running:
    """Run a step, its stderr passed on line by line as it comes, noting whether it said `error: ` itself."""
    process = subprocess.Popen(step, cwd=ROOT, env=env, stderr=subprocess.PIPE)
    said: list[bool] = []

    def relay() -> None:
        out = getattr(sys.stderr, "buffer", None)
        for line in process.stderr:  # type: ignore[union-attr]
            if line.startswith(b"error: "):
                said.append(True)
            if out is not None:
                out.write(line)
            else:
                sys.stderr.write(line.decode("utf-8", "replace"))
            sys.stderr.flush()

    thread = threading.Thread(target=relay, daemon=True)
    thread.start()
    return Running(step, process, time.perf_counter(), thread, said)


def finish(running: Running) -> int:
    """Wait for a step; say how long it took, or that it failed. A step that refused with its own one line
    (`error: FILE:LINE: …`) is not followed by a second one (the issue 22 rerun: `make site` said two)."""
    code = running.process.wait()
    running.relay.join()
    if code and not running.said_error:
        print(f"error: {' '.join(running.step)} failed (exit {code})", file=sys.stderr)
    elif not code:
        print(f"step {running.step[2]}: {time.perf_counter() - running.began:.1f} s", flush=True)
    return code


def run(step: list[str], env: dict[str, str]) -> int:
    return finish(start(step, env))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="render every page even if an earlier build could be reused")
    args = parser.parse_args(argv)
    return one_line(lambda: locked(args.full))  # a full disk: one line naming the path, not a traceback


def locked(full: bool) -> int:
    """One build at a time in a folder: two wrote the same staged files and one died (3 of 5 runs). The lock is
    the kernel's (flock), so a killed build never leaves it held."""
    LOCK.parent.mkdir(parents=True, exist_ok=True)
    with LOCK.open("a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"error: {LOCK}: another `make site` is building this folder: let it finish, then run this one again", file=sys.stderr)
            return 1
        return build(full)


def build(full: bool) -> int:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.setdefault("SOURCE_DATE_EPOCH", commit_epoch())
    if code := run([sys.executable, "-m", "scripts.build_corpus"], env):
        return code
    files = docs_files()
    inputs = site_inputs(env)
    stamp = json.loads(SITE_STAMP.read_text(encoding="utf-8")) if SITE_STAMP.exists() else {}
    SITE_STAMP.unlink(missing_ok=True)  # a failed build leaves no stamp: the next one is full
    dirty = not full and can_be_dirty(stamp, inputs, files)
    # Not --quiet: it hides warnings from the counter that --strict fails on, so strict mode never failed a build.
    staged = stage(STAGED_SITE)
    if dirty:  # hard links: no writer changes a file in place (see 4. above)
        shutil.copytree(SITE, staged, symlinks=True, copy_function=link_or_copy)
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "--strict"]
    print(f"mkdocs: {'only changed pages (--dirty)' if dirty else 'every page'}", flush=True)
    if dirty:
        # Always rendered: a page MkDocs renders names the nav's pages by their titles, which a --dirty build knows
        # only of pages it reads (the others were "None").
        for locale in LOCALES.values():
            for page in filter(Path.is_file, (DOCS / locale / name for name in NAV_PAGES)):
                page.touch()
        mkdocs.append("--dirty")
    into = {**env, "SITE_DIR": str(staged)}
    # The search index's merge (all pages' keys) runs beside MkDocs, on another core: neither reads the other's output.
    index = start([sys.executable, "-m", "scripts.build_index"], env)
    code = run(mkdocs, into)
    code = finish(index) or code
    if code or (code := run([sys.executable, "-m", "scripts.package"], into)):
        discard(staged)
        return code
    swap(staged, SITE)
    replace(SITE_STAMP, json.dumps({"inputs": inputs, "files": files}) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
