"""import: idempotent, never overwrites a person's edits, one new raw file → one new article."""
from __future__ import annotations

import shutil

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import REPO, run_cli


def _articles(root):
    return sorted((root / "content" / "articles").rglob("*.md"))


def _snapshot(root):
    return {p: p.read_bytes() for p in (root / "content").rglob("*") if p.is_file() and p.name != ".import.lock"}


def test_import_creates_one_markdown_per_raw_file(project):
    assert run_cli(project, "import") == 0
    files = _articles(project)
    assert len(files) == 5
    text = files[0].read_text(encoding="utf-8")
    assert text.startswith("---\ntitle: ")
    for key in ("date:", "speaker:", "speaker_title:", "location:", "tags:", "people:", "source:", "summary:",
                "original: raw/"):
        assert f"\n{key}" in text


def test_second_import_changes_nothing(project):
    assert run_cli(project, "import") == 0
    before = _snapshot(project)
    assert run_cli(project, "import") == 0
    assert _snapshot(project) == before


def test_second_import_extracts_only_what_changed(project, monkeypatch):
    """A raw file whose bytes, the code and the vocabulary are as when its article was written (and the
    article is as written) is not extracted again; change one of them and it is."""
    from generator.importer import pipeline as importer

    assert run_cli(project, "import") == 0
    before = _snapshot(project)
    extracted = []
    extract = importer.extract
    monkeypatch.setattr(importer, "extract",
                        lambda text, vocabulary, meta: extracted.append(text) or extract(text, vocabulary, meta))
    monkeypatch.setattr(importer, "imap_all", lambda function, items, label: (function(x) for x in items))  # in this process
    assert run_cli(project, "import") == 0
    assert extracted == [] and _snapshot(project) == before
    raw = sorted((project / "content" / "raw").glob("*.txt"))[1]
    raw.write_text(raw.read_text(encoding="utf-8").replace("\n\n", "\n\nMột đoạn mới của bản tin.\n\n", 1),
                   encoding="utf-8")
    assert run_cli(project, "import") == 0
    assert len(extracted) == 1 and "Một đoạn mới của bản tin." in extracted[0]
    extracted.clear()
    tags = project / "content" / "tags.yaml"
    tags.write_text(tags.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # the vocabulary: every article
    assert run_cli(project, "import") == 0
    assert len(extracted) == 5


def test_import_keeps_hand_edited_article_unless_forced(project, capsys):
    run_cli(project, "import")
    edited = _articles(project)[0]
    text = edited.read_text(encoding="utf-8").replace("draft: false", "draft: true")
    edited.write_text(text, encoding="utf-8")
    capsys.readouterr()
    assert run_cli(project, "import") == 0
    assert edited.read_text(encoding="utf-8") == text
    out = capsys.readouterr().out
    relpath = edited.relative_to(project / "content").as_posix()
    assert f"kept {relpath}: it was edited by hand" in out and "1 kept (edited by hand)" in out
    assert run_cli(project, "import", "--force") == 0
    assert "draft: false" in edited.read_text(encoding="utf-8")


def test_unknown_markdown_file_is_never_overwritten(project):
    """A file the importer did not write (no record of it) counts as a person's work."""
    run_cli(project, "import")
    target = _articles(project)[0]
    (project / "content" / ".import-state.json").unlink()
    target.write_text(target.read_text(encoding="utf-8") + "\nMột đoạn do biên tập viên thêm.\n", encoding="utf-8")
    kept = target.read_bytes()
    run_cli(project, "import")
    assert target.read_bytes() == kept


def test_new_raw_file_adds_exactly_one_article(project):
    run_cli(project, "import")
    before = set(_articles(project))
    shutil.copy(REPO / "content" / "raw" / "002_a247764e4e55ebab.txt", project / "content" / "raw" / "100_copy.txt")
    run_cli(project, "import")
    added = set(_articles(project)) - before
    assert len(added) == 1
    assert "original: raw/100_copy.txt" in added.pop().read_text(encoding="utf-8")


def test_bad_raw_file_is_reported_and_others_still_import(project, capsys):
    (project / "content" / "raw" / "empty.txt").write_bytes(b"")
    assert run_cli(project, "import") == 1
    err = capsys.readouterr().out
    assert "empty.txt" in err and "empty" in err
    assert len(_articles(project)) == 5


def test_import_body_keeps_structure_and_drops_chrome(project):
    run_cli(project, "import")
    by_original = {p.read_text(encoding="utf-8").split("original: ")[1].split("\n")[0]: p.read_text(encoding="utf-8")
                   for p in _articles(project)}
    seed_002 = by_original["raw/002_a247764e4e55ebab.txt"]
    assert "Xem nhiều nhất" not in seed_002 and "Liên kết website" not in seed_002
    assert "*Nguồn: Cổng Thông tin Bộ Công an*" in seed_002
    seed_000 = by_original["raw/000_911a21bfd3869bbd.txt"]
    assert "\n## Triển khai biện pháp phù hợp đối phó với các tình huống, kịch bản\n" in seed_000
    assert "\n*Toàn cảnh Hội nghị.*\n" in seed_000
    seed_004 = by_original["raw/004_5229803f2caead81.txt"]
    # a caption glued to the next paragraph is split from it
    assert "*Quang cảnh hội nghị tại điểm cầu Công an Nghệ An. Ảnh: Hồng Ngọc*\n\nChung sức" in seed_004


def test_explain_prints_value_evidence_and_confidence(project, capsys):
    raw = project / "content" / "raw" / "003_ef3782fea13da5be.txt"
    assert run_cli(project, "import", "--explain", str(raw)) == 0
    out = capsys.readouterr().out
    for field in ("title", "date", "speaker", "location", "tags", "source", "summary"):
        lines = out.splitlines()
        assert any(line.startswith(field) and "confidence" in lines[i + 1] for i, line in enumerate(lines[:-1])), field
    assert "2021-09-13" in out and "marker" in out  # the year's evidence is named
    assert "Tô Lâm" in out and out.count("why:") == 7
    assert not (project / "content" / "articles").exists()  # explaining writes nothing


def _dump_field_by_field(fields: dict, body: str) -> str:
    """dump_document as it was before it made one emitter call: one yaml.dump per field."""
    import datetime as dt

    import yaml

    from generator.content.frontmatter import FIELD_ORDER, _Dumper

    def one(key, value):
        if isinstance(value, dt.date):
            return f"{key}: {value.isoformat()}"
        flow = None if isinstance(value, (list, tuple, dict)) else False
        return yaml.dump({key: value}, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10**9,
                         default_flow_style=flow).rstrip("\n")
    ordered = [k for k in FIELD_ORDER if k in fields] + [k for k in fields if k not in FIELD_ORDER]
    return "\n".join(["---"] + [one(k, fields[k]) for k in ordered] + ["---", ""]) + body


_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12) | st.sampled_from(
    ["yes", "null", "1:20", "- a", "b: c", "#x", " lead", "'q'", "2021-05-04", "Nguyễn Văn A", "\u0085", "a\nb"])
_VALUE = _TEXT | st.lists(_TEXT, max_size=4) | st.booleans() | st.none() | st.dates() | st.datetimes() | st.integers() | \
    st.dictionaries(st.sampled_from(["outlet", "url"]), _TEXT, max_size=2) | st.lists(st.lists(_TEXT, max_size=2), max_size=2)


@settings(max_examples=600, deadline=None)
@given(st.dictionaries(st.sampled_from(["title", "date", "speaker", "tags", "people", "source", "draft", "zz", "aa"]),
                       _VALUE, max_size=7))
def test_front_matter_is_dumped_as_field_by_field_and_reads_back(fields):
    from generator.content.frontmatter import dump_document, split_document

    text = dump_document(fields, "Thân bài.\n")
    assert text == _dump_field_by_field(fields, "Thân bài.\n")
    data, _, body = split_document(text, "x.md")
    assert body == "Thân bài.\n"
    assert data == {k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in fields.items()}


# --- edit protection by what the editor did ----------------------------------------------------------------

def _article_texts(project) -> dict[str, str]:
    folder = project / "content" / "articles"
    return {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8") for p in folder.rglob("*.md")}


def test_an_article_a_person_deleted_stays_deleted(project, capsys):
    """Regression: a deleted article came back on the next `make site`."""
    assert run_cli(project, "import") == 0
    victim = sorted((project / "content" / "articles").rglob("*.md"))[0]
    victim.unlink()
    for _ in range(2):
        assert run_cli(project, "import") == 0
        assert "1 kept deleted" in capsys.readouterr().out
        assert not victim.exists()
    assert run_cli(project, "import", "--force") == 0  # --force brings it back
    assert victim.exists()


def test_a_renamed_article_is_followed_not_recreated(project, capsys):
    """Regression: a renamed article was written again under its old name: two copies on the site."""
    assert run_cli(project, "import") == 0
    old = sorted((project / "content" / "articles").rglob("*.md"))[0]
    new = project / "content" / "articles" / "chuyen-muc" / "ten-moi.md"
    new.parent.mkdir()
    old.rename(new)
    before = _article_texts(project)
    assert run_cli(project, "import") == 0
    assert _article_texts(project) == before and not old.exists()
    capsys.readouterr()
    raw = project / "content" / new.read_text(encoding="utf-8").split("original: ")[1].split("\n")[0].strip()
    raw.write_text(raw.read_text(encoding="utf-8") + "\n\nMột đoạn mới trong bản gốc.\n", encoding="utf-8")
    assert run_cli(project, "import") == 0  # the raw text changed: the article is updated where it now is
    assert "Một đoạn mới trong bản gốc" in new.read_text(encoding="utf-8") and not old.exists()


def test_a_new_article_whose_path_is_a_persons_own_file_goes_beside_it(project, capsys):
    """Regression: a new raw article colliding with a person's own file was never imported, and the message
    called the person's file "edited by hand"."""
    assert run_cli(project, "import") == 0
    first = sorted((project / "content" / "articles").rglob("*.md"))[0]
    original = first.read_text(encoding="utf-8").split("original: ")[1].split("\n")[0].strip()
    first.unlink()
    (project / "content" / ".import-state.json").unlink()
    first.write_text("---\ntitle: Bài của tôi\n---\nTôi tự viết.\n", encoding="utf-8")  # a person's own file
    capsys.readouterr()
    assert run_cli(project, "import") == 0
    out = capsys.readouterr().out
    assert ": it was edited by hand" not in out and "0 kept (edited by hand)" in out
    assert len(_article_texts(project)) == 6  # the other four were recognised by their `original:`, not copied
    assert first.read_text(encoding="utf-8") == "---\ntitle: Bài của tôi\n---\nTôi tự viết.\n"
    beside = first.with_name(first.stem + "-2.md")
    assert beside.is_file() and f"original: {original}" in beside.read_text(encoding="utf-8")


def test_a_damaged_state_file_is_rebuilt_with_a_warning_and_edits_stay(project, capsys):
    """Regression: a damaged state file gave an internal error."""
    assert run_cli(project, "import") == 0
    edited = sorted((project / "content" / "articles").rglob("*.md"))[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nGhi chú của biên tập viên.\n", encoding="utf-8")
    before = _article_texts(project)
    (project / "content" / ".import-state.json").write_text('{"raw/x.txt": {"article": ', encoding="utf-8")
    capsys.readouterr()
    assert run_cli(project, "import") == 0
    out = capsys.readouterr().out
    assert "warning: content/.import-state.json: damaged" in out
    assert _article_texts(project) == before  # nothing overwritten, nothing duplicated


def test_a_state_entry_pointing_outside_content_is_dropped_never_written(project, tmp_path, capsys):
    """Regression: a `../` entry in the state file made the importer write outside content/."""
    import json

    assert run_cli(project, "import") == 0
    state_path = project / "content" / ".import-state.json"
    state = json.loads(state_path.read_text(encoding="utf-8"))
    original = sorted(state)[0]
    state[original]["article"] = "articles/../../../escaped.md"
    state[original]["from"] = "changed"
    state_path.write_text(json.dumps(state), encoding="utf-8")
    capsys.readouterr()
    assert run_cli(project, "import") == 0
    assert "names no article inside content/articles; dropped" in capsys.readouterr().out
    assert not (project.parent / "escaped.md").exists() and not (project / "escaped.md").exists()
