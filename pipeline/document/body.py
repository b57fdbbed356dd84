"""The body below the header: late header lines, headings, paragraphs (a running header or an inline note taken out),
the site's teaser copies of the abstract."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from pipeline.core.changes import Change
from pipeline.core.chars import HAN
from pipeline.document import metadata as md
from pipeline.document import spans
from pipeline.document.blocks import _AUTHOR_NOTE, _CREDIT, _NOTE, Block, _is_heading
from pipeline.document.builder import _SPACED, _Builder
from pipeline.document.copies import _abstract_copy, _letters
from pipeline.document.labelled import _apply_segments
from pipeline.document.model import Author, Credit, Note
from pipeline.document.shapes import CHROME_BODY_P, _droppable, _repeats_title, _watermark
from pipeline.document.tagged import _tagged_line

LATE_HEADER_P = 0.8  # a header line below the first paragraph is read only when the labeller is this sure,
LATE_HEADER_ITEMS = 10  # and among the body's first items


_INLINE_NOTE = re.compile(r"(?P<marker>[（(](?P<n>\d{1,2})[）)])(?P<note>[^。（()）]{2,60}?[：:]《[^》]{2,80}》[^。]{0,80}?第[\d\-—–]+页。)")
_LETTER_SPACED = re.compile(f"^(?:[\\d.]+\\s*|[一二三四五六七八九十]+、)?[{HAN}](\\s+[{HAN}])+$")


_TEASER_LABEL = re.compile(r"^.{0,8}?(?:摘\s*要|提\s*要)(?:[】〕\]]\s*[：:]?|\s*[：:])\s*")


def _drop_abstract_teasers(b: _Builder) -> None:
    """A paragraph above the text that is the abstract cut short (本文摘要：摘要：… over the full 摘要：…, a
    site's teaser) is removed and listed: the abstract says it whole. Unlabelled, it must be long enough
    (100 letters) to be a copy, not a first sentence the abstract shares."""
    abstract = b.fields.get("abstract", "")
    texts = b.sections[0][1]
    for k in reversed(range(min(3, len(texts), len(b.lead_lines)))):
        text, rest = texts[k], texts[k]
        while m := _TEASER_LABEL.match(rest):
            rest = rest[m.end() :]
        if (rest != text or len(_letters(rest)) >= 100) and _abstract_copy(rest, abstract) == "first":
            b.changes.append(Change("structure", b.lead_lines[k], text, "", "site_shortened_copy_abstract"))
            del texts[k], b.lead_lines[k]


def _unrun_front_page(text: str, b: _Builder) -> str:
    """A PDF's first page pasted as one line is broken into its parts (only line breaks are added)."""
    first = text.lstrip("\n").split("\n", 1)[0]
    cuts = md.front_page_cuts(first)
    if not cuts:
        return text
    at = text.index(first)
    pieces = [first[i:j] for i, j in zip([0, *cuts], [*cuts, len(first)], strict=True)]
    b.changes.append(Change("structure", text[:at].count("\n") + 1, "", "", "pdf_first_page_pasted_one"))
    return text[:at] + "\n".join(pieces) + text[at + len(first) :]


def _late_header(b: _Builder, block: Block) -> bool:
    """A byline, date or venue line the labeller is sure of, under a first paragraph the header reading
    stopped at (导读 and its teaser, then 作者 | …): read it, if it says something."""
    if _authors_under_label(b, block):
        return True
    tag = b.tag(block, LATE_HEADER_P)
    if tag == "affiliation" and b.last_tag == "byline" and b.authors:
        return _tagged_line(b, block, tag)
    b.last_tag = tag
    return _says_more(b, block, tag) and _tagged_line(b, block, tag)


def _authors_under_label(b: _Builder, block: Block) -> bool:
    """作 者 alone on its line, then one author per line, each name followed by the affiliation."""
    if not b.authors and re.fullmatch(r"作\s*者\s*[：:]?", block.text):
        b.consume(block, block.text, "label_over_authors_lines")
        b.last_tag = "byline-label"
        return True
    if b.last_tag in ("byline-label", "byline-row") and len(block.text) <= 80 and (names := spans.names(block.text)[0]) \
            and block.text.startswith(names[0]) and len(names) == 1:
        aff = block.text[len(names[0]):].strip()
        b.authors.append(Author(names[0], aff))
        b.extract(block, block.text, [names[0], aff], "author_line_under_label")
        b.last_tag = "byline-row"
        return True
    return False


def _says_more(b: _Builder, block: Block, tag: str) -> bool:
    """A byline naming authors where none are known, or more than the title named; a date or a venue not yet known."""
    t = block.text
    if tag == "byline":
        return len(t) <= 80 and bool(names := spans.names(t)[0]) and (not b.authors or {a.name for a in b.authors} < set(names))
    if tag == "date":
        return "date" not in b.fields and bool(md.parse_date(t))
    return tag == "venue" and b.venue is None and bool(spans.venue(t))


def _heading(b: _Builder, block: Block) -> str:
    """A letter-spaced heading (引  言, 0  引  言) closed up; the spaces are listed."""
    t = block.text
    if _LETTER_SPACED.match(t):
        closed = " ".join(_SPACED.sub("", t).split())
        b.changes.append(Change("structure", block.line, t, closed, "letter_spacing_inside_heading"))
        return closed
    return t


def _paragraph(b: _Builder, block: Block, t: str) -> str:
    title = b.fields.get("title", "")
    if title and not any(p for _, p in b.sections) and t.startswith((title + " ", title + "\u3000")):
        b.consume(block, title, "page_repeats_title_before_text")
        t = t[len(title) :].lstrip()
    if running := md.venue(t, running=True):  # 第37卷第1期2018年1月情报杂 志JOURNALOF…Jan.2018 inside a sentence
        piece = t[running.start : running.end]
        b.set_venue(block, piece, running, "pdf_running_header", header=False)
        t = t[: running.start] + t[running.end :]
    for m in list(_INLINE_NOTE.finditer(t))[::-1]:
        n = int(m.group("n"))
        if any(x.number == n for x in b.notes):
            continue
        b.notes.append(Note(n, m.group("note").strip()))
        b.changes.append(Change("structure", block.line, m.group("marker"), f"[{n}]", "note_printed_inside_text"))
        t = t[: m.start()] + f"[{n}]" + t[m.end() :]
    return t


@dataclass
class _Body:
    """The body's items being read, and whether its notes have begun."""
    items: list[Block]
    in_notes: bool = False


def _read_body(b: _Builder, items: list[Block]) -> None:
    """Each body item goes to the first reader that takes it; a paragraph takes any."""
    body = _Body(items)
    for index, block in enumerate(items):
        for read in _BODY_READERS:
            if read(b, body, index, block):
                break


def _late_header_item(b: _Builder, body: _Body, index: int, block: Block) -> bool:
    return not body.in_notes and index < LATE_HEADER_ITEMS and _late_header(b, block)


def _watermark_item(b: _Builder, body: _Body, index: int, block: Block) -> bool:
    if not _watermark(block.text):
        return False
    b.changes.append(Change("remove_chrome", block.line, block.text, "", "pdf_watermark_letters_spaced_apart"))
    return True


def _site_item(b: _Builder, body: _Body, index: int, block: Block) -> bool:
    """A line the labeller is sure is the site's, between the article's paragraphs, and no sentence."""
    if (tag := b.tag(block, CHROME_BODY_P)) not in ("chrome", "spam") or body.in_notes or not _droppable(block.text):
        return False
    b.changes.append(Change("remove_chrome", block.line, block.text, "", "labeller_site_text_in_body", (tag,)))
    return True


def _title_again_item(b: _Builder, body: _Body, index: int, block: Block) -> bool:
    """题名_第2页: a document site's page marker, the title again."""
    if body.in_notes or not _repeats_title(block.text, b.fields.get("title", "")):
        return False
    b.consume(block, block.text, "page_repeats_title")
    return True


def _note_item(b: _Builder, body: _Body, index: int, block: Block) -> bool:
    """[1] / (1) / 1. / ① under the notes heading: a numbered note or reference."""
    if not body.in_notes or not (m := _NOTE.match(block.text)):
        return False
    number = int(m.group("n") or m.group("p") or m.group("d") or ord(m.group("c")) - ord("①") + 1)
    b.consume(block, m.group("mark"), "note_number")
    b.notes.append(Note(number, m.group("text").strip()))
    return True


def _credit_item(b: _Builder, body: _Body, index: int, block: Block) -> bool:
    """责编：张三 / 美编：李四: the editors' credits."""
    t = block.text
    if not _CREDIT.match(t) or not (credits := list(_CREDIT.finditer(t))):
        return False
    rest = _CREDIT.sub("", t)
    b.consume(block, "".join(rest.split()), "separators_editor_credits")
    for m in credits:
        b.consume(block, t[m.end("role") : m.start("name")], "colon_after_credit_role")
        b.credits.append(Credit(m.group("role"), b.names(block, m.group("name"))))
    return True


def _field_item(b: _Builder, body: _Body, index: int, block: Block) -> bool:
    """A labelled field in the body (a 作者简介 or 基金项目 at the end), not a date, byline, source or column line."""
    if not (segs := md.segments(block.text)) or segs[0].field in ("date", "byline", "source", "drop", "column"):
        return False
    _apply_segments(b, [Block(block.line, block.text)], 0, later_keywords=False)
    return True


def _author_note_item(b: _Builder, body: _Body, index: int, block: Block) -> bool:
    if not (m := _AUTHOR_NOTE.match(block.text)):
        return False
    b.consume(block, "【】", "brackets_around_author_note")
    b.fields["author_note"] = m.group("note")
    return True


def _notes_heading_item(b: _Builder, body: _Body, index: int, block: Block) -> bool:
    if not md.notes_heading(block.text):
        return False
    b.consume(block, block.text, "notes_heading")
    body.in_notes = True
    return True


def _heading_item(b: _Builder, body: _Body, index: int, block: Block) -> bool:
    """A heading starts a section (the last item is text, and so is a line the labeller puts in the header or text)."""
    if not _is_heading(block.text) or index + 1 >= len(body.items) or b.tag(block) in ("affiliation", "byline", "date", "body"):
        return False
    b.sections.append((_heading(b, block), []))
    return True


def _paragraph_item(b: _Builder, body: _Body, index: int, block: Block) -> bool:
    if len(b.sections) == 1:
        b.lead_lines.append(block.line)
    b.sections[-1][1].append(_paragraph(b, block, block.text))
    return True


_BODY_READERS: tuple[Callable[[_Builder, _Body, int, Block], bool], ...] = (
    _late_header_item, _watermark_item, _site_item, _title_again_item, _note_item, _credit_item, _field_item,
    _author_note_item, _notes_heading_item, _heading_item, _paragraph_item)
