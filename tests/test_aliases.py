"""Stable addresses: ``slug:``, ``aliases:`` and the addresses an edit moves an article from, each a redirect
page to where the article is now — relative, so it works on a host and from file://."""
from __future__ import annotations

import re

import yaml

from tests.conftest import run_cli


def _write(folder, name, **front):
    body = front.pop("body", "Nội dung bài viết về công tác phòng chống thiên tai.")
    (folder / f"{name}.md").write_text("---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False)
                                       + "---\n" + body + "\n", encoding="utf-8")


def _site(tmp_path):
    root = tmp_path / "site"
    articles = root / "content" / "articles"
    articles.mkdir(parents=True)
    (root / "content" / "site.yaml").write_text("title: Thử\nbase_url: https://example.org/kho/\n", encoding="utf-8")
    for n in range(30):  # (a site of some size: the parallel paths start at a few dozen articles)
        _write(articles, f"bai-{n:02d}", title=f"Bài số {n}", date=f"2020-{n % 12 + 1:02d}-{n % 27 + 1:02d}")
    return root, articles


def _redirect_target(page) -> str:
    html = page.read_text(encoding="utf-8")
    return re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', html).group(1)


def test_slug_and_aliases_give_the_address_and_redirect_pages(tmp_path):
    root, articles = _site(tmp_path)
    _write(articles, "x", title="Lũ quét ở Lào Cai", date="2021-08-17", slug="lu-quet-lao-cai",
           aliases=["2021/08/bai-cu/", "/tin-cu/lu-quet/index.html"])
    assert run_cli(root, "build") == 0
    public = root / "public"
    assert (public / "2021" / "08" / "lu-quet-lao-cai" / "index.html").is_file()
    first = public / "2021" / "08" / "bai-cu" / "index.html"
    assert _redirect_target(first) == "../lu-quet-lao-cai/index.html"
    assert (first.parent / _redirect_target(first)).resolve().is_file()  # (relative: works from file://)
    assert 'rel="canonical" href="https://example.org/kho/2021/08/lu-quet-lao-cai/"' in first.read_text(encoding="utf-8")
    second = public / "tin-cu" / "lu-quet" / "index.html"
    assert (second.parent / _redirect_target(second)).resolve() == (public / "2021/08/lu-quet-lao-cai/index.html").resolve()


def test_an_edit_that_moves_an_article_leaves_a_redirect_at_its_old_address(tmp_path):
    root, articles = _site(tmp_path)
    _write(articles, "y", title="Hội nghị tổng kết", date="2021-03-05")
    assert run_cli(root, "build") == 0
    public = root / "public"
    assert (public / "2021" / "03" / "y" / "index.html").is_file()
    _write(articles, "y", title="Hội nghị tổng kết", date="2022-01-10")  # (the date was wrong)
    assert run_cli(root, "build") == 0
    old = public / "2021" / "03" / "y" / "index.html"
    assert (old.parent / _redirect_target(old)).resolve() == (public / "2022/01/y/index.html").resolve()
    record = yaml.safe_load((root / "content" / "aliases.yaml").read_text(encoding="utf-8"))
    assert record == {"2021/03/y/": "articles/y.md"}
    _write(articles, "y", title="Hội nghị tổng kết", date="2022-01-10", slug="hoi-nghi-tong-ket")  # moved again
    assert run_cli(root, "build") == 0
    for address in ("2021/03/y/", "2022/01/y/"):  # (both earlier addresses now lead to the newest)
        page = public / address / "index.html"
        assert (page.parent / _redirect_target(page)).resolve() == (public / "2022/01/hoi-nghi-tong-ket/index.html").resolve()
    _write(articles, "y", title="Hội nghị tổng kết", date="2021-03-05", slug="y")  # and back where it was
    assert run_cli(root, "build") == 0
    assert "refresh" not in (public / "2021/03/y/index.html").read_text(encoding="utf-8")  # (the article itself)


def test_a_bad_alias_is_an_error_naming_the_file(tmp_path, capsys):
    root, articles = _site(tmp_path)
    _write(articles, "z", title="Bài", date="2021-01-01", aliases=["https://other.example/x/"])
    assert run_cli(root, "build") == 1
    err = capsys.readouterr().err
    assert "z.md" in err and "not an address of this site" in err


def test_a_redirect_page_follows_an_edit_of_its_articles_title(tmp_path):
    root, articles = _site(tmp_path)
    _write(articles, "w", title="Tên cũ của bài", date="2021-05-05", aliases=["tin/cu/"])
    assert run_cli(root, "build") == 0
    page = root / "public" / "tin" / "cu" / "index.html"
    assert "Tên cũ của bài" in page.read_text(encoding="utf-8")
    _write(articles, "w", title="Tên mới của bài", date="2021-05-05", aliases=["tin/cu/"])  # (an edit in place)
    assert run_cli(root, "build") == 0
    assert "Tên mới của bài" in page.read_text(encoding="utf-8")


def test_a_preview_edit_in_place_follows_a_hand_edit_of_the_aliases_record(tmp_path):
    # An edit in place reuses the last site's redirects only while content/aliases.yaml says the same.
    from generator.build.pipeline import Builder
    from generator.project import Project

    root, articles = _site(tmp_path)
    _write(articles, "w", title="Tên của bài", date="2021-05-05", aliases=["tin/cu/"])
    session = Builder(Project(root), in_place=True)
    session.build(persist=False)
    (root / "content" / "aliases.yaml").write_text("tin/khac/: articles/w.md\n", encoding="utf-8")
    _write(articles, "w", title="Tên mới của bài", date="2021-05-05", aliases=["tin/cu/"])  # (an edit in place)
    session.build(persist=False, changed=[str(articles / "w.md"), str(root / "content" / "aliases.yaml")])
    assert session.incremental
    for old in ("tin/cu", "tin/khac"):
        page = root / "public" / old / "index.html"
        assert "Tên mới của bài" in page.read_text(encoding="utf-8"), old
        assert _redirect_target(page).endswith("2021/05/w/index.html")
