"""Character classes shared by the rules."""

from __future__ import annotations

import re

# CJK Unified Ideographs with extension A and the compatibility block; enough for policy text.
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
HAN_RE = re.compile(f"[{HAN}]")
# Fullwidth and CJK punctuation that may stand next to a Han character.
CJK_PUNCT = "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2014\u2018\u2019\u201c\u201d\u2026\u00b7"
CJK = HAN + CJK_PUNCT


def is_han(ch: str) -> bool:
    return bool(ch) and HAN_RE.match(ch) is not None


def is_cjk(ch: str) -> bool:
    return bool(ch) and re.match(f"[{CJK}]", ch) is not None


# Characters no reader sees but that change what text does: C0/C1 controls other than tab and line ends, the
# line and paragraph separators, bidirectional overrides and isolates, zero-width characters, the byte-order mark,
# the interlinear annotation marks, and U+FFFE/U+FFFF (not allowed in XML 1.0: one in a title made the feeds unreadable).
# One class for the decoder (removes them), the metadata check (refuses them) and the change report (names them).
INVISIBLE = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb\ufffe\uffff"
