"""MkDocs hooks: site glue only, no text processing (that is the pipeline's job). One module per concern; mkdocs.yml
`hooks:` lists them, and MkDocs runs an event's hooks in that order (after the plugins', at equal priority):

- `markdown_config`: the pipeline's Markdown extension, heading slugs, the ¶ and ↩ titles in the edition's script;
- `theme_files`: what of the theme is not published (MkDocs' sitemap, Material's lunr search, source maps);
- `nav`: the site navigation, five pages;
- `downloads`: the downloads block in place of the pipeline's marker;
- `languages`: the edition links and the <head>'s alternates;
- `not_found`: the one 404 page, in both scripts;
- `serve`: `mkdocs serve` only: the pipeline run on a corpus change, the files that are not pages, the reload script;
- `writes`: a --dirty build into hard links: each file unlinked before MkDocs writes it;
- `compact`: pages written without the templates' indentation, the theme's JSON as UTF-8;
- `csp`: the theme's inline scripts allowed by their hashes; last, on the page as written.

Order that matters: `theme_files` before `serve` (on_files: the theme's files are pruned, then the pipeline's added);
`writes`, `compact`, `csp` in that order (on_post_page, on_post_template: the hashes are of the final text).
Each module is loaded by MkDocs from its path, so one that imports the repository puts the repository on sys.path
first (`mkdocs` run as a script has only its own folder there); shared code is imported by its package name.
"""
