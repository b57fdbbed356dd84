"""Join the numbered chunks a document-sharing site cut a PDF's text into.

Such sites show the extracted text in fixed-size pieces, each line starting `1、`, `2、`, `3、`…, cut
wherever the piece was full, mid-word included. Real input (realpages zixin):

    1、2024 年 4 月第 45 卷…并在保障信
    2、息安全的前提下推动数据要素的利用…。建
    3、设数字政府，已成为全球政府改革的共同趋势。

-> one text: …并在保障信息安全的前提下…。建设数字政府，…

Told apart from a real numbered list: every non-blank line must carry the next number from 1, there are at
least two, each is long (MIN_CHUNK characters), and at least one piece ends mid-sentence. A piece that ends
a sentence keeps its line break.
"""

from __future__ import annotations

import re

from pipeline.core.changes import Change
from pipeline.core.context import Context

MIN_CHUNK = 200
_MARKER = re.compile(r"^(\d{1,4})、")
_SENTENCE_END = re.compile("[。！？；：”’）》!?;:.)]\\s*$")


def join_numbered_chunks(text: str, ctx: Context) -> tuple[str, list[Change]]:
    lines = text.split("\n")
    pieces = [i for i, line in enumerate(lines) if line.strip()]
    numbers = [_MARKER.match(lines[i]) for i in pieces]
    if (len(pieces) < 2 or not all(numbers)
            or [int(m.group(1)) for m in numbers if m] != list(range(1, len(pieces) + 1))
            or any(len(lines[i]) < MIN_CHUNK for i in pieces[:-1])
            or all(_SENTENCE_END.search(lines[i]) for i in pieces[:-1])):
        return text, []
    changes: list[Change] = []
    out = ""
    for k, i in enumerate(pieces):
        marker = numbers[k].group(0)  # type: ignore[union-attr]
        body = lines[i][len(marker) :]
        joined = k > 0 and not _SENTENCE_END.search(out)
        # the piece continues the previous one mid-sentence, or starts its own
        changes.append(Change("join_numbered_chunks", i + 1, marker, "", "chunk_number_continues" if joined else "chunk_number"))
        out = out + body if joined else (out + "\n" + body if k else body)
    return out, changes
