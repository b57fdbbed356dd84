"""Repair GBK byte-misalignment mojibake: 問題?!兑庖姟诽岢?ldquo; -> 問題。《意見》提出&ldquo;.

Upstream, the text was GBK-encoded, one byte was lost, and the rest was decoded one byte out
of step until an ASCII byte re-synchronised it. On the page this leaves:

    ? [pinyin)]  run-of-shifted-characters  end

where `?` marks the byte the decoder choked on (sometimes with a stray ruby fragment such as
`qū)`), fullwidth ？/！ in the run were flattened to ASCII, and `end` is either the ASCII
byte that completed the last shifted pair (`傮w` = 82 F3 77 -> 體) or a `?` for a broken pair
that swallowed the next ASCII byte (here the `&` of `&ldquo;`).

Repair: re-encode the run as GBK, put back the lost lead byte p (and, for a `?` end, the lost
trail byte q), decode again, and keep the candidate that jieba's dictionary finds most
plausible, only if it beats the garbled text and the runner-up by clear margins. No library
does this (ftfy handles UTF-8/Latin-1 mix-ups, not shifted double-byte streams), hence this
module. What it cannot reconstruct goes to the reviewed errata file (rule apply_errata).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from pipeline.core.changes import Change, PipelineError, line_of
from pipeline.core.chars import HAN
from pipeline.core.context import Context
from pipeline.text.lm import known_char, logprob
from pipeline.text.rules.pinyin import readings_of, strip_annotations

_TONED = "a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü"
_REGION = re.compile(
    f"(?<=[{HAN}，。、“”》])\\?"  # the choke mark, right after Chinese text
    f"(?P<head>[{_TONED}]{{1,6}}\\))?"  # optional stray ruby fragment
    "(?P<run>[?!]?[^\\x00-\\x7f?!]{1,80})"  # the shifted characters
    "(?P<end>\\?(?=[a-zA-Z]{2,8};)|[\\x40-\\x7e])"  # broken pair before an entity, or an ASCII trail byte
)
# The same damage when the first shifted pair was a fullwidth form (A3xx) that was then flattened to ASCII:
# 國外?偟膩砜?,我國 (？ = A3BF) and 形態1疚囊試?(guó)內 (１ = A3B1). No choke mark; the region ends in a
# broken pair whose invalid trail byte, an ASCII character, survived after the '?'.
_REGION_FLAT = re.compile(
    f"(?<=[{HAN}，。、“”》)])(?P<first>[!-~])(?P<run>[^\\x00-\\x7f?!]{{1,80}})\\?(?=[\\x20-\\x7e])"
)
_GLOSS_AFTER = re.compile(f"^\\(([{_TONED}]{{1,6}})\\)")
_ENTITY_REST = re.compile(r"^[a-zA-Z]{2,8};")
_FLATTENED = {"?": "？", "!": "！"}
MIN_GAIN = 8.0  # nats the repair must gain over the garbled text
MIN_MARGIN = 2.0  # nats between the best and the second-best reading
# A character sequence that also occurs intact elsewhere in the same article (跨省“多 in the
# heading 推進跨省“多地復用”創新) is strong evidence: a cache-model bonus per n-gram, longer
# n-grams counting more.
DOC_NGRAM_BONUS = 1.5
NGRAM_SIZES = (2, 3, 4)
_LEADS = range(0x81, 0xFF)
_TRAILS = [b for b in range(0x40, 0xFF) if b != 0x7F]


@dataclass(frozen=True)
class Reading:
    text: str
    score: float


def _decode_strict(data: bytes) -> str | None:
    try:
        text = data.decode("gbk")
    except UnicodeDecodeError:
        return None
    if len(text) * 2 != len(data) or not all(known_char(ch) for ch in text):
        return None  # an ASCII byte or an unknown character: not a plausible original
    return text


def _ngrams(text: str) -> frozenset[str]:
    return frozenset(text[i : i + n] for n in NGRAM_SIZES for i in range(len(text) - n + 1))


def _bonus(window: str, doc_ngrams: frozenset[str]) -> float:
    return DOC_NGRAM_BONUS * sum((len(g) - 1) for g in _ngrams(window) if g in doc_ngrams)


def _readings(run: bytes, end: bytes | None, left: str, right: str, doc_ngrams: frozenset[str],
              last_reading: str = "") -> list[Reading]:
    """All plausible decodings of lead + run + end (end None: unknown trail byte). A ruby annotation
    right after a broken pair (`試?(guó)內`) is the lost character's reading: only characters read so count."""
    firsts = [c for lead in _LEADS if (c := _decode_strict(bytes([lead]) + run[:1]))]
    middle_bytes = run[1:] + (end or b"")
    if end is None:
        if len(middle_bytes) % 2 == 0:
            return []
        lasts = [c for trail in _TRAILS if (c := _decode_strict(middle_bytes[-1:] + bytes([trail])))]
        if last_reading:
            lasts = [c for c in lasts if last_reading in readings_of(c)]
        middle_bytes = middle_bytes[:-1]
    else:
        lasts = [""]
    middle = _decode_strict(middle_bytes) if middle_bytes else ""
    if middle is None:
        return []
    # The first and last characters are independent given the fixed middle: score each alone.
    def score(window: str, core: str) -> float:
        return logprob(window) + _bonus(core, doc_ngrams)

    best_first = sorted(((score(left + f + middle, left[-3:] + f + middle[:3]), f) for f in firsts), reverse=True)
    best_last = sorted(((score(middle[-2:] + la + right, middle[-3:] + la + right[:3]), la) for la in lasts), reverse=True)
    readings = []
    for _, first in best_first[:3]:
        for _, last in best_last[:3]:
            text = first + middle + last
            readings.append(Reading(text, score(left + text + right, left[-3:] + text + right[:3])))
    return sorted(readings, key=lambda r: r.score, reverse=True)


def _context(text: str, start: int, end: int) -> tuple[str, str]:
    left = strip_annotations(text[max(0, start - 24) : start])
    right = strip_annotations(text[end : end + 24])
    # After a broken pair the next thing is an entity that lost its '&' (ldquo;): read it as such.
    right = _ENTITY_REST.sub(lambda m: html.unescape("&" + m.group(0)), right, count=1)
    han = f"[{HAN}，。、“”《》]"
    left_m = re.search(f"{han}{{0,6}}$", left)
    right_m = re.match(f"{han}{{0,6}}", right)
    return (left_m.group(0) if left_m else ""), (right_m.group(0) if right_m else "")


def repair_gbk_shift(text: str, ctx: Context) -> tuple[str, list[Change]]:
    changes: list[Change] = []
    out: list[str] = []
    pos = 0
    regions = list(_REGION.finditer(text))
    if not regions:
        return _repair_flattened_start(text, ctx, changes)
    intact = strip_annotations(_REGION.sub("\n", text))
    doc_ngrams = _ngrams(intact)
    for match in regions:
        run_text = match.group("run")
        try:
            run = "".join(_FLATTENED.get(ch, ch) for ch in run_text).encode("gbk")
        except UnicodeEncodeError:
            continue  # characters outside GBK cannot come from a GBK stream
        end_text = match.group("end")
        broken_pair = end_text == "?"
        left, right = _context(text, match.start(), match.end())
        readings = _readings(run, None if broken_pair else end_text.encode(), left, right, doc_ngrams)
        if not readings:
            continue
        best = readings[0]
        garbled_score = logprob(left + run_text + right) + _bonus(left[-3:] + run_text + right[:3], doc_ngrams)
        if best.score - garbled_score < MIN_GAIN:
            continue  # the text as it stands reads as well: not mojibake (e.g. a real "?")
        if len(readings) > 1 and best.score - readings[1].score < MIN_MARGIN:
            raise PipelineError(
                f"GBK shift repair cannot decide between {best.text!r} and {readings[1].text!r}; "
                "add the reading to corpus/data/errata.yaml",
                file=ctx.file, line=line_of(text, match.start()), text=match.group(0),
            )
        # A broken pair before an entity name swallowed the entity's '&': put it back.
        after = best.text + ("&" if broken_pair else "")
        out.append(text[pos : match.start()])
        out.append(after)
        pos = match.end()
        changes.append(Change(
            "repair_gbk_shift", line_of(text, match.start()), match.group(0), after,
            "gbk_stream_shifted_one_byte", (f"{best.score - garbled_score:.0f}",),  # re-encoded, realigned, decoded
        ))
    out.append(text[pos:])
    text = "".join(out)
    return _repair_flattened_start(text, ctx, changes)


def _repair_flattened_start(text: str, ctx: Context, changes: list[Change]) -> tuple[str, list[Change]]:
    regions = list(_REGION_FLAT.finditer(text))
    if not regions:
        return text, changes
    doc_ngrams = _ngrams(strip_annotations(_REGION_FLAT.sub("\n", text)))
    out: list[str] = []
    pos = 0
    for match in regions:
        first, run_text = match.group("first"), match.group("run")
        try:
            run = (chr(ord(first) + 0xFEE0) + run_text).encode("gbk")
        except UnicodeEncodeError:
            continue
        gloss = _GLOSS_AFTER.match(text[match.end() :])
        left, _ = _context(text, match.start(), match.end())
        _, right = _context(text, match.start(), match.end() + (gloss.end() if gloss else 0))
        readings = _readings(run, None, left, right, doc_ngrams, gloss.group(1) if gloss else "")
        if not readings:
            continue
        best = readings[0]
        garbled = match.group(0)
        garbled_score = logprob(left + garbled + right) + _bonus(left[-3:] + garbled + right[:3], doc_ngrams)
        if best.score - garbled_score < MIN_GAIN:
            continue
        if len(readings) > 1 and best.score - readings[1].score < MIN_MARGIN:
            raise PipelineError(
                f"GBK shift repair cannot decide between {best.text!r} and {readings[1].text!r}; "
                "add the reading to corpus/data/errata.yaml",
                file=ctx.file, line=line_of(text, match.start()), text=garbled,
            )
        out.append(text[pos : match.start()])
        out.append(best.text)
        pos = match.end()
        changes.append(Change(
            "repair_gbk_shift", line_of(text, match.start()), garbled, best.text,
            "gbk_stream_shifted_one_byte", (f"{best.score - garbled_score:.0f}",),  # after a fullwidth mark flattened to ASCII
        ))
    out.append(text[pos:])
    return "".join(out), changes
