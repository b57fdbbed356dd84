"""The site's own words in both editions: one row per label, simplified then traditional.

Written out, not converted: some differ from OpenCC s2tw on purpose (匯出, 連結, 「」). A metadata field's label is in
its FIELDS row (pipeline/document/fields.py), with everything else about the field.
"""

from __future__ import annotations

from pipeline.document.fields import FIELDS

_ROWS: dict[str, tuple[str, str]] = {
    "unreviewed": ("以上信息由程序从原页面提取，尚未经人工核对。", "以上資訊由程式從原頁面擷取，尚未經人工核對。"),
    "warn_title": ("页面不完整", "頁面不完整"),
    "warn_notes-missing": ("抓取的页面在注释之前被截断，正文中的注释 {} 没有注释内容", "抓取的頁面在註釋之前被截斷，正文中的註釋 {} 沒有註釋內容"),
    "warn_notes-uncited": ("注释 {} 在正文中没有对应的注释标记", "註釋 {} 在正文中沒有對應的註釋標記"),
    "warn_ends-mid-sentence": ("正文在句子中间结束：抓取的页面可能只收录了文章的开头部分", "正文在句子中間結束：抓取的頁面可能只收錄了文章的開頭部分"),
    "warn_damaged": ("抓取的页面有 {} 处文字已损坏、无法复原，以 □ 标出", "抓取的頁面有 {} 處文字已損壞、無法復原，以 □ 標出"),
    "warn_no-abstract": ("抓取的页面没有收录摘要", "抓取的頁面沒有收錄摘要"),
    "warn_other": ("页面不完整（{}）", "頁面不完整（{}）"),
    "warn_published": ("本文照原页面发布，缺失的部分不作补充；详见校勘记。", "本文照原頁面發布，缺失的部分不作補充；詳見校勘記。"),
    "editorial": ("标题为编者所拟，原文无标题。", "標題為編者所擬，原文無標題。"),
    "unknown": ("不详", "不詳"),
    "source": ("原文", "原文"),
    "author_note": ("作者说明", "作者說明"),
    "credits": ("编辑", "編輯"),
    "english": ("英文题录", "英文題錄"),  # the English title, authors, abstract the page gives
    "notes": ("注释", "註釋"),
    "edition": ("简体版", "繁體版"),
    "other": ("繁體版", "简体版"),
    "site": ("中国政策文章双语阅读", "中國政策文章雙語閱讀"),
    "intro": ("每篇文章提供简体版与繁體版；每处修改都列在校勘记中。", "每篇文章提供简体版與繁體版；每處修改都列在校勘記中。"),
    "venue_unknown": ("出处不详", "出處不詳"),
    "editorial_mark": ("（编者拟题）", "（編者擬題）"),
    "read": ("阅读全文", "閱讀全文"),
    "report": ("校勘记", "校勘記"),
    "para_link": ("复制本段链接", "複製本段連結"),
    "report_link": ("从原始抓取文本到本页的每一处修改", "從原始抓取文本到本頁的每一處修改"),
    "cite": ("引用本文", "引用本文"),
    "cite_files": ("导出（本文及其参考文献）", "匯出（本文及其參考文獻）"),
    "references": ("参考文献（GB/T 7714-2025）", "參考文獻（GB/T 7714-2025）"),
    "cite_note": ("作者不详时按 GB/T 7714 著录为“佚名”；引用日期为您阅读本页的日期。点击段末 ¶ 可复制某一段的永久链接和引文。",
        "作者不詳時按 GB/T 7714 著錄為「佚名」；引用日期為您閱讀本頁的日期。點擊段末 ¶ 可複製某一段的永久連結和引文。引文照錄原刊的简体題名。"),
    "cite_editorial": ("注：本文标题为编者所拟，引用时请注明。", "注：本文標題為編者所擬，引用時請註明。"),
    "home": ("首页", "首頁"),
    "newest": ("最新文章", "最新文章"),
    "all_articles": ("全部文章", "全部文章"),
    "by_years": ("按年份", "按年份"),
    "by_venues": ("按出处", "按出處"),
    "by_authors": ("按作者", "按作者"),
    "by_keywords": ("按关键词", "按關鍵詞"),
    "year_title": ("{year} 年", "{year} 年"),
    "none": ("（暂无）", "（暫無）"),
    "newer": ("较新", "較新"),
    "older": ("较早", "較早"),
    "page_of": ("第 {n} / {total} 页", "第 {n} / {total} 頁"),
    "previous": ("上一篇", "上一篇"),
    "next": ("下一篇", "下一篇"),
    "feed": ("订阅新文章（Atom）", "訂閱新文章（Atom）"),
    "nav_crumbs": ("所在位置", "所在位置"),
    "nav_pager": ("分页", "分頁"),
    "nav_prev_next": ("上一篇和下一篇", "上一篇和下一篇"),
    "not_found": ("找不到这个页面：链接可能有误，或页面已经移动。", "找不到這個頁面：連結可能有誤，或頁面已經移動。"),
    "not_found_home": ("返回简体版首页", "返回繁體版首頁"),
}

def warning_text(code: str, script: str) -> str:
    """A warning code from the document ("notes-missing:1,3", "ends-mid-sentence") in the edition's words."""
    name, _, arg = code.partition(":")
    words = LABELS[script]
    if f"warn_{name}" not in words:
        return words["warn_other"].format(code)
    if name == "damaged":  # a count, not note numbers
        return words["warn_damaged"].format(arg)
    return words[f"warn_{name}"].format("、".join(f"[{n}]" for n in arg.split(",") if n))


_ROWS |= {f.label_key: f.words for f in FIELDS if f.words}
LABELS: dict[str, dict[str, str]] = {
    script: {key: pair[i] for key, pair in _ROWS.items()} for i, script in enumerate(("hans", "hant"))
}
