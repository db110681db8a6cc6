"""A preview session told which files changed stays equal to a clean build through many kinds of edits.

Edits that keep every article in its place (text, title, summary, speaker's
title, people, a draft's text) take the fast path: the last site with the
edited articles swapped in, only the pages showing them planned.  So do moves
between existing tags, speakers and places that change no term's name or page
count (those terms are grouped again, all their pages planned).  Anything else
(date, a new or vanished term, draft flag, add, delete) builds the model
afresh.  Either way every byte must equal a build from scratch.
"""
from __future__ import annotations

import random
import re
import sys
from pathlib import Path

import pytest
import yaml

from generator.build.pipeline import Builder
from generator.project import Project

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))

import corpus  # noqa: E402  (bench/corpus.py: articles made of the seed articles' paragraphs)


def _tree(folder: Path) -> dict:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _front(path: Path) -> tuple[dict, str]:
    _, head, body = path.read_text(encoding="utf-8").split("---\n", 2)
    return yaml.safe_load(head), body


def _write(path: Path, front: dict, body: str) -> None:
    path.write_text("---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n" + body,
                    encoding="utf-8")


def _change(field: str, value):
    def change(path: Path, rng: random.Random) -> list[Path]:
        front, body = _front(path)
        front[field] = value(front, rng)
        _write(path, front, body)
        return [path]
    change.__name__ = field
    return change


def _body(path: Path, rng: random.Random) -> list[Path]:
    front, body = _front(path)
    quote = "“lời trích dẫn của người phát biểu đủ dài để được kể là một câu nói trực tiếp”"
    _write(path, front, body + f"\nĐoạn sửa {rng.randrange(10**6)} có {quote}, ông {front['speaker'].split()[-1]} nói.\n")
    return [path]


def _add(path: Path, rng: random.Random) -> list[Path]:
    copy = path.with_name(f"them-{rng.randrange(10**6)}.md")
    copy.write_bytes(path.read_bytes())
    return [copy]


def _delete(path: Path, rng: random.Random) -> list[Path]:
    path.unlink()
    return [path]


def _draft_text(path: Path, rng: random.Random) -> list[Path]:
    front, body = _front(path)
    front["draft"] = True
    _write(path, front, body)
    first = _body(path, rng)  # a draft's edit changes nothing on the site
    return first


KEEPING_PLACE = [
    _body,
    _change("title", lambda f, rng: f"Tiêu đề mới {rng.randrange(1000)}: {f['title'][:40]}"),
    _change("summary", lambda f, rng: f"Tóm tắt mới {rng.randrange(1000)}"),
    _change("speaker_title", lambda f, rng: rng.choice(["Thượng tướng", "Bộ trưởng Bộ Công an", None])),
    _change("people", lambda f, rng: [{"name": f["speaker"], "title": "Bộ trưởng"}]),
]
MOVING = [
    _change("date", lambda f, rng: f"{rng.randint(2019, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"),
    _change("tags", lambda f, rng: [f"Chủ đề {rng.randrange(30):03d}", "Chủ đề mới"]),
    _change("speaker", lambda f, rng: rng.choice(["Nguyễn Văn Mới", f["speaker"] + " Hai"])),
    _change("location", lambda f, rng: rng.choice(["Hà Nội", "Cần Thơ", None])),
    _add, _delete, _draft_text,
]


@pytest.fixture()
def generated(tmp_path) -> Path:
    root = tmp_path / "site"
    records = corpus.articles(60, seed=7)
    for record in records:  # a few tags shared by many: related articles and long term listings
        record["tags"] = [t for t in record["tags"] if t < "Chủ đề 030"] or ["Chủ đề 001"]
    corpus.write_ours(records, root)
    (root / "content" / "site.yaml").write_text("title: Thử\nbase_url: https://example.org/\npage_size: 5\n"
                                                "feed_size: 5\n", encoding="utf-8")
    return root


def _clean(project: Path, tmp_path: Path, n: int) -> dict:
    output = tmp_path / f"clean-{n}"
    Builder(Project(project), output=output).build(persist=False)
    return _tree(output)


@pytest.mark.parametrize("seed", [1, 2])
def test_preview_session_with_file_events_equals_clean_builds(generated, tmp_path, seed):
    rng = random.Random(seed)
    session = Builder(Project(generated), in_place=True)
    session.build()
    fast = 0
    for step in range(10):
        articles = sorted((generated / "content" / "articles").glob("*.md"))
        change = rng.choice(KEEPING_PLACE if step % 3 else MOVING)
        targets = rng.sample(articles, 2 if step == 4 else 1)
        changed = [str(p) for target in targets for p in change(target, rng)]
        session.build(persist=False, changed=changed)
        fast += session.incremental
        assert _tree(generated / "public") == _clean(generated, tmp_path, step), (step, change.__name__)
    assert fast >= 5  # the edits that keep articles in place took the fast path


def test_fast_path_writes_only_the_pages_showing_the_edited_article(generated):
    session = Builder(Project(generated), in_place=True)
    session.build()
    article = sorted((generated / "content" / "articles").glob("*.md"))[10]
    before = _tree(generated / "public")
    front, body = _front(article)
    _write(article, front, body + "\nMột đoạn mới.\n")
    report = session.build(persist=False, changed=[str(article)])
    assert session.incremental
    after = _tree(generated / "public")
    changed = {p for p in after if after[p] != before.get(p)}
    slug = article.stem
    # The text shows on the article's own page and in the feeds listing it; the search index holds its words.
    assert {p for p in changed if not p.startswith("search/")} == {
        p for p in after
        if p.endswith(f"{slug}/index.html") or p.endswith("feed.xml") and f"/{slug}/".encode() in after[p]}
    assert any(p.endswith("feed.xml") for p in changed)
    assert report.written == len(changed)


def test_an_unreported_change_is_found_when_the_events_name_a_folder(generated, tmp_path):
    session = Builder(Project(generated), in_place=True)
    session.build()
    folder = generated / "content" / "articles" / "moi"
    folder.mkdir()
    article = sorted((generated / "content" / "articles").glob("*.md"))[3]
    (folder / "bai-moi.md").write_bytes(re.sub(rb"title: .*", b"title: Bai moi", article.read_bytes(), count=1))
    session.build(persist=False, changed=[str(folder)])  # only the folder is named: every article is looked at
    assert not session.incremental
    assert _tree(generated / "public") == _clean(generated, tmp_path, 0)


def test_moves_between_existing_terms_take_the_fast_path_and_equal_clean_builds(generated, tmp_path):
    articles = sorted((generated / "content" / "articles").glob("*.md"))
    fronts = [_front(path)[0] for path in articles]
    tags = sorted({t for f in fronts for t in f["tags"]})
    speakers = sorted({f["speaker"] for f in fronts})
    places = sorted({f["location"] for f in fronts if f.get("location")})
    rng = random.Random(3)
    session = Builder(Project(generated), in_place=True)
    session.build()
    fast = 0
    for step in range(12):
        target = rng.choice(articles)
        front, body = _front(target)
        field = ("tags", "speaker", "location")[step % 3]
        front[field] = {"tags": lambda: rng.sample(tags, 2), "speaker": lambda: rng.choice(speakers),
                        "location": lambda: rng.choice(places)}[field]()
        _write(target, front, body)
        session.build(persist=False, changed=[str(target)])
        fast += session.incremental
        assert _tree(generated / "public") == _clean(generated, tmp_path, step), (step, field)
    assert fast >= 4  # moves that left every term with its name and page count


@pytest.mark.parametrize("far", [False, True])
def test_date_edits_renumber_the_search_index_and_equal_clean_builds(generated, tmp_path, monkeypatch, far):
    """A new date moves the article among the others (and maybe to another URL): the search documents
    between its old and new place are numbered anew instead of indexing every article again — or, for a
    move past many (``far``: every move here), the article taken out and put back in with the documents
    between shifted by one."""
    from generator.search import index as search_index
    from generator.site.related import Related

    if far:
        monkeypatch.setattr(search_index.SearchIndex, "MOVE_LIMIT", 0)
        monkeypatch.setattr(Related, "MOVE_LIMIT", 0)

    session = Builder(Project(generated), in_place=True)
    session.build()

    full = []
    index_all = search_index.imap_all
    monkeypatch.setattr(search_index, "imap_all", lambda *args, **kwargs: full.append(1) or index_all(*args, **kwargs))
    rng = random.Random(11)
    articles = sorted((generated / "content" / "articles").glob("*.md"))
    for step in range(6):
        target = rng.choice(articles)
        front, body = _front(target)
        year, month, day = (int(part) for part in str(front["date"]).split("-"))
        front["date"] = (f"{year}-{month:02d}-{rng.randint(1, 28):02d}" if step % 2 else
                         f"{rng.randint(2019, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}")
        _write(target, front, body)
        session.build(persist=False, changed=[str(target)])
        assert not full, step  # (the session's build; the clean one below indexes everything, as it must)
        assert _tree(generated / "public") == _clean(generated, tmp_path, step), step
        full.clear()


def test_edits_named_by_file_events_read_only_those_files(generated, tmp_path, monkeypatch):
    """With every changed article named by the events, the others are neither listed nor looked up."""
    from generator.build import pipeline as builder

    session = Builder(Project(generated), in_place=True)
    session.build()
    load_all = builder.load_articles

    def load_articles(content, cache, seen, *rest):
        assert not seen, "the session listed every article again"  # (a clean build has seen none)
        return load_all(content, cache, seen, *rest)

    monkeypatch.setattr(builder, "load_articles", load_articles)
    rng = random.Random(5)
    articles = sorted((generated / "content" / "articles").glob("*.md"))
    for step, change in enumerate(KEEPING_PLACE):
        target = articles[step * 7]
        session.build(persist=False, changed=[str(p) for p in change(target, rng)])
        assert session.incremental
        assert _tree(generated / "public") == _clean(generated, tmp_path, step), change.__name__


def test_a_broken_article_stays_reported_while_other_articles_are_edited(generated, tmp_path):
    from generator.build.pipeline import BuildError

    session = Builder(Project(generated), in_place=True)
    session.build()
    articles = sorted((generated / "content" / "articles").glob("*.md"))
    broken, other = articles[4], articles[9]
    good = broken.read_text(encoding="utf-8")
    broken.write_text(good.replace("\ntitle:", "\ntitle: [", 1), encoding="utf-8")
    with pytest.raises(BuildError, match=broken.name):
        session.build(persist=False, changed=[str(broken)])
    _body(other, random.Random(1))
    with pytest.raises(BuildError, match=broken.name):  # the events name only the other one
        session.build(persist=False, changed=[str(other)])
    broken.write_text(good, encoding="utf-8")
    session.build(persist=False, changed=[str(broken)])
    assert _tree(generated / "public") == _clean(generated, tmp_path, 0)


def test_an_edit_giving_an_article_another_ones_url_is_an_error(generated):
    """A URL is the date's folders and the file's name: files of the same name in two folders collide once
    one takes the other's date."""
    from generator.build.pipeline import BuildError

    original = sorted((generated / "content" / "articles").glob("*.md"))[0]
    front, body = _front(original)
    (generated / "content" / "articles" / "khac").mkdir()
    twin = generated / "content" / "articles" / "khac" / original.name
    _write(twin, front | {"date": "2018-01-02"}, body)
    session = Builder(Project(generated), in_place=True)
    session.build()
    _write(twin, front, body)
    with pytest.raises(BuildError, match="duplicate slug"):
        session.build(persist=False, changed=[str(twin)])


def test_articles_added_and_removed_in_the_middle_shift_the_search_index_and_equal_clean_builds(
        generated, tmp_path, monkeypatch):
    """An article added among older and newer ones, or removed from there: the later search documents are
    numbered one more or one less in the same index (and related articles likewise) instead of indexing
    every article again."""
    from generator.site import related
    from generator.search import index as search_index

    session = Builder(Project(generated), in_place=True)
    session.build()
    full = []  # a full search index, or related articles answered for every article
    index_all, spread = search_index.imap_all, related.imap_all
    monkeypatch.setattr(search_index, "imap_all", lambda *a, **k: full.append("search") or index_all(*a, **k))
    monkeypatch.setattr(related, "imap_all",
                        lambda f, runs, **k: full.extend(["related"] * (sum(map(len, runs)) > 1)) or spread(f, runs, **k))
    rng = random.Random(5)
    articles = sorted((generated / "content" / "articles").glob("*.md"))
    for step in range(6):
        target = rng.choice(articles)
        if step % 2 == 0:
            front, body = _front(target)
            front["date"] = f"{rng.randint(2020, 2023)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            added = target.with_name(f"them-giua-{step}.md")
            _write(added, front, body)
            changed = [added]
        else:
            articles.remove(target)
            target.unlink()
            changed = [target]
        session.build(persist=False, changed=[str(p) for p in changed])
        assert not full, step  # (the session's build; the clean one below indexes everything, as it must)
        assert _tree(generated / "public") == _clean(generated, tmp_path, step), step
        full.clear()


def test_a_preview_started_over_an_up_to_date_output_edits_without_loading_the_state_then(generated, tmp_path,
                                                                                       monkeypatch):
    # `build`, then `serve`: serve's first build has nothing to do, so it loads nothing; the state is loaded
    # right after it (Builder.prepare), not by the first edit — which reads only the article its file event
    # names, and equals a clean build.
    import os
    import time

    from generator.build.state import SavedState

    past = time.time() - 60  # (inputs changed in the last two seconds are never trusted by their stat)
    for path in (generated / "content").rglob("*"):
        os.utime(path, (past, past))
    cli = Builder(Project(generated))
    cli.build()
    cli.wait_until_saved()
    session = Builder(Project(generated), in_place=True)
    assert session.build(persist=True).skipped
    session.prepare()
    assert session.state is not None

    def no_load(self):
        raise AssertionError("the first edit loaded the saved state")

    def no_walk(*args, **kwargs):
        raise AssertionError("the first edit read every article, not the one the file event named")

    monkeypatch.setattr(SavedState, "load", no_load)
    monkeypatch.setattr("generator.build.pipeline.load_articles", no_walk)
    article = sorted((generated / "content" / "articles").glob("*.md"))[30]
    _body(article, random.Random(3))
    report = session.build(persist=False, changed=[str(article)])
    assert 0 < report.written < report.total / 5 and session.incremental
    monkeypatch.undo()
    assert _tree(generated / "public") == _clean(generated, tmp_path, 0)


def test_a_preview_does_not_hold_a_saved_state_whose_output_lost_a_file(generated):
    cli = Builder(Project(generated))
    cli.build()
    cli.wait_until_saved()
    next((generated / "public").rglob("*.html")).unlink()  # (someone removed a page behind the tool's back)
    session = Builder(Project(generated), in_place=True)
    session.prepare()
    assert session.state is None  # (the next build finds the output changed and writes it whole)
    session.build(persist=False)
    assert session.state is not None


def test_a_new_newest_article_leaves_the_numbered_listing_pages_as_they_were(generated, tmp_path):
    # Listing pages count from the oldest (the newest one to two pages' worth on the front page), so a new
    # newest article joins each listing's front page; a numbered page changes only when its listing gains a
    # page, and then only the pager of the pages next to the front. Newest-first pages would all shift.
    session = Builder(Project(generated), in_place=True)
    session.build(persist=False)
    public = generated / "public"
    numbered = {p: p.read_bytes() for p in public.rglob("page/*/index.html")}
    assert len([p for p in numbered if p.parents[2] == public]) == 60 // 5 - 1  # (the home listing's)
    source = sorted((generated / "content" / "articles").rglob("*.md"))[0]
    newest = source.parent / "bai-moi-nhat.md"
    newest.write_text(re.sub(r"(?m)^date: .*$", "date: 2031-01-02", source.read_text(encoding="utf-8"), count=1),
                      encoding="utf-8")
    session.build(persist=False, changed=[str(newest)])
    assert "bai-moi-nhat" in (public / "index.html").read_text(encoding="utf-8")
    after = {p: p.read_bytes() for p in public.rglob("page/*/index.html")}
    rewritten = [p for p, data in numbered.items() if after[p] != data]
    for path in rewritten:
        listing = path.parents[2]
        assert any(p.parents[2] == listing for p in after.keys() - numbered.keys()), path  # (it gained a page)
        assert int(path.parent.name) >= max(int(p.parent.name) for p in after if p.parents[2] == listing) - 3
    assert len(rewritten) < len(numbered) / 4
    assert _tree(public) == _clean(generated, tmp_path, 0)
    newest.unlink()
    session.build(persist=False, changed=[str(newest)])
    assert {p: p.read_bytes() for p in public.rglob("page/*/index.html")} == numbered
    assert _tree(public) == _clean(generated, tmp_path, 1)
