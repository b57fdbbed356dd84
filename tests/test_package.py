"""The offline zip (scripts/package.py write_zip): a rebuild copies unchanged entries from the previous zip and
must give the bytes a fresh build gives; every entry reads back with zipfile."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from scripts.package import ZIP_ROOT, file_link, readme, write_zip, write_zip_plain


def bundle(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


def fresh(site: Path, dest: Path) -> bytes:
    write_zip(site, dest, {})
    return dest.read_bytes()


FILES = {"index.html": "<p>首页</p>" * 50, "a/index.html": "<p>甲</p>" * 80, "search/s/0.js": "__zhsearch('s',0,{});",
         "zh-Hant/a/index.html": "<p>甲（繁）</p>" * 80}


def test_a_rebuild_copies_unchanged_entries_and_equals_a_fresh_zip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764028800")
    site = bundle(tmp_path / "site", FILES)
    dest, state = tmp_path / "out.zip", {}
    write_zip(site, dest, state)
    assert dest.read_bytes() == fresh(site, tmp_path / "fresh.zip")
    (site / "a" / "index.html").write_text("<p>乙</p>" * 90, encoding="utf-8")  # changed
    (site / "b.txt").write_text("新", encoding="utf-8")  # added
    (site / "search" / "s" / "0.js").unlink()  # removed
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764115200")  # a new commit: copied entries take the new time too
    write_zip(site, dest, state)
    assert dest.read_bytes() == fresh(site, tmp_path / "fresh.zip")
    with zipfile.ZipFile(dest) as z:
        assert z.testzip() is None
        assert z.read(f"{ZIP_ROOT}/a/index.html").decode() == "<p>乙</p>" * 90
        assert z.read(f"{ZIP_ROOT}/zh-Hant/a/index.html").decode() == FILES["zh-Hant/a/index.html"]
        assert f"{ZIP_ROOT}/search/s/0.js" not in z.namelist() and z.getinfo(f"{ZIP_ROOT}/b.txt").date_time[:3] == (2025, 11, 26)


def test_a_zip_the_state_does_not_describe_is_not_copied_from(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764028800")
    site = bundle(tmp_path / "site", FILES)
    dest, state = tmp_path / "out.zip", {}
    write_zip(site, dest, state)
    dest.write_bytes(b"not a zip any more")  # replaced behind the build's back
    write_zip(site, dest, state)
    assert dest.read_bytes() == fresh(site, tmp_path / "fresh.zip")


@pytest.mark.parametrize(("url", "want"), [("../..", "../../index.html"), ("../../..#s1", "../../../index.html#s1"),
                                           ("..", "../index.html"), ("./", "index.html"), ("a/", "a/index.html"),
                                           ("#s1", "#s1"), ("a.js", "a.js"), ("https://x.org/", "https://x.org/")])
def test_offline_links_name_files(url: str, want: str) -> None:
    assert file_link(url) == want  # `../..` once stayed a directory: from disk, a file listing


def test_the_packaging_writes_only_its_own_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 20: no step edits another step's output. The packaging once wrote the zip's size into the home pages
    MkDocs had rendered; now it adds its own files to the site (downloads/, the pipeline's files linked in) and
    leaves every file MkDocs wrote as it was: same bytes, same inode, same time, twice over (a rebuild too)."""
    import scripts.package as package

    home = ('<!doctype html><html lang="{lang}"><head></head><body><div class="downloads"><p><strong>下载</strong></p>'
            '<ul><li><a href="{up}downloads/zh-policy-reader-offline.zip" download>整站离线版</a></li></ul></div>'
            '<a href="{up}a/">甲</a></body></html>')
    site = bundle(tmp_path / "site", {"index.html": home.format(lang="zh-Hans", up=""), "a/index.html": "<p>甲</p>",
                                      "zh-Hant/index.html": home.format(lang="zh-Hant", up="../"), "assets/r.css": "p{}"})
    extra = bundle(tmp_path / "build" / "site-extra", {"raw/a.txt": "原文"})
    shards = bundle(tmp_path / "build" / "site-search", {"search/meta.js": "__zhsearch('m',{});"})
    manifest = bundle(tmp_path / "build", {"articles.json": "[]\n"}) / "articles.json"
    for name, value in {"SITE": site, "OFFLINE": tmp_path / "build" / "offline" / "site", "DOWNLOADS": tmp_path / "build" / "downloads",
                        "STATE": tmp_path / "build" / "package-state.json", "EXTRA": extra, "SHARDS": shards,
                        "MANIFEST": manifest, "OLD_ZIPCACHE": tmp_path / "build" / "zipcache"}.items():
        monkeypatch.setattr(package, name, value)
    monkeypatch.delenv("OFFLINE_ZIP_URL", raising=False)

    def files() -> dict[str, tuple[int, int, bytes]]:
        return {p.relative_to(site).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns, p.read_bytes())
                for p in site.rglob("*") if p.is_file()}

    rendered = files()
    for _ in range(2):
        assert package.main() == 0
        after = files()
        assert {rel: after[rel] for rel in rendered} == rendered
        assert sorted(set(after) - set(rendered)) == ["downloads/zh-policy-reader-offline.zip", "raw/a.txt", "search/meta.js"]
    offline = (tmp_path / "build" / "offline" / "site" / "index.html").read_text(encoding="utf-8")
    assert 'href="a/index.html"' in offline and "downloads/" not in offline  # its own copy, derived
    (extra / "raw" / "a.txt").unlink()  # the pipeline no longer writes raw/ (RAW_URL): gone from the site, folder and all
    (extra / "raw").rmdir()
    assert package.main() == 0
    assert not (site / "raw").exists() and not (tmp_path / "build" / "offline" / "site" / "raw").exists()


def test_a_zip_of_65535_files_or_more_is_written_one_file_at_a_time(tmp_path: Path) -> None:
    """Beyond the classic zip's 65,535 entries (a collection of some 10,000 articles) the bundle is a zip64 written by
    zipfile; it held every file's bytes at once (2.3 GB at N = 10,000). Each file is now read as it is written."""
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    for i in range(3):
        (site / "a" / f"{i}.html").write_text(f"<p>第 {i} 页</p>", encoding="utf-8")
    dest = tmp_path / "bundle.zip"
    state = {"zipfile": "stale"}
    write_zip_plain(site, dest, state)
    with zipfile.ZipFile(dest) as z:
        assert z.read(f"{ZIP_ROOT}/README.txt").decode() == readme()
        assert [z.read(f"{ZIP_ROOT}/a/{i}.html").decode() for i in range(3)] == [f"<p>第 {i} 页</p>" for i in range(3)]
    assert "zipfile" not in state  # not a zip the incremental writer can copy entries from
