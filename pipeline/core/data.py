"""Load the reviewed data files and check them against their JSON schemas (corpus/schema/)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path

import jsonschema
import yaml

from pipeline.core.changes import PipelineError
from pipeline.core.layout import CORPUS
from pipeline.core.validate import check_patterns, check_strings, plain_file, refuse, yaml_line


class StrictLoader(yaml.SafeLoader):
    """Safe loading, stricter: a key given twice, an alias (&a/*a: billion laughs) or an explicit tag
    (!!python/..., !!binary, !custom) is refused where it stands, before anything is built from it."""

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node | None:  # type: ignore[override]
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise _Refused(f"YAML alias *{event.anchor} refused (aliases and anchors are not allowed)", event.start_mark)
        event = self.peek_event()
        if getattr(event, "anchor", None):
            raise _Refused(f"YAML anchor &{event.anchor} refused (aliases and anchors are not allowed)", event.start_mark)
        tag = getattr(event, "tag", None)  # None unless the file writes one
        if tag is not None and tag != "!":
            raise _Refused(f"YAML tag {tag} refused (tags are not allowed)", event.start_mark)
        return super().compose_node(parent, index)  # type: ignore[arg-type]

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[object, object]:  # type: ignore[override]
        seen: set[object] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)  # type: ignore[arg-type]
            if key in seen:
                raise _Refused(f"YAML key {key!r} given twice", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


class _Refused(yaml.YAMLError):
    def __init__(self, message: str, mark: yaml.Mark) -> None:
        super().__init__(message)
        self.problem, self.problem_mark = message, mark


def parse_yaml(text: str, path: Path) -> object:
    try:
        return yaml.load(text, Loader=StrictLoader)  # noqa: S506 (StrictLoader is a SafeLoader)
    except yaml.reader.ReaderError as exc:  # a character YAML forbids as such (U+FFFE, a control): no mark, a position
        char = f"U+{exc.character:04X}" if isinstance(exc.character, int) else repr(exc.character)
        raise PipelineError(f"invalid YAML: character {char} is not allowed", file=str(path),
                            line=text.count("\n", 0, exc.position) + 1) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise PipelineError(f"invalid YAML: {getattr(exc, 'problem', None) or exc}", file=str(path),
                            line=(mark.line + 1) if mark else 0) from None


def load_yaml(path: Path, schema: str, text: str | None = None) -> object:
    """A data file, parsed and checked; `text`: its content not yet written there (make add checks its draft)."""
    try:
        text = plain_file(path, "YAML file").read_text(encoding="utf-8") if text is None else text
    except UnicodeDecodeError as exc:
        raise PipelineError(f"not UTF-8 (byte {exc.start})", file=str(path)) from None
    value = parse_yaml(text, path)
    check(value, schema, path, text)
    check_strings(value, path, text, single_line=False)  # no controls, bidi overrides or lone surrogates anywhere
    return value


def check(value: object, schema: str, path: Path, text: str | None = None, lines: Sequence[int] = ()) -> None:
    """`value` against corpus/schema/<schema>.json; a refusal names the file and the line: from the YAML `text`'s node
    marks, or for a table `lines`, the line of each row."""
    spec = json.loads((CORPUS / "schema" / f"{schema}.json").read_text(encoding="utf-8"))
    errors = sorted(jsonschema.Draft202012Validator(spec).iter_errors(value), key=lambda e: list(e.absolute_path))
    if errors:
        first = errors[0]
        steps = list(first.absolute_path)
        where = "/".join(str(p) for p in steps) or "(top level)"
        if text is not None:
            line = yaml_line(text, steps)
        else:
            line = lines[steps[0]] if steps and isinstance(steps[0], int) and steps[0] < len(lines) else 0
        raise PipelineError(f"schema {schema}: {where}: {first.message}", file=str(path), line=line)


def load_lines(path: Path) -> list[str]:
    """A one-item-per-line data file; '#' starts a comment."""
    lines = (line.split("#", 1)[0].strip() for line in plain_file(path, "data file").read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line]


def load_tsv(path: Path, schema: str) -> list[dict[str, str]]:
    """A tab-separated table with a header row; '#' lines are comments."""
    with plain_file(path, "data file").open(encoding="utf-8", newline="") as f:
        rows, lines = table_rows(f)
    check(rows, schema, path, lines=lines)
    return rows


def table_rows(lines: Iterable[str]) -> tuple[list[dict[str, str]], list[int]]:
    """A tab-separated table's rows and the 1-based line of each (for refusals); '#' lines are comments."""
    numbered = [(n, line) for n, line in enumerate(lines, 1) if line.strip() and not line.startswith("#")]
    rows = list(csv.DictReader((line for _, line in numbered), delimiter="\t"))
    return rows, [n for n, _ in numbered[1:]]  # one row per physical line: no field of ours holds a line break


def check_codes(chrome: object, path: Path) -> None:
    """Each chrome row's code is a reason the reader has words for (corpus/data/words/zh-Hans.yaml, `reasons:`): the
    change report names removed chrome by it, and a code with no words would name nothing."""
    reasons = load_yaml(CORPUS / "data" / "words" / "zh-Hans.yaml", "words")["reasons"]  # type: ignore[index]
    assert isinstance(chrome, dict)
    for section in ("chrome_lines", "chrome_fields"):
        for i, row in enumerate(chrome.get(section, [])):
            if row["code"] not in reasons:
                raise refuse(path, path.read_text(encoding="utf-8"), f"{section}/{i}/code",
                             "not a reason of corpus/data/words/zh-Hans.yaml (reasons:)", row["code"])


@cache
def rule_data() -> dict[str, object]:
    """Everything the cleaning rules read, from corpus/data/."""
    data_dir = CORPUS / "data"
    chrome = load_yaml(data_dir / "chrome.yaml", "chrome")
    check_patterns(chrome, data_dir / "chrome.yaml")
    check_codes(chrome, data_dir / "chrome.yaml")
    return {
        "chrome": chrome,
        "errata": load_yaml(data_dir / "errata.yaml", "errata"),
        "plus_terms": load_lines(data_dir / "plus_terms.txt"),
        "question_words": load_lines(data_dir / "question_words.txt"),
        "variants": load_tsv(data_dir / "variants.tsv", "variants"),
    }
