"""The typed document model every later stage works on."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields, is_dataclass, replace


@dataclass(frozen=True)
class Paragraph:
    id: str  # script-neutral, stable: s2-p3 (section 2, paragraph 3); s0 is text before any heading
    lead: str  # the bold lead sentence (央地协同的政策体系不断完善。), or ""
    text: str  # the rest; footnote markers stay as [n]


@dataclass(frozen=True)
class Section:
    id: str
    heading: str
    paragraphs: tuple[Paragraph, ...]


@dataclass(frozen=True)
class Note:
    number: int
    text: str


@dataclass(frozen=True)
class Credit:
    role: str
    name: str


@dataclass(frozen=True)
class Author:
    name: str
    affiliation: str = ""


@dataclass(frozen=True)
class Venue:
    name: str  # journal or site as the page names it (决策与信息)
    year: str = ""
    issue: str = ""  # 12, 02, 增刊1
    pages: str = ""  # 80-86
    volume: str = ""  # 卷 (Vol.), when the page gives one


@dataclass(frozen=True)
class English:
    """An English title, authors and abstract the page gives: metadata, not body text."""
    title: str = ""
    authors: str = ""
    abstract: str = ""
    affiliation: str = ""
    keywords: str = ""


@dataclass(frozen=True)
class Document:
    title: str  # "" when the text has none (the metadata then gives an editorial one)
    abstract: str = ""
    keywords: tuple[str, ...] = ()
    clc: str = ""  # 中图分类号
    doc_code: str = ""  # 文献标识码
    sections: tuple[Section, ...] = ()
    author_note: str = ""
    notes: tuple[Note, ...] = ()
    credits: tuple[Credit, ...] = field(default=())
    # What the page itself states about the article (issue 13); empty when it does not say.
    authors: tuple[Author, ...] = ()
    date: str = ""  # ISO: YYYY-MM-DD or YYYY-MM (normalised; never converted between scripts)
    venue: Venue | None = None
    article_no: str = ""  # 文章编号 1002-8129(2021)12-0080-07
    doi: str = ""
    funding: tuple[str, ...] = ()  # 基金项目, one per project as written
    author_bio: str = ""  # 作者简介
    english: English | None = None
    history: tuple[str, ...] = ()  # 收稿日期：…, 修订日期：… as the page writes them (not the publication date)
    column: str = ""  # 专题/栏目 the page files the article under
    warnings: tuple[str, ...] = ()  # codes such as "notes-missing:3", "ends-mid-sentence"; publish words them per edition

    def paragraphs(self) -> list[Paragraph]:
        return [p for s in self.sections for p in s.paragraphs]

    def map_text(self, convert: Callable[[str], str]) -> Document:
        """The same document with every piece of reader-visible text converted (editions)."""
        return _map(self, convert)

    def texts(self) -> list[str]:
        """Every piece of text, in reading order (for conservation and residual checks)."""
        out: list[str] = []
        _collect(self, out)
        return out


_ID_FIELDS = {"id", "number", "date", "doi", "warnings"}  # identifiers and normalised values: never converted or counted


def _map(value: object, convert: Callable[[str], str]) -> object:
    if is_dataclass(value):
        changes = {f.name: _map(getattr(value, f.name), convert) for f in fields(value) if f.name not in _ID_FIELDS}
        return replace(value, **changes)  # type: ignore[type-var]
    if isinstance(value, tuple):
        return tuple(_map(v, convert) for v in value)
    if isinstance(value, str):
        return convert(value)
    return value


def _collect(value: object, out: list[str]) -> None:
    if is_dataclass(value):
        for f in fields(value):
            if f.name not in _ID_FIELDS:
                _collect(getattr(value, f.name), out)
    elif isinstance(value, tuple):
        for v in value:
            _collect(v, out)
    elif isinstance(value, str):
        out.append(value)
