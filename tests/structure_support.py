"""Shared by tests/test_structure*.py: a body paragraph, the whole pipeline on a page, where the real pages are."""

from __future__ import annotations

from pipeline.document.article import process_bytes
from pipeline.document.model import Document

from .conftest import ROOT

BODY = "伴随新一代信息技术不断向纵深推进，以大数据和人工智能为代表的新兴技术正在重塑经济社会的运行方式，也给国家治理带来深远影响。\n"


def doc_of(text: str) -> Document:
    """The whole pipeline, as `make site` runs it (conservation checked on the way)."""
    return process_bytes(text.encode("utf-8"), "page.txt").hans


REALPAGES = next((p for p in (ROOT.parent / "shared" / "realpages", ROOT.parent.parent / "shared" / "realpages")
                  if (p / "pages.yaml").is_file()), None)
