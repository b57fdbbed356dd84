"""What the repairs could not read is published marked as damaged, never refused (issue 19).

Runs after every other repair. A `?` still beside a Han character was either a space GBK could not
hold or a character lost with the bytes around it:

    作者：仝志輝?陳淑龍？文章來源：…    a label's line: the `?` between two names was a space -> space
    我國數字政府建設何去何從?<end>       a line ending in `?` after Han text, no label: a question mark -> ？
    ……建用並兾?舉的發展……               no reading the byte-shift repair could accept -> □, a notice on the page

`□` is what Chinese editions print for a character that cannot be read (缺字). U+FFFD, the decoder's
mark for bytes it could not read, becomes `□` too. Each replacement is a change with its reason (a code), and
the article shows a notice in its edition's script (warning code `damaged:N`).
"""

from __future__ import annotations

import re

from pipeline.core.changes import Change, line_of
from pipeline.core.chars import HAN
from pipeline.core.context import Context

DAMAGED = "damaged_text"  # the code of a run no repair could read, marked □
MARK = "□"
_LABELLED = re.compile(f"^\\s*[\\[【〔［(（]?\\s*[{HAN}]{{2,6}}\\s*[\\]】〕］)）]?\\s*[：:]")
_FIELD_GAP = re.compile(f"(?<=[{HAN}])\\?(?=[{HAN}][^\\n]{{0,30}}[：:]|[ \\t]+\\S)")
_LINE_END = re.compile(f"(?<=[{HAN}])\\?[ \\t]*$", re.MULTILINE)
_GARBLE = re.compile(f"(?<=[{HAN}])\\?|\\?(?=[{HAN}])|\ufffd")


def mark_damage(text: str, ctx: Context) -> tuple[str, list[Change]]:
    if "?" not in text and "\ufffd" not in text:
        return text, []
    changes: list[Change] = []
    lines = text.split("\n")
    for n, line in enumerate(lines):
        if "?" not in line or not _LABELLED.match(line):
            continue

        def space(m: re.Match[str], n: int = n) -> str:
            changes.append(Change("mark_damage", n + 1, "?", " ", "space_gbk_between_fields"))
            return " "

        lines[n] = _LINE_END.sub(space, _FIELD_GAP.sub(space, line))
    text = "\n".join(lines)

    def question(m: re.Match[str]) -> str:
        changes.append(Change("mark_damage", line_of(text, m.start()), m.group(0), "？", "question_mark_end_line"))
        return "？"

    text = _LINE_END.sub(question, text)

    def damaged(m: re.Match[str]) -> str:
        changes.append(Change("mark_damage", line_of(text, m.start()), m.group(0), MARK, DAMAGED))  # clean_text: raw line
        return MARK

    return _GARBLE.sub(damaged, text), sorted(changes, key=lambda c: c.line)
