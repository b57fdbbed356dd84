"""The site's words (issue 20): one file per edition in corpus/data/words/, read by the pipeline, the hooks, the packager
and (through the pages' __config) the scripts; no reader-facing Chinese left in the modules that read them."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from pipeline.core.changes import PipelineError
from pipeline.document.editions import to_traditional
from pipeline.document.words import FILES, _leaves, check_overrides, not_traditional, script_words, search_words, words

from .conftest import ROOT

HAN = re.compile(r"[\u3400-\u9fff]")


def test_every_traditional_word_is_in_traditional_script() -> None:
    """Derived or written out, every 繁體 word converts to itself with s2tw, but an edition's own name (简体)."""
    found = [(where, word) for where, word in _leaves(words("hant")) if not_traditional(str(word))]
    assert found == []


def test_an_override_in_simplified_script_is_refused_with_its_line(tmp_path: Path) -> None:
    """The 繁體 search count once read 找到 1 个 (Material's zh-Hant file had a simplified 个): such a word is refused."""
    path = tmp_path / "zh-Hant.yaml"
    path.write_text("labels:\n  unknown: 不詳\n  none: （暫無）\n  read: 找到 1 个\n", encoding="utf-8")
    overrides = {"labels": {"unknown": "不詳", "none": "（暫無）", "read": "找到 1 个"}}
    with pytest.raises(PipelineError) as err:
        check_overrides(overrides, words("hans"), path)  # type: ignore[arg-type]
    assert err.value.line == 4 and "个" in str(err.value) and "labels/read" in str(err.value)
    assert not_traditional("找到 1 个") == ["个"] and not_traditional("找到 1 個") == []
    assert not_traditional("返回简体版首頁") == []  # the edition's own name


def test_an_override_of_no_simplified_word_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "zh-Hant.yaml"
    path.write_text("labels:\n  nonesuch: 不詳\n", encoding="utf-8")
    with pytest.raises(PipelineError, match="labels/nonesuch is not a word of zh-Hans.yaml") as err:
        check_overrides({"labels": {"nonesuch": "不詳"}}, words("hans"), path)
    assert err.value.line == 2


def test_traditional_words_are_derived_unless_written_out() -> None:
    """zh-Hant.yaml holds only what s2tw gets wrong: each of its words differs from the s2tw of the simplified one."""
    from pipeline.core.data import load_yaml

    hans = dict(_leaves(words("hans")))
    overrides = dict(_leaves(load_yaml(FILES["hant"], "words_hant")))
    assert overrides and all(to_traditional(str(hans[k])) != v for k, v in overrides.items())
    hant = dict(_leaves(words("hant")))
    assert hant.keys() == hans.keys()
    assert all(hant[k] == (overrides[k] if k in overrides else to_traditional(str(hans[k]))) for k in hans)
    assert words("hant")["labels"]["unreviewed"] == "以上資訊由程式從原頁面擷取，尚未經人工核對。"  # written out
    assert words("hant")["report"]["title"] == "校勘記："  # derived


def test_reason_codes_and_words_agree() -> None:
    """Every code a rule gives (pipeline/core/reasons.py) has its words, but the few WORDLESS, which have none; every
    chrome.yaml row's code has words (the schema test of issue 20: the data are refused otherwise); and no word waits
    for a code that is gone."""
    from pipeline.core.data import rule_data
    from pipeline.core.reasons import EXPLAIN, WORDLESS

    reasons = set(words("hans")["reasons"])
    chrome = rule_data()["chrome"]
    chrome_codes = {row["code"] for section in ("chrome_lines", "chrome_fields") for row in chrome[section]}  # type: ignore[index]
    assert WORDLESS <= EXPLAIN.keys() and not WORDLESS & reasons
    assert EXPLAIN.keys() - WORDLESS <= reasons
    assert chrome_codes <= reasons
    assert reasons <= EXPLAIN.keys() | chrome_codes, sorted(reasons - EXPLAIN.keys() - chrome_codes)


def test_the_scripts_get_their_words_from_the_words_files() -> None:
    """reader.js reads `reader.*` from the page's __config (overrides/main.html), search.js `search.*` and the theme's
    result lines from its words script (pipeline/publish/build.py); the placeholder reader.js fills with the access
    date is the one the citations write."""
    from pipeline.publish.citations.common import ACCESSED

    assert all(k.startswith("reader.") for k in script_words("hans"))  # only reader.js's words go into every page
    hans, hant = script_words("hans") | search_words("hans"), script_words("hant") | search_words("hant")
    assert hans.keys() == hant.keys() and {"reader.copied", "search.more", "search.at_least", "search.result.none"} <= hans.keys()
    assert hant["search.result.one"] == "找到 1 個符合條件的結果"
    assert hans["reader.accessed"] == ACCESSED
    assert hant["search.more"] == "顯示更多結果" and hant["reader.copied"] == "已複製本段連結"
    assets = ROOT / "overrides" / "assets"
    for name in ("reader.js", "search.js"):
        used = set(re.findall(r'word\("([a-z_]+)"\)', (assets / name).read_text(encoding="utf-8")))
        used = {f"reader.{k}" for k in used} | set(re.findall(r'WORDS\["((?:reader|search)\.[a-z_]+)"\]', (assets / name).read_text(encoding="utf-8")))
        assert used and used <= hans.keys(), name


# The modules whose words moved to corpus/data/words/: no Chinese in their code (comments and docstrings may quote it).
CLEARED_PY = ["pipeline/publish/labels.py", "pipeline/publish/report.py", "pipeline/publish/glossary_page.py",
              "pipeline/document/glossary.py", "scripts/package.py",
              *sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "overrides" / "hooks").glob("*.py"))]
CLEARED_JS = ["overrides/assets/reader.js", "overrides/assets/search.js"]


def _python_literals(path: Path) -> list[str]:
    """The string literals of a module with Han characters, but docstrings."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
            skip.add(id(body[0].value))  # a docstring
    return [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
            and id(n) not in skip and HAN.search(n.value)]


_JS_TOKEN = re.compile(r"""(?P<comment>/\*.*?\*/|//[^\n]*)|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`""", re.S)


def _js_code(text: str) -> str:
    """A script without its comments (strings kept whole, so a "//" inside one is not taken for a comment)."""
    return _JS_TOKEN.sub(lambda m: "" if m.group("comment") else m.group(), text)


@pytest.mark.parametrize("rel", CLEARED_PY + CLEARED_JS)
def test_no_reader_facing_chinese_left_in_code(rel: str) -> None:
    path = ROOT / rel
    if rel.endswith(".py"):
        found = _python_literals(path)
    else:
        found = HAN.findall(_js_code(path.read_text(encoding="utf-8")))
    assert found == [], rel


def test_the_scan_finds_chinese_in_code(tmp_path: Path) -> None:
    """The scan above sees a word left in code, in Python and in a script, and not in comments or docstrings."""
    module = tmp_path / "module.py"
    module.write_text('"""文档"""\n# 注释\nWORDS = {"title": "下载"}\n', encoding="utf-8")
    assert _python_literals(module) == ["下载"]
    js = '// 注释\n/* 文档 */ var a = "://"; var b = hant ? "顯示更多結果" : "显示更多结果";\n'
    assert HAN.findall(_js_code(js)) == list("顯示更多結果显示更多结果")


def _mkdocs_config() -> dict:
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)  # !ENV, !!python/…: not words
    with (ROOT / "mkdocs.yml").open(encoding="utf-8") as f:
        return yaml.load(f, Loader=Loader)  # noqa: S506 (a SafeLoader)


def test_mkdocs_yml_says_the_words() -> None:
    """MkDocs and mkdocs-static-i18n read their words from mkdocs.yml before any hook runs: they must be the words
    files' (site name, the palette toggles, the editions' names, the nav's names), in each edition."""
    config = _mkdocs_config()
    hans, hant = words("hans"), words("hant")
    toggles = ["toggle_light", "toggle_dark", "toggle_system"]  # the palettes' order in mkdocs.yml
    assert config["site_name"] == hans["labels"]["site"]
    assert [p["toggle"]["name"] for p in config["theme"]["palette"]] == [hans["mkdocs"][k] for k in toggles]
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    languages = {lang["locale"]: lang for lang in i18n["languages"]}
    assert {loc: lang["name"] for loc, lang in languages.items()} == {"zh-Hans": hans["editions"]["hans"], "zh-Hant": hant["editions"]["hant"]}
    assert languages["zh-Hant"]["site_name"] == hant["labels"]["site"]
    assert [p["toggle"]["name"] for p in languages["zh-Hant"]["theme"]["palette"]] == [hant["mkdocs"][k] for k in toggles]
    assert languages["zh-Hans"]["nav_translations"] == {"Reports": hans["labels"]["report"]}
    assert languages["zh-Hant"]["nav_translations"] == {"Reports": hant["labels"]["report"], hans["mkdocs"]["about"]: hant["mkdocs"]["about"]}
    toc = next(e["toc"] for e in config["markdown_extensions"] if isinstance(e, dict) and "toc" in e)
    assert toc["permalink_title"] == hans["downloads"]["permalink"]  # each edition's: overrides/hooks/markdown_config.py
    about = (ROOT / "corpus" / "pages" / "about.md").read_text(encoding="utf-8").splitlines()[0]
    assert about == f"# {hans['mkdocs']['about']}"


def test_the_theme_words_come_from_the_words_files() -> None:
    """The language partials hold no words: Material's keys resolve through the words files (hooks/languages.py on_env)."""
    for locale in ("zh-Hans", "zh-Hant"):
        partial = (ROOT / "overrides" / "partials" / "languages" / f"{locale}.html").read_text(encoding="utf-8")
        code = re.sub(r"\{#.*?#\}", "", partial, flags=re.S)  # without the template's comments
        assert f'theme_words["{locale}"][key]' in code
        assert not [run for run in HAN.findall(code)], locale
    assert words("hant")["theme"]["search.result.one"] == "找到 1 個符合條件的結果"  # not 个


def test_a_changed_word_makes_the_next_build_full(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The theme's, the hooks' and the scripts' words reach every page through MkDocs, not through a page's Markdown:
    a change in corpus/data/words/ must change what scripts/build_site.py takes for the site's inputs (else a --dirty
    build left every other page with the old words)."""
    import shutil

    from scripts import build_site

    root = tmp_path / "repo"
    (root / "overrides").mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "corpus" / "data" / "words", root / "corpus" / "data" / "words")
    for name, path in {"ROOT": root, "MKDOCS_CONFIG": root / "mkdocs.yml", "THEME": root / "overrides", "CORPUS": root / "corpus"}.items():
        monkeypatch.setattr(build_site, name, path)
    before = build_site.site_inputs({})
    hans = root / "corpus" / "data" / "words" / "zh-Hans.yaml"
    hans.write_text(hans.read_text(encoding="utf-8").replace("toggle_dark: 深色模式", "toggle_dark: 暗色模式"), encoding="utf-8")
    assert build_site.site_inputs({}) != before


def test_words_are_read_again_when_a_file_changes(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """`make serve` keeps the hooks' modules loaded while the words files are edited: the next build must see the edit."""
    import os
    import shutil

    from pipeline.document import words as module

    files = {script: tmp_path / path.name for script, path in FILES.items()}
    for script, path in FILES.items():
        shutil.copy(path, files[script])
    monkeypatch.setattr(module, "FILES", files)
    assert module.words("hant")["mkdocs"]["toggle_dark"] == "深色模式"
    text = files["hans"].read_text(encoding="utf-8").replace("toggle_dark: 深色模式", "toggle_dark: 暗色模式")
    files["hans"].write_text(text, encoding="utf-8")
    os.utime(files["hans"], ns=(1, 1))  # a new stamp whatever the file system's clock
    assert module.words("hant")["mkdocs"]["toggle_dark"] == "暗色模式"
