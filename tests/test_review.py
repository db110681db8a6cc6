"""The review queue: fields the import was not sure of, listed for the editor, shown in the preview only."""
from __future__ import annotations

import json
import re
import time

import pytest
import yaml

from generator.importer.dates import DateValue
from generator.importer.finding import Finding
from generator.importer.review import to_review
from tests.conftest import add_articles, run_cli
from tests.test_serve import Server, free_port, get


def _front(path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def _reviewed(root) -> dict:
    """Article (relative to content/) → its review list, for every article with one."""
    found = {}
    for path in sorted((root / "content" / "articles").rglob("*.md")):
        review = _front(path).get("review")
        if review:
            found[path.relative_to(root / "content").as_posix()] = review
    return found


def test_import_lists_doubtful_fields_and_says_how_many(project, capsys):
    assert run_cli(project, "import") == 0
    out = capsys.readouterr().out
    reviewed = _reviewed(project)
    assert reviewed, "the seeds have fields the rules are not sure of"
    fields = sum(map(len, reviewed.values()))
    undated = sum(1 for path in (project / "content" / "articles").rglob("*.md") if _front(path)["date"] is None)
    assert f"5 imported: {5 - undated} with a date, {undated} without; {fields} field(s) to review in " \
           f"{len(reviewed)} article(s) — run build.py review" in out
    record = json.loads((project / "content" / ".import-state.json").read_text(encoding="utf-8"))
    for entry in record.values():  # each listed field has its confidence and evidence in the record
        listed = reviewed.get(entry["article"], [])
        assert sorted(entry.get("review", {})) == sorted(listed)
        assert all(0 <= confidence < 1 and evidence for confidence, evidence in entry.get("review", {}).values())


def test_review_lists_every_field_most_doubtful_first_and_forgets_confirmed_ones(project, capsys):
    assert run_cli(project, "import") == 0
    capsys.readouterr()
    assert run_cli(project, "review") == 0
    out = capsys.readouterr().out
    reviewed = _reviewed(project)
    fields = sum(map(len, reviewed.values()))
    assert out.rstrip().endswith(f"{fields} field(s) to review in {len(reviewed)} article(s): correct a field if "
                                 "it is wrong, then delete it from the article's `review:` list")
    listed = re.findall(r"^content/(articles/\S+\.md)$", out, re.M)
    assert sorted(listed) == sorted(reviewed)
    confidences = [float(c) for c in re.findall(r"confidence (\d\.\d\d); why: \S", out)]
    assert len(confidences) == fields
    firsts = [float(block.split("confidence ")[1][:4]) for block in re.split(r"^content/", out, flags=re.M)[1:]]
    assert firsts == sorted(firsts), "articles are listed most doubtful first"
    # The editor confirms every field of the first article: it leaves the queue, and a new import keeps the file.
    first = project / "content" / listed[0]
    first.write_text(re.sub(r"^review: .*\n", "", first.read_text(encoding="utf-8"), flags=re.M), encoding="utf-8")
    assert run_cli(project, "review") == 0
    out = capsys.readouterr().out
    assert listed[0] not in out and f"{fields - len(reviewed[listed[0]])} field(s) to review" in out
    assert run_cli(project, "import") == 0
    assert "review" not in _front(first)
    assert run_cli(project, "check") == 0
    assert f"check: {fields - len(reviewed[listed[0]])} field(s) to review in {len(reviewed) - 1} article(s)" \
        in capsys.readouterr().out


def test_a_review_list_naming_an_unknown_field_is_an_error_naming_the_line(tmp_path, capsys):
    root = tmp_path / "site"
    articles = add_articles(root)
    bad = articles[150]
    text = bad.read_text(encoding="utf-8")
    bad.write_text(text.replace("\n---\n", "\nreview: [date, mood]\n---\n", 1), encoding="utf-8")
    line = text.split("\n---\n")[0].count("\n") + 2
    assert run_cli(root, "check") == 1
    err = capsys.readouterr().err
    assert f"{bad.relative_to(root).as_posix()}:{line}: `review` lists the fields still to check" in err
    assert run_cli(root, "build") == 1


def test_check_warns_of_dates_after_today_and_review_handles_a_big_queue(tmp_path, capsys, monkeypatch):
    root = tmp_path / "site"
    articles = add_articles(root)
    for path in articles[::3]:  # 100 articles under review, without the import's notes (written by hand)
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("\n---\n", "\nreview: [location, date]\n---\n", 1), encoding="utf-8")
    future = articles[7]
    future.write_text(re.sub(r"^date: .*$", "date: 2031-02-03", future.read_text(encoding="utf-8"), count=1,
                             flags=re.M), encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(time.mktime((2026, 12, 6, 12, 0, 0, 0, 0, 0)))))
    assert run_cli(root, "check") == 0
    out = capsys.readouterr().out
    assert f"warning: {future.relative_to(root).as_posix()}: dated 2031-02-03, after today (2026-12-06)" in out
    assert "check: 200 field(s) to review in 100 article(s)" in out
    assert run_cli(root, "review") == 0
    out = capsys.readouterr().out
    assert out.count("no evidence recorded") == 200 and "200 field(s) to review in 100 article(s)" in out


@pytest.mark.timeout(120)
def test_preview_marks_articles_under_review_and_the_published_site_never_does(project, browser):
    assert run_cli(project, "import") == 0
    reviewed = _reviewed(project)
    record = json.loads((project / "content" / ".import-state.json").read_text(encoding="utf-8"))
    evidence = {entry["article"]: entry["review"] for entry in record.values() if entry.get("review")}
    assert run_cli(project, "build") == 0
    published = [p.read_text(encoding="utf-8") for p in (project / "public").rglob("*.html")]
    assert not any("review-banner" in page or "Cần kiểm tra" in page for page in published)
    server = Server(project, free_port())
    try:
        server.wait_ready()
        page = browser.new_page()
        for relpath, fields in reviewed.items():
            url = _front(project / "content" / relpath)
            slug = (project / "content" / relpath).stem
            path = next(p for p in (project / "public").rglob(f"{slug}/index.html"))
            page.goto(f"http://127.0.0.1:{server.port}/{path.parent.relative_to(project / 'public').as_posix()}/")
            banner = page.locator("#review-banner")
            assert banner.count() == 1, url
            text = banner.inner_text()
            for name in fields:
                assert evidence[relpath][name][1][:40] in text
            assert f"content/{relpath}" in text
        others = [p for p in (project / "public").rglob("index.html")
                  if not any(p.parent.name == (project / "content" / r).stem for r in reviewed)]
        assert others
        for path in others[:5]:
            status, body = get(server.port, "/" + path.parent.relative_to(project / "public").as_posix() + "/")
            assert status == 200 and "review-banner" not in body
        page.close()
    finally:
        server.proc.terminate()
        server.proc.wait(timeout=30)
    published_after = [p.read_text(encoding="utf-8") for p in (project / "public").rglob("*.html")]
    assert not any("review-banner" in page for page in published_after)


def test_a_day_and_month_without_a_year_is_always_for_review():
    sure = Finding("x", "", 0.99)
    findings = {"title": sure, "speaker": sure, "location": sure,
                "date": Finding(DateValue(None, "10-20"), "“Ngày 20/10”; no year sure enough", 0.91)}
    assert list(to_review(findings)) == ["date"]
    assert to_review({**findings, "date": Finding(DateValue("2010-10-20"), "", 0.91)}) == {}


def test_a_date_before_news_went_online_is_always_for_review():
    sure = Finding("x", "", 0.99)
    findings = {"title": sure, "speaker": sure, "location": sure,
                "date": Finding(DateValue("1975-04-14"), "“rạng sáng ngày 14-4-1975”", 0.88)}
    assert list(to_review(findings)) == ["date"]
    assert to_review({**findings, "date": Finding(DateValue("2000-01-01"), "", 0.88)}) == {}
    assert list(to_review({**findings, "date": Finding(DateValue("1999"), "", 0.88)})) == ["date"]
