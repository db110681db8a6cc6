"""Related articles recomputed for a few changed signatures equal a computation from scratch."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.related import _Likeness

_SIGNATURE = st.frozensets(st.sampled_from([f"w{n}" for n in range(12)] + ["#tag:a", "#tag:b", "#speaker:x"]),
                           max_size=7)


@given(st.lists(_SIGNATURE, min_size=2, max_size=100), st.lists(st.tuples(st.integers(0, 99), _SIGNATURE),
                                                             max_size=5))
@settings(max_examples=300, deadline=None)
def test_replacing_signatures_answers_like_a_fresh_index(signatures, edits):
    index = _Likeness(signatures)
    best = [index.best(n, 4) for n in range(len(signatures))]
    signatures = list(signatures)
    for position, signature in edits:
        number = position % len(signatures)
        signatures[number] = signature
        for affected in index.replace(number, signature):
            best[affected] = index.best(affected, 4)
    fresh = _Likeness(signatures)
    assert best == [fresh.best(n, 4) for n in range(len(signatures))]
