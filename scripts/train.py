"""Train the line labeller from the labelled corpus: `make train` (python -m scripts.train).

    python -m scripts.train [--out PATH] [--exclude FAMILY ...] [--only NAME ...]

Reads corpus/training/pages/ (scripts/training_pages.py checks it), computes every page's line features
(pipeline/document/line_features.py) and trains a linear-chain CRF with CRFsuite (L-BFGS, fixed
parameters: the result depends only on the corpus and the code, so two runs give the same model).
Writes corpus/model/lines.crfsuite and, beside it, lines.json (what it was trained on).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
from pathlib import Path

import pycrfsuite

from pipeline.document.labeller import MODEL
from pipeline.document.line_features import crf_items, features
from pipeline.document.lines import family
from scripts.training_pages import Page, load, names

PARAMS = {"c1": 0.2, "c2": 0.1, "max_iterations": 150, "feature.possible_transitions": True,
          "feature.minfreq": 1}


def sequence(page: Page) -> tuple[list[dict[str, float]], list[str]]:
    labels = [lab for line, lab in zip(page.lines, page.labels, strict=True) if line.strip()]
    return crf_items(features(page.lines)), labels


def train(pages: list[Page], out: Path) -> Path:
    trainer = pycrfsuite.Trainer(verbose=False)
    for page in pages:
        xs, ys = sequence(page)
        trainer.append(xs, ys)
    trainer.set_params(PARAMS)
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=out.parent, suffix=".tmp", delete=False) as tmp:
        pass
    trainer.train(tmp.name)
    Path(tmp.name).replace(out)
    return out


def all_pages() -> list[Page]:
    """Every page that loads (a page still being labelled is skipped, and said so)."""
    pages = []
    for n in names():
        try:
            pages.append(load(n))
        except (OSError, ValueError) as exc:
            print(f"skipped: {exc}", file=sys.stderr)
    return pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.train", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=MODEL)
    parser.add_argument("--exclude", nargs="*", default=[], help="site families to leave out")
    parser.add_argument("--only", nargs="*", default=[], help="train on these pages only (a smoke run)")
    args = parser.parse_args(argv)
    pages = [p for p in all_pages() if family(str(p.truth.get("site"))) not in args.exclude
             and (not args.only or p.name in args.only)]
    train(pages, args.out)
    digest = hashlib.sha256(args.out.read_bytes()).hexdigest()
    info = {"pages": len(pages), "lines": sum(len([x for x in p.labels if x]) for p in pages),
            "families": len({family(str(p.truth.get("site"))) for p in pages}), "params": PARAMS,
            "sha256": digest, "bytes": args.out.stat().st_size}
    args.out.with_suffix(".json").write_text(json.dumps(info, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"trained on {info['pages']} pages ({info['lines']} lines, {info['families']} site families): "
          f"{args.out} {info['bytes'] / 1024:.0f} kB, sha256 {digest[:16]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
