"""The labelled training corpus (corpus/training/pages/): read it, check it, show a page.

    python -m scripts.training_pages check [NAME ...]   every page (or the named ones): labels and truth
    python -m scripts.training_pages show NAME          the page's lines, numbered, with their labels
    python -m scripts.training_pages sites              pages per site family (held out together)
    python -m scripts.training_pages stats              the corpus against the issue's quotas
    python -m scripts.training_pages overlap NAME ORIG  runs of 12+ Han characters NAME shares with ORIG

A page is NAME.txt (the reconstructed page, UTF-8) and NAME.yaml (its truth and one label per line);
corpus/training/README.md describes both.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

import yaml

from pipeline.core.convert import t2s
from pipeline.document.lines import LABELS, family
from pipeline.text.rules.pinyin import strip_annotations

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "corpus" / "training" / "pages"
TRUTH_KEYS = ("file", "url", "site", "script", "title", "subtitle", "date", "authors", "venue", "keywords",
              "defects", "must_contain", "must_not_contain", "notes", "labels")
HEADER_LABELS = {"byline", "affiliation", "date", "venue", "field", "english", "credit", "chrome", "title", "subtitle", "other"}
_RANGE = re.compile(r"^\s*(\d+)(?:\s*-\s*(\d+))?\s+([a-z]+)\s*$")


@dataclass(frozen=True)
class Page:
    name: str
    lines: list[str]  # the page's lines, as in the file
    labels: list[str]  # one per line; "" for a blank line
    truth: dict[str, object]


def parse_labels(spec: str, lines: list[str], where: str) -> list[str]:
    """`3-7 body` ranges (1-based, inclusive) -> one label per line; every non-blank line exactly once."""
    labels = [""] * len(lines)
    seen = [False] * len(lines)
    last = 0
    for k, row in enumerate(str(spec).strip().splitlines(), start=1):
        if not row.strip():
            continue
        m = _RANGE.match(row)
        if not m:
            raise ValueError(f"{where}: labels row {k}: not 'N label' or 'N-M label': {row!r}")
        a, b = int(m.group(1)), int(m.group(2) or m.group(1))
        label = m.group(3)
        if label not in LABELS:
            raise ValueError(f"{where}: labels row {k}: unknown label {label!r} (one of {', '.join(LABELS)})")
        if a < 1 or b > len(lines) or a > b:
            raise ValueError(f"{where}: labels row {k}: range {a}-{b} outside the page's {len(lines)} lines")
        if a <= last:
            raise ValueError(f"{where}: labels row {k}: range {a}-{b} overlaps or goes back (previous ended at {last})")
        last = b
        for i in range(a - 1, b):
            seen[i] = True
            labels[i] = label if lines[i].strip() else ""
    missing = [i + 1 for i, line in enumerate(lines) if line.strip() and not seen[i]]
    if missing:
        raise ValueError(f"{where}: lines without a label: {', '.join(map(str, missing[:10]))}")
    return labels


def page_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")


def load(name: str, folder: Path = PAGES) -> Page:
    name = name.removesuffix(".txt").removesuffix(".yaml")
    lines = page_lines(folder / f"{name}.txt")
    truth = yaml.safe_load((folder / f"{name}.yaml").read_text(encoding="utf-8"))
    if not isinstance(truth, dict):
        raise ValueError(f"{name}.yaml: not a mapping")
    return Page(name, lines, parse_labels(str(truth.get("labels") or ""), lines, f"{name}.yaml"), truth)


def names(folder: Path = PAGES) -> list[str]:
    return sorted(p.stem for p in folder.glob("*.yaml"))


def site_of(name: str) -> str:
    truth = yaml.safe_load((PAGES / f"{name}.yaml").read_text(encoding="utf-8"))
    return str(truth.get("site") or name) if isinstance(truth, dict) else name


def _lines_labels(name: str) -> tuple[list[str], list[str]]:
    """A page's lines and labels; no labels yet (or broken ones) show as blanks."""
    lines = page_lines(PAGES / f"{name}.txt")
    try:
        return lines, load(name).labels
    except (OSError, ValueError, yaml.YAMLError):
        return lines, [""] * len(lines)


def norm(text: str) -> str:
    """Compare across damage that is not recognition: readings, script, width, spaces, lost-space '?'."""
    text = t2s(strip_annotations(unicodedata.normalize("NFKC", text)))
    return re.sub(r"[\s?？《》〈〉<>\"“”'‘’·・]", "", text).lower()


def _found(value: str, texts: list[str]) -> bool:
    """`value` stands in one of `texts` (or across them), allowing for garbled characters (GBK shift)."""
    v = norm(value)
    if not v or any(v in norm(t) for t in texts) or v in norm("".join(texts)):
        return True
    joined = norm("".join(texts))
    matched = sum(b.size for b in SequenceMatcher(None, v, joined, autojunk=False).get_matching_blocks())
    return len(v) >= 6 and matched >= 0.8 * len(v)


def _form_problems(page: Page) -> list[str]:
    """The truth's keys and the form of its values."""
    t = page.truth
    out: list[str] = []
    missing = [k for k in TRUTH_KEYS if k not in t]
    if missing:
        out.append(f"missing keys: {', '.join(missing)}")
    if t.get("file") != f"{page.name}.txt":
        out.append(f"file: {t.get('file')!r} is not {page.name}.txt")
    if t.get("script") not in ("hans", "hant"):
        out.append("script: hans or hant")
    if t.get("date") and not re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", str(t["date"])):
        out.append(f"date: {t['date']!r} is not YYYY-MM-DD or YYYY-MM")
    return out


def _title_problems(t: dict[str, object], by: dict[str, list[str]]) -> list[str]:
    out: list[str] = []
    title = str(t.get("title") or "")
    if title and not _found(title, by.get("title", [])) and not _found(title, by.get("chrome", [])):
        out.append(f"title {title!r} is on no line labelled title (nor in a chrome line such as the SEO title)")
    if by.get("title") and not title:
        out.append("lines labelled title but the truth has no title")
    sub = str(t.get("subtitle") or "")
    if sub and not _found(sub, by.get("subtitle", []) + by.get("title", [])):
        out.append(f"subtitle {sub!r} is on no line labelled subtitle or title")
    return out


def _list_problems(t: dict[str, object], by: dict[str, list[str]], header: list[str]) -> list[str]:
    """Each author on a header line, each keyword on a field (or English) line."""
    out = [f"author {name!r} is on no header line (byline, affiliation, date, field, credit, …)"
           for name in t.get("authors") or [] if not _found(str(name), header)]  # type: ignore[attr-defined]
    out += [f"keyword {kw!r} is on no line labelled field"
            for kw in t.get("keywords") or [] if not _found(str(kw), by.get("field", []) + by.get("english", []))]  # type: ignore[attr-defined]
    return out


def _venue_date_problems(page: Page, by: dict[str, list[str]], header: list[str]) -> list[str]:
    t = page.truth
    out: list[str] = []
    venue = str(t.get("venue") or "")
    if venue:
        vname = re.split(r"\s(?=\d|第|Vol)|(?<=[^\d\s])(?=\d{4})", venue.strip(), maxsplit=1)[0].strip("《》 ,，")
        if not _found(vname, [x for x in page.lines if x.strip()]):
            out.append(f"venue name {vname!r} is nowhere on the page")
    date = str(t.get("date") or "")
    if date and not any(date[:4] in x for x in header + by.get("note", [])):
        out.append(f"date year {date[:4]} is on no header line")
    return out


def problems(page: Page) -> list[str]:
    """Truth consistent with labels: each stated fact stands on a line with a fitting label."""
    by: dict[str, list[str]] = {}
    for line, label in zip(page.lines, page.labels, strict=True):
        if label:
            by.setdefault(label, []).append(line)
    header = [x for lab in HEADER_LABELS for x in by.get(lab, [])]
    out = _form_problems(page) + _title_problems(page.truth, by) + _list_problems(page.truth, by, header)
    out += _venue_date_problems(page, by, header)
    if not any(by.get(lab) for lab in ("body", "field", "heading", "note")):
        out.append("no line of the article (body, field, heading or note)")
    return out


def check(selected: list[str]) -> int:
    bad = 0
    for name in selected or names():
        try:
            page = load(name)
        except (OSError, ValueError, yaml.YAMLError) as exc:
            print(f"{name}: {exc}")
            bad += 1
            continue
        for p in problems(page):
            print(f"{name}: {p}")
            bad += 1
    hosts = Counter(site_of(n) for n in (selected or names()))
    for host, count in hosts.items():
        if count > 3:
            print(f"site {host}: {count} pages (at most 3)")
            bad += 1
    print(f"{len(selected or names())} pages checked, {bad} problems")
    return 1 if bad else 0


def show(name: str) -> None:
    lines, labels = _lines_labels(name)
    for n, (line, label) in enumerate(zip(lines, labels, strict=True), start=1):
        print(f"{n:4d} {label:<11} {line[:110]}")


def stats() -> None:
    pages = [load(n) for n in names()]
    fams = Counter(family(str(p.truth.get("site"))) for p in pages)
    defects = Counter(d for p in pages for d in p.truth.get("defects") or [])  # type: ignore[union-attr]
    english = sum(1 for p in pages if "english" in p.labels)
    heavy = sum(1 for p in pages if "spam" in p.labels or p.labels.count("chrome") >= 5)
    print(f"pages {len(pages)} (>= 150), site families {len(fams)} (>= 60)")
    print(f"traditional {sum(p.truth.get('script') == 'hant' for p in pages)} (>= 35), english block {english} (>= 30),"
          f" truncated {defects['truncated']} (>= 20), spam or heavy chrome {heavy} (>= 20)")
    print("labels:", dict(Counter(lab for p in pages for lab in p.labels if lab).most_common()))


def overlap(name: str, orig: Path) -> None:
    original = norm(orig.read_text(encoding="utf-8"))
    lines, labels = _lines_labels(name)
    for n, (line, label) in enumerate(zip(lines, labels, strict=True), start=1):
        han = "".join(re.findall(r"[\u4e00-\u9fff]", norm(line)))
        plain = "".join(re.findall(r"[\u4e00-\u9fff]", original))
        hits = {han[i:i + 12] for i in range(len(han) - 11) if han[i:i + 12] in plain}
        if hits:
            print(f"{n:4d} {label:<11} shares {len(hits)} runs, e.g. {sorted(hits)[0]}")


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("check", "show", "sites", "stats", "overlap"):
        print(__doc__)
        return 2
    cmd, rest = argv[0], argv[1:]
    if cmd == "check":
        return check([r.removesuffix(".yaml").removesuffix(".txt") for r in rest])
    if cmd == "show":
        show(rest[0].removesuffix(".txt").removesuffix(".yaml"))
    elif cmd == "sites":
        counts = Counter(family(site_of(n)) for n in names())
        for fam, c in sorted(counts.items()):
            print(f"{c} {fam}")
    elif cmd == "stats":
        stats()
    else:
        overlap(rest[0].removesuffix(".txt"), Path(rest[1]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
