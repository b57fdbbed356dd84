"""Leave-one-site-out scores of recognition over the labelled corpus (issue 19): `python -m benchmarks.realpages --cv site`.

Each site family's pages (pipeline/document/lines.py: m.fx361.cc and fx361.com are one) are labelled
and read by a model trained without that family; the pages then go through the whole pipeline
(process_bytes, as `make site` does) and are scored as benchmarks/realpages.py scores the development
set. `--cv rules` scores the same pages with no model (the hand rules alone): the "before" column.

Reported: per-field accuracy; line-label precision and recall per label and the confusion matrix
(the labeller on the page's own lines); chrome and spam lines recognised (recall), body lines kept
(not labelled chrome or spam); pages published, refused, clean (published, no residual artifact, every
must-contain phrase kept, no must-not string left).
"""

from __future__ import annotations

import re
import tempfile
import unicodedata
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.core.changes import Change
from pipeline.core.convert import t2s
from pipeline.document import labeller
from pipeline.document.lines import LABELS, family
from pipeline.text.rules.pinyin import strip_annotations
from scripts.train import all_pages, sequence, train
from scripts.training_pages import PAGES

if TYPE_CHECKING:
    from benchmarks.realpages import Score

FIELDS = ("title", "date", "authors", "venue", "keywords")
SITE_CHROME = ("chrome", "spam")


@dataclass
class Fold:
    family: str
    pairs: list[tuple[str, str]] = field(default_factory=list)  # (truth, predicted) per line
    scores: list[object] = field(default_factory=list)  # benchmarks.realpages.Score per page
    published: list[tuple[str, bool]] = field(default_factory=list)  # (truth label, text on the published page) per line


def _fold(args: tuple[str, list[str], bool]) -> Fold:
    from benchmarks.realpages import score_page  # noqa: PLC0415 (a worker imports its own)
    fam, held, use_model = args
    pages = all_pages()
    train_on = [p for p in pages if family(str(p.truth.get("site"))) != fam]
    test = [p for p in pages if p.name in held]
    fold = Fold(fam)
    with tempfile.TemporaryDirectory() as tmp:
        model = Path(tmp) / "lines.crfsuite"
        if use_model:
            train(train_on, model)
        with labeller.using(model):
            for page in test:
                if use_model:
                    _, truth = sequence(page)
                    got = [x.label for x in labeller.label(page.lines)]
                    fold.pairs += list(zip(truth, got, strict=True))
                score = score_page(PAGES / f"{page.name}.txt", page.truth)
                fold.scores.append(score)
                fold.published += published_lines(page.lines, page.labels, score)
    return fold


def published_lines(lines: list[str], labels: list[str], score: Score) -> list[tuple[str, bool]]:
    """(label, on the published page) for each telling chrome, spam or body line of a published page. A chrome
    line's words that are the article's title are not counted as shown (a site's page-title line, `题名_第4页`,
    repeats the title, which the page shows as its title and, where the text starts with it, in the text)."""
    if not score.published:
        return []
    taken = chrome_copies_first(lines, labels, taken_out(lines, score.changes))
    shown, title = t2s(score.shown), _han(t2s(score.title))
    out = []
    for n, (line, lab) in enumerate(zip(lines, labels, strict=True), start=1):
        if lab not in (*SITE_CHROME, "body") or not _telling(line):
            continue
        text = t2s(line)
        if lab in SITE_CHROME and len(title) >= 4 and title in _han(text):
            text = _han(text).replace(title, "", 1)
        out.append((lab, shown_on_page(text, shown) and n not in taken))
    return out


def _han(text: str) -> str:
    return "".join(re.findall("[\u4e00-\u9fff]", t2s(strip_annotations(unicodedata.normalize("NFKC", text)))))


def _telling(line: str) -> bool:
    """A line whose presence on the page can be told: `0`, `|`, `(1)` or `?` stand in any text."""
    return len(re.findall(r"\w", unicodedata.normalize("NFKC", line))) >= 4


def shown_on_page(line: str, shown: str) -> bool:
    """Does a raw line's text stand on the published page? Most of its 4-character runs of Han text are there
    (repairs change a character here and there); a line with little Han text: its words, as typed."""
    han = _han(line)
    if len(han) < 6:
        words = unicodedata.normalize("NFKC", line).strip().lower()
        return bool(words) and words in unicodedata.normalize("NFKC", shown).lower()
    page = _han(shown)
    grams = [han[i : i + 4] for i in range(len(han) - 3)]
    return sum(g in page for g in grams) >= 0.6 * len(grams)


_READING = re.compile(r"[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}[)）]")  # 網(wǎng): an inline pinyin reading


def _bare(text: str) -> str:
    return "".join(t2s(unicodedata.normalize("NFKC", text)).split())


def taken_out(lines: list[str], changes: list[Change]) -> set[int]:
    """Numbers of the raw lines the change report says were taken out of the text whole (removed as chrome, read as
    metadata, consumed as a repeat): a search of the published text alone counts a site's copy of the title or of
    the abstract as shown, since the real one is. A change's line number may be off by a line or two (a repair
    that splits or joins lines above it): the raw line near it that holds the removed text is the one."""
    removed: dict[int, int] = {}
    bare = [_bare(x) for x in lines]
    for c in changes:
        gone = _bare(c.before)
        if not c.line or c.after or not gone:
            continue
        at = next((n for d in (0, 1, -1, 2, -2, 3, -3) if 1 <= (n := c.line + d) <= len(lines) and gone[:8] in bare[n - 1]), 0)
        if at:
            removed[at] = removed.get(at, 0) + len(gone)
    return {n for n, k in removed.items() if k >= 0.8 * len(_READING.sub("", bare[n - 1]))}  # readings go by their own rule


def chrome_copies_first(lines: list[str], labels: list[str], taken: set[int]) -> set[int]:
    """Among copies of one text (the site's copy of the abstract, with its own label, and the article's), which copy
    the pipeline took out is chance: the number taken out is given to the chrome-labelled copies first."""
    groups: dict[str, list[int]] = {}
    for n, line in enumerate(lines, start=1):
        if len(bare := _bare(line)) >= 6:
            groups.setdefault(bare[-30:], []).append(n)
    out = set(taken)
    for members in (g for g in groups.values() if len(g) > 1 and any(labels[n - 1] in SITE_CHROME for n in g)):
        k = sum(n in taken for n in members)
        ordered = sorted(members, key=lambda n: labels[n - 1] not in SITE_CHROME)
        out -= set(members)
        out |= set(ordered[:k])
    return out


def run(use_model: bool = True, workers: int = 2) -> list[Fold]:
    pages = all_pages()
    by_family: dict[str, list[str]] = {}
    for p in pages:
        by_family.setdefault(family(str(p.truth.get("site"))), []).append(p.name)
    jobs = [(fam, held, use_model) for fam, held in sorted(by_family.items())]
    with ProcessPoolExecutor(workers) as pool:
        return list(pool.map(_fold, jobs))


def _pct(a: int, b: int) -> str:
    return f"{a}/{b} ({100 * a / b:.1f} %)" if b else "0/0"


def _fields(scores: list[Score], n: int) -> list[str]:
    """Per-field accuracy, then the pages published, refused and clean."""
    lines = ["| field | right |", "|---|---|"]
    lines += [f"| {name} | {_pct(sum(s.fields[name] for s in scores), n)} |" for name in FIELDS]
    right = sum(v for s in scores for v in s.fields.values())
    lines.append(f"| all fields | {_pct(right, n * len(FIELDS))} |")
    clean = sum(1 for s in scores if s.published and not s.residuals and not s.missed and not s.leaked)
    refused = sum(1 for s in scores if not s.published)
    return [*lines, "", f"- pages published: {n - refused}/{n}, refused {refused}, clean {clean}/{n}"]


def _on_page(folds: list[Fold]) -> str:
    seen = [p for f in folds for p in f.published]
    chrome_gone = [not on for lab, on in seen if lab in SITE_CHROME]
    body_kept = [on for lab, on in seen if lab == "body"]
    return (f"- in the published article's text (body, abstract, notes, bio: the title and metadata values aside, which a"
            f" site's page-title or tag line repeats): chrome and spam lines gone {_pct(sum(chrome_gone), len(chrome_gone))},"
            f" body lines there {_pct(sum(body_kept), len(body_kept))}")


def _labels(pairs: list[tuple[str, str]]) -> list[str]:
    """The labeller on the pages' own lines: rights, chrome recall, body kept, then precision and recall per label."""
    truth_chrome = [(t, g) for t, g in pairs if t in SITE_CHROME]
    body = [(t, g) for t, g in pairs if t == "body"]
    lines = [f"- line labels right: {_pct(sum(t == g for t, g in pairs), len(pairs))}",
             f"- chrome and spam lines recognised (recall): {_pct(sum(g in SITE_CHROME for _, g in truth_chrome), len(truth_chrome))}",
             f"- body lines kept (not labelled chrome or spam): {_pct(sum(g not in SITE_CHROME for _, g in body), len(body))}",
             "", "| label | lines | precision | recall |", "|---|---:|---:|---:|"]
    return lines + _per_label(pairs)


def _per_label(pairs: list[tuple[str, str]]) -> list[str]:
    lines = []
    for lab in LABELS:
        tp = sum(1 for t, g in pairs if t == lab and g == lab)
        support = sum(1 for t, _ in pairs if t == lab)
        predicted = sum(1 for _, g in pairs if g == lab)
        if support or predicted:
            lines.append(f"| {lab} | {support} | {tp / predicted if predicted else 0:.2f} | {tp / support if support else 0:.2f} |")
    return lines


def _confusion(pairs: list[tuple[str, str]]) -> list[str]:
    used = [lab for lab in LABELS if any(t == lab or g == lab for t, g in pairs)]
    counts = Counter(pairs)
    lines = ["", "Confusion (rows: truth, columns: predicted)", "",
             "| | " + " | ".join(used) + " |", "|---|" + "---:|" * len(used)]
    return lines + [f"| {t} | " + " | ".join(str(counts[(t, g)] or "") for g in used) + " |" for t in used]


def report(folds: list[Fold], title: str) -> str:
    from benchmarks.realpages import table  # noqa: PLC0415
    scores: list[Score] = [s for f in folds for s in f.scores]  # type: ignore[misc]
    n = len(scores)
    lines = [f"# {title}", "",
             f"{n} pages from {len(folds)} site families; " + ("each family labelled and read by a model trained without it."
                                                               if any(f.pairs for f in folds) else "no model: the hand rules alone."), ""]
    lines += _fields(scores, n) + [_on_page(folds)]
    pairs = [p for f in folds for p in f.pairs]
    if pairs:
        lines += _labels(pairs) + _confusion(pairs)
    lines += ["", "## Per page", "", table(scores)]
    return "\n".join(lines) + "\n"
