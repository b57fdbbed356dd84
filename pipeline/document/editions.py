"""Editions. Simplified is canonical; traditional is OpenCC s2tw.

OpenCC does the conversion; our reviewed overrides (corpus/data/conversion_overrides.tsv) run as
a separate, visible pass on OpenCC's output, longest phrase first, each listed as a change; then the characters
whose form depends on the word (corpus/data/script_context.yaml: 著/着 in simplified, 併/並 in traditional).
"""

from __future__ import annotations

import re
from functools import cache

from pipeline.core.changes import Change, PipelineError, line_of
from pipeline.core.convert import converter
from pipeline.core.data import check, load_yaml, table_rows
from pipeline.core.layout import CORPUS
from pipeline.core.validate import plain_file

OVERRIDES = CORPUS / "data" / "conversion_overrides.tsv"
CONTEXT = CORPUS / "data" / "script_context.yaml"


@cache
def overrides(config: str) -> dict[str, str]:
    with plain_file(OVERRIDES, "data file").open(encoding="utf-8", newline="") as f:
        rows, lines = table_rows(f)
    check(rows, "overrides", OVERRIDES, lines=lines)
    table: dict[str, str] = {}
    for row, line in zip(rows, lines, strict=True):
        if row["config"] == config:
            if row["from"] in table:
                raise PipelineError(f"override {row['from']!r} listed twice for {config}", file=str(OVERRIDES), line=line)
            table[row["from"]] = row["to"]
    return table


@cache
def context_rules(config: str) -> list[tuple[str, str, re.Pattern[str]]]:
    """(char, to, pattern) per rule of script_context.yaml for `config`: the pattern matches the words that keep the
    character, longest first, or else the character alone (which then becomes `to`)."""
    rules = []
    for rule in load_yaml(CONTEXT, "script_context"):  # type: ignore[union-attr]
        for word in rule["keep"]:
            if rule["char"] not in word:
                raise PipelineError(f"keep word {word!r} does not contain {rule['char']!r}", file=str(CONTEXT))
        if rule["config"] == config:
            words = sorted(rule["keep"], key=len, reverse=True)
            rules.append((rule["char"], rule["to"], re.compile("|".join(map(re.escape, [*words, rule["char"]])))))
    return rules


def by_context(text: str, config: str, changes: list[Change] | None = None) -> str:
    """Each rule's character as the word it stands in needs it: inside a `keep` word as it is, elsewhere `to`."""
    for char, to, pattern in context_rules(config):
        if char not in text:
            continue

        def choose(m: re.Match[str], char: str = char, to: str = to, text: str = text) -> str:
            if m.group(0) != char:
                return m.group(0)  # a word that keeps it
            if changes is not None:
                changes.append(Change(f"context_{config}", line_of(text, m.start()), char, to,
                                      "outside_words_that_keep_it", (char, to)))  # reviewed: script_context.yaml
            return to

        text = pattern.sub(choose, text)
    return text


def convert(text: str, config: str, changes: list[Change] | None = None) -> str:
    """OpenCC `config`, then the reviewed overrides for it, then the characters chosen by context."""
    out = converter(config).convert(text)
    table = overrides(config)
    if not table:
        return by_context(out, config, changes)
    pattern = re.compile("|".join(map(re.escape, sorted(table, key=len, reverse=True))))

    def fix(m: re.Match[str]) -> str:
        if changes is not None and table[m.group(0)] != m.group(0):
            changes.append(Change(f"override_{config}", line_of(out, m.start()), m.group(0), table[m.group(0)],
                                  "reviewed_conversion_override"))
        return table[m.group(0)]

    return by_context(pattern.sub(fix, out), config, changes)


def to_simplified(text: str, script: str, changes: list[Change] | None = None) -> str:
    return convert(text, "t2s", changes) if script == "hant" else text


def to_traditional(text: str) -> str:
    return convert(text, "s2tw")
