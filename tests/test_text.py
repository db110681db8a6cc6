"""The Vietnamese text module: folding, tone placement, slugs, dates, sorting."""
import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.lang.text import (fold, format_date, format_partial, matches_at_word_start, name_key, normalize, slugify, sort_key,
                                 word_pattern)


def test_fold_strips_marks_and_d_bar():
    assert fold("Đà Nẵng") == "da nang"
    assert fold("Tô Lâm") == "to lam"
    assert fold(unicodedata.normalize("NFD", "Nghệ An")) == "nghe an"


def test_normalize_unifies_tone_placement():
    assert normalize("Đảng uỷ") == normalize("Đảng ủy") == "Đảng ủy"
    assert normalize("hoà") == "hòa"
    assert normalize("Khánh Hoà") == "Khánh Hòa"
    # "qu" + y keeps the mark on y; closed syllables are unchanged.
    assert normalize("quý") == "quý"
    assert normalize("hoàng") == "hoàng"


def test_normalize_leaves_vowels_with_other_marks_alone():
    # In NFD the dot below sorts before the breve: "hoặc" must not become "họăc".
    for word in ("hoặc", "hoạch", "khoẻ"[:0] + "khỏe", "thuyền", "huyện", "quyết", "Hoằng", "loẹt"):
        assert normalize(word) == word


def test_name_key_ignores_form_case_and_tone_placement():
    assert name_key("Khánh Hoà") == name_key("khánh hòa") == name_key(unicodedata.normalize("NFD", "KHÁNH HÒA"))


def test_slugify_is_ascii_safe_and_never_empty():
    assert slugify("Bộ trưởng Tô Lâm: Đà Nẵng!") == "bo-truong-to-lam-da-nang"
    assert slugify("../../etc/passwd") == "etc-passwd"
    assert slugify("“”…") == "khong-ten"
    assert len(slugify("a " * 200)) <= 80


def test_format_date_in_vietnamese():
    assert format_date(2021, 8, 17) == "Thứ ba, 17/8/2021"
    assert format_date(2021, 8) == "tháng 8/2021"
    assert format_partial("08-17") == "ngày 17/8, không rõ năm"
    assert format_date(None) == "Không rõ ngày"


def test_vietnamese_alphabetical_order():
    words = ["ư", "u", "ơ", "o", "ô", "đa", "da", "á", "à", "a", "ă", "â", "b"]
    assert sorted(words, key=sort_key) == ["a", "à", "á", "ă", "â", "b", "da", "đa", "o", "ô", "ơ", "u", "ư"]


def test_names_sort_syllable_by_syllable_and_places_without_their_prefix():
    from generator.lang.text import place_sort_key

    names = ["Hải Dương", "Hà Nam", "Hà Nội", "Hà Giang", "An Giang", "Đà Nẵng", "Bắc Ninh", "Bà Rịa - Vũng Tàu"]
    assert sorted(names, key=sort_key) == ["An Giang", "Bà Rịa - Vũng Tàu", "Bắc Ninh", "Đà Nẵng", "Hà Giang",
                                           "Hà Nam", "Hà Nội", "Hải Dương"]
    places = ["TP Hồ Chí Minh", "Hà Nội", "Tỉnh Bắc Ninh", "Thanh Hóa", "Thành phố Cần Thơ"]
    assert sorted(places, key=place_sort_key) == ["Tỉnh Bắc Ninh", "Thành phố Cần Thơ", "Hà Nội", "TP Hồ Chí Minh",
                                                  "Thanh Hóa"]


_WORDS = ["Hà Nội", "Nội", "UBND", "UBND tỉnh", "TP", "TP.HCM", "a_b", "Đà", "Đà Nẵng", "ông", "x"]
_PIECES = st.sampled_from(_WORDS + [" ", "_", "2", "k", ",", "(", "Đ", "\n"])


@settings(max_examples=1500, deadline=None)
@given(st.lists(_PIECES, max_size=14), st.sets(st.sampled_from(_WORDS), min_size=1))
def test_word_start_matches_equal_a_leading_lookbehind(pieces, words):
    text = "".join(pieces)
    pattern = word_pattern(frozenset(words))
    with_lookbehind = re.compile(r"(?<![\w])" + pattern.pattern)
    assert [m.span() for m in matches_at_word_start(pattern, text)] == [m.span() for m in with_lookbehind.finditer(text)]
    # overlapping: every start, as a zero-width look-ahead search finds them
    lookahead = re.compile(r"(?<![\w])(?=" + pattern.pattern + ")")
    assert [(m.start(), m.group(1)) for m in matches_at_word_start(pattern, text, overlapping=True)] == \
        [(m.start(), m.group(1)) for m in lookahead.finditer(text)]


def test_word_start_matches_refuse_run_on_words_and_find_spellings_inside_them():
    pattern = word_pattern(frozenset(["Thành phố Hải Phòng", "Hải Phòng", "UBND"]))
    assert [m.group(1) for m in matches_at_word_start(pattern, "XThành phố Hải Phòng, UBNDX, UBND")] == \
        ["Hải Phòng", "UBND"]


@settings(max_examples=1500, deadline=None)
@given(st.lists(_PIECES, max_size=14), st.sets(st.sampled_from(_WORDS + ["Hà", "Hà Nam", "TP.", "U"]), min_size=1))
def test_a_word_pattern_written_as_a_tree_matches_as_the_words_longest_first(pieces, words):
    """``word_pattern`` writes the words' common beginnings once; it finds what the plain alternation of the
    words, longest first, finds."""
    text = "".join(pieces)
    plain = re.compile("(" + "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w))) + r")(?![\w])")
    tree = word_pattern(frozenset(words))
    assert [(m.span(), m.group(1)) for m in tree.finditer(text)] == [(m.span(), m.group(1)) for m in plain.finditer(text)]
    assert [m.span() for m in matches_at_word_start(tree, text, overlapping=True)] == \
        [m.span() for m in matches_at_word_start(plain, text, overlapping=True)]


def test_a_word_pattern_takes_a_very_long_word():
    """A glossary entry of thousands of letters (an editor's paste) is one run, not thousands of nested groups."""
    long_word = "Ủy ban " * 1000 + "tỉnh"
    pattern = word_pattern(frozenset([long_word, "Ủy ban"]))
    assert [m.group(1) for m in matches_at_word_start(pattern, long_word + ", Ủy ban.")] == [long_word, "Ủy ban"]
