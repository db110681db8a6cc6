"""Bad content gives a clear message naming file, line and field; a failed build keeps public/."""
from __future__ import annotations

import re
import shutil

import pytest

from tests.conftest import add_articles, remove_cache, run_cli


@pytest.fixture(params=["seeds", "pool-scale"])
def built(project, request):
    """The seeds imported and built — alone, and among 300 more articles, so that parsing and rendering run
    in worker processes (every error path must hold there too)."""
    assert run_cli(project, "import") == 0
    if request.param == "pool-scale":
        add_articles(project)
    assert run_cli(project, "build") == 0
    return project


def _an_article(project):
    return sorted((project / "content" / "articles").rglob("*.md"))[0]


def _tree(folder):
    return {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _break(path, old_pattern, new):
    text = path.read_text(encoding="utf-8")
    changed = re.sub(old_pattern, new, text, count=1, flags=re.M)
    assert changed != text
    path.write_text(changed, encoding="utf-8")


@pytest.mark.parametrize("pattern,replacement,field", [
    (r"^date: .*$", "date: hôm qua", "date"),
    (r"^date: .*$", "date: 2021-02-30", "date"),
    (r"^tags: .*$", "tags: 5", "tags"),
    (r"^draft: .*$", "draft: maybe", "draft"),
    (r"^title: .*$", "title:", "title"),
    (r"^draft: .*$", "draft: false\nauthor_notes: x", "author_notes"),
])
def test_check_names_file_line_and_field(built, capsys, pattern, replacement, field):
    article = _an_article(built)
    _break(article, pattern, replacement)
    capsys.readouterr()
    assert run_cli(built, "check") == 1
    err = capsys.readouterr().err
    assert article.name in err
    assert f"`{field}`" in err
    line = next(i for i, text in enumerate(article.read_text(encoding="utf-8").splitlines(), 1)
                if text.startswith(f"{field}:"))
    assert f"{article.name}:{line}:" in err
    assert "Traceback" not in err


def test_broken_yaml_names_the_line(built, capsys):
    article = _an_article(built)
    _break(article, r"^speaker: .*$", 'speaker: "unterminated')
    assert run_cli(built, "build") == 1
    err = capsys.readouterr().err
    assert article.name in err and "invalid YAML" in err and re.search(re.escape(article.name) + r":\d+:", err)


@pytest.mark.parametrize("cold", [False, True], ids=["warm", "cold"])
def test_failed_build_leaves_previous_output_untouched(built, capsys, cold):
    before = _tree(built / "public")
    _break(_an_article(built), r"^date: .*$", "date: hôm qua")
    if cold:  # every article parsed again (in the worker processes, at pool scale)
        remove_cache(built)
    assert run_cli(built, "build") == 1
    assert _tree(built / "public") == before
    assert "previous output" in capsys.readouterr().err


def test_duplicate_slugs_are_reported(built, capsys):
    article = _an_article(built)
    twin = article.parent / ("copy-" + article.name)
    shutil.copy(article, twin)
    twin.rename(article.parent / article.name.upper().replace(".MD", ".md"))  # same slug, other file
    assert run_cli(built, "check") == 1
    assert "duplicate slug" in capsys.readouterr().err


def test_unknown_site_setting_is_an_error(built, capsys):
    (built / "content" / "site.yaml").write_text("title: X\npage_sise: 5\n", encoding="utf-8")
    assert run_cli(built, "build") == 1
    err = capsys.readouterr().err
    assert "site.yaml:2:" in err and "page_sise" in err


@pytest.mark.parametrize("name,text,line,message", [
    ("glossary.yaml", "abbreviations:\n  ANTT: [an ninh\n", 3, "invalid YAML"),
    ("glossary.yaml", "abbreviations:\n  ANTT: an ninh trật tự\n  CAND: [a, b]\n", 3, "expansion of `CAND`"),
    ("glossary.yaml", "abbreviations:\n  - ANTT\n", 1, "`abbreviations` must be a mapping"),
    ("glossary.yaml", "abbrevations:\n  ANTT: an ninh\n", 1, "unknown setting `abbrevations`"),
    ("glossary.yaml", "- ANTT\n", 1, "expected `key: value` settings"),
    ("tags.yaml", "tags:\n  An ninh:\n    triggers: an ninh\n", 3, "`triggers` of `An ninh` must be a list"),
    ("tags.yaml", "tags:\n  An ninh:\n    triggers: [an ninh]\n    min_hits: hai\n", 4, "`min_hits`"),
    ("tags.yaml", "tags:\n  An ninh:\n    trigers: [an ninh]\n", 3, "unknown setting `trigers`"),
    ("tags.yaml", "tags:\n  An ninh: {triggers: [an ninh}\n", 2, "invalid YAML"),
    ("site.yaml", "title: X\npage_size: 0\n", 2, "`page_size` must be a whole number"),
])
def test_settings_errors_name_file_and_line_and_exit_1(built, capsys, name, text, line, message):
    """Regression: an error in glossary.yaml or tags.yaml was an "internal error" (exit 2) with no line."""
    (built / "content" / name).write_text(text, encoding="utf-8")
    before = _tree(built / "public")
    # (build reads no tags.yaml, import no site.yaml)
    commands = {"tags.yaml": ["check", "import"], "site.yaml": ["build", "check"]}.get(name, ["build", "check", "import"])
    for command in commands:
        assert run_cli(built, command) == 1, command
        err = capsys.readouterr().err
        assert f"content/{name}:{line}: " in err and message in err, (command, err)
        assert "internal error" not in err and "Traceback" not in err
    assert _tree(built / "public") == before


def test_template_syntax_error_names_template_and_line(built, capsys):
    templates = built / "templates"
    templates.mkdir()
    (templates / "home.html").write_text('{% extends "base.html" %}\n{% block content %}\n{% if %}\n{% endblock %}\n',
                                         encoding="utf-8")
    before = _tree(built / "public")
    assert run_cli(built, "build") == 1
    err = capsys.readouterr().err
    assert "home.html:3:" in err and "Traceback" not in err
    assert _tree(built / "public") == before


def test_site_template_overrides_a_block(built):
    templates = built / "templates"
    templates.mkdir()
    (templates / "home.html").write_text(
        '{% extends "base.html" %}\n{% block content %}<p id="custom">Trang chủ riêng</p>{% endblock %}\n',
        encoding="utf-8")
    assert run_cli(built, "build") == 0
    assert 'id="custom"' in (built / "public" / "index.html").read_text(encoding="utf-8")


def test_template_error_while_rendering_on_all_cores_names_the_template(tmp_path, capsys):
    """A big site renders in worker processes; an error there still names the template and keeps the output."""
    articles = tmp_path / "content" / "articles"
    articles.mkdir(parents=True)
    for n in range(150):
        (articles / f"bai-{n}.md").write_text(f"---\ntitle: Bài {n}\ndate: 2021-03-{n % 28 + 1:02d}\n---\nNội dung {n}.\n",
                                             encoding="utf-8")
    assert run_cli(tmp_path, "build") == 0
    before = _tree(tmp_path / "public")
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "article.html").write_text(
        '{% extends "base.html" %}\n{% block content %}\n{{ article.title }}{{ no_such_value }}\n{% endblock %}\n',
        encoding="utf-8")
    assert run_cli(tmp_path, "build") == 1
    err = capsys.readouterr().err
    assert "article.html:3" in err and "no_such_value" in err and "Traceback" not in err
    assert _tree(tmp_path / "public") == before
