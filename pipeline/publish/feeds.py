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
PREFIX = {"hans": "", "hant": "zh-Hant/"}
LANG = {"hans": "zh-Hans", "hant": "zh-Hant"}
XHTML = "http://www.w3.org/1999/xhtml"  # edition roots under site_url (mkdocs-static-i18n, folder structure)


def page_url(site_url: str, script: str, path: str) -> str:
    """Absolute URL of a page: `path` is its directory URL under the edition root ("" for the home page)."""
    return site_url.rstrip("/") + "/" + quote(PREFIX[script] + path)


def _stamp(epoch: int) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(epoch))


def _stamp_of(date: str) -> str:
    """An RFC 3339 time for a YYYY-MM-DD, YYYY-MM or YYYY date (its first day)."""
    return (date + "-01-01"[len(date) - 4:] if len(date) < 10 else date) + "T00:00:00Z"


def atom_feed(entries: list[Entry], script: str, site_url: str, epoch: int) -> str:
    """The FEED_SIZE newest articles of one edition. A dated article is `updated` at its date; an undated one at the
    build's time (SOURCE_DATE_EPOCH: the commit's, so deterministic), and the feed's `updated` is the latest of its
    entries', never older than one of them (it was 2023 while an undated entry said the build time)."""
    L = LABELS[script]
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": LANG[script]})

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
    updated = {e.slug: _stamp_of(e.date) if e.date else built for e in chosen}
    sub(feed, "updated", max(updated.values(), default=built))
    sub(feed, "link", href=home + "feed.xml", rel="self", type="application/atom+xml")
    sub(feed, "link", href=home, rel="alternate", type="text/html")
    sub(sub(feed, "author"), "name", L["site"])  # the collection; each entry names its own authors when known
    for e in chosen:
        url = page_url(site_url, script, f"{e.slug}/")
        item = sub(feed, "entry")
        sub(item, "id", url)
        sub(item, "title", e.title + (L["editorial_mark"] if e.editorial else ""))
        sub(item, "link", href=url, rel="alternate", type="text/html")
        sub(item, "updated", updated[e.slug])
        if e.date:
            sub(item, "published", _stamp_of(e.date))
        for name in e.authors:
            sub(sub(item, "author"), "name", name)
        if e.summary:
            sub(item, "summary", e.summary)
        for word in e.keywords:
            sub(item, "category", term=word)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def sitemap(pages: list[dict[str, str]], epoch: int) -> str:
    """The site's one sitemap (MkDocs writes none: overrides/hooks/theme_files.py). `pages`: each page's URL per edition (hans,
    hant); each edition's URL is listed with both editions as `xhtml:link` alternates and the simplified one as
    x-default. lastmod: the build's date (SOURCE_DATE_EPOCH, the commit's), when every page was last made."""
    ET.register_namespace("", SITEMAP)
    ET.register_namespace("xhtml", XHTML)
    root = ET.Element(f"{{{SITEMAP}}}urlset")
    lastmod = time.strftime("%Y-%m-%d", time.gmtime(epoch))
    for page in pages:
        for script in (s for s in PREFIX if s in page):
            url = ET.SubElement(root, f"{{{SITEMAP}}}url")
            ET.SubElement(url, f"{{{SITEMAP}}}loc").text = page[script]
            ET.SubElement(url, f"{{{SITEMAP}}}lastmod").text = lastmod
            for lang, href in hreflang(page):
                ET.SubElement(url, f"{{{XHTML}}}link", {"rel": "alternate", "hreflang": lang, "href": href})
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def hreflang(page: dict[str, str]) -> list[tuple[str, str]]:
    """(hreflang, URL) of a page's editions, then x-default: the simplified (default) edition."""
    out = [(LANG[s], page[s]) for s in PREFIX if s in page]
    return out + [("x-default", page["hans"])] if "hans" in page and len(out) > 1 else out


def robots(site_url: str) -> str:
    """Everything may be crawled; the sitemap's absolute URL when the site knows where it is published.
    (Crawlers read robots.txt at a host's root only: on a project site (/repo/) the host's owner must point to it.)"""
    lines = ["User-agent: *", "Allow: /"]
    if site_url:
        lines.append(f"Sitemap: {site_url.rstrip('/')}/sitemap.xml")
    return "\n".join(lines) + "\n"


def check_well_formed(name: str, xml: str) -> None:
    """Parse an XML output back: a character XML 1.0 forbids (U+FFFE in a title) would make it unreadable to every
    feed reader and crawler, and the build would not notice."""
    try:
        ET.fromstring(xml.encode("utf-8"))
    except ET.ParseError as exc:
        line = exc.position[0]
        raise PipelineError(f"not well-formed XML: {exc}", file=name, line=line, text=xml.split("\n")[line - 1][:80] if line else "") from None
