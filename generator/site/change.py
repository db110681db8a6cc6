"""How the order of the articles changed between two builds, by file: one added or removed, one moved,
many renumbered — each consumer applies its own limits."""
from __future__ import annotations


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
