"""Document + metadata -> Markdown for MkDocs (footnotes, attr_list ids)."""

from __future__ import annotations

import re
from urllib.parse import quote

import yaml

from pipeline.core.escape import escape
from pipeline.document.annotate import Glossing
from pipeline.document.model import Document, Paragraph
from pipeline.document.references import Reference, gbt7714
from pipeline.publish.citation import Work, apa_article, gbt_article, highwire, jsonld, venue_text
from pipeline.publish.labels import LABELS, warning_text

_MARKER = re.compile(r"\[(\d{1,3})\]")
def inline(text: str, gloss: Glossing | None = None, where: str = "", notes: set[int] | None = None) -> str:
    """Escaped text with [n] markers turned into footnote references (and glossary terms annotated).
    A marker whose note the page lost (`notes` given and without it) stays plain text: [n]."""
    parts = _MARKER.split(text)
    return "".join((f"[^{p}]" if notes is None or int(p) in notes else escape(f"[{p}]")) if i % 2
                   else (gloss.render(p, where) if gloss else escape(p)) for i, p in enumerate(parts))


def _paragraph(p: Paragraph, label: str, gloss: Glossing | None, notes: set[int]) -> str:
    """A paragraph with its permanent id and an empty link mark (the ¶ is CSS, so it is never copied with the text)."""
    lead = f"**{inline(p.lead, gloss, p.id, notes)}**" if p.lead else ""
    mark = f'<a class="para-link" href="#{p.id}" title="{label}" aria-label="{label} {p.id}"></a>'
    return f"{lead}{inline(p.text, gloss, p.id, notes)}{mark}\n{{: #{p.id} .para }}\n"


def front_matter(work: Work, refs: list[Reference]) -> str:
    """Page metadata the theme turns into Highwire <meta> tags and a JSON-LD record (overrides/main.html)."""
    data = {"citation_meta": [list(t) for t in highwire(work)], "jsonld": jsonld(work, refs)}
    return "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=True, width=1000) + "---\n\n"


# The export files are not MkDocs pages: the build puts them into site/ beside its output (pipeline/publish/build.py,
# EXTRA), so the links are HTML with the URL as the site has it (the article is at <slug>/; the slug is [a-z0-9-]).
CITE_FILES = (("json", "CSL-JSON"), ("bib", "BibTeX"), ("ris", "RIS"))


def cite_block(work: Work, refs: list[Reference], L: dict[str, str], root: str = "../") -> str:
    """`root`: the site's root from the article page (../, ../../ in zh-Hant/), where the one copy of the exports is."""
    slug = work.slug
    out = [f"## {L['cite']} {{: #cite }}\n",
           f'<div class="cite" markdown>\n\n**GB/T 7714-2025**：{escape(gbt_article(work))}\n{{: .cite-text .cite-gbt }}\n\n'
           f"**APA**：{escape(apa_article(work))}\n{{: .cite-text .cite-apa }}\n\n"
           f"{L['cite_files']}：{' · '.join(f'<a href={chr(34)}{root}cite/{slug}.{ext}{chr(34)}>{name}</a>' for ext, name in CITE_FILES)}\n\n"
           f"{L['cite_note']}\n\n</div>\n"]
    if work.title_editorial:
        out.append(f"{L['cite_editorial']}\n")
    if refs:
        out.append(f"## {L['references']} {{: #references }}\n")
        out.extend(f"{i}. {escape(gbt7714(r))}\n{{: #{r.id} }}\n" for i, r in enumerate(refs, 1))
    return "\n".join(out)


def authors_text(work: Work) -> str:
    """周雅颂（云南行政学院）、李四 — names with their affiliations as the page or the YAML gives them."""
    return "、".join(a.name + (f"（{a.affiliation}）" if a.affiliation else "") for a in work.authors)


def warning_block(warnings: tuple[str, ...], script: str) -> str:
    """The visible notice on a partial page (cut off before its notes, ending mid-sentence, no abstract)."""
    L = LABELS[script]
    lines = "".join(f"    - {escape(warning_text(w, script))}\n" for w in warnings)
    return f'!!! warning "{L["warn_title"]}"\n\n{lines}\n    {L["warn_published"]}\n'


def render(doc: Document, meta: dict[str, object], script: str, gloss: Glossing | None = None,
           cite: tuple[Work, list[Reference]] | None = None) -> str:
    """Markdown of one article in one edition; `meta` values are already in that edition's script.
    What the page states fills what the reviewed YAML leaves empty (Work.of)."""
    L = LABELS[script]
    unknown = f"*{L['unknown']}*"
    shown = Work.of(meta, doc)
    out = [f"# {escape(str(meta['title']))}\n"]
    if meta.get("title_editorial"):
        out.append(f'!!! note ""\n    {L["editorial"]}\n')
    if doc.warnings:
        out.append(warning_block(doc.warnings, script))
    journal = shown.venue is not None  # its venue says where it appeared: an unknown site or column is no news
    rows = [(L["author"], escape(authors_text(shown)) or unknown + (f"（{escape(str(meta['author_note']))}）" if meta.get("author_note") else ""))]
    if meta.get("publisher") or not journal:
        rows.append((L["publisher"], escape(str(meta["publisher"])) if meta.get("publisher") else unknown))
    if shown.venue:
        rows.append((L["venue"], escape(venue_text(shown.venue))))
    if meta.get("column") or not journal:
        rows.append((L["column"], escape(str(meta["column"])) if meta.get("column") else unknown))
    rows += [
        (L["date"], escape(shown.date) if shown.date else unknown),
        (L["source"], f"<{meta['source_url']}>" if meta.get("source_url") else unknown),
    ]
    if meta.get("slug"):  # the CLI renders a lone file, which has no report page
        rows.append((L["report"], f"[{L['report_link']}](reports/{meta['slug']}.md)"))
    if shown.clc:
        rows.append((gloss.render(L["clc"], "meta") if gloss else L["clc"], escape(shown.clc)))
    if shown.doc_code:
        rows.append((gloss.render(L["doc_code"], "meta") if gloss else L["doc_code"], escape(shown.doc_code)))
    if shown.article_no:
        rows.append((L["article_no"], escape(shown.article_no)))
    if shown.doi:
        rows.append((L["doi"], f"[{escape(shown.doi)}](https://doi.org/{quote(shown.doi, safe='/;:')})"))
    if shown.funding:
        rows.append((L["funding"], "；".join(escape(f) for f in shown.funding)))
    unreviewed = f"{L['unreviewed']}\n{{: .meta-unreviewed }}\n\n" if meta.get("extracted") else ""  # drafted by scripts.add
    out.append('<div class="article-meta" id="meta" markdown>\n\n' + "".join(f"{k}\n:   {v}\n\n" for k, v in rows) + unreviewed + "</div>\n")
    if meta.get("slug"):  # the site writes the download links here (overrides/hooks/downloads.py)
        out.append(f"<!-- downloads:{meta['slug']} -->\n")
    notes = {n.number for n in doc.notes}
    if shown.abstract:
        out.append(f"## {L['abstract']} {{: #abstract }}\n\n{inline(shown.abstract, gloss, 'abstract', notes)}\n")
    if shown.keywords:
        out.append(f"**{L['keywords']}**：" + "；".join(gloss.render(k, "keywords") if gloss else escape(k) for k in shown.keywords) + "\n{: #keywords }\n")
    for section in doc.sections:
        if section.heading:
            out.append(f"## {inline(section.heading, notes=notes)} {{: #{section.id} }}\n")
        out.extend(_paragraph(p, L["para_link"], gloss, notes) for p in section.paragraphs)
    if doc.author_note:
        out.append(f"---\n\n*{inline(doc.author_note, gloss, 'author-note', notes)}*\n{{: #author-note }}\n")
    if doc.credits:
        out.append("　".join(f"{escape(c.role)}：{escape(c.name)}" for c in doc.credits) + "\n{: #credits }\n")
    if cite:
        out.append(cite_block(cite[0], cite[1], L, "../" if script == "hans" else "../../"))
    for note in doc.notes:
        out.append(f"[^{note.number}]: {escape(note.text)}\n")
    return (front_matter(*cite) if cite else "") + "\n".join(out)
