"""The Python analyzer, the whoosh analyzer and the JS analyzer tokenize identically."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.lang.analyzer import BREAK, bigrams, term_hash, tokens, tokens_and_pairs
from generator.search.whoosh_index import _analyzer

REPO = Path(__file__).resolve().parent.parent
DATA = json.loads((REPO / "tests" / "data" / "analyzer_vectors.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("vector", DATA["vectors"], ids=[v["input"][:20] for v in DATA["vectors"]])
def test_python_analyzer_matches_shared_vectors(vector):
    got = tokens(vector["input"])
    assert [e for e, _ in got] == vector["exact"]
    assert [f for _, f in got] == vector["folded"]


@pytest.mark.parametrize("vector", DATA["vectors"], ids=[v["input"][:20] for v in DATA["vectors"]])
def test_whoosh_analyzers_match_shared_vectors(vector):
    from generator.lang.text import normalize

    text = normalize(vector["input"])
    assert [t.text for t in _analyzer()(text)] == vector["folded"]
    assert [t.text for t in _analyzer(exact=True)(text)] == vector["exact"]


def test_term_hash_matches_shared_values():
    for term, value in DATA["hashes"]:
        assert term_hash(term) == value


def test_js_analyzer_unit_tests_pass_under_node():
    node = shutil.which("node") or shutil.which("nodejs")
    assert node, "node is needed for the JS analyzer tests (make test installs it)"
    result = subprocess.run([node, "--test", str(REPO / "tests" / "js")], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert "# fail 0" in result.stdout


def _whole_text_tokens(text: str) -> list[tuple[str, str]]:
    """The analyzer's definition, applied to the whole text at once (what ``tokens`` does word by word)."""
    import unicodedata

    from generator.lang.text import COMBINING, fold, normalized_nfd

    decomposed = normalized_nfd(text)
    exact = re.findall(r"[^\W_]+", unicodedata.normalize("NFC", decomposed).lower())
    stripped = COMBINING.sub("", decomposed.replace("đ", "d").replace("Đ", "D"))
    folded = re.findall(r"[^\W_]+", unicodedata.normalize("NFC", stripped).lower())
    if len(folded) != len(exact):
        folded = [fold(word) for word in exact]
    return list(zip(exact, folded))


_ALPHABET = st.sampled_from(list("aăâeêioôơuưyđAĂÂEÊIOÔƠUƯYĐhoàáạảãHOÀÁỏõọqứựỳỷ0129 .,;:'’-_\n\t“”()")
                            + ["\u0300", "\u0301", "\u0303", "\u0309", "\u0323", "\u0306", "\u0302", "\u031b",
                               "!", "?", "…", "[", "]", "{", "}", "«", "»", '"', "–",
                               "Σ", "σ", "ς", "İ", "ß", "ﬁ", "Ⅸ", "²", "Å", "\u00a0", "\u200b",
                               # whitespace that str.split() splits on, as the analyzer does
                               "\u2028", "\u3000", "\u2009", "\x1c", "\x85", "\x0b"])


@given(st.lists(_ALPHABET, max_size=40).map("".join))
@settings(max_examples=3000, deadline=None)
def test_word_by_word_analysis_equals_whole_text_analysis(text):
    assert tokens(text) == _whole_text_tokens(text)
    assert tokens(text) == _whole_text_tokens(text)  # the second time from the per-word memo


def _segment_by_segment(text: str) -> tuple[list[tuple[str, str]], list[str]]:
    """What ``tokens_and_pairs`` means: the text split at its breaks, each run's words paired."""
    found, pairs = [], []
    for segment in BREAK.split(text):
        run = tokens(segment)
        found += run
        pairs += bigrams([folded for _, folded in run])
    return found, pairs


@given(st.lists(_ALPHABET, max_size=40).map("".join))
@settings(max_examples=3000, deadline=None)
def test_piece_by_piece_pairs_equal_segment_by_segment_pairs(text):
    assert tokens_and_pairs(text) == _segment_by_segment(text)
    assert tokens_and_pairs(text) == _segment_by_segment(text)  # the second time from the per-piece memo


def test_pairs_stop_at_breaks_and_pass_over_dashes():
    _, pairs = tokens_and_pairs("Hà Nội – Đà Nẵng. (Huế) “TP.HCM” a.b")
    assert pairs == ["ha noi", "noi da", "da nang", "tp hcm", "a b"]
