"""The extraction benchmark (bench/extract_eval.py) on the gold sets: every scored field ≥ 95 %."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import bench_module

from generator.importer.tags import load_vocabulary

REPO = Path(__file__).resolve().parent.parent
# The shipped gold (../shared/gold beside the repository; CI has it): its texts are third-party, never copied here.
GOLD = Path(os.environ.get("VN_ARCHIVE_GOLD") or REPO.parent / "shared" / "gold")
pytestmark = pytest.mark.skipif(not (GOLD / "dev.yaml").is_file(), reason=f"no gold set at {GOLD} (set VN_ARCHIVE_GOLD)")


def _eval_module():
    return bench_module("extract_eval")


@pytest.mark.parametrize("gold_file,texts", [
    ("seeds.yaml", REPO / "content" / "raw"),
    ("dev.yaml", GOLD / "dev"),
])
def test_extraction_accuracy_on_gold(gold_file, texts):
    module = _eval_module()
    vocabulary = load_vocabulary(REPO / "content" / "tags.yaml", REPO / "content" / "glossary.yaml")
    tally = module.evaluate(GOLD / gold_file, texts, vocabulary)
    # (The "… flagged" rows count what goes to review: a share, not an accuracy.)
    low = {name: tally.rate(name) for name in tally.totals if not name.endswith(" flagged") and tally.rate(name) < 0.95}
    assert not low, f"fields under 95 %: {low}\n" + "\n".join(tally.misses)


def test_eval_script_prints_a_table(capsys):
    # (the shared dev set: the pages set, where its texts are on the machine, would take minutes)
    assert _eval_module().main(["--gold", str(GOLD), "--seeds-dir", str(REPO / "content" / "raw"), "--set", "dev"]) == 0
    out = capsys.readouterr().out
    assert "speaker (gold has one)" in out and "location (gold empty)" in out


def test_which_pages_are_held_out(monkeypatch):
    import hashlib
    module = _eval_module()
    urls = [f"https://example.vn/{n}" for n in range(12)]
    third = [u for u in urls if int(hashlib.sha256(u.encode("utf-8")).hexdigest(), 16) % 3 == 0]
    # No round marked: a third of the latest round (by its URL's sha256), nothing of earlier rounds.
    monkeypatch.setattr(module, "LATEST_ROUND", 22)
    monkeypatch.setattr(module, "WHOLE_ROUNDS", set())
    monkeypatch.setattr(module, "SCORED_ROUNDS", set())
    assert [u for u in urls if module.held_out({"round": 22, "source_url": u})] == third
    assert not any(module.held_out({"round": 21, "source_url": u}) for u in urls)
    # A round held out whole: all of it, and no third of another round.
    monkeypatch.setattr(module, "WHOLE_ROUNDS", {22})
    assert all(module.held_out({"round": 22, "source_url": u}) for u in urls)
    assert not any(module.held_out({"round": 21, "source_url": u}) for u in urls)
    # Once scored ("held_out: scored"), the latest round is development data, with no third held out.
    monkeypatch.setattr(module, "WHOLE_ROUNDS", set())
    monkeypatch.setattr(module, "SCORED_ROUNDS", {22})
    assert not any(module.held_out({"round": 22, "source_url": u}) for u in urls)


def test_a_speaker_the_gold_lists_as_optional_is_scored_apart():
    module = _eval_module()
    item = {"id": "p1", "title": None, "date": None, "speakers": [],
            "speakers_optional": [{"name": "Trần Anh Tuấn", "title": "Phó Chủ tịch UBND tỉnh"}], "locations": []}
    fields = {"title": None, "date": None, "date_partial": None, "speaker": "Trần Anh Tuấn", "people": [],
              "location": None, "source": None, "review": []}
    tally = module.Tally()
    module.score_item(item, fields, tally)
    assert tally.rate("speaker (gold empty)") == 0.0  # the README's rule: no main speaker where gold has none
    assert tally.rate("speaker (empty; opt. ok)") == 1.0  # the chair the annotators listed as optional


def test_a_title_written_with_the_icelandic_eth_scores_as_the_importer_reads_it():
    """The importer reads Ð (a legacy font's Đ) as Đ; the gold keeps the page's letters."""
    norm = bench_module("extract_eval")._norm_title
    assert norm("HỌP TẠI ÐÀ NẴNG") == norm("HỌP TẠI ĐÀ NẴNG") != norm("HỌP TẠI DA NANG")
