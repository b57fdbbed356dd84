"""The notes' references as structured records, and their GB/T 7714-2025 form.

Chinese journal notes in our sources follow one pattern: 作者、作者等：《题名》，《刊名》，2022年4期，第2—27页。
A note that does not fit stays plain text; nothing is guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_JOURNAL = re.compile(r"^(?P<authors>[^：:《》]+)[：:]《(?P<title>.+)》，《(?P<journal>[^》]+)》，"
                      r"(?P<year>\d{4})年(?:第?(?P<volume>\d+)卷)?(?:第?(?P<issue>\d+)期)?，第(?P<pages>[\d—–\-+，,]+)页。?$")


@dataclass(frozen=True)
class Reference:
    number: int  # the note number
    authors: tuple[str, ...]
    et_al: bool  # the note ends its author list with 等
    title: str
    journal: str
    year: int
    volume: str
    issue: str
    pages: tuple[tuple[str, str], ...]  # page ranges: (first, last); 104—115+158 -> (104, 115), (158, 158)

    @property
    def id(self) -> str:
        return f"ref-{self.number}"

    def page_text(self, dash: str = "-", sep: str = ", ") -> str:
        return sep.join(a if a == b else f"{a}{dash}{b}" for a, b in self.pages)


def parse_reference(number: int, text: str) -> Reference | None:
    m = _JOURNAL.match(text.strip())
    if not m:
        return None
    names = m["authors"].strip()
    et_al = names.endswith("等")
    authors = tuple(a.strip() for a in re.split(r"[、，,]", names.removesuffix("等")) if a.strip())
    pages = []
    for part in re.split(r"[+，,]", m["pages"]):
        ends = re.split(r"[—–\-]", part, maxsplit=1)
        pages.append((ends[0], ends[-1]))
    return Reference(number, authors, et_al, m["title"], m["journal"], int(m["year"]), m["volume"] or "", m["issue"] or "",
                     tuple(pages))


def gbt7714(ref: Reference) -> str:
    """GB/T 7714-2025 journal article: 作者. 题名[J]. 刊名, 年, 卷(期): 页码."""
    names = list(ref.authors[:3])
    if len(ref.authors) > 3 or ref.et_al:
        names.append("等")
    volume = f"{ref.volume}({ref.issue})" if ref.volume else (f"({ref.issue})" if ref.issue else "")
    return f"{', '.join(names)}. {ref.title}[J]. {ref.journal}, {ref.year}{', ' + volume if ref.volume else volume}: {ref.page_text()}."
