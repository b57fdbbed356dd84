"""Every internal link and #fragment of every built page resolves: the site and the offline bundle.
Also: two clean builds of the same sources are byte-identical."""

from __future__ import annotations

import hashlib
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from scripts.fresh_copy import fresh_copy

from .conftest import run


class Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.refs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for k, v in attrs:
            if k in ("id", "name") and v and (k == "id" or tag == "a"):
                self.ids.add(v)
            if v and ((k == "href" and tag in ("a", "link")) or (k == "src" and tag in ("script", "img", "iframe"))):
                self.refs.append(v)


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def target_file(root: Path, page: Path, path: str) -> Path:
    if path.startswith("/"):  # root-relative: as a server at the site root resolves it (404.html uses these)
        target = (root / unquote(path).lstrip("/")).resolve()
    else:
        target = (page.parent / unquote(path)).resolve() if path else page
    if target.is_dir():
        target = target / "index.html"
    return target


def broken_links(root: Path) -> list[str]:
    pages = {p.resolve(): parse(p) for p in root.rglob("*.html")}
    broken = []
    for path, page in pages.items():
        for ref in page.refs:
            parts = urlsplit(ref)
            if parts.scheme or ref.startswith("//"):
                continue  # links out of the site (the publisher's page) are not ours to check
            if parts.path.startswith("/") and path.name != "404.html":
                broken.append(f"{path.relative_to(root.resolve())}: {ref} (root-relative: breaks on a project site and from disk)")
                continue
            target = target_file(root.resolve(), path, parts.path)
            if not target.exists() or root.resolve() not in target.parents:
                broken.append(f"{path.relative_to(root.resolve())}: {ref} (no such file)")
                continue
            if parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else parse(target).ids
                if unquote(parts.fragment) not in ids:
                    broken.append(f"{path.relative_to(root.resolve())}: {ref} (no such anchor)")
    return broken


@pytest.mark.parametrize("which", ["site", "offline"])
def test_every_internal_link_and_anchor_resolves(site: Path, which: str) -> None:
    root = site if which == "site" else site.parent / "build" / "offline" / "site"
    pages = list(root.rglob("*.html"))
    assert len(pages) >= 13
    broken = broken_links(root)
    assert not broken, "\n".join(broken[:30])


def test_link_checker_catches_a_broken_anchor(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text('<a href="b.html#x">x</a><a href="#here" id="here">h</a><a href="c.html">c</a>')
    (tmp_path / "b.html").write_text('<p id="y">y</p>')
    assert broken_links(tmp_path) == ["a.html: b.html#x (no such anchor)", "a.html: c.html (no such file)"]


def digest_tree(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(root.rglob("*")) if p.is_file()}


def test_two_clean_builds_are_byte_identical(site: Path, tmp_path: Path) -> None:
    fresh_copy(tmp_path)
    run([sys.executable, "-m", "scripts.build_site"], tmp_path)
    first, second = digest_tree(site), digest_tree(tmp_path / "site")
    differ = sorted(k for k in first.keys() | second.keys() if first.get(k) != second.get(k))
    assert not differ, f"files differ between two builds: {differ[:20]}"
