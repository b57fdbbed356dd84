"""What the deployed site weighs, by folder, and whether it fits GitHub Pages (issue 21).

GitHub Pages publishes sites up to 1 GB; its artifact is a tar of site/ with hard links stored as full copies
(actions/upload-pages-artifact: tar --dereference --hard-dereference), so every path counts at its full size. The CI
workflow runs this before uploading the artifact: over the limit, the build fails with one line saying by how much
and which folders weigh most, rather than the deploy failing later.

    python -m scripts.site_size site [--max-bytes 1000000000] [--per N]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from pipeline.core.layout import LOCALES

PAGES_LIMIT = 1_000_000_000  # GitHub Pages: "published sites may be no larger than 1 GB"


def folder_of(rel: Path) -> str:
    """The folder a file is counted under: its first folder, with the traditional edition's own folders apart
    (zh-Hant/reports/); the pages one folder down (slug/index.html: the articles) are "*/index.html", a file at
    the top "(top files)"."""
    parts = rel.parts
    prefix = ""
    if parts[0] in LOCALES.values() and len(parts) > 1:
        prefix, parts = parts[0] + "/", parts[1:]
    if len(parts) == 1:
        return prefix + "(top files)"
    if len(parts) == 2 and parts[1] == "index.html":  # the articles (and the few other pages: about/, glossary/)
        return prefix + "*/index.html"
    return prefix + parts[0] + "/"


def by_folder(site: Path) -> Counter[str]:
    sizes: Counter[str] = Counter()
    for path in site.rglob("*"):
        if path.is_file():
            sizes[folder_of(path.relative_to(site))] += path.stat().st_size
    return sizes


def table(sizes: Counter[str], per: int = 0) -> str:
    total = sum(sizes.values())
    rows = ["| folder | MB | " + ("kB per article |" if per else "") + " share |", "|---|---:|" + ("---:|" if per else "") + "---:|"]
    for name, size in sizes.most_common():
        rows.append(f"| {name} | {size / 1e6:.2f} | " + (f"{size / per / 1e3:.1f} | " if per else "") + f"{size / total:.0%} |")
    rows.append(f"| **total** | **{total / 1e6:.2f}** | " + (f"**{total / per / 1e3:.1f}** | " if per else "") + "100% |")
    return "\n".join(rows)


def check(site: Path, limit: int = PAGES_LIMIT) -> str | None:
    """None when site/ fits, else the one line to fail with."""
    sizes = by_folder(site)
    total = sum(sizes.values())
    if total <= limit:
        return None
    top = ", ".join(f"{name} {size / 1e6:.0f} MB" for name, size in sizes.most_common(3))
    return (f"error: {site} is {total / 1e6:,.0f} MB, over the {limit / 1e6:,.0f} MB GitHub Pages publishes "
            f"(by {(total - limit) / 1e6:,.0f} MB); largest: {top}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--max-bytes", type=int, default=PAGES_LIMIT, help="fail over this many bytes (default: 1 GB)")
    parser.add_argument("--per", type=int, default=0, help="also give kB per article for this many articles")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"error: {args.site} is not a built site (no index.html)", file=sys.stderr)
        return 1
    if error := check(args.site, args.max_bytes):
        print(error, file=sys.stderr)
        return 1
    print(table(by_folder(args.site), args.per))
    return 0


if __name__ == "__main__":
    sys.exit(main())
