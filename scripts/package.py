"""Package the offline build (build/offline/site) for download: one zip of the whole site and one
self-contained HTML file per article and edition. Writes build/downloads/ and its manifest.json.

    python -m scripts.package
"""

from __future__ import annotations

import html
import json
import os
import sys
import time
import zipfile
from pathlib import Path

from bs4 import BeautifulSoup

from pipeline.core.data import CORPUS, ROOT
from pipeline.document.article import load_meta
from pipeline.publish.build import LOCALES

OFFLINE = ROOT / "build" / "offline" / "site"
DOWNLOADS = ROOT / "build" / "downloads"
ZIP_NAME = "zh-policy-reader-offline.zip"
ZIP_ROOT = "zh-policy-reader"
# Source maps serve developers; the sitemap needs a site URL; 404.html serves a web server. None is any use on disk.
SKIP_SUFFIXES = (".map", "sitemap.xml", "sitemap.xml.gz", "404.html")
README = """中国政策文章双语阅读 · 离线版 / 中國政策文章雙語閱讀 · 離線版

解压后用浏览器打开 index.html（简体）或 zh-Hant/index.html（繁體）。不需要网络：搜索、脚注、
简繁切换都在本地运行。每篇文章的校勘记列出从原始抓取文本到本站文本的每一处修改。
"""


def build_time() -> tuple[int, int, int, int, int, int]:
    """Zip entry time from SOURCE_DATE_EPOCH (set from the commit by build_site), so builds are byte-identical."""
    epoch = max(int(os.environ.get("SOURCE_DATE_EPOCH", "315532800")), 315532800)  # zip cannot go before 1980
    return time.gmtime(epoch)[:6]


def write_zip(site: Path, dest: Path) -> None:
    stamp = build_time()
    files = sorted(p for p in site.rglob("*") if p.is_file() and not p.name.endswith(SKIP_SUFFIXES))
    with zipfile.ZipFile(dest, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        entries = [(f"{ZIP_ROOT}/README.txt", README.encode())]
        entries += [(f"{ZIP_ROOT}/{p.relative_to(site).as_posix()}", p.read_bytes()) for p in files]
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data, compresslevel=9)


def single_file(page: Path, css: str, online_url: str) -> str:
    """One article page as a standalone document: the article only, styles inlined, no scripts."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article.md-content__inner")
    if article is None:
        raise SystemExit(f"error: {page}: no <article> found")
    for tag in article.select("script, .md-content__button, .md-source-file, form, .downloads"):
        tag.decompose()
    for link in article.select("a[href]"):  # keep in-page and outside links; other site pages are not in this file
        href = str(link["href"])
        if not href.startswith(("#", "http://", "https://", "mailto:")):
            link.unwrap()
    for tag in article.find_all(attrs={"data-md-component": True}):
        del tag["data-md-component"]
    lang = soup.html.get("lang", "zh-Hans") if soup.html else "zh-Hans"
    title = soup.title.get_text() if soup.title else ""  # decoded once, by the parser; escaped again below
    note = ("本文件由中国政策文章双语阅读生成；修改记录见网站上的校勘记。" if lang == "zh-Hans"
            else "本檔案由中國政策文章雙語閱讀生成；修改記錄見網站上的校勘記。")
    return (f'<!DOCTYPE html>\n<html lang="{html.escape(str(lang))}">\n<head>\n'
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n"
            '<meta charset="utf-8">\n<meta name="viewport" content="width=device-width,initial-scale=1">\n'
            f"<title>{html.escape(title)}</title>\n<style>\n{css}</style>\n</head>\n<body>\n"
            f"{article.decode_contents().strip()}\n<p class=\"provenance\">{note} {online_url}</p>\n</body>\n</html>\n")


def main() -> int:
    if not (OFFLINE / "index.html").exists():
        print(f"error: {OFFLINE} not built (run the offline MkDocs build first: scripts/build_site.py)", file=sys.stderr)
        return 1
    DOWNLOADS.mkdir(parents=True, exist_ok=True)
    for old in DOWNLOADS.iterdir():
        old.unlink()
    css = (ROOT / "overrides" / "assets" / "standalone.css").read_text(encoding="utf-8")
    manifest: dict[str, int] = {}
    write_zip(OFFLINE, DOWNLOADS / ZIP_NAME)
    for meta in sorted((CORPUS / "articles").glob("*.yaml")):
        slug = str(load_meta(meta)["slug"])  # the file name need not be the slug
        for locale in LOCALES.values():
            prefix = "" if locale == "zh-Hans" else f"{locale}/"
            name = f"{slug}.{locale}.html"
            html = single_file(OFFLINE / f"{prefix}{slug}.html", css, f"{prefix}{slug}/")
            (DOWNLOADS / name).write_text(html, encoding="utf-8")
    for f in sorted(DOWNLOADS.iterdir()):
        manifest[f.name] = f.stat().st_size
    (DOWNLOADS / "manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    for name, size in manifest.items():
        print(f"{name}: {size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
