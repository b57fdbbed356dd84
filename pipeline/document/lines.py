"""Line labels: what each line of a scraped page is (the trained line labeller's vocabulary).

Takes the lines of a page; gives one label per line from LABELS (corpus/training/README.md defines
each). The labeller itself is pipeline/document/labeller.py; this module holds the shared vocabulary.
"""

from __future__ import annotations

LABELS = ("chrome", "spam", "title", "subtitle", "byline", "affiliation", "date", "venue", "field",
          "english", "heading", "body", "note", "credit", "other")

_SUFFIXES = {"com", "cn", "net", "org", "edu", "gov", "tw", "hk", "mo", "cc", "info", "io", "me", "top", "xyz",
             "co", "ac", "biz", "site", "vip", "club", "wang", "ltd", "work", "online", "so", "tv", "us", "uk"}
_PREFIXES = {"www", "m", "wap", "mobile", "3g", "html", "h5", "www2", "web", "digital", "mip", "amp"}


def family(site: str) -> str:
    """The site a page comes from, for held-out evaluation: m.fx361.cc, fx361.com -> fx361."""
    host = site.lower().split("//")[-1].split("/")[0].split(":")[0]
    parts = [p for p in host.split(".") if p]
    while len(parts) > 1 and parts[-1] in _SUFFIXES:
        parts.pop()
    while len(parts) > 1 and parts[0] in _PREFIXES:
        parts.pop(0)
    return parts[-1] if parts else host
