"""Typo tolerance for the browser's search, from the archive's own words (SymSpell's deletions).

Every folded word of the archive that at least ``MIN_DOCS`` documents use (three letters or more, not a
number) is listed under itself and under each form of it with one letter deleted: ``xuan`` under ``xuan``,
``uan``, ``xan``, ``xun``, ``xua``.  A query word that matches nothing looks up its own deletions the same
way (``xaun`` → ``xun``, ``xan`` …) and gets every word within one edit of it, a swapped pair of letters
included; the browser ranks them (``static/search/engine.js``: keyboard neighbours and swaps cost less, then
the most used).  The keys are spread over bucket files ``search/s/N.js`` by crc32, like the index shards, so a
typo loads a handful of small files and an ordinary query none.
"""
from __future__ import annotations

from typing import Callable, Iterable

from ..lang.analyzer import term_hash
from .scripts import script
from .state import shard_count

MIN_DOCS = 2     # a word one document uses is as likely a typo of the text as a word to suggest
MIN_LENGTH = 3   # shorter words are within one edit of too many others to correct


def deletions(word: str) -> set[str]:
    """The word and every form of it with one letter deleted."""
    return {word} | {word[:i] + word[i + 1:] for i in range(len(word))}


def _correctable(term: str) -> bool:
    return len(term) >= MIN_LENGTH and " " not in term and not term.isdigit()


class TypoIndex:
    """Deletion key → the listed words it stands for, kept up to date as words come and go."""

    def __init__(self) -> None:
        self.keys: dict[str, set[str]] = {}
        self.listed: dict[str, int] = {}  # listed word → how many documents use it
        self.buckets = 0
        self.size = 0  # bytes of all keys' entries, roughly: the bucket count follows it

    def update(self, terms: Iterable[str], documents: Callable[[str], int]) -> set[str] | None:
        """After the index changed ``terms``: list, re-count or drop each; returns the keys whose entries
        changed (None: every bucket is to be written again, its count having changed)."""
        dirty: set[str] = set()
        for term in terms:
            if not _correctable(term):
                continue
            count = documents(term)
            was = self.listed.get(term)
            if count >= MIN_DOCS:
                self.listed[term] = count
                if was is None:
                    for key in deletions(term):
                        self.keys.setdefault(key, set()).add(term)
                        self.size += len(key) + len(term) + 6
                if was != count:
                    dirty |= deletions(term)
            elif was is not None:
                del self.listed[term]
                for key in deletions(term):
                    entry = self.keys[key]
                    entry.discard(term)
                    self.size -= len(key) + len(term) + 6
                    if not entry:
                        del self.keys[key]
                dirty |= deletions(term)
        count = shard_count(self.size)
        if count != self.buckets:
            self.buckets = count
            return None
        return dirty

    def files(self, dirty: set[str] | None) -> dict[str, bytes]:
        """The bucket files to write: those holding ``dirty`` keys, or all (None)."""
        numbers = range(self.buckets) if dirty is None else sorted({term_hash(k) % self.buckets for k in dirty})
        if not numbers:
            return {}
        by_bucket: dict[int, dict[str, list]] = {n: {} for n in numbers}
        wanted = set(numbers)
        for key, terms in self.keys.items():
            number = term_hash(key) % self.buckets
            if number in wanted:
                by_bucket[number][key] = sorted([t, self.listed[t]] for t in terms)
        return {f"search/s/{n}.js": script(f"s/{n}", dict(sorted(by_bucket[n].items()))) for n in numbers}

    def paths(self) -> list[str]:
        return [f"search/s/{n}.js" for n in range(self.buckets)]
