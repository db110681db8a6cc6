"""The site model: the archive's terms, periods and listings as frozen dataclasses, no I/O.  Loading builds it;
rendering reads it."""
from __future__ import annotations

import functools
import operator
from bisect import bisect_left

from dataclasses import dataclass, field

from ..content.article import Article


@dataclass(frozen=True)
class Term:
    """One tag, speaker or location with its articles (newest first)."""

    name: str
    slug: str
    articles: tuple[Article, ...]
    url: str


@dataclass(frozen=True)
class Taxonomy:
    """All terms of one kind: tags, speakers or locations."""

    kind: str                 # "tags" | "speakers" | "locations"
    label: str                # "Chủ đề" …
    singular: str
    terms: tuple[Term, ...]
    spellings: dict = field(default_factory=dict, compare=False)  # each name as articles write it → term URL

    def get(self, name: str) -> Term | None:
        """The term with this display name, if any."""
        return next((t for t in self.terms if t.name == name), None)


@dataclass(frozen=True)
class Period:
    """A year (month None), a month (day None) or a day of the date archive."""

    year: int | None
    month: int | None
    articles: tuple[Article, ...]
    url: str
    day: int | None = None

    @property
    def label(self) -> str:
        """``Năm 2021``, ``Tháng 8/2021``, ``Ngày 17/8/2021`` or ``Không rõ ngày``."""
        if self.year is None:
            return "Không rõ ngày"
        if self.day:
            return f"Ngày {self.day}/{self.month}/{self.year}"
        return f"Tháng {self.month}/{self.year}" if self.month else f"Năm {self.year}"


@dataclass(frozen=True)
class Site:
    """The whole archive, ready to render."""

    config: "object"
    articles: tuple[Article, ...]             # newest first, drafts excluded
    taxonomies: tuple[Taxonomy, ...]
    years: tuple[Period, ...]                 # newest first; months inside via months_of
    months: tuple[Period, ...]
    undated: Period
    days: tuple[Period, ...] = field(default=())   # newest first: the days whose articles are dated to the day
    redirects: tuple = field(default=())  # (old site path, the Article it leads to): build/aliases.py
    glossary: tuple[tuple[str, str], ...] = field(default=())
    related: dict = field(default_factory=dict, compare=False)   # article URL → related articles

    def taxonomy(self, kind: str) -> Taxonomy:
        """The taxonomy of the given kind."""
        return next(t for t in self.taxonomies if t.kind == kind)

    def months_of(self, year: int) -> tuple[Period, ...]:
        """The months of a year that have articles, newest first."""
        return tuple(p for p in self.months if p.year == year)

    @functools.cached_property
    def _days_by(self) -> dict[tuple, list[Period]]:
        """The day pages by ``("month", year, month)`` and by ``("date", month, day)``, newest first."""
        found: dict[tuple, list[Period]] = {}
        for day in self.days:
            found.setdefault(("month", day.year, day.month), []).append(day)
            found.setdefault(("date", day.month, day.day), []).append(day)
        return found

    def days_of(self, year: int, month: int) -> tuple[Period, ...]:
        """The days of a month that have articles, newest first."""
        return tuple(self._days_by.get(("month", year, month), ()))

    def same_day_as(self, year: int, month: int, day: int) -> tuple[Period, ...]:
        """The day pages of ``day``/``month`` in years other than ``year``, newest first."""
        return tuple(p for p in self._days_by.get(("date", month, day), ()) if p.year != year)


def positions(items: tuple | list, wanted: dict[int, tuple]) -> list[int]:
    """The positions in ``items`` — articles in ``sort_key`` order, as every list of a site is — of the
    articles whose ``id`` is a key of ``wanted``, in order; its values are their sort keys.  Each is looked
    for by its key (a binary search: these lists hold up to every article), else in the whole list."""
    listed = None
    found = []
    for ident, key in wanted.items():
        n = bisect_left(items, key, key=_SORT_KEY)
        while n < len(items) and id(items[n]) != ident and items[n].sort_key == key:
            n += 1
        if n < len(items) and id(items[n]) == ident:
            found.append(n)
            continue
        listed = list(map(id, items)) if listed is None else listed
        if ident in listed:  # (a scan in C: faster than a loop in Python over many items)
            found.append(listed.index(ident))
    return sorted(found)


_SORT_KEY = operator.attrgetter("sort_key")
