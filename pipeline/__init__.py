"""Policy-article pipeline: raw bytes -> clean text -> document model -> editions -> Markdown.

The subpackages are the stages, in order; each imports only from itself, earlier stages and `core`:

- `core`: change records and errors, the rule context, data loading, character classes, OpenCC, escaping;
- `text`: text repair (decode, cleaning rules, residual and conservation checks);
- `document`: structure, editions, glossary annotation, references, one article end to end;
- `publish`: Markdown pages, change reports, citations, search dictionary, the docs/ tree.

The site generator (MkDocs) only renders what `publish` writes.
"""
