"""Pages through which readers find articles, each of a size independent of the collection's size:
a home page with the newest, an index paged PER_PAGE at a time, one (paged) list per year, venue, author
and keyword, breadcrumbs and previous/next within the index. No page lists the whole collection."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pypinyin import lazy_pinyin

from pipeline.core.escape import escape
from pipeline.publish.labels import LABELS

PER_PAGE = 100  # articles per list page: the theme around a list weighs some 10 kB, so fewer, longer pages
NAMES_PER_PAGE = 200  # names (authors, keywords, venues) per directory page
INLINE = 3  # a name with this many articles or fewer has no page of its own: the directory lists them
NEWEST = 10  # articles on the home page
FACETS = ("years", "venues", "authors", "keywords")


@dataclass(frozen=True)
class Entry:
    """What the lists show of one article, in one script."""
    slug: str
    title: str
    date: str | None  # ISO date or None
    venue: str | None
    authors: tuple[str, ...]
    keywords: tuple[str, ...]
    summary: str
    editorial: bool

    def facets(self) -> dict[str, tuple[str, ...]]:
        return {"years": (self.date[:4],) if self.date else (), "venues": (self.venue,) if self.venue else (),
                "authors": self.authors, "keywords": self.keywords}


def name_slug(name: str) -> str:
    """A readable, script-neutral URL part for a Chinese name: its pinyin (callers pass the simplified form)."""
    words = lazy_pinyin(name, errors=lambda s: [c for c in s])
    slug = re.sub(r"[^a-z0-9]+", "-", "-".join(words).lower()).strip("-")
    return slug[:60] or "x"


def newest_first(entries: list[Entry]) -> list[Entry]:
    """Dated articles newest first, then undated ones; ties by slug so the order is stable."""
    dated = sorted(sorted((e for e in entries if e.date), key=lambda e: e.slug), key=lambda e: e.date or "", reverse=True)
    return dated + sorted((e for e in entries if not e.date), key=lambda e: e.slug)


def link(target: str, here: str) -> str:
    """Relative Markdown link from page `here` to page `target` (both plain paths under the locale folder: no `.`,
    `..` or `//`). os.path.relpath gives the same, but made absolute paths of both: 35,000 links took 0.7 s."""
    folder = here.split("/")[:-1]
    parts = target.split("/")
    common = 0
    while common < len(folder) and common < len(parts) - 1 and folder[common] == parts[common]:
        common += 1
    return "/".join([".."] * (len(folder) - common) + parts[common:])


def crumbs(trail: list[tuple[str, str | None]], here: str, script: str) -> str:
    """Breadcrumbs: (label, page or None for the current one)."""
    parts = [f"[{escape(label)}]({link(page, here)})" if page else escape(label) for label, page in trail]
    # each <nav> of a page has a name of its own: screen readers list them by name (crumbs, pager, previous/next)
    return f"<nav class=\"crumbs\" aria-label=\"{LABELS[script]['nav_crumbs']}\" markdown>" + " › ".join(parts) + "</nav>\n"


def _item(e: Entry, here: str, script: str) -> str:
    L = LABELS[script]
    mark = L["editorial_mark"] if e.editorial else ""
    where = " · ".join(x for x in (e.date, e.venue) if x) or L["venue_unknown"]
    return f"- [{escape(e.title)}{mark}]({link(e.slug + '.md', here)}) · {escape(where)}"


def _page_path(base: str, n: int) -> str:
    return f"{base}/index.md" if n == 1 else f"{base}/{n}.md"


def _pager(base: str, n: int, total: int, here: str, script: str) -> str:
    if total <= 1:
        return ""
    L = LABELS[script]
    parts = []
    if n > 1:
        parts.append(f"[← {L['newer']}]({link(_page_path(base, n - 1), here)})")
    parts.append(L["page_of"].format(n=n, total=total))
    if n < total:
        parts.append(f"[{L['older']} →]({link(_page_path(base, n + 1), here)})")
    return f"\n<nav class=\"pager\" aria-label=\"{L['nav_pager']}\" markdown>" + " · ".join(parts) + "</nav>\n"


def paged(base: str, title: str, entries: list[Entry], trail: list[tuple[str, str | None]], script: str,
          intro: str = "") -> dict[str, str]:
    """One list as pages of PER_PAGE: base/index.md, base/2.md, …"""
    total = max(1, -(-len(entries) // PER_PAGE))
    pages = {}
    for n in range(1, total + 1):
        here = _page_path(base, n)
        chunk = entries[(n - 1) * PER_PAGE:n * PER_PAGE]
        head = f"# {escape(title)}\n\n" + crumbs([*trail, (title, None)], here, script) + "\n" + (f"{intro}\n\n" if intro else "")
        body = "\n".join(_item(e, here, script) for e in chunk)
        # The index of all articles is in the site nav, which is drawn before its page is rendered: MkDocs then
        # knows no <h1> and would call it "Index". Its title is our own word, so it can be given up front.
        front = f"---\ntitle: {title}\n---\n\n" if base == "articles" else ""
        pages[here] = front + head + body + "\n" + _pager(base, n, total, here, script)
    return pages


def _name_item(name: str, facet: str, base: str, slugs: dict[str, str], group: list[Entry], inline: bool, here: str,
               script: str) -> str:
    """A directory line: the name linking its own list, with its count; or, for a name with few articles, the name
    and those articles' titles, each linking its article."""
    shown = escape(LABELS[script]["year_title"].format(year=name) if facet == "years" else name)
    if inline:
        return f"- {shown}：" + " · ".join(f"[{escape(e.title)}]({link(e.slug + '.md', here)})" for e in group)
    return f"- [{shown}]({link(f'{base}/{slugs[name]}/index.md', here)}) ({len(group)})"


def listing_pages(entries: list[Entry], script: str, slugs: dict[str, dict[str, str]]) -> dict[str, str]:
    """Every list page of one edition (paths under the locale folder). `slugs`: facet -> name -> URL part,
    computed once from the simplified names so both editions share URLs."""
    L = LABELS[script]
    order = newest_first(entries)
    home = ("index.md", None)
    everything = ("articles/index.md", None)
    pages = paged("articles", L["all_articles"], order, [(L["home"], home[0])], script,
                  intro=" · ".join(f"[{L['by_' + f]}]({f}/index.md)" for f in FACETS))
    trail = [(L["home"], "index.md"), (L["all_articles"], everything[0])]
    for facet in FACETS:
        groups: dict[str, list[Entry]] = {}
        for e in order:
            for name in e.facets()[facet]:
                groups.setdefault(name, []).append(e)
        names = sorted(groups, reverse=True) if facet == "years" else sorted(groups, key=lambda n: (-len(groups[n]), n))
        base = f"articles/{facet}"
        # A name with few articles (most authors, most keywords of a real collection) has no page of its own: a whole
        # page of the theme around a line or two, 1.5 such pages an article per edition on the synthetic collection
        # (issue 21); the directory lists its articles. Every year keeps its page: the articles' breadcrumbs link it.
        inline = {name: group for name, group in groups.items() if len(group) <= INLINE and facet != "years"}
        for name in names:
            if name in inline:
                continue
            title = L["year_title"].format(year=name) if facet == "years" else name
            pages.update(paged(f"{base}/{slugs[facet][name]}", title, groups[name],
                               [*trail, (L["by_" + facet], f"{base}/index.md")], script))
        total = max(1, -(-len(names) // NAMES_PER_PAGE))  # the directory of names, paged too
        for n in range(1, total + 1):
            here = _page_path(base, n)
            chunk = names[(n - 1) * NAMES_PER_PAGE:n * NAMES_PER_PAGE]
            items = "\n".join(_name_item(x, facet, base, slugs[facet], groups[x], x in inline, here, script) for x in chunk)
            pages[here] = (f"# {L['by_' + facet]}\n\n" + crumbs([*trail, (L["by_" + facet], None)], here, script) + "\n"
                           + (items or L["none"]) + "\n" + _pager(base, n, total, here, script))
    return pages


def home_page(entries: list[Entry], script: str) -> str:
    L = LABELS[script]
    here = "index.md"
    out = [f"# {L['site']}\n", f"{L['intro']}\n", "<!-- downloads:index -->\n", f"## {L['newest']}\n"]
    for e in newest_first(entries)[:NEWEST]:
        mark = L["editorial_mark"] if e.editorial else ""
        where = " · ".join(x for x in (e.date, e.venue) if x) or L["venue_unknown"]
        out.append(f"### [{escape(e.title)}{mark}]({e.slug}.md)\n\n{escape(where)}\n\n{escape(e.summary)}\n\n"
                   f"[{L['read']}]({e.slug}.md) · [{L['report']}](reports/{e.slug}.md)\n")
    out.append(f"[{L['all_articles']}（{len(entries)}）](articles/index.md) · "
               + " · ".join(f"[{L['by_' + f]}]({link(f'articles/{f}/index.md', here)})" for f in FACETS) + "\n")
    return "\n".join(out)


def article_nav(entries: list[Entry], script: str) -> dict[str, tuple[str, str]]:
    """slug -> breadcrumbs for the top and previous/next (within the index) for the end of its page."""
    L = LABELS[script]
    order = newest_first(entries)
    out = {}
    for i, e in enumerate(order):
        here = f"{e.slug}.md"
        # Links only to first pages (the index, the year): an article's page number in the index changes whenever a
        # newer one is added, and linking to it would make every older article's page change (and be rendered again).
        trail = [(L["home"], "index.md"), (L["all_articles"], "articles/index.md")]
        if e.date:
            trail.append((L["year_title"].format(year=e.date[:4]), f"articles/years/{e.date[:4]}/index.md"))
        top = crumbs([*trail, (e.title, None)], here, script)
        parts = []
        if i > 0:
            parts.append(f"<span class=\"prev\">← {L['previous']}：[{escape(order[i - 1].title)}]({order[i - 1].slug}.md)</span>")
        if i + 1 < len(order):
            parts.append(f"<span class=\"next\">{L['next']}：[{escape(order[i + 1].title)}]({order[i + 1].slug}.md) →</span>")
        bottom = (f"\n<nav class=\"prev-next\" aria-label=\"{L['nav_prev_next']}\" markdown>" + " ".join(parts) + "</nav>\n") if parts else ""
        out[e.slug] = (top, bottom)
    return out


_H1 = re.compile(r"^# .*\n?", re.MULTILINE)


def with_nav(markdown: str, nav: tuple[str, str]) -> str:
    """Insert breadcrumbs under the page's title and previous/next at the end of an article page.
    MkDocs takes a page's title only from an <h1> that comes first, so nothing may stand above it."""
    top, bottom = nav
    start = markdown.index("\n---\n", 4) + 5 if markdown.startswith("---\n") else 0
    heading = _H1.search(markdown, start)
    at = heading.end() if heading else start
    return markdown[:at] + "\n" + top + markdown[at:] + bottom
