"""The hooks' reader-facing words, per edition (the downloads block, the ¶ and ↩ titles, the single files' note)."""

WORDS = {
    "zh-Hans": {"title": "下载", "zip": "整站离线版（zip，解压后打开 index.html，无需网络）", "html": "本文单文件 HTML（可离线阅读、转发、存档）",
                "hans": "简体", "hant": "繁體", "permalink": "本节链接",
                "backlink": "回到正文中的注释 {}",
                "single_note": "本文件由中国政策文章双语阅读生成；修改记录见网站上的校勘记。"},
    "zh-Hant": {"title": "下載", "zip": "整站離線版（zip，解壓後打開 index.html，無需網路）", "html": "本文單檔 HTML（可離線閱讀、轉寄、存檔）",
                "hans": "简体", "hant": "繁體", "permalink": "本節連結",
                "backlink": "回到正文中的註釋 {}",
                "single_note": "本檔案由中國政策文章雙語閱讀生成；修改記錄見網站上的校勘記。"},
}
