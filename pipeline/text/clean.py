"""Decoded text -> clean text in the source's script, with every change listed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from pipeline.core.changes import Change, follow_lines, on_raw_line
from pipeline.core.context import Context, Script
from pipeline.core.convert import s2t, t2s
from pipeline.text.checks import assert_clean
from pipeline.text.rules.chrome import remove_chrome
from pipeline.text.rules.chunks import join_numbered_chunks
from pipeline.text.rules.damage import mark_damage
from pipeline.text.rules.duplicates import remove_duplicate_blocks
from pipeline.text.rules.entities import decode_entities
from pipeline.text.rules.errata import apply_errata
from pipeline.text.rules.html_tags import remove_html_tags
from pipeline.text.rules.lost_space import restore_lost_spaces
from pipeline.text.rules.mixed_script import fix_mixed_script
from pipeline.text.rules.mojibake import repair_gbk_shift
from pipeline.text.rules.pinyin import remove_inline_pinyin, strip_annotations
from pipeline.text.rules.plus import restore_lost_plus
from pipeline.text.rules.punctuation import normalise_punctuation
from pipeline.text.rules.site_header import remove_repeated_header
from pipeline.text.rules.spacing import remove_stray_spaces
from pipeline.text.rules.variants import normalise_variants
from pipeline.text.rules.width import normalise_width

Rule = Callable[[str, Context], tuple[str, list[Change]]]


def _settled(*rules: Rule) -> Rule:
    """Apply rules in turn until none changes anything: removing a stray space can put a halfwidth mark
    next to Chinese text (`， ,` -> `，,` -> `，，`). Each round removes spaces or halfwidth marks, so it ends."""

    def run(text: str, ctx: Context) -> tuple[str, list[Change]]:
        changes: list[Change] = []
        while True:
            found_any = False
            for rule in rules:
                text, found = rule(text, ctx)
                changes += found
                found_any = found_any or bool(found)
            if not found_any:
                return text, changes

    run.__name__ = "+".join(r.__name__ for r in rules)
    return run


# Order matters: chrome and duplicates work on whole lines; errata and the byte-shift repair
# need the raw garbling (and put back an entity's '&'); entities and pinyin come after them.
RULES: list[Rule] = [
    remove_chrome,
    remove_html_tags,
    remove_duplicate_blocks,
    join_numbered_chunks,
    apply_errata,
    repair_gbk_shift,
    decode_entities,
    remove_inline_pinyin,
    normalise_width,  # before restore_lost_spaces, which reads a '?' after an ASCII code (ＡＰＩ? -> API?)
    restore_lost_spaces,
    remove_repeated_header,  # after the readings are gone: a glossed title and its copies may differ in glosses
    restore_lost_plus,
    normalise_variants,
    fix_mixed_script,
    _settled(normalise_punctuation, remove_stray_spaces),
    mark_damage,  # last: what no repair could read is marked, not refused
]


@dataclass(frozen=True)
class Cleaned:
    text: str
    script: Script
    changes: list[Change]  # lines numbered as in the raw file
    origin: list[int]  # the raw file's line number of each line of `text`


def detect_script(text: str) -> Script:
    """Traditional if more characters change under t2s than under s2t."""
    plain = strip_annotations(text)
    traditional = sum(a != b for a, b in zip(plain, t2s(plain), strict=False))
    simplified = sum(a != b for a, b in zip(plain, s2t(plain), strict=False))
    return "hant" if traditional > simplified else "hans"


def clean_text(text: str, ctx: Context, *, script: Script | None = None) -> Cleaned:
    """Every rule in order; each change's line is given as the raw file's line (the report links the raw file),
    though a rule numbers the lines of the text it received, after earlier rules removed or joined some."""
    changes: list[Change] = []
    origin = list(range(1, text.count("\n") + 2))
    for k, rule in enumerate(RULES):
        if k == 1:  # the script is told from the text without the site's chrome
            ctx = replace(ctx, script=script or detect_script(text))
        new, found = rule(text, ctx)
        changes += [on_raw_line(c, origin) for c in found]
        if new.count("\n") != text.count("\n"):
            origin = follow_lines(text, new, origin)
        text = new
    assert_clean(text, ctx)
    return Cleaned(text, ctx.script, changes, origin)
