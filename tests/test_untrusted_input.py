"""Hostile or careless input — YAML bombs, deep nesting, duplicate keys, scraped text full of Markdown
characters — is refused by file and line, or rendered literally and in linear time; never a crash."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from generator.content import markup
from generator.importer.body import escape_markdown
from tests.conftest import REPO, run_cli

BOMB = ("---\ntitle: Bom\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        + "".join(f"{n}: &{n} [{','.join(['*' + p] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi"))
        + "---\nNội dung.\n")


def _site(tmp_path: Path, **articles: str) -> Path:
    folder = tmp_path / "content" / "articles"
    folder.mkdir(parents=True)
    (folder / "binh-thuong.md").write_text("---\ntitle: Bình thường\ndate: 2021-01-01\n---\nNội dung.\n",
                                            encoding="utf-8")
    for name, text in articles.items():
        (folder / f"{name}.md").write_text(text, encoding="utf-8")
    return tmp_path


def _check(root: Path) -> subprocess.CompletedProcess:
    """``check`` in a process of its own: a crash of the YAML parser would kill it, not the test run."""
    return subprocess.run([sys.executable, str(REPO / "build.py"), "--root", str(root), "check"],
                          capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("name,text,line,message", [
    ("bom", BOMB, 4, "YAML aliases (`*name`) are not accepted"),
    ("sau", "---\ntitle: " + "[" * 100_000 + "]" * 100_000 + "\n---\nx\n", 2, "nested more than 100 levels"),
    ("lap", "---\ntitle: Một\ndate: 2021-01-01\ntitle: Hai\n---\nx\n", 4, "the key `title` appears twice"),
    ("lon", "---\ntitle: x\nsummary: \"" + "a" * 300_000 + "\"\n---\nx\n", 2, "the limit is 256 KB"),
    ("danh-sach", "---\ntitle: x\n---\n" + "".join("    " * i + "- a\n" for i in range(300)), 54,
     "nests lists or quotes too deeply"),
    ("trich", "---\ntitle: y\n---\n" + "".join(">" * i + " a\n" for i in range(1, 400)), 202,
     "nests lists or quotes too deeply"),
], ids=["yaml-alias-bomb", "yaml-deep-nesting", "duplicate-key", "huge-front-matter", "nested-lists",
        "nested-quotes"])
def test_hostile_articles_are_refused_by_file_and_line(tmp_path, name, text, line, message):
    result = _check(_site(tmp_path, **{name: text}))
    assert result.returncode == 1, result.stderr[-2000:]
    assert f"content/articles/{name}.md:{line}: " in result.stderr and message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert len(result.stderr) < 2000  # one line, not the expanded value


def test_yaml_alias_bomb_in_settings_is_refused(tmp_path):
    root = _site(tmp_path)
    (root / "content" / "glossary.yaml").write_text(BOMB.replace("---\n", "").replace("title: Bom\n", "")
                                                    .replace("Nội dung.\n", ""), encoding="utf-8")
    result = _check(root)
    assert result.returncode == 1 and "content/glossary.yaml:2: YAML aliases" in result.stderr, result.stderr


def test_quoted_asterisks_are_not_aliases(tmp_path):
    root = _site(tmp_path, sao="---\ntitle: \"*Ngôi sao* nổi bật\"\nsummary: a * b = c\n---\nx\n")
    assert run_cli(root, "build") == 0


SCRAPED = ["Giá <30 triệu đồng, x<y và a|b", "1. Mục một của danh sách", "12) Mục mười hai", "- gạch đầu dòng",
           "# không phải tiêu đề", "> không phải trích dẫn", "2021. Năm bản lề"]


@pytest.mark.parametrize("text", SCRAPED)
def test_visible_escapes_never_reach_the_page(text):
    """Regression: scraped `<30` showed as `\\<30` and a line `1. …` as `\\1. …`."""
    rendered = markup.html_to_text(markup.render_markdown(escape_markdown(text)))
    assert rendered == text
    markdown_only = markup.html_to_text(markup.sanitize(markup._markdown_html(escape_markdown(text))))
    assert markdown_only == text  # Python-Markdown takes every escape back too


def test_a_long_scraped_paragraph_full_of_markup_characters_never_reaches_python_markdown(monkeypatch):
    """Regression: 71 KB of `x<y ` made a 28 s build (Python-Markdown's inline pass is quadratic in the
    matches of one paragraph); the importer's escaped text is rendered by the linear direct path."""
    def slow_path(source):
        raise AssertionError("went through Python-Markdown")

    monkeypatch.setattr(markup, "_markdown_html", slow_path)
    paragraph = escape_markdown(" ".join(["x<y", "a|b", "[1]", "*", "_", "`mã`", "1. số"] * 3000))
    html = markup.render_markdown(paragraph + "\n\n" + paragraph)
    assert html.count("x&lt;y") == 6000 and "\\" not in html


def test_characters_xml_forbids_never_break_a_feed(tmp_path):
    """Regression: `&#1;`, U+FFFF or a YAML "\\x01" in scraped text made every feed listing the article
    ill-formed XML."""
    import xml.etree.ElementTree as ElementTree

    root = _site(tmp_path, hong='---\ntitle: "Tiêu đề \\x01 có \\uFFFF ký tự lạ"\ndate: 2021-02-02\n'
                                'tags: ["Chủ đề \\x02"]\nsummary: "Tóm tắt \\x0b"\n---\n'
                                "Nội dung có &#1; và &#x1F; và \ufffe giữa chừng.\n")
    assert run_cli(root, "build") == 0
    public = root / "public"
    feeds = [public / "feed.xml", *public.glob("*/*/feed.xml"), public / "sitemap.xml"]
    assert len(feeds) >= 3
    for feed in feeds:
        ElementTree.parse(feed)  # raises on a forbidden character
    assert "Tiêu đề" in (public / "feed.xml").read_text(encoding="utf-8")


def test_symlinks_out_of_content_raw_and_bad_file_names_are_reported_and_skipped(project, tmp_path, capsys):
    """Regression: a symlink in content/raw pointing at /etc/passwd was imported and published; a raw file
    name that is not UTF-8 aborted the whole import with an internal error; a symlink loop likewise."""
    import os

    raw = project / "content" / "raw"
    secret = tmp_path / "secret.txt"
    secret.write_text("Mật khẩu: root:x:0:0 — không được công bố.\n\n" * 20, encoding="utf-8")
    (raw / "link-out.txt").symlink_to(secret)
    (raw / "loop.txt").symlink_to(raw / "loop.txt")
    (raw / "inside.txt").symlink_to(next(raw.glob("000_*.txt")))  # a link within content/raw is imported
    seed = next(raw.glob("001_*.txt")).read_bytes()
    with open(os.path.join(os.fsencode(raw), b"t\xean-c\xf9.txt"), "wb") as handle:  # a cp1258 file name
        handle.write(seed)
    assert run_cli(project, "import") == 1
    out = capsys.readouterr().out
    assert "content/raw/link-out.txt: a symbolic link to" in out and "outside content/raw" in out
    assert "content/raw/loop.txt: a broken symbolic link" in out
    assert "the file name is not UTF-8" in out
    assert "6 written" in out and "3 failed" in out
    articles = "".join(p.read_text(encoding="utf-8") for p in (project / "content" / "articles").rglob("*.md"))
    assert "Mật khẩu" not in articles


def test_one_invalid_utf8_byte_is_replaced_on_its_line_and_reported(project, capsys):
    """Regression: one bad byte made the whole file read as Windows-1258 — title and body mojibake, date,
    speaker and place lost, exit 0, no warning."""
    raw = project / "content" / "raw"
    seed = next(raw.glob("002_*.txt"))
    good = seed.read_bytes()
    lines = good.split(b"\n")
    at = lines[6].index(b" ", 20)  # (between two words: no UTF-8 sequence is cut)
    lines[6] = lines[6][:at] + b"\xff" + lines[6][at:]
    line = good.split(b"\n")[6].decode("utf-8")
    window = line[max(0, len(line[:len(lines[6][:at].decode())]) - 12):len(lines[6][:at].decode())] + "\ufffd"
    (raw / "mot-byte-hong.txt").write_bytes(b"\n".join(lines))
    seed.unlink()  # (the same article twice would be a duplicate)
    assert run_cli(project, "import") == 0
    out = capsys.readouterr().out
    assert "warning: content/raw/mot-byte-hong.txt:7: not valid UTF-8 on 1 line(s)" in out
    article = next(p for p in (project / "content" / "articles").rglob("*.md")
                   if "mot-byte-hong" in p.read_text(encoding="utf-8"))
    text = article.read_text(encoding="utf-8")
    assert window in text  # the bad byte, replaced where it was
    assert "Ã" not in text and "áº" not in text and "Æ°" not in text  # no mojibake anywhere
    assert "\ufffd" not in text.replace(window, "")  # nothing else replaced


def test_a_few_nul_bytes_are_dropped_with_a_warning_not_a_binary_file(project, capsys):
    """Regression: a single NUL byte rejected an article as "binary"."""
    raw = project / "content" / "raw"
    seed = next(raw.glob("003_*.txt"))
    data = seed.read_bytes()
    seed.write_bytes(data[:200] + b"\x00" + data[200:])
    assert run_cli(project, "import") == 0
    out = capsys.readouterr().out
    assert f"warning: content/raw/{seed.name}:" in out and "1 NUL byte(s) dropped" in out
    assert "5 written" in out


def test_a_legacy_cp1258_file_still_reads_as_vietnamese(tmp_path):
    """The per-line decoding keeps reading a whole legacy file as the Vietnamese Windows code page."""
    from generator.importer.raw import read_raw
    from tests.test_inputs import _cp1258

    text = "Bộ trưởng Tô Lâm phát biểu tại Hà Nội.\n\nĐoạn thứ hai có dấu hỏi, ngã: Quảng Ngãi.\n"
    path = tmp_path / "cu.txt"
    path.write_bytes(_cp1258(text))
    warnings: list[str] = []
    assert read_raw(path, warnings).startswith("Bộ trưởng Tô Lâm phát biểu tại Hà Nội") and warnings == []


def test_a_killed_imports_half_written_files_are_removed_by_the_next(project):
    """Regression: a killed import left hidden .tmp files in content/ for good."""
    assert run_cli(project, "import") == 0
    article = sorted((project / "content" / "articles").rglob("*.md"))[0]
    leftover = article.with_name(f".{article.name}.tmp4242")
    leftover.write_text("nửa chừng", encoding="utf-8")
    (project / "content" / ".import-state.json.tmp4242").write_text("{", encoding="utf-8")
    assert run_cli(project, "import") == 0
    assert not leftover.exists() and not (project / "content" / ".import-state.json.tmp4242").exists()


def test_bidi_controls_and_terminal_escapes_never_reach_titles_or_the_terminal(tmp_path, capsys):
    """Regression: U+202E and other bidi controls passed into titles; escape codes in content were printed
    raw to the terminal."""
    root = _site(tmp_path, dao='---\ntitle: "Tiêu đề \\u202Eđảo ngược\\u202C và \\x1b[31mmàu"\ndate: 2021-03-03\n'
                               'tags: ["Thẻ \\u200Bẩn"]\n---\nNội dung.\n',
                 hong='---\ntitle: Hỏng\ndate: "\\x1b[2J0000"\n---\nx\n')
    assert run_cli(root, "check") == 1
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\\x1b" in err and "content/articles/hong.md:3:" in err
    (root / "content" / "articles" / "hong.md").unlink()
    assert run_cli(root, "build") == 0
    page = next((root / "public" / "2021" / "03").rglob("index.html")).read_text(encoding="utf-8")
    assert "Tiêu đề đảo ngược và [31mmàu" in page
    assert not any(ch in page for ch in "\u202e\u202c\x1b\u200b")


def test_a_year_zero_date_is_an_error_naming_the_file(tmp_path, capsys):
    """Regression: `date: "0000"` was an internal error (year 0 is out of range)."""
    root = _site(tmp_path, khong='---\ntitle: Năm không\ndate: "0000"\n---\nx\n')
    assert run_cli(root, "build") == 1
    err = capsys.readouterr().err
    assert "content/articles/khong.md:3: `date` must be" in err and "internal error" not in err


def test_tags_per_article_are_capped(tmp_path, capsys):
    """Regression: one article's tag count grew the output with its square (10,000 tags → 3.8 GB)."""
    tags = ", ".join(f"Thẻ {n}" for n in range(101))
    root = _site(tmp_path, nhieu=f"---\ntitle: Nhiều thẻ\ndate: 2021-01-01\ntags: [{tags}]\n---\nx\n")
    assert run_cli(root, "check") == 1
    assert "content/articles/nhieu.md:4: `tags` has 101 tags; at most 100" in capsys.readouterr().err


def test_a_full_disk_is_a_one_line_error_and_the_previous_site_stays(tmp_path, monkeypatch, capsys):
    """Regression: a full disk was an "internal error"."""
    import errno
    import os

    from generator.build import publish as output

    root = _site(tmp_path)
    assert run_cli(root, "build") == 0
    before = {p: p.read_bytes() for p in (root / "public").rglob("*") if p.is_file()}
    (root / "content" / "articles" / "moi.md").write_text("---\ntitle: Mới\ndate: 2022-02-02\n---\nx\n",
                                                       encoding="utf-8")
    real_open = os.open

    def full(path, flags, *args, **kwargs):  # (the publisher writes each output file through os.open)
        if flags & os.O_CREAT and "public" in str(path):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(output.os, "open", full)
    assert run_cli(root, "build") == 1
    err = capsys.readouterr().err
    assert "No space left on device" in err and "internal error" not in err and len(err.splitlines()) == 1
    monkeypatch.undo()
    assert {p: p.read_bytes() for p in (root / "public").rglob("*") if p.is_file()} == before


def test_a_body_python_markdown_would_take_too_long_on_is_reported_by_file(tmp_path, monkeypatch, capsys):
    """Hand-written Markdown that Python-Markdown is slow on (quadratic in the inline matches of one
    paragraph) is stopped after MARKDOWN_SECONDS and named, instead of stalling the build."""
    monkeypatch.setattr(markup, "MARKDOWN_SECONDS", 0.2)
    root = _site(tmp_path, cham="---\ntitle: Chậm\ndate: 2021-01-01\n---\n" + "x<y " * 6000 + "\n")
    assert run_cli(root, "check") == 1
    err = capsys.readouterr().err
    assert "content/articles/cham.md: rendering the body took over" in err and "internal error" not in err



def test_the_markdown_time_limit_leaves_a_callers_timer_running(monkeypatch):
    import signal

    fired = []
    previous = signal.signal(signal.SIGALRM, lambda *_: fired.append(1))
    signal.setitimer(signal.ITIMER_REAL, 30)
    try:
        assert markup.render_markdown("Đoạn *nhấn* với [liên kết](https://example.org)\n\n- một\n- hai\n")
        left = signal.getitimer(signal.ITIMER_REAL)[0]
        assert 25 < left <= 30 and signal.getsignal(signal.SIGALRM) is not markup._time_limit
        assert not fired
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_a_callers_timer_firing_during_markdown_fires_once_and_the_limit_still_holds(monkeypatch):
    """Regression: a caller's timer shorter than the limit fired inside the block and again after it, and the
    limit was never armed again."""
    import signal
    import time

    fired = []
    previous = signal.signal(signal.SIGALRM, lambda *_: fired.append(1))
    real = markup._markdown_html
    try:
        monkeypatch.setattr(markup, "_markdown_html", lambda source: (time.sleep(0.3), real(source))[1])
        signal.setitimer(signal.ITIMER_REAL, 0.1)
        markup.render_markdown("- một\n- hai\n")
        time.sleep(0.3)
        assert fired == [1] and signal.getitimer(signal.ITIMER_REAL)[0] == 0
        monkeypatch.setattr(markup, "MARKDOWN_SECONDS", 0.2)
        monkeypatch.setattr(markup, "_markdown_html", lambda source: (time.sleep(2), real(source))[1])
        signal.setitimer(signal.ITIMER_REAL, 0.1)
        with pytest.raises(markup.SlowMarkdown):
            markup.render_markdown("- một\n- hai\n")
        assert fired == [1, 1]
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
