"""The change report of one article: JSON for machines, Markdown for readers.

The reader's page (校勘记) explains each rule in Chinese, in the edition's script. Removed site chrome and
spam is never quoted on a published page: it says what kind of text went, where, its length and its
sha256; the raw file (linked from the page) keeps it byte for byte.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from collections import Counter
from collections.abc import Callable
from urllib.parse import quote

from pipeline.core.changes import Change
from pipeline.core.chars import INVISIBLE
from pipeline.core.escape import escape
from pipeline.core.layout import RAW_IN_REPOSITORY, raw_url
from pipeline.document.editions import to_traditional
from pipeline.document.fields import FIELDS
from pipeline.document.words import Lazy, words
from pipeline.publish.labels import warning_text

# rule -> (title, what it does and why), simplified: corpus/data/words/ (rules); the 繁體 page takes them from the
# 繁體 words (their s2tw unless zh-Hant.yaml writes one out).
RULES: Lazy[tuple[str, str]] = Lazy(lambda: {rule: (w["name"], w["explain"]) for rule, w in words("hans")["rules"].items()})  # type: ignore[index, union-attr]

# Rules whose removed text is never quoted on a published page (spam, chrome).
REDACTED = {"remove_chrome"}

# Per-change reasons the rules give (English, for developers) -> the reader's words (corpus/data/words/: reasons, keyed as
# here, {0}, {1}: the match's groups or what the function here makes of them); the first match wins.
# Source text a reason quotes (a label as the page wrote it) goes in a code span: quoted, never converted.
_REPORT: Lazy[str] = Lazy(lambda: words("hans")["report"])  # type: ignore[assignment]
# A field as a reason names it (the doc_code field, the author-bio field) -> its label (FIELDS, from the words files)
_FIELDS: Lazy[str] = Lazy(lambda: {name: f.words[0] for f in FIELDS if f.words for name in (f.key, f.key.replace("_", "-"))})
_REASON_WORDS: Lazy[str] = Lazy(lambda: words("hans")["reasons"])  # type: ignore[assignment]


def _quoted(label: str) -> str:
    return label.replace("`", "'")


def _groups(m: re.Match[str]) -> tuple[str, ...]:
    return m.groups("")


_Args = Callable[[re.Match[str]], tuple[str, ...]]
_REASONS: list[tuple[re.Pattern[str], str, _Args]] = [(re.compile(p), key, args[0] if args else _groups)
                                                       for p, key, *args in [
    (r"spam line", "spam_line"),
    (r"document-sharing site's section label", "document_sharing_site_section_label"),
    (r"document-sharing site's file record", "document_sharing_site_file_record"),
    (r"reading statistics", "reading_statistics"),
    (r"the server's page timing", "server_page_timing"),
    (r"harvested catalogue record", "harvested_catalogue_record"),
    (r"site notice \(reprint or disclaimer\)", "site_notice_reprint_disclaimer"),
    (r"document-sharing site's note", "document_sharing_site_note"),
    (r"document-sharing site's upload notice", "document_sharing_site_upload_notice"),
    (r"document viewer's page counter", "document_viewer_page_counter"),
    (r"page widget's status message", "page_widget_status_message"),
    (r"view and download counter", "view_download_counter"),
    (r"^social-media prompt", "social_media_prompt"),
    (r"thesis catalogue's links", "thesis_catalogue_links"),
    (r"download and citation counters", "download_citation_counters"),
    (r"an image's file name", "image_file_name"),
    (r"the site's tag line", "site_tag_line"),
    (r"site name between two chrome lines", "site_name_two_chrome_lines"),
    (r"site name above the site's navigation", "site_name_above_site_navigation"),
    (r"space inside Chinese prose", "space_inside_chinese_prose"),
    (r"navigation menu", "navigation_menu"),
    (r"welcome banner", "welcome_banner"),
    (r"search box", "search_box"),
    (r"contact line", "contact_line"),
    (r"search-result teaser", "search_result_teaser"),
    (r"related-articles", "related_articles"),
    (r"view counter|rating", "view_counter_rating"),
    (r"cite-this-article", "cite_this_article"),
    (r"app download prompt", "app_download_prompt"),
    (r"download prompt", "download_prompt"),
    (r"section label", "section_label"),
    (r"error page|web server signature", "error_page"),
    (r"site navigation bar", "site_navigation_bar"),
    (r"breadcrumb", "breadcrumb"),
    (r"page tools", "page_tools"),
    (r"scraper's teaser label", "scraper_teaser_label"),
    (r"copyright|footer", "copyright_footer"),
    (r"share", "share"),
    (r"repeat of lines (\d+)[–-](\d+)", "repeat_lines"),
    (r"repeat of line (\d+)$", "repeat_line"),
    (r"damaged text the repairs could not read", "damaged_text"),
    (r"a space GBK could not hold, between two fields", "space_gbk_between_fields"),
    (r"a question mark at the end of a line", "question_mark_end_line"),
    (r"the site's (?:chrome|spam) inside the article's header \(line labeller\)", "labeller_site_text_in_header"),
    (r"the site's (?:chrome|spam) between the article's paragraphs \(line labeller\)", "labeller_site_text_in_body"),
    (r"the page repeats the title$", "page_repeats_title"),
    (r"a PDF's watermark, its letters spaced apart", "pdf_watermark_letters_spaced_apart"),
    (r"the site's shortened copy of the abstract", "site_shortened_copy_abstract"),
    (r"byline \(line labeller\) names no one", "byline_names_no_one"),
    (r"byline repeats the authors", "byline_repeats_authors"),
    (r"date line \(line labeller\)", "date_line_labeller"),
    (r"venue line \(line labeller\)", "venue_line_labeller"),
    (r"venue repeated by the page", "venue_repeated_page"),
    (r"the title line names its authors before a colon", "title_line_names_authors"),
    (r"the site's decoration around the title", "site_decoration_around_title"),
    (r"authors named by the author bio", "authors_named_author_bio"),
    (r"variant of (\S+) \(traditional\) / (\S+) \(simplified\)", "variant_traditional_simplified"),
    (r"label (.+?): value kept with the author notes", "label_kept_with_author_notes", lambda m: (_quoted(m.group(1)),)),
    (r"an earlier keyword line replaced by a later list", "earlier_keyword_line"),
    (r"author line with the affiliation in parentheses", "author_line_affiliation_parentheses"),
    (r"app or social-media prompt", "app_social_media_prompt"),
    (r"GBK stream shifted by one byte.*\(gain (\d+) nats\)", "gbk_stream_shifted_one_byte"),
    (r"HTML character reference", "html_character_reference"),
    (r"ruby annotation cut off", "ruby_annotation_cut_off"),
    (r"ruby annotation", "ruby_annotation"),
    (r"lost to form decoding", "lost_form_decoding"),
    (r"traditional (\S) in simplified text", "traditional_in_simplified"),
    (r"half-width mark", "half_width_mark"),
    (r"reviewed conversion override", "reviewed_conversion_override"),
    (r"outside the words that keep it", "outside_words_that_keep_it"),
    (r"converted to the canonical simplified text", "converted_canonical_simplified_text"),
    (r"a line of HTML markup", "line_html_markup"),
    (r"byline \(date and authors run together, an HTML tag's end", "byline_date_authors_html_end"),
    (r"HTML tag", "html_tag"),
    (r"the site's page title", "site_page_title"),
    (r"title repeated at the start", "title_repeated_start"),
    (r"chunk number of a document-sharing site; the piece continues", "chunk_number_continues"),
    (r"chunk number of a document-sharing site", "chunk_number"),
    (r"a line of '\?'", "question_mark_line"),
    (r"a real question mark", "real_question_mark"),
    (r"no-break spaces between metadata fields", "no_break_spaces_metadata_fields"),
    (r"no-break spaces inside a letter-spaced label", "no_break_spaces_inside_letter"),
    (r"partial page published with a notice \((.+)\)", "partial_page", lambda m: (warning_text(m.group(1), "hans"),)),
    (r"heading split over two lines", "heading_split_over_two_lines"),
    (r"label Abstract ", "label_abstract"),
    (r"label Keywords ", "label_keywords"),
    (r"label 关键词 and the separators.*cut off by the end of the page", "keywords_label_cut_off"),
    (r"label 关键词 and the separators", "keywords_label_separators"),
    (r"^label (.+?) becomes the ([a-z_-]+) field",
     "label_becomes_field", lambda m: (_quoted(m.group(1)), _FIELDS.get(m.group(2), _REPORT["article_info"]))),
    (r"label 摘要", "label_abstract_zh"),
    (r"label 关键词", "label_keywords_zh"),
    (r"CLC and document-code labels", "clc_document_code_labels"),
    (r"DOI becomes metadata", "doi_becomes_metadata"),
    (r"PDF first page pasted as one line", "pdf_first_page_pasted_one"),
    (r"PDF running header", "pdf_running_header"),
    (r"label 作者 over the authors' lines", "label_over_authors_lines"),
    (r"author line under the label 作者", "author_line_under_label"),
    (r"source line names a journal: venue", "source_line_names_journal_venue"),
    (r"author named by the affiliation line", "author_named_affiliation_line"),
    (r"header line names the journal the article comes from", "header_line_names_journal"),
    (r"byline with the journal after a comma", "byline_with_journal_after_comma"),
    (r"names all the authors", "names_all_authors"),
    (r"affiliation line", "affiliation_line"),
    (r"author line becomes the authors", "author_line_becomes_authors"),
    (r"author named by the unlabelled bio line", "author_named_unlabelled_bio_line"),
    (r"author names repeated", "author_names_repeated"),
    (r"byline \(date and authors run together\)", "byline_date_authors"),
    (r"byline .* becomes the authors", "byline_becomes_authors"),
    (r"letter-spacing inside a heading", "letter_spacing_inside_heading"),
    (r"note printed inside the text", "note_printed_inside_text"),
    (r"publication date becomes metadata", "publication_date_becomes_metadata"),
    (r"separator after a date of the article's history", "separator_after_history_date"),
    (r"site furniture", "site_furniture"),
    (r"source line names the journal", "source_line_names_journal"),
    (r"stray space inside the title", "stray_space_inside_title"),
    (r"text above the article's title is the site's", "text_above_title"),
    (r"reposting site names itself", "reposting_site_names_itself"),
    (r"author field names the journal", "author_field_names_journal"),
    (r"own tag line", "own_tag_line"),
    (r"venue header broken over lines", "venue_header_broken_over_lines"),
    (r"venue line becomes metadata", "venue_line_becomes_metadata"),
    (r"typographic space inside a name", "typographic_space_inside_name"),
    (r"notes heading", "notes_heading"),
    (r"note number", "note_number"),
    (r"brackets around the author note", "brackets_around_author_note"),
    (r"separators between editor credits", "separators_editor_credits"),
    (r"colon after a credit's role", "colon_after_credit_role"),
]]
# When a rule's reasons are free text (the errata's reviewed notes), the reader gets this instead.
_RULE_REASON = {"apply_errata": _REPORT["errata"]}


def reason_zh(change: Change) -> str:
    """The reader's Chinese for a change's reason; "" when it has none (the JSON keeps the developer's text)."""
    for rx, key, args in _REASONS:
        if m := rx.search(change.reason):
            return _REASON_WORDS[key].format(*args(m))
    return _RULE_REASON.get(change.rule, "")


def counts(changes: list[Change]) -> dict[str, int]:
    return dict(sorted(Counter(c.rule for c in changes).items()))


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def public_change(c: Change) -> dict[str, object]:
    """A change as published: removed chrome and spam is described (kind, length, sha256), never quoted."""
    if c.rule not in REDACTED or not c.before:
        return c.as_dict()
    reason = re.sub(r"\s*\(.*\)$", "", c.reason)  # "spam line (3 markers: …)" would quote the spam's words
    return {"rule": c.rule, "line": c.line, "before": None, "after": c.after, "reason": reason,
            "removed": {"kind": reason_zh(c) or _REPORT["element"], "length": len(c.before), "sha256": sha256(c.before)}}


def to_json(slug: str, raw: str, changes: list[Change], warnings: tuple[str, ...] = ()) -> str:
    body = {"article": slug, "raw": raw, "counts": counts(changes), "warnings": list(warnings),
            "changes": [public_change(c) for c in changes]}
    # one change a line: at 10,000 articles the indented form was 30 kB an article (issue 21); still diffs line by line
    head = json.dumps({k: v for k, v in body.items() if k != "changes"}, ensure_ascii=False)[:-1]  # without its "}"
    changes = ",\n".join(json.dumps(c, ensure_ascii=False, separators=(",", ":")) for c in body["changes"])
    return head + ', "changes": [' + (f"\n{changes}\n" if changes else "") + "]}\n"


_INVISIBLE = re.compile(f"[\t\r{INVISIBLE}]")  # a quoted tab or CR is named too


def _cell(text: str) -> str:
    # Removed invisible characters are named, not printed (an ESC or a bidi override would act on the page).
    shown = _INVISIBLE.sub(lambda m: f"<U+{ord(m.group()):04X}>", text).replace("\n", "⏎")
    shown = shown if len(shown) <= 60 else shown[:57] + "…"
    return "`" + shown.replace("`", "'").replace("|", "\\|") + "`" if shown else _REPORT["empty"]


def _removed(c: Change) -> str:
    return _REPORT["removed"].format(kind=reason_zh(c) or _REPORT["element"], length=len(c.before), sha256=sha256(c.before))


def _lines(lines: list[int], times: str, shown: int = 10) -> str:
    """The lines of identical changes: each once, at most `shown` of them, and how many changes when more than one."""
    unique = list(dict.fromkeys(lines))
    text = ", ".join(map(str, unique[:shown])) + ("…" if len(unique) > shown else "")
    return text + (times.format(n=len(lines)) if len(lines) > 1 else "")


def to_markdown(slug: str, title: str, raw: str, changes: list[Change], examples: int = 8, script: str = "hans",
                warnings: tuple[str, ...] = ()) -> str:
    """The 校勘记 page. Our own words follow the edition's script; the quoted source text never does."""
    def ours(text: str) -> str:  # a reason: the s2tw of the finished sentence, which may quote the page
        return text if script == "hans" else to_traditional(text)

    W = words(script)
    R: dict[str, str] = W["report"]  # type: ignore[assignment]
    rules: dict[str, dict[str, str]] = W["rules"]  # type: ignore[assignment]

    def name(rule: str) -> str:
        return rules[rule]["name"] if rule in rules else rule

    # Never in the search index: the removed spam and chrome quoted here must not be findable.
    # Every value from the corpus (title, file name, reasons from the reviewed data) is escaped: text, never markup.
    # the raw file and the JSON are not MkDocs pages (pipeline/publish/build.py, EXTRA): HTML links, with the URL as the
    # site has it (this page is at reports/<slug>/); one copy of each, at the site's root, for both editions
    root = "../../" if script == "hans" else "../../../"
    if url := raw_url():  # the deployed site links the repository's raw file (RAW_URL, pipeline/core/layout.py),
        # percent-encoded where Markdown would read the URL (a backquote, backslash, [ ], &: the site's escaped-run reader
        # takes an "&amp;" for escaped text, even in a tag), then escaped for the attribute
        raw_href = quote(url, safe=":/?#@!$'()*+,;=%~") + f"{RAW_IN_REPOSITORY}/{quote(raw)}"
    else:
        raw_href = f"{root}raw/{quote(raw)}"
    # its own template (overrides/report.html): the theme's head and the site's name, language switch, no Material script
    out = ["---\ntemplate: report.html\nsearch:\n  exclude: true\n---\n", "# " + R["title"] + escape(title) + "\n",
           R["raw"] + f'<a href="{html.escape(raw_href)}">{_cell(raw)}</a> · '
           + R["json"] + f'<a href="{root}reports/{slug}.json">`{slug}.json`</a> · '
           + R["read"] + f"[{R['back']}](../{slug}.md)\n",
           R["intro"] + "\n"]
    if warnings:
        out.append(R["partial"] + "；".join(warning_text(w, script) for w in warnings) + R["partial_end"] + "\n")
    out.append(f"| {R['rule']} | {R['count']} |\n|---|---|")
    out += [f"| [{name(rule)}](#{rule}) (`{rule}`) | {n} |" for rule, n in counts(changes).items()]
    for rule in counts(changes):
        group = [c for c in changes if c.rule == rule]
        explain = rules[rule]["explain"] if rule in rules else ""
        out.append(f"\n## {name(rule)} {{: #{rule} }}\n\n{explain}\n\n"
                   + f"| {R['line']} | {R['before']} | {R['after']} | {R['reason']} |\n|---|---|---|---|")
        # Identical changes (same text before and after, same reason) are one row with their lines and count: a page's
        # 39 half-width commas were 8 rows and "31 more" (issue 21: reports lighter, and the whole rule shown).
        rows: dict[tuple[str, str, str], list[int]] = {}
        for c in group:
            before = ours(_removed(c)) if rule in REDACTED and c.before else _cell(c.before)
            rows.setdefault((before, _cell(c.after), ours(reason_zh(c)) or "—"), []).append(c.line)
        for (before, after, reason), lines in list(rows.items())[:examples]:
            out.append(f"| {_lines(lines, R['times'])} | {before} | {after} | {reason} |")
        if len(rows) > examples:
            out.append("\n" + R["more"].format(n=sum(len(lines) for lines in list(rows.values())[examples:])))
    return "\n".join(out) + "\n"
