"""Clean one raw scraped article and print the cleaned simplified Markdown.

    python -m scripts.clean FILE [--report PATH] [--script hans|hant]

The script of the input (simplified or traditional) is detected unless --script is given.
Bad input gets one line on stderr and exit status 1, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from pipeline.core.changes import PipelineError
from pipeline.document.article import process_bytes
from pipeline.publish.render import render
from pipeline.publish.report import to_json, to_markdown


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.clean", description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--report", type=Path, help="write the change report here (.json, or Markdown otherwise)")
    parser.add_argument("--script", choices=["hans", "hant"], help="script of the raw file (default: detect)")
    args = parser.parse_args(argv)
    # A file name may hold any bytes (undecodable ones arrive as lone surrogates): shown with \x escapes.
    name = os.fsencode(args.file).decode("utf-8", "backslashreplace")
    try:
        data = args.file.read_bytes()
    except OSError as exc:
        print(f"error: {name}: cannot read: {exc.strerror}", file=sys.stderr)
        return 1
    try:
        result = process_bytes(data, name, script=args.script)
    except PipelineError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    title = result.hans.title
    meta = {"title": title or Path(name).stem, "title_editorial": not title}
    sys.stdout.write(render(result.hans, meta, "hans"))
    if args.report:
        slug = Path(name).stem
        report = (to_json(slug, name, result.changes) if args.report.suffix == ".json"
                  else to_markdown(slug, str(meta["title"]), name, result.changes))
        try:
            args.report.write_text(report, encoding="utf-8")
        except OSError as exc:
            shown = os.fsencode(args.report).decode("utf-8", "backslashreplace")
            print(f"error: {shown}: cannot write report: {exc.strerror}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
