"""The site's search index: static script files under docs/search/, loaded by the browser only on the
first search (overrides/assets/search.js and the scripts it loads), from http or from disk (file://). The format: FORMAT.md beside this file.

Why our own index (justified with numbers in benchmarks/results/search.md): no well-kept library does phrase
search over Chinese from file:// under a strict Content-Security-Policy. Pagefind ANDs the pieces of its own
segmentation (数据有序流 finds pages holding 数据, 有序 and 流 anywhere), a query in one script misses the other
edition, it fetches its chunks (refused from file://) and compiles WebAssembly; Material's lunr index is one
file of ~110 kB per article, fetched whole, and ORs the words.

One index for both editions, of the canonical simplified text (the 繁體 edition is its s2tw conversion): a 繁體
query is converted to simplified as the pipeline converts 繁體 text (search_convert.py), so 著 stays apart from 着
where they are different words (显著, 著作). The pages indexed: search_pages.py; codes and files: search_format.py.

Layout (all files are `__zhsearch(kind, id, data);` scripts, so a <script> tag loads them anywhere):

- meta.js: the number of shards, each page's section count;
- conv.js: the 繁體 -> simplified conversion table for queries (characters, phrases, which characters mark a
  query as 繁體);
- s/<k>.js: shard k of the postings; a key (a Han unigram, bigram or trigram, a Latin/number token prefix) lives
  in shard fnv1a(key) % shards; per section holding it: the section number (delta-coded), a term-frequency class
  and whether it occurs in the section's heading;
- t/<page>/<j>.js: section j of page number `page` (in index order), both editions: the 繁體 edition's slug, title,
  anchor, heading and text (the text deflated: search_format.packed()), the 简体 edition's being their conversion
  through conv.js where the build checked that this gives them exactly (else stored too: text_data()); loaded only
  for the results shown, for their excerpts (and to confirm a phrase of 4 or more characters, see FORMAT.md). One
  file a section, not a page: a page of 10 results from 10 articles loads 10 sections, not 10 articles (about 15 kB
  gz instead of 50). Named by number, not slug, so the browser names the file from the postings alone: no round of
  directory files (slugs) between the ranking and the texts (issue 21: each round of script loads costs tens of ms
  cold).
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import cast

from pipeline.core.chars import HAN
from pipeline.core.files import replace
from pipeline.publish.search_convert import browser_t2s, conv_data, conversion, fold, to_canonical
from pipeline.publish.search_format import FINAL, MORE, decode, encode, fnv1a, packed, read_script, script, unpacked
from pipeline.publish.search_pages import Page, Section, article_page, glossary_page, markdown_page, plain

__all__ = ["FINAL", "MORE", "NGRAM", "Page", "Section", "SectionKeys", "article_page", "conv_data", "conversion", "decode", "encode",
           "fnv1a", "fold", "glossary_page", "index_files", "index_pages", "key_counts", "keys", "markdown_page", "page_keys", "plain",
           "postings", "read_page", "section_keys", "shard_files", "shown", "text_data", "tf_class", "text_files", "to_canonical",
           "write_index"]

_HAN_RUN = re.compile(f"[{HAN}]+")
_TOKEN = re.compile(r"[0-9a-z\u00c0-\u024f]+")
SHARD_BYTES = 40_000  # raw postings per shard (about 15 kB gzipped)
NGRAM = 3  # Han keys: every run's 1- to 3-grams (4-grams: +40 % postings here, and on real text a key per 4-gram)
TF_CLASSES = (1, 2, 3, 6)  # a posting's term-frequency class: the largest of these <= tf (2 bits)


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


# A text file's fields, in order: those of the 繁體 edition; the 简体 edition's are their conversion (below)
TextFields = tuple[str, str, str, str, str]  # slug, title (null where it is the heading), anchor, heading, text
STORED = "hant"  # the edition whose text the files hold
DERIVED = "hans"  # the edition shown as the browser's conversion of it (conv.js), where that gives it exactly


def text_data(pages: dict[str, Page], j: int) -> list[object]:
    """Section j of one page (both editions) as its text file holds it: the 繁體 edition's fields, the title null where
    it is the heading in both editions (the top of a page: said once, not twice); then, only where converting a field
    as the browser does (browser_t2s) does not give the 简体 edition's exactly, a sixth element: the 简体 fields, null
    where the conversion gives them. An excerpt is quoted text: it never shows a character the page does not have.
    (Both editions' texts, one file each, were twice the bytes: about 13 kB an article each.)"""
    stored, derived = ([p.slug, p.title, p.sections[j].anchor, p.sections[j].heading, p.sections[j].text]
                       for p in (pages[STORED], pages[DERIVED]))
    fix: list[str | None] = [None if browser_t2s(a) == b else b for a, b in zip(stored, derived, strict=True)]
    data: list[object] = list(stored)
    if stored[1] == stored[3] and derived[1] == derived[3]:
        data[1] = fix[1] = None
    data[4] = packed(stored[4])  # the text deflated (packed()); the fields that list a result stay plain
    if all(f is None for f in fix):
        return data
    return [*data, [*fix[:4], None if fix[4] is None else packed(fix[4])]]


def shown(data: list[object], edition: str) -> TextFields:
    """A text file's section as `edition` shows it (text_data() read back; search-engine.js's section() does the same)."""
    fields = [None if f is None else str(unpacked(f)) for f in data[:5]]
    if edition == DERIVED:
        fix = [unpacked(f) for f in cast(list[object], data[5])] if len(data) > 5 else [None] * 5
        fields = [f if f is None else browser_t2s(f) if g is None else str(g) for f, g in zip(fields, fix, strict=True)]
    elif edition != STORED:
        raise ValueError(f"search index: no edition {edition!r}")
    slug, title, anchor, heading, text = fields
    return str(slug), str(heading if title is None else title), str(anchor), str(heading), str(text)


def check_editions(editions: dict[str, list[Page]]) -> None:
    if set(editions) != {STORED, DERIVED}:
        raise ValueError(f"search index: the editions must be {STORED} and {DERIVED}")
    lists = list(editions.values())
    for other in lists[1:]:
        if [(p.slug, len(p.sections)) for p in other] != [(p.slug, len(p.sections)) for p in lists[0]]:  # anchors may differ
            raise ValueError("search index: the editions must have the same pages and sections")


def text_files(editions: dict[str, list[Page]], first: int = 0) -> dict[str, str]:
    """Each section's text, both editions in one file (t/<page>/<j>.js, with its page's slug and title; text_data()),
    the page by its number in index order (the pages given are numbered from `first`): search.js names the files of
    the results from the postings alone. Adding an article leaves the texts of the pages before it alone (the same
    bytes at the same path); those after it move up a number."""
    check_editions(editions)
    files = {}
    for k, page in enumerate(editions[STORED], first):
        both = {e: editions[e][k - first] for e in editions}
        for j in range(len(page.sections)):
            files[f"t/{k}/{j}.js"] = script("t", f"{k}/{j}", text_data(both, j))
    return files


def index_pages(search: Path, edition: str) -> Iterator[tuple[str, str, list[tuple[str, str, str]]]]:
    """Every page back from the text files of the index in `search`, in index order, as `edition` shows it: slug,
    title, sections (anchor, heading, text)."""
    for k in itertools.count():
        folder = search / "t" / str(k)
        if not folder.is_dir():
            return
        data = [shown(read_script(folder / f"{j}.js"), edition) for j in range(len(list(folder.glob("*.js"))))]  # type: ignore[arg-type]
        yield data[0][0], data[0][1], [(anchor, heading, text) for _, _, anchor, heading, text in data]


def read_page(search: Path, edition: str, slug: str) -> tuple[str, list[tuple[str, str, str]]]:
    """One page's title and sections (anchor, heading, text) back from the text files of the index in `search`."""
    return next((title, sections) for s, title, sections in index_pages(search, edition) if s == slug)


def shard_files(pages: list[tuple[str, int]], keyed: list[list[SectionKeys]], shard_bytes: int = SHARD_BYTES) -> tuple[dict[str, str], dict[str, int]]:
    """The postings of every page (slug and section count, in index order; each page's page_keys()) as the shards,
    meta.js and conv.js; and sizes for the build log and the benchmark. This is the one step
    whose work grows with the collection on every rebuild: the site build runs it beside MkDocs
    (scripts/build_index.py). `shard_bytes`: raw postings a shard holds at most (small in the test vectors, for
    several shards)."""
    if [len(k) for k in keyed] != [n for _, n in pages]:
        raise ValueError("search index: the keys do not match the pages' sections")
    coded = {k: encode(v) for k, v in postings(keyed).items()}
    total = sum(len(k.encode()) + len(v) + 6 for k, v in coded.items())
    shards = 1
    while total / shards > shard_bytes:
        shards *= 2
    buckets: list[dict[str, str]] = [{} for _ in range(shards)]
    for key in sorted(coded):
        buckets[fnv1a(key) % shards][key] = coded[key]
    files: dict[str, str] = {f"s/{k}.js": script("s", k, bucket) for k, bucket in enumerate(buckets)}
    files["meta.js"] = script("meta", 0, {"shards": shards, "sections": encode(n for _, n in pages)})
    files["conv.js"] = script("conv", 0, conv_data())
    return files, {"pages": len(pages), "sections": sum(n for _, n in pages), "keys": len(coded), "shards": shards}


def index_files(editions: dict[str, list[Page]], keyed: list[list[SectionKeys]] | None = None,
                shard_bytes: int = SHARD_BYTES) -> tuple[dict[str, str], dict[str, int]]:
    """The whole index of the pages (one list per edition, same pages and sections in the same order) as files: path
    under search/ -> content; and sizes. `keyed`: each page's page_keys(), if the caller has them; computed here
    otherwise."""
    first = list(editions.values())[0]
    texts = text_files(editions)
    if keyed is None:
        keyed = [page_keys([edition[i] for edition in editions.values()]) for i in range(len(first))]
    shards, sizes = shard_files([(p.slug, len(p.sections)) for p in first], keyed, shard_bytes)
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
