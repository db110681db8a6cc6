"""The terms a text gives the search index beyond its own words, and the words a query treats apart.

- The glossary (``content/glossary.yaml``): an abbreviation and its expansion index each other (ANTT ↔ an
  ninh trật tự); its one-word abbreviations are never completed as prefixes, and a result highlights the
  expansion where the abbreviation matched, and back.
- The spellings of one term (``same_terms`` in ``generator/data/search.yaml``): TP.HCM, TP HCM, TPHCM and
  Thành phố Hồ Chí Minh are one word, ``tphcm``.
- Function words (``optional_words``): a query's other words must all match, these need not.

The browser's index (``index.py``, ``search/meta.js``) and the command line (``whoosh_index.py``) use them alike.
"""
from __future__ import annotations

import functools
from collections import Counter

from ..data import load_data
from ..lang.analyzer import bigrams, tokens
from ..lang.text import fold


@functools.lru_cache(maxsize=1)
def same_terms() -> dict[str, list[list[str]]]:
    """Each term of ``generator/data/search.yaml`` ``same_terms`` (folded, its words joined) → the folded
    words of every spelling of it, longest first."""
    groups = {}
    for key, spellings in load_data("search.yaml")["same_terms"].items():
        term = "".join(folded for _, folded in tokens(str(key)))
        variants = {tuple(folded for _, folded in tokens(str(s))) for s in [key, *spellings]}
        groups[term] = [list(v) for v in sorted(variants, key=lambda v: (-len(v), v)) if v and v != (term,)]
    return groups


@functools.lru_cache(maxsize=1)
def optional_words() -> list[str]:
    """Function words a query need not match (``generator/data/search.yaml``), in the analyzer's exact form."""
    return sorted({exact for word in load_data("search.yaml")["optional_words"] for exact, _ in tokens(str(word))})


def glossary_words(glossary: tuple[tuple[str, str], ...]) -> dict[str, list[str]]:
    """The glossary's one-word abbreviations, folded, with their expansions' folded words: a query never
    completes them as prefixes, and highlights the expansion where the abbreviation matched (and back)."""
    found = {}
    for abbreviation, expansion in glossary:
        words = tokens(abbreviation)
        if len(words) == 1:
            found[words[0][1]] = [folded for _, folded in tokens(expansion)]
    return dict(sorted(found.items()))


def abbreviation_terms(glossary: tuple[tuple[str, str], ...]) -> list[tuple[str, tuple[str, ...], tuple]]:
    """Each glossary entry: the abbreviation folded, its expansion's folded words, and their (exact,
    folded) spellings."""
    found = []
    for abbr, expansion in glossary:
        words = tuple(tokens(expansion))
        found.append((fold(abbr), tuple(f for _, f in words), words))
    return found


def add_abbreviations(weights: Counter, folded: list[str], counts: Counter, boost: float,
                      abbreviations) -> set[tuple[str, str]]:
    """An abbreviation and its expansion index each other (ANTT ↔ an ninh trật tự).  Returns the
    (exact, folded) words a text writes that way: the expansion's, as the glossary spells them, where the
    text has the abbreviation — so a query for "an ninh trật tự" as written finds "ANTT" too."""
    joined = None
    added: list[tuple[str, float]] = []
    written: set[tuple[str, str]] = set()
    for abbr, expansion, spelled in abbreviations:
        if abbr not in counts and (not expansion or expansion[0] not in counts):
            continue
        spelled_out = 0
        if len(expansion) == 1:
            spelled_out = counts[expansion[0]]
        elif expansion and f"{expansion[0]} {expansion[1]}" in counts:
            if joined is None:
                joined = " " + " ".join(folded) + " "
            spelled_out = joined.count(" " + " ".join(expansion) + " ")
        abbreviated = counts.get(abbr, 0)
        if spelled_out:
            added.append((abbr, boost * spelled_out))
        if abbreviated:
            added.extend((term, boost * abbreviated) for term in (*expansion, *bigrams(list(expansion))))
            written.update(spelled)
    for term, weight in added:  # after the loop: one abbreviation's additions never trigger another
        weights[term] += weight
    return written


@functools.lru_cache(maxsize=1)
def _spellings() -> tuple[dict[str, list[tuple[str, tuple[str, ...]]]], frozenset[str]]:
    """The spellings of ``same_terms`` by their first word: first word → [(term, the spelling's words)]."""
    by_first: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for term, variants in same_terms().items():
        for words in variants:
            by_first.setdefault(words[0], []).append((term, tuple(words)))
    return by_first, frozenset(by_first)


def query_terms(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """A query's (exact, folded) words with each spelling of a term (``tp hcm``) made that term
    (``("tphcm", "tphcm")``), as the browser's engine reads a query (``sameTerms``)."""
    groups = same_terms()
    out, position = [], 0
    folded = [f for _, f in pairs]
    while position < len(pairs):
        found = None
        for term, variants in groups.items():
            if folded[position] == term:
                found = (term, 1)
            else:
                found = next(((term, len(words)) for words in variants
                              if folded[position:position + len(words)] == words), None)
            if found:
                break
        if found:
            out.append((found[0], found[0]))
            position += found[1]
        else:
            out.append(pairs[position])
            position += 1
    return out


def add_same_terms(weights: Counter, folded: list[str], counts: Counter, boost: float) -> None:
    """A text writing a spelling of a term (``TP.HCM``, ``Thành phố Hồ Chí Minh``) counts as writing the
    term (``tphcm``) as many times, so every spelling finds it."""
    by_first, firsts = _spellings()
    if firsts.isdisjoint(counts):  # (most texts: none of the spellings' first words)
        return
    found: Counter = Counter()
    for position, word in enumerate(folded):
        for term, words in by_first.get(word, ()):
            end = position + len(words)
            if tuple(folded[position:end]) == words:
                found[term] += 1
                # (and the pairs it makes with its neighbours: "Bộ GD-ĐT" is "bo gddt", next to each other)
                if position:
                    found[f"{folded[position - 1]} {term}"] += 1
                if end < len(folded):
                    found[f"{term} {folded[end]}"] += 1
                break
    for term, count in found.items():
        weights[term] += boost * count
