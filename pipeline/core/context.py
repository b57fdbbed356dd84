"""What a rule may know besides the text: the file name, its script, and the reviewed data."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Script = Literal["hans", "hant"]


@dataclass(frozen=True)
class Context:
    file: str = "<text>"
    script: Script = "hans"
    data: dict[str, object] = field(default_factory=dict)
    raw: str = ""  # the decoded source, so errors can name its line (cleaning removes lines)
