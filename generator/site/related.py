"""Related articles and speaker profiles: functions of the model, computed before rendering.

Related articles share distinctive words (idf-weighted, from title, summary,
tags, speaker, place and people) — an inverted-index more-like-this that stays
linear in the archive size.  The body is left out on purpose: an edit of an
article's text then never changes which articles other pages list as related,
so the preview can rebuild a body edit without recomputing them.  (Speaker profiles: ``speakers``.)
"""
from __future__ import annotations

import bisect
import functools
import math
import sys
from array import array
from collections import defaultdict
from itertools import compress, filterfalse
from operator import neg, not_

from ..content.article import Article
from ..lang.analyzer import folded_tokens
from ..lang.text import name_key
from ..parallel import imap_all
from .change import Change

RELATED_COUNT = 4
_MAX_TERM_SHARE = 0.05    # words in more than 5 % of articles say nothing about likeness
_MAX_TERM_POSTINGS = 100  # … nor do words shared by hundreds of articles in a big archive
_TERMS_PER_ARTICLE = 20

Signature = tuple[str, ...]  # sorted distinct words: a tuple, not a set, loads from the build state 8× faster


def _signature(article: Article) -> Signature:
    text = " ".join([article.title, article.summary, " ".join(article.tags), article.speaker or "",
                     article.location or "", " ".join(p.name for p in article.people)])
    words = folded_tokens(text)
    terms = set(words)
    terms.update(map(" ".join, zip(words, words[1:])))
    terms.update(f"#tag:{name_key(t)}" for t in article.tags)
    if article.speaker:
        terms.add(f"#speaker:{name_key(article.speaker)}")
    # Interned: one object per word across all signatures, so the pickled build state stores each word once.
    return tuple(sorted(map(sys.intern, filterfalse(str.isdigit, terms))))


def _postings() -> array:
    return array("i")  # article numbers: pickled as one block of bytes, not an object per number


def related_articles(articles: tuple[Article, ...], count: int = RELATED_COUNT) -> dict[str, tuple[Article, ...]]:
    """For every article (by URL), the ``count`` most alike others."""
    return Related(count)(articles)


def size_class(count: int) -> int:
    """The archive size that word weights are computed against: ``count`` rounded up to a power of two, so
    that adding or removing an article changes no weight but those of its own words (all of them only when
    the archive crosses a power of two)."""
    return 1 << max(0, (count - 1).bit_length())


class _Likeness:
    """Inverted index of signatures with idf weights; answers "most alike" for one article at a time.
    Articles are numbered from the oldest: among equally alike articles the newer (higher number) wins."""

    def __init__(self, signatures: list[Signature]) -> None:
        self.signatures = list(signatures)
        self.postings: dict[str, array] = defaultdict(_postings)
        for number, terms in enumerate(self.signatures):
            for term in terms:
                self.postings[term].append(number)
        self.total = size_class(len(self.signatures))
        self.limit = max(2, min(_MAX_TERM_POSTINGS, int(self.total * _MAX_TERM_SHARE)))
        self.weight: dict[str, float] = {}
        self.rank: dict[str, tuple[float, str]] = {}  # the order of distinctiveness: heaviest first, then by word
        for term in self.postings:
            self._weigh(term)

    def _weigh(self, term: str) -> None:
        ids = self.postings.get(term, ())
        if 1 < len(ids) <= self.limit:
            weight = self.weight[term] = math.log(self.total / len(ids))
            self.rank[term] = (-weight, term)
        else:
            self.weight.pop(term, None)
            self.rank.pop(term, None)

    def best(self, number: int, count: int) -> tuple[int, ...]:
        """The ``count`` articles sharing the most weight of ``number``'s most distinctive words."""
        terms = self.signatures[number]
        scores: dict[int, float] = defaultdict(float)
        weight = self.weight
        # Only the article's most distinctive words: linear in the archive size, not quadratic.
        distinctive = sorted(filter(weight.__contains__, terms), key=self.rank.__getitem__)[:_TERMS_PER_ARTICLE]
        for term in distinctive:
            w = weight[term]
            for other in self.postings[term]:
                if other != number:
                    scores[other] += w
        # Highest score first, then the higher (newer) number: (−score, −number) pairs sort that way, in C.
        return tuple(-other for _, other in sorted(zip(map(neg, scores.values()), map(neg, scores)))[:count])

    def renumber(self, new_number: list[int], low: int, high: int) -> set[int]:
        """Number every article ``n`` ``new_number[n]`` instead, where only articles ``low`` to ``high`` move
        (among themselves); returns the articles (new numbers) whose answer may have changed.

        Ties go to the higher number.  The articles of the window keep their order among themselves and
        against every other article except where they passed each other, so an answer can change only if
        it weighs one of them: those sharing a word that counts with an article of the window."""
        window = range(low, high + 1)
        terms = {term for number in window for term in self.signatures[number]}
        affected = set(window)
        for term in terms:
            if term in self.weight:
                affected.update(self.postings[term])
        for term in terms:  # every list that holds an article of the window
            self.postings[term] = array("i", sorted(map(new_number.__getitem__, self.postings[term])))
        signatures = list(self.signatures)
        for number in window:
            signatures[new_number[number]] = self.signatures[number]
        self.signatures = signatures
        return {new_number[number] for number in affected}

    def replace(self, number: int, signature: Signature) -> set[int]:
        """Give article ``number`` a new signature; returns the articles whose answer may have changed.

        Only the words the article gained or lost change postings, and so weight: only
        articles sharing one of them that counts (before or after) can see a different
        answer.  (A word kept has the same weight and still lists the article.)  ``number`` may be the next
        one: a new article."""
        if number == len(self.signatures):
            self.signatures.append(())
        old, new = set(self.signatures[number]), set(signature)
        self.signatures[number] = signature
        touched = old ^ new
        eligible_before = {t for t in touched if t in self.weight}
        for term in old - new:
            self.postings[term].remove(number)
            if not self.postings[term]:
                del self.postings[term]
        for term in new - old:
            bisect.insort(self.postings[term], number)
        for term in touched:
            self._weigh(term)
        affected = {number}
        for term in touched:
            if term in eligible_before or term in self.weight:
                affected.update(self.postings.get(term, ()))
        return affected

    def shift(self, at: int, delta: int, signature: Signature = ()) -> set[int]:
        """Add article ``at`` (``delta`` +1, with ``signature``) or remove it (−1): the articles after it
        shift by one number; returns the articles (new numbers) whose answer may have changed.  The others
        keep their order among themselves, so only answers weighing the added or removed one can change,
        as with ``replace``."""
        affected = self.replace(at, ()) if delta < 0 else set()  # its words' weights, without it
        if delta > 0:
            self.signatures.insert(at, ())
        else:
            del self.signatures[at]
        for term, numbers in self.postings.items():
            if numbers and numbers[-1] >= at:
                start = bisect.bisect_left(numbers, at)
                numbers[start:] = array("i", [n + delta for n in numbers[start:]])
        affected = {n + delta if n > at else n for n in affected if n != at}
        if delta > 0:
            affected |= self.replace(at, signature)
        return affected

    def truncate(self, count: int) -> None:
        """Forget the articles numbered ``count`` and up (``replace``d by empty signatures first)."""
        assert not any(self.signatures[count:])
        del self.signatures[count:]


class Related:
    """Related articles with a memory, for the preview and incremental builds.

    With the same articles in the same order, only changed signatures are
    re-indexed and only the articles they can affect are answered again (a body
    edit changes no signature: nothing is recomputed).  Articles are numbered
    from the oldest, so a new newest article (or the newest removed) changes no
    other number: it is indexed like an edit too, as are articles a date edit
    moved.  Anything else starts afresh.  Either way the answer is the one a
    clean build gives."""

    INCREMENTAL_LIMIT = 50
    MOVE_LIMIT = 50  # articles moved among more than this many: shifted, or answered afresh

    def __init__(self, count: int = RELATED_COUNT) -> None:
        self.count = count
        self._signatures: dict[str, tuple[Article, Signature]] = {}
        self._files: tuple[str, ...] = ()  # the articles' files, in the order of their numbers
        self._index: _Likeness | None = None
        self._best: list[tuple[int, ...]] = []

    def __call__(self, articles: tuple[Article, ...], change: Change | None = None) -> dict[str, tuple[Article, ...]]:
        """Each article's related articles; ``change``: how the order changed since the last call (the build's
        decision; asked again here when this index was not at its ``before``)."""
        articles = articles[::-1]  # numbered from the oldest
        hits = [self._signatures.get(article.url) for article in articles]
        missing = [n for n, (hit, article) in enumerate(zip(hits, articles)) if not hit or hit[0] is not article]
        # Words made in a worker come back as new strings: interned again, each is stored once.
        made = {n: tuple(map(sys.intern, signature))
                for n, signature in zip(missing, _on_all_cores(_signatures_of, articles, missing))}
        signatures, known = [], {}
        for n, article in enumerate(articles):
            signature = made[n] if n in made else hits[n][1]  # type: ignore[index]
            known[article.url] = (article, signature)
            signatures.append(signature)
        self._signatures = known
        files = tuple(a.source_path for a in articles)
        if change is None or change.before != self._files or change.after != files:
            change = Change(self._files, files)
        index = self._index
        changed = None
        affected: set[int] = set()
        if index is not None and files != self._files:
            found = self._reorder(change)  # a date edit: the same articles in another order
            if found is None:
                found = self._shift(change, signatures)  # one article added or removed before others
            affected = (found if found is not None else self._retail(change, signatures)) or set()
        if index is not None and files == self._files:
            changed = [n for n, s in enumerate(signatures) if s != index.signatures[n]]
            if len(changed) > self.INCREMENTAL_LIMIT:
                changed = None
        if changed is None:
            self._index = index = _Likeness(signatures)
            self._files = files
            self._best = _on_all_cores(_answers, (index, self.count), list(range(len(articles))))
        else:
            for number in changed:
                affected |= index.replace(number, signatures[number])
            for number in affected:
                self._best[number] = index.best(number, self.count)
        return {articles[n].url: tuple(articles[o] for o in best) for n, best in enumerate(self._best)}

    def _retail(self, change: Change, signatures: list[Signature]) -> set[int] | None:
        """Articles added or removed at the newest end (or moved there by a date edit): index the ones from
        the first difference on anew and return the articles whose answer may have changed; None when that
        is too many, or the archive's size class changed (every weight with it)."""
        index, files, same = self._index, change.after, change.first
        end = max(len(files), len(self._files))
        if index is None or end - same > self.INCREMENTAL_LIMIT or size_class(len(files)) != index.total:
            return None
        affected: set[int] = set()
        for number in range(same, end):
            affected |= index.replace(number, signatures[number] if number < len(files) else ())
        index.truncate(len(files))
        self._best = (self._best + [()] * len(files))[:len(files)]
        self._files = files
        return {number for number in affected if number < len(files)}  # (each replaced one among them)

    def _shift(self, change: Change, signatures: list[Signature]) -> set[int] | None:
        """One article added or removed with others after it (by number: newer), or moved past many others
        by a date edit: number those one more or one less in the same index and return the articles whose
        answer may have changed; None when that is not the change, or the archive's size class changed
        (every weight with it).  The others keep their order among themselves, so only answers weighing
        that article can change."""
        index, files = self._index, change.after
        if index is None or size_class(len(files)) != index.total:
            return None
        found = change.added_or_removed
        if found is not None:
            if found[0] == min(len(files), len(self._files)):
                return None  # at the newest end: no other number changes (``_retail``)
            steps = [found]
        else:
            moved = change.moved_one
            if moved is None:
                return None
            steps = [(moved[0], -1), (moved[1], 1)]  # out of its old place, into its new one
        self._best, affected = shift_answers(index, self._best, steps, signatures)
        self._files = files
        return affected

    def _reorder(self, change: Change) -> set[int] | None:
        """The same articles as last time in another order (a date edit moved some): number them anew and
        return the articles whose answer may have changed; None when they are not the same articles or too
        many moved."""
        found = change.renumbered
        if found is None or found[2] - found[1] >= self.MOVE_LIMIT:
            return None  # (one article moved far: ``_shift``)
        new_number, low, high = found
        affected = self._index.renumber(new_number, low, high)  # type: ignore[union-attr]
        best: list[tuple[int, ...]] = [()] * len(self._best)
        for n, answer in enumerate(self._best):
            best[new_number[n]] = tuple(new_number[o] for o in answer)
        self._best, self._files = best, change.after
        return affected

    def substitute(self, articles: tuple[Article, ...], numbers: list[int], related: dict) -> set[int]:
        """Articles ``numbers`` (positions in ``articles``, newest first) of the same list as last time were
        edited: update ``related`` (the last answer, article URL → related articles) in place; return the
        positions of the articles whose related list was rebuilt — those whose answer changed and those
        listing an edited article (whose object is new)."""
        index = self._index
        assert index is not None and len(articles) == len(self._files)
        articles = articles[::-1]  # numbered from the oldest
        numbers = [len(articles) - 1 - position for position in numbers]
        affected: set[int] = set()
        for number in numbers:
            article = articles[number]
            signature = _signature(article)
            self._signatures[article.url] = (article, signature)
            if signature != index.signatures[number]:
                affected |= index.replace(number, signature)
        for number in affected:
            self._best[number] = index.best(number, self.count)
        edited = set(numbers)  # the answers listing an edited article (in C: many answers, few edits)
        affected.update(compress(range(len(self._best)), map(not_, map(edited.isdisjoint, self._best))))
        for number in affected:
            related[articles[number].url] = tuple(articles[o] for o in self._best[number])
        return {len(articles) - 1 - number for number in affected}


def shift_answers(index: _Likeness, best: list[tuple[int, ...]], steps: list[tuple[int, int]],
                  signatures: list[Signature]) -> tuple[list[tuple[int, ...]], set[int]]:
    """Articles added (``(number, +1)``, with ``signatures[number]``) or removed (``(number, −1)``), one step
    after the other, in ``index`` and in the answers ``best``: the answers renumbered and the articles
    (final numbers) whose answer may have changed, to be asked again."""
    affected: set[int] = set()
    for at, delta in steps:
        # What earlier steps found, in this step's numbers (a removed article needs no answer).
        affected = {n + delta if n > at or (n == at and delta > 0) else n for n in affected if delta > 0 or n != at}
        affected |= index.shift(at, delta, signatures[at] if delta > 0 else ())
        best = [tuple(o + delta if o >= at else o for o in answer) for answer in best]
        if delta > 0:
            best.insert(at, ())
        else:
            del best[at]
    return best, affected


def _on_all_cores(function, shared, numbers: list[int]) -> list:
    """``function(shared, numbers)`` for all ``numbers``, in runs spread over the cores when there are many."""
    size = max(100, len(numbers) // 16)
    runs = [numbers[start:start + size] for start in range(0, len(numbers), size)]
    return [value for run in imap_all(functools.partial(function, shared), runs, min_items=4) for value in run]


def _signatures_of(articles, numbers: list[int]) -> list[Signature]:
    return [_signature(articles[n]) for n in numbers]


def _answers(shared, numbers: list[int]) -> list[tuple[int, ...]]:
    index, count = shared
    return [index.best(n, count) for n in numbers]
