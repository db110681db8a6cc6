"""A site's own templates keep the incremental build: an override that shows only what page keys hold (the
header, the footer, the styles, an article page's own article) renders after an edit the same pages as the
default theme does, and a template change renders only the pages that use it."""
from __future__ import annotations

from pathlib import Path

import yaml

from generator.build.pipeline import Builder
from generator.project import Project
from tests.conftest import add_articles, count_renders

FOOTER = ('{% extends "default/base.html" %}\n'
          '{% block footer %}<footer class="site-footer"><p>© Ban biên tập {{ config.title }}</p></footer>'
          '{% endblock %}\n')


def _site(root: Path, templates: dict[str, str]) -> tuple[Builder, list[Path]]:
    (root / "content").mkdir(parents=True)
    articles = add_articles(root, 60)
    for name, text in templates.items():
        (root / "templates" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "templates" / name).write_text(text, encoding="utf-8")
    session = Builder(Project(root), in_place=True)  # as `serve` builds
    session.build()
    return session, articles


def _retitle(path: Path) -> None:
    _, head, body = path.read_text(encoding="utf-8").split("---\n", 2)
    front = yaml.safe_load(head)
    front["title"] = front["title"] + " (đã sửa)"
    path.write_text("---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n" + body,
                    encoding="utf-8")


def _edit_renders(root: Path, templates: dict[str, str], monkeypatch) -> tuple[int, Builder, list[Path]]:
    session, articles = _site(root, templates)
    rendered = count_renders(monkeypatch)
    _retitle(articles[30])
    session.build(changed=[str(articles[30])])
    return rendered[-1], session, articles


def test_one_overridden_block_renders_after_an_edit_what_the_default_theme_does(tmp_path, monkeypatch):
    plain, _, _ = _edit_renders(tmp_path / "plain", {}, monkeypatch)
    overridden, session, _ = _edit_renders(tmp_path / "own", {"base.html": FOOTER}, monkeypatch)
    pages = len(list((tmp_path / "own" / "public").rglob("*.html")))
    assert overridden == plain and overridden < pages / 10, (overridden, plain, pages)
    assert session.incremental  # (the edited article swapped into the last site)
    home = (tmp_path / "own" / "public" / "index.html").read_text(encoding="utf-8")
    assert "© Ban biên tập" in home
    assert _tree(tmp_path / "own" / "public") == _clean(tmp_path / "own", tmp_path / "clean")


def _tree(folder: Path) -> dict:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _clean(root: Path, output: Path) -> dict:
    Builder(Project(root), output=output).build(persist=False)
    return _tree(output)


def test_a_template_change_renders_only_the_pages_that_use_it(tmp_path, monkeypatch):
    root = tmp_path / "site"
    session, articles = _site(root, {"base.html": FOOTER})
    from generator.build import pipeline
    paths: list[list[str]] = []
    render_all = pipeline.render_all
    monkeypatch.setattr(pipeline, "render_all", lambda todo, publisher: (paths.append([p for p, _ in todo]),
                                                                         render_all(todo, publisher)))
    (root / "templates" / "article.html").write_text(
        '{% extends "default/article.html" %}\n{% block title %}{{ article.title }} — Lưu trữ{% endblock %}\n',
        encoding="utf-8")
    session.build(changed=[str(root / "templates" / "article.html")])
    # Every article page, and besides them only the pages no key describes (rendered on every full build).
    keyless = {"search/index.html", "glossary/index.html", "404.html", "robots.txt", "opensearch.xml"}
    others = [p for p in paths[-1] if not any(p.startswith(a.url) for a in session.state.site.articles)]
    assert len(paths[-1]) - len(others) == len(articles) and set(others) <= keyless, others
    titled = [p for p in (root / "public").rglob("index.html") if "— Lưu trữ</title>" in p.read_text(encoding="utf-8")]
    assert len(titled) == len(articles)
    assert _tree(root / "public") == _clean(root, tmp_path / "clean")
    (root / "templates" / "base.html").write_text(FOOTER.replace("Ban biên tập", "Tòa soạn"), encoding="utf-8")
    session.build(changed=[str(root / "templates" / "base.html")])
    assert len(paths[-1]) >= len(list((root / "public").rglob("*.html")))  # every page shows the footer


def test_an_override_reading_what_no_key_holds_renders_every_page_and_stays_right(tmp_path, monkeypatch):
    counter = FOOTER.replace("{{ config.title }}", "— {{ site.articles|length }} bài")
    rendered_count, session, articles = _edit_renders(tmp_path / "site", {"base.html": counter}, monkeypatch)
    pages = len(list((tmp_path / "site" / "public").rglob("*.html")))
    assert rendered_count >= pages - 5  # nothing skipped: the count may be on every page
    articles[5].unlink()
    session.build(changed=[str(articles[5])])
    home = (tmp_path / "site" / "public" / "index.html").read_text(encoding="utf-8")
    assert "— 59 bài" in home
    tag = next(p for p in (tmp_path / "site" / "public").rglob("index.html") if "/tags/" in p.as_posix()
               and p.parent.name != "tags")
    assert "— 59 bài" in tag.read_text(encoding="utf-8")
    assert _tree(tmp_path / "site" / "public") == _clean(tmp_path / "site", tmp_path / "clean")


def test_a_block_inside_the_cached_chrome_overridden_per_page_shows_each_page_its_own(tmp_path):
    # The default theme renders its header once per kind of page (``Renderer.once``); a site's own template
    # may put page-specific text into a block inside it, so with own templates every page renders it.
    article = ('{% extends "default/article.html" %}\n'
               '{% block header_search %}<p class="mine">{{ article.title }}</p>{% endblock %}\n')
    _site(tmp_path, {"article.html": article})
    pages = sorted((tmp_path / "public").rglob("*.html"))
    shown = set()
    for page in pages:
        html = page.read_text(encoding="utf-8")
        if '<p class="mine">' in html:
            shown.add(html.split('<p class="mine">', 1)[1].split("</p>", 1)[0])
    assert len(shown) == 60  # one title per article page, none repeated from another page


def test_the_default_themes_chrome_rendered_once_is_the_chrome_rendered_per_page(tmp_path):
    from generator.build.pipeline import load_site
    from generator.render.pages import page_plan
    from generator.render.templates import make_environment

    (tmp_path / "content").mkdir()
    add_articles(tmp_path, 60)
    site = load_site(Project(tmp_path))
    env = make_environment(tmp_path / "templates")
    assert env.theme_only
    cached = [(path, render()) for path, _, render in page_plan(site, env, "2025-01-01")]
    env.theme_only = False
    fresh = [(path, render()) for path, _, render in page_plan(site, env, "2025-01-01")]
    assert len(cached) > 100 and cached == fresh
