"""Vietnamese text utilities: normalisation, folding, slugs, dates and sorting.

Every other module calls these; nothing else decides how Vietnamese is compared.
"""
from __future__ import annotations

import datetime as _dt
import functools
import re
import unicodedata
from typing import Iterator

# Combining tone marks (NFD): huyền, sắc, hỏi, ngã, nặng.
_TONES = "\u0300\u0301\u0309\u0303\u0323"
# "Old" placement (hoà, thuỷ, khoẻ) → the more common "hòa, thủy, khỏe" in open
# syllables.  After "q" the "u" belongs to the consonant (quý), so it is left alone.
# The pattern starts with a character class so the regex engine can skip ahead fast; the "not after q"
# condition is checked in _move_tone.
_TONE_PLACEMENT = re.compile(
    r"([oO])([aAeE])([" + _TONES + r"])(?![^\W\d_]|[\u0300-\u036f])"
    r"|([uU])([yY])([" + _TONES + r"])(?![^\W\d_]|[\u0300-\u036f])"
)
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
LETTERS = re.compile(r"[^\W\d_]+")  # a run of letters: a word without its digits


def matches_at_word_start(pattern: re.Pattern[str], text: str, overlapping: bool = False) -> Iterator[re.Match[str]]:
    r"""The matches of ``pattern`` that do not follow a letter, digit or underscore: what a leading ``(?<![\w])``
    finds, several times faster.

    A pattern that starts with a look-behind is tried at every position of a text; one that starts with
    literals lets ``re`` skip ahead to the characters they start with.  So patterns are compiled without
    the look-behind and the character before each match is checked here; a refused match is looked for
    again from its next character, as with the look-behind (a shorter spelling may start inside it).
    ``overlapping``: every start position counts, as with ``(?=(…))``, not only those after the last match.
    """
    position = 0
    while match := pattern.search(text, position):
        start = match.start()
        if start and (text[start - 1].isalnum() or text[start - 1] == "_"):
            position = start + 1
            continue
        yield match
        position = start + 1 if overlapping or match.end() == start else match.end()


@functools.lru_cache(maxsize=16)
def word_pattern(words: frozenset[str]) -> re.Pattern[str]:
    """Any of ``words`` (the longest that is not run on into a word after it); find them with
    ``matches_at_word_start``, which also refuses those run on from a word before."""
    return re.compile("(" + trie_alternation(words) + r")(?![\w])")


def trie_alternation(words) -> str:
    """The words as one regex, their common beginnings written once ("Hà (?:Giang|Nam|Nội|Tĩnh)"): ``re``
    tries an alternation's words one by one, so a list of hundreds (the gazetteer's spellings) is several times
    faster as a tree.  Longer words are tried first at each branch, and the regex backtracks to shorter ones, so
    it matches what the words sorted longest first would."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = None  # (a word ends here)

    def emit(node: dict) -> str:
        branches = []
        for char, child in sorted(node.items()):
            if not char:
                continue
            run = [char]  # (a run of letters with no branch is written without recursing: a word may be long)
            while len(child) == 1 and "" not in child:
                (char, child), = child.items()
                run.append(char)
            branches.append(re.escape("".join(run)) + emit(child))
        if not branches:
            return ""
        if len(branches) == 1 and "" not in node:
            return branches[0]
        group = "(?:" + "|".join(branches) + ")"
        return group + "?" if "" in node else group

    return emit(trie)


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC."""
    return unicodedata.normalize("NFC", text)


def _move_tone(match: re.Match[str]) -> str:
    start = match.start()
    if start and match.string[start - 1] in "qQ":
        return match.group(0)
    if match.group(1):
        return match.group(1) + match.group(3) + match.group(2)
    return match.group(4) + match.group(6) + match.group(5)


def normalize(text: str) -> str:
    """NFC with one tone placement (``hoà`` → ``hòa``, ``uỷ`` → ``ủy``)."""
    return unicodedata.normalize("NFC", normalized_nfd(text))


def normalized_nfd(text: str) -> str:
    """NFD with one tone placement: ``normalize`` before its final composition."""
    return _TONE_PLACEMENT.sub(_move_tone, unicodedata.normalize("NFD", text))


COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")


def fold(text: str) -> str:
    """Lower-case and strip every diacritic (``Đà Nẵng`` → ``da nang``)."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return unicodedata.normalize("NFC", COMBINING.sub("", decomposed)).lower()


# Invisible characters that change how text shows or reads: bidi overrides and isolates (U+202E turns a
# title around), zero-width marks, and the C0/C1 controls (a terminal escape in a title).  Scraped text
# has no use for them.
_INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064"
                        "\u2066-\u2069\ufeff]")


def visible(text: str) -> str:
    """``text`` without bidi controls, zero-width marks and control characters (tab and newline stay)."""
    return _INVISIBLE.sub("", text)


def printable(text: str) -> str:
    """``text`` for a terminal: the invisible characters spelled out (``\\x1b``, ``\\u202e``), so that content
    quoted in a message can neither recolour nor reorder the terminal's text."""
    return _INVISIBLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def words(text: str) -> list[str]:
    """Split into word tokens (letters and digits), keeping case and marks."""
    return _WORD.findall(nfc(text))


def slugify(text: str, max_length: int = 80) -> str:
    """ASCII slug: folded, hyphen-separated, never empty, never a path."""
    parts = [w for w in re.split(r"[^a-z0-9]+", fold(text)) if w]
    slug = ""
    for part in parts:
        candidate = f"{slug}-{part}" if slug else part
        if len(candidate) > max_length:
            break
        slug = candidate
    if not slug and parts:
        slug = parts[0][:max_length]
    return slug or "khong-ten"


def name_key(name: str) -> str:
    """Identity of a person or place name across NFC/NFD, tone placement and case."""
    return " ".join(words(normalize(name).lower()))


# --- dates -----------------------------------------------------------------

WEEKDAYS = ("Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy", "Chủ nhật")


def format_date(year: int | None, month: int | None = None, day: int | None = None) -> str:
    """A date as Vietnamese papers write it: ``Thứ ba, 17/8/2021``, ``tháng 8/2021``, ``năm 2021``."""
    if year is None:
        return "Không rõ ngày"
    if month is None:
        return f"năm {year}"
    if day is None:
        return f"tháng {month}/{year}"
    weekday = WEEKDAYS[_dt.date(year, month, day).weekday()]
    return f"{weekday}, {day}/{month}/{year}"


def format_partial(month_day: str) -> str:
    """A day and month whose year is unknown (``date_partial: "08-17"``): ``ngày 17/8, không rõ năm``."""
    month, _, day = month_day.partition("-")
    return f"ngày {int(day)}/{int(month)}, không rõ năm"


# --- sorting ---------------------------------------------------------------

_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_BASE_RANK = {ch: i for i, ch in enumerate(_ALPHABET)}
_TONE_RANK = {"": 0, "\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_MODIFIERS = {"\u0306": "ă", "\u0302": "^", "\u031b": "'"}


def _letter_key(ch: str) -> tuple[int, int]:
    if ch == "đ":
        return _BASE_RANK["đ"], 0
    decomposed = unicodedata.normalize("NFD", ch)
    base, marks = decomposed[0], decomposed[1:]
    tone = next((m for m in marks if m in _TONE_RANK), "")
    letter = base
    if "\u0306" in marks:
        letter = "ă"
    elif "\u0302" in marks:
        letter = {"a": "â", "e": "ê", "o": "ô"}.get(base, base)
    elif "\u031b" in marks:
        letter = {"o": "ơ", "u": "ư"}.get(base, base)
    rank = _BASE_RANK.get(letter)
    if rank is None:
        return (100 + ord(letter) if not letter.isdigit() else -10 + int(letter)), _TONE_RANK[tone]
    return rank, _TONE_RANK[tone]


def sort_key(text: str) -> tuple:
    """Vietnamese dictionary order, syllable by syllable (``Hà Nam`` before ``Hải Dương``): each syllable
    by its letters (a ă â b c d đ …), then its tone."""
    syllables = []
    for syllable in nfc(text).lower().split():
        keys = [_letter_key(ch) for ch in syllable]
        syllables.append((tuple(k[0] for k in keys), tuple(k[1] for k in keys)))
    return tuple(syllables)


_PLACE_PREFIX = re.compile(r"^(?:tp\.?|thành phố|tỉnh)\s+", re.IGNORECASE)


def index_letter(name: str, place: bool = False) -> str:
    """The letter an index files ``name`` under: its first letter without marks but Đ (``Ánh`` → ``A``,
    ``Đà Nẵng`` → ``Đ``; a place without its ``TP``/``Tỉnh``); ``#`` for a digit or a sign."""
    first = (_without_prefix(name) if place else nfc(name)).lstrip()[:1].upper()
    if first == "Đ":
        return "Đ"
    base = unicodedata.normalize("NFD", first)[:1]
    return base if base.isalpha() and base.isascii() else "#"


def place_sort_key(name: str) -> tuple:
    """A place's order in an index: by its name, without ``TP``/``Thành phố``/``Tỉnh`` before it
    (``TP Hồ Chí Minh`` among the H)."""
    return sort_key(_without_prefix(name))


def _without_prefix(name: str) -> str:
    """A place's name without the ``TP``/``Thành phố``/``Tỉnh`` before it."""
    return _PLACE_PREFIX.sub("", nfc(name))
