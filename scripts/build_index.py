"""The search index's shards (search/s/, meta.js, conv.js), merged from every page's keys as the pipeline left them
(build/search-keys.pickle, pipeline/publish/keys_file.py), into build/site-search/search/, which scripts/package.py links into site/. Merging is
the one part of a rebuild whose work grows with the collection (1.6 s at N = 1,000), so scripts/build_site.py runs
this step beside MkDocs, on another core. The pages' texts (search/t/) are the pipeline's: one file per section.

    python -m scripts.build_index
"""

from __future__ import annotations

import gc
import sys

from pipeline.core.files import one_line, sync_tree
from pipeline.core.layout import SEARCH_KEYS, SHARDS
from pipeline.publish.keys_file import read_keys
from pipeline.publish.search_index import SectionKeys, shard_files


def main() -> int:
    if not SEARCH_KEYS.is_file():
        print(f"error: {SEARCH_KEYS} missing (run the pipeline first: scripts/build_corpus.py)", file=sys.stderr)
        return 1
    gc.disable()  # millions of short strings and lists, no cycles: the collector's passes only cost time
    pages: list[tuple[str, int]] = []
    keyed: list[list[SectionKeys]] = []
    for slug, keys in read_keys(SEARCH_KEYS):
        pages.append((slug, len(keys)))
        keyed.append(keys)
    files, sizes = shard_files(pages, keyed)
    sync_tree(SHARDS, {f"search/{rel}": content.encode("utf-8") for rel, content in files.items()})  # unchanged shards keep their times
    print(f"search index: {sizes['pages']} pages, {sizes['sections']} sections, {sizes['keys']} keys in {sizes['shards']} shards")
    return 0


if __name__ == "__main__":
    sys.exit(one_line(main))
