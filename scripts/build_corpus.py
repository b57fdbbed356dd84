"""Run the whole pipeline: corpus/ -> docs/ (used by `make site`).

    python -m scripts.build_corpus [--update-golden]
"""

from __future__ import annotations

import argparse
import sys

from pipeline.core.changes import PipelineError
from pipeline.core.data import ROOT
from pipeline.core.files import one_line
from pipeline.publish.build import LOCALES, article_pages, build
from pipeline.publish.report import counts

GOLDEN = ROOT / "tests" / "golden"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update-golden", action="store_true", help="also rewrite tests/golden/ from this build")
    args = parser.parse_args(argv)
    stats: dict[str, int] = {}
    try:
        results = build(stats=stats)
    except PipelineError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"cache: {stats['cached']} of {stats['articles']} articles unchanged (build/cache/)")
    for r in results[:20]:  # a collection of hundreds would bury the build's other messages
        print(f"{r.meta['slug']}: {counts(r.changes)}")
    for r in results if args.update_golden else []:
        pages = article_pages(r)  # the rendered article alone: the lists' breadcrumbs and prev/next depend on the collection
        for script in ("hans", "hant"):
            (GOLDEN / f"{r.meta['slug']}.{script}.md").write_text(pages[f"{LOCALES[script]}/{r.meta['slug']}.md"], encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(one_line(main))
