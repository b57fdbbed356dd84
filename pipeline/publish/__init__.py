"""Publishing. Takes processed articles; gives the Markdown pages of both editions, change reports,
citation exports, the glossary page and the search dictionary under docs/ and build/ for MkDocs to render.
"""
