"""Incremental builds are never wrong: after every kind of change they equal a clean build, byte for byte."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from generator.build.pipeline import Builder, build
from generator.project import Project
from generator.build.state import SavedState
from tests.conftest import count_renders, run_cli


def _tree(folder: Path) -> dict:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _clean_build(project: Path, tmp_path: Path) -> dict:
    clean = tmp_path / "clean"
    shutil.copytree(project / "content", clean / "content")
    for extra in ("templates", "static"):
        if (project / extra).exists():
            shutil.copytree(project / extra, clean / extra)
    assert run_cli(clean, "build") == 0
    return _tree(clean / "public")


def _first_article(project: Path) -> Path:
    return sorted((project / "content" / "articles").rglob("*.md"))[0]


def _edit(project: Path) -> None:
    article = _first_article(project)
    article.write_text(article.read_text(encoding="utf-8").replace("\n---\n", "\n---\nĐoạn mới thêm vào.\n\n", 1),
                       encoding="utf-8")


def _add(project: Path) -> None:
    source = _first_article(project)
    shutil.copy(source, source.parent / "ban-sao-moi.md")


def _delete(project: Path) -> None:
    _first_article(project).unlink()


def _rename(project: Path) -> None:
    article = _first_article(project)
    article.rename(article.parent / "ten-moi-cua-bai.md")


def _retag(project: Path) -> None:
    article = _first_article(project)
    text = re.sub(r"^tags: .*$", "tags: [Chủ đề mới, An ninh trật tự]", article.read_text(encoding="utf-8"),
                  count=1, flags=re.M)
    article.write_text(text, encoding="utf-8")


def _template(project: Path) -> None:
    (project / "templates").mkdir(exist_ok=True)
    (project / "templates" / "home.html").write_text(
        '{% extends "base.html" %}{% block content %}<h1>Trang chủ riêng</h1>{% endblock %}', encoding="utf-8")


def _site_yaml(project: Path) -> None:
    path = project / "content" / "site.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("page_size: 10", "page_size: 2"), encoding="utf-8")


def _static(project: Path) -> None:
    (project / "static").mkdir(exist_ok=True)
    (project / "static" / "style.css").write_text("body { color: #111; }\n", encoding="utf-8")


@pytest.fixture()
def built(project):
    assert run_cli(project, "import") == 0 and run_cli(project, "build") == 0
    return project


def test_no_change_rebuild_writes_nothing(built):
    before = {p: p.stat().st_mtime_ns for p in (built / "public").rglob("*") if p.is_file()}
    report = build(Project(built))
    assert (report.written, report.removed) == (0, 0)
    assert {p: p.stat().st_mtime_ns for p in (built / "public").rglob("*") if p.is_file()} == before


@pytest.mark.parametrize("change", [_edit, _add, _delete, _rename, _retag, _template, _site_yaml, _static],
                         ids=lambda f: f.__name__.strip("_"))
@pytest.mark.parametrize("in_place", [False, True], ids=["cli", "preview"])
def test_incremental_build_equals_clean_build(built, tmp_path, change, in_place):
    change(built)
    report = build(Project(built), in_place=in_place)
    assert report.written or report.removed
    assert _tree(built / "public") == _clean_build(built, tmp_path)
    assert (build(Project(built)).written, build(Project(built)).removed) == (0, 0)


def test_a_new_newest_article_takes_the_next_search_id_and_leaves_other_pages_alone(built, tmp_path, monkeypatch):
    """Search ids count from the oldest article, so a new newest one renumbers no document; and no page is
    rendered again only because the newest date moved (only feeds show it)."""
    session = Builder(Project(built), in_place=True)
    session.build()
    documents = built / "public" / "search" / "d"
    before = {p.name: p.stat().st_mtime_ns for p in documents.iterdir()}
    source = _first_article(built)
    newest = re.sub(r"^date: .*$", "date: 2031-01-02", source.read_text(encoding="utf-8"), count=1, flags=re.M)
    (source.parent / "bai-moi-nhat.md").write_text(newest, encoding="utf-8")
    from generator.build import pipeline as builder_module

    rendered: list[str] = []
    render_all = builder_module.render_all
    monkeypatch.setattr(builder_module, "render_all", lambda todo, publisher: (rendered.extend(p for p, _ in todo),
                                                                              render_all(todo, publisher)))
    session.build(persist=False)
    after = {p.name: p.stat().st_mtime_ns for p in documents.iterdir()}
    assert set(after) - set(before) == {f"{len(before)}.js"}
    assert {name for name in before if after[name] != before[name]} == set()
    tag_pages = {p.relative_to(built / "public").as_posix() for p in (built / "public" / "tags").glob("*/index.html")}
    listing_it = {p for p in tag_pages if "bai-moi-nhat" in (built / "public" / p).read_text(encoding="utf-8")}
    assert listing_it and tag_pages - listing_it
    assert set(rendered) & tag_pages == listing_it
    assert _tree(built / "public") == _clean_build(built, tmp_path)


def test_one_edit_writes_only_what_it_changes(built):
    total = len(_tree(built / "public"))
    _edit(built)
    report = build(Project(built))
    assert 0 < report.written < total / 2


def test_preview_session_stays_equal_to_clean_builds(built, tmp_path):
    """One long-lived builder (as `serve` keeps) through every kind of change in a row."""
    session = Builder(Project(built), in_place=True)
    session.build()
    for n, change in enumerate((_edit, _edit, _retag, _add, _rename, _delete, _template, _site_yaml, _static)):
        change(built)
        report = session.build(persist=False)
        assert report.written or report.removed, change.__name__
        assert _tree(built / "public") == _clean_build(built, tmp_path / str(n)), change.__name__


@pytest.mark.parametrize("known", [False, True], ids=["found-on-load", "found-while-building"])
def test_bodies_lost_from_the_store_are_rebuilt_not_shown_wrong(built, tmp_path, known):
    """The CLI's state keeps articles without their bodies, which live in a SQLite store beside it.  If the
    store loses them (removed, or pruned by another build), the build starts afresh instead of failing."""
    import sqlite3

    from generator.content import body_store as bodies

    Builder(Project(built)).wait_until_saved()  # the command line saved its state in the background
    (store,) = (built / ".cache" / "build").glob("bodies-*.sqlite")
    with sqlite3.connect(store) as db:
        assert db.execute("SELECT count(*) FROM bodies").fetchone()[0] >= 5
        db.execute("DELETE FROM bodies")
    if not known:
        bodies._store = None  # as a new process: the store is read again when the state is loaded
    _edit(built)
    report = build(Project(built))
    assert report.written
    assert _tree(built / "public") == _clean_build(built, tmp_path)


def _build_with_save_held_back(project: Path, tmp_path: Path, monkeypatch) -> Path:
    """Import and build with the command line, whose state save waits for the file returned to exist."""
    import time

    assert run_cli(project, "import") == 0
    release = tmp_path / "release"
    save = SavedState.write

    def held_back_save(self, state, lock=None):  # runs in the detached process: waits for the test
        deadline = time.monotonic() + 60
        while not release.exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        save(self, state, lock)

    monkeypatch.setattr(SavedState, "write", held_back_save)
    assert run_cli(project, "build") == 0  # returned with the save held back
    return release


def test_the_command_line_returns_before_its_state_is_saved_and_the_next_build_waits_for_it(project, tmp_path,
                                                                                            monkeypatch):
    """`build` ends as soon as the site is published; a process of its own saves the state meanwhile, holding
    the state's lock.  The next build waits for that save and uses it (the one-article fast path)."""
    import fcntl

    release = _build_with_save_held_back(project, tmp_path, monkeypatch)
    builder = Builder(Project(project))
    assert not builder.saved.file.exists()
    with open(builder.saved.lock_file, "a+b") as handle, pytest.raises(BlockingIOError):
        fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)  # the detached save holds the lock
    _edit(project)
    release.touch()
    report = builder.build()  # loads the state only once the save is done
    assert builder.saved.file.exists() and builder.incremental and report.written
    assert _tree(project / "public") == _clean_build(project, tmp_path)


def test_a_background_save_whose_cache_was_removed_meanwhile_installs_nothing(project, tmp_path, monkeypatch):
    """Removing .cache/ (as `make clean` or a benchmark does) while a save runs: the save must not put its
    state into the cache the next build makes."""
    import os

    from generator import parallel

    release = _build_with_save_held_back(project, tmp_path, monkeypatch)
    (pid,) = parallel._DETACHED
    shutil.rmtree(project / ".cache")
    monkeypatch.undo()
    (project / "content" / "site.yaml").write_text(  # another build, with other inputs, saves its own state
        (project / "content" / "site.yaml").read_text(encoding="utf-8").replace("page_size: 10", "page_size: 2"),
        encoding="utf-8")
    assert build(Project(project)).written
    saved = Builder(Project(project)).saved.file.read_bytes()
    release.touch()
    os.waitpid(pid, 0)
    parallel._DETACHED.remove(pid)
    assert Builder(Project(project)).saved.file.read_bytes() == saved
    _edit(project)
    builder = Builder(Project(project))
    builder.build()
    assert builder.incremental  # the state is the last build's
    assert _tree(project / "public") == _clean_build(project, tmp_path)


def test_preview_session_notices_a_command_line_build_between_its_own(built, tmp_path):
    """`serve` keeps the output's manifest in memory; a `build` run meanwhile publishes (and rewrites the
    manifest), and the session's next build must see that instead of trusting its own copy."""
    session = Builder(Project(built), in_place=True)
    session.build()
    _edit(built)
    session.build(persist=False)
    _site_yaml(built)
    assert build(Project(built)).written  # the command line, between two preview builds
    _static(built)
    _retag(built)
    session.build(persist=False)
    assert _tree(built / "public") == _clean_build(built, tmp_path)


def test_a_preview_session_keeps_its_state_for_the_next_command_line_build(built, tmp_path, monkeypatch):
    """`serve` keeps its state in memory; when it stops it saves it, so that the next `build` starts from it
    instead of rendering and indexing everything again — and that build still equals a clean one."""
    session = Builder(Project(built), in_place=True)
    session.build()
    _edit(built)
    session.build(persist=False)
    _retag(built)
    session.build(persist=False)
    assert session.keep()
    rendered = count_renders(monkeypatch)
    _edit(built)
    cli = Builder(Project(built))
    cli.wait_until_saved()
    assert cli.build().written
    pages = len([p for p in _tree(built / "public") if p.endswith(".html")])
    assert rendered and rendered[0] < pages / 3  # a fresh state renders every page and search file
    assert _tree(built / "public") == _clean_build(built, tmp_path)


def test_a_preview_session_keeps_no_state_once_another_build_moved_the_output_on(built):
    session = Builder(Project(built), in_place=True)
    session.build()
    _edit(built)
    session.build(persist=False)
    _retag(built)
    assert build(Project(built)).written  # the command line writes the output (and saves its own state)
    assert not session.keep()  # the session's state describes an older output: the CLI's stays
    failing = Builder(Project(built), in_place=True)
    failing.build()
    (built / "templates").mkdir()  # a template that fails while pages render: the state is half updated
    (built / "templates" / "article.html").write_text("{{ nothing.at.all() }}", encoding="utf-8")
    with pytest.raises(Exception):
        failing.build(persist=False)
    assert not failing.keep()  # nor after a build that failed part-way


def test_the_readme_workflow_in_the_repository_renders_only_what_an_edit_changes(tmp_path, monkeypatch):
    """Regression: run from the repository itself (the README's workflow), its templates/ — the default theme —
    was taken for a site's own templates, and every build rendered every page again."""
    from generator.render import templates as render
    from tests.conftest import REPO, add_articles

    repository = tmp_path / "repository"  # as a clone is laid out: its templates/ is the default theme
    shutil.copytree(REPO / "templates", repository / "templates")
    monkeypatch.setattr(render, "DEFAULT_THEME", (repository / "templates").resolve())
    articles = add_articles(repository, 120)
    assert run_cli(repository, "build") == 0
    rendered = count_renders(monkeypatch)
    articles[60].write_text(articles[60].read_text(encoding="utf-8") + "\nMột đoạn mới.\n", encoding="utf-8")
    assert run_cli(repository, "build") == 0
    total = len(_tree(repository / "public"))
    assert rendered and rendered[0] <= 10, f"{rendered[0]} of {total} pages rendered for a body edit"
    (repository / "templates" / "extra").mkdir()  # an empty folder in it changes nothing either
    assert run_cli(repository, "build") == 0
    assert rendered[1:] in ([], [0])


def test_a_state_lock_held_for_good_delays_the_next_build_but_never_hangs_it(built, tmp_path, monkeypatch, capsys):
    """A save of the state that hangs (holding its lock) must not hang every later build: after LOCK_WAIT
    seconds the build goes on without the state, from scratch, and says the state was not saved."""
    import subprocess
    import sys

    from generator.build import state as saved_state

    monkeypatch.setattr(saved_state, "LOCK_WAIT", 0.5)
    lock = next((built / ".cache" / "build").glob("state-*.lock"))
    holder = subprocess.Popen([sys.executable, "-c", "import fcntl, sys, time\nh = open(sys.argv[1], 'a+b')\n"
                               "fcntl.flock(h, fcntl.LOCK_EX)\nprint('held', flush=True)\ntime.sleep(600)", str(lock)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        _edit(built)
        assert run_cli(built, "build") == 0
        assert "the build state was not saved" in capsys.readouterr().err
    finally:
        holder.kill()
        holder.wait()
    assert _tree(built / "public") == _clean_build(built, tmp_path)


def test_deleting_many_articles_rebuilds_the_index_instead_of_splicing_each_and_equals_a_clean_build(
        tmp_path, monkeypatch):
    """Regression: deleting 57 of 399 articles rebuilt slower (13–20 s) than a cold build (2.3 s): every
    later document was spliced out of and into every list it is on, one by one."""
    from generator.search.state import IndexState
    from tests.conftest import add_articles

    root = tmp_path / "site"
    articles = add_articles(root, 300)
    assert run_cli(root, "build") == 0
    updates = []
    update = IndexState.update
    monkeypatch.setattr(IndexState, "update", lambda self, *a, **k: updates.append(1) or update(self, *a, **k))
    for article in articles[::5][:57]:
        article.unlink()
    assert run_cli(root, "build") == 0
    assert not updates  # one new index, not a splice per later document
    assert _tree(root / "public") == _clean_build(root, tmp_path)
