"""The prefix lists that complete the word being typed: which lists a term is on, and their size."""
from __future__ import annotations

from .postings import postings_count

PREFIX_TOP = 8  # words on a list: the most used
PREFIX_LENGTHS = (1, 2, 3, 4)  # a word is on the lists of its first 1–4 letters


def prefix_bytes(item: tuple[str, list]) -> int:
    """About the bytes of one prefix list in its bucket file."""
    prefix, ranked = item
    return len(prefix) + sum(len(term) + 4 for term, _ in ranked)


PAIR_MIN_DOCS = 3  # a pair of words fewer documents use is not offered to complete the word after another


def prefixes(term: str, encoded: bytes | bytearray | None) -> list[str]:
    """The prefix lists a term is on: a word on its first 1–4 letters' (``nghe a`` → ``an``); a pair of
    words that at least PAIR_MIN_DOCS documents use on its first word's (``xuan `` → ``xuan phuc``: the
    words most often after it, to complete the word after it).  ``encoded``: the term's postings (None:
    every list it could be on)."""
    if " " not in term:
        return [term[:size] for size in PREFIX_LENGTHS if len(term) > size]
    if encoded is not None and postings_count(encoded) < PAIR_MIN_DOCS:
        return []
    return [term[:term.index(" ") + 1]]
