"""The hooks' reader-facing words, per edition (the downloads block, the ¶ and ↩ titles, the single files' note), from
the words files (corpus/data/words/). Imported by hook modules after they put the repository on sys.path."""

from pipeline.core.layout import LOCALES
from pipeline.document.words import Lazy, words

WORDS = Lazy(lambda: {LOCALES[s]: {**words(s)["downloads"], **words(s)["editions"]} for s in LOCALES})
