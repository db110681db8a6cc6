"""Work spread over cores: results in order whatever the chunking, and progress up to the last item."""
from __future__ import annotations

import re

from conftest import make_project, run_cli
from generator import parallel


def _square(number: int) -> int:
    return number * number


def test_results_come_back_in_order_across_many_chunks(monkeypatch):
    monkeypatch.setattr(parallel, "CHUNK_MAX", 7)  # many chunks, one of them short
    items = list(range(2_000))
    assert list(parallel.imap_all(_square, items)) == [n * n for n in items]
    assert parallel.map_all(_square, items[:10]) == [n * n for n in items[:10]]  # too few for workers


def test_progress_counts_and_rates_up_to_the_last_item(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(parallel, "PROGRESS_EVERY", 0.0)  # a line per item, as a long run shows one a second
    root = make_project(tmp_path / "site")
    assert run_cli(root, "import") == 0
    assert run_cli(root, "build") == 0
    lines = capsys.readouterr().err.splitlines()
    shown = [re.fullmatch(r"  (.+): ([\d,]+)/([\d,]+) \(([\d.,]+)/s\)", line) for line in lines]
    progress = [(m[1], int(m[2].replace(",", "")), int(m[3].replace(",", ""))) for m in shown if m]
    for label in ("rendering pages and search files", "importing", "parsing articles"):
        counts = [(done, total) for name, done, total in progress if name == label]
        assert counts, f"no progress shown for {label!r}: {lines[:20]}"
        assert counts[-1][0] == counts[-1][1], f"{label!r} stopped at {counts[-1]}"  # the last item counted
        assert [done for done, _ in counts] == sorted(done for done, _ in counts)
