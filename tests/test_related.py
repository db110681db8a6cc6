"""Related articles recomputed for a few changed signatures equal a computation from scratch."""
from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from generator.site.related import _Likeness

_SIGNATURE = st.frozensets(st.sampled_from([f"w{n}" for n in range(12)] + ["#tag:a", "#tag:b", "#speaker:x"]),
                           max_size=7).map(lambda words: tuple(sorted(words)))  # as _signature makes them


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


@given(st.lists(_SIGNATURE, min_size=2, max_size=60), st.integers(0, 59), st.integers(0, 59))
@settings(max_examples=300, deadline=None)
def test_an_article_moved_by_a_date_edit_answers_like_a_fresh_index(signatures, source, target):
    """The article numbered ``source`` moves to ``target`` (ties go to the higher number, so order matters);
    only the answers ``renumber`` names are asked again."""
    source, target = source % len(signatures), target % len(signatures)
    order = list(range(len(signatures)))
    order.insert(target, order.pop(source))
    new_number = [0] * len(order)
    for new, old in enumerate(order):
        new_number[old] = new
    index = _Likeness(signatures)
    best = [index.best(n, 4) for n in range(len(signatures))]
    renumbered: list = [()] * len(best)
    for n, answer in enumerate(best):
        renumbered[new_number[n]] = tuple(new_number[o] for o in answer)
    for affected in index.renumber(new_number, min(source, target), max(source, target)):
        renumbered[affected] = index.best(affected, 4)
    fresh = _Likeness([signatures[old] for old in order])
    assert renumbered == [fresh.best(n, 4) for n in range(len(signatures))]


def test_answers_and_signatures_made_on_all_cores_equal_those_made_in_one_process():
    """A big archive computes signatures and answers in worker processes, in runs: same results, same order."""
    import random

    from generator.content.article import parse_article
    from generator.site.related import Related, _answers, _on_all_cores, _signature

    rng = random.Random(5)
    words = [f"từ{n}" for n in range(300)]
    articles = tuple(parse_article(
        f"---\ntitle: {' '.join(rng.sample(words, 6))}\ndate: 2021-0{1 + n % 9}-1{n % 10}\n"
        f"tags: [Chủ đề {n % 40}]\nspeaker: Nguyễn Văn {chr(65 + n % 20)}\n---\nThân bài {n}.\n",
        f"articles/bai-{n}.md") for n in range(900))
    related = Related()
    answer = related(articles)
    assert [related._signatures[a.url][1] for a in articles] == [_signature(a) for a in articles]
    index = related._index
    assert _on_all_cores(_answers, (index, 4), list(range(900))) == [index.best(n, 4) for n in range(900)]
    oldest_first = articles[::-1]
    assert answer == {a.url: tuple(oldest_first[o] for o in index.best(n, 4)) for n, a in enumerate(oldest_first)}


def _articles(count: int, start: int = 0) -> tuple:
    """``count`` articles with overlapping titles and tags, newest first (as ``Site.articles``)."""
    import random

    from generator.content.article import parse_article

    rng = random.Random(7)
    words = [f"chữ{n}" for n in range(40)]
    made = [parse_article(f"---\ntitle: {' '.join(rng.sample(words, 5))}\ndate: {2001 + n // 300}-0{1 + n % 9}-1{n % 10}"
                          f"\ntags: [Đề {n % 7}, Mục {n % 5}]\n---\nThân {n}.\n", f"articles/bai-{n}.md")
             for n in range(start, start + count)]
    return tuple(sorted(made, key=lambda a: a.sort_key))


@pytest.mark.parametrize("change", ["add", "remove", "add and remove"])
def test_articles_added_or_removed_at_the_newest_end_answer_like_a_fresh_index(change):
    """A new newest article (or the newest removed) keeps every other number: indexed like an edit, in the
    same index, with the same answer as computing afresh."""
    from generator.site.related import Related

    articles = _articles(70)
    related = Related()
    related(articles)
    index = related._index
    if change == "add":
        now = _articles(3, start=900) + articles
    elif change == "remove":
        now = articles[2:]
    else:
        now = _articles(1, start=900) + articles[3:]
    assert related(now) == Related()(now)
    assert related._index is index  # patched, not made again


@given(st.lists(_SIGNATURE, min_size=1, max_size=60), st.integers(0, 60), st.lists(_SIGNATURE, max_size=6))
@settings(max_examples=300, deadline=None)
def test_signatures_replaced_from_a_number_on_answer_like_a_fresh_index(signatures, keep, added):
    """The articles from ``keep`` on (the newest) replaced by ``added``: only the answers ``replace`` names
    are asked again."""
    from generator.site.related import size_class

    keep = min(keep, len(signatures))
    new = signatures[:keep] + added
    assume(new and size_class(len(new)) == size_class(len(signatures)))
    index = _Likeness(signatures)
    best = [index.best(n, 4) for n in range(len(signatures))]
    affected = set()
    for number in range(keep, max(len(signatures), len(new))):
        affected |= index.replace(number, new[number] if number < len(new) else ())
    index.truncate(len(new))
    best = (best + [()] * len(new))[:len(new)]
    for number in affected:
        if number < len(new):
            best[number] = index.best(number, 4)
    fresh = _Likeness(new)
    assert best == [fresh.best(n, 4) for n in range(len(new))]


@given(st.lists(_SIGNATURE, min_size=2, max_size=60), st.integers(0, 60), _SIGNATURE,
       st.sampled_from(["add", "remove", "move"]), st.integers(0, 59))
@settings(max_examples=600, deadline=None)
def test_an_article_added_removed_or_moved_answers_like_a_fresh_index(signatures, at, signature, change, target):
    """Article ``at`` added (the later ones numbered one more), removed (one less) or moved to ``target``
    with the signature ``signature`` (a date and title edit): only the answers ``shift_answers`` names are
    asked again; the others keep theirs, renumbered."""
    from generator.site.related import shift_answers, size_class

    if change == "add":
        at = min(at, len(signatures))
        new, steps = signatures[:at] + [signature] + signatures[at:], [(at, 1)]
    elif change == "remove":
        at = at % len(signatures)
        new, steps = signatures[:at] + signatures[at + 1:], [(at, -1)]
    else:
        at, target = at % len(signatures), target % len(signatures)
        new = signatures[:at] + signatures[at + 1:]
        new.insert(target, signature)
        steps = [(at, -1), (target, 1)]
    assume(size_class(len(new)) == size_class(len(signatures)))
    index = _Likeness(signatures)
    best, affected = shift_answers(index, [index.best(n, 4) for n in range(len(signatures))], steps, new)
    for number in affected:
        best[number] = index.best(number, 4)
    fresh = _Likeness(new)
    assert best == [fresh.best(n, 4) for n in range(len(new))]
    assert index.signatures == fresh.signatures
    assert {t: list(p) for t, p in index.postings.items() if p} == {t: list(p) for t, p in fresh.postings.items()}


@pytest.mark.parametrize("change", ["add", "remove"])
def test_an_article_added_or_removed_in_the_middle_is_indexed_in_place(change):
    """One article added among older and newer ones (or removed from there): the newer ones are numbered
    anew in the same index, with the same answer as computing afresh."""
    from generator.site.related import Related

    articles = _articles(70)
    related = Related()
    related(articles)
    index = related._index
    now = articles + _articles(1, start=104) if change == "add" else articles[:30] + articles[31:]  # (2001-06-14)
    now = tuple(sorted(now, key=lambda a: a.sort_key))
    assert related(now) == Related()(now)
    assert related._index is index  # patched, not made again


@pytest.mark.parametrize("towards", ["oldest", "newest"])
def test_an_article_moved_far_by_a_date_edit_is_indexed_in_place(towards):
    """A date edit moving an article past more than ``MOVE_LIMIT`` others: taken out and put back in the
    same index (the others shift by one), with the same answer as computing afresh."""
    import dataclasses

    from generator.site.related import Related

    articles = _articles(70)
    related = Related()
    related(articles)
    index = related._index
    position = 60 if towards == "newest" else 5
    redated = dataclasses.replace(articles[position], date=(articles[0] if towards == "newest" else articles[-1]).date)
    now = tuple(sorted(articles[:position] + (redated,) + articles[position + 1:], key=lambda a: a.sort_key))
    assert abs(now.index(redated) - position) > Related.MOVE_LIMIT
    assert related(now) == Related()(now)
    assert related._index is index  # patched, not made again
