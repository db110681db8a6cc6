"""What the articles did since the last build, decided once — one ``Change`` value that related articles,
page planning and the search index all read."""
from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Iterable


def files_of(articles: Iterable) -> tuple[str, ...]:
    """The articles' files, oldest first (``site.articles`` is newest first): the order every index numbers."""
    return tuple(article.source_path for article in reversed(tuple(articles)))


@dataclass(frozen=True)
class Change:
    """What the articles did since the last build.

    Either some were **edited in place** — each keeping its file, URL, place in
    the order and period (``edited`` lists their positions in ``site.articles``;
    it may be empty: nothing changed) — or the **order** may have changed:
    ``before`` and ``after`` are the articles' files, oldest first, and the
    properties below say how (one added or removed, one moved, a window
    renumbered).  The build decides it (``build/pipeline.py``); related articles,
    the page plan and the search index each patch by it, within their own limits.
    A consumer whose memory is not ``before`` asks ``Change`` again with its own.
    """

    before: tuple[str, ...] = ()
    after: tuple[str, ...] = ()
    edited: tuple[int, ...] | None = None  # in place: the edited articles' positions (newest first)
    focus: frozenset[int] = frozenset()  # in place: the ids of the edited articles' new objects
    related_changed: frozenset[int] = frozenset()  # in place: positions of the articles whose related list changed
    terms_moved: frozenset[str] = frozenset()  # in place: URLs of the terms an edited article joined or left

    @property
    def in_place(self) -> bool:
        """Whether only ``edited`` articles changed, each in its place."""
        return self.edited is not None

    @functools.cached_property
    def first(self) -> int:
        """The first number (oldest first) whose article differs; the shorter length when none does."""
        before, after = self.before, self.after
        return next((n for n, (a, b) in enumerate(zip(before, after)) if a != b), min(len(before), len(after)))

    @functools.cached_property
    def added_or_removed(self) -> tuple[int, int] | None:
        """One article added or removed: its number and +1 or −1 (``one_added_or_removed``)."""
        return one_added_or_removed(self.before, self.after)

    @functools.cached_property
    def moved_one(self) -> tuple[int, int] | None:
        """One article moved: its old and new number (``one_moved``)."""
        return one_moved(self.before, self.after)

    @functools.cached_property
    def renumbered(self) -> tuple[list[int], int, int] | None:
        """The same articles in another order: new numbers, first and last moved (``renumbering``)."""
        return renumbering(self.before, self.after)


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
