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


@functools.lru_cache(maxsize=1)
def provinces() -> tuple[Province, ...]:
    """The gazetteer (63 provinces before July 2025, 34 after)."""
    data = load_data("provinces.yaml")
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
