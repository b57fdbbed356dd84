"""The change report of one article: JSON for machines, Markdown for readers.

The reader's page (校勘记) explains each rule in Chinese, in the edition's script. Removed site chrome and
spam is never quoted on a published page: it says what kind of text went, where, its length and its
sha256; the raw file (linked from the page) keeps it byte for byte.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from collections import Counter
from collections.abc import Callable
from urllib.parse import quote

from pipeline.core.changes import Change
from pipeline.core.chars import INVISIBLE
from pipeline.core.escape import escape
from pipeline.core.layout import RAW_IN_REPOSITORY, raw_url
from pipeline.document.editions import to_traditional
from pipeline.document.fields import FIELDS
from pipeline.document.words import Lazy, words
from pipeline.publish.labels import warning_text

# rule -> (title, what it does and why), simplified: corpus/data/words/ (rules); the 繁體 page takes them from the
# 繁體 words (their s2tw unless zh-Hant.yaml writes one out).
RULES: Lazy[tuple[str, str]] = Lazy(lambda: {rule: (w["name"], w["explain"]) for rule, w in words("hans")["rules"].items()})  # type: ignore[index, union-attr]

# Rules whose removed text is never quoted on a published page (spam, chrome).
REDACTED = {"remove_chrome"}

# A change's reason is a code (pipeline/core/reasons.py) and its arguments; the reader's words are keyed by the code
# (corpus/data/words/: reasons; {0}, {1}: the arguments as _SHOWN makes them). A code with no words shows "—".
# Source text a reason quotes (a label as the page wrote it) goes in a code span: quoted, never converted.
_REPORT: Lazy[str] = Lazy(lambda: words("hans")["report"])  # type: ignore[assignment]
# A field a change names (the doc_code field, the author-bio field) -> its label (FIELDS, from the words files)
_FIELDS: Lazy[str] = Lazy(lambda: {name: f.words[0] for f in FIELDS if f.words for name in (f.key, f.key.replace("_", "-"))})
_REASON_WORDS: Lazy[str] = Lazy(lambda: words("hans")["reasons"])  # type: ignore[assignment]


def _quoted(label: str) -> str:
    return label.replace("`", "'")


# How a code's arguments are shown, where not as they are: a label quoted, a field by its label, a warning in words.
_SHOWN: dict[str, Callable[[tuple[str, ...]], tuple[str, ...]]] = {
    "label_kept_with_author_notes": lambda a: (_quoted(a[0]),),
    "label_becomes_field": lambda a: (_quoted(a[0]), _FIELDS.get(a[1], _REPORT["article_info"])),
    "partial_page": lambda a: (warning_text(a[0], "hans"),),
}


def reason_zh(change: Change) -> str:
    """The reader's Chinese for a change's reason; "" when its code has none (the JSON keeps the code and arguments)."""
    if change.code not in _REASON_WORDS:
        return ""
    shown = _SHOWN.get(change.code)
    return _REASON_WORDS[change.code].format(*(shown(change.args) if shown else change.args))


def counts(changes: list[Change]) -> dict[str, int]:
    return dict(sorted(Counter(c.rule for c in changes).items()))


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def public_change(c: Change) -> dict[str, object]:
    """A change as published (README: the report's JSON): removed chrome and spam is described (kind, length, sha256),
    never quoted; its arguments are left out (a spam line's are the spam's words)."""
    if c.rule not in REDACTED or not c.before:
        return c.as_dict()
    return {"rule": c.rule, "line": c.line, "before": None, "after": c.after, "code": c.code, "args": [],
            "removed": {"kind": reason_zh(c) or _REPORT["element"], "length": len(c.before), "sha256": sha256(c.before)}}


def to_json(slug: str, raw: str, changes: list[Change], warnings: tuple[str, ...] = ()) -> str:
    """The change report's JSON (README). Identical changes (the same rule, code, arguments, text before and after)
    are one record with the raw lines where each was made, a line as often as it was made there, in the order they
    were made: a page's 49 half-width commas were 49 records of 100 bytes each (issue 21)."""
    groups: dict[str, dict[str, object]] = {}
    for c in changes:
        record = public_change(c)
        line = record.pop("line")
        key = json.dumps(record, ensure_ascii=False, sort_keys=True)
        if key not in groups:
            groups[key] = {"rule": record.pop("rule"), "lines": [], **record}
        groups[key]["lines"].append(line)  # type: ignore[union-attr]
    head = json.dumps({"article": slug, "raw": raw, "counts": counts(changes), "warnings": list(warnings)},
                      ensure_ascii=False)[:-1]  # without its "}"
    # one record a line: at 10,000 articles the indented form was 30 kB an article (issue 21); still diffs line by line
    records = ",\n".join(json.dumps(g, ensure_ascii=False, separators=(",", ":")) for g in groups.values())
    return head + ', "changes": [' + (f"\n{records}\n" if records else "") + "]}\n"


_INVISIBLE = re.compile(f"[\t\r{INVISIBLE}]")  # a quoted tab or CR is named too


def _cell(text: str) -> str:
    # Removed invisible characters are named, not printed (an ESC or a bidi override would act on the page).
    shown = _INVISIBLE.sub(lambda m: f"<U+{ord(m.group()):04X}>", text).replace("\n", "⏎")
    shown = shown if len(shown) <= 60 else shown[:57] + "…"
    return "`" + shown.replace("`", "'").replace("|", "\\|") + "`" if shown else _REPORT["empty"]


def _removed(c: Change) -> str:
    return _REPORT["removed"].format(kind=reason_zh(c) or _REPORT["element"], length=len(c.before), sha256=sha256(c.before))


def _lines(lines: list[int], times: str, shown: int = 10) -> str:
    """The lines of identical changes: each once, at most `shown` of them, and how many changes when more than one."""
    unique = list(dict.fromkeys(lines))
    text = ", ".join(map(str, unique[:shown])) + ("…" if len(unique) > shown else "")
    return text + (times.format(n=len(lines)) if len(lines) > 1 else "")


def to_markdown(slug: str, title: str, raw: str, changes: list[Change], examples: int = 8, script: str = "hans",
                warnings: tuple[str, ...] = ()) -> str:
    """The 校勘记 page. Our own words follow the edition's script; the quoted source text never does."""
    def ours(text: str) -> str:  # a reason: the s2tw of the finished sentence, which may quote the page
        return text if script == "hans" else to_traditional(text)

    W = words(script)
    R: dict[str, str] = W["report"]  # type: ignore[assignment]
    rules: dict[str, dict[str, str]] = W["rules"]  # type: ignore[assignment]

    def name(rule: str) -> str:
        return rules[rule]["name"] if rule in rules else rule

    # Never in the search index: the removed spam and chrome quoted here must not be findable.
    # Every value from the corpus (title, file name, reasons from the reviewed data) is escaped: text, never markup.
    # the raw file and the JSON are not MkDocs pages (pipeline/publish/build.py, EXTRA): HTML links, with the URL as the
    # site has it (this page is at reports/<slug>/); one copy of each, at the site's root, for both editions
    root = "../../" if script == "hans" else "../../../"
    if url := raw_url():  # the deployed site links the repository's raw file (RAW_URL, pipeline/core/layout.py),
        # percent-encoded where Markdown would read the URL (a backquote, backslash, [ ], &: the site's escaped-run reader
        # takes an "&amp;" for escaped text, even in a tag), then escaped for the attribute
        raw_href = quote(url, safe=":/?#@!$'()*+,;=%~") + f"{RAW_IN_REPOSITORY}/{quote(raw)}"
    else:
        raw_href = f"{root}raw/{quote(raw)}"
    # its own template (overrides/report.html): the theme's head and the site's name, language switch, no Material script
    out = ["---\ntemplate: report.html\nsearch:\n  exclude: true\n---\n", "# " + R["title"] + escape(title) + "\n",
           R["raw"] + f'<a href="{html.escape(raw_href)}">{_cell(raw)}</a> · '
           + R["json"] + f'<a href="{root}reports/{slug}.json">`{slug}.json`</a> · '
           + R["read"] + f"[{R['back']}](../{slug}.md)\n",
           R["intro"] + "\n"]
    if warnings:
        out.append(R["partial"] + "；".join(warning_text(w, script) for w in warnings) + R["partial_end"] + "\n")
    out.append(f"| {R['rule']} | {R['count']} |\n|---|---|")
    out += [f"| [{name(rule)}](#{rule}) (`{rule}`) | {n} |" for rule, n in counts(changes).items()]
    for rule in counts(changes):
        group = [c for c in changes if c.rule == rule]
        explain = rules[rule]["explain"] if rule in rules else ""
        out.append(f"\n## {name(rule)} {{: #{rule} }}\n\n{explain}\n\n"
                   + f"| {R['line']} | {R['before']} | {R['after']} | {R['reason']} |\n|---|---|---|---|")
        # Identical changes (same text before and after, same reason) are one row with their lines and count: a page's
        # 39 half-width commas were 8 rows and "31 more" (issue 21: reports lighter, and the whole rule shown).
        rows: dict[tuple[str, str, str], list[int]] = {}
        for c in group:
            before = ours(_removed(c)) if rule in REDACTED and c.before else _cell(c.before)
            rows.setdefault((before, _cell(c.after), ours(reason_zh(c)) or "—"), []).append(c.line)
        for (before, after, reason), lines in list(rows.items())[:examples]:
            out.append(f"| {_lines(lines, R['times'])} | {before} | {after} | {reason} |")
        if len(rows) > examples:
            out.append("\n" + R["more"].format(n=sum(len(lines) for lines in list(rows.values())[examples:])))
    return "\n".join(out) + "\n"
