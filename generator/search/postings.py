"""Encoded postings: the text of the browser index's entries, encoding runs of documents into it, and the
operations on it in place.

A postings list is ``<impact><gap>`` items with no separator: ``impact`` one
``FINAL`` digit (1–31), ``gap`` the distance to the previous document number as
a self-delimiting base-32 number.  Document-id lists are the gaps alone.  Edits
change such text in place — an entry spliced, a window of documents renumbered —
finding their spot in C (``translate``, Adler-32 sums, a regex and ``accumulate``)
instead of decoding whole lists of tens of thousands of entries.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import accumulate
from operator import sub
from zlib import adler32

# Self-delimiting base-32 numbers: high digits from CONTINUE, the last one from FINAL.
# No separators are needed, and most gaps (< 32) take one character.
FINAL = "0123456789abcdefghijklmnopqrstuv"
CONTINUE = "ABCDEFGHIJKLMNOPQRSTUVWXYZ!#$%&*"
MAX_IMPACT = len(FINAL) - 1


FINAL_BYTES = [c.encode() for c in FINAL]
_VALUE = {ord(c): n for n, c in enumerate(FINAL)} | {ord(c): n for n, c in enumerate(CONTINUE)}
_IS_FINAL = {ord(c) for c in FINAL}
_CONTINUE_BYTES = CONTINUE.encode()


def _varint_bytes(number: int) -> bytes:
    digits = [FINAL[number % 32]]
    number //= 32
    while number:
        digits.append(CONTINUE[number % 32])
        number //= 32
    return "".join(reversed(digits)).encode()


VARINT = [_varint_bytes(n) for n in range(32 ** 2)]


def varint(number: int) -> bytes:
    return VARINT[number] if number < len(VARINT) else _varint_bytes(number)


def _read(text: bytes, pos: int) -> tuple[int, int]:
    number = 0
    while True:
        char = text[pos]
        pos += 1
        number = number * 32 + _VALUE[char]
        if char in _IS_FINAL:
            return number, pos


def decode_postings(text: bytes) -> list[tuple[int, int]]:
    """Encoded postings → [(doc, impact)], sorted by doc."""
    out, doc, pos = [], 0, 0
    while pos < len(text):
        impact = _VALUE[text[pos]]
        gap, pos = _read(text, pos + 1)
        doc += gap
        out.append((doc, impact))
    return out


def decode_ids(text: bytes) -> list[int]:
    """Encoded document ids → sorted ids."""
    out, doc, pos = [], 0, 0
    while pos < len(text):
        gap, pos = _read(text, pos)
        doc += gap
        out.append(doc)
    return out


def encode_postings(postings: list[tuple[int, int]]) -> bytearray:
    """[(doc, impact)] sorted by doc → one impact digit and the gap per document."""
    out, previous = bytearray(), 0
    for doc, impact in postings:
        out += FINAL_BYTES[impact]
        out += varint(doc - previous)
        previous = doc
    return out


def encode_ids(ids: list[int]) -> bytearray:
    """Sorted document ids as self-delimiting base-32 gaps."""
    gaps = list(map(sub, ids, [0, *ids[:-1]]))
    if gaps and max(gaps) < len(VARINT):  # the usual case: every gap from the table, in C
        return bytearray(b"".join(map(VARINT.__getitem__, gaps)))
    return bytearray(b"".join(map(varint, gaps)))


_ENTRY = re.compile(b"[" + re.escape(FINAL.encode()) + b"]([" + re.escape(CONTINUE.encode()) + b"]*["
                    + re.escape(FINAL.encode()) + b"])")
_GAPS = {digits: n for n, digits in enumerate(VARINT)}  # every gap of one or two digits (< 1,024)


def splice_posting(text: bytes, number: int, impact: int | None) -> bytes:
    """Encoded postings with document ``number``'s entry set to ``impact`` (None: removed).

    Equal to decoding, patching and encoding again, but only the entry and the
    one after it are re-encoded: the rest is found (``_locate``) and copied in C,
    which matters for words in most of 10,000s of documents."""
    start, previous = _locate(text, number, 1)
    doc, after = None, start
    if start < len(text):
        gap, after = _read(text, start + 1)
        doc = previous + gap
    entry = FINAL_BYTES[impact] + varint(number - previous) if impact is not None else b""
    if doc == number:
        if impact is not None:
            return text[:start] + entry + text[after:]
        if after == len(text):
            return text[:start]
        gap, end = _read(text, after + 1)  # the next entry keeps its impact; its gap now runs from ``previous``
        return text[:start] + text[after:after + 1] + varint(doc + gap - previous) + text[end:]
    if impact is None:
        return text
    if doc is None:
        return text + entry
    return text[:start] + entry + text[start:start + 1] + varint(doc - number) + text[after:]


# Each digit's value, for ``bytes.translate``; 1 at the high digits of gaps of 32 or more (rare in long lists).
_DIGIT_VALUES = bytes.maketrans(FINAL.encode() + CONTINUE.encode(), bytes(range(32)) * 2)
_HIGH_MARKS = bytes.maketrans(FINAL.encode() + CONTINUE.encode(), bytes(32) + b"\1" * 32)
# Entries summed at a time while looking for a document: first in blocks, then in parts of the block holding
# it.  Adler-32's low half is 1 + the sum of the bytes modulo 65,521: the exact sum of up to 2,113 digit
# values (31 at most), in C at memory speed.
_BLOCK, _PART = 2048, 64
_GAP = re.compile(b"[" + re.escape(CONTINUE.encode()) + b"]*[" + re.escape(FINAL.encode()) + b"]")


def _locate(text: bytes, number: int, head: int) -> tuple[int, int]:
    """Where the first entry numbered ``number`` or more starts in encoded postings (``head`` 1: an impact
    digit before each gap) or ids (0) — the text's length when there is none — and the document before it
    (0: none).  Read in C: every entry has ``head`` + 1 FINAL digits, its gap's last one last, so without
    the high digits (rare in a long list: found with ``find``) the gaps' last digits are a slice of the
    text, whose values ``translate`` gives and Adler-32 adds up a block at a time; only the part of a block
    holding ``number`` is accumulated."""
    highs = len(text) - len(text.translate(None, _CONTINUE_BYTES))
    if 8 * highs > len(text):
        # Mostly long gaps (a rarer word, a short list): every entry found by the regex, summed in C.
        gaps = (_ENTRY if head else _GAP).findall(text)
        docs = list(accumulate(_gap_values(gaps)))
        k = bisect_left(docs, number)
        return head * k + sum(map(len, gaps[:k])), docs[k - 1] if k else 0
    step = head + 1
    values = memoryview(text.translate(_DIGIT_VALUES, _CONTINUE_BYTES)[head::step])  # each gap's last digit
    # The entries with high digits, what those add to their gaps, and how many there are up to each one.
    entries, extra, width = [], [0], [0]
    if highs:
        marks, pos = text.translate(_HIGH_MARKS), 0
        while (pos := marks.find(1, pos)) >= 0:
            gap, end = _read(text, pos)
            entries.append((pos - width[-1] - head) // step)
            extra.append(extra[-1] + gap - _VALUE[text[end - 1]])
            width.append(width[-1] + end - 1 - pos)
            pos = end

    def total(start: int, end: int) -> int:  # of the gaps of entries start to end - 1
        return ((adler32(values[start:end]) & 0xFFFF) - 1 + extra[bisect_left(entries, end)]
                - extra[bisect_left(entries, start)])

    previous, start, end = 0, 0, 0
    for size in (_BLOCK, _PART):  # the block, then the part of it, where ``number`` is reached
        limit = len(values) if size == _BLOCK else end
        for start in range(start, limit, size):
            end = min(start + size, limit)
            gaps = total(start, end)
            if previous + gaps >= number:
                break
            previous += gaps
        else:
            return len(text), previous
    gaps = list(values[start:end])
    for n in range(bisect_left(entries, start), bisect_left(entries, end)):
        gaps[entries[n] - start] += extra[n + 1] - extra[n]
    docs = list(accumulate(gaps, initial=previous))
    k = bisect_left(docs, number, 1) - 1  # the entry, in the part
    return step * (start + k) + width[bisect_left(entries, start + k)], docs[k]


def _gap_values(gaps: list[bytes]) -> list[int]:
    try:
        return list(map(_GAPS.__getitem__, gaps))
    except KeyError:  # a gap of three digits or more
        return [_read(gap, 0)[0] for gap in gaps]


def renumber_postings(text: bytes, new_number: list[int], low: int, high: int) -> bytes | None:
    """Encoded postings with every document ``d`` numbered ``new_number[d]`` instead, where only documents
    ``low`` to ``high`` move, among themselves (as a date edit moves them) — None when the list has none
    of them: then it is the same.

    Only the entries in that window and the one after it are encoded again; the rest is found and copied
    in C (the regex and ``accumulate``, as in ``splice_posting``)."""
    gaps = _ENTRY.findall(text)
    docs = list(accumulate(_gap_values(gaps)))
    first, end = bisect_left(docs, low), bisect_right(docs, high)
    if first == end:
        return None
    start = first + sum(map(len, gaps[:first]))  # one impact digit and the gap per entry before it
    moved, stop = [], start
    for k in range(first, end):
        moved.append((new_number[docs[k]], text[stop:stop + 1]))
        stop += 1 + len(gaps[k])
    previous = docs[first - 1] if first else 0
    out = bytearray(text[:start])
    for doc, impact in sorted(moved):
        out += impact + varint(doc - previous)
        previous = doc
    if end < len(docs):  # the next entry keeps its number; its gap is from the window's last one
        out += text[stop:stop + 1] + varint(docs[end] - previous)
        stop += 1 + len(gaps[end])
    return bytes(out + text[stop:])


def renumber_ids(text: bytes, new_number: list[int], low: int, high: int) -> bytes | None:
    """Like ``renumber_postings``, for encoded document ids."""
    gaps = _GAP.findall(text)
    docs = list(accumulate(_gap_values(gaps)))
    first, end = bisect_left(docs, low), bisect_right(docs, high)
    if first == end:
        return None
    start = sum(map(len, gaps[:first]))
    stop = start + sum(map(len, gaps[first:end]))
    previous = docs[first - 1] if first else 0
    out = bytearray(text[:start])
    for doc in sorted(map(new_number.__getitem__, docs[first:end])):
        out += varint(doc - previous)
        previous = doc
    if end < len(docs):
        out += varint(docs[end] - previous)
        stop += len(gaps[end])
    return bytes(out + text[stop:])


def splice_id(text: bytes, number: int, present: bool) -> bytes:
    """Encoded document ids with ``number`` among them (``present``) or not; like ``splice_posting``, only
    the id and the one after it are encoded again."""
    start, previous = _locate(text, number, 0)
    doc, after = None, start
    if start < len(text):
        gap, after = _read(text, start)
        doc = previous + gap
    if (doc == number) == present:
        return text
    if present:
        if doc is None:
            return text + varint(number - previous)
        return text[:start] + varint(number - previous) + varint(doc - number) + text[after:]
    if after == len(text):
        return text[:start]
    gap, end = _read(text, after)
    return text[:start] + varint(doc + gap - previous) + text[end:]


def postings_count(text: bytes) -> int:
    """How many documents an encoded postings text lists (two FINAL digits each)."""
    return len(text.translate(None, _CONTINUE_BYTES)) // 2


def shift_postings(text: bytes, at: int, delta: int, until: int | None = None) -> bytes | None:
    """Encoded postings with every document numbered from ``at`` on (up to ``until``, excluded, if given)
    numbered ``delta`` more — as an article added or removed before them, or moved past them, leaves them;
    None when the list has none of them: then it is the same.  Only the gaps of the first document moved
    and of the first one after them change; the rest is found and copied in C, as in
    ``splice_posting``.  (No document may be numbered where the moved ones go: the removed or moved
    article is spliced out first.)"""
    return _shifted(text, _ENTRY.findall(text), 1, at, delta, until)


def shift_ids(text: bytes, at: int, delta: int, until: int | None = None) -> bytes | None:
    """Like ``shift_postings``, for encoded document ids."""
    return _shifted(text, _GAP.findall(text), 0, at, delta, until)


def _shifted(text: bytes, gaps: list[bytes], head: int, at: int, delta: int, until: int | None) -> bytes | None:
    """``shift_postings`` (``head`` 1: an impact digit before each gap) or ``shift_ids`` (0)."""
    docs = list(accumulate(_gap_values(gaps)))
    k = bisect_left(docs, at)
    if k == len(docs) or (until is not None and docs[k] >= until):
        return None
    start = k * head + sum(map(len, gaps[:k]))  # entry k's offset
    out = text[:start + head] + varint(docs[k] + delta - (docs[k - 1] if k else 0))
    stop = start + head + len(gaps[k])
    j = len(docs) if until is None else bisect_left(docs, until, k)
    if j < len(docs):  # the first document after the moved ones keeps its number: its gap changes
        begin = stop + (j - k - 1) * head + sum(map(len, gaps[k + 1:j]))
        out += text[stop:begin + head] + varint(docs[j] - docs[j - 1] - delta)
        stop = begin + head + len(gaps[j])
    return out + text[stop:]


@dataclass(frozen=True)
class DocPostings:
    """What one document adds to the index: its terms with their impacts (1–31) and its written forms."""

    terms: tuple[str, ...]
    impacts: bytes
    forms: tuple[tuple[str, str], ...]   # (folded, exact) of every word, in no particular order


@dataclass
class Partial:
    """The postings of a run of consecutive documents, encoded except for each term's first document.

    Workers make them in parallel; ``IndexState.fill`` joins them in order,
    encoding each term's first gap relative to its last document in the runs
    before — the same bytes as encoding every document in one go."""

    count: int
    post: dict[str, list]                  # term → [first doc, its impact, the rest encoded, last doc]
    forms: dict[tuple[str, str], list]     # (folded, exact) → [first doc, the rest encoded, last doc]


def partial(documents, start: int) -> Partial:
    """Encode ``documents`` (DocPostings), numbered from ``start``."""
    documents = list(documents)
    # Gaps within a run are shorter than the run: one table lookup each (this loop runs once per term
    # per document, the hottest of a cold build).
    # (A run longer than the table gets a table of its own: runs are a sixteenth of a site over 3,200
    # articles, so this is every run of a site of 16,384 or more.)
    gap = VARINT if len(documents) < len(VARINT) else [varint(n) for n in range(len(documents) + 1)]
    final = FINAL_BYTES
    post: dict[str, list] = {}
    forms: dict[tuple[str, str], list] = {}
    get_post, get_form = post.get, forms.get
    for number, doc in enumerate(documents, start):
        for term, impact in zip(doc.terms, doc.impacts):
            entry = get_post(term)
            if entry is None:
                post[term] = [number, impact, bytearray(), number]
            else:
                entry[2] += final[impact] + gap[number - entry[3]]
                entry[3] = number
        for key in doc.forms:
            entry = get_form(key)
            if entry is None:
                forms[key] = [number, bytearray(), number]
            else:
                entry[1] += gap[number - entry[2]]
                entry[2] = number
    return Partial(len(documents), post, forms)
