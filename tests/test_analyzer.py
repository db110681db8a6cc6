"""The Python analyzer, the whoosh analyzer and the JS analyzer tokenize identically."""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.analyzer import term_hash, tokens
from generator.whoosh_index import _analyzer

REPO = Path(__file__).resolve().parent.parent
DATA = json.loads((REPO / "tests" / "data" / "analyzer_vectors.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("vector", DATA["vectors"], ids=[v["input"][:20] for v in DATA["vectors"]])
def test_python_analyzer_matches_shared_vectors(vector):
    got = tokens(vector["input"])
    assert [e for e, _ in got] == vector["exact"]
    assert [f for _, f in got] == vector["folded"]


@pytest.mark.parametrize("vector", DATA["vectors"], ids=[v["input"][:20] for v in DATA["vectors"]])
def test_whoosh_analyzers_match_shared_vectors(vector):
    from generator.text import normalize

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
