"""The deployed site fits GitHub Pages (issue 21): the CI build checks its size before uploading it, and the offline
zip, a second copy of the whole site, is a release asset there rather than a Pages file."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from scripts.package import ZIP_NAME, copy_downloads
from scripts.site_size import by_folder, check, main

from .conftest import ROOT


def small_site(root: Path) -> Path:
    for rel, size in {"index.html": 100, "a-b/index.html": 3000, "zh-Hant/a-b/index.html": 3000, "raw/a.txt": 500,
                      "zh-Hant/reports/a-b/index.html": 800, "downloads/a-b.zh-Hans.html": 2000}.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(b"x" * size)
    return root


def test_size_by_folder_with_each_edition_apart(tmp_path: Path) -> None:
    sizes = by_folder(small_site(tmp_path))
    assert sizes == {"(top files)": 100, "*/index.html": 3000, "zh-Hant/*/index.html": 3000, "raw/": 500,
                     "zh-Hant/reports/": 800, "downloads/": 2000}


def test_over_the_limit_is_one_line_naming_the_largest_folders(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = small_site(tmp_path)
    assert check(site, 9400) is None and main([str(site), "--max-bytes", "9400"]) == 0
    assert main([str(site), "--max-bytes", "9000"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(f"error: {site} is ") and "*/index.html" in err and "downloads/" in err


def test_the_zip_stays_out_of_the_site_when_published_elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    downloads = tmp_path / "build"
    downloads.mkdir()
    for name in (ZIP_NAME, "a-b.zh-Hans.html"):
        (downloads / name).write_text(name)
    monkeypatch.delenv("OFFLINE_ZIP_URL", raising=False)
    copy_downloads(downloads, tmp_path / "site" / "downloads")  # make site: the zip beside the pages, as the tests read it
    assert sorted(p.name for p in (tmp_path / "site" / "downloads").iterdir()) == ["a-b.zh-Hans.html", ZIP_NAME]
    monkeypatch.setenv("OFFLINE_ZIP_URL", "https://github.com/o/r/releases/download/offline/" + ZIP_NAME)
    copy_downloads(downloads, tmp_path / "site" / "downloads")
    assert [p.name for p in (tmp_path / "site" / "downloads").iterdir()] == ["a-b.zh-Hans.html"]
    assert (downloads / ZIP_NAME).is_file()  # still made: the workflow uploads it


def test_the_home_page_links_the_published_zip(monkeypatch: pytest.MonkeyPatch) -> None:
    from overrides.hooks.downloads import _downloads_block

    monkeypatch.delenv("OFFLINE_ZIP_URL", raising=False)
    assert f'href="downloads/{ZIP_NAME}"' in _downloads_block("index", "", "zh-Hans")
    assert f'href="../downloads/{ZIP_NAME}"' in _downloads_block("index", "zh-Hant/", "zh-Hant")
    url = "https://github.com/o/r/releases/download/offline/" + ZIP_NAME
    monkeypatch.setenv("OFFLINE_ZIP_URL", url)
    block = _downloads_block("index", "zh-Hant/", "zh-Hant")
    assert f'href="{url}"' in block and "downloads/" not in block.replace(url, "")


def test_the_workflow_checks_the_size_before_uploading_and_publishes_the_zip_apart() -> None:
    jobs = yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8"))["jobs"]
    steps = jobs["build"]["steps"]
    build = next(s for s in steps if s.get("run") == "make site")
    assert build["env"]["OFFLINE_ZIP_URL"].endswith("/releases/download/offline/" + ZIP_NAME)
    check_at = next(i for i, s in enumerate(steps) if "scripts.site_size site" in s.get("run", ""))
    upload_at = next(i for i, s in enumerate(steps) if "upload-pages-artifact" in s.get("uses", ""))
    assert steps.index(build) < check_at < upload_at
    assert any(f"build/downloads/{ZIP_NAME}" in str(s.get("with", {}).get("path")) for s in steps[:upload_at])
    assert jobs["offline-zip"]["permissions"] == {"contents": "write"} and "offline-zip" in jobs["deploy"]["needs"]
    assert "gh release upload offline" in jobs["offline-zip"]["steps"][-1]["run"]


def test_white_space_runs_collapse_outside_pre_and_scripts() -> None:
    from overrides.hooks.compact import collapse_space

    html = ('<div>\n    <p>一\n\n      二 <a>三</a>\n  <b>四</b></p>\n</div>\n<pre><code>  a\n\n    b\n</code></pre>\n  '
            '<textarea>\n  x\n</textarea>\n  <script>var a = 1;\n\n  // note\n  var b = 2;</script>\n')
    assert collapse_space(html) == ('<div>\n<p>一\n二 <a>三</a>\n<b>四</b></p>\n</div>\n<pre><code>  a\n\n    b\n</code></pre>\n'
                                    '<textarea>\n  x\n</textarea>\n<script>var a = 1;\n\n  // note\n  var b = 2;</script>\n')


def test_the_chrome_loses_its_line_breaks_the_article_keeps_them() -> None:
    from overrides.hooks.compact import drop_chrome_breaks

    html = ('<div>\n<a class="md-nav__link">\n<span class="md-ellipsis">\n目录\n</span>\n</a>\n<script>a\n<b</script>\n'
            '<article class="x">\n<dt>作者</dt>\n<dd>不详</dd>\n<pre>\n<b>1</b>\n</pre>\n</article>\n</div>\n')
    assert drop_chrome_breaks(html) == ('<div><a class="md-nav__link"><span class="md-ellipsis">目录</span></a><script>a\n<b</script>'
                                        '<article class="x">\n<dt>作者</dt>\n<dd>不详</dd>\n<pre>\n<b>1</b>\n</pre>\n</article></div>')


def test_palette_toggles_carry_no_custom_colour(site: Path) -> None:
    """The site's colours are reader.css's: no toggle writes Material's primary/accent "custom" (overrides/partials/
    palette.html), and the toggles keep their names and schemes."""
    import re

    html = (site / "digital-governance-capacity" / "index.html").read_text(encoding="utf-8")
    toggles = re.findall(r'<input class="md-option"[^>]*>', html)
    assert len(toggles) == 3 and not [t for t in toggles if "color-primary" in t or "color-accent" in t or "  " in t]
    assert all('data-md-color-scheme="' in t and 'aria-label="' in t for t in toggles)


def test_theme_config_is_compact_json(site: Path) -> None:
    import json
    import re

    html = (site / "zh-Hant" / "digital-governance-capacity" / "index.html").read_text(encoding="utf-8")
    config = re.search(r'<script id="__config" type="application/json">(.*?)</script>', html, re.DOTALL)
    assert config and json.loads(config.group(1))["translations"]["reader.note"] == "註釋"
    assert config.group(1) == json.dumps(json.loads(config.group(1)), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def test_the_site_description_is_on_the_site_pages_not_on_articles(site: Path) -> None:
    for rel, described in (("index.html", True), ("zh-Hant/articles/index.html", True), ("digital-governance-capacity/index.html",
                           False), ("zh-Hant/digital-government-efficacy/index.html", False)):
        html = (site / rel).read_text(encoding="utf-8")
        assert ('<meta name="description"' in html) == described, rel
        assert described or '<meta name="citation_title"' in html


def test_built_pages_hold_no_indentation_runs(site: Path) -> None:
    import re

    for rel in ("index.html", "digital-government-efficacy/index.html", "zh-Hant/reports/digital-governance-capacity/index.html",
                "articles/index.html", "404.html"):
        html = (site / rel).read_text(encoding="utf-8")
        outside = re.sub(r"<(pre|textarea|script|style)\b.*?</\1>", "<kept>", html, flags=re.DOTALL)
        assert not re.search(r"\n[ \t]|[ \t]\n|\n\n", outside), rel


def test_no_file_of_the_site_is_a_second_copy(site: Path) -> None:
    """What both editions share (raw files, report JSON, citation exports) exists once, and no download repeats a page
    (issue 21): no two files of the deployed site hold the same bytes, but for a few small ones."""
    import hashlib

    seen: dict[str, list[str]] = {}
    for path in sorted(p for p in site.rglob("*") if p.is_file() and p.stat().st_size > 1000):
        seen.setdefault(hashlib.sha256(path.read_bytes()).hexdigest(), []).append(path.relative_to(site).as_posix())
    assert not [paths for paths in seen.values() if len(paths) > 1]
    assert [p.name for p in (site / "downloads").iterdir()] == [ZIP_NAME]  # the single files are made when asked
