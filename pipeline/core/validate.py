"""Checks on values the schemas cannot express (issue 15): real dates, URLs that are URLs, slugs that fit a
file name and collide with nothing, raw files that are plain files inside corpus/raw/, and strings free of
control characters. Every refusal names the file, the line of the field, the field and the value."""

from __future__ import annotations

import datetime
import os
import re
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from pipeline.core.changes import PipelineError
from pipeline.core.chars import HAN, INVISIBLE

SLUG_MAX = 64  # file names are slug.zh-Hant.html and the like: far below any file system's limit
# Top-level paths of the built site (both editions) an article page would replace or be shadowed by.
SITE_PATHS = frozenset({"index", "glossary", "about", "input", "errors", "downloads", "reports", "cite", "raw", "assets",
                        "search", "stylesheets", "javascripts", "sitemap", "404", "articles", "feed", "zh-hans", "zh-hant", "zh", "site", "build"})
# Invisible characters (core.chars), and a carriage return: metadata values are single lines.
_INVISIBLE = re.compile(f"[\r{INVISIBLE}]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_NOT_XML = re.compile("[\ufffe\uffff]")  # the code points XML 1.0 forbids that are not controls or surrogates
_URL_BAD = re.compile(r"[\s\"'<>\\`{}|^]")


def line_of_field(text: str, field: str, value: object = None) -> int:
    """The 1-based line where `field:` is written (a top-level or nested key), else 0; where the key occurs
    more than once (terms/3/term), the one with the value on its line, else the first followed by it."""
    keys = list(re.finditer(rf"(?m)^[ \t-]*{re.escape(field)}\s*:(.*)", text))
    if not keys:
        return 0
    shown = value[:20] if isinstance(value, str) else None
    best = ([m for m in keys if shown and shown in m.group(1)] or [m for m in keys if shown and shown in text[m.end():m.end() + 400]]
            or keys)[0]
    return text.count("\n", 0, best.start()) + 1


def yaml_line(text: str, where: Sequence[str | int]) -> int:
    """The 1-based line of the value at `where` (keys and list indices, as jsonschema gives an error's path) in a YAML
    text, from PyYAML's node marks; 0 if the text does not parse or holds no such value."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)  # on a refusal only; the file was loaded strictly already (no alias)
    except yaml.YAMLError:
        return 0
    line = node.start_mark.line + 1 if node is not None else 0
    for step in where:
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == str(step)), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            node = node.value[step]
        else:
            node = None
        if node is None:
            return 0
        line = node.start_mark.line + 1
    return line


def refuse(path: Path, text: str, field: str, message: str, value: object) -> PipelineError:
    """The line is the value's own, from the YAML's node marks (keywords/1: the second keyword's line); where the text
    is not YAML that parses, the line of the field's key."""
    steps: list[str | int] = [int(p) if p.isdigit() else p for p in field.split("/")]
    line = yaml_line(text, steps) if not path.suffix == ".tsv" else 0
    if not line:
        key = [part for part in field.split("/") if not part.isdigit()][-1]
        line = line_of_field(text, key, value)
    return PipelineError(f"{field}: {message}", file=str(path), line=line, text=value if isinstance(value, str) else repr(value))


def bad_character(value: str, single_line: bool) -> str:
    """A description of the first character a data value may not hold, else ''."""
    if m := _SURROGATE.search(value):
        return f"lone surrogate U+{ord(m.group()):04X}"
    if single_line and (m := re.search(r"[\n\t\r]", value)):
        return f"line break or tab (U+{ord(m.group()):04X}) in a one-line field"
    if m := _NOT_XML.search(value):
        return f"U+{ord(m.group()):04X} is not allowed in XML 1.0 (the feeds and sitemap)"
    if m := _INVISIBLE.search(value):
        return f"control or invisible character U+{ord(m.group()):04X} ({unicodedata.name(m.group(), 'control')})"
    return ""


def strings(value: object, where: str = "") -> Iterable[tuple[str, str]]:
    """Every string in a loaded YAML value, with its path (authors/0, funding/1/funder)."""
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from strings(v, f"{where}/{k}" if where else str(k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from strings(v, f"{where}/{i}")


def check_strings(value: object, path: Path, text: str, single_line: bool = True, multi_line: frozenset[str] = frozenset()) -> None:
    for where, s in strings(value):
        leaf = where.split("/")[0]
        if problem := bad_character(s, single_line and leaf not in multi_line):
            raise refuse(path, text, where, problem, s)


def check_date(value: str) -> str:
    """A real day (YYYY-MM-DD) or, when the page gives no day, a real month (YYYY-MM)."""
    if not re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", value):
        return "not a date written YYYY-MM-DD or YYYY-MM"
    try:
        datetime.date.fromisoformat(value if len(value) == 10 else value + "-01")
    except ValueError:
        return "not a real date (YYYY-MM-DD or YYYY-MM)"
    return ""


def check_url(value: str) -> str:
    """'' for an absolute http(s) URL with a host and nothing that could end an attribute or a Markdown link."""
    if m := _URL_BAD.search(value):
        return f"not a URL: character {m.group()!r} must be percent-encoded"
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 (raises on a bad port)
    except ValueError as exc:
        return f"not a URL: {exc}"
    if parts.scheme not in ("http", "https"):
        return "not a URL: only http:// and https:// are allowed"
    if "@" in parts.netloc:
        return "not a URL: user names in URLs are not allowed"
    host = parts.hostname or ""
    if not (re.fullmatch(r"(?!-)[\w-]{1,63}(?<!-)(\.(?!-)[\w-]{1,63}(?<!-))*\.?", host) or re.fullmatch(r"[0-9a-f:.]+", host) and ":" in host):
        return "not a URL: no valid host name"
    return ""


def check_slug(value: str) -> str:
    if len(value) > SLUG_MAX:
        return f"slug longer than {SLUG_MAX} characters ({len(value)})"
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", value):
        return "slug must be lower-case letters and digits joined by single hyphens"
    if value in SITE_PATHS:
        return "slug is a path of the site itself"
    return ""


MULTI_LINE_FIELDS: frozenset[str] = frozenset()  # article fields whose value may hold line breaks (none yet)


def check_meta(meta: dict[str, object], path: Path, text: str | None = None) -> None:
    """An article's metadata, after its schema: every string, then the fields with a format. Per field, so
    fields other work adds (authors' affiliations, venue, DOI...) are covered by the string check alone."""
    text = path.read_text(encoding="utf-8") if text is None else text
    check_strings(meta, path, text, multi_line=MULTI_LINE_FIELDS)
    checks = {"slug": check_slug, "date": check_date, "source_url": check_url, "url": check_url, "doi_url": check_url,
              "raw": lambda v: "" if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,120}\.txt", v) else "raw file name: letters, digits, _ . - only"}
    for field, fn in checks.items():
        value = meta.get(field)
        if isinstance(value, str) and (problem := fn(value)):
            raise refuse(path, text, field, problem, value)


def check_slugs(metas: list[tuple[Path, dict[str, object]]], pages: Iterable[str] = ()) -> None:
    """Two articles with one slug, or an article named like one of our own pages, would silently replace one another."""
    taken = {p.lower(): f"corpus/pages/{p}.md" for p in pages}
    for path, meta in metas:
        slug = str(meta["slug"])
        if slug.lower() in taken:
            raise refuse(path, path.read_text(encoding="utf-8"), "slug", f"slug already used by {taken[slug.lower()]}", slug)
        taken[slug.lower()] = str(path)


def plain_file(path: Path, what: str = "file") -> Path:
    """A file the build reads (an article's YAML, a data file): refused in one line if it, or the folder it is in, is a
    symbolic link. A link could publish a file from anywhere (an article YAML outside the tree was published twice,
    under two slugs), and the cache, keyed by content, would keep publishing what a link swapped in (issue 22)."""
    for p in (path, path.parent):
        if p.is_symlink():
            raise PipelineError(f"{what} is a symbolic link{' (its folder)' if p != path else ''} to {os.readlink(p)!r}: only plain "
                                "files inside the repository are read", file=str(path))
    return path


def raw_path(meta: dict[str, object], path: Path, raw_dir: Path) -> Path:
    """The raw file: a plain file directly inside corpus/raw/, never a symlink or anything outside it."""
    name = str(meta["raw"])
    target = raw_dir / name
    problem = ""
    if target.is_symlink():
        problem = "raw file is a symbolic link (only plain files inside corpus/raw/ are published)"
    elif target.resolve().parent != raw_dir.resolve():
        problem = "raw file is outside corpus/raw/"
    elif not target.is_file():
        problem = "raw file not found in corpus/raw/" if not target.exists() else "raw file is not a plain file"
    if problem:
        raise refuse(path, path.read_text(encoding="utf-8"), "raw", problem, name)
    return target


# A group repeated without bound that itself repeats or alternates ("(a|aa)+", "(x+)*") can backtrack
# exponentially in Python's engine on a line that almost matches. The pipeline runs data patterns under RE2
# (pipeline/core/patterns.py), where no pattern can; this older check stays for the one reader that still compiles
# chrome_lines with Python's `re` (pipeline/document/line_features.py, owned elsewhere: issue 22's report).
_NESTED_REPEAT = re.compile(r"\((?!\?>)(?:[^()\\]|\\.)*(?:[+*|]|\{\d*,\})(?:[^()\\]|\\.)*\)(?:[+*]|\{\d*,\d*\})")


def check_patterns(items: object, path: Path, fields: tuple[str, ...] = ("pattern",)) -> None:
    """Regular expressions in reviewed data (the strings under `fields`): each must compile in Python and run under
    RE2, in linear time; a refusal names the file and the line."""
    from pipeline.core.patterns import compile_pattern  # imports RE2: only where data patterns are read

    text = path.read_text(encoding="utf-8")
    for where, value in strings(items):
        if [part for part in where.split("/") if not part.isdigit()][-1] not in fields:
            continue
        pattern = value.replace("{HAN}", HAN)  # venues.yaml's shorthand for the Han range
        try:
            re.compile(pattern)
        except re.error as exc:
            raise refuse(path, text, where, f"not a regular expression: {exc}", value) from None
        try:
            compile_pattern(pattern)
        except ValueError as exc:
            raise refuse(path, text, where, f"pattern refused: {exc}", value) from None
        if _NESTED_REPEAT.search(value):
            raise refuse(path, text, where, "repeated group that itself repeats or alternates (exponential backtracking)", value)
