"""The change report of one article: JSON for machines, Markdown for readers."""

from __future__ import annotations

import json
import re
from collections import Counter

from pipeline.core.changes import Change
from pipeline.core.escape import escape
from pipeline.document.editions import to_traditional

RULE_TITLES = {
    "decode": "解码", "remove_chrome": "删除网站导航与垃圾广告", "remove_duplicate_blocks": "删除重复正文",
    "apply_errata": "勘误表修复", "repair_gbk_shift": "GBK 错位乱码修复", "decode_entities": "HTML 实体解码",
    "remove_inline_pinyin": "删除行内拼音注音", "restore_lost_plus": "恢复丢失的“+”",
    "fix_mixed_script": "简体文本中的繁体字", "normalise_punctuation": "标点改为全角",
    "convert_t2s": "繁体转简体（OpenCC t2s）", "override_t2s": "转换校正（t2s）", "structure": "结构恢复",
}


def counts(changes: list[Change]) -> dict[str, int]:
    return dict(sorted(Counter(c.rule for c in changes).items()))


def to_json(slug: str, raw: str, changes: list[Change]) -> str:
    body = {"article": slug, "raw": raw, "counts": counts(changes), "changes": [c.as_dict() for c in changes]}
    return json.dumps(body, ensure_ascii=False, indent=1) + "\n"


_INVISIBLE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")


def _cell(text: str) -> str:
    # Removed invisible characters are named, not printed (an ESC or a bidi override would act on the page).
    shown = _INVISIBLE.sub(lambda m: f"<U+{ord(m.group()):04X}>", text).replace("\n", "⏎")
    shown = shown if len(shown) <= 60 else shown[:57] + "…"
    return "`" + shown.replace("`", "'").replace("|", "\\|") + "`" if shown else "（空）"


def to_markdown(slug: str, title: str, raw: str, changes: list[Change], examples: int = 8, script: str = "hans") -> str:
    """The 校勘记 page. Our own words follow the edition's script; the quoted source text never does."""
    def ours(text: str) -> str:
        return text if script == "hans" else to_traditional(text)

    # Never in the search index: the removed spam and chrome quoted here must not be findable.
    # Every value from the corpus (title, file name, reasons from the reviewed data) is escaped: text, never markup.
    out = ["---\nsearch:\n  exclude: true\n---\n", "# " + ours("校勘记：") + escape(title) + "\n",
           ours("原始文件（逐字节未改动）：") + f"[{_cell(raw)}](../raw/{raw}) · " + ours("机器可读的完整记录：")
           + f"[`{slug}.json`]({slug}.json) · " + ours("读正文：") + f"[{ours('返回文章')}](../{slug}.md)\n",
           ours("下表列出从原始抓取文本到本站文本的每一类修改。“原文”“改为”两栏照录，不作繁简转换。\n"),
           ours("| 规则 | 处数 |\n|---|---|")]
    out += [f"| [{ours(RULE_TITLES.get(rule, rule))}](#{rule}) (`{rule}`) | {n} |" for rule, n in counts(changes).items()]
    for rule in counts(changes):
        group = [c for c in changes if c.rule == rule]
        out.append(f"\n## {ours(RULE_TITLES.get(rule, rule))} {{: #{rule} }}\n\n{escape(ours(group[0].reason))}\n\n"
                   + ours("| 行 | 原文 | 改为 | 说明 |\n|---|---|---|---|"))
        out += [f"| {c.line} | {_cell(c.before)} | {_cell(c.after)} | {escape(ours(c.reason))} |" for c in group[:examples]]
        if len(group) > examples:
            out.append(ours(f"\n另有 {len(group) - examples} 处，见 JSON 报告。"))
    return "\n".join(out) + "\n"
