"""The site's own words in both editions, as the pages the pipeline writes use them: a view of the words files
(corpus/data/words/, pipeline/document/words.py), where 繁體 words that differ from OpenCC s2tw on purpose (匯出,
連結, 「」) are written out.
"""

from __future__ import annotations

from pipeline.document.words import Lazy, words


def warning_text(code: str, script: str) -> str:
    """A warning code from the document ("notes-missing:1,3", "ends-mid-sentence") in the edition's words."""
    name, _, arg = code.partition(":")
    labels = LABELS[script]
    if f"warn_{name}" not in labels:
        return labels["warn_other"].format(code)
    if name == "damaged":  # a count, not note numbers
        return labels["warn_damaged"].format(arg)
    return labels[f"warn_{name}"].format("、".join(f"[{n}]" for n in arg.split(",") if n))


LABELS: Lazy[dict[str, str]] = Lazy(lambda: {script: words(script)["labels"] for script in ("hans", "hant")})  # type: ignore[misc]
"""script -> key -> word: the `labels` section of each edition's words."""
