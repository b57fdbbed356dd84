"""The site's search index: static script files under docs/search/, loaded by the browser only on the
first search (overrides/assets/search.js), from http or from disk (file://).

Why our own index (justified with numbers in benchmarks/results/search.md): no well-kept library does phrase
search over Chinese from file:// under a strict Content-Security-Policy. Pagefind ANDs the pieces of its own
segmentation (数据有序流 finds pages holding 数据, 有序 and 流 anywhere), a query in one script misses the other
edition, it fetches its chunks (refused from file://) and compiles WebAssembly; Material's lunr index is one
file of ~110 kB per article, fetched whole, and ORs the words.

Layout (all files are `__zhsearch(kind, id, data);` scripts, so a <script> tag loads them anywhere):

- meta.js: the pages (slug, section count) and the number of shards;
- fold.js: the character table that folds traditional and variant forms onto one character (from OpenCC);
- s/<k>.js: shard k of the postings; a key (a Han bigram or unigram, a Latin/number token or prefix) lives
  in shard fnv1a(key) % shards; its postings are section numbers, delta-coded, with a heading bit;
- t/<edition>/<slug>.js: one page's sections (anchor, heading, text) in one edition, loaded only for
  candidates, to verify the phrase and cut the excerpt.

A query term matches a section when it is a substring of the section's folded text; the index only
narrows the candidates (every key of the term must be in the section).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pipeline.core.chars import HAN
from pipeline.core.convert import converter
from pipeline.core.files import replace
from pipeline.document.annotate import anchor
from pipeline.document.glossary import CATEGORIES
from pipeline.document.glossary import Entry as GlossaryEntry
from pipeline.document.model import Document
from pipeline.publish.glossary_page import WORDS as GLOSSARY_WORDS
from pipeline.publish.glossary_page import pinyin_key
from pipeline.publish.labels import LABELS

_HAN_RUN = re.compile(f"[{HAN}]+")
_TOKEN = re.compile(r"[0-9a-z\u00c0-\u024f]+")
_MARKER = re.compile(r"\[\d{1,3}\]")
# Delta codes: base-32 digits, the last one from FINAL, the others from MORE (no separators needed).
FINAL = "0123456789abcdefghijklmnopqrstuv"
MORE = "wxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_$"
SHARD_BYTES = 40_000  # raw postings per shard (about 15 kB gzipped): a query reads at most 6


@dataclass(frozen=True)
class Section:
    anchor: str  # fragment id on the page; "" for the top of the page
    heading: str  # what the result shows as its title
    text: str


@dataclass(frozen=True)
class Page:
    slug: str  # the page's path under an edition root without suffix ("index" for the home page)
    title: str
    sections: tuple[Section, ...]


@cache
def fold_table() -> dict[str, str]:
    """Character -> its representative: each class of forms OpenCC relates (发/發/髮, 着/著, 里/裡/裏) is one
    character, so a query in either script meets the text of either edition. Only changed characters."""
    chars = [chr(c) for lo, hi in ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF)) for c in range(lo, hi + 1)]
    parent: dict[str, str] = {}

    def find(c: str) -> str:
        while parent.get(c, c) != c:
            c = parent[c]
        return c

    for config in ("t2s", "s2tw", "s2t"):
        converted = converter(config).convert("\n".join(chars)).split("\n")
        for c, d in zip(chars, converted, strict=True):
            if len(d) == 1 and d != c and ord(d) <= 0xFFFF:  # one UTF-16 unit, as the browser folds
                a, b = find(c), find(d)
                if a != b:
                    parent[max(a, b)] = min(a, b)
    classes: dict[str, list[str]] = {}
    for c in list(parent) + [p for p in parent.values()]:
        classes.setdefault(find(c), []).append(c)
    t2s = converter("t2s")
    table: dict[str, str] = {}
    for members in classes.values():
        members = sorted(set(members))
        simplified = [m for m in members if t2s.convert(m) == m]
        rep = (simplified or members)[0]  # a simplified form, so folded text reads as simplified
        table.update({m: rep for m in members if m != rep})
    return dict(sorted(table.items()))


@cache
def _fold_map() -> dict[int, str]:
    """fold() as one str.translate table: the fold table, full-width ASCII, then lower case (one character only)."""
    table: dict[int, str] = {}
    for code in range(0x10000):
        c = fold_table().get(chr(code), chr(code))
        if "\uff01" <= c <= "\uff5e":
            c = chr(ord(c) - 0xFEE0)
        low = c.lower()
        c = low if len(low) == 1 else c
        if c != chr(code):
            table[code] = c
    return table


def fold(text: str) -> str:
    """Per character (so offsets stay put): the fold table, full-width ASCII to ASCII, lower case."""
    return text.translate(_fold_map())


def keys(text: str) -> set[str]:
    """Index keys of folded text: Han unigrams and bigrams within runs, Latin/number tokens and their prefixes."""
    runs = _HAN_RUN.findall(text)
    found = set("".join(runs))
    found.update({run[i:i + 2] for run in runs for i in range(len(run) - 1)})
    for token in _TOKEN.findall(unicodedata.normalize("NFKC", text)):
        found.update(token[:n] for n in range(2, len(token) + 1))
    return found


def fnv1a(key: str) -> int:
    """32-bit FNV-1a over UTF-16 code units, as search.js computes it."""
    data = key.encode("utf-16-le")
    h = 0x811C9DC5
    for i in range(0, len(data), 2):
        h = ((h ^ int.from_bytes(data[i:i + 2], "little")) * 0x01000193) & 0xFFFFFFFF
    return h


def encode(numbers: Iterable[int]) -> str:
    out = []
    for n in numbers:
        if n < 32:
            out.append(FINAL[n])
            continue
        digits = [FINAL[n & 31]]
        n >>= 5
        while n:
            digits.append(MORE[n & 31])
            n >>= 5
        out.append("".join(reversed(digits)))
    return "".join(out)


def decode(code: str) -> list[int]:
    numbers, n = [], 0
    for c in code:
        if c in MORE:
            n = n * 32 + MORE.index(c)
        else:
            numbers.append(n * 32 + FINAL.index(c))
            n = 0
    return numbers


def plain(text: str) -> str:
    """Body text as a reader sees it: footnote markers [n] dropped."""
    return _MARKER.sub("", text)


def article_page(doc: Document, meta: dict[str, object], script: str) -> Page:
    """One article in one edition (`meta` already in its script): the top (title, authors, venue, keywords),
    the abstract and each section. Notes and the citation block are left out."""
    L = LABELS[script]
    title = str(meta.get("title") or doc.title)
    about = ["、".join(str(a) for a in meta.get("authors") or []), str(meta.get("publisher") or ""),  # type: ignore[attr-defined]
             str(meta.get("column") or ""), "；".join(doc.keywords)]
    sections = [Section("", title, "　".join(a for a in about if a))]
    if doc.abstract:
        sections.append(Section("abstract", L["abstract"], plain(doc.abstract)))
    for s in doc.sections:
        if not s.paragraphs and not s.heading:
            continue
        where = s.id if s.heading else (s.paragraphs[0].id if s.paragraphs else s.id)  # no heading: its first paragraph
        text = "\n".join(plain(p.lead + p.text) for p in s.paragraphs)
        sections.append(Section(where, plain(s.heading), text))  # no heading: the browser shows the title
    return Page(str(meta["slug"]), title, tuple(sections))


_HEADING = re.compile(r"^## +(.+?)(?: +\{: *#([^ }]+)[^}]*\})? *$")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


def markdown_page(slug: str, markdown: str) -> Page:
    """One of our own Markdown pages (about, input): sections at its `## ` headings, anchors as the toc makes them."""
    lines = markdown.splitlines()
    title = next((ln[2:].strip() for ln in lines if ln.startswith("# ")), slug)
    sections: list[Section] = []
    anchor, heading, body = "", title, []
    slugify = _slugify()

    def close() -> None:
        text = "\n".join(ln for ln in body if ln.strip())
        text = _LINK.sub(r"\1", text).replace("**", "").replace("`", "")
        if text or anchor:
            sections.append(Section(anchor, heading, text))

    for ln in lines:
        if ln.startswith("# "):
            continue
        if m := _HEADING.match(ln):
            close()
            heading = m.group(1).strip()
            anchor, body = m.group(2) or slugify(heading, "-"), []
        else:
            body.append(ln.lstrip("-*0123456789. "))
    close()
    return Page(slug, title, tuple(sections))


def glossary_page(entries: Iterable[GlossaryEntry], script: str) -> Page:
    sections = [Section(anchor(e), e.form(script), f"{CATEGORIES[script][e.category]} · {e.english}\n{e.definition_in(script)}")
                for e in sorted(entries, key=lambda e: pinyin_key(e.term))]
    return Page("glossary", GLOSSARY_WORDS[script]["title"], tuple(sections))


@cache
def _slugify():  # type: ignore[no-untyped-def]
    from pymdownx.slugs import slugify  # the toc's slugify in mkdocs.yml
    return slugify(case="lower")


def _script(kind: str, ident: object, data: object) -> str:
    return f"__zhsearch({json.dumps(kind)},{json.dumps(ident)},{json.dumps(data, ensure_ascii=False, separators=(',', ':'))});\n"


# (keys in its heading, keys anywhere), each as one space-separated string: the build keeps every article's keys
# in memory and in its cache, and strings take a fraction of the memory of sets of short strings (with sets, the
# build peaked at 1.4 GB at N = 1,000)
SectionKeys = tuple[str, str]


def section_keys(sections: list[Section]) -> SectionKeys:
    """Keys of one section in every edition: (in its heading, anywhere). Editions whose folded text is the
    same as the first's add nothing and are skipped (the usual case: folding undoes s2tw)."""
    heading: set[str] = set()
    body: set[str] = set()
    seen: set[str] = set()
    for section in sections:
        h, t = fold(section.heading), fold(section.text)
        if h not in seen:
            heading |= keys(h)
            seen.add(h)
        if t not in seen:
            body |= keys(t)
            seen.add(t)
    return " ".join(sorted(heading)), " ".join(sorted(body | heading))  # keys hold no spaces


def page_keys(editions: list[Page]) -> list[SectionKeys]:
    """The keys of each section of one page, from all its editions (the same page in each). This is the index's
    per-article work (folding, n-grams): the build caches it with the article, so a rebuild only merges."""
    return [section_keys([page.sections[j] for page in editions]) for j in range(len(editions[0].sections))]


def postings(keyed: list[list[SectionKeys]]) -> dict[str, list[int]]:
    """Key -> delta-coded section numbers (2 * delta + heading bit), from each page's section keys in order."""
    found: dict[str, list[int]] = {}
    number = 0
    for page in keyed:
        for heading_keys, every in page:
            heading = set(heading_keys.split())
            for key in every.split():
                found.setdefault(key, []).append(number * 2 + (key in heading))  # numbers only grow: lists stay sorted
            number += 1
    coded: dict[str, list[int]] = {}
    for key, hits in found.items():
        last = -1
        seq = []
        for h in hits:
            n = h >> 1
            seq.append((n - last - 1) * 2 + (h & 1))
            last = n
        coded[key] = seq
    return coded


def check_editions(editions: dict[str, list[Page]]) -> None:
    lists = list(editions.values())
    for other in lists[1:]:
        if [(p.slug, len(p.sections)) for p in other] != [(p.slug, len(p.sections)) for p in lists[0]]:  # anchors may differ
            raise ValueError("search index: the editions must have the same pages and sections")


def text_files(editions: dict[str, list[Page]]) -> dict[str, str]:
    """Each page's texts, per edition (t/<edition>/<slug>.js): named by slug, so adding an article adds its own
    files and leaves the others' alone."""
    check_editions(editions)
    return {f"t/{edition}/{page.slug}.js": _script("t", f"{edition}/{page.slug}",
                                                     {"title": page.title, "sections": [[s.anchor, s.heading, s.text] for s in page.sections]})
            for edition, pages in editions.items() for page in pages}


def shard_files(pages: list[tuple[str, int]], keyed: list[list[SectionKeys]]) -> tuple[dict[str, str], dict[str, int]]:
    """The postings of every page (slug and section count, in index order; each page's page_keys()) as the shards,
    meta.js and fold.js; and sizes for the build log and the benchmark. This is the one step whose work grows with
    the collection on every rebuild: the site build runs it beside MkDocs (scripts/build_index.py)."""
    if [len(k) for k in keyed] != [n for _, n in pages]:
        raise ValueError("search index: the keys do not match the pages' sections")
    coded = {k: encode(v) for k, v in postings(keyed).items()}
    total = sum(len(k.encode()) + len(v) + 6 for k, v in coded.items())
    shards = 1
    while total / shards > SHARD_BYTES:
        shards *= 2
    buckets: list[dict[str, str]] = [{} for _ in range(shards)]
    for key in sorted(coded):
        buckets[fnv1a(key) % shards][key] = coded[key]
    files: dict[str, str] = {f"s/{k}.js": _script("s", k, bucket) for k, bucket in enumerate(buckets)}
    files["meta.js"] = _script("meta", 0, {"shards": shards, "pages": [[slug, n] for slug, n in pages]})
    files["fold.js"] = _script("fold", 0, "".join(k + v for k, v in fold_table().items()))
    return files, {"pages": len(pages), "sections": sum(n for _, n in pages), "keys": len(coded), "shards": shards}


def index_files(editions: dict[str, list[Page]], keyed: list[list[SectionKeys]] | None = None) -> tuple[dict[str, str], dict[str, int]]:
    """The whole index of the pages (one list per edition, same pages and sections in the same order) as files: path
    under search/ -> content; and sizes. `keyed`: each page's page_keys(), if the caller has them; computed here
    otherwise."""
    first = list(editions.values())[0]
    texts = text_files(editions)
    if keyed is None:
        keyed = [page_keys([edition[i] for edition in editions.values()]) for i in range(len(first))]
    shards, sizes = shard_files([(p.slug, len(p.sections)) for p in first], keyed)
    return {**shards, **texts}, sizes


def write_index(editions: dict[str, list[Page]], out: Path) -> dict[str, int]:
    """index_files() written into `out` (docs/search); returns their sizes. (The site build puts the same files
    into docs/ with the rest of its pages.)"""
    files, sizes = index_files(editions)
    wanted = {out / rel for rel in files}
    for old in out.rglob("*") if out.exists() else ():
        if old.is_file() and old not in wanted:
            old.unlink()  # stale: nothing of an earlier index may survive
    for rel, content in files.items():  # unchanged files are left alone (a rebuild after one new article)
        path, data = out / rel, content.encode("utf-8")
        if not (path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data):
            path.parent.mkdir(parents=True, exist_ok=True)
            replace(path, data)
    return sizes
