"""Facts from a line the labeller has labelled, where the line-shape recognisers of metadata.py fail.

Takes one line of canonical simplified text whose label is known (byline, date, venue, chrome);
gives the names, date, venue or title it states. These are post-processing of labelled spans: they
are only asked once the model has said what the line is, so they can be more lenient than the
recognisers that must also decide it.
"""

from __future__ import annotations

import re

from pipeline.core.chars import HAN
from pipeline.document import metadata as md

_BYLINE_LABEL = re.compile("^\\s*(?:[■●◆▲□◎★☆]|文\\s*[/|／]|作者\\s*[：:]?|记者\\s*[：:]?|撰文\\s*[：:]?|"
                           "文\\s*[：:]|[（(]?作者[）)]?)\\s*")
_MARKS = re.compile(r"[\d,，*＊†‡§¶①-⑳⁰¹²³⁴-⁹a-d]+$")
_TOKEN_SEP = re.compile(r"[\s,，、;；/／|｜]+")
_PAREN = re.compile(r"[（(]([^（()）]{2,120})[）)]")
_BOOK = re.compile(r"《([^《》]{2,40})》")
_SOURCE = re.compile("(?:来源|出处|刊名|期刊|原载|原文刊载于|选自|载于|刊于|刊载于)\\s*[：:]?\\s*《?"
                     f"(?P<name>[{HAN}A-Za-z][^《》\\s,，;；:：()（）|]{{1,40}}?)》?"
                     f"(?=\\s|$|[,，;；|()（）]|(?:19|20)\\d{{2}}|第|Vol)")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_ISSUE = re.compile(r"(?:第\s*(\d{1,3})\s*期|(?<![\d.])(\d{1,2})\s*期|No\.?\s*(\d{1,3})|\(\s*(\d{1,3})\s*\))")
_VOLUME = re.compile(r"(?:第\s*(\d{1,3})\s*卷|Vol\.?\s*(\d{1,3}))")
_TITLE_SEP = re.compile(r"\s*(?:_|——|--|\s-\s|\s–\s|\s\|\s|｜|-\s*(?=[^\s-]{2,20}$))\s*")


def names(text: str) -> tuple[list[str], str]:
    """A byline's person names and the affiliation it gives in parentheses: (names, affiliation)."""
    line = _BYLINE_LABEL.sub("", text.strip())
    aff = "；".join(m.group(1).strip() for m in _PAREN.finditer(line) if not re.fullmatch(r"[\d,，*\s]+", m.group(1)))
    line = _PAREN.sub(" ", line)
    line = re.sub(r"(19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(\s*\d{1,2}:\d{2}(:\d{2})?)?", " ", line)
    found: list[str] = []
    for token in _TOKEN_SEP.split(line):
        token = _MARKS.sub("", token.strip()).strip("·.．:：")
        if "·" in token and re.fullmatch(f"[{HAN}·]{{3,20}}", token):
            found.append(token)  # 买买提·吐尔逊
        elif re.fullmatch(f"[{HAN}]{{2,16}}", token) and (split := md.split_names(token, strict=len(token) > 4)):
            found += split
    return found, aff


def date(text: str) -> str:
    return md.parse_date(text)


def venue(text: str) -> tuple[str, str, str, str] | None:
    """(name, year, volume, issue) a venue-labelled line states, when md.venue() does not know its shape."""
    line = text.strip()
    m = _BOOK.search(line) or _SOURCE.search(line)
    if m:
        name = m.group(1) if m.re is _BOOK else m.group("name")
        rest = line[m.end():]
    elif md.is_english(line):
        m2 = re.match(r"\s*([A-Za-z][A-Za-z &.,'-]{3,80}?)[\s,.]*(?:(?:19|20)\d{2}|Vol|No|\d|$)", line)
        if not m2:
            return None
        name, rest = m2.group(1).strip(" ,."), line[m2.end(1):]
    else:
        m3 = re.match(f"\\s*([{HAN}][{HAN}A-Za-z（）()·]{{1,30}}?)\\s*(?=(?:19|20)\\d{{2}}|第|Vol|\\d{{1,2}}\\s*期|$)", line)
        if not m3:
            return None
        name, rest = m3.group(1), line[m3.end(1):]
    year = _YEAR.search(rest)
    issue = _ISSUE.search(rest)
    volume = _VOLUME.search(rest)
    return (name.strip(), year.group(1) if year else "", next((g for g in volume.groups() if g), "") if volume else "",
            next((g for g in issue.groups() if g), "") if issue else "")


def seo_title(text: str) -> str:
    """The article's title from the site's page-title line (标题_栏目_站名, 标题 - 站名), or ""."""
    parts = [p for p in _TITLE_SEP.split(text.strip()) if p.strip()]
    if len(parts) < 2:
        return ""
    first = parts[0].strip()
    han = len(re.findall(f"[{HAN}]", first))
    return first if han >= 6 and not md.segments(first) else ""
