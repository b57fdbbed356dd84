"""Clean one raw scraped article: plain Markdown or the document as JSON, on stdout.

    python -m scripts.clean FILE|- [--format md|json] [--edition hans|hant] [--script hans|hant] [--report PATH]

FILE `-` reads standard input. `md` (default) is plain CommonMark with `[^n]` footnotes that pastes anywhere;
`json` is the document (schema: corpus/schema/clean_output.json, described in the README). The edition is the
output's script (simplified by default); the input's script is detected unless --script is given.
Bad input gets one line on stderr and exit status 1, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from pipeline.core.changes import PipelineError
from pipeline.document.article import process_bytes
from pipeline.publish.article import Article
from pipeline.publish.plain import to_json_text, to_plain_markdown
from pipeline.publish.report import to_json, to_markdown


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.clean", description=__doc__.splitlines()[0])
    parser.add_argument("file", help="the raw scraped text, or - for standard input")
    parser.add_argument("--format", choices=["md", "json"], default="md", help="output: plain Markdown (default) or JSON")
    parser.add_argument("--edition", choices=["hans", "hant"], default="hans", help="script of the output (default: hans)")
    parser.add_argument("--script", choices=["hans", "hant"], help="script of the raw file (default: detect)")
    parser.add_argument("--report", type=Path, help="also write the change report here (.json, or Markdown otherwise)")
    args = parser.parse_args(argv)
    # A file name may hold any bytes (undecodable ones arrive as lone surrogates): shown with \x escapes.
    name = "<stdin>" if args.file == "-" else os.fsencode(args.file).decode("utf-8", "backslashreplace")
    try:
        data = sys.stdin.buffer.read() if args.file == "-" else Path(args.file).read_bytes()
    except OSError as exc:
        print(f"error: {name}: cannot read: {exc.strerror}", file=sys.stderr)
        return 1
    try:
        result = process_bytes(data, name, script=args.script)
    except PipelineError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    doc = result.hans if args.edition == "hans" else result.hant
    if args.format == "json":
        sys.stdout.write(to_json_text(doc, Article.of({"title": doc.title}, doc), result.changes, result.hans))
    else:  # a page without a title is named after its file, and says so
        stem = Path(name).stem if args.file != "-" else "stdin"  # printable: undecodable bytes as \\x escapes
        meta = {"title": doc.title or stem, "title_editorial": not doc.title}
        sys.stdout.write(to_plain_markdown(doc, Article.of(meta, doc), args.edition))
    if args.report:
        slug = Path(name).stem
        report = (to_json(slug, name, result.changes, result.hans.warnings) if args.report.suffix == ".json"
                  else to_markdown(slug, doc.title or slug, name, result.changes, script=args.edition, warnings=result.hans.warnings))
        try:
            args.report.write_text(report, encoding="utf-8")
        except OSError as exc:
            shown = os.fsencode(args.report).decode("utf-8", "backslashreplace")
            print(f"error: {shown}: cannot write report: {exc.strerror}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
