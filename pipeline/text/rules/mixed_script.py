"""Replace stray traditional characters in simplified text: 國家网信办 -> 国家网信办.

OpenCC's t2s decides, phrase-aware, what the simplified form is; the rule only applies it to
characters of a simplified source, and lists each one.
"""

from __future__ import annotations

from pipeline.core.changes import Change
from pipeline.core.chars import is_han
from pipeline.core.context import Context
from pipeline.core.convert import t2s


def fix_mixed_script(text: str, ctx: Context) -> tuple[str, list[Change]]:
    if ctx.script != "hans":
        return text, []
    changes: list[Change] = []
    lines = text.split("\n")
    for number, line in enumerate(lines, start=1):
        converted = t2s(line)
        if converted == line:
            continue
        if len(converted) != len(line):  # phrase conversion changed length: cannot align, so say so
            changes.append(Change("fix_mixed_script", number, line, converted, "traditional_forms_in_simplified"))
            lines[number - 1] = converted
            continue
        chars = list(line)
        for i, (old, new) in enumerate(zip(line, converted, strict=True)):
            if old != new and is_han(old):
                chars[i] = new
                context = line[max(0, i - 2) : i + 3]
                changes.append(Change("fix_mixed_script", number, context, context[: min(i, 2)] + new + context[min(i, 2) + 1 :],
                                      "traditional_in_simplified", (old,)))
        lines[number - 1] = "".join(chars)
    return "\n".join(lines), changes
