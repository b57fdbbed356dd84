"""Decode HTML character references left in scraped text (&ldquo; -> “)."""

from __future__ import annotations

import html
import re

from pipeline.core.changes import Change, line_of
from pipeline.core.context import Context

_REF = re.compile(r"&(#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def decode_entities(text: str, ctx: Context) -> tuple[str, list[Change]]:
    changes: list[Change] = []

    def decode(match: re.Match[str]) -> str:
        decoded = html.unescape(match.group(0))
        if decoded == match.group(0):  # not a known reference: leave it, the residual check reports it
            return decoded
        changes.append(Change("decode_entities", line_of(text, match.start()), match.group(0), decoded, "html_character_reference"))
        return decoded

    return _REF.sub(decode, text), changes
