"""The folders show the pipeline's stages: core <- text <- document <- publish, never backwards."""

from __future__ import annotations

import ast
from pathlib import Path

from .conftest import ROOT

ORDER = ["core", "text", "document", "publish"]


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            assert node.level == 0, f"{path}: relative import (stage packages import by full name)"
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return {m for m in found if m.startswith("pipeline.")}


def test_every_module_sits_in_a_stage() -> None:
    loose = [p.name for p in (ROOT / "pipeline").glob("*.py") if p.name != "__init__.py"]
    assert loose == []
    assert sorted(p.name for p in (ROOT / "pipeline").iterdir() if p.is_dir() and p.name != "__pycache__") == sorted(ORDER)


def test_no_stage_imports_a_later_stage() -> None:
    wrong = []
    for stage in ORDER:
        for path in (ROOT / "pipeline" / stage).rglob("*.py"):
            for module in _imports(path):
                target = module.split(".")[1]
                if ORDER.index(target) > ORDER.index(stage):
                    wrong.append(f"{path.relative_to(ROOT)} imports {module}")
    assert wrong == []


def test_each_stage_says_what_it_takes_and_gives() -> None:
    for stage in ORDER:
        doc = ast.get_docstring(ast.parse((ROOT / "pipeline" / stage / "__init__.py").read_text(encoding="utf-8")))
        assert doc and len(doc.splitlines()) <= 4, stage
