"""Run the whole pipeline: corpus/ -> docs/ (used by `make site`).

    python -m scripts.build_corpus [--update-golden]
"""

from __future__ import annotations

import argparse
import sys

from pipeline.core.changes import PipelineError
from pipeline.core.files import one_line
from pipeline.core.layout import GOLDEN, LOCALES
from pipeline.document.article import Result
from pipeline.publish.build import article_pages, build


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update-golden", action="store_true", help="also rewrite tests/golden/ from this build")
    args = parser.parse_args(argv)
    stats: dict[str, int] = {}

    def golden(result: Result) -> None:
        pages = article_pages(result)  # the rendered article alone: the lists' breadcrumbs and prev/next depend on the collection
        for script in ("hans", "hant"):
            slug = result.meta["slug"]
            (GOLDEN / f"{slug}.{script}.md").write_text(pages[f"{LOCALES[script]}/{slug}.md"], encoding="utf-8")

    try:
        heads = build(stats=stats, each=golden if args.update_golden else None)
    except PipelineError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"cache: {stats['cached']} of {stats['articles']} articles unchanged (build/cache/)")
    for h in heads[:20]:  # a collection of hundreds would bury the build's other messages
        print(f"{h.meta['slug']}: {h.counts}")
    return 0


if __name__ == "__main__":
    sys.exit(one_line(main))
