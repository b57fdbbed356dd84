"""The MkDocs hooks (overrides/hooks/): one small module per concern, all listed in mkdocs.yml, in the order the
events need (issue 20: one hooks.py held 10 hooks for 7 concerns)."""

from __future__ import annotations

import ast

import yaml

from .conftest import ROOT

HOOKS = ROOT / "overrides" / "hooks"
NOT_HOOKS = {"__init__.py", "words.py"}  # the package's docstring; a table of words the hooks share


def listed() -> list[str]:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)  # tags as text
    return [path.removeprefix("overrides/hooks/") for path in config["hooks"]]


def test_every_hook_module_is_listed_once_and_small() -> None:
    modules = sorted(p.name for p in HOOKS.glob("*.py") if p.name not in NOT_HOOKS)
    assert sorted(listed()) == modules and len(set(listed())) == len(modules)
    for path in HOOKS.glob("*.py"):
        assert len(path.read_text(encoding="utf-8").splitlines()) <= 400, path.name
        events = [n.name for n in ast.parse(path.read_text(encoding="utf-8")).body
                  if isinstance(n, ast.FunctionDef) and n.name.startswith("on_")]
        assert (path.name in NOT_HOOKS) == (not events), path.name  # a listed module handles events; the others none


def test_the_hooks_run_in_the_order_their_events_need() -> None:
    order = listed()
    # on_files: the theme's unused files are pruned before `mkdocs serve` adds the pipeline's (a sitemap.xml among them)
    assert order.index("theme_files.py") < order.index("serve.py")
    # on_post_page / on_post_template: unlinked before MkDocs writes; white space collapsed; then the CSP hashes, of
    # the page as it will be written, last of all
    assert order.index("writes.py") < order.index("compact.py") < order.index("csp.py") == len(order) - 1
