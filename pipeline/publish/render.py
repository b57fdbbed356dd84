"""Document + its resolved Article -> Markdown for MkDocs (footnotes, attr_list ids)."""

from __future__ import annotations

import re
from urllib.parse import quote

import yaml

from pipeline.core.escape import escape
from pipeline.document.annotate import Glossing
from pipeline.document.fields import FIELDS, Field
from pipeline.document.model import Document, Paragraph
from pipeline.document.references import Reference, gbt7714
from pipeline.publish.article import Article, venue_text
from pipeline.publish.citations import FILES, TEXT, highwire, jsonld
from pipeline.publish.labels import LABELS, warning_text

_MARKER = re.compile(r"\[(\d{1,3})\]")


def inline(text: str, gloss: Glossing | None = None, where: str = "", notes: set[int] | None = None) -> str:
    """Escaped text with [n] markers turned into footnote references (and glossary terms annotated).
    A marker whose note the page lost (`notes` given and without it) stays plain text: [n]."""
    parts = _MARKER.split(text)
    return "".join((f"[^{p}]" if notes is None or int(p) in notes else escape(f"[{p}]")) if i % 2
                   else (gloss.render(p, where) if gloss else escape(p)) for i, p in enumerate(parts))


def _paragraph(p: Paragraph, label: str, gloss: Glossing | None, notes: set[int]) -> str:
    """A paragraph with its permanent id and an empty link mark (the ¶ is CSS, so it is never copied with the text).
    The mark's name says which paragraph; its tooltip, the same words without the id, is set by reader.js, which is what
    copies the link: a `title` as well was the words twice in every paragraph (issue 21)."""
    lead = f"**{inline(p.lead, gloss, p.id, notes)}**" if p.lead else ""
    mark = f'<a class="para-link" href="#{p.id}" aria-label="{label} {p.id}"></a>'
    return f"{lead}{inline(p.text, gloss, p.id, notes)}{mark}\n{{: #{p.id} .para }}\n"


def front_matter(work: Article, refs: list[Reference]) -> str:
    """Page metadata the theme turns into Highwire <meta> tags and a JSON-LD record (overrides/main.html)."""
    data = {"citation_meta": [list(t) for t in highwire.tags(work)], "jsonld": jsonld.script(work, refs)}
    return "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=True, width=1000) + "---\n\n"


def cite_block(work: Article, refs: list[Reference], L: dict[str, str], root: str = "../") -> str:
    """The citation formats of the registry (pipeline/publish/citations/): the text ones shown, the files linked.
    `root`: the site's root from the article page (../, ../../ in zh-Hant/), where the one copy of the exports is."""
    slug = work.slug
    texts = "".join(f"**{m.TITLE}**：{escape(m.cite(work))}\n{{: .cite-text .cite-{m.CLASS} }}\n\n" for m in TEXT)
    files = " · ".join(f'<a href="{root}cite/{slug}.{m.EXT}">{m.TITLE}</a>' for m in FILES)
    out = [f"## {L['cite']} {{: #cite }}\n",
           f'<div class="cite" markdown>\n\n{texts}{L["cite_files"]}：{files}\n\n{L["cite_note"]}\n\n</div>\n']
    if work.title_editorial:
        out.append(f"{L['cite_editorial']}\n")
    if refs:
        out.append(f"## {L['references']} {{: #references }}\n")
        out.extend(f"{i}. {escape(gbt7714(r))}\n{{: #{r.id} }}\n" for i, r in enumerate(refs, 1))
    return "\n".join(out)


def authors_text(work: Article) -> str:
    """周雅颂（云南行政学院）、李四 — names with their affiliations as the page or the YAML gives them."""
    return "、".join(a.name + (f"（{a.affiliation}）" if a.affiliation else "") for a in work.authors)


def warning_block(warnings: tuple[str, ...], script: str) -> str:
    """The visible notice on a partial page (cut off before its notes, ending mid-sentence, no abstract)."""
    L = LABELS[script]
    lines = "".join(f"    - {escape(warning_text(w, script))}\n" for w in warnings)
    return f'!!! warning "{L["warn_title"]}"\n\n{lines}\n    {L["warn_published"]}\n'


def field_text(f: Field, value: object) -> str:
    """A generic metadata row's value as the page shows it (escaped; a list joined; a link where the row gives one)."""
    if f.link:
        return f"[{escape(str(value))}]({f.link.format(quote(str(value), safe='/;:'))})"
    return "；".join(escape(v) for v in value) if isinstance(value, tuple) else escape(str(value))


def _head_rows(a: Article, L: dict[str, str]) -> list[tuple[str, str]]:
    """Who, where and when: an unknown site or column is no news for a journal article (its venue says where)."""
    unknown = f"*{L['unknown']}*"
    journal = a.venue is not None
    rows = [(L["author"], escape(authors_text(a)) or unknown + (f"（{escape(a.author_note)}）" if a.author_note else ""))]
    if a.publisher or not journal:
        rows.append((L["publisher"], escape(a.publisher) if a.publisher else unknown))
    if a.venue:
        rows.append((L["venue"], escape(venue_text(a.venue))))
    if a.column or not journal:
        rows.append((L["column"], escape(a.column) if a.column else unknown))
    rows += [(L["date"], escape(a.date) if a.date else unknown), (L["source"], f"<{a.source_url}>" if a.source_url else unknown)]
    if a.slug:  # the CLI renders a lone file, which has no report page
        rows.append((L["report"], f"[{L['report_link']}](reports/{a.slug}.md)"))
    return rows


def meta_block(a: Article, L: dict[str, str], gloss: Glossing | None) -> str:
    """The metadata block: who, where and when, then every generic FIELDS row the article has a value for."""
    rows = _head_rows(a, L)
    for f in FIELDS:
        if f.row and (value := a.value(f.key)):
            label = L[f.label_key]
            rows.append((gloss.render(label, "meta") if gloss and f.glossed else label, field_text(f, value)))
    unreviewed = f"{L['unreviewed']}\n{{: .meta-unreviewed }}\n\n" if a.unreviewed else ""  # drafted by scripts.add
    return '<div class="article-meta" id="meta" markdown>\n\n' + "".join(f"{k}\n:   {v}\n\n" for k, v in rows) + unreviewed + "</div>\n"


def _body(doc: Document, a: Article, L: dict[str, str], gloss: Glossing | None) -> list[str]:
    notes = {n.number for n in doc.notes}
    out = []
    if a.abstract:
        out.append(f"## {L['abstract']} {{: #abstract }}\n\n{inline(a.abstract, gloss, 'abstract', notes)}\n")
    if a.keywords:
        out.append(f"**{L['keywords']}**：" + "；".join(gloss.render(k, "keywords") if gloss else escape(k) for k in a.keywords) + "\n{: #keywords }\n")
    for section in doc.sections:
        if section.heading:
            out.append(f"## {inline(section.heading, notes=notes)} {{: #{section.id} }}\n")
        out.extend(_paragraph(p, L["para_link"], gloss, notes) for p in section.paragraphs)
    if doc.author_note:
        out.append(f"---\n\n*{inline(doc.author_note, gloss, 'author-note', notes)}*\n{{: #author-note }}\n")
    if doc.credits:
        out.append("　".join(f"{escape(c.role)}：{escape(c.name)}" for c in doc.credits) + "\n{: #credits }\n")
    return out + _end_matter(doc, a, L)


_ENGLISH = (("title", "Title"), ("authors", "Authors"), ("affiliation", "Affiliation"), ("abstract", "Abstract"),
            ("keywords", "Keywords"))


def _end_matter(doc: Document, a: Article, L: dict[str, str]) -> list[str]:
    """What a journal prints at the foot of an article's first page, as the page writes it: the authors' notes, the
    manuscript's history, the English title, authors and abstract. Kept from the page (the Document), so shown:
    nothing the pipeline kept may be missing from the published page (tests/test_published.py)."""
    out = []
    if a.author_bio:
        out.append(f"**{L['author_bio']}**：{escape(a.author_bio)}\n{{: #author-bio }}\n")
    if doc.history:
        out.append("；".join(escape(h) for h in doc.history) + "\n{: #history }\n")
    english = [(label, value) for key, label in _ENGLISH if doc.english and (value := getattr(doc.english, key))]
    if english:
        rows = "".join(f"{label}\n:   {escape(value)}\n\n" for label, value in english)
        out.append(f"## {L['english']} {{: #english }}\n\n" + f'<div class="english" lang="en" markdown>\n\n{rows}</div>\n')
    return out


def render(doc: Document, article: Article, script: str, gloss: Glossing | None = None,
           cite: tuple[Article, list[Reference]] | None = None) -> str:
    """Markdown of one article in one edition: `article` is its resolved Article in that edition's script;
    `cite`, the simplified original's with its references, makes the citations."""
    L = LABELS[script]
    out = [f"# {escape(article.title)}\n"]
    if article.title_editorial:
        out.append(f'!!! note ""\n    {L["editorial"]}\n')
    if doc.warnings:
        out.append(warning_block(doc.warnings, script))
    out.append(meta_block(article, L, gloss))
    if article.slug:  # the site writes the download links here (overrides/hooks/downloads.py)
        out.append(f"<!-- downloads:{article.slug} -->\n")
    out += _body(doc, article, L, gloss)
    if cite:
        out.append(cite_block(cite[0], cite[1], L, "../" if script == "hans" else "../../"))
    for note in doc.notes:
        out.append(f"[^{note.number}]: {escape(note.text)}\n")
    return (front_matter(*cite) if cite else "") + "\n".join(out)
