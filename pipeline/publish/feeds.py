"""Follow the collection: an Atom feed of the newest articles per edition (RFC 4287) and a sitemap.xml
(sitemaps.org 0.9), with absolute URLs from site_url. Built with an XML library, so they are well formed."""

from __future__ import annotations

import time
from urllib.parse import quote
from xml.etree import ElementTree as ET

from pipeline.core.changes import PipelineError
from pipeline.publish.labels import LABELS
from pipeline.publish.listing import Entry, newest_first

ATOM = "http://www.w3.org/2005/Atom"
SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
FEED_SIZE = 30  # entries per feed: readers poll it, so it stays small whatever the collection's size
PREFIX = {"hans": "", "hant": "zh-Hant/"}  # edition roots under site_url (mkdocs-static-i18n, folder structure)


def page_url(site_url: str, script: str, path: str) -> str:
    """Absolute URL of a page: `path` is its directory URL under the edition root ("" for the home page)."""
    return site_url.rstrip("/") + "/" + quote(PREFIX[script] + path)


def _stamp(epoch: int) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(epoch))


def atom_feed(entries: list[Entry], script: str, site_url: str, epoch: int) -> str:
    """The FEED_SIZE newest articles of one edition. An undated article is `updated` at the build time."""
    L = LABELS[script]
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "zh-Hans" if script == "hans" else "zh-Hant"})

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            el.text = text
        return el

    home = page_url(site_url, script, "")
    chosen = newest_first(entries)[:FEED_SIZE]
    built = _stamp(epoch)
    sub(feed, "id", home + "feed.xml")
    sub(feed, "title", L["site"])
    sub(feed, "subtitle", L["intro"])
    sub(feed, "updated", max((f"{e.date}T00:00:00Z" for e in chosen if e.date), default=built))
    sub(feed, "link", href=home + "feed.xml", rel="self", type="application/atom+xml")
    sub(feed, "link", href=home, rel="alternate", type="text/html")
    sub(sub(feed, "author"), "name", L["site"])  # the collection; each entry names its own authors when known
    for e in chosen:
        url = page_url(site_url, script, f"{e.slug}/")
        item = sub(feed, "entry")
        sub(item, "id", url)
        sub(item, "title", e.title + (L["editorial_mark"] if e.editorial else ""))
        sub(item, "link", href=url, rel="alternate", type="text/html")
        sub(item, "updated", f"{e.date}T00:00:00Z" if e.date else built)
        if e.date:
            sub(item, "published", f"{e.date}T00:00:00Z")
        for name in e.authors:
            sub(sub(item, "author"), "name", name)
        if e.summary:
            sub(item, "summary", e.summary)
        for word in e.keywords:
            sub(item, "category", term=word)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def sitemap(urls: list[str]) -> str:
    ET.register_namespace("", SITEMAP)
    root = ET.Element(f"{{{SITEMAP}}}urlset")
    for url in urls:
        ET.SubElement(ET.SubElement(root, f"{{{SITEMAP}}}url"), f"{{{SITEMAP}}}loc").text = url
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def check_well_formed(name: str, xml: str) -> None:
    """Parse an XML output back: a character XML 1.0 forbids (U+FFFE in a title) would make it unreadable to every
    feed reader and crawler, and the build would not notice."""
    try:
        ET.fromstring(xml.encode("utf-8"))
    except ET.ParseError as exc:
        line = exc.position[0]
        raise PipelineError(f"not well-formed XML: {exc}", file=name, line=line, text=xml.split("\n")[line - 1][:80] if line else "") from None
