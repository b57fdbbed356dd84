"""The change report of one article: JSON for machines, Markdown for readers.

The reader's page (校勘记) explains each rule in Chinese, in the edition's script. Removed site chrome and
spam is never quoted on a published page: it says what kind of text went, where, its length and its
sha256; the raw file (linked from the page) keeps it byte for byte.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from collections import Counter
from collections.abc import Callable
from urllib.parse import quote

from pipeline.core.changes import Change
from pipeline.core.chars import INVISIBLE
from pipeline.core.escape import escape
from pipeline.document.editions import to_traditional
from pipeline.document.fields import FIELDS
from pipeline.publish.labels import warning_text

# rule -> (title, what it does and why), simplified; the traditional page converts them with s2tw.
RULES: dict[str, tuple[str, str]] = {
    "decode": ("解码", "把原始文件的字节按其编码（UTF-8、GB18030 或 Big5）读成文字；去掉字节顺序标记等不可见字符。"),
    "remove_chrome": ("删除网站导航与垃圾广告", "抓取网页时一并带下的网站导航、面包屑、分享按钮、版权声明和垃圾广告不属于文章，整行删除。"
                      "此类文字不在本页照录，只注明其类别、位置、字数和 SHA-256 校验值；原始文件中仍逐字节保留。"),
    "remove_duplicate_blocks": ("删除重复正文", "抓取时同一段正文被重复收录，只保留第一次出现的文字。"),
    "apply_errata": ("勘误表修复", "算法无法还原的乱码，按经人工审核的勘误表（`corpus/data/errata.yaml`）逐条改正。"),
    "repair_gbk_shift": ("GBK 错位乱码修复", "文字曾以 GBK 编码传输，丢失一个字节后其后的字节错位解码成乱码。"
                         "把乱码重新编码、补回错位、再解码，只有语言模型判定明显更通顺时才采用。"),
    "decode_entities": ("HTML 实体解码", "网页中未解码的 HTML 字符实体（如 `&ldquo;`）还原为相应的字符。"),
    "remove_inline_pinyin": ("删除行内拼音注音", "网页的注音标记被抓成汉字后括号里的拼音，如 `网(wǎng)`，删去拼音，保留汉字；正常的括号内容不动。"),
    "restore_lost_plus": ("恢复丢失的“+”", "网址表单解码把“+”变成了空格，如“互联网 政务服务”，按审核过的口号前缀恢复为“互联网+”。"),
    "fix_mixed_script": ("简体文本中的繁体字", "简体文本中夹杂的个别繁体字改为简体。"),
    "normalise_punctuation": ("标点改为全角", "汉字之间的半角标点（`, : ; ( ) ? !`）按中文排版习惯改为全角；数字和外文中的标点不动。"),
    "convert_t2s": ("繁体转简体（OpenCC t2s）", "原文为繁体，先用 OpenCC t2s 转为简体作为本站的规范文本，繁体版再由简体转出。"),
    "override_t2s": ("转换校正（t2s）", "OpenCC 转换出错的词语，按审核过的校正表改正（如“随著”改为“随着”）。"),
    "context_t2s": ("依上下文定字（t2s）", "繁体的“著”兼作助词“着”和“著作”的“著”，OpenCC 一律保留“著”；"
                    "除“显著”“著作”“著名”等读 zhù 的词外，按审核过的字表（`corpus/data/script_context.yaml`）改为“着”（如“带著”改为“带着”）。"),
    "remove_html_tags": ("删除 HTML 标签", "抓取时残留在文字中的 HTML 标签（如 `<p>`、`<br>`）是网页代码，不是文章内容，删去标签，保留其中的文字。"),
    "join_numbered_chunks": ("接合分段编号", "文档分享网站把全文切成带编号的小段，编号处常把一句话从中截断；删去编号，把被截断的句子接回。"),
    "remove_repeated_header": ("删除重复的页面标题", "网站的页面标题（文章标题加网站名）或紧贴在第一段开头的重复标题，不是正文，删去。"),
    "restore_lost_spaces": ("恢复丢失的空格", "GBK 编码容纳不下的空格（不换行空格、全角空格）在抓取时变成了“?”，如 `摘? ? 要`，按上下文还原为空格或删去。"),
    "normalise_variants": ("异体字规范化", "OpenCC 繁简转换保留下来的异体字（如“陜”），按审核过的异体字表（`corpus/data/variants.tsv`）改为规范字形。"),
    "normalise_width": ("全角字母数字改为半角", "混在文中的全角拉丁字母和数字（如 `２０２１`）改为半角，与其余数字和外文一致。"),
    "remove_stray_spaces": ("删除多余空格", "中文行文中不该有的空格（PDF 换行留下的空格、半角式的词间空格）删去；标题编号后的空格不动。"),
    "mark_damage": ("标出无法复原的损坏文字", "各项修复都无法读出的乱码（GBK 丢失字节留下的“?”、无法解码的字节）不作猜测，"
                    "以 □ 标出，页首提示读者；标签行中 GBK 容纳不下的空格还原为空格。"),
    "structure": ("结构恢复", "识别标题、摘要、关键词、分类号、各级标题、注释和编辑署名等结构；"
                  "识别时去掉的标签和分隔符逐一列出，由页面模板重新显示。"),
}

# Rules whose removed text is never quoted on a published page (spam, chrome).
REDACTED = {"remove_chrome"}

# Per-change reasons the rules give (English, for developers) -> the reader's Chinese; the first match wins.
# Source text a reason quotes (a label as the page wrote it) goes in a code span: quoted, never converted.
# A field as a reason names it (the doc_code field, the author-bio field) -> its label (FIELDS)
_FIELDS = {name: f.words[0] for f in FIELDS if f.words for name in (f.key, f.key.replace("_", "-"))}
_REASONS: list[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]]] = [(re.compile(p), zh) for p, zh in [
    (r"spam line", "垃圾广告"),
    (r"document-sharing site's section label", "文档分享网站的栏目名，或它给所收文本的编号"),
    (r"document-sharing site's file record", "文档分享网站的文件信息（编号、上传时间、格式、大小）"),
    (r"reading statistics", "阅读统计（字数、阅读时长）"),
    (r"the server's page timing", "服务器的页面生成用时"),
    (r"harvested catalogue record", "联合目录（OAI）记录的字段：标识符、来源、语言、类型、版权"),
    (r"site notice \(reprint or disclaimer\)", "网站声明（转载、免责或著作权）"),
    (r"document-sharing site's note", "文档分享网站关于用户上传文本的说明"),
    (r"document-sharing site's upload notice", "文档分享网站的上传声明"),
    (r"document viewer's page counter", "文档阅读器的页码或阅读提示"),
    (r"page widget's status message", "页面插件的状态提示"),
    (r"view and download counter", "浏览与下载次数"),
    (r"^social-media prompt", "社交媒体关注提示"),
    (r"thesis catalogue's links", "学位论文系统的链接（馆藏目录、勘误回报）"),
    (r"download and citation counters", "浏览、下载与被引次数"),
    (r"an image's file name", "图片文件名"),
    (r"the site's tag line", "网站的标签行"),
    (r"site name between two chrome lines", "两行网站元素之间的网站名称"),
    (r"site name above the site's navigation", "网站导航上方的网站名称"),
    (r"space inside Chinese prose", "中文行文中的多余空格"),
    (r"navigation menu", "网站导航菜单"),
    (r"welcome banner", "网站欢迎横幅"),
    (r"search box", "网站搜索框"),
    (r"contact line", "网站联系方式"),
    (r"search-result teaser", "搜索结果摘要"),
    (r"related-articles", "相关文章列表"),
    (r"view counter|rating", "浏览量计数"),
    (r"cite-this-article", "网站“引用本文”框的标题"),
    (r"app download prompt", "下载应用的提示"),
    (r"download prompt", "下载提示"),
    (r"section label", "网站的栏目标签"),
    (r"error page|web server signature", "网站出错页面的文字"),
    (r"site navigation bar", "网站导航栏"),
    (r"breadcrumb", "面包屑导航"),
    (r"page tools", "页面工具按钮"),
    (r"scraper's teaser label", "抓取网站的提示语"),
    (r"copyright|footer", "网站版权信息"),
    (r"share", "分享按钮"),
    (r"repeat of lines (\d+)[–-](\d+)", r"第 \1–\2 行的重复"),
    (r"repeat of line (\d+)$", r"第 \1 行的重复"),
    (r"damaged text the repairs could not read", "无法复原的损坏文字，以 □ 标出"),
    (r"a space GBK could not hold, between two fields", "标签行中 GBK 容纳不下的空格"),
    (r"a question mark at the end of a line", "行末的问号"),
    (r"the site's (?:chrome|spam) inside the article's header \(line labeller\)", "夹在文章信息中的网站文字（行标注模型判定）"),
    (r"the site's (?:chrome|spam) between the article's paragraphs \(line labeller\)", "夹在正文段落间的网站文字（行标注模型判定）"),
    (r"the page repeats the title$", "页面重复的标题"),
    (r"a PDF's watermark, its letters spaced apart", "PDF 的水印（字母被空格隔开）"),
    (r"the site's shortened copy of the abstract", "网站转载的摘要节选（与完整摘要重复）"),
    (r"byline \(line labeller\) names no one", "署名行，未能读出人名"),
    (r"byline repeats the authors", "重复作者的署名行"),
    (r"date line \(line labeller\)", "日期行，记入文章信息"),
    (r"venue line \(line labeller\)", "刊物行，记入文章信息"),
    (r"venue repeated by the page", "页面重复的刊物信息"),
    (r"the title line names its authors before a colon", "标题前冒号之前的作者名，记入作者"),
    (r"the site's decoration around the title", "网站加在标题前后的标签、期号、栏目或作者"),
    (r"authors named by the author bio", "作者简介给出作者"),
    (r"variant of (\S+) \(traditional\) / (\S+) \(simplified\)", r"异体字，改为规范字形 `\1`（繁）/ `\2`（简）"),
    (r"label (.+?): value kept with the author notes", lambda m: "标签 `" + m.group(1).replace("`", "'") + "` 的内容并入作者说明"),
    (r"an earlier keyword line replaced by a later list", "较早的关键词行，由后面的关键词列表取代"),
    (r"author line with the affiliation in parentheses", "作者行（括号内为单位），记入作者和单位"),
    (r"app or social-media prompt", "下载应用或关注社交媒体的提示"),
    (r"GBK stream shifted by one byte.*\(gain (\d+) nats\)", r"错位一个字节，重新对齐后解码（通顺度提高 \1）"),
    (r"HTML character reference", "HTML 字符实体"),
    (r"ruby annotation cut off", "页面截断处残缺的注音"),
    (r"ruby annotation", "注音残留"),
    (r"lost to form decoding", "表单解码丢失的“+”"),
    (r"traditional (\S) in simplified text", r"简体文本中的繁体字 `\1`"),
    (r"half-width mark", "汉字间的半角标点"),
    (r"reviewed conversion override", "审核过的转换校正"),
    (r"outside the words that keep it", "不在保留原字的词语中，依上下文定字"),
    (r"converted to the canonical simplified text", "繁体原文整体转为简体"),
    (r"a line of HTML markup", "整行 HTML 代码"),
    (r"byline \(date and authors run together, an HTML tag's end", "日期与作者连写的署名行（行末留有 HTML 标签的尾巴），记入文章信息"),
    (r"HTML tag", "HTML 标签"),
    (r"the site's page title", "网站的页面标题"),
    (r"title repeated at the start", "第一段开头重复的标题"),
    (r"chunk number of a document-sharing site; the piece continues", "文档分享网站的分段编号；此段接续上一段的半句话"),
    (r"chunk number of a document-sharing site", "文档分享网站的分段编号"),
    (r"a line of '\?'", "整行“?”：GBK 容纳不下的空格"),
    (r"a real question mark", "疑问词后真正的问号，不是乱码"),
    (r"no-break spaces between metadata fields", "元数据字段之间丢失的空格"),
    (r"no-break spaces inside a letter-spaced label", "字间加空格的标签中丢失的空格"),
    (r"partial page published with a notice \((.+)\)", lambda m: "页面不完整，照样发布并加提示：" + warning_text(m.group(1), "hans")),
    (r"heading split over two lines", "跨两行的标题合为一行"),
    (r"label Abstract ", "英文摘要的标签 `Abstract`，由页面模板显示"),
    (r"label Keywords ", "英文关键词的标签 `Keywords`，由页面模板显示"),
    (r"label 关键词 and the separators.*cut off by the end of the page", "“关键词”标签和分隔符改为关键词列表；最后一个词被页面截断，不算关键词"),
    (r"label 关键词 and the separators", "“关键词”标签和关键词之间的分隔符，改为关键词列表"),
    (r"^label (.+?) becomes the ([a-z_-]+) field",
     lambda m: "标签 `" + m.group(1).replace("`", "'") + f"`，其内容记入{_FIELDS.get(m.group(2), '文章信息')}"),
    (r"label 摘要", "“摘要”标签，由页面模板显示"),
    (r"label 关键词", "“关键词”标签，由页面模板显示"),
    (r"CLC and document-code labels", "分类号和文献标识码标签，由页面模板显示"),
    (r"DOI becomes metadata", "DOI，记入文章信息"),
    (r"PDF first page pasted as one line", "PDF 首页被粘成一行，拆回各行"),
    (r"PDF running header", "混入正文的 PDF 页眉，删去（用以识别刊物）"),
    (r"label 作者 over the authors' lines", "作者各占一行时上方的“作者”标签"),
    (r"author line under the label 作者", "“作者”标签下的作者行（姓名与单位），记入作者"),
    (r"source line names a journal: venue", "来源行给出刊物名称，记入刊物"),
    (r"author named by the affiliation line", "作者单位行中给出的作者（该行留在作者说明里）"),
    (r"header line names the journal the article comes from", "页头行注明文章所出的刊物，记入刊物"),
    (r"byline with the journal after a comma", "作者名单后以逗号接刊名的署名行，记入作者和刊物"),
    (r"names all the authors", "署名列出全部作者（题名行只给出第一作者）"),
    (r"affiliation line", "作者单位行，记入作者单位"),
    (r"author line becomes the authors", "作者行，记入作者"),
    (r"author named by the unlabelled bio line", "未加标签的作者简介行给出作者"),
    (r"author names repeated", "页面重复的作者名，只保留一次"),
    (r"byline \(date and authors run together\)", "日期与作者连写的署名行，记入文章信息"),
    (r"byline .* becomes the authors", "署名，记入作者"),
    (r"letter-spacing inside a heading", "标题中的字间空格，删去"),
    (r"note printed inside the text", "夹在正文中的注释，移入注释"),
    (r"publication date becomes metadata", "发表日期，记入文章信息"),
    (r"separator after a date of the article's history", "稿件日期后的分隔符"),
    (r"site furniture", "网站的计数和页面记录标签，不属于文章"),
    (r"source line names the journal", "来源行给出刊名和期号，记入刊物"),
    (r"stray space inside the title", "标题中多余的空格"),
    (r"text above the article's title is the site's", "标题上方的网站文字（页面标题、导航、提要）"),
    (r"reposting site names itself", "转载网站的自我署名"),
    (r"author field names the journal", "网站的“作者”栏写的是刊名，记入刊物"),
    (r"own tag line", "网站自己的标签行（词语连写），不是文章的关键词"),
    (r"venue header broken over lines", "分成几行的刊物页眉，合并后记入文章信息"),
    (r"venue line becomes metadata", "刊物行，记入文章信息"),
    (r"typographic space inside a name", "人名中的排版空格"),
    (r"notes heading", "注释标题，由页面模板显示"),
    (r"note number", "注释编号，改为脚注编号"),
    (r"brackets around the author note", "作者说明外的括号"),
    (r"separators between editor credits", "编辑署名之间的分隔符"),
    (r"colon after a credit's role", "编辑署名中的冒号"),
]]
# When a rule's reasons are free text (the errata's reviewed notes), the reader gets this instead.
_RULE_REASON = {"apply_errata": "按审核过的勘误表改正（详细说明见 JSON 报告）"}


def reason_zh(change: Change) -> str:
    """The reader's Chinese for a change's reason; "" when it has none (the JSON keeps the developer's text)."""
    for rx, zh in _REASONS:
        if m := rx.search(change.reason):
            return m.expand(zh) if isinstance(zh, str) else zh(m)
    return _RULE_REASON.get(change.rule, "")


def counts(changes: list[Change]) -> dict[str, int]:
    return dict(sorted(Counter(c.rule for c in changes).items()))


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def public_change(c: Change) -> dict[str, object]:
    """A change as published: removed chrome and spam is described (kind, length, sha256), never quoted."""
    if c.rule not in REDACTED or not c.before:
        return c.as_dict()
    reason = re.sub(r"\s*\(.*\)$", "", c.reason)  # "spam line (3 markers: …)" would quote the spam's words
    return {"rule": c.rule, "line": c.line, "before": None, "after": c.after, "reason": reason,
            "removed": {"kind": reason_zh(c) or "网站页面元素", "length": len(c.before), "sha256": sha256(c.before)}}


def to_json(slug: str, raw: str, changes: list[Change], warnings: tuple[str, ...] = ()) -> str:
    body = {"article": slug, "raw": raw, "counts": counts(changes), "warnings": list(warnings),
            "changes": [public_change(c) for c in changes]}
    # one change a line: at 10,000 articles the indented form was 30 kB an article (issue 21); still diffs line by line
    head = json.dumps({k: v for k, v in body.items() if k != "changes"}, ensure_ascii=False)[:-1]  # without its "}"
    changes = ",\n".join(json.dumps(c, ensure_ascii=False, separators=(",", ":")) for c in body["changes"])
    return head + ', "changes": [' + (f"\n{changes}\n" if changes else "") + "]}\n"


_INVISIBLE = re.compile(f"[\t\r{INVISIBLE}]")  # a quoted tab or CR is named too


def _cell(text: str) -> str:
    # Removed invisible characters are named, not printed (an ESC or a bidi override would act on the page).
    shown = _INVISIBLE.sub(lambda m: f"<U+{ord(m.group()):04X}>", text).replace("\n", "⏎")
    shown = shown if len(shown) <= 60 else shown[:57] + "…"
    return "`" + shown.replace("`", "'").replace("|", "\\|") + "`" if shown else "（空）"


def _removed(c: Change) -> str:
    return f"（{reason_zh(c) or '网站页面元素'}，{len(c.before)} 字，不照录；SHA-256 `{sha256(c.before)}`）"


def _lines(lines: list[int], ours: Callable[[str], str], shown: int = 10) -> str:
    """The lines of identical changes: each once, at most `shown` of them, and how many changes when more than one."""
    unique = list(dict.fromkeys(lines))
    text = ", ".join(map(str, unique[:shown])) + ("…" if len(unique) > shown else "")
    return text + (ours(f"（{len(lines)} 处）") if len(lines) > 1 else "")


def to_markdown(slug: str, title: str, raw: str, changes: list[Change], examples: int = 8, script: str = "hans",
                warnings: tuple[str, ...] = ()) -> str:
    """The 校勘记 page. Our own words follow the edition's script; the quoted source text never does."""
    def ours(text: str) -> str:
        return text if script == "hans" else to_traditional(text)

    def name(rule: str) -> str:
        return ours(RULES[rule][0]) if rule in RULES else rule

    # Never in the search index: the removed spam and chrome quoted here must not be findable.
    # Every value from the corpus (title, file name, reasons from the reviewed data) is escaped: text, never markup.
    # the raw file and the JSON are not MkDocs pages (pipeline/publish/build.py, EXTRA): HTML links, with the URL as the
    # site has it (this page is at reports/<slug>/); one copy of each, at the site's root, for both editions
    root = "../../" if script == "hans" else "../../../"
    out = ["---\nsearch:\n  exclude: true\n---\n", "# " + ours("校勘记：") + escape(title) + "\n",
           ours("原始文件（逐字节未改动）：") + f'<a href="{root}raw/{html.escape(quote(raw))}">{_cell(raw)}</a> · '
           + ours("机器可读的完整记录：") + f'<a href="{root}reports/{slug}.json">`{slug}.json`</a> · '
           + ours("读正文：") + f"[{ours('返回文章')}](../{slug}.md)\n",
           ours("下表列出从原始抓取文本到本站文本的每一类修改。“原文”“改为”两栏照录，不作繁简转换；"
                "删去的网站导航和垃圾广告不照录，只注明类别、字数和 SHA-256 校验值。\n")]
    if warnings:
        out.append(ours("**页面不完整**：") + "；".join(warning_text(w, script) for w in warnings) + ours("。文章照样发布，并在正文前提示读者。\n"))
    out.append(ours("| 规则 | 处数 |\n|---|---|"))
    out += [f"| [{name(rule)}](#{rule}) (`{rule}`) | {n} |" for rule, n in counts(changes).items()]
    for rule in counts(changes):
        group = [c for c in changes if c.rule == rule]
        explain = ours(RULES[rule][1]) if rule in RULES else ""
        out.append(f"\n## {name(rule)} {{: #{rule} }}\n\n{explain}\n\n" + ours("| 行 | 原文 | 改为 | 说明 |\n|---|---|---|---|"))
        # Identical changes (same text before and after, same reason) are one row with their lines and count: a page's
        # 39 half-width commas were 8 rows and "31 more" (issue 21: reports lighter, and the whole rule shown).
        rows: dict[tuple[str, str, str], list[int]] = {}
        for c in group:
            before = ours(_removed(c)) if rule in REDACTED and c.before else _cell(c.before)
            rows.setdefault((before, _cell(c.after), ours(reason_zh(c)) or "—"), []).append(c.line)
        for (before, after, reason), lines in list(rows.items())[:examples]:
            out.append(f"| {_lines(lines, ours)} | {before} | {after} | {reason} |")
        if len(rows) > examples:
            out.append(ours(f"\n另有 {sum(len(lines) for lines in list(rows.values())[examples:])} 处，见 JSON 报告。"))
    return "\n".join(out) + "\n"
