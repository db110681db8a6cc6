"""The site model: frozen dataclasses, no I/O.  Loading builds it; rendering reads it."""
from __future__ import annotations

import datetime as _dt
import functools
from dataclasses import dataclass, field

from . import bodies
from .text import format_date


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the day, the month or only the year."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> str:
        """``day``, ``month`` or ``year``."""
        return "day" if self.day else "month" if self.month else "year"

    def iso(self) -> str:
        """``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``."""
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def vietnamese(self) -> str:
        """Long Vietnamese form: ``Thứ Ba, 17 tháng 8, 2021``."""
        return format_date(self.year, self.month, self.day)

    def as_date(self) -> _dt.date:
        """The first day the partial date can mean (for feeds and sorting)."""
        return _dt.date(self.year, self.month or 1, self.day or 1)


@dataclass(frozen=True)
class PersonRef:
    """Someone named in an article, with the title the article gives."""

    name: str
    title: str | None = None


@dataclass(frozen=True)
class Article:
    """One article: front matter plus rendered body."""

    source_path: str          # relative to content/, e.g. "articles/2021/08/slug.md"
    slug: str
    title: str
    date: PartialDate | None
    date_partial: str | None
    speaker: str | None
    speaker_title: str | None
    location: str | None
    tags: tuple[str, ...]
    people: tuple[PersonRef, ...]
    source: str | None
    summary: str
    draft: bool
    original: str | None
    body_html: str = field(compare=False)   # the digest stands for the body in comparisons
    body_text: str = field(compare=False)
    url: str                  # site-relative folder, e.g. "2021/08/slug/"
    digest: str = ""          # hash of the file and its path, which determine everything above

    def __getattr__(self, name: str):
        # Only called for a missing attribute: a body left out of the pickled build state.
        if name in ("body_html", "body_text"):
            html, text = bodies.load(self.digest)
            object.__setattr__(self, "body_html", html)
            object.__setattr__(self, "body_text", text)
            return html if name == "body_html" else text
        raise AttributeError(name)

    def __reduce__(self):
        state = self.__dict__
        if "body_html" in state and bodies.stash(self.digest, (state["body_html"], state["body_text"])):
            state = {k: v for k, v in state.items() if k not in ("body_html", "body_text")}
        return _article, (state,)

    @functools.cached_property
    def date_label(self) -> str:
        """The date as readers see it."""
        return self.date.vietnamese() if self.date else "Không rõ ngày"

    @property
    def reading_minutes(self) -> int:
        """Reading time at about 200 words a minute (at least one)."""
        return max(1, round(len(self.body_text.split()) / 200))

    @functools.cached_property
    def sort_key(self) -> tuple:
        """Newest first when sorted ascending."""
        d = self.date.as_date() if self.date else _dt.date.min
        return (-d.toordinal(), self.slug)


def _article(state: dict) -> Article:
    article = object.__new__(Article)
    article.__dict__.update(state)
    return article


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
    """A year (month None) or a month of the date archive."""

    year: int | None
    month: int | None
    articles: tuple[Article, ...]
    url: str

    @property
    def label(self) -> str:
        """``Năm 2021``, ``Tháng 8/2021`` or ``Không rõ ngày``."""
        if self.year is None:
            return "Không rõ ngày"
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
    glossary: tuple[tuple[str, str], ...] = field(default=())
    related: dict = field(default_factory=dict, compare=False)   # article URL → related articles

    def taxonomy(self, kind: str) -> Taxonomy:
        """The taxonomy of the given kind."""
        return next(t for t in self.taxonomies if t.kind == kind)

    def months_of(self, year: int) -> tuple[Period, ...]:
        """The months of a year that have articles, newest first."""
        return tuple(p for p in self.months if p.year == year)


def positions(items: tuple | list, ids) -> list[int]:
    """The positions in ``items`` of the objects whose ``id`` is one of ``ids``, in order."""
    listed = list(map(id, items))
    found = []
    for wanted in ids:
        try:
            found.append(listed.index(wanted))  # (a scan in C: faster than a loop in Python over many items)
        except ValueError:
            pass
    return sorted(found)


def renumbering(before: tuple[str, ...], after: tuple[str, ...]) -> tuple[list[int], int, int] | None:
    """The same articles (by file) in another order, as a date edit leaves them: each one's new number, and
    the first and last number that changed.  None when they are not the same articles, or none moved."""
    number = {file: n for n, file in enumerate(after)}
    if len(number) != len(before) or any(file not in number for file in before):
        return None
    new_number = [number[file] for file in before]
    moved = [n for n, m in enumerate(new_number) if n != m]
    return (new_number, moved[0], moved[-1]) if moved else None


def one_added_or_removed(before: tuple[str, ...], after: tuple[str, ...]) -> tuple[int, int] | None:
    """Where the only difference between two lists of articles (by file) is one article added or removed:
    its number and +1 (added, ``after[n]``) or −1 (removed, ``before[n]``).  None otherwise."""
    delta = len(after) - len(before)
    if delta not in (1, -1):
        return None
    same = next((n for n, (a, b) in enumerate(zip(before, after)) if a != b), min(len(before), len(after)))
    longer, shorter = (after, before) if delta > 0 else (before, after)
    return (same, delta) if longer[same + 1:] == shorter[same:] else None


def one_moved(before: tuple[str, ...], after: tuple[str, ...]) -> tuple[int, int] | None:
    """Where the only difference between two lists of the same articles (by file) is one article moved, as
    a date edit moves it: its old and its new number.  None otherwise."""
    if len(before) != len(after):
        return None
    same = next((n for n, (a, b) in enumerate(zip(before, after)) if a != b), None)
    if same is None:
        return None
    later = after.index(before[same]) if before[same] in after else None  # it moved towards the end …
    if later is not None and after[:later] + after[later + 1:] == before[:same] + before[same + 1:]:
        return same, later
    earlier = before.index(after[same]) if after[same] in before else None  # … or one from there moved here
    if earlier is not None and before[:earlier] + before[earlier + 1:] == after[:same] + after[same + 1:]:
        return earlier, same
    return None
