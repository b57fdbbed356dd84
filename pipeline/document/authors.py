"""Who wrote the article: author lines, affiliations (numbered or not), authors named only by their bio, English metadata lines."""

from __future__ import annotations

import re

from pipeline.core.changes import Change
from pipeline.core.chars import HAN
from pipeline.document import metadata as md
from pipeline.document.blocks import _JOB, Block
from pipeline.document.builder import _Builder
from pipeline.document.model import Author


def _authors_line(b: _Builder, block: Block, names: list[tuple[str, str]]) -> None:
    """A line of names, each with its affiliation marks: the authors, unless the page named others already."""
    listed, marks = [n for n, _ in names], [m for _, m in names]
    have = [a.name for a in b.authors]
    if not have:
        b.authors, b.author_marks = [Author(n) for n in listed], marks
        b.extract(block, block.text, listed, "author_line_becomes_authors")
    elif "".join(listed) == "".join(have):
        if have != listed:  # this line splits what the byline ran together
            b.authors = [Author(n) for n in listed]
        b.author_marks = marks
        b.extract(block, block.text, [], "author_names_repeated")
    elif set(have) < set(listed):  # 于涵 等 | 题名, then 于涵 赵晓燕 颜俊
        b.authors, b.author_marks = [Author(n) for n in listed], marks
        b.extract(block, block.text, [n for n in listed if n not in set(have)], "names_all_authors")
    else:  # a second, different line of names: kept readable with the author notes, not guessed between
        b.bio.append(block.text)


def _affiliation(b: _Builder, block: Block, text: str = "") -> None:
    """An affiliation line: numbered parts go to the authors whose marks carry the number (or, with no
    marks and as many parts as authors, in order); one unnumbered affiliation is every author's."""
    text = (text or block.text).strip()
    inner = text[1:-1] if text[:1] in "(（" and text[-1:] in ")）" else text
    numbered = dict(re.findall(r"(?:^|[;；]\s*)(\d)\s*[.．、]?\s*([^;；\d\s][^;；]*)", inner))
    marks = b.author_marks + [""] * (len(b.authors) - len(b.author_marks))
    in_order = bool(numbered) and not any(marks) and len(numbered) == len(b.authors)
    added: list[str] = []
    new: list[Author] = []
    for index, (author, mark) in enumerate(zip(b.authors, marks, strict=True)):
        aff = "；".join(p for p in _parts_of(index, mark, inner, numbered, marks, in_order) if p)
        joined = "；".join(x for x in (author.affiliation, aff) if x)
        if aff:
            added.append(joined[len(author.affiliation) :])
        new.append(Author(author.name, joined))
    b.authors = new
    b.extract(block, text, added, "affiliation_line")


def _parts_of(index: int, mark: str, inner: str, numbered: dict[str, str], marks: list[str], in_order: bool) -> list[str]:
    """The affiliation's parts for the author at `index`: the numbered parts its mark names (its own number when the
    parts go in order; the only part when there is one), or the whole line when nothing is numbered."""
    if not numbered:
        return [inner.strip(" ;；")]
    nums = [str(index + 1)] if in_order else (re.findall(r"\d", mark) or (["1"] if len(numbered) == 1 else []))
    parts = [numbered[n].strip(" ;；") for n in nums if n in numbered]
    if index == 0:  # parts no author claims stay with the first author rather than vanish
        claimed = {re.findall(r"\d", m)[0] for m in marks if re.findall(r"\d", m)} if not in_order else set(numbered)
        parts += [v.strip(" ;；") for k, v in numbered.items() if k not in claimed and k not in nums]
    return parts


def _english(b: _Builder, block: Block) -> None:
    text = block.text
    e = b.english
    if "abstract" in e and not md.segments(text):
        e["abstract"].append(text)
    elif "title" not in e:
        e["title"] = [text]
    elif len(e) == 1 and (text[:1] in "—-–:：" or e["title"][-1].rstrip().endswith((":", "："))):
        e["title"].append(text)
    elif text[:1] in "(（" or any(w in text for w in md.data().affiliation_markers):
        e.setdefault("affiliation", []).append(text)
    elif len(text) <= 60:
        e.setdefault("authors", []).append(text)
    else:
        e.setdefault("abstract", []).append(text)


_INSTITUTION_END = re.compile("(?:大学|学院|党校|研究院|研究所|研究中心|中心|实验室|科学院|学校|委员会|学系|学程|[系所处局])"
                              rf"(?:[\s,，;；、]+[{HAN}]{{2,8}}(?:\s+[{HAN}]{{2,4}})?)?[\s,，;；、]*(?:\d{{6}})?[\s)）]*$")


def _affiliation_shaped(text: str) -> bool:
    """An affiliation line, not a title that names an institution (岭南大学…中心举办「…」研究分享会, 大学与社区
    互动关系之研究, 多中心治理): it ends with the institution (a city and postcode aside) or says a job."""
    return md.is_affiliation(text) and bool(_INSTITUTION_END.search(text) or _JOB.search(text) or re.search(r"\d{6}", text))


def _authors_from_bio(b: _Builder) -> None:
    """No byline, but an author bio (作者简介：张三（1980—），男，…): its names are the authors; and where the header
    named only the first of them (刘福才：题名 over 刘福才，…；谢少华，…), the others too."""
    found: list[str] = []
    for bio in b.bio:
        for part in re.split(r"[；;]\s*|\n", bio):
            m = re.match(f"^\\s*(?:作者简介[：:]?\\s*)?([{HAN}]{{2,4}})(?=[，,（(\\s])", part)
            if m and (names := md.split_names(m.group(1), strict=False)) and len(names) == 1 and m.group(1) not in found:
                found.append(m.group(1))
    have = [a.name for a in b.authors]
    if not found or (have and not set(have) < set(found)):
        return
    known = {a.name: a for a in b.authors}
    b.authors = [known.get(n, Author(n)) for n in found]
    b.changes.append(Change("structure", 0, "", " ".join(n for n in found if n not in known), "authors_named_author_bio"))
