"""The trained line labeller: a linear-chain CRF (CRFsuite) over the features of line_features.py.

Takes a page's lines; gives, for each non-blank line, its label (pipeline/document/lines.py) and the
model's probability for it. The model is corpus/model/lines.crfsuite, rebuilt by `make train`
(scripts/train.py) from corpus/training/pages/; its bytes are part of every article's cache key.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pycrfsuite

from pipeline.core.layout import CORPUS
from pipeline.document.line_features import crf_items, features

MODEL = CORPUS / "model" / "lines.crfsuite"
TITLE_LINES = 60  # lines from the top whose probability of being the title is kept
_current: list[Path] = [MODEL]


@dataclass(frozen=True)
class Labelled:
    label: str
    p: float  # the model's marginal probability of that label
    title_p: float = 0.0  # its marginal probability of being (part of) the title


@cache
def _tagger(path: Path, stamp: float) -> pycrfsuite.Tagger:
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    return tagger


def model_path() -> Path:
    return _current[-1]


def version() -> str:
    """sha256 of the model in use ("" when there is none): part of the article cache key."""
    path = model_path()
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16] if path.is_file() else ""


@contextmanager
def using(path: Path) -> Iterator[None]:
    """Label with another model for a while (held-out evaluation trains one per site)."""
    _current.append(path)
    try:
        yield
    finally:
        _current.pop()


def available() -> bool:
    return model_path().is_file()


def label(lines: list[str]) -> list[Labelled]:
    """One label per non-blank line of `lines`, in order; [] when no model is installed."""
    path = model_path()
    if not path.is_file() or not any(x.strip() for x in lines):
        return []
    tagger = _tagger(path, path.stat().st_mtime)
    tagger.set(crf_items(features(lines)))
    tags = tagger.tag()
    has_title = "title" in tagger.labels()
    return [Labelled(tag, tagger.marginal(tag, i), tagger.marginal("title", i) if has_title and i < TITLE_LINES else 0.0)
            for i, tag in enumerate(tags)]
