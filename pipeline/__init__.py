"""Policy-article pipeline: raw bytes -> clean text -> document model -> editions -> Markdown.

Each stage is a small pure function; the site generator (MkDocs) only renders what
this package writes.
"""
