"""Load the reviewed data files and check them against their JSON schemas (corpus/schema/)."""

from __future__ import annotations

import csv
import json
from functools import cache
from pathlib import Path

import jsonschema
import yaml

from pipeline.core.changes import PipelineError

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"


def load_yaml(path: Path, schema: str) -> object:
    try:
        value = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise PipelineError(f"invalid YAML: {getattr(exc, 'problem', exc)}", file=str(path),
                            line=(mark.line + 1) if mark else 0) from None
    check(value, schema, path)
    return value


def check(value: object, schema: str, path: Path) -> None:
    spec = json.loads((CORPUS / "schema" / f"{schema}.json").read_text(encoding="utf-8"))
    errors = sorted(jsonschema.Draft202012Validator(spec).iter_errors(value), key=lambda e: list(e.absolute_path))
    if errors:
        first = errors[0]
        where = "/".join(str(p) for p in first.absolute_path) or "(top level)"
        raise PipelineError(f"schema {schema}: {where}: {first.message}", file=str(path))


def load_lines(path: Path) -> list[str]:
    """A one-item-per-line data file; '#' starts a comment."""
    lines = (line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line]


def load_tsv(path: Path, schema: str) -> list[dict[str, str]]:
    """A tab-separated table with a header row; '#' lines are comments."""
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t"))
    check(rows, schema, path)
    return rows


@cache
def rule_data() -> dict[str, object]:
    """Everything the cleaning rules read, from corpus/data/."""
    data_dir = CORPUS / "data"
    return {
        "chrome": load_yaml(data_dir / "chrome.yaml", "chrome"),
        "errata": load_yaml(data_dir / "errata.yaml", "errata"),
        "plus_terms": load_lines(data_dir / "plus_terms.txt"),
        "question_words": load_lines(data_dir / "question_words.txt"),
        "variants": load_tsv(data_dir / "variants.tsv", "variants"),
    }
