"""Document + metadata -> Markdown for MkDocs (footnotes, attr_list ids)."""

from __future__ import annotations

import re

import yaml

from pipeline.core.escape import escape
from pipeline.document.annotate import Glossing
from pipeline.document.model import Document, Paragraph
from pipeline.document.references import Reference, gbt7714
from pipeline.publish.citation import Work, apa_article, gbt_article, highwire, jsonld
from pipeline.publish.labels import LABELS

_MARKER = re.compile(r"\[(\d{1,3})\]")
def inline(text: str, gloss: Glossing | None = None, where: str = "") -> str:
    """Escaped text with [n] markers turned into footnote references (and glossary terms annotated)."""
    parts = _MARKER.split(text)
    return "".join(f"[^{p}]" if i % 2 else (gloss.render(p, where) if gloss else escape(p)) for i, p in enumerate(parts))


def _paragraph(p: Paragraph, label: str, gloss: Glossing | None) -> str:
    """A paragraph with its permanent id and an empty link mark (the ¶ is CSS, so it is never copied with the text)."""
    lead = f"**{inline(p.lead, gloss, p.id)}**" if p.lead else ""
    mark = f'<a class="para-link" href="#{p.id}" title="{label}" aria-label="{label} {p.id}"></a>'
    return f"{lead}{inline(p.text, gloss, p.id)}{mark}\n{{: #{p.id} .para }}\n"


def front_matter(work: Work, refs: list[Reference]) -> str:
    """Page metadata the theme turns into Highwire <meta> tags and a JSON-LD record (overrides/main.html)."""
    data = {"citation_meta": [list(t) for t in highwire(work)], "jsonld": jsonld(work, refs)}
    return "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=True, width=1000) + "---\n\n"


def cite_block(work: Work, refs: list[Reference], L: dict[str, str]) -> str:
    slug = work.slug
    out = [f"## {L['cite']} {{: #cite }}\n",
           f'<div class="cite" markdown>\n\n**GB/T 7714-2025**：{escape(gbt_article(work))}\n{{: .cite-text .cite-gbt }}\n\n'
           f"**APA**：{escape(apa_article(work))}\n{{: .cite-text .cite-apa }}\n\n"
           f"{L['cite_files']}：[CSL-JSON](cite/{slug}.json) · [BibTeX](cite/{slug}.bib) · [RIS](cite/{slug}.ris)\n\n"
           f"{L['cite_note']}\n\n</div>\n"]
    if work.title_editorial:
        out.append(f"{L['cite_editorial']}\n")
    if refs:
        out.append(f"## {L['references']} {{: #references }}\n")
        out.extend(f"{i}. {escape(gbt7714(r))}\n{{: #{r.id} }}\n" for i, r in enumerate(refs, 1))
    return "\n".join(out)


def render(doc: Document, meta: dict[str, object], script: str, gloss: Glossing | None = None,
           cite: tuple[Work, list[Reference]] | None = None) -> str:
    """Markdown of one article in one edition; `meta` values are already in that edition's script."""
    L = LABELS[script]
    unknown = f"*{L['unknown']}*"
    out = [f"# {escape(str(meta['title']))}\n"]
    if meta.get("title_editorial"):
        out.append(f'!!! note ""\n    {L["editorial"]}\n')
    rows = [
        (L["author"], escape("、".join(meta.get("authors") or [])) or unknown + (f"（{escape(str(meta['author_note']))}）" if meta.get("author_note") else "")),
        (L["publisher"], escape(str(meta["publisher"])) if meta.get("publisher") else unknown),
        (L["column"], escape(str(meta["column"])) if meta.get("column") else unknown),
        (L["date"], str(meta["date"]) if meta.get("date") else unknown),
        (L["source"], f"<{meta['source_url']}>" if meta.get("source_url") else unknown),
    ]
    if meta.get("slug"):  # the CLI renders a lone file, which has no report page
        rows.append((L["report"], f"[{L['report_link']}](reports/{meta['slug']}.md)"))
    if doc.clc or meta.get("clc"):
        rows.append((gloss.render(L["clc"], "meta") if gloss else L["clc"], escape(doc.clc or str(meta["clc"]))))
    if doc.doc_code or meta.get("doc_code"):
        rows.append((gloss.render(L["doc_code"], "meta") if gloss else L["doc_code"], escape(doc.doc_code or str(meta["doc_code"]))))
    out.append('<div class="article-meta" id="meta" markdown>\n\n' + "".join(f"{k}\n:   {v}\n\n" for k, v in rows) + "</div>\n")
    if meta.get("slug"):  # the site fills in the download links and sizes (overrides/hooks.py)
        out.append(f"<!-- downloads:{meta['slug']} -->\n")
    if doc.abstract:
        out.append(f"## {L['abstract']} {{: #abstract }}\n\n{inline(doc.abstract, gloss, 'abstract')}\n")
    if doc.keywords:
        out.append(f"**{L['keywords']}**：" + "；".join(gloss.render(k, "keywords") if gloss else escape(k) for k in doc.keywords) + "\n{: #keywords }\n")
    for section in doc.sections:
        if section.heading:
            out.append(f"## {inline(section.heading)} {{: #{section.id} }}\n")
        out.extend(_paragraph(p, L["para_link"], gloss) for p in section.paragraphs)
    if doc.author_note:
        out.append(f"---\n\n*{inline(doc.author_note, gloss, 'author-note')}*\n{{: #author-note }}\n")
    if doc.credits:
        out.append("　".join(f"{escape(c.role)}：{escape(c.name)}" for c in doc.credits) + "\n{: #credits }\n")
    if cite:
        out.append(cite_block(cite[0], cite[1], L))
    for note in doc.notes:
        out.append(f"[^{note.number}]: {escape(note.text)}\n")
    return (front_matter(*cite) if cite else "") + "\n".join(out)
