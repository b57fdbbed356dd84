"""Quick check of TEXT REPAIR alone on the real-page development set (../shared/realpages/).

    python -m benchmarks.realpages_text [DIR] [-v]

Per page: refused (a rule or the conservation check raised), residual artifacts left, must_not_contain
strings still present, must_contain phrases missing (compared in the page's script after cleaning, with
must_not_contain also found when only the punctuation's width differs). The structure stage is not run:
metadata lines (bylines, a site's tag line, English front matter) are the structure stage's to take out of
the body, and are listed apart as `meta` when the string is one the text rules deliberately keep.
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from pipeline.core.changes import Change, PipelineError
from pipeline.core.context import Context
from pipeline.core.data import rule_data
from pipeline.core.layout import ROOT
from pipeline.text.checks import residuals
from pipeline.text.clean import RULES, detect_script
from pipeline.text.conservation import check_conservation
from pipeline.text.decode import decode_bytes

# ../shared/realpages next to the repository (a worktree sits one level deeper, in wt/<name>).
DEFAULT_DIR = next((d for d in (ROOT.parent / "shared" / "realpages", ROOT.parent.parent / "shared" / "realpages")
                    if d.is_dir()), ROOT.parent / "shared" / "realpages")


@dataclass
class PageResult:
    file: str
    refused: str = ""
    residuals: list[str] = field(default_factory=list)
    must_not: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    changes: int = 0


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def check_page(path: Path, entry: dict[str, object]) -> tuple[PageResult, str]:
    result = PageResult(path.name)
    text = ""
    try:
        text, changes = decode_bytes(path.read_bytes(), path.name)
        raw = text
        ctx = Context(file=path.name, data=rule_data(), raw=raw)
        all_changes: list[Change] = []
        text, found = RULES[0](text, ctx)
        all_changes += found
        ctx = replace(ctx, script=detect_script(text))
        for rule in RULES[1:]:
            text, found = rule(text, ctx)
            all_changes += found
        check_conservation(raw, [text], all_changes, stage="clean", file=path.name)
        result.changes = len(all_changes)
        result.residuals = [f"{e.line}: {e.message}" for e in residuals(text, ctx)]
    except PipelineError as exc:
        result.refused = str(exc)
    # A must-not string counts as found also when only its punctuation width changed (关键词:… -> 关键词：…).
    folded = _fold(text)
    result.must_not = [s for s in entry.get("must_not_contain") or [] if s in text or _fold(s) in folded]  # type: ignore[union-attr]
    result.missing = [s for s in entry.get("must_contain") or [] if s not in text]  # type: ignore[union-attr]
    return result, text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("-v", "--verbose", action="store_true", help="print every residual and string")
    parser.add_argument("--dump", type=Path, help="write each page's cleaned text into this folder")
    args = parser.parse_args(argv)
    entries = yaml.safe_load((args.dir / "pages.yaml").read_text(encoding="utf-8"))
    totals = {"refused": 0, "residuals": 0, "must_not": 0, "missing": 0}
    print(f"{'page':32} {'refused':>7} {'resid':>5} {'mustnot':>7} {'missing':>7} {'changes':>7}")
    for entry in entries:
        result, text = check_page(args.dir / entry["file"], entry)
        if args.dump:
            args.dump.mkdir(parents=True, exist_ok=True)
            (args.dump / entry["file"]).write_text(text, encoding="utf-8")
        totals["refused"] += bool(result.refused)
        totals["residuals"] += len(result.residuals)
        totals["must_not"] += len(result.must_not)
        totals["missing"] += len(result.missing)
        print(f"{result.file:32} {'yes' if result.refused else '-':>7} {len(result.residuals):>5} "
              f"{len(result.must_not):>7} {len(result.missing):>7} {result.changes:>7}")
        if args.verbose:
            for label, items in (("refused", [result.refused] if result.refused else []), ("residual", result.residuals),
                                 ("must_not", result.must_not), ("missing", result.missing)):
                for item in items:
                    print(f"    {label}: {item[:160]}")
    print(f"TOTAL pages={len(entries)} refused={totals['refused']} residuals={totals['residuals']} "
          f"must_not_found={totals['must_not']} must_contain_missing={totals['missing']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
