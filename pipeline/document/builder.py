"""The Document under construction while a page is read: its fields so far and every change, with the line each comes from."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.core.changes import Change
from pipeline.core.chars import HAN
from pipeline.core.context import Context
from pipeline.document import labeller
from pipeline.document import metadata as md
from pipeline.document.blocks import Block
from pipeline.document.model import Author, Credit, Note, Venue

_NAME_GAP = re.compile(f"(?<=[{HAN}]) (?=[{HAN}])")
_SPACED = re.compile(f"(?<=[{HAN}])\\s+(?=[{HAN}])")


@dataclass
class _Builder:
    ctx: Context
    changes: list[Change] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)
    keywords: tuple[str, ...] = ()
    authors: list[Author] = field(default_factory=list)
    author_marks: list[str] = field(default_factory=list)
    venue: Venue | None = None
    funding: list[str] = field(default_factory=list)
    bio: list[str] = field(default_factory=list)
    history: list[str] = field(default_factory=list)
    english: dict[str, list[str]] = field(default_factory=dict)
    sections: list[tuple[str, list[str]]] = field(default_factory=lambda: [("", [])])
    notes: list[Note] = field(default_factory=list)
    credits: list[Credit] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    cut_at: int = 0  # the line the scraper cut the page at, if it stops inside a word (0: not cut there)
    damaged: int = 0  # runs of text the repairs could not read, marked □
    last_tag: str = ""  # the label of the header line read before this one
    named_by_affiliation: bool = False  # the authors so far came from affiliation lines (长荣大学…学系 赖信志教授), one per line
    tags: dict[int, labeller.Labelled] = field(default_factory=dict)  # line number -> the line labeller's label
    field_lines: dict[str, int] = field(default_factory=dict)  # the line each field was read from
    lead_lines: list[int] = field(default_factory=list)  # the lines of the paragraphs before the first heading

    def tag(self, block: Block, at_least: float = 0.0) -> str:
        """The labeller's label for a line ("" without a model, or below `at_least` probability)."""
        x = self.tags.get(block.line)
        return x.label if x is not None and x.p >= at_least else ""

    def consume(self, block: Block, label: str, code: str, args: tuple[str, ...] = ()) -> None:
        """`label` is gone from the text (the page template shows it again, or it is the site's): why, as a code."""
        if label.strip():
            self.changes.append(Change("structure", block.line, label, "", code, args))

    def extract(self, block: Block, source: str, kept: list[str], code: str) -> None:
        """`source` became metadata; `kept` are the values stored in countable Document fields."""
        self.changes.append(Change("structure", block.line, source, " ".join(kept), code))

    def names(self, block: Block, name: str) -> str:
        joined = _NAME_GAP.sub("", name.strip())
        if joined != name.strip():
            self.changes.append(Change("structure", block.line, name.strip(), joined, "typographic_space_inside_name"))
        return joined

    def set_venue(self, block: Block, source: str, v: md.VenueMatch, code: str, *, header: bool = True) -> None:
        """Store a venue line's facts (the first venue line wins; a later one is only reported)."""
        name = _SPACED.sub("", v.name)
        kept: list[str] = []
        if v.article_no and not self.fields.get("article_no"):
            self.fields["article_no"] = v.article_no
            kept.append(v.article_no)
        if v.doi and not self.fields.get("doi"):
            self.fields["doi"] = v.doi
        if self.venue is None:
            self.venue = Venue(name, v.year, v.issue, v.pages, v.volume)
            kept += [x for x in (name, v.year, v.volume, v.issue, v.pages) if x]
            if v.month and header and "date" not in self.fields:  # 2024 年 4 月第 45 卷… on the first page
                self.fields["date"] = f"{v.year}-{int(v.month):02d}"
        self.extract(block, source, kept, code)
