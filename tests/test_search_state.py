"""The search index patched one document at a time equals the index built from scratch, byte for byte."""
from __future__ import annotations

import pickle
from itertools import accumulate

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator.search.postings import (decode_ids, decode_postings, encode_ids, encode_postings, renumber_ids,
                                       renumber_postings, shift_ids, shift_postings, splice_id, splice_posting)
from generator.search.scripts import script
from generator.search.state import DocPostings, IndexState, partial

_WORDS = st.sampled_from(["an", "ninh", "an ninh", "cong", "cong an", "da", "nang", "da nang", "to", "lam", "x" * 9])
_DOC = st.builds(
    lambda terms, forms: DocPostings(tuple(sorted(terms)), bytes((len(t) * 7) % 31 + 1 for t in sorted(terms)),
                                     tuple(sorted(forms))),
    st.sets(_WORDS, max_size=8),
    st.sets(st.sampled_from([("da", "đà"), ("da", "đá"), ("da", "da"), ("cong", "công"), ("to", "tô"),
                             ("lam", "lâm"), ("nang", "nẵng")]), max_size=4))


_NOTHING = DocPostings((), b"", ())


def _files(state: IndexState) -> dict:
    files = dict(state.shard_file(n) for n in range(state.shards))
    files.update(state.prefix_files(None)[0])
    return files


def _edited(docs: list, edits: list, told: bool) -> tuple[IndexState, list]:
    """An index of ``docs`` updated by each edit (position, new postings) in turn, and the documents after
    them.  ``told``: as an edit in place tells it, only the words a document joined or left are counted."""
    state = IndexState()
    state.fill_documents(docs)
    state.prefix_files(None)
    docs = list(docs)
    for position, new in edits:
        before = _files(state)
        number = position % len(docs)
        changed = state.update(number, docs[number], new)
        counted = set(docs[number].terms) ^ set(new.terms) if told else None
        shards, prefixes = state.refresh(changed, counted=counted)
        written = {state.shard_file(n)[0] for n in shards} | set(state.prefix_files(prefixes)[0])
        after = _files(state)
        # Only the files the update names as dirty may differ (the builder writes just those).
        assert {p for p in after if after[p] != before.get(p)} <= written
        docs[number] = new
    return state, docs


@given(st.lists(_DOC, min_size=1, max_size=12), st.lists(st.tuples(st.integers(0, 11), _DOC), max_size=6))
@settings(max_examples=200, deadline=None)
def test_updates_equal_a_fresh_fill(docs, edits):
    state, docs = _edited(docs, edits, told=False)
    fresh = IndexState()
    fresh.fill_documents(docs)
    assert _files(state) == _files(fresh)
    assert state.size == fresh.size and state.shards == fresh.shards
    assert state.prefix_bytes == fresh.prefix_bytes  # (what the number of prefix files follows)


# Many words under one prefix, more than its list holds (``PREFIX_TOP``): an edit may leave the list as it is
# (``IndexState._still_ranked``) or change it — a listed word gaining or losing documents, another one entering.
_CROWDED_DOC = st.builds(
    lambda terms: DocPostings(tuple(sorted(terms)), bytes(len(terms) * [7]), ()),
    st.sets(st.sampled_from([f"t{letter}" for letter in "abcdefghijklmn"] + ["ta tb", "tc td", "ta tc"]),
            max_size=10))


@given(st.lists(_CROWDED_DOC, min_size=1, max_size=16), st.lists(st.tuples(st.integers(0, 15), _CROWDED_DOC),
                                                                  min_size=1, max_size=8), st.booleans())
@settings(max_examples=300, deadline=None)
def test_prefix_lists_after_updates_equal_a_fresh_fill(docs, edits, told):
    state, docs = _edited(docs, edits, told)
    fresh = IndexState()
    fresh.fill_documents(docs)
    assert _files(state) == _files(fresh)
    assert state.prefix_lists == fresh.prefix_lists and state.prefix_bytes == fresh.prefix_bytes


@given(st.lists(_DOC, min_size=1, max_size=30), st.integers(1, 7))
@settings(max_examples=100, deadline=None)
def test_runs_filled_in_order_equal_one_run(docs, size):
    runs = [partial(docs[start:start + size], start) for start in range(0, len(docs), size)]
    split, whole = IndexState(), IndexState()
    split.fill(runs)
    whole.fill_documents(docs)
    assert _files(split) == _files(whole)


def test_a_run_longer_than_the_gap_table_equals_short_runs():
    # A cold build indexes runs of a sixteenth of the site: 1,250 articles each at 20,000, longer than the
    # 1,024 gaps of the table; the term every document has and the one in every 1,100th have long gaps.
    docs = [DocPostings(("an", "ninh") if n % 1100 == 0 else ("an",), b"\x05\x07" if n % 1100 == 0 else b"\x05",
                        (("an", "ân"),) if n % 3 == 0 else ()) for n in range(2500)]
    long, short = IndexState(), IndexState()
    long.fill([partial(docs[:1250], 0), partial(docs[1250:], 1250)])
    short.fill([partial(docs[start:start + 100], start) for start in range(0, len(docs), 100)])
    assert _files(long) == _files(short)


@given(st.lists(st.tuples(st.integers(0, 40000), st.integers(1, 31)), unique_by=lambda p: p[0]))
def test_postings_round_trip(postings):
    postings.sort()
    assert decode_postings(bytes(encode_postings(postings))) == postings
    ids = [doc for doc, _ in postings]
    assert decode_ids(bytes(encode_ids(ids))) == ids


@given(st.lists(st.tuples(st.integers(0, 70000), st.integers(1, 31)), unique_by=lambda p: p[0]),
       st.integers(0, 70000), st.one_of(st.none(), st.integers(1, 31)))
@settings(max_examples=500, deadline=None)
def test_splicing_one_entry_equals_decoding_and_encoding_again(postings, number, impact):
    postings.sort()
    text = bytes(encode_postings(postings))
    expected = [p for p in postings if p[0] != number] + ([(number, impact)] if impact is not None else [])
    assert bytes(splice_posting(text, number, impact)) == bytes(encode_postings(sorted(expected)))


# Dense lists — a word in most documents: gaps below 32 (one digit) with a few long ones, past the blocks that
# ``_locate`` sums at a time.
_dense = st.lists(st.tuples(st.integers(0, 49), st.integers(1, 31), st.integers(32, 40000)).map(
    lambda choice: choice[2] if choice[0] == 0 else choice[1]),  # (one gap in 50 a long one)
    min_size=0, max_size=1800).map(lambda gaps: list(accumulate(gaps, initial=0))[1:])


@given(_dense, st.booleans(), st.booleans(), st.integers(0, 1800), st.integers(0, 3),
       st.one_of(st.none(), st.integers(1, 31)))
@settings(max_examples=300, deadline=None)
def test_splicing_into_dense_lists_equals_decoding_and_encoding_again(docs, from_zero, on_long, at, shift, impact):
    docs = [d - 1 for d in docs] if from_zero and docs else docs  # (document 0 listed: a first gap of 0)
    longs = [n for n in range(1, len(docs)) if docs[n] - docs[n - 1] >= 32]
    if on_long and longs:  # at (or next to) an entry whose gap takes two digits or more
        at = longs[at % len(longs)]
    number = (docs[at] if at < len(docs) else (docs[-1] if docs else 0) + 5) + (shift - 1 if shift < 3 else 0)
    number = max(number, 0)
    postings = [(d, 1 + d % 31) for d in docs]
    text = bytes(encode_postings(postings))
    expected = [p for p in postings if p[0] != number] + ([(number, impact)] if impact is not None else [])
    assert bytes(splice_posting(text, number, impact)) == bytes(encode_postings(sorted(expected)))
    ids = set(docs)
    assert bytes(splice_id(bytes(encode_ids(docs)), number, impact is not None)) == bytes(encode_ids(
        sorted(ids - {number} | ({number} if impact is not None else set()))))


@given(st.sets(st.integers(0, 70000)), st.integers(0, 70000), st.booleans())
@settings(max_examples=500, deadline=None)
def test_splicing_one_id_equals_decoding_and_encoding_again(ids, number, present):
    text = bytes(encode_ids(sorted(ids)))
    expected = sorted(ids - {number} | ({number} if present else set()))
    assert bytes(splice_id(text, number, present)) == bytes(encode_ids(expected))


@given(st.lists(_DOC, min_size=1, max_size=30), st.integers(0, 30), st.lists(_DOC, max_size=8),
       st.lists(st.integers(0, 5), max_size=3), st.booleans())
@settings(max_examples=400, deadline=None)
def test_documents_replaced_from_an_id_on_equal_a_fresh_fill(docs, keep, added, rounds, saved):
    """Articles added at or removed from the newest end (the ids from ``keep`` on replaced by ``added``,
    then, each round, the last few removed and added back), as ``SearchIndex`` patches them: the same files
    as filling afresh, and only the named files differ — whether each list's last id is known (appended
    to) or not (``saved``: the state went through pickling, which leaves it out)."""
    keep = min(keep, len(docs))
    state = _filled(docs, saved)
    before = _files(state)
    changed = set()

    def replace(old: list, new: list, start: int) -> None:
        for number in range(start, max(len(old), len(new))):
            changed.update(state.update(number, old[number] if number < len(old) else _NOTHING,
                                        new[number] if number < len(new) else _NOTHING))
        state.docs = len(new)

    new = docs[:keep] + added
    replace(docs, new, keep)
    for back in rounds:
        start = max(0, len(new) - back)
        replace(new, new[:start], start)
        replace(new[:start], new, start)
    _assert_patched_like_a_fresh_fill(state, before, new, changed)


def _filled(docs: list, saved: bool) -> IndexState:
    """``docs`` indexed from scratch, with the prefix layout made; ``saved``: through pickling, as the command
    line's state is (which leaves each list's last id out)."""
    state = IndexState()
    state.fill_documents(docs)
    state.prefix_files(None)
    return pickle.loads(pickle.dumps(state)) if saved else state


def _assert_patched_like_a_fresh_fill(state: IndexState, before: dict, docs: list, changed: set[str],
                                      counted: set[str] | None = None) -> None:
    """After ``refresh``: only the files it names differ from ``before``, every file equals a fresh fill of
    ``docs``, and every last id the state keeps is its list's last id."""
    shards, prefixes = state.refresh(changed, counted)
    written = {state.shard_file(n)[0] for n in shards} | set(state.prefix_files(prefixes)[0])
    after = _files(state)
    assert {p for p in after if after[p] != before.get(p)} <= written
    fresh = IndexState()
    fresh.fill_documents(docs)
    assert _files(state) == _files(fresh)
    assert (state.docs, state.size, state.shards) == (fresh.docs, fresh.size, fresh.shards)
    assert state.prefix_bytes == fresh.prefix_bytes
    assert all(decode_postings(bytes(state.post[t]))[-1][0] == end for t, end in state.last.items())
    assert all(decode_ids(bytes(state.forms[f][e]))[-1] == end for (f, e), end in state.last_form.items())


@given(st.lists(_DOC, min_size=2, max_size=40), st.integers(0, 39), st.integers(0, 39), _DOC, st.booleans())
@settings(max_examples=300, deadline=None)
def test_a_document_moved_by_a_date_edit_renumbers_to_a_fresh_fill(docs, source, target, edited, told):
    """An article whose date changed moves from number ``source`` to ``target``; the documents between
    shift by one.  Renumbering the postings, then updating the moved one, equals filling afresh."""
    source, target = source % len(docs), target % len(docs)
    state = IndexState()
    state.fill_documents(docs)
    state.prefix_files(None)
    before = _files(state)
    order = list(range(len(docs)))
    order.insert(target, order.pop(source))  # the new order, as old numbers
    new_number = [0] * len(docs)
    for new, old in enumerate(order):
        new_number[old] = new
    low = min(source, target)
    high = max(source, target)
    terms = None
    if told:  # the terms of the documents that move: no other list needs looking at
        terms = {t for doc in docs[low:high + 1] for t in (*doc.terms, *(folded for folded, _ in doc.forms))}
    renumbered = state.renumber(new_number, low, high, terms)
    changed = state.update(target, docs[source], edited)
    shards, prefixes = state.refresh(changed | renumbered, counted=changed)
    written = {state.shard_file(n)[0] for n in shards} | set(state.prefix_files(prefixes)[0])
    after = _files(state)
    assert {p for p in after if after[p] != before.get(p)} <= written
    moved = [docs[old] for old in order]
    moved[target] = edited
    fresh = IndexState()
    fresh.fill_documents(moved)
    assert _files(state) == _files(fresh)
    assert state.size == fresh.size and state.shards == fresh.shards


@given(st.lists(st.tuples(st.integers(0, 5000), st.integers(1, 31)), unique_by=lambda p: p[0]),
       st.integers(0, 5000), st.integers(0, 5000))
@settings(max_examples=300, deadline=None)
def test_renumbering_postings_equals_decoding_and_encoding_again(postings, source, target):
    """Long gaps (three digits and more) included: documents up to 5,000 apart."""
    postings.sort()
    order = list(range(5001))
    order.insert(target, order.pop(source))
    new_number = [0] * len(order)
    for new, old in enumerate(order):
        new_number[old] = new
    low, high = min(source, target), max(source, target)
    text = bytes(encode_postings(postings))
    expected = sorted((new_number[doc], impact) for doc, impact in postings)
    inside = any(low <= doc <= high for doc, _ in postings)
    assert renumber_postings(text, new_number, low, high) == (bytes(encode_postings(expected)) if inside else None)
    ids = bytes(encode_ids([doc for doc, _ in postings]))
    assert renumber_ids(ids, new_number, low, high) == (
        bytes(encode_ids([doc for doc, _ in expected])) if inside else None)


@given(st.lists(st.tuples(st.integers(0, 5000), st.integers(1, 31)), unique_by=lambda p: p[0]),
       st.integers(0, 5001), st.sampled_from([1, -1]), st.one_of(st.none(), st.integers(0, 5002)))
@settings(max_examples=600, deadline=None)
def test_shifting_postings_equals_decoding_and_encoding_again(postings, at, delta, until):
    """Every document from ``at`` on (up to ``until``, when given) numbered ``delta`` more; long gaps (three
    digits and more) included.  The place they move into is free: a removed or moved article left it."""
    at = max(at, 1)
    free = at - 1 if delta < 0 else until
    postings = sorted(p for p in postings if p[0] != free)
    text = bytes(encode_postings(postings))
    moves = [doc >= at and (until is None or doc < until) for doc, _ in postings]
    expected = [(doc + delta if move else doc, impact) for (doc, impact), move in zip(postings, moves)]
    assert shift_postings(text, at, delta, until) == (bytes(encode_postings(expected)) if any(moves) else None)
    ids = bytes(encode_ids([doc for doc, _ in postings]))
    assert shift_ids(ids, at, delta, until) == (
        bytes(encode_ids([doc for doc, _ in expected])) if any(moves) else None)


@given(st.lists(_DOC, min_size=1, max_size=30), st.integers(0, 30), _DOC, st.sampled_from(["add", "remove", "move"]),
       st.booleans(), st.integers(0, 29))
@settings(max_examples=600, deadline=None)
def test_a_document_added_removed_or_moved_shifts_to_a_fresh_fill(docs, at, doc, change, saved, target):
    """An article added at (or removed from) any place, or moved from ``at`` to ``target`` by a date edit
    (and given ``doc``'s text), as ``SearchIndex`` patches it — taken out, the ids after it or between its
    places shifted, put in, in one pass — equals filling afresh, and only the named files differ; whether
    each list's last id is known or not (``saved``: the state went through pickling)."""
    state = _filled(docs, saved)
    before = _files(state)
    if change == "move":
        at, target = at % len(docs), target % len(docs)
        changed, own = state.place(at, target, docs[at], doc)
        new = docs[:at] + docs[at + 1:]
        new.insert(target, doc)
    elif change == "add":
        at = min(at, len(docs))
        changed, own = state.place(None, at, _NOTHING, doc)
        new = docs[:at] + [doc] + docs[at:]
    else:
        at = at % len(docs)
        changed, own = state.place(at, None, docs[at], _NOTHING)
        new = docs[:at] + docs[at + 1:]
    _assert_patched_like_a_fresh_fill(state, before, new, changed, counted=own)


@pytest.mark.parametrize("change", ["add", "remove"])
def test_search_files_after_an_article_added_or_removed_in_the_middle_equal_a_fresh_index(change, monkeypatch):
    """``SearchIndex.files`` names every file whose bytes changed — on a site with many shards, so that the
    shards whose lists only shifted are not also among those holding the added or removed article's terms."""
    from generator.settings import SiteConfig
    from generator.content.article import parse_article
    from generator.search.index import SearchIndex
    from generator.site.taxonomy import build_site

    def article(n: int):
        words = " ".join(f"từ{(n * 7 + k) % 1500}" for k in range(12))
        return parse_article(f"---\ntitle: Bài {n}\ndate: 2020-{1 + n % 12:02d}-{1 + n % 28:02d}\n---\n{words}.\n",
                             f"articles/bai-{n}.md")

    def made(files: dict) -> dict:
        return {path: data() if callable(data) else data for path, data in files.items()}

    def site(articles):
        return build_site(SiteConfig(), list(articles), {}, lambda published: {})

    from generator.search import state as search_state

    monkeypatch.setattr(search_state, "SHARD_TARGET_BYTES", 100)  # many shards for few terms
    articles = [article(n) for n in range(300)]
    index = SearchIndex()
    before = made(index.files(site(articles)))
    state = index.state
    assert sum(path.startswith("search/t/") for path in before) >= 256
    now = articles + [article(900)] if change == "add" else articles[:150] + articles[151:]
    patched = index.files(site(now))
    assert index.state is state  # patched in place, not indexed again
    assert any(data is None for path, data in patched.items() if path.startswith("search/t/"))
    after = {**before, **{p: d for p, d in made(patched).items() if d is not None}}
    fresh = made(SearchIndex().files(site(now)))
    assert {p: after[p] for p in fresh} == fresh
    assert all(data is None or callable(data) or isinstance(data, bytes) for data in patched.values())


@given(st.dictionaries(st.text(min_size=1, max_size=6), st.tuples(
    st.lists(st.tuples(st.integers(0, 3000), st.integers(1, 31)), min_size=1, max_size=20,
             unique_by=lambda p: p[0]).map(sorted),
    st.dictionaries(st.text(min_size=1, max_size=6), st.sets(st.integers(0, 3000), min_size=1), max_size=3)),
    min_size=1, max_size=6))
@example({'a</b"\\': ([(1, 2)], {'A</B\u2028': {1}}), 'đường\u2029': ([(0, 1), (40, 31)], {'Đường': {0}, 'đường': {40}})})
@settings(max_examples=200, deadline=None)
def test_a_shard_file_is_the_script_of_its_entries(terms):
    # Put together as bytes; the same as ``script`` of the entries, whatever a term or written form holds
    # ("</", quotes, backslashes, U+2028, any letter).
    state = IndexState()
    state.post = {term: encode_postings(postings) for term, (postings, _) in terms.items()}
    state.forms = {term: {form: encode_ids(sorted(ids)) for form, ids in forms.items()}
                   for term, (_, forms) in terms.items() if forms}
    state.shards, state.shard_terms = 1, {0: set(terms)}
    entries = {term: {"": state.post[term].decode(), **state._written(term)} for term in sorted(terms)}
    assert state.shard_file(0) == ("search/t/0.js", script("t/0", entries))
    assert state.shard_file(1) == ("search/t/1.js", script("t/1", {}))
