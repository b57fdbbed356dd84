"""The codes a change record gives for what a rule did (issue 20): a rule writes a code and its arguments, never prose,
and no module reads a reason's wording.

A code's words for the reader are under `reasons:` in corpus/data/words/ (keyed by the code; {0}, {1}: its arguments
as pipeline/publish/report.py shows them). A code with no words there (WORDLESS) shows "—" on the report page, as the
decoder's notes always have. chrome.yaml's rows name their code too (checked against the words when the data are
loaded). EXPLAIN is the developer's English, one line a code: what the rule did, and what its arguments are.
"""

from __future__ import annotations

EXPLAIN: dict[str, str] = {
    # decode (no reader words: the report shows "—")
    "byte_order_mark": "byte-order mark removed; args: the codec the text was decoded as",
    "decoded_as": "not UTF-8; args: the codec chosen, the UTF-8 error, its byte, each codec's dictionary log-probability",
    "line_ends": "Windows/Mac line ends made \\n; args: how many",
    "line_end_character": "a Unicode line or paragraph separator made a line end; args: its name",
    "invisible_character": "an invisible character removed; args: U+XXXX, its name",
    # remove_chrome (the chrome lines' own codes are chrome.yaml's)
    "spam_line": "spam line; args: the spam markers it holds (never published: removed text is not quoted)",
    "site_name_above_site_navigation": "a site's name between two chrome lines, above the site's navigation",
    "labeller_site_text_in_header": "the site's chrome or spam inside the article's header (line labeller); args: chrome|spam",
    "labeller_site_text_in_body": "the site's chrome or spam between the article's paragraphs (line labeller); args: chrome|spam",
    "pdf_watermark_letters_spaced_apart": "a PDF's watermark, its letters spaced apart",
    # remove_duplicate_blocks
    "repeat_lines": "repeat of a block of lines; args: its first and last line",
    "repeat_line": "repeat of a long line; args: the line it repeats",
    # apply_errata
    "errata": "a reviewed errata entry; args: the entry's reason (corpus/data/errata.yaml)",
    # repair_gbk_shift
    "gbk_stream_shifted_one_byte": "GBK stream shifted by one byte, realigned and decoded; args: the gain in nats",
    # decode_entities
    "html_character_reference": "HTML character reference",
    # remove_inline_pinyin
    "ruby_annotation": "ruby annotation left as inline text",
    "ruby_annotation_cut_off": "ruby annotation cut off where the truncated page ends (the page is cut short)",
    # restore_lost_plus
    "lost_form_decoding": "a space where a slogan's '+' stood: lost to form decoding",
    # fix_mixed_script
    "traditional_in_simplified": "a traditional character in simplified text; args: the character",
    "traditional_forms_in_simplified": "traditional forms in simplified text (a phrase conversion changed the length)",
    # normalise_punctuation, normalise_width, remove_stray_spaces
    "half_width_mark": "half-width mark in Chinese text",
    "fullwidth_letters_digits": "fullwidth Latin letters or digits in Chinese text",
    "space_inside_chinese_prose": "space inside Chinese prose (PDF line break or halfwidth-style spacing)",
    # convert_t2s, override_*, context_*
    "converted_canonical_simplified_text": "traditional source converted to the canonical simplified text with OpenCC t2s",
    "reviewed_conversion_override": "reviewed conversion override (conversion_overrides.tsv)",
    "outside_words_that_keep_it": "a character outside the words that keep it (script_context.yaml); args: it, what it became",
    # remove_html_tags
    "line_html_markup": "a line of HTML markup left by the scraper (tags and list bullets only)",
    "html_tag": "HTML tag left in the text",
    # remove_repeated_header
    "site_page_title": "the site's page title (article title with the site's name or a tag; or one naming the article)",
    "title_repeated_start": "the title repeated at the start of the first paragraph",
    # join_numbered_chunks
    "chunk_number": "chunk number of a document-sharing site",
    "chunk_number_continues": "chunk number of a document-sharing site; the piece continues the previous one mid-sentence",
    # restore_lost_spaces
    "question_mark_line": "a line of '?': no-break spaces GBK could not hold",
    "no_break_spaces_inside_letter": "lost no-break spaces inside a letter-spaced label",
    "no_break_spaces_metadata_fields": "lost no-break spaces between metadata fields",
    "indent_spaces": "lost ideographic or no-break spaces indenting a line",
    "real_question_mark": "a real question mark ending a question clause (not garbling)",
    # normalise_variants
    "variant_traditional_simplified": "a variant character (variants.tsv); args: its traditional form, its simplified form, the row's reason",
    "compatibility_ideograph": "compatibility ideograph or Kangxi radical (Unicode NFKC)",
    # mark_damage
    "damaged_text": "damaged text the repairs could not read: marked □ (a character or more lost here)",
    "space_gbk_between_fields": "a space GBK could not hold, between two fields of a label's line",
    "question_mark_end_line": "a question mark at the end of a line of Chinese text",
    # structure
    "partial_page": "partial page published with a notice; args: the warning code",
    "site_shortened_copy_abstract": "the site's shortened copy of the abstract",
    "pdf_first_page_pasted_one": "PDF first page pasted as one line: broken into header lines",
    "letter_spacing_inside_heading": "letter-spacing inside a heading closed up",
    "note_printed_inside_text": "note printed inside the text moved to the notes",
    "page_repeats_title": "the page repeats the title",
    "page_repeats_title_before_text": "the page repeats the title before the text",
    "pdf_running_header": "PDF running header spliced into the text: removed (gives the venue)",
    "label_over_authors_lines": "label 作者 over the authors' lines",
    "author_line_under_label": "author line under the label 作者 (name, then affiliation) becomes the authors",
    "note_number": "note number becomes the footnote's number",
    "separators_editor_credits": "separators between editor credits",
    "colon_after_credit_role": "colon after a credit's role",
    "brackets_around_author_note": "brackets around the author note",
    "notes_heading": "notes heading rendered by the page template",
    "authors_named_author_bio": "authors named by the author bio",
    "author_line_becomes_authors": "author line becomes the authors (marks are affiliation numbers)",
    "author_names_repeated": "author names repeated by the page (kept once, as split here)",
    "names_all_authors": "a byline or author line names all the authors (the title line gave the first)",
    "affiliation_line": "affiliation line becomes the authors' affiliations",
    "author_named_unlabelled_bio_line": "author named by the unlabelled bio line",
    "author_named_affiliation_line": "author named by the affiliation line (kept with the author notes)",
    "stray_space_inside_title": "stray space inside the title",
    "heading_split_over_two_lines": "heading split over two lines joined",
    "typographic_space_inside_name": "typographic space inside a name",
    "label_becomes_field": "a header label; args: the label as the page wrote it, the field its value went to",
    "label_kept_with_author_notes": "a header label whose value is kept with the author notes; args: the label",
    "label_author_affiliation": "label 作者单位 becomes the authors' affiliation",
    "label_abstract": "label Abstract becomes the English abstract's heading",
    "label_keywords": "label Keywords becomes the English keywords' heading",
    "keywords_label_separators": "label 关键词 and the separators between keywords become the keyword list",
    "keywords_label_cut_off": "as keywords_label_separators; the last one was cut off by the end of the page, so it is not a keyword",
    "own_tag_line": "the site's own tag line (words run together), not the article's keyword list",
    "earlier_keyword_line": "an earlier keyword line replaced by a later list",
    "doi_becomes_metadata": "DOI becomes metadata (doi)",
    "separator_after_history_date": "separator after a date of the article's history",
    "separator_after_date": "separator after a date (not the publication date)",
    "publication_date_becomes_metadata": "publication date becomes metadata (date)",
    "byline_becomes_authors": "byline becomes the authors",
    "byline_repeats_authors": "byline repeats the authors",
    "byline_names_no_one": "byline (line labeller) names no one we can read",
    "byline_date_authors": "byline (date and authors run together) becomes metadata",
    "byline_date_authors_html_end": "byline (date and authors run together, an HTML tag's end after them) becomes metadata",
    "byline_with_journal_after_comma": "byline with the journal after a comma: authors, venue",
    "author_field_names_journal": "the site's author field names the journal, not a person: venue",
    "author_line_affiliation_parentheses": "author line with the affiliation in parentheses",
    "source_line_names_journal": "source line names the journal and issue: venue",
    "source_line_names_journal_venue": "source line names a journal: venue",
    "header_line_names_journal": "the header line names the journal the article comes from: venue",
    "reposting_site_names_itself": "the reposting site names itself (source)",
    "site_furniture": "site furniture (counters, page history labels), not the article",
    "site_own_citation": "the site's own citation of the article (citations are made from the metadata)",
    "date_line_labeller": "date line (line labeller) becomes metadata (date)",
    "venue_line_labeller": "venue line (line labeller) becomes metadata",
    "venue_repeated_page": "venue repeated by the page",
    "venue_line_becomes_metadata": "venue line becomes metadata",
    "venue_header_broken_over_lines": "venue header broken over lines, joined: metadata",
    "text_above_title": "text above the article's title is the site's (page title, navigation, teaser)",
    "title_line_names_authors": "the title line names its authors before a colon: authors",
    "site_decoration_around_title": "the site's decoration around the title (label, issue number, author or column prefix, note)",
}

# The codes with no words for the reader: the report page shows "—" for them (tests/test_words.py: every other code has
# its words, and every word its code).
WORDLESS = frozenset({"byte_order_mark", "decoded_as", "line_ends", "line_end_character", "invisible_character",
                      "traditional_forms_in_simplified", "fullwidth_letters_digits", "compatibility_ideograph", "indent_spaces",
                      "page_repeats_title_before_text", "label_author_affiliation", "separator_after_date",
                      "site_own_citation"})
