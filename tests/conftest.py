"""Shared fixtures: small real sites built in temporary folders (never in content/ or public/)."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(REPO))

from generator.cli import main  # noqa: E402


def bench_module(name: str):
    """A script of ``bench/`` imported as a module (registered under its name: dataclasses look it up)."""
    import importlib.util
    spec = importlib.util.spec_from_file_location(name, REPO / "bench" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def make_project(root: Path) -> Path:
    """A project folder with the repository's shipped content (raw seeds and settings)."""
    content = root / "content"
    content.mkdir(parents=True)
    shutil.copytree(REPO / "content" / "raw", content / "raw")
    for name in ("site.yaml", "tags.yaml", "glossary.yaml"):
        shutil.copy(REPO / "content" / name, content / name)
    return root


POOL_SCALE = 300  # articles: well past parallel.MIN_ITEMS, so parsing and rendering run in worker processes


def add_articles(root: Path, count: int = POOL_SCALE, folder: str = "zz-filler") -> list[Path]:
    """``count`` small, valid articles under ``content/articles/FOLDER`` (dates, tags, speakers, places
    spread out), so that a test site is big enough for the worker-process paths.  Returns their paths."""
    target = root / "content" / "articles" / folder
    target.mkdir(parents=True, exist_ok=True)
    places = ["Hà Nội", "Đà Nẵng", "Huế", "Cần Thơ", "Hải Phòng"]
    speakers = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Quốc Cường"]
    paths = []
    for n in range(count):
        path = target / f"bai-{n:04d}.md"
        path.write_text(
            f"---\ntitle: \"Bài số {n}: Hội nghị về an ninh trật tự\"\ndate: {2019 + n % 5}-{n % 12 + 1:02d}-"
            f"{n % 28 + 1:02d}\nspeaker: {speakers[n % 3]}\nlocation: {places[n % 5]}\n"
            f"tags: [Chủ đề {n % 7}, An ninh trật tự]\n---\n"
            f"Đoạn thứ nhất của bài {n}, về công tác bảo đảm an ninh trật tự.\n\n"
            f"Đoạn thứ hai: “Phát biểu số {n}” tại hội nghị.\n", encoding="utf-8")
        paths.append(path)
    return paths


def remove_cache(root: Path) -> None:
    """Delete the project's build cache, once the last build's background save of its state is over (a
    build's next run then parses every article again)."""
    from generator.build.pipeline import Builder
    from generator.project import Project

    Builder(Project(root)).wait_until_saved()
    shutil.rmtree(root / ".cache")


def run_cli(root: Path, *args: str) -> int:
    """Run ``build.py --root ROOT ARGS`` in-process and return its exit code."""
    return main(["--root", str(root), *args])


def count_renders(monkeypatch) -> list[int]:
    """How many pages and search files each build of this test renders, in order."""
    from generator.build import pipeline as builder_module

    rendered: list[int] = []
    render_all = builder_module.render_all
    monkeypatch.setattr(builder_module, "render_all", lambda todo, publisher: (rendered.append(len(todo)),
                                                                              render_all(todo, publisher)))
    return rendered


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory) -> Path:
    """The five seed articles imported and built; returns the project root (output in public/)."""
    root = make_project(tmp_path_factory.mktemp("seed-site"))
    assert run_cli(root, "import") == 0
    assert run_cli(root, "build") == 0
    return root


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]


@pytest.fixture(scope="session")
def browser():
    """One Debian Chromium for the whole session, driven by Playwright (its own download does not work here)."""
    from playwright import sync_api

    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing (apt-get install chromium)")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture()
def project(tmp_path) -> Path:
    """A fresh, un-imported project with the shipped content."""
    return make_project(tmp_path / "site")
