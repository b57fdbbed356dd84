"""Citation formats as a registry: one module per format (like pymdown-extensions' one extension per module).

A module names itself (NAME, TITLE) and says where it goes by what it defines:
- `cite(article) -> str`: a citation shown as text in the page's cite block (CLASS: its paragraph's class);
- `export(article, refs) -> str` with EXT: a file readers download, cite/<slug>.<EXT>, linked from the cite block;
- Highwire's `tags` and JSON-LD's `script` go into the page's <head> (pipeline/publish/render.py's front matter).
The cite block and the build iterate TEXT and FILES; a new format is one module here (found by its presence, placed
by its ORDER) plus its tests.
Every value comes from the one resolved Article (pipeline/publish/article.py); a field's name in each format is in its
FIELDS row (pipeline/document/fields.py).
"""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType

_NOT_FORMATS = {"common"}


def _formats() -> tuple[ModuleType, ...]:
    """Every module of this package but the shared helpers, in their ORDER: adding a format adds nothing here."""
    found = [importlib.import_module(f"{__name__}.{m.name}") for m in pkgutil.iter_modules(__path__) if m.name not in _NOT_FORMATS]
    return tuple(sorted(found, key=lambda m: m.ORDER))


FORMATS = _formats()
TEXT = tuple(m for m in FORMATS if hasattr(m, "cite"))  # shown on the page, in this order
FILES = tuple(m for m in FORMATS if hasattr(m, "export"))  # downloadable, in this order
