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
from pipeline.core.convert import t2s
from pipeline.core.layout import CORPUS
from pipeline.core.validate import bad_character, check_slug, check_url
from pipeline.document.article import Result, load_meta, process_bytes
from pipeline.text.decode import decode_bytes
from scripts.add_draft import Lines, draft, normal, pieces
from scripts.add_draft import funding_record as funding_record  # tests import it from here

MAX_SLUG_WORDS, MAX_SLUG_CHARS = 4, 28
class Refused(Exception):
    pass


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


def _check_options(name: str, slug: str | None, title: str | None, url: str | None) -> None:
    """The build's own checks on what the command line gives, before the slow pipeline."""
    if slug is not None and (problem := check_slug(slug)):
        raise PipelineError(f"--slug: {problem}", file=name, text=slug)
    if url is not None and (problem := check_url(url)):
        raise PipelineError(f"--url: {problem}", file=name, text=url)
    if title is not None and (problem := bad_character(title, single_line=True)):
        raise PipelineError(f"--title: {problem}", file=name, text=title)


def _read(file: Path, name: str) -> bytes:
    try:
        return file.read_bytes()
    except OSError as exc:
        raise Refused(f"{name}: cannot read: {exc.strerror}") from None


def _title(result: Result, raw_text: str, title: str | None, name: str) -> str:
    """The page's own title, or else the editorial one given. Each refusal names a line of the page (the issue 22
    rerun: these two named none): the title's, or the first line, where a reader looks for one."""
    page_title = result.hans.title
    if page_title and not result.hans.paragraphs():  # a title and nothing under it: the message was "no title" (issue 22)
        where = Lines(raw_text).find(*pieces(page_title))["line"]
        raise PipelineError(f"the page has a title ({page_title!r}) but no article text under it", file=name, line=where or 0)  # type: ignore[arg-type]
    title = page_title or (t2s(title) if title else "")
    if len(title) < 2:
        first = next(((n, line.strip()) for n, line in enumerate(raw_text.split("\n"), start=1) if line.strip()), (0, ""))
        raise PipelineError("no title recognised on the page: give one with --title (its first line)", file=name, line=first[0], text=first[1])
    return title


def _report(result: Result, yaml_path: Path, raw_path: Path, digest: str, found: list[str], missing: list[str]) -> list[str]:
    script = {"hans": "simplified", "hant": "traditional"}[result.source_script]
    report = [f"added {yaml_path.relative_to(CORPUS.parent)} and {raw_path.relative_to(CORPUS.parent)} ({script}, sha256 {digest})",
              "found: " + ("; ".join(found) or "nothing"),
              "not found: " + (", ".join(missing) or "nothing")]
    if result.hans.warnings:
        report.append("warnings (shown on the page): " + ", ".join(result.hans.warnings))
    report.append(f"next: check each value under `extracted:` in {yaml_path.name} against its line, then `make site`")
    return report


def add(file: Path, slug: str | None = None, title: str | None = None, url: str | None = None) -> tuple[Path, Path, list[str]]:
    """Add one page; returns the YAML and raw paths written and the lines to print."""
    name = shown(file)
    _check_options(name, slug, title, url)
    taken = taken_slugs()
    if slug is not None and (slug in taken or (CORPUS / "articles" / f"{slug}.yaml").exists()):
        raise Refused(f"{name}: --slug {slug!r} is already used by an article or a page: choose another")
    data = _read(file, name)
    digest = hashlib.sha256(data).hexdigest()
    check_new(digest, "\0never a title\0", name)  # same bytes: refuse before the (slow) pipeline runs
    result = process_bytes(data, name)
    if title and result.hans.title and normal(title) != normal(result.hans.title):
        raise Refused(f"{name}: the page's own title is {result.hans.title!r}: --title is only for pages without one")
    raw_text, _ = decode_bytes(data, name)
    title_editorial = not result.hans.title
    title = _title(result, raw_text, title, name)
    check_new(digest, title, name)
    slug = slug or choose_slug(title, taken)
    raw_file = raw_name(digest)
    meta, found, missing = draft(result, raw_text, digest, slug, raw_file, title, title_editorial, url)
    yaml_path, raw_path = CORPUS / "articles" / f"{slug}.yaml", CORPUS / "raw" / raw_file
    text = HEADER + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000)
    try:
        load_meta(yaml_path, text)  # exactly what `make site` will check, on what will be written
    except PipelineError as exc:
        raise located(exc, name, meta) from None
    store([(raw_path, data), (yaml_path, text.encode("utf-8"))])
    return yaml_path, raw_path, _report(result, yaml_path, raw_path, digest, found, missing)


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
