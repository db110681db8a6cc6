"""Where the reported event took place, from a gazetteer of Vietnam's provinces.

A province counts when the text puts the event there (``tại Hà Nội``,
``điểm cầu Công an tỉnh Nghệ An``, a visit); places of outbreaks, cases and
other stories do not, and ``trực tuyến`` is not a place.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .finding import Finding
from .structure import RawDocument
from .text import normalize

_DATA = Path(__file__).parent / "data" / "provinces.yaml"
_UNIT = r"(?:(?:Công an|Ủy ban nhân dân|UBND|Bộ Chỉ huy Quân sự|Tỉnh ủy|Thành ủy)\s+)?(?:(?:tỉnh|thành phố|Thành phố|TP\.?|Tp\.?|TP)\s+)?"
_AT = re.compile(r"\b(?:tại|ở|về|đến|tới)\s+(?:(?:điểm cầu|trụ sở|hội trường)\s+)?(?:(?:của\s+)?)$", re.IGNORECASE)
_BRIDGE = re.compile(r"\bđiểm cầu\s+$", re.IGNORECASE)
_EVENT = re.compile(
    r"\b(hội nghị|họp|phiên|buổi làm việc|làm việc|tổ chức|diễn ra|chủ trì|thăm|khai mạc|bế mạc|lễ|"
    r"điểm cầu|kiểm tra|tọa đàm|hội thảo|đại hội|gặp mặt|tiếp|trao|phát động|ra quân|giao ban|sơ kết|tổng kết)\b",
    re.IGNORECASE,
)
_OUTBREAK = re.compile(
    r"\b(ca bệnh|ca mắc|ca nhiễm|bệnh nhân|nhiễm|mắc|ổ dịch|chùm ca|F0|F1|lây nhiễm|tử vong|phong tỏa|"
    r"vụ án|đối tượng|bắt giữ|xảy ra|sinh sống|quê|trú tại|cư trú)\b",
    re.IGNORECASE,
)
_ONLINE = re.compile(r"\btrực tuyến\b", re.IGNORECASE)


@dataclass(frozen=True)
class Province:
    """A province-level unit with the spellings news text uses for it."""

    name: str
    aliases: tuple[str, ...]


@functools.lru_cache(maxsize=1)
def provinces() -> tuple[Province, ...]:
    """The gazetteer (63 provinces before July 2025, 34 after)."""
    data = yaml.safe_load(_DATA.read_text(encoding="utf-8"))
    result = []
    for entry in data["provinces"]:
        aliases = {normalize(a) for a in entry.get("aliases", []) + [entry["name"]]}
        aliases = {a for a in aliases if a.lower() != "hồ chí minh" and len(a) > 2}
        result.append(Province(normalize(entry["name"]), tuple(sorted(aliases, key=len, reverse=True))))
    return tuple(result)


@functools.lru_cache(maxsize=1)
def _alias_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    lookup = {}
    for province in provinces():
        for alias in province.aliases:
            # Accent-less aliases (Ha Noi) are only trusted with their capitals.
            lookup[alias] = province.name
    alternatives = "|".join(re.escape(a) for a in sorted(lookup, key=len, reverse=True))
    return re.compile(r"(?<![\w])(" + alternatives + r")(?![\w])"), lookup


def canonical_province(name: str) -> str | None:
    """The canonical province for a spelling, or None when it is not one."""
    pattern, lookup = _alias_pattern()
    m = pattern.fullmatch(normalize(name).strip())
    return lookup[m.group(1)] if m else None


def province_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, canonical name) of every province mention."""
    pattern, lookup = _alias_pattern()
    return [(m.start(), m.end(), lookup[m.group(1)]) for m in pattern.finditer(text)]


def _clause(text: str, start: int, end: int) -> str:
    left = max(text.rfind(sep, 0, start) for sep in (",", ";", ".", "\n", ":")) + 1
    rights = [i for i in (text.find(sep, end) for sep in (",", ";", ".", "\n")) if i != -1]
    return text[left:min(rights) if rights else len(text)]


def _sentence(text: str, pos: int) -> str:
    left = max(text.rfind(". ", 0, pos), text.rfind("\n", 0, pos)) + 1
    rights = [i for i in (text.find(". ", pos), text.find("\n", pos)) if i != -1]
    return text[left:min(rights) if rights else len(text)]


def find_location(doc: RawDocument) -> Finding:
    """The province where the event took place, with the evidence."""
    blocks = doc.text_blocks("para", "title", "heading")
    text = "\n".join(b.text for b in blocks)
    lead_end = len(blocks[0].text) + len(blocks[1].text) + 2 if len(blocks) > 1 else len(text)
    best: tuple[float, int, str, str] | None = None
    for start, end, name in province_spans(text):
        unit = re.search(_UNIT + r"$", text[max(0, start - 60):start])
        unit_start = start - (len(unit.group(0)) if unit else 0)
        before = text[max(0, unit_start - 40):unit_start]
        clause = _clause(text, start, end)
        sentence = _sentence(text, start)
        if _OUTBREAK.search(clause):
            continue
        score = 0.0
        if _BRIDGE.search(before):
            score = 3.0
        elif _AT.search(before) and _EVENT.search(sentence):
            score = 2.5
        elif re.search(r"\b(tỉnh|thành phố|TP)\s*$", text[max(0, start - 15):start]) and _EVENT.search(clause):
            score = 1.0
        if not score:
            continue
        if start < lead_end:
            score += 1.0
        if best is None or score > best[0]:
            best = (score, start, name, sentence.strip())
    if best is None:
        if _ONLINE.search(text[:lead_end]):
            return Finding.none("online meeting; no place stated for it")
        return Finding.none("no place of the event stated")
    score, _, name, sentence = best
    return Finding(name, f"“{sentence[:160]}”", round(min(0.95, 0.4 + score / 8), 2))
