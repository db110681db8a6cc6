"""Article bodies kept compressed in a big archive (content/article.py ``Body``): the same site, byte for byte,
and the same incremental builds, at a fraction of the memory."""
from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from generator.content import article as article_module
from generator.content.article import Body, compress_bodies
from tests.conftest import add_articles, make_project, run_cli


def _tree(folder: Path) -> dict:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture()
def compressing(monkeypatch):
    """Bodies compressed from the first article on (as in an archive of COMPRESS_FROM articles or more)."""
    monkeypatch.setattr(article_module, "COMPRESS_FROM", 1)
    yield
    compress_bodies(0)


def test_a_compressed_body_reads_back_the_same_and_is_smaller(compressing):
    html = "<p>Đồng chí Tô Lâm phát biểu tại hội nghị về an ninh trật tự.</p>\n" * 40
    text = "Đồng chí Tô Lâm phát biểu tại hội nghị về an ninh trật tự.\n" * 40
    compress_bodies(1)
    packed = Body(html, text)
    compress_bodies(0)
    plain = Body(html, text)
    assert (packed.html, packed.text) == (plain.html, plain.text) == (html, text)
    assert len(pickle.dumps(packed)) * 5 < len(pickle.dumps(plain))
    again = pickle.loads(pickle.dumps(packed))
    assert (again.html, again.text) == (html, text)


def test_a_site_with_compressed_bodies_is_the_same_byte_for_byte(tmp_path, monkeypatch):
    """Built on worker processes (300 articles), with an edit built incrementally after it."""
    plain, packed = make_project(tmp_path / "plain"), make_project(tmp_path / "packed")
    for root in (plain, packed):
        add_articles(root)
        assert run_cli(root, "import") == 0
    assert run_cli(plain, "build") == 0
    monkeypatch.setattr(article_module, "COMPRESS_FROM", 1)
    try:
        assert run_cli(packed, "build") == 0
        assert _tree(packed / "public") == _tree(plain / "public")
        for root in (plain, packed):
            edited = sorted((root / "content" / "articles").rglob("bai-0007.md"))[0]
            edited.write_text(edited.read_text(encoding="utf-8").replace("Đoạn thứ hai", "Đoạn thứ hai, đã sửa"),
                              encoding="utf-8")
            assert run_cli(root, "build") == 0
        assert _tree(packed / "public") == _tree(plain / "public")
        assert "Đoạn thứ hai, đã sửa" in next((packed / "public").rglob("bai-0007/index.html")).read_text(
            encoding="utf-8")
    finally:
        compress_bodies(0)
