"""Nothing lost, nothing escapes: killed builds, concurrent imports, hostile names, fuzzed text."""
from __future__ import annotations

import fcntl
import os
import json
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.importer.extract import extract
from generator.importer.tags import load_vocabulary
from generator.lang.text import fold, normalize, slugify
from tests.conftest import REPO, run_cli

VOCABULARY = load_vocabulary(REPO / "content" / "tags.yaml", REPO / "content" / "glossary.yaml")
SEED = (REPO / "content" / "raw" / "002_a247764e4e55ebab.txt").read_text(encoding="utf-8")


def _tree(folder: Path) -> dict:
    return {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _write(folder: Path, slug: str, **front) -> None:
    body = front.pop("body", SEED)
    (folder / f"{slug}.md").write_text("---\n" + yaml.safe_dump(front, allow_unicode=True) + "---\n" + body,
                                       encoding="utf-8")


def test_killed_build_leaves_previous_output_exactly(tmp_path):
    articles = tmp_path / "content" / "articles"
    articles.mkdir(parents=True)
    for n in range(400):
        _write(articles, f"bai-{n}", title=f"Bài số {n}", date=f"2021-{n % 12 + 1:02d}-{n % 28 + 1:02d}",
               tags=[f"Chủ đề {n % 30}"], speaker=f"Nguyễn Văn {chr(65 + n % 20)}")
    assert run_cli(tmp_path, "build") == 0
    public, journal = tmp_path / "public", tmp_path / ".public.journal"
    before = _tree(public)
    # A new site title: every page changes, so the build is long enough to be killed in the middle.
    (tmp_path / "content" / "site.yaml").write_text("title: Kho đã đổi tên\n", encoding="utf-8")
    _write(articles, "bai-0", title="Đã sửa", date="2021-01-01")

    def start() -> subprocess.Popen:
        return subprocess.Popen([sys.executable, str(REPO / "build.py"), "--root", str(tmp_path), "build"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    # Killed while it writes the new files beside the output (its pending folder has appeared): not one file
    # of the output has changed.
    process = start()
    while not list(tmp_path.glob(".public.pending-*")) and process.poll() is None:
        time.sleep(0.001)
    process.kill()
    process.wait()
    assert process.returncode != 0, "the build ended before its pending folder was seen: the test proves nothing"
    assert _tree(public) == before and not journal.exists()
    seen = []  # what public/ held after each later kill, and whether a commit was left half done
    for delay in (0.6, 1.2, 2.0):
        process = start()
        time.sleep(delay)
        process.kill()
        process.wait()
        if process.returncode == 0:  # finished before the kill: nothing to prove with this delay
            break
        seen.append((_tree(public), journal.exists()))
    # The next build finishes a commit a killed one left half done and cleans up what it left beside the output.
    assert run_cli(tmp_path, "build") == 0
    after = _tree(public)
    assert after != before and "Kho đã đổi tên" in (public / "index.html").read_text(encoding="utf-8")
    # A kill before the commit point leaves the old site byte for byte; one after the files were moved (while
    # caches are saved) leaves the complete new one.  Only a kill while moving them leaves a mix, with the
    # journal the next build completes it from.
    assert all(tree in (before, after) for tree, half_done in seen if not half_done)
    assert [p.name for p in tmp_path.glob(".public.*")] == [".public.lock"]  # (the build lock stays, like a lock)


def test_second_import_at_the_same_time_is_refused_clearly(project, capsys):
    content = project / "content"
    with open(content / ".import.lock", "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        assert run_cli(project, "import") == 1
    err = capsys.readouterr().err
    assert "another import is running" in err
    assert not (content / "articles").exists()
    assert run_cli(project, "import") == 0


def test_hostile_names_never_write_outside_the_output(tmp_path):
    articles = tmp_path / "content" / "articles"
    articles.mkdir(parents=True)
    _write(articles, "x", title="../../../etc/passwd", tags=["../../escape", "/abs/path", "..", "."],
           speaker="../../var/evil", location="/etc", date="2021-01-01", body="Nội dung.")
    _write(articles, "....", title="Tên tệp lạ", body="Nội dung.")
    assert run_cli(tmp_path, "build") == 0
    public = (tmp_path / "public").resolve()
    for path in tmp_path.rglob("*"):
        if path.is_file() and "content" not in path.parts and ".cache" not in path.parts and \
                path.name != ".public.lock":  # (the build lock, beside the output like its journal)
            assert public in path.resolve().parents, path
    assert not (tmp_path / "etc").exists() and not Path("/etc/evil").exists()


@given(st.text())
@settings(max_examples=300, deadline=None)
def test_fold_is_idempotent_and_lower_case(text):
    once = fold(text)
    assert fold(once) == once
    assert once == once.lower() or not once.isascii()


@given(st.text())
@settings(max_examples=300, deadline=None)
def test_slugs_are_non_empty_ascii_safe_and_stable(text):
    slug = slugify(text)
    assert slug and slug.isascii() and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*|khong-ten", slug)
    assert slugify(text) == slug and slugify(normalize(text)) == slug and len(slug) <= 80


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=3000))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_extraction_never_crashes(text):
    result = extract(text, VOCABULARY)
    assert isinstance(result.body, str) and isinstance(result.title.value, str)


@given(st.lists(st.sampled_from(SEED.split("\n\n") + ["Ảnh: Tiến Đông", "TPO - ", " date 2021-09", "“Trích dẫn”",
                                                      "## Tiêu đề", "*nghiêng*", "<b>html</b>", "[link](x)"]),
                min_size=1, max_size=8))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                HealthCheck.function_scoped_fixture])
def test_import_of_its_own_output_changes_nothing(tmp_path_factory, parts):
    root = tmp_path_factory.mktemp("fuzz")
    (root / "content" / "raw").mkdir(parents=True)
    (root / "content" / "raw" / "a.txt").write_text("\n\n".join(parts), encoding="utf-8")
    if run_cli(root, "import") != 0:
        return  # e.g. an empty text: rejected by name, covered elsewhere
    first = _tree(root / "content")
    assert run_cli(root, "import") == 0
    assert _tree(root / "content") == first
    assert run_cli(root, "build") == 0
    state = json.loads((root / "content" / ".import-state.json").read_text(encoding="utf-8"))
    assert list(state) == ["raw/a.txt"]


def test_commit_killed_while_moving_is_completed_by_the_next_build(tmp_path, monkeypatch):
    import generator.build.publish as output_module
    from generator.build.publish import Publisher, load_previous

    output, manifest = tmp_path / "public", tmp_path / "manifest.json"
    first = Publisher(output, manifest, {})
    for n in range(5):
        first.put(f"a/{n}.html", f"cũ {n}".encode())
    first.finish()
    previous, generation = load_previous(output, manifest)
    second = Publisher(output, manifest, previous, generation=generation)
    for n in range(5):
        second.put(f"a/{n}.html", f"mới {n}".encode() if n % 2 else None)
    second.put("b/new.html", b"new")

    real_replace = os.replace
    moved = []

    def dying_replace(source, target):
        real_replace(source, target)
        if "pending" in str(source):
            moved.append(target)
            if len(moved) == 2:
                raise KeyboardInterrupt  # killed with the journal written and two files moved

    monkeypatch.setattr(output_module.os, "replace", dying_replace)
    try:
        second.finish()
    except KeyboardInterrupt:
        pass
    monkeypatch.setattr(output_module.os, "replace", real_replace)
    assert (tmp_path / ".public.journal").is_file()
    digests, _ = load_previous(output, manifest)  # the next build starts by finishing the commit
    assert not (tmp_path / ".public.journal").exists() and not list(tmp_path.glob(".public.*"))
    expected = {f"a/{n}.html": (f"mới {n}" if n % 2 else f"cũ {n}").encode() for n in range(5)}
    expected["b/new.html"] = b"new"
    assert {p.relative_to(output).as_posix(): p.read_bytes() for p in output.rglob("*") if p.is_file()} == expected
    assert digests == second.digests


def _files_of(output: Path) -> dict[str, bytes]:
    return {p.relative_to(output).as_posix(): p.read_bytes() for p in output.rglob("*") if p.is_file()}


def _published(tmp_path: Path) -> tuple[Path, Path, dict[str, str], str]:
    from generator.build.publish import Publisher, load_previous

    output, manifest = tmp_path / "public", tmp_path / "cache" / "manifest.pickle"
    first = Publisher(output, manifest, {})
    for n in range(5):
        first.put(f"a/{n}.html", f"cũ {n}".encode())
    first.finish()
    return (output, manifest, *load_previous(output, manifest))


def test_in_place_publishes_are_logged_and_read_back_like_a_whole_manifest(tmp_path):
    """The preview appends each publish to the manifest's log; reading base and log gives what it wrote."""
    from generator.build.manifest import write_manifest
    from generator.build.publish import Publisher, load_previous

    output, manifest, previous, generation = _published(tmp_path)
    for n in range(3):
        publisher = Publisher(output, manifest, previous, in_place=True, generation=generation)
        for k in range(5):
            publisher.put(f"a/{k}.html", f"lần {n} bài {k}".encode() if k <= n else None)
        publisher.put(f"b/{n}.html", b"new")
        publisher.finish()
        assert manifest.with_name(manifest.name + ".log").is_file()
        previous, generation = load_previous(output, manifest)
        assert previous == publisher.digests and generation == publisher.generation
    assert set(previous) == set(_files_of(output)) == {f"a/{k}.html" for k in range(5)} | {"b/2.html"}
    log = manifest.with_name(manifest.name + ".log")
    records = log.read_bytes()
    log.write_bytes(records + records)  # every record again (a killed commit's recovery appends its own twice)
    assert load_previous(output, manifest) == (previous, generation)
    write_manifest(manifest, {"output": str(output.resolve()), "generation": "whole", "files": {"x": "y"}})
    assert not manifest.with_name(manifest.name + ".log").exists()
    assert load_previous(output, manifest, verify=False) == ({"x": "y"}, "whole")  # no older record applies


def test_in_place_publish_that_fails_part_way_lands_nothing(tmp_path):
    from generator.build.publish import Publisher, load_previous

    output, manifest, previous, generation = _published(tmp_path)
    before = _files_of(output)
    publisher = Publisher(output, manifest, previous, in_place=True, generation=generation)
    publisher.put("a/1.html", b"written, then the build failed")
    publisher.put("c/new.html", b"also")
    assert len(_files_of(output)) == len(before) + 2  # waiting beside their targets
    publisher.abort()
    assert _files_of(output) == before
    assert load_previous(output, manifest) == (previous, generation)


def test_in_place_publish_killed_among_its_renames_makes_the_manifest_untrusted(tmp_path, monkeypatch):
    """Killed after some renames: the manifest cannot say which files are new, so the next build trusts none
    (writes everything), and the files still waiting under temporary names are removed."""
    import generator.build.publish as output_module
    from generator.build.publish import Publisher, load_previous

    output, manifest, previous, generation = _published(tmp_path)
    publisher = Publisher(output, manifest, previous, in_place=True, generation=generation)
    for n in range(5):
        publisher.put(f"a/{n}.html", f"mới {n}".encode())
    real_replace, moved = os.replace, []

    def dying_replace(source, target):
        real_replace(source, target)
        moved.append(target)
        if len(moved) == 2:
            raise KeyboardInterrupt

    monkeypatch.setattr(output_module.os, "replace", dying_replace)
    with pytest.raises(KeyboardInterrupt):
        publisher.finish()
    monkeypatch.setattr(output_module.os, "replace", real_replace)
    assert load_previous(output, manifest) == ({}, "")
    assert set(_files_of(output)) == {f"a/{n}.html" for n in range(5)}  # the waiting ones removed


@pytest.mark.parametrize("scale", ["seeds", "pool-scale"])
def test_preview_build_that_fails_part_way_leaves_the_site_as_it_was(project, tmp_path, scale):
    """A template that fails on one page only: the pages rendered before it must not land (they would stay
    wrong after the template is mended, their digests being unknown to the manifest)."""
    import shutil

    from generator.build.pipeline import BuildError, Builder
    from generator.project import Project
    from tests.conftest import add_articles
    from tests.test_incremental import _clean_build

    assert run_cli(project, "import") == 0
    if scale == "pool-scale":
        add_articles(project)
    session = Builder(Project(project), in_place=True)
    session.build()
    before = _files_of(project / "public")
    default = (Path(__file__).parent.parent / "templates" / "article.html").read_text(encoding="utf-8")
    last = sorted(p.stem for p in (project / "content" / "articles").rglob("*.md"))[-1]
    broken = default.replace("{% block content %}", "{% block content %}<p>BUILD-THAT-FAILS</p>{% if "
                             f"article.url.endswith('{last}/') %}}{{{{ nothing.at.all() }}}}{{% endif %}}", 1)
    assert broken != default
    (project / "templates").mkdir()
    (project / "templates" / "article.html").write_text(broken, encoding="utf-8")
    with pytest.raises(BuildError):
        session.build(persist=False)
    assert _files_of(project / "public") == before
    shutil.rmtree(project / "templates")
    session.build(persist=False)
    assert _files_of(project / "public") == _clean_build(project, tmp_path)


@given(st.text(alphabet=st.sampled_from("aAoOuUyYeEqQđ\u0300\u0301\u0309\u0303\u0323\r\n\t\x00\x1f\x7f\ufeff\u00a0\u200b  ,.")
               | st.characters()))
@settings(max_examples=1500, deadline=None)
def test_clean_text_is_idempotent_and_drops_control_characters(text):
    from generator.importer.raw import _last_clean, clean_text

    once = clean_text(text)
    _last_clean[0] = ""  # cleaned again from scratch, not returned as the last text cleaned
    assert clean_text(once) == once
    assert not any(c < " " and c not in "\n\t" for c in once) and "\r" not in once and "\ufeff" not in once
    _last_clean[0] = ""
    assert clean_text(text + "\x01") == once  # a control character at the end is dropped


def test_kill_between_the_two_renames_of_a_swap_leaves_the_old_site_for_the_next_build(tmp_path, monkeypatch):
    """Regression: a first build (or one whose manifest is untrusted) swaps a staging folder in with two
    renames; a kill between them left no output at all, and the next build deleted the old copy."""
    import generator.build.publish as output_module
    from generator.build.publish import Publisher, load_previous

    output, manifest = tmp_path / "public", tmp_path / "manifest"
    first = Publisher(output, manifest, {})
    for n in range(5):
        first.put(f"a/{n}.html", f"cũ {n}".encode())
    first.finish()
    old_site = _files_of(output)
    second = Publisher(output, manifest, {})  # (a manifest that cannot be trusted: everything written anew)
    for n in range(5):
        second.put(f"a/{n}.html", f"mới {n}".encode())
    real_replace = os.replace

    def dying_replace(source, target):
        real_replace(source, target)
        if ".old-" in str(target):
            raise KeyboardInterrupt  # killed right after the output was moved aside

    monkeypatch.setattr(output_module.os, "replace", dying_replace)
    with pytest.raises(KeyboardInterrupt):
        second.finish()
    monkeypatch.setattr(output_module.os, "replace", real_replace)
    assert not output.exists()  # the instant the test is about
    load_previous(output, manifest)  # what the next build does first
    assert _files_of(output) == old_site
    assert not [p for p in tmp_path.glob(".public.*")]


def test_a_build_into_a_folder_that_is_not_an_output_is_refused_and_nothing_is_deleted(project, tmp_path, capsys):
    """Regression: `build --output content` (a slip for --root) erased the raw texts, articles and import state."""
    assert run_cli(project, "import") == 0
    before = _tree(project / "content")
    elsewhere = tmp_path / "someone-elses"
    elsewhere.mkdir()
    (elsewhere / "notes.txt").write_text("giữ lại", encoding="utf-8")
    for output in (project / "content", project / "content" / "articles", project, project.parent, elsewhere,
                   project / ".cache" / "build"):
        capsys.readouterr()
        assert run_cli(project, "build", "--output", str(output)) == 1, output
        err = capsys.readouterr().err
        assert str(output.resolve()) in err and "Traceback" not in err and "internal error" not in err
    assert _tree(project / "content") == before
    assert (elsewhere / "notes.txt").read_text(encoding="utf-8") == "giữ lại"
    fresh = tmp_path / "fresh"
    assert run_cli(project, "build", "--output", str(fresh)) == 0  # a new folder, then a rebuild into it
    (fresh / "extra.html").write_text("x", encoding="utf-8")  # (a file added later does not make it foreign)
    assert run_cli(project, "build", "--output", str(fresh)) == 0
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run_cli(project, "build", "--output", str(empty)) == 0


@pytest.mark.timeout(240)
def test_two_builds_and_a_preview_rebuild_at_once_never_leave_a_stale_or_missing_page(tmp_path):
    """Regression: a second build deleted the first's staging folder; both reported success and public/
    stayed stale for good.  A build during a preview rebuild made it fail and left temporary files."""
    from tests.conftest import add_articles
    from tests.test_incremental import _clean_build
    from tests.test_serve import Server, free_port

    root = tmp_path / "site"
    articles = add_articles(root, 150)
    server = Server(root, free_port())
    try:
        server.wait_ready()
        for n in range(8):
            rebuilt = sum(line.startswith("rebuilt") for line in server.lines)
            article = articles[n * 17]
            article.write_text(re.sub(r"(?m)^title: .*$", f'title: "Vòng đồng thời {n}"',
                                      article.read_text(encoding="utf-8"), count=1), encoding="utf-8")
            builds = [subprocess.Popen([sys.executable, str(REPO / "build.py"), "--root", str(root), "build"],
                                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
            results = [build.communicate(timeout=120) for build in builds]
            assert [build.returncode for build in builds] == [0, 0], results
            deadline = time.monotonic() + 60
            while sum(line.startswith(("rebuilt", "build failed")) for line in server.lines) <= rebuilt:
                assert time.monotonic() < deadline, server.output
                time.sleep(0.05)
            quiet = len(server.lines)  # (a save seen late may start one more rebuild: wait for a quiet second)
            while True:
                time.sleep(1.0)
                if len(server.lines) == quiet and not server.lines[-1].startswith("waiting"):
                    break
                quiet = len(server.lines)
                assert time.monotonic() < deadline + 60, server.output
            assert not any(line.startswith("build failed") for line in server.lines), server.output
            public = _tree(root / "public")
            assert {path.as_posix(): data for path, data in public.items()} == _clean_build(root, tmp_path / f"c{n}")
            assert not [p for p in (root / "public").rglob("*") if ".pending" in p.name]
    finally:
        server.stop()


def test_an_output_folder_that_is_a_mount_point_is_published_in_place(project, tmp_path):
    """Regression: a mount point (a container's volume) cannot be renamed: every build failed "device busy"."""
    output = tmp_path / "volume"
    output.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "tmpfs", str(output)], capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"mounting a tmpfs needs root here ({mounted.stderr.strip() or mounted.returncode})")
    try:
        assert os.path.ismount(output)
        assert run_cli(project, "import") == 0
        assert run_cli(project, "build", "--output", str(output)) == 0
        article = sorted((project / "content" / "articles").rglob("*.md"))[0]
        article.write_text(article.read_text(encoding="utf-8") + "\nĐoạn mới.\n", encoding="utf-8")
        assert run_cli(project, "build", "--output", str(output)) == 0
        assert os.path.ismount(output)
        from tests.test_incremental import _clean_build
        assert {p.as_posix(): data for p, data in _tree(output).items()} == _clean_build(project, tmp_path)
    finally:
        subprocess.run(["umount", str(output)], capture_output=True)
