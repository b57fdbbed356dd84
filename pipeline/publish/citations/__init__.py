"""Citation formats as a registry: one module per format (like pymdown-extensions' one extension per module).

A module names itself (NAME, TITLE) and says where it goes by what it defines:
- `cite(article) -> str`: a citation shown as text in the page's cite block (CLASS: its paragraph's class);
- `export(article, refs) -> str` with EXT: a file readers download, cite/<slug>.<EXT>, linked from the cite block;
- Highwire's `tags` and JSON-LD's `script` go into the page's <head> (pipeline/publish/render.py's front matter).
The cite block and the build iterate TEXT and FILES; a new format is one module here plus its tests.
Every value comes from the one resolved Article (pipeline/publish/article.py); a field's name in each format is in its
FIELDS row (pipeline/document/fields.py).
"""

from __future__ import annotations

from types import ModuleType

from pipeline.publish.citations import apa, bibtex, csl, gbt7714, highwire, jsonld, ris

FORMATS: tuple[ModuleType, ...] = (gbt7714, apa, csl, bibtex, ris, highwire, jsonld)
TEXT = tuple(m for m in FORMATS if hasattr(m, "cite"))  # shown on the page, in this order
FILES = tuple(m for m in FORMATS if hasattr(m, "export"))  # downloadable, in this order

