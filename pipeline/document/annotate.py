"""Glossary annotation inside Chinese text.

Python-Markdown's `abbr` wraps terms in \\b…\\b, and Han characters are word characters, so it never
matches a term between other Han characters (的数据孤岛、). This stage does it on the document model
instead: only paragraph text, abstract and metadata labels (never headings, links, code or footnote
markers), longest term first at each position, first occurrence per article linked to the glossary.

The definitions are not in the page (issue 21: they were a sixth of every article page, repeated on each page that uses
a term): each is a small script beside its edition's glossary page (pipeline/publish/glossary_page.py
definition_script), which the page's script loads when a reader hovers, focuses or taps a term
(overrides/assets/reader.js). Without scripts the link to the glossary entry is the definition.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pypinyin import lazy_pinyin

from pipeline.core.escape import escape
from pipeline.document.glossary import Entry


def anchor(entry: Entry) -> str:
    """Script-neutral id of a glossary entry, from its pinyin: g-yi-wang-tong-ban."""
    syllables = [s for s in lazy_pinyin(entry.term) if re.fullmatch(r"[a-z]+", s)]
    latin = re.findall(r"[a-z]+", entry.term.lower())  # 政务APP -> app
    return "g-" + "-".join(syllables + latin)


# Python-Markdown reads its inline syntax even inside a raw tag's attributes and text (an image in a title="" became a
# live <img> whose alt ended the attribute): in raw HTML every ASCII punctuation mark becomes a numeric entity, which
# the browser decodes back to exactly the text and Markdown never reads.
def html_text(text: str) -> str:
    """Text for raw HTML (an attribute value or element text) that Markdown cannot read as syntax."""
    return re.sub(r"[!-/:-@\[-`{-~]", lambda m: f"&#{ord(m.group())};", text)


# A paragraph of the real articles holds at most 14 glossary terms. Python-Markdown copies the whole paragraph for
# each raw-HTML element it sets aside, so an article scraped as one 5 MB line, with an <abbr> for every later
# occurrence, took over 300 s to render (benchmarks/results/hostile.md); with a cap it is linear again.
MARKS_PER_TEXT = 50


@dataclass
class Glossing:
    """Annotates the texts of one article in one edition and records where each term occurs."""
    script: str
    entries: tuple[Entry, ...]
    page: str  # Markdown path of the glossary page, relative to the article page
    linked: set[str] = field(default_factory=set)
    found: dict[str, list[str]] = field(default_factory=dict)  # term -> ids of the places it occurs

    def __post_init__(self) -> None:
        self.by_form = {e.form(self.script): e for e in self.entries}
        forms = sorted(self.by_form, key=lambda f: (-len(f), f))  # longest first: 条块协同 before 条块
        self.pattern = re.compile("|".join(map(re.escape, forms))) if forms else None

    def render(self, text: str, where: str) -> str:
        """Markdown for `text`: plain parts escaped, terms as glossary links or focusable <abbr>; at most
        MARKS_PER_TEXT of them (the rest stay plain text)."""
        if not self.pattern:
            return escape(text)
        out, last = [], 0
        for n, m in enumerate(self.pattern.finditer(text)):
            entry = self.by_form[m.group()]
            self.found.setdefault(entry.term, []).append(where)
            if n >= MARKS_PER_TEXT:
                continue
            out.append(escape(text[last:m.start()]))
            if entry.term not in self.linked:
                self.linked.add(entry.term)
                out.append(f"[{escape(m.group())}]({self.page}#{anchor(entry)}){{: .gloss }}")  # the link names the entry
            else:
                # A later occurrence is a bare <abbr> of the same text: the page's script gives it the first occurrence's
                # entry, keyboard focus and class (overrides/assets/reader.js; one entry has one form in an edition, so
                # the text names it). Written out each time, the entry's name with a class and tabindex was 55 bytes
                # more per occurrence (issue 21).
                out.append(f"<abbr>{html_text(m.group())}</abbr>")
            last = m.end()
        out.append(escape(text[last:]))
        return "".join(out)
