"""The search analyzer: text → tokens, each in an exact and a folded form.

Twin of ``static/search/analyzer.js``; both are tested on the shared vectors in
``tests/data/analyzer_vectors.json``.  Steps: NFC, one tone placement
(``hoà`` → ``hòa``), split on anything that is not a letter or digit,
lower-case (exact form), then strip marks and ``đ`` → ``d`` (folded form).
"""
from __future__ import annotations

import re
import unicodedata
import zlib
from itertools import chain
from typing import Iterable

from .text import COMBINING, fold, normalize, normalized_nfd

_TOKEN = re.compile(r"[^\W_]+")
_CHUNKS_LIMIT = 500_000


class _Memo(dict):
    """A piece of text → its tokens: an archive repeats a few 10,000 words, so each is analysed once per process."""

    def __missing__(self, chunk: str) -> list[tuple[str, str]]:
        if len(self) >= _CHUNKS_LIMIT:
            self.clear()
        pairs = self[chunk] = _analyse(chunk)
        return pairs


_CHUNKS = _Memo()


def tokens(text: str) -> list[tuple[str, str]]:
    """(exact, folded) for every token of ``text``, in order.

    A token never spans whitespace, and no step of the analysis looks across it
    (NFC composes nothing with a space; tone placement and final sigma stop at
    it), so each whitespace-separated piece is analysed once per process and then
    looked up in C (``_Memo``): the same result as analysing the whole text
    (property-tested), at a fraction of the cost."""
    pieces = unicodedata.normalize("NFC", text).lower().split()
    return list(chain.from_iterable(map(_CHUNKS.__getitem__, pieces)))


def _analyse(text: str) -> list[tuple[str, str]]:
    decomposed = normalized_nfd(text)  # shared by both forms: normalize() and fold() without a second NFD
    exact = _TOKEN.findall(unicodedata.normalize("NFC", decomposed).lower())
    stripped = COMBINING.sub("", decomposed.replace("đ", "d").replace("Đ", "D"))
    folded = _TOKEN.findall(unicodedata.normalize("NFC", stripped).lower())
    if len(folded) != len(exact):  # folding changed the word boundaries: fold word by word
        folded = [fold(word) for word in exact]
    return list(zip(exact, folded))


def folded_tokens(text: str) -> list[str]:
    """Folded tokens only (what the index keys are made of)."""
    return _TOKEN.findall(fold(normalize(text)))


def bigrams(folded: list[str]) -> Iterable[str]:
    """Adjacent pairs, the keys that make phrase and name matches rank higher."""
    return (f"{a} {b}" for a, b in zip(folded, folded[1:]))


# Punctuation that ends a phrase: a sentence or clause mark before a space (not the dot of "TP.HCM" or
# "1.000"), brackets and quotes.  No pair of words is indexed across it, so a quoted phrase never matches
# "… Hà Nội. Đà Nẵng …" (twin: BREAK in static/search/engine.js).
BREAK = re.compile(r"[.,;:!?…]+(?=\s|$)|[()\[\]{}“”\"«»]")


class _Pieces(dict):
    """A whitespace-separated piece of lower-cased NFC text → what ``tokens_and_pairs`` needs of it: its tokens,
    the pairs inside it, the folded first and last tokens that pair with its neighbours' (None across a break)
    and whether it is *transparent* (no token and no break: ``–``).  ``BREAK`` never spans whitespace (its
    punctuation is followed by whitespace or the end, which a piece's end stands for), so a piece's breaks are
    its own and each piece is looked at once per process."""

    def __missing__(self, piece: str) -> tuple[list[tuple[str, str]], list[str], str | None, str | None, bool]:
        if len(self) >= _CHUNKS_LIMIT:
            self.clear()
        runs = [_CHUNKS[segment] for segment in BREAK.split(piece)]
        found = [token for run in runs for token in run]
        inner: list[str] = []
        for run in runs:
            inner += bigrams([folded for _, folded in run])
        first = runs[0][0][1] if runs[0] else None
        last = runs[-1][-1][1] if runs[-1] else None
        value = self[piece] = (found, inner, first, last, len(runs) == 1 and not found)
        return value


_PIECES = _Pieces()


def tokens_and_pairs(text: str) -> tuple[list[tuple[str, str]], list[str]]:
    """``tokens(text)``, and the folded pairs of adjacent words with no break (``BREAK``) between them: the
    same as splitting the text at its breaks and pairing each run's words (property-tested), a piece at a time
    (``_Pieces``) — the search index's hottest loop."""
    found: list[tuple[str, str]] = []
    pairs: list[str] = []
    last = None
    for run, inner, first, end, transparent in map(_PIECES.__getitem__,
                                                  unicodedata.normalize("NFC", text).lower().split()):
        if transparent:
            continue
        found += run
        if last is not None and first is not None:
            pairs.append(f"{last} {first}")
        pairs += inner
        last = end
    return found, pairs


def term_hash(term: str) -> int:
    """CRC-32 of the UTF-8 bytes: the shard a term lives in (same function in JS)."""
    return zlib.crc32(term.encode("utf-8"))
