"""Saved HTML pages (tests/data/html: our own texts in the markup of eleven kinds of Vietnamese news pages,
and two pages that are not articles): main text, page metadata, and the event date over the publication date.
What each must give is in tests/data/html/expected.yaml."""
from __future__ import annotations

import contextlib
import datetime as _dt
import io
import shutil
from pathlib import Path

import pytest
import yaml

from generator.parallel import MIN_ITEMS
from tests.conftest import REPO, run_cli

PAGES = REPO / "tests" / "data" / "html"
EXPECTED = yaml.safe_load((PAGES / "expected.yaml").read_text(encoding="utf-8"))
ARTICLES = sorted(name for name, page in EXPECTED.items() if page["article"])
NOT_ARTICLES = sorted(name for name, page in EXPECTED.items() if not page["article"])


def _front(path: Path) -> tuple[dict, str]:
    text = path.read_text(encoding="utf-8")
    head, body = text.removeprefix("---\n").split("\n---\n", 1)
    return yaml.safe_load(head), body


@pytest.fixture(scope="module")
def imported(tmp_path_factory) -> tuple[dict[str, tuple[dict, str]], str, int]:
    """Every page imported into one project: original → (front matter, body); the import's output; its code."""
    root = tmp_path_factory.mktemp("html") / "site"
    raw = root / "content" / "raw"
    raw.mkdir(parents=True)
    for name in EXPECTED:
        shutil.copy(PAGES / name, raw / name)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = run_cli(root, "import")
    found = {}
    for path in (root / "content" / "articles").rglob("*.md"):
        front, body = _front(path)
        found[front["original"].removeprefix("raw/")] = (front, body)
    return found, out.getvalue(), code


def test_layouts_cover_the_kinds_of_pages_we_meet():
    assert len(ARTICLES) >= 8 and len(NOT_ARTICLES) >= 1


@pytest.mark.parametrize("name", ARTICLES)
def test_page_metadata(imported, name):
    articles, _, _ = imported
    want = EXPECTED[name]
    front, _ = articles[name]
    assert front["title"] == want["title"]
    assert front["published"] == want["published"]
    assert front["source"] in [want["source"], *want.get("source_alt", [])]
    assert front.get("url") == want["url"]
    assert front.get("image") == want["image"]
    if want.get("author"):
        assert (front.get("author") or "").casefold() == want["author"].casefold()
    else:
        assert front.get("author") is None
    if want.get("section"):
        assert front.get("section") in [want["section"], *want.get("section_alt", [])]


@pytest.mark.parametrize("name", ARTICLES)
def test_event_date_from_the_text_and_the_publication_date(imported, name):
    articles, _, _ = imported
    assert articles[name][0]["date"] == EXPECTED[name]["event_date"]


@pytest.mark.parametrize("name", ARTICLES)
def test_main_text_without_the_pages_furniture(imported, name):
    articles, _, _ = imported
    want = EXPECTED[name]
    _, body = articles[name]
    for fragment in want["body_contains"]:
        assert fragment in body
    for fragment in want["body_excludes"]:
        assert fragment not in body
    paragraphs = [p for p in body.split("\n\n") if p.strip()]
    assert len(paragraphs) >= want.get("min_paragraphs", 3)
    assert want["title"] not in body.split("\n\n")[0]  # (the headline is the title, not the body's first line)


def test_listing_and_home_pages_are_refused_by_name(imported):
    articles, out, code = imported
    assert code == 1
    for name in NOT_ARTICLES:
        assert name not in articles
        assert f"error: content/raw/{name}: not an article page" in out


def test_many_pages_through_the_worker_processes(tmp_path, capsys):
    """Pages at the size where the import runs in worker processes: refusals reported, the rest written."""
    root = tmp_path / "site"
    raw = root / "content" / "raw"
    raw.mkdir(parents=True)
    copies = MIN_ITEMS // len(EXPECTED) + 1
    for n in range(copies):
        for name in EXPECTED:
            shutil.copy(PAGES / name, raw / f"{n:02d}-{name}")
    (raw / "00-empty.html").write_bytes(b"")
    (raw / "00-broken.html").write_bytes("<html><body><p>Chỉ một dòng.</p>".encode())
    assert run_cli(root, "import") == 1
    out = capsys.readouterr().out
    assert "error: content/raw/00-empty.html: file is empty" in out
    assert "error: content/raw/00-broken.html: not an article page: only" in out
    assert out.count("not an article page") == 1 + copies * len(NOT_ARTICLES)
    written = list((root / "content" / "articles").rglob("*.md"))
    assert len(written) == copies * len(ARTICLES)
    assert run_cli(root, "import") == 1  # (again: the refused pages are still refused; nothing rewritten)
    assert sorted(written) == sorted((root / "content" / "articles").rglob("*.md"))


def test_published_date_of_a_page_in_utc_is_vietnams(tmp_path):
    page = """<html><head><meta property="og:type" content="article">
    <meta property="article:published_time" content="2020-03-01T20:00:00Z"><title>Tin</title></head>
    <body><article><h1>Người dân Hà Nội đón mưa đầu mùa sau nhiều ngày nồm ẩm</h1>""" + "".join(
        f"<p>Đoạn thứ {n} của bản tin kể lại cơn mưa đầu mùa đã làm dịu không khí ở nhiều quận nội thành, "
        "người dân đi làm sớm hơn thường lệ.</p>" for n in range(4)) + "</article></body></html>"
    root = tmp_path / "site"
    (root / "content" / "raw").mkdir(parents=True)
    (root / "content" / "raw" / "mua.html").write_text(page, encoding="utf-8")
    assert run_cli(root, "import") == 0
    front, _ = _front(next((root / "content" / "articles").rglob("*.md")))
    assert front["published"] == _dt.date(2020, 3, 2) and front["date"] == _dt.date(2020, 3, 2)


def test_a_short_article_is_one_when_the_page_says_so(tmp_path, capsys):
    brief = ("<p>Chiều 3/2, tại Hà Nội, Bộ Y tế tổ chức họp báo công bố kết quả giám sát dịch cúm mùa trong "
             "tháng đầu năm.</p>")
    root = tmp_path / "site"
    (root / "content" / "raw").mkdir(parents=True)
    for name, head in (("tin-van.html", '<meta property="og:type" content="article">'
                                        '<meta property="article:published_time" content="2020-02-04">'),
                       ("khong-ro.html", "")):
        (root / "content" / "raw" / name).write_text(
            f"<html><head>{head}<title>Họp báo về dịch cúm mùa</title></head><body><article>"
            f"<h1>Bộ Y tế họp báo về dịch cúm mùa tháng đầu năm</h1>{brief}</article></body></html>",
            encoding="utf-8")
    assert run_cli(root, "import") == 1
    assert "content/raw/khong-ro.html: not an article page: only" in capsys.readouterr().out
    front, body = _front(next((root / "content" / "articles").rglob("*.md")))
    assert front["original"] == "raw/tin-van.html" and front["date"] == _dt.date(2020, 2, 3)
    assert "Bộ Y tế tổ chức họp báo" in body


def test_an_article_of_a_site_that_calls_every_page_a_website(tmp_path):
    """Small sites put og:type website on their articles too: with a sidebar of headlines it stays one."""
    sidebar = "".join(f'<li><a href="/tin/{n}">Tin thứ {n} về công tác chuẩn bị mùa khô hạn của tỉnh</a></li>'
                      for n in range(12))
    prose = "".join(f"<p>Đoạn {n}: huyện đã nạo vét hơn ba mươi ki-lô-mét kênh mương nội đồng, bảo đảm nước tưới "
                    "cho vụ đông xuân và hướng dẫn bà con chuyển đổi cây trồng phù hợp.</p>" for n in range(5))
    root = tmp_path / "site"
    (root / "content" / "raw").mkdir(parents=True)
    (root / "content" / "raw" / "kenh.html").write_text(
        '<html><head><meta property="og:type" content="website"><title>Nạo vét kênh mương | Cổng TTĐT huyện</title>'
        f'</head><body><h1>Huyện nạo vét kênh mương chuẩn bị vụ đông xuân</h1><div class="noidung">{prose}</div>'
        f'<div class="tinkhac"><h3>Tin khác</h3><ul>{sidebar}</ul></div></body></html>', encoding="utf-8")
    assert run_cli(root, "import") == 0
    front, body = _front(next((root / "content" / "articles").rglob("*.md")))
    assert front["title"] == "Huyện nạo vét kênh mương chuẩn bị vụ đông xuân" and "Tin thứ 3" not in body
