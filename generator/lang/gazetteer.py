"""The gazetteer: Vietnam's provinces with the spellings news text uses, found in text and named canonically."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..data import load_data
from .text import matches_at_word_start, normalize, word_pattern


@dataclass(frozen=True)
class Province:
    """A province-level unit with the spellings news text uses for it."""

    name: str
    aliases: tuple[str, ...]
    venues: tuple[str, ...] = ()  # (also among the aliases: "Trụ sở Chính phủ")
    merged_into: str | None = None  # the unit it joined in July 2025 ("Hà Giang": "Tuyên Quang")


@functools.lru_cache(maxsize=1)
def provinces() -> tuple[Province, ...]:
    """The gazetteer (63 provinces before July 2025, 34 after)."""
    data = load_data("provinces.yaml")
    result = []
    for entry in data["provinces"]:
        aliases = {normalize(a) for a in entry.get("aliases", []) + entry.get("venues", []) + [entry["name"]]}
        aliases = {a for a in aliases if a.lower() != "hồ chí minh" and len(a) > 2}
        result.append(Province(normalize(entry["name"]), tuple(sorted(aliases, key=len, reverse=True)),
                               tuple(normalize(v) for v in entry.get("venues", [])),
                               normalize(entry["merged_into"]) if entry.get("merged_into") else None))
    return tuple(result)


@functools.lru_cache(maxsize=1)
def merged_into() -> dict[str, str]:
    """Each province absorbed in July 2025 → the one it joined."""
    return {province.name: province.merged_into for province in provinces() if province.merged_into}


@functools.lru_cache(maxsize=1)
def _venues_in_lower_case() -> tuple[tuple[str, str], ...]:
    """Each venue as prose writes it mid-sentence, first letter in lower case, with its province."""
    return tuple((venue[:1].lower() + venue[1:], province.name) for province in provinces()
                 for venue in province.venues if venue[:1].isupper())


@functools.lru_cache(maxsize=1)
def venue_names() -> frozenset[str]:
    """The venues of the gazetteer ("Trụ sở Chính phủ"), and as prose writes them mid-sentence ("trụ sở Chính
    phủ")."""
    return frozenset(venue for province in provinces() for venue in province.venues) | \
        {venue for venue, _ in _venues_in_lower_case()}


def venue_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, canonical province) of each venue written with a lower-case first letter ("tại trụ sở Chính
    phủ", "sân bay Nội Bài"): looked for with ``str.find``, not in the gazetteer's pattern, which would then try
    every lower-case letter of every text."""
    spans = []
    for venue, province in _venues_in_lower_case():
        at = text.find(venue)
        while at != -1:
            end = at + len(venue)
            if (at == 0 or not text[at - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
                spans.append((at, end, province))
            at = text.find(venue, end)
    return spans


@functools.lru_cache(maxsize=1)
def _alias_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    lookup = {}
    for province in provinces():
        for alias in province.aliases:
            # Accent-less aliases (Ha Noi) are only trusted with their capitals.
            lookup[alias] = province.name
    return word_pattern(frozenset(lookup)), lookup


def canonical_province(name: str) -> str | None:
    """The canonical province for a spelling, or None when it is not one."""
    pattern, lookup = _alias_pattern()
    m = pattern.fullmatch(normalize(name).strip())
    return lookup[m.group(1)] if m else None


def province_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, canonical name) of every province mention."""
    pattern, lookup = _alias_pattern()
    return [(m.start(), m.end(), lookup[m.group(1)]) for m in matches_at_word_start(pattern, text)]


@functools.lru_cache(maxsize=1)
def _world_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    """Every spelling of a place abroad → its canonical form (``City, Country`` or ``Country``)."""
    data = load_data("world.yaml")
    lookup = {}
    for country, aliases in data["countries"].items():
        for alias in [country, *aliases]:
            lookup[normalize(alias)] = normalize(country)
    for city, (country, *aliases) in data["cities"].items():
        for alias in [city, *aliases]:
            lookup[normalize(alias)] = f"{normalize(city)}, {normalize(country)}"
    return word_pattern(frozenset(lookup)), lookup


_NEXT_WORD = re.compile(r"[ \t]+(\w)")
_WORD_BEFORE = re.compile(r"(\w+)[ \t]+\Z")
# Words that start a sentence before a place ("Tại Tokyo, …"): capitalised, yet not part of its name.
_LEADING = frozenset("Tại Ở Từ Sang Đến Tới Thăm Về Trên Và Của Cùng Với Khi Trong Rời".split())


def world_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, canonical place) of every mention of a place abroad that stands as a whole proper name:
    not run together with another capitalised word (``Mỹ Đình``, ``Lào Cai``, ``Hoài Đức``, ``Chủ Nhật``)."""
    pattern, lookup = _world_pattern()
    spans = []
    for m in matches_at_word_start(pattern, text):
        after = _NEXT_WORD.match(text, m.end())
        before = _WORD_BEFORE.search(text, max(0, m.start() - 30), m.start())
        if (after and after.group(1).isupper()) or (before and before.group(1)[0].isupper()
                                                    and before.group(1) not in _LEADING):
            continue
        spans.append((m.start(), m.end(), lookup[m.group(1)]))
    return spans


def canonical_place(name: str) -> str | None:
    """The canonical form of a province or a place abroad, or None when it is neither."""
    province = canonical_province(name)
    if province:
        return province
    pattern, lookup = _world_pattern()
    m = pattern.fullmatch(normalize(name).strip())
    return lookup[m.group(1)] if m else None
