"""Behaviour-equivalence harness for refactorings (issue 20): dump everything the pipeline makes, compare two dumps.

    python -m benchmarks.equivalence dump DIR        every input's full result, one JSON file per input
    python -m benchmarks.equivalence compare A B     exit 1 (and name the files) when two dumps differ
        [--changes-without reason,code,args]         ... but for these keys of each change

Inputs: the two sources (corpus/articles/ + corpus/raw/), the development pages (../shared/realpages/*.txt),
every labelled training page (corpus/training/pages/) and 300 synthetic pages (benchmarks/synthetic.py).
For each: the processed result (both editions' Document with every field, the change list with rules, lines
and reasons, the warnings) or the refusal's message; its change report's page in both editions (the words each change
is explained with, so a change to how reasons are recorded is compared on what the reader gets); the labeller's feature vectors of the page's lines; and
every call the pipeline made to the labeller (its lines, the feature vectors and the labels it gave).
Feature vectors keep their key order ([key, value] pairs): the order decides the trained model's bytes.
"""

from __future__ import annotations

import argparse
import json
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict
from pathlib import Path

from pipeline.core.changes import PipelineError
from pipeline.document import labeller
from pipeline.document.line_features import features

ROOT = Path(__file__).resolve().parent.parent
SYNTHETIC = 300

Input = tuple[str, str, str]  # (name, kind, what to read: a path or a synthetic page's number)


def inputs() -> list[Input]:
    from benchmarks.realpages import PAGES as REAL  # noqa: PLC0415 (imports the pipeline; only the parent lists)
    out: list[Input] = [(f"source-{p.stem}", "source", str(p)) for p in sorted((ROOT / "corpus" / "articles").glob("*.yaml"))]
    out += [(f"real-{p.stem}", "page", str(p)) for p in sorted(REAL.glob("*.txt"))]
    out += [(f"train-{p.stem}", "page", str(p)) for p in sorted((ROOT / "corpus" / "training" / "pages").glob("*.txt"))]
    out += [(f"synthetic-{i:04d}", "synthetic", str(i)) for i in range(SYNTHETIC)]
    return out


def _vectors(lines: list[str]) -> list[list[list[object]]]:
    return [[[k, v] for k, v in f.items()] for f in features(lines)]


def _process(kind: str, what: str) -> tuple[list[str], object]:
    """The page's lines and the pipeline's whole result for it (or its refusal)."""
    from benchmarks.synthetic import realistic  # noqa: PLC0415
    from pipeline.document.article import process_article, process_bytes  # noqa: PLC0415
    try:
        if kind == "source":
            result = process_article(Path(what))
            data = (ROOT / "corpus" / "raw" / str(result.meta["raw"])).read_bytes()
        elif kind == "synthetic":
            data, meta = realistic(int(what))
            result = process_bytes(data, str(meta["raw"]), script="hans", meta=meta)
        else:
            data = Path(what).read_bytes()
            result = process_bytes(data, Path(what).name)
    except PipelineError as exc:
        data = Path(what).read_bytes() if kind == "page" else b""
        return data.decode("utf-8", "replace").split("\n"), {"error": str(exc)}
    from pipeline.publish.report import to_markdown  # noqa: PLC0415
    reports = {script: to_markdown("page", result.hans.title or "page", Path(what).name, result.changes, script=script,
                                   warnings=result.hans.warnings) for script in ("hans", "hant")}
    return data.decode("utf-8", "replace").split("\n"), {
        "meta": result.meta, "source_script": result.source_script, "hans": asdict(result.hans),
        "hant": asdict(result.hant), "changes": [c.as_dict() for c in result.changes], "reports": reports}


def dump_one(item: Input, out: Path) -> str:
    name, kind, what = item
    calls: list[dict[str, object]] = []
    real_label = labeller.label

    def recording(lines: list[str]) -> list[labeller.Labelled]:
        got = real_label(lines)
        calls.append({"lines": lines, "features": _vectors(lines), "labels": [asdict(x) for x in got]})
        return got

    labeller.label = recording  # type: ignore[assignment]
    try:
        lines, result = _process(kind, what)
    finally:
        labeller.label = real_label  # type: ignore[assignment]
    record = {"name": name, "result": result, "features": _vectors(lines), "labeller_calls": calls}
    (out / f"{name}.json").write_text(json.dumps(record, ensure_ascii=False, sort_keys=True, indent=1) + "\n", encoding="utf-8")
    return name


def dump(out: Path, workers: int) -> int:
    out.mkdir(parents=True, exist_ok=True)
    items = inputs()
    with ProcessPoolExecutor(workers) as pool:
        for _ in pool.map(dump_one, items, [out] * len(items), chunksize=4):
            pass
    print(f"{len(items)} inputs dumped to {out}")
    return 0


def _without(path: Path, keys: set[str]) -> object:
    """A dump with `keys` left out of each change (how a change records its reason may differ; its report page must not)."""
    record = json.loads(path.read_text(encoding="utf-8"))
    for change in record["result"].get("changes", []):
        for key in keys:
            change.pop(key, None)
    return record


def compare(a: Path, b: Path, without: set[str] | None = None) -> int:
    names_a, names_b = {p.name for p in a.glob("*.json")}, {p.name for p in b.glob("*.json")}
    differ = sorted(n for n in names_a & names_b if (a / n).read_bytes() != (b / n).read_bytes()
                    and (not without or _without(a / n, without) != _without(b / n, without)))
    only = sorted(names_a ^ names_b)
    for n in differ:
        print(f"differs: {n}")
    for n in only:
        print(f"only in {'A' if n in names_a else 'B'}: {n}")
    print(f"{len(names_a & names_b)} compared, {len(differ)} differ, {len(only)} unmatched")
    return 1 if differ or only else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.equivalence", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("dump")
    d.add_argument("dir", type=Path)
    d.add_argument("--workers", type=int, default=2)
    c = sub.add_parser("compare")
    c.add_argument("a", type=Path)
    c.add_argument("b", type=Path)
    c.add_argument("--changes-without", default="", help="keys of each change left out, comma-separated (e.g. reason,code,args)")
    args = parser.parse_args(argv)
    if args.cmd == "dump":
        return dump(args.dir, args.workers)
    return compare(args.a, args.b, {k for k in args.changes_without.split(",") if k})


if __name__ == "__main__":
    sys.exit(main())
