"""`build.py search`: whoosh BM25F over the same analyzer, kept up to date per document."""
from __future__ import annotations

import re

import pytest

from tests.conftest import run_cli


@pytest.fixture()
def imported(project):
    assert run_cli(project, "import") == 0
    return project


def _titles(out: str) -> list[str]:
    return re.findall(r"^\s*\d+\. (.*)$", out, flags=re.M)


def test_search_finds_folded_names_and_ranks_the_speaker_first(imported, capsys):
    assert run_cli(imported, "search", "to lam") == 0
    out = capsys.readouterr().out
    assert len(_titles(out)) >= 4
    assert "Tô Lâm" in _titles(out)[0] or "Lực lượng Công an" in _titles(out)[0]


def test_quoted_phrase_and_filters(imported, capsys):
    run_cli(imported, "search", '"to lam"')
    phrase = _titles(capsys.readouterr().out)
    run_cli(imported, "search", "to lam")
    loose = _titles(capsys.readouterr().out)
    assert set(phrase) < set(loose)  # the scattered "tổ … làm" article drops out
    run_cli(imported, "search", "to lam", "--location", "Nghệ An")
    assert len(_titles(capsys.readouterr().out)) == 1
    run_cli(imported, "search", "xyzzyqwerty")
    assert "no results" in capsys.readouterr().out


def test_index_follows_edits_without_a_full_rebuild(imported, capsys):
    run_cli(imported, "search", "to lam")
    capsys.readouterr()
    article = sorted((imported / "content" / "articles").rglob("*.md"))[0]
    article.write_text(article.read_text(encoding="utf-8").replace("\n---\n", "\n---\nTừ khóa hiếm zyxwvut.\n", 1),
                       encoding="utf-8")
    run_cli(imported, "search", "zyxwvut")
    assert len(_titles(capsys.readouterr().out)) == 1
    segments = sorted(p.name for p in (imported / ".cache" / "whoosh").glob("*.seg"))
    run_cli(imported, "search", "zyxwvut")
    capsys.readouterr()
    assert sorted(p.name for p in (imported / ".cache" / "whoosh").glob("*.seg")) == segments  # nothing rewritten


def test_command_line_matches_the_browsers_rules(tmp_path, capsys):
    """`build.py search` finds what the site's own engine finds (bench/search_node.js runs it under node)."""
    import json
    import subprocess

    from tests.conftest import REPO
    from tests.test_search_browser import _write_site

    root = tmp_path / "site"
    _write_site(root)
    assert run_cli(root, "build") == 0
    queries = ["đương", "duong", "tổ", "to lam", "công tác", "phòng dịch ở Đà Nẵng", "Đà Nẳng", '"Cần Thơ Vĩnh Long"',
               "TP.HCM", "thanh pho ho chi minh", "tphcm", "antt", "an ninh trật tự", "to lam xyzzy",
               "Cần Thơ hướng dương"]
    browser = subprocess.run(["node", str(REPO / "bench" / "search_node.js"), str(root / "public")],
                             input="\n".join(queries) + "\n", capture_output=True, text=True, check=True)
    for query, line in zip(queries, browser.stdout.splitlines()):
        capsys.readouterr()
        run_cli(root, "search", "--limit", "100", query)
        urls = set(re.findall(r" · (\S+/) · score", capsys.readouterr().out))
        assert urls == set(json.loads(line)["urls"]), query


def test_what_a_search_found_is_said(tmp_path, capsys):
    from tests.test_search_browser import _containing, _write_site

    root = tmp_path / "site"
    _write_site(root)
    run_cli(root, "search", "Đà Nẳng")  # (the text writes Nẵng)
    out = capsys.readouterr().out
    assert "no article writes 'Đà Nẳng' with these marks: 1 in any spelling" in out
    assert _titles(out) == ["Kiểm tra phòng dịch tại Đà Nẵng"]
    run_cli(root, "search", "Cần Thơ hướng dương")
    out = capsys.readouterr().out
    assert "no article holds every word of 'Cần Thơ hướng dương': 2 hold 2 of the 4" in out
    assert set(_titles(out)) == {"Thời tiết hai miền", "Hướng dương"}
    run_cli(root, "search", "cong tac")
    assert f"{len(_containing('cong', 'tac'))} results for 'cong tac'" in capsys.readouterr().out


def test_search_bytes_counts_what_a_query_loads(seed_site):
    """bench/search_bytes.py: each query from a cold start — the scripts always, more for a query whose
    postings and results it loads, every file counted whole."""
    import json

    from tests.conftest import bench_module

    bench = bench_module("search_bytes")
    site = seed_site / "public"
    articles, rows = bench.measure(site)
    assert articles == 5 and len(rows) == len(bench.QUERIES)
    scripts = sum((site / "static" / "search" / name).stat().st_size for name in ("analyzer.js", "engine.js", "page.js"))
    meta = (site / "search" / "meta.js").stat().st_size
    assert all(row["bytes"] >= scripts + meta for row in rows)
    record = {}  # a result's address → the size of its record file
    for path in (site / "search" / "d").glob("*.js"):
        text = path.read_text(encoding="utf-8")
        record[json.loads(text[text.index(",") + 1:text.rindex(");")])["u"]] = path.stat().st_size
    found = max(rows, key=lambda row: row["count"])
    assert found["count"] > 0
    assert found["bytes"] >= scripts + meta + sum(record[url] for url in found["urls"][:10])
