"""Everything made from the one MkDocs build (site/), incrementally: only pages that changed since the last run
are redone (their content hashes are kept in build/package-state.json).

1. the offline bundle (build/offline/site): a copy of site/ whose directory links (`slug/`) point at files
   (`slug/index.html`), as the offline plugin would make them, and the search box told so (data-dirs="index":
   search.js then links results to slug/index.html), so it browses and searches from file://; then its zip;
0. first the pipeline's files that are not pages (build/site-extra: exports, raw files, search texts, feeds,
   sitemap.xml; build/site-search: the index's shards) linked into site/, beside what MkDocs made of the pages;
2. the downloads (the zip) copied into site/downloads/, unless the zip is published elsewhere (OFFLINE_ZIP_URL).
The single-file articles are made in the reader's browser when asked (overrides/assets/reader.js, issue 21): written
here, beside the pages, they were a second copy of every article. This step writes only its own files (the paths:
pipeline/core/layout.py) and adds files to site/; it never opens one of MkDocs' pages for writing (it once wrote the
zip's size into the home pages: the home pages now name the zip without a size, overrides/hooks/downloads.py).

    python -m scripts.package
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import shutil
import struct
import sys
import time
import zipfile
import zlib
from html import escape
from html.parser import HTMLParser
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit, urlunsplit

from pipeline.core.files import link_or_copy, one_line, remove, replace, tree
from pipeline.core.files import written as naming_failures
from pipeline.core.layout import (
    DOWNLOADS,
    DOWNLOADS_DIR,
    EXTRA,
    LOCALES,
    MANIFEST,
    OFFLINE,
    OLD_ZIPCACHE,
    SHARDS,
    ZIP_NAME,
    ZIP_ROOT,
    offline_zip_url,
    site_dir,
)
from pipeline.core.layout import PACKAGE_STATE as STATE
from pipeline.document.words import Lazy, words

SITE = site_dir()  # scripts/build_site.py builds into a staged copy, then swaps it in
# Source maps serve developers; the sitemap needs a site URL, robots.txt a host; 404.html and _headers (overrides/_headers)
# serve a web server; the downloads would put the zip inside itself. None is any use on disk.
SKIP_SUFFIXES = (".map", "sitemap.xml", "sitemap.xml.gz", "robots.txt", "404.html", "_headers")
SKIP_DIRS = (DOWNLOADS_DIR,)
OFFLINE_NOTE = Lazy(lambda: {LOCALES[s]: str(words(s)["offline"]["note"]) for s in LOCALES})  # corpus/data/words/


def readme() -> str:
    """The zip's README.txt, in both editions' words."""
    hans, hant = words("hans"), words("hant")
    return (f"{hans['labels']['site']} · {hans['offline']['title']} / {hant['labels']['site']} · {hant['offline']['title']}\n\n"
            f"{hans['offline']['readme']}\n")


def build_time() -> tuple[int, int, int, int, int, int]:
    """Zip entry time from SOURCE_DATE_EPOCH (set from the commit by build_site), so builds are byte-identical."""
    epoch = max(int(os.environ.get("SOURCE_DATE_EPOCH", "315532800")), 315532800)  # zip cannot go before 1980
    return time.gmtime(epoch)[:6]


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def stamp(st: os.stat_result) -> str:
    """Size and modification time: a file whose stamp is as recorded is not read again (as make and rsync judge)."""
    return f"{st.st_size}:{st.st_mtime_ns}"


# offline bundle ----------------------------------------------------------------------------------

def file_link(url: str) -> str:
    """A relative directory link as a file link: `a/` -> `a/index.html`, `..` -> `../index.html`,
    `../..` -> `../../index.html`; others unchanged."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith(("#", "/")) or not url:
        return url
    path = parts.path
    if path in ("", ".") and (parts.fragment or parts.query):
        return url  # same page
    # a path whose last segment is `.` or `..` names a directory as surely as a trailing slash (MkDocs writes
    # `../..` for the home page two levels down): from disk a directory opens as a file listing
    if path.rsplit("/", 1)[-1] in (".", "..") or path.endswith("/"):
        path = path.rstrip("/") + "/index.html" if path not in ("", ".") else "index.html"
        if path.startswith("./"):
            path = path[2:]
        return urlunsplit(("", "", path, parts.query, parts.fragment))
    return url


class _Links(HTMLParser):
    """Where a page's link attributes and its downloads block are, as (start, end, replacement) edits:
    the page is spliced, not re-serialised, so everything else stays byte for byte as MkDocs wrote it."""

    URL_ATTRS = ("href", "src")

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.html = html
        self.starts = [0]
        for line in html.splitlines(keepends=True):
            self.starts.append(self.starts[-1] + len(line))
        self.edits: list[tuple[int, int, str]] = []
        self.lang = "zh-Hans"
        self._downloads: tuple[int, int] | None = None  # (start offset, div depth)
        self._depth = 0

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.starts[line - 1] + col

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        at = self._offset()
        text = self.get_starttag_text() or ""
        if tag == "html":
            self.lang = dict(attrs).get("lang") or self.lang
        if tag == "div":
            self._depth += 1
            if self._downloads is None and "downloads" in (dict(attrs).get("class") or "").split():
                self._downloads = (at, self._depth)
        if tag == "link" and (dict(attrs).get("rel") or "").split() == ["alternate"]:
            # the page's editions and feed for crawlers and feed readers (online URLs): nothing for a copy on disk
            self.edits.append((at, at + len(text), ""))
            return
        new = text
        for name, value in attrs:
            if name in self.URL_ATTRS and value and (changed := file_link(value)) != value:
                new = _replace_attr(new, name, value, changed)
            elif name == "data-dirs" and value == "1" and dict(attrs).get("id") == "zh-search":
                new = _replace_attr(new, name, value, "index")  # search results: directory URLs as files, as file_link() makes them
        if new != text:
            self.edits.append((at, at + len(text), new))

    def handle_endtag(self, tag: str) -> None:
        if tag == "div":
            if self._downloads and self._downloads[1] == self._depth:
                start = self._downloads[0]
                end = self.html.index(">", self._offset()) + 1
                note = OFFLINE_NOTE.get(self.lang, OFFLINE_NOTE["zh-Hans"])
                self.edits = [e for e in self.edits if e[0] < start]  # links inside the block go with it
                self.edits.append((start, end, f'<p class="downloads">{note}</p>'))
                self._downloads = None
            self._depth -= 1


def _replace_attr(tag_text: str, name: str, old: str, new: str) -> str:
    """Swap one attribute's value in a start tag as written (MkDocs quotes with " and escapes &)."""
    for written in (escape(old, quote=True), old.replace("&", "&amp;"), old):
        for q in ('"', "'"):
            needle = f"{name}={q}{written}{q}"
            if needle in tag_text:
                return tag_text.replace(needle, f"{name}={q}{escape(new, quote=True)}{q}", 1)
    if f"{name}={old}" in tag_text:  # unquoted
        return tag_text.replace(f"{name}={old}", f'{name}="{escape(new, quote=True)}"', 1)
    raise SystemExit(f"error: cannot rewrite {name}={old!r} in {tag_text!r}")


def offline_page(html: str) -> str:
    parser = _Links(html)
    parser.feed(html)
    parser.close()
    out, last = [], 0
    for start, end, text in sorted(parser.edits):
        out += [html[last:start], text]
        last = end
    return "".join(out) + html[last:]


def derive_offline(state: dict[str, str]) -> None:
    """state: "stamp digest" of each site file as last derived; a file with the same stamp is not read again."""
    seen = set()
    for rel, st in tree(SITE):
        if rel.startswith(SKIP_DIRS) or rel.endswith(SKIP_SUFFIXES):
            continue
        seen.add(rel)
        key, target, path = f"offline:{rel}", OFFLINE / rel, SITE / rel
        known = state.get(key, "").split(" ")
        if known[0] == stamp(st) and target.exists():
            continue
        data = path.read_bytes()
        state[key] = f"{stamp(st)} {digest(data)}"
        if known[-1] == digest(data) and target.exists():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if rel.endswith(".html"):
            replace(target, offline_page(data.decode("utf-8")))
        else:  # the search index (search/) is script files already, with slugs, not URLs: it loads from disk as is
            shutil.copyfile(path, target)
    for rel, _ in tree(OFFLINE):
        if rel not in seen:
            remove(OFFLINE, rel)
            state.pop(f"offline:{rel}", None)


def write_zip(site: Path, dest: Path, state: dict[str, str]) -> None:
    """The offline bundle as one zip, incrementally: an entry whose content is what the previous zip holds (state:
    "stamp digest" per file, as last zipped) is copied from it byte for byte, found through its central directory;
    only new or changed files are read and compressed. (Compressing the whole bundle was most of a rebuild's time at
    N = 1,000; reading 20,000 cached streams was still most of a second.) Written with the zip format's own records
    (PKWARE APPNOTE 4.3), as zipfile cannot copy an entry without decompressing it."""
    files: list[tuple[str, str | None, os.stat_result | None]] = [("README.txt", None, None)]
    files += [(rel, rel, st) for rel, st in tree(site)]
    if len(files) >= 0xFFFF:  # beyond the classic format's limits: zip64, which zipfile writes
        return write_zip_plain(site, dest, state)
    when = _dos_time()
    old = _previous_entries(dest, state)
    central: list[bytes] = []
    tmp = dest.with_name(f".{dest.name}.tmp")
    with tmp.open("wb") as out, dest.open("rb") if old else open(os.devnull, "rb") as previous:
        for entry, rel, st in files:
            name = f"{ZIP_ROOT}/{entry}"
            encoded, info = name.encode("utf-8"), old.get(name)
            data, same = _read_if_changed(site, rel, st, state)
            offset = out.tell()
            if same and info is not None and rel is not None:
                record, sizes = _copied(previous, info, encoded, when)
            else:
                record, sizes = _compressed(encoded, data if data is not None else (site / rel).read_bytes(), when)  # type: ignore[operator]
            out.write(record)
            if out.tell() >= 0xFFFFFFFF:
                break
            central.append(struct.pack("<IHHHH", 0x02014B50, (3 << 8) | 20, 20, 0x0800, 8) + when + sizes
                           + struct.pack("<HHHII", 0, 0, 0, 0o100644 << 16, offset) + encoded)  # made on Unix: mode 644
        else:
            start = out.tell()
            directory = b"".join(central)
            out.write(directory + struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(central), len(central), len(directory), start, 0))
    if len(central) < len(files):  # over 4 GB: zip64
        tmp.unlink()
        return write_zip_plain(site, dest, state)
    os.replace(tmp, dest)
    state["zipfile"] = stamp(dest.stat())
    present = {f"zip:{rel}" for _, rel, _ in files}
    for key in [k for k in state if k.startswith("zip:") and k not in present]:
        del state[key]
    shutil.rmtree(OLD_ZIPCACHE, ignore_errors=True)  # where earlier builds kept each file's stream


def _dos_time() -> bytes:
    """The build's time as a zip entry holds it (MS-DOS time, then date)."""
    year, month, day, hour, minute, second = build_time()
    return struct.pack("<HH", (hour << 11) | (minute << 5) | (second // 2), ((year - 1980) << 9) | (month << 5) | day)


def _previous_entries(dest: Path, state: dict[str, str]) -> dict[str, zipfile.ZipInfo]:
    """The previous zip's entries by name, if it is the zip `state` describes; else none (nothing is copied)."""
    if not (dest.is_file() and state.get("zipfile") == stamp(dest.stat())):
        return {}
    with zipfile.ZipFile(dest) as z:
        return {info.filename: info for info in z.infolist()}


def _read_if_changed(site: Path, rel: str | None, st: os.stat_result | None, state: dict[str, str]) -> tuple[bytes | None, bool]:
    """An entry's bytes if its stamp is not as last zipped (README.txt, rel None: always), and whether they are what the
    previous zip holds; the state records the file's new stamp and digest."""
    known = state.get(f"zip:{rel}", "").split(" ")
    if rel is not None and known[0] == stamp(st):  # type: ignore[arg-type]
        return None, True
    data = readme().encode() if rel is None else (site / rel).read_bytes()
    if rel is not None:
        state[f"zip:{rel}"] = f"{stamp(st)} {digest(data)}"  # type: ignore[arg-type]
    return data, known[-1] == digest(data)


def _copied(previous: BinaryIO, info: zipfile.ZipInfo, encoded: bytes, when: bytes) -> tuple[bytes, bytes]:
    """An entry of the previous zip as it stands there (local header, name, extra field, compressed stream) with this
    build's time, as a full build writes it; and its central directory's sizes."""
    previous.seek(info.header_offset)
    header = previous.read(30)
    name_len, extra_len = struct.unpack("<HH", header[26:30])
    body = previous.read(name_len + extra_len + info.compress_size)
    return header[:10] + when + header[14:] + body, struct.pack("<IIIHH", info.CRC, info.compress_size, info.file_size, len(encoded), 0)


def _compressed(encoded: bytes, data: bytes, when: bytes) -> tuple[bytes, bytes]:
    """A new entry: local header, name and raw deflate stream (as zip stores it); and its central directory's sizes."""
    comp = zlib.compressobj(6, zlib.DEFLATED, -15)
    stream = comp.compress(data) + comp.flush()
    sizes = struct.pack("<IIIHH", zlib.crc32(data), len(stream), len(data), len(encoded), 0)
    header = struct.pack("<IHHH", 0x04034B50, 20, 0x0800, 8) + when  # version 2.0, UTF-8 names, deflate
    return header + sizes + encoded + stream, sizes


def write_zip_plain(site: Path, dest: Path, state: dict[str, str] | None = None) -> None:
    if state is not None:
        state.pop("zipfile", None)  # not one write_zip can copy from
    stamp = build_time()
    files = sorted(p for p in site.rglob("*") if p.is_file())
    tmp = dest.with_name(f".{dest.name}.tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6, allowZip64=True) as z:
        # One file in memory at a time: a collection of 65,535 files or more comes here, and holding them all took 2.3 GB
        # at N = 10,000.
        entries = itertools.chain([(f"{ZIP_ROOT}/README.txt", lambda: readme().encode())],
                                  ((f"{ZIP_ROOT}/{p.relative_to(site).as_posix()}", p.read_bytes) for p in files))
        for name, read in entries:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, read(), compresslevel=6)
    os.replace(tmp, dest)  # site/downloads/ links to it: never written into


def link_extra(state: dict[str, str]) -> None:
    """The pipeline's files that are not pages (EXTRA: exports, raw files, the reports' JSON, the pages' search texts,
    feeds, sitemap.xml; SHARDS: the search index's shards) into site/, as hard links: they are only ever replaced,
    never written into (core.files). A file linked by an earlier build and gone from both is removed."""
    linked: set[str] = set()
    for root in (EXTRA, SHARDS):
        for rel, st in tree(root):
            linked.add(rel)
            target = SITE / rel
            try:
                if os.path.samestat(st, target.stat()):
                    continue
                target.unlink()
            except FileNotFoundError:
                target.parent.mkdir(parents=True, exist_ok=True)
            link_or_copy(str(root / rel), str(target))
    for key in [k for k in state if k.startswith("linked:") and k[7:] not in linked]:
        if (SITE / key[7:]).exists():  # and the folders it leaves empty (raw/, once the reports link RAW_URL)
            remove(SITE, key[7:])
        del state[key]
    state.update({f"linked:{rel}": "" for rel in linked})


def copy_downloads(downloads: Path, target: Path) -> None:
    """build/downloads/ into site/downloads/. With OFFLINE_ZIP_URL (the CI build: pipeline/core/layout.py offline_zip_url) the zip is
    published as a release asset and the home pages link there: it stays out of the deployed site (GitHub Pages
    publishes 1 GB at most, and the zip is a second copy of the site)."""
    shutil.rmtree(target, ignore_errors=True)
    elsewhere = offline_zip_url()
    shutil.copytree(downloads, target, copy_function=link_or_copy, ignore=shutil.ignore_patterns(ZIP_NAME) if elsewhere else None)


def main() -> int:
    if not (SITE / "index.html").exists():
        print(f"error: {SITE} not built (run MkDocs first: scripts/build_site.py)", file=sys.stderr)
        return 1
    if not MANIFEST.exists():
        print(f"error: {MANIFEST} missing (run the pipeline first: scripts/build_corpus.py)", file=sys.stderr)
        return 1
    state: dict[str, str] = json.loads(STATE.read_text(encoding="utf-8")) if STATE.exists() else {}
    DOWNLOADS.mkdir(parents=True, exist_ok=True)
    for old in DOWNLOADS.glob("*.html"):  # single files an earlier build wrote (issue 21: now made when asked)
        old.unlink()
    for key in [k for k in state if k.startswith("single:")]:
        del state[key]
    link_extra(state)
    derive_offline(state)
    zip_path = DOWNLOADS / ZIP_NAME
    with naming_failures(zip_path, zip_path.with_name(f".{ZIP_NAME}.tmp")):  # a full disk names the zip, leaves no half of it
        write_zip(OFFLINE, zip_path, state)
    copy_downloads(DOWNLOADS, SITE / DOWNLOADS_DIR)
    replace(STATE, json.dumps(state, indent=0, sort_keys=True) + "\n")  # written whole or not at all (a full disk)
    print(f"downloads: {len(list(DOWNLOADS.iterdir()))} files, zip {zip_path.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(one_line(main))
