"""The typo buckets of the browser's search (generator/search/typos.py): words listed under their
one-letter deletions, kept up to date as documents come and go."""
from __future__ import annotations

import json

from generator.search.typos import MIN_DOCS, TypoIndex, deletions


def _buckets(index: TypoIndex) -> dict[str, list]:
    merged = {}
    for data in index.files(None).values():
        text = data.decode()
        merged.update(json.loads(text[text.index(",") + 1:text.rindex(")")]))
    return merged


def test_a_word_is_found_from_any_word_one_edit_away():
    counts = {"xuan": 40, "xanh": 12, "trump": 9, "trung": 300, "an": 500, "2017": 90, "tet": 1}
    index = TypoIndex()
    assert index.update(counts, counts.get) is None  # (the first time: every bucket)
    keys = _buckets(index)
    assert ["xuan", 40] in keys["xun"] and ["xuan", 40] in keys["xan"]  # ("xaun" reaches it through both)
    assert not any(word in ("an", "2017", "tet") for entries in keys.values() for word, _ in entries)
    found = {word for key in deletions("trunp") for word, _ in keys.get(key, [])}
    assert {"trump", "trung"} <= found


def test_words_come_and_go_with_their_documents():
    counts = {"xuan": 40, "thanh": 3}
    index = TypoIndex()
    index.update(counts, counts.get)
    counts["thanh"] = MIN_DOCS - 1  # (now used once: no longer listed)
    counts["hoang"] = 5
    dirty = index.update(["thanh", "hoang"], counts.get)
    assert dirty is not None and deletions("thanh") <= dirty and deletions("hoang") <= dirty
    keys = _buckets(index)
    assert not any(word == "thanh" for entries in keys.values() for word, _ in entries)
    assert ["hoang", 5] in keys["hang"]
    assert set(index.files(set()).keys()) == set()  # (nothing changed: nothing to write)
