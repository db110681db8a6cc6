"""The browser index's postings, kept between builds and updated one document at a time.

``IndexState`` holds, for every term, its encoded postings (the exact text that
goes into the shard files) and, for words, the documents per written form.  A
full build streams every document through it once; after an edit only the
terms of the changed documents are decoded, patched and re-encoded, and only
the shard and prefix files holding them are written again.  Both paths produce
the same bytes: the incremental tests compare them with clean builds.
"""
from __future__ import annotations

import heapq
from collections import defaultdict
from dataclasses import dataclass, field

from ..lang.analyzer import term_hash
from .postings import (FINAL_BYTES, DocPostings, partial, postings_count,
                       renumber_ids, renumber_postings, shift_ids,
                       shift_postings, splice_id, splice_posting, varint)
from .prefixes import PREFIX_TOP, prefix_bytes, prefixes
from .scripts import json_string, script

# Entries per file: a query loads a file for each of its words and pairs, most of it other words' entries.
# bench/search_bench.py, median bytes a query (scripts included) at 1,000 / 10,000 articles: 6 KB files
# 88.4 / 119.1 KB, 3 KB 68.7 / 103.9 KB, 2 KB 62.9 / 97.2 KB — for 24,486 → 37,926 files at 10,000 articles
# and the same build time.
SHARD_TARGET_BYTES = 2 * 1024


def shard_count(total_bytes: int) -> int:
    """How many files to split ``total_bytes`` of entries into (a power of two, about SHARD_TARGET_BYTES
    each)."""
    count = 8
    while total_bytes / count > SHARD_TARGET_BYTES:
        count *= 2
    return count


@dataclass
class IndexState:
    """Every term's postings and written forms, the shard layout and the prefix lists."""

    docs: int = 0
    post: dict[str, bytearray] = field(default_factory=dict)
    forms: dict[str, dict[str, bytearray]] = field(default_factory=dict)
    shards: int = 0
    shard_terms: dict[int, set[str]] = field(default_factory=dict)
    size: int = 0                                                   # bytes of every entry, for the shard count
    prefix_terms: dict[str, set[str]] = field(default_factory=dict)  # prefix → words starting with it
    prefix_lists: dict[str, list] = field(default_factory=dict)
    prefix_bytes: int = 0                                           # of every prefix list, for the bucket count
    buckets: int = 0
    bucket_prefixes: dict[int, set[str]] = field(default_factory=dict)  # bucket → its prefixes (``buckets`` of them)
    # The highest document id in a term's postings, and in a written form's ids, where known: a document
    # numbered after it (a new newest article) is appended there, not spliced in by reading the whole list.
    # Known after a full index, kept up by updates; left out of the saved state (it only saves time, and
    # would make every command-line build load one more entry per term).
    last: dict[str, int] = field(default_factory=dict)
    last_form: dict[tuple[str, str], int] = field(default_factory=dict)

    def __getstate__(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if k not in ("last", "last_form")}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state, last={}, last_form={})

    # --- building -----------------------------------------------------------------------------------------

    def fill(self, partials) -> None:
        """Index from scratch: ``partials`` (see ``partial``) cover consecutive document ranges, in order."""
        post: dict[str, bytearray] = {}
        last: dict[str, int] = {}
        forms: dict[str, dict[str, bytearray]] = {}
        last_form: dict[tuple[str, str], int] = {}
        count = 0
        for chunk in partials:
            count += chunk.count
            for term, (first, impact, rest, end) in chunk.post.items():
                encoded = post.get(term)
                if encoded is None:
                    post[term] = bytearray(FINAL_BYTES[impact] + varint(first)) + rest
                else:
                    encoded += FINAL_BYTES[impact]
                    encoded += varint(first - last[term])
                    encoded += rest
                last[term] = end
            for key, (first, rest, end) in chunk.forms.items():
                by_form = forms.get(key[0])
                if by_form is None:
                    by_form = forms[key[0]] = {}
                encoded = by_form.get(key[1])
                if encoded is None:
                    by_form[key[1]] = bytearray(varint(first)) + rest
                else:
                    encoded += varint(first - last_form[key])
                    encoded += rest
                last_form[key] = end
        self.docs, self.post, self.forms, self.last, self.last_form = count, post, forms, last, last_form
        self.size = sum(self._entry_size(t) for t in post)
        self._layout()
        self.prefix_terms = defaultdict(set)
        for term in post:
            for prefix in prefixes(term, post[term]):
                self.prefix_terms[prefix].add(term)
        self.prefix_lists = {p: self._prefix_list(p) for p in self.prefix_terms}
        self.prefix_bytes = sum(map(prefix_bytes, self.prefix_lists.items()))
        self.buckets, self.bucket_prefixes = 0, {}

    def fill_documents(self, documents) -> None:
        """Index ``documents`` (DocPostings in document-id order) from scratch, in this process."""
        self.fill([partial(documents, 0)])

    def _layout(self) -> None:
        self.shards = shard_count(self.size)
        self.shard_terms = defaultdict(set)
        for term in self.post:
            self.shard_terms[term_hash(term) % self.shards].add(term)

    def _entry_size(self, term: str) -> int:
        return len(term) + len(self.post[term]) + sum(len(v) for v in self._written(term).values())

    def _written(self, term: str) -> dict[str, str]:
        """The entry's extra keys: per-form ids when a word is written more than one way."""
        by_form = self.forms.get(term)
        if not by_form:
            return {}
        if len(by_form) > 1:
            return {"~" + form: ids.decode() for form, ids in sorted(by_form.items())}
        (form,) = by_form
        return {"=": form} if form != term else {}

    def update(self, number: int, old: DocPostings, new: DocPostings) -> set[str]:
        """Replace document ``number``'s postings; returns the terms whose entries changed."""
        before = dict(zip(old.terms, old.impacts))
        after = dict(zip(new.terms, new.impacts))
        moved = {t for t in before.keys() | after.keys() if before.get(t) != after.get(t)}
        old_forms, new_forms = set(old.forms), set(new.forms)
        reformed = old_forms ^ new_forms
        posted: dict[str, bytes] = {}
        formed: dict[str, dict[str, bytes]] = {}
        for term in moved:
            impact, text, end = after.get(term), self.post.get(term, b""), self.last.get(term)
            if impact is not None and end is not None and number > end:  # after its last document
                postings = text + FINAL_BYTES[impact] + varint(number - end)
            else:
                postings = splice_posting(text, number, impact)
            _keep_last(self.last, term, postings, _last_after(text, number, end, impact is not None))
            posted[term] = postings
        for key in reformed:
            folded, exact = key
            present, text, end = key in new_forms, self.forms.get(folded, {}).get(exact, b""), self.last_form.get(key)
            if present and end is not None and number > end:
                ids = text + varint(number - end)
            else:
                ids = splice_id(text, number, present)
            _keep_last(self.last_form, key, ids, _last_after(text, number, end, present))
            formed.setdefault(folded, {})[exact] = ids
        self._install(posted, formed)
        return moved | {folded for folded, _ in reformed}

    def renumber(self, new_number: list[int], low: int, high: int, terms: set[str] | None = None) -> set[str]:
        """Number every document ``d`` ``new_number[d]`` instead (a permutation that moves only documents
        ``low`` to ``high``, as a date edit does); returns the terms whose entries changed.  ``terms``: all
        the terms of those documents, when known (then no other list is even looked at)."""
        posted = {}
        for term in (self.post.keys() & terms if terms is not None else self.post):
            renumbered = renumber_postings(self.post[term], new_number, low, high)
            if renumbered is not None:
                posted[term] = renumbered
        formed: dict[str, dict[str, bytes]] = {}
        for term in (self.forms.keys() & terms if terms is not None else self.forms):
            by_form = self.forms[term]
            for form, ids in by_form.items():
                renumbered = renumber_ids(ids, new_number, low, high)
                if renumbered is not None:
                    formed.setdefault(term, {})[form] = renumbered
        changed = posted.keys() | formed.keys()
        for term in posted:  # (its last document may have moved)
            self.last.pop(term, None)
        for term, by_form in formed.items():
            for form in by_form:
                self.last_form.pop((term, form), None)
        self._install(posted, formed)
        return changed

    def _install(self, posted: dict[str, bytes], formed: dict[str, dict[str, bytes]]) -> None:
        """Put new postings and written forms' ids in place (empty: gone), keeping the size of every entry
        counted and every term in its shard."""
        for term in posted.keys() | formed.keys():
            if term in self.post:
                self.size -= self._entry_size(term)
            if term in posted:
                if posted[term]:
                    self.post[term] = posted[term]
                else:
                    self.post.pop(term, None)
            if term in formed:
                by_form = self.forms.setdefault(term, {})
                for form, ids in formed[term].items():
                    if ids:
                        by_form[form] = ids
                    else:
                        by_form.pop(form, None)
                if not by_form:
                    del self.forms[term]
            shard = self.shard_terms.setdefault(term_hash(term) % self.shards, set())
            if term in self.post:
                self.size += self._entry_size(term)
                shard.add(term)
            else:
                shard.discard(term)

    def place(self, source: int | None, target: int | None, old: DocPostings, new: DocPostings
              ) -> tuple[set[str], set[str]]:
        """One document out of ``source`` (its postings ``old``) and in at ``target`` (``new``) — None: it
        was not there (added) or is not any more (removed) — and the documents after it, or between its
        two places (a date edit), numbered one more or one less.  In gap-encoded lists only a gap or two
        change besides its own entries, so this is one pass over the lists, not a new index.
        Returns the terms whose entries changed and those whose number of documents may have (its own)."""
        if target is None:
            shift = (source + 1, -1, None)  # type: ignore[operator]
        elif source is None:
            shift = (target, 1, None)
        elif source < target:
            shift = (source + 1, -1, target + 1)
        else:
            shift = (target, 1, source)
        at, delta, until = shift
        # (In this process: run in forked workers under ``serve``, a process with other threads, this pass
        # once hung a preview session for good; it saved about 0.3 s of 3 at 10,000 articles.)
        posted, formed = _placed(self, source, old, shift, target, new)
        self._install(posted, formed)
        for term in {*old.terms, *new.terms}:  # the document's own lists: their last ids are not known now
            self.last.pop(term, None)
        for key in {*old.forms, *new.forms}:
            self.last_form.pop(key, None)
        for lasts in (self.last, self.last_form):
            for key, end in lasts.items():  # (values only: the dict keeps its size)
                if end >= at and (until is None or end < until):
                    lasts[key] = end + delta
        if until is None:
            self.docs += delta
        own = {*old.terms, *new.terms, *(folded for folded, _ in old.forms), *(folded for folded, _ in new.forms)}
        return set(posted.keys() | formed.keys()), own

    def refresh(self, changed: set[str], counted: set[str] | None = None) -> tuple[set[int], set[str]]:
        """After updates: the layout and prefix lists.  Returns the shards and prefixes to write again.
        ``counted``: the terms whose number of documents may have changed, when fewer than ``changed``."""
        if shard_count(self.size) != self.shards:
            self._layout()
            dirty_shards = set(range(self.shards))
        else:
            dirty_shards = {term_hash(t) % self.shards for t in changed}
        dirty_prefixes: dict[str, set[str]] = {}  # prefix → the terms under it whose number of documents changed
        for term in (changed if counted is None else counted):
            listed = set(prefixes(term, self.post[term])) if term in self.post else set()
            for prefix in prefixes(term, None):
                terms = self.prefix_terms.setdefault(prefix, set())
                if prefix in listed:
                    terms.add(term)
                else:
                    terms.discard(term)
                dirty_prefixes.setdefault(prefix, set()).add(term)
        rewritten = set()
        for prefix, terms in dirty_prefixes.items():
            if self._still_ranked(prefix, terms):
                continue
            rewritten.add(prefix)
            if prefix in self.prefix_lists:
                self.prefix_bytes -= prefix_bytes((prefix, self.prefix_lists[prefix]))
            bucket = self.bucket_prefixes.get(term_hash(prefix) % self.buckets) if self.buckets else None
            if self.prefix_terms.get(prefix):
                self.prefix_lists[prefix] = self._prefix_list(prefix)
                self.prefix_bytes += prefix_bytes((prefix, self.prefix_lists[prefix]))
                if bucket is not None:
                    bucket.add(prefix)
            else:
                self.prefix_lists.pop(prefix, None)
                self.prefix_terms.pop(prefix, None)
                if bucket is not None:
                    bucket.discard(prefix)
        return dirty_shards, rewritten

    def _still_ranked(self, prefix: str, terms: set[str]) -> bool:
        """Whether ``prefix``'s list stays as it is although ``terms`` gained or lost documents: it is full,
        holds none of them, and each still ranks below its last (a new word of one document, most often) —
        instead of counting the documents of every word under the prefix (thousands under "t")."""
        ranked = self.prefix_lists.get(prefix)
        if ranked is None or len(ranked) < PREFIX_TOP or not self.prefix_terms.get(prefix):
            return False
        if not terms.isdisjoint(listed for listed, _ in ranked):
            return False
        last = (-ranked[-1][1], ranked[-1][0])
        return all(term not in self.post or (-postings_count(self.post[term]), term) > last for term in terms)

    def _prefix_list(self, prefix: str) -> list:
        ranked = heapq.nsmallest(PREFIX_TOP, ((-postings_count(self.post[t]), t) for t in self.prefix_terms[prefix]))
        return [[t, -negative] for negative, t in ranked]

    # --- output -------------------------------------------------------------------------------------------

    def shard_file(self, number: int) -> tuple[str, bytes]:
        """Shard ``number``'s file: ``script`` of {term: {"": postings, written forms…}}, put together as
        bytes — the postings and ids need no escaping (their digits are letters, figures and ``!#$%&*``),
        and a word's list may be 100 KB long, which ``json`` would copy and scan six times over."""
        entries = []
        for term in sorted(self.shard_terms.get(number, ())):
            fields = [b'"":"' + self.post[term] + b'"']
            by_form = self.forms.get(term)
            if by_form and len(by_form) > 1:
                fields += [json_string("~" + form) + b':"' + ids + b'"' for form, ids in sorted(by_form.items())]
            elif by_form:
                (form,) = by_form
                if form != term:
                    fields.append(b'"=":' + json_string(form))
            entries.append(json_string(term) + b":{" + b",".join(fields) + b"}")
        return f"search/t/{number}.js", b'VNS.add("t/%d",{%s});\n' % (number, b",".join(entries))

    def prefix_files(self, dirty: set[str] | None) -> tuple[dict[str, bytes], int]:
        """Prefix buckets to write (all when ``dirty`` is None or the bucket count changed)."""
        count = shard_count(self.prefix_bytes)
        if count != self.buckets:
            self.buckets, self.bucket_prefixes = count, {n: set() for n in range(count)}
            for prefix in self.prefix_lists:
                self.bucket_prefixes[term_hash(prefix) % count].add(prefix)
            dirty = None
        numbers = range(count) if dirty is None else sorted({term_hash(p) % count for p in dirty})
        return {f"search/p/{n}.js": script(f"p/{n}", {prefix: self.prefix_lists[prefix]
                                                      for prefix in sorted(self.bucket_prefixes[n])})
                for n in numbers}, count

    def paths(self) -> list[str]:
        """Every shard and prefix file path of the current layout."""
        return [f"search/t/{n}.js" for n in range(self.shards)] + [f"search/p/{n}.js" for n in range(self.buckets)]


def _placed(state: IndexState, source: int | None, old: DocPostings, shift: tuple[int, int, int | None],
            target: int | None, new: DocPostings) -> tuple[dict[str, bytes], dict[str, dict[str, bytes]]]:
    """``IndexState.place``'s new postings and written forms' ids, for every list that changes: the
    document's entries spliced out at ``source``, the ids shifted by ``shift`` (at, delta, until), its
    entries spliced in at ``target``."""
    at, delta, until = shift
    out_terms, out_forms = set(old.terms), set(old.forms)
    impacts, in_forms = dict(zip(new.terms, new.impacts)), set(new.forms)
    in_by_term: dict[str, set[str]] = {}
    for folded, exact in in_forms:
        in_by_term.setdefault(folded, set()).add(exact)
    posted, formed = {}, {}
    for term in state.post.keys() | state.forms.keys() | impacts.keys() | in_by_term.keys():
        text = patched = state.post.get(term, b"")
        if term in out_terms:
            patched = splice_posting(patched, source, None)  # type: ignore[arg-type]
        end = state.last.get(term)
        if patched and (end is None or end >= at):  # (a list known to end before ``at`` keeps every id)
            patched = shift_postings(patched, at, delta, until) or patched
        if term in impacts:
            patched = splice_posting(patched, target, impacts[term])  # type: ignore[arg-type]
        if patched is not text:
            posted[term] = patched
        by_form = state.forms.get(term, {})
        for exact in by_form.keys() | in_by_term.get(term, set()):
            key = (term, exact)
            ids = patched = by_form.get(exact, b"")
            if key in out_forms:
                patched = splice_id(patched, source, False)  # type: ignore[arg-type]
            end = state.last_form.get(key)
            if patched and (end is None or end >= at):
                patched = shift_ids(patched, at, delta, until) or patched
            if key in in_forms:
                patched = splice_id(patched, target, True)  # type: ignore[arg-type]
            if patched is not ids:
                formed.setdefault(term, {})[exact] = patched
    return posted, formed


def _last_after(text: bytes, number: int, end: int | None, present: bool) -> int | None:
    """The highest id of an encoded list (``text``, whose highest id is ``end``, None when not known) once
    document ``number`` is in it (``present``) or not; None when not known."""
    if present:
        return number if not text else None if end is None else max(end, number)
    return None if end == number else end


def _keep_last(lasts: dict, key, text: bytes, last: int | None) -> None:
    if text and last is not None:
        lasts[key] = last
    else:
        lasts.pop(key, None)
