"""Run the whole pipeline: corpus/ -> docs/ (used by `make site`).

    python -m scripts.build_corpus [--update-golden]
"""

from __future__ import annotations

import argparse
import sys

from pipeline.core.changes import PipelineError
from pipeline.core.data import ROOT
from pipeline.publish.build import DOCS, LOCALES, build
from pipeline.publish.report import counts

GOLDEN = ROOT / "tests" / "golden"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update-golden", action="store_true", help="also rewrite tests/golden/ from this build")
    args = parser.parse_args(argv)
    try:
        results = build()
    except PipelineError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for r in results:
        print(f"{r.meta['slug']}: {counts(r.changes)}")
        if args.update_golden:
            for script in ("hans", "hant"):
                src = DOCS / LOCALES[script] / f"{r.meta['slug']}.md"
                (GOLDEN / f"{r.meta['slug']}.{script}.md").write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
