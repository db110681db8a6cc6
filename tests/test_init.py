"""``init DIR``: a new archive that imports and builds at once, and an existing one left alone."""
from __future__ import annotations

import shutil

import yaml

from generator.settings import SiteConfig, load_config
from tests.conftest import REPO, run_cli


def test_init_makes_an_archive_that_imports_and_builds(tmp_path, capsys):
    archive = tmp_path / "luu-tru"
    assert run_cli(tmp_path, "init", str(archive)) == 0
    assert "new archive in" in capsys.readouterr().out
    for path in ("content/raw", "content/articles", "templates/README.md", "static", ".gitignore", "README.md",
                 "content/tags.yaml", "content/glossary.yaml"):
        assert (archive / path).exists(), path
    assert load_config(archive / "content" / "site.yaml") == SiteConfig()  # (every key, at its real default)
    assert set(yaml.safe_load((archive / "content" / "site.yaml").read_text(encoding="utf-8"))) == \
        set(SiteConfig.__dataclass_fields__)
    assert "public/" in (archive / ".gitignore").read_text(encoding="utf-8")
    seed = next((REPO / "content" / "raw").glob("*.txt"))
    shutil.copy(seed, archive / "content" / "raw" / seed.name)
    assert run_cli(archive, "import") == 0 and run_cli(archive, "build") == 0
    assert (archive / "public" / "index.html").is_file()
    assert len(list((archive / "content" / "articles").rglob("*.md"))) == 1


def test_init_leaves_an_existing_archive_alone(tmp_path, capsys):
    archive = tmp_path / "a"
    assert run_cli(tmp_path, "init", str(archive)) == 0
    settings = archive / "content" / "site.yaml"
    settings.write_text("title: Của tôi\n", encoding="utf-8")
    (archive / "README.md").write_text("my notes\n", encoding="utf-8")
    capsys.readouterr()
    assert run_cli(tmp_path, "init", str(archive)) == 1
    assert "already holds an archive" in capsys.readouterr().err
    assert settings.read_text(encoding="utf-8") == "title: Của tôi\n"
    assert (archive / "README.md").read_text(encoding="utf-8") == "my notes\n"
