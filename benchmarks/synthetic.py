"""Synthetic scraped texts built from our real sources, with the same kinds of defects, for scale tests
and benchmarks. Deterministic: the same size and seed give the same bytes."""

from __future__ import annotations

import datetime
import functools
import hashlib
import random
import re
from pathlib import Path

import yaml

from pipeline.core.layout import CORPUS

RAW_000 = CORPUS / "raw" / "000_02b2b72714e171d1.txt"


def body_lines() -> list[str]:
    """The paragraphs of article 000 (half-width punctuation, a stray traditional character, lost '+')."""
    lines = RAW_000.read_text(encoding="utf-8").splitlines()
    return [ln for ln in lines if len(ln) > 40][:17]


def big_text(size_bytes: int, seed: int = 7) -> str:
    """A long article of unique paragraphs: real sentences shuffled, each paragraph numbered."""
    rng = random.Random(seed)
    lines = body_lines()
    out: list[str] = []
    total, n = 0, 0
    while total < size_bytes:
        n += 1
        para = rng.choice(lines)
        sentences = [s for s in para.split("。") if s]
        rng.shuffle(sentences)
        line = "。".join(sentences) + f"。（第{n}段）"
        out.append(line)
        total += len(line.encode("utf-8")) + 1
    return "\n".join(out) + "\n"


RAW_002 = CORPUS / "raw" / "002_b5aca4e56758e02d.txt"


def variant_000(seed: int) -> bytes:
    """Article 000's shape with its defects (chrome line, whole body repeated, half-width punctuation,
    lost '+', a stray traditional character): a shuffled subset of its paragraphs within each section."""
    rng = random.Random(seed)
    lines = RAW_000.read_text(encoding="utf-8").split("\n")
    chrome, lead, body = lines[0], lines[1], lines[2:21]
    sections: list[list[str]] = [[]]
    for line in body:
        if len(line) < 20:  # heading lines (some headings span two lines)
            if sections[-1] and len(sections[-1][-1]) >= 20:
                sections.append([])
            sections[-1].append(line)
        else:
            sections[-1].append(line)
    out: list[str] = []
    for section in sections:
        heads = [ln for ln in section if len(ln) < 20]
        paras = [ln for ln in section if len(ln) >= 20]
        keep = rng.sample(paras, k=max(2, len(paras) - rng.randint(0, 1)))
        out += heads + keep
    return "\n".join([chrome, lead, *out, *out]).encode("utf-8") + b"\n"


def variant_002() -> bytes:
    """Article 002 as scraped (traditional, pinyin ruby, GBK shift garbling, entities, notes)."""
    return RAW_002.read_bytes()


# Realistic collections (issue 14): articles that differ in title, date, venue, authors, keywords and text,
# in the shape of a journal page (chrome line, title, 摘要, 关键词, headed sections), with half-width
# punctuation for the cleaner to fix. Sentences come from our two real articles, recombined.

TOPICS = ["数字政府", "数据要素", "政务服务", "城市治理", "基层治理", "公共数据", "一网通办", "条块协同", "数字经济", "智慧城市",
          "电子政务", "平台治理", "数据共享", "数据安全", "政务数据", "数字乡村", "营商环境", "跨省通办", "城市大脑", "数据开放",
          "数字治理", "整体政府", "协同治理", "应急管理", "社会治理", "数据流通", "算法治理", "公共服务", "放管服改革", "数字化转型"]
ASPECTS = ["难点及应对", "实践逻辑", "困境与突破", "运行机制", "成效评估", "经验与启示", "现状与展望", "制度建设", "优化路径",
           "理论框架", "演进历程", "影响因素", "比较研究", "创新模式", "风险与规制", "能力建设"]
FRAMES = ["{a}的{x}", "{a}视角下{b}的{x}", "{a}与{b}：{x}", "从{a}到{b}：{x}", "{a}赋能{b}的{x}", "面向{a}的{b}{x}"]
VENUES = ["电子政务", "中国行政管理", "行政论坛", "治理研究", "学海", "政治学研究", "公共管理学报", "人民论坛网·国家治理网",
          "决策与信息", "行政管理改革", "理论探讨", "探索", "社会科学研究", "求实", "领导科学", "中国软科学", "图书情报工作",
          "情报杂志", "现代情报", "城市发展研究", "经济体制改革", "宏观经济管理", "改革", "南京社会科学", "广西师范大学学报"]
SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
            "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红娥玲芬燕彬鹏宇浩凯欣然晨曦思远嘉怡子涵梓轩雨萱一鸣志强建国海燕文博婷婷"
HEADS = ["{a}的发展现状", "{a}面临的主要问题", "推进{a}的对策建议", "{a}的理论基础", "{a}的实践探索", "{a}的国际经验",
         "{a}的制度逻辑", "{a}的主要成效", "进一步完善{a}", "{a}中的数据治理", "{a}的动因分析", "{a}的实现路径"]


@functools.cache
def sentence_pool() -> tuple[str, ...]:
    """Every sentence of both real articles' cleaned simplified text, without note markers."""
    from pipeline.document.article import process_bytes  # the benchmark's corpus comes from the pipeline itself

    out: list[str] = []
    for raw, script in ((RAW_000, "hans"), (RAW_002, "hant")):
        doc = process_bytes(raw.read_bytes(), raw.name, script=script).hans  # type: ignore[arg-type]
        for p in doc.paragraphs():
            out += [re.sub(r"\[\d+\]", "", s).strip() + "。" for s in p.text.split("。") if len(s.strip()) >= 12]
    return tuple(dict.fromkeys(out))


def _roughen(text: str, rng: random.Random) -> str:
    """Half-width punctuation as scraped pages have it (the cleaner restores the Chinese forms)."""
    return "".join(("," if c == "，" else ":" if c == "：" else c) if c in "，：" and rng.random() < 0.3 else c for c in text)


def realistic(i: int, seed: int = 14) -> tuple[bytes, dict[str, object]]:
    """Article number i of a synthetic collection: its raw bytes and its metadata (schema corpus/schema/article.json)."""
    rng = random.Random(seed * 100_003 + i)
    pool = sentence_pool()
    a, b = rng.sample(TOPICS, 2)
    title = rng.choice(FRAMES).format(a=a, b=b, x=rng.choice(ASPECTS))
    keywords = list(dict.fromkeys([a, b, *rng.sample(TOPICS, rng.randint(1, 3))]))
    abstract = "".join(rng.sample(pool, 3))
    lines = ["论文部分内容阅读"] if rng.random() < 0.5 else []
    lines += [title, "摘要:" + abstract, "关键词:" + " ".join(keywords)]
    for head in rng.sample(HEADS, rng.randint(3, 5)):
        lines.append(head.format(a=rng.choice(keywords)))
        for _ in range(rng.randint(2, 5)):
            lines.append(_roughen("".join(rng.sample(pool, rng.randint(3, 7))), rng))
    data = ("\n".join(lines) + "\n").encode("utf-8")
    dated = rng.random() < 0.9
    day = datetime.date(2015, 1, 1) + datetime.timedelta(days=rng.randrange(11 * 365))
    authors = ["".join([rng.choice(SURNAMES), *rng.sample(GIVEN, rng.randint(1, 2))]) for _ in range(rng.randint(0, 3))]
    venue = rng.choices(VENUES, weights=[1 / (k + 1) for k in range(len(VENUES))])[0] if rng.random() < 0.9 else None
    meta: dict[str, object] = {
        "slug": f"s{i:04d}", "raw": f"s{i:04d}.txt", "sha256": hashlib.sha256(data).hexdigest(), "script": "hans",
        "title": title, "title_editorial": False, "authors": authors, "author_note": None, "publisher": venue,
        "column": None, "date": day.isoformat() if dated else None, "date_basis": "合成数据（基准测试）" if dated else None,
        "source_url": None, "clc": None, "doc_code": None, "funding": [], "editors": [],
        "summary": "".join(abstract.split("。")[:2]) + "。",
    }
    return data, meta


def write_collection(repo: Path, n: int, seed: int = 14) -> None:
    """Make repo's corpus hold n articles: the two real ones and n - 2 realistic synthetic ones."""
    articles, raw = repo / "corpus" / "articles", repo / "corpus" / "raw"
    for p in articles.glob("s*.yaml"):
        p.unlink()
    for p in raw.glob("s*.txt"):
        p.unlink()
    for i in range(max(0, n - 2)):
        add_article(repo, i, seed)


def add_article(repo: Path, i: int, seed: int = 14) -> None:
    data, meta = realistic(i, seed)
    (repo / "corpus" / "raw" / str(meta["raw"])).write_bytes(data)
    (repo / "corpus" / "articles" / f"{meta['slug']}.yaml").write_text(yaml.safe_dump(meta, allow_unicode=True, sort_keys=False), encoding="utf-8")
