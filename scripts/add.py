"""Add a scraped page to the corpus: copy its bytes, draft its metadata from what the page states.

    python -m scripts.add [--slug SLUG] [--title TITLE] [--url URL] [--] FILE     (or: make add FILE=... SLUG=... TITLE=...)

Copies FILE byte for byte to corpus/raw/NNN_<sha256[:16]>.txt and writes corpus/articles/<slug>.yaml with
every value the page gives (title, authors and affiliations, date, venue, keywords, CLC, document code,
文章编号, DOI, funding, abstract; script detected; sha256). Each drafted value is listed under `extracted:`
with the raw line it came from, so a reviewer checks instead of types. The slug is the title's pinyin (short)
unless --slug is given. Refuses, with one line, a file already in the corpus (same sha256), an article already
there (same title) or anything the build would refuse (slug, date, URL, characters: the build's own checks run on
the draft); never overwrites anything, and a failed write leaves nothing behind. The next `make site` publishes it.
"""

from __future__ import annotations

import argparse
import errno
import hashlib
import os
import re
import sys
import tempfile
from pathlib import Path

import jieba
import yaml
from pypinyin import lazy_pinyin

from pipeline.core.changes import PipelineError
from pipeline.core.chars import HAN
from pipeline.core.convert import t2s
from pipeline.core.data import CORPUS
from pipeline.core.validate import bad_character, check_slug, check_url
from pipeline.document.article import Result, load_meta, process_bytes
from pipeline.document.model import Document
from pipeline.text.decode import decode_bytes

MAX_SLUG_WORDS, MAX_SLUG_CHARS = 4, 28
_KEEP = re.compile(f"[{HAN}0-9A-Za-z]")
_READING = re.compile(r"\([a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüê]{1,7}\)")  # 網(wǎng), 職業(yè): not part of the text


class Refused(Exception):
    pass


def normal(text: str) -> str:
    """Script, spacing, punctuation and reading annotations ignored: what makes two titles or lines the same."""
    return "".join(_KEEP.findall(_READING.sub("", t2s(text)))).lower()


def make_slug(title: str) -> str:
    """A few words of the title in pinyin: 政府治理数字化的时代课题探讨 -> zhengfu-zhili-shuzihua-de."""
    words: list[str] = []
    for word in jieba.lcut(t2s(title)):
        spelled = "".join(lazy_pinyin(word)).lower()
        spelled = re.sub(r"[^a-z0-9]", "", spelled)
        if spelled:
            words.append(spelled)
        if len(words) >= MAX_SLUG_WORDS or len("-".join(words)) >= MAX_SLUG_CHARS:
            break
    return "-".join(words) or "article"


def existing() -> list[tuple[Path, dict[str, object]]]:
    out = []
    for path in sorted((CORPUS / "articles").glob("*.yaml")):
        meta = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(meta, dict):
            out.append((path, meta))
    return out


def check_new(digest: str, title: str, file: str) -> None:
    for path, meta in existing():
        rel = path.relative_to(CORPUS.parent)
        if meta.get("sha256") == digest:
            raise Refused(f"{file}: already in the corpus: {rel} has the same sha256 {digest[:16]}…")
        if normal(str(meta.get("title", ""))) == normal(title):
            raise Refused(f"{file}: already in the corpus: {rel} has the same title {meta.get('title')!r}")
    for raw in sorted((CORPUS / "raw").glob("*")):
        if hashlib.sha256(raw.read_bytes()).hexdigest() == digest:
            raise Refused(f"{file}: already in the corpus: {raw.relative_to(CORPUS.parent)} has the same sha256 {digest[:16]}…")


def raw_name(digest: str) -> str:
    numbers = [int(m.group(1)) for p in (CORPUS / "raw").glob("*") if (m := re.match(r"^(\d+)_", p.name))]
    return f"{max(numbers, default=-1) + 1:03d}_{digest[:16]}.txt"


class Lines:
    """The raw file's lines, to say where each drafted value stands (the reviewer checks it there)."""

    def __init__(self, raw: str) -> None:
        self.lines = raw.split("\n")
        self.normal = [normal(line) for line in self.lines]

    def find(self, *needles: str, label: str = "") -> dict[str, object]:
        """The line holding most of the needles (a label such as 关键词 breaks ties), earliest first."""
        keys = {k for k in (normal(n)[:16] for n in needles) if k}
        mark = normal(label)
        best, where = 0.0, 0
        for number, line in enumerate(self.normal, start=1):
            hits = sum(k in line for k in keys)
            score = hits + (0.5 if hits and mark and mark in line else 0)
            if score > best:
                best, where = score, number
        if not where:
            return {"line": None, "text": "(not found verbatim on the page: check it against the whole page)"}
        text = self.lines[where - 1].strip()
        return {"line": where, "text": text if len(text) <= 120 else text[:119] + "…"}


def pieces(text: str) -> tuple[str, ...]:
    """Needles from a long value: its start, middle and end (a garbled stretch spoils only one)."""
    return (text[:16], text[16:32], text[-16:]) if len(text) > 16 else (text,)


def date_needles(date: str) -> list[str]:
    y, *rest = date.split("-")
    m = rest[0] if rest else ""
    return [date, date.replace("-", ""), f"{y}年{int(m)}月" if m else f"{y}年", f"{y}.{m}", f"{y}/{m}", y]


def funding_record(text: str) -> dict[str, str]:
    """基金项目 as written -> {funder, project_title, project_id}: 国家社会科学基金“题名”（21XGL005）."""
    record: dict[str, str] = {}
    rest = text.strip().rstrip("。；;")
    if m := re.search(r"[（(]\s*(?:项目编号|批准号|编号)?[：:]?\s*([A-Za-z0-9][A-Za-z0-9\-]{3,})\s*[)）]$", rest):
        record["project_id"] = m.group(1)
        rest = rest[: m.start()]
    elif m := re.search(r"\s*([0-9]{2}[A-Z]{1,4}[0-9]{3,}[A-Z0-9]*)$", rest):
        record["project_id"] = m.group(1)
        rest = rest[: m.start()]
    if m := re.search(r"[“「《](.+)[”」》]$", rest):
        record["project_title"] = m.group(1)
        rest = rest[: m.start()]
    return {"funder": rest.strip() or text.strip(), **record}


def summary_of(doc: Document) -> str:
    """The home page's one-paragraph summary, drafted from the abstract or else the opening paragraph."""
    source = doc.abstract or next((p.lead + p.text for p in doc.paragraphs() if len(p.lead + p.text) >= 10), "")
    source = re.sub(r"\[\d{1,3}\]", "", source)
    out = ""
    for sentence in re.findall(r"[^。！？]+[。！？]?", source):
        if out and len(out) + len(sentence) > 160:
            break
        out += sentence
    return re.sub(r"(?<=[^\x00-\x7f]) (?=[^\x00-\x7f])|(?<=[，、。；：（）“”]) ", "", out).strip()


def draft(result: Result, raw: str, digest: str, slug: str, raw_file: str, title: str, title_editorial: bool,
          url: str | None) -> tuple[dict[str, object], list[str], list[str]]:
    """The YAML's content, what was found and what was not."""
    doc, lines = result.hans, Lines(raw)
    found: list[str] = []
    missing: list[str] = []
    extracted: dict[str, object] = {}

    def note(key: str, present: bool, said: str, *needles: str, label: str = "") -> None:
        if present:
            found.append(said)
            extracted[key] = lines.find(*needles, label=label)
        else:
            missing.append(key)

    note("title", bool(doc.title), f"title {title!r}", *pieces(title))
    authors: list[object] = [{"name": a.name, "affiliation": a.affiliation} if a.affiliation else a.name for a in doc.authors]
    note("authors", bool(doc.authors), f"authors {'、'.join(a.name for a in doc.authors)}", *(a.name for a in doc.authors))
    if doc.authors and not any(a.affiliation for a in doc.authors):
        missing.append("affiliations")
    note("date", bool(doc.date), f"date {doc.date}", *date_needles(doc.date) if doc.date else ())
    venue = None
    if doc.venue and doc.venue.name:
        v = doc.venue
        venue = {"name": v.name, **{k: getattr(v, k) for k in ("year", "volume", "issue", "pages") if getattr(v, k)}}
        if "year" in venue and not re.fullmatch(r"\d{4}", str(venue["year"])):
            del venue["year"]
    note("venue", venue is not None, f"venue {' '.join(str(x) for x in (venue or {}).values())}", doc.venue.name if doc.venue else "")
    note("keywords", bool(doc.keywords), f"keywords {'；'.join(doc.keywords)}", *doc.keywords, label="关键词")
    note("abstract", bool(doc.abstract), f"abstract ({len(doc.abstract)} characters)", *pieces(doc.abstract), label="摘要")
    note("clc", bool(doc.clc), f"CLC {doc.clc}", doc.clc, label="分类号")
    doc_code = doc.doc_code if re.fullmatch(r"[A-Z]", doc.doc_code) else ""
    note("doc_code", bool(doc_code), f"document code {doc_code}", "文献标识码", "文献标志码", "标识码", doc.clc)
    note("article_no", bool(doc.article_no), f"article number {doc.article_no}", doc.article_no, label="文章编号")
    doi = doc.doi if re.fullmatch(r"10\.\d{4,9}/\S+", doc.doi) else ""
    note("doi", bool(doi), f"DOI {doi}", doi, label="doi")
    note("funding", bool(doc.funding), f"funding ({len(doc.funding)})", *(p for f in doc.funding for p in pieces(f)), label="基金")
    note("author_note", bool(doc.author_note), "author note", *pieces(doc.author_note))
    note("author_bio", bool(doc.author_bio), "author bio", *pieces(doc.author_bio), label="作者简介")
    note("editors", bool(doc.credits), f"editors ({len(doc.credits)})", *(c.name for c in doc.credits[:1]))
    summary = summary_of(doc) or title
    if len(summary) < 10:  # the schema wants a real summary: say plainly that one is still to be written
        summary += "（摘要待审校者补写）"
    extracted["summary"] = lines.find(*pieces(summary))
    meta: dict[str, object] = {
        "slug": slug, "raw": raw_file, "sha256": digest, "script": result.source_script,
        "title": title, "title_editorial": title_editorial, "authors": authors, "author_note": doc.author_note or None,
        "publisher": None, "column": None, "date": doc.date or None,
        "date_basis": "页面所载日期" if doc.date else None, "source_url": url,
        "clc": doc.clc or None, "doc_code": doc_code or None,
        "funding": [funding_record(f) for f in doc.funding],
        "editors": [{"role": c.role, "name": c.name} for c in doc.credits],
        "summary": summary, "venue": venue, "article_no": doc.article_no or None, "doi": doi or None,
        "keywords": list(doc.keywords), "abstract": doc.abstract or None, "author_bio": doc.author_bio or None,
        "extracted": extracted,
    }
    return meta, found, missing


HEADER = """\
# Drafted by `python -m scripts.add` from what the page itself states; not yet reviewed.
# Every value listed under `extracted:` was read off the raw line given there: check it against that line,
# correct it here if needed (this file wins over the page), then delete its entry. Unknown values stay null.
"""


def shown(file: Path) -> str:
    """The file's name for a message on one line: quoted when it holds a line break or another control."""
    return str(file) if str(file).isprintable() else ascii(str(file))


def taken_slugs() -> set[str]:
    """Slugs the build would refuse as a collision: every article's, and our own pages' names."""
    return {str(meta.get("slug", "")) for _, meta in existing()} | {p.stem for p in (CORPUS / "pages").glob("*.md")}


def choose_slug(title: str, taken: set[str]) -> str:
    base = make_slug(title)
    if check_slug(base):  # a site path such as `search`, or too long: the title's pinyin is only a default
        base = "article" if len(base) > 60 else f"{base}-article"
    return next(s for s in [base] + [f"{base}-{n}" for n in range(2, 1000)] if s not in taken and not (CORPUS / "articles" / f"{s}.yaml").exists())


OPTIONS = {"slug": "--slug", "source_url": "--url"}  # fields given on the command line rather than read off the page


def located(exc: PipelineError, file: str, meta: dict[str, object]) -> PipelineError:
    """The build's refusal of the draft, pointed where the value came from: the page's line it was read off, or the
    option that gave it (the YAML is not written yet, so its lines mean nothing to the user)."""
    field = exc.message.removeprefix("schema article: ").split(":", 1)[0].split("/", 1)[0]
    if field in OPTIONS or field == "title" and meta.get("title_editorial"):
        option = OPTIONS.get(field, "--title")
        return PipelineError(exc.message.replace(field, option, 1), file=file, text=exc.text or str(meta.get(field)))
    source = meta.get("extracted", {}).get(field) or {}  # type: ignore[union-attr]
    return PipelineError(exc.message, file=file, line=source.get("line") or 0, text=exc.text or source.get("text", ""))


def store(files: list[tuple[Path, bytes]]) -> None:
    """Write each file under a temporary name in its own folder, then link it into place (never over an existing
    file): on any failure, a full disk included, none of them is left, whole or in part."""
    temps: list[Path] = []
    placed: list[Path] = []
    path = files[0][0]
    try:
        for path, data in files:
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
            temps.append(Path(tmp))
            with os.fdopen(fd, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
        for (path, _), tmp in zip(files, temps, strict=True):
            place(tmp, path)
            placed.append(path)
    except BaseException as exc:
        for done in placed:
            done.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise PipelineError(f"cannot write: {exc.strerror or exc}; nothing was added", file=str(path.relative_to(CORPUS.parent))) from None
        raise
    finally:
        for tmp in temps:
            tmp.unlink(missing_ok=True)


def place(tmp: Path, path: Path) -> None:
    """A hard link fails if `path` exists, and a reader sees all of the file or nothing; a rename where the file
    system has no hard links (after checking, since a rename replaces)."""
    try:
        os.link(tmp, path)
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP) or path.exists():
            raise
        os.rename(tmp, path)


def add(file: Path, slug: str | None = None, title: str | None = None, url: str | None = None) -> tuple[Path, Path, list[str]]:
    """Add one page; returns the YAML and raw paths written and the lines to print."""
    name = shown(file)
    if slug is not None and (problem := check_slug(slug)):  # the build's own checks, before the slow pipeline
        raise PipelineError(f"--slug: {problem}", file=name, text=slug)
    if url is not None and (problem := check_url(url)):
        raise PipelineError(f"--url: {problem}", file=name, text=url)
    if title is not None and (problem := bad_character(title, single_line=True)):
        raise PipelineError(f"--title: {problem}", file=name, text=title)
    taken = taken_slugs()
    if slug is not None and (slug in taken or (CORPUS / "articles" / f"{slug}.yaml").exists()):
        raise Refused(f"{name}: --slug {slug!r} is already used by an article or a page: choose another")
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise Refused(f"{name}: cannot read: {exc.strerror}") from None
    digest = hashlib.sha256(data).hexdigest()
    check_new(digest, "\0never a title\0", name)  # same bytes: refuse before the (slow) pipeline runs
    result = process_bytes(data, name)
    page_title = result.hans.title
    if title and page_title and normal(title) != normal(page_title):
        raise Refused(f"{name}: the page's own title is {page_title!r}: --title is only for pages without one")
    raw_text, _ = decode_bytes(data, name)
    # Each refusal names a line of the page (the issue 22 rerun: these two named none): the title's, or the first line,
    # where a reader looks for one.
    if page_title and not result.hans.paragraphs():  # a title and nothing under it: the message was "no title" (issue 22)
        where = Lines(raw_text).find(*pieces(page_title))["line"]
        raise PipelineError(f"the page has a title ({page_title!r}) but no article text under it", file=name, line=where or 0)  # type: ignore[arg-type]
    title = page_title or (t2s(title) if title else "")
    if len(title) < 2:
        first = next(((n, line.strip()) for n, line in enumerate(raw_text.split("\n"), start=1) if line.strip()), (0, ""))
        raise PipelineError("no title recognised on the page: give one with --title (its first line)", file=name, line=first[0], text=first[1])
    check_new(digest, title, name)
    slug = slug or choose_slug(title, taken)
    raw_file = raw_name(digest)
    meta, found, missing = draft(result, raw_text, digest, slug, raw_file, title, not page_title, url)
    yaml_path, raw_path = CORPUS / "articles" / f"{slug}.yaml", CORPUS / "raw" / raw_file
    text = HEADER + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000)
    try:
        load_meta(yaml_path, text)  # exactly what `make site` will check, on what will be written
    except PipelineError as exc:
        raise located(exc, name, meta) from None
    store([(raw_path, data), (yaml_path, text.encode("utf-8"))])
    script = {"hans": "simplified", "hant": "traditional"}[result.source_script]
    report = [f"added {yaml_path.relative_to(CORPUS.parent)} and {raw_path.relative_to(CORPUS.parent)} ({script}, sha256 {digest})",
              "found: " + ("; ".join(found) or "nothing"),
              "not found: " + (", ".join(missing) or "nothing")]
    if result.hans.warnings:
        report.append("warnings (shown on the page): " + ", ".join(result.hans.warnings))
    report.append(f"next: check each value under `extracted:` in {yaml_path.name} against its line, then `make site`")
    return yaml_path, raw_path, report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.add", description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path, nargs="?", help="the scraped page (after `--` if its name starts with -)")
    parser.add_argument("--slug", help="the article's address (default: the title's pinyin, shortened)")
    parser.add_argument("--title", help="an editorial title, for a page that has none")
    parser.add_argument("--url", help="the address the page was scraped from (source_url)")
    parser.add_argument("--from-env", action="store_true",
                        help="take FILE, --slug and --title from ADD_FILE, ADD_SLUG, ADD_TITLE (make add: names stay data)")
    args = parser.parse_args(argv)
    if args.from_env:
        args.file = Path(os.environ["ADD_FILE"]) if os.environ.get("ADD_FILE") else None
        args.slug = os.environ.get("ADD_SLUG") or None
        args.title = os.environ.get("ADD_TITLE") or None
    if args.file is None:
        print("error: give the page: make add FILE=path/to/page.txt [SLUG=short-name] [TITLE=题名]", file=sys.stderr)
        return 1
    try:
        _, _, report = add(args.file, args.slug, args.title, args.url)
    except (Refused, PipelineError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:  # reading the corpus, say; a failed write is a PipelineError (store)
        print(f"error: {exc.filename or shown(args.file)}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print("\n".join(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
