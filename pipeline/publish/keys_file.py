"""The pages' search keys, as the pipeline hands them to the index's merge (build/search-keys.pickle, read by
scripts/build_index.py): one pickled (slug, keys of each section) per page, in index order, written and read one page
at a time, so neither side holds the file's bytes beside its objects (at N = 1,000 that was 146 MB of the pipeline's
peak). An unchanged file keeps its time: the build compares digests, not the bytes."""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType

from pipeline.core.files import written
from pipeline.publish.search_index import SectionKeys


class KeysWriter:
    """`with KeysWriter(path) as w: w.page(slug, keys)`: the file replaced at the end only if its content changed."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.tmp = path.with_name(f".{path.name}.tmp")
        self.digest = hashlib.sha256()

    def __enter__(self) -> KeysWriter:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.file = self.tmp.open("wb")
        return self

    def page(self, slug: str, keys: list[SectionKeys]) -> None:
        data = pickle.dumps((slug, keys), protocol=pickle.HIGHEST_PROTOCOL)
        with written(self.path, self.tmp):
            self.file.write(data)
        self.digest.update(data)

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.file.close()
        if kind is not None or _digest(self.path) == self.digest.hexdigest():
            self.tmp.unlink(missing_ok=True)
        else:
            os.replace(self.tmp, self.path)


def _digest(path: Path) -> str:
    if not path.is_file():
        return ""
    with path.open("rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def read_keys(path: Path) -> Iterator[tuple[str, list[SectionKeys]]]:
    """Each page's slug and section keys, in index order."""
    with path.open("rb") as f:
        while f.peek(1):
            yield pickle.load(f)
