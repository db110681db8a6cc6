"""The generator as users install it: a wheel built from this repository, installed (not editable) into a
fresh virtual environment, gives a working ``vn-archive`` command with the default theme inside."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

from tests.conftest import REPO


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A fresh venv with the wheel installed; returns its bin folder."""
    work = tmp_path_factory.mktemp("package")
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(work / "dist"),
                            str(REPO)], capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stderr[-2000:]
    assert "warning" not in (built.stdout + built.stderr).lower(), built.stdout + built.stderr
    wheel = next((work / "dist").glob("vn_archive-*.whl"))
    venv.create(work / "venv", with_pip=True)
    bin_dir = work / "venv" / "bin"
    done = subprocess.run([str(bin_dir / "python"), "-m", "pip", "install", "--quiet", "--no-deps", str(wheel)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    return bin_dir


def _env() -> dict[str, str]:
    # (the dependencies from this environment's site-packages — where this repository is installed
    # editable, through a .pth that a PYTHONPATH entry does not run: the generator comes from the wheel)
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(dict.fromkeys([sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]]))
    return env


def test_the_installed_command_builds_a_site_from_the_current_folder(installed, tmp_path):
    command = str(installed / "vn-archive")
    version = subprocess.run([command, "--version"], capture_output=True, text=True, env=_env(), timeout=60)
    assert version.returncode == 0 and version.stdout.startswith("vn-archive 0."), version.stdout + version.stderr
    project = tmp_path / "archive"
    (project / "content").mkdir(parents=True)
    shutil.copytree(REPO / "content" / "raw", project / "content" / "raw")
    for name in ("site.yaml", "tags.yaml", "glossary.yaml"):
        shutil.copy(REPO / "content" / name, project / "content" / name)
    for step in ("import", "build"):
        ran = subprocess.run([command, step], cwd=project, capture_output=True, text=True, env=_env(), timeout=300)
        assert ran.returncode == 0, ran.stdout + ran.stderr
        if step == "import":
            assert "run vn-archive review" in ran.stdout  # (messages name the command the user runs)
    public = project / "public"
    for path in ("index.html", "static/style.css", "static/search/engine.js", "search/meta.js", "404.html"):
        assert (public / path).is_file(), path
    where = subprocess.run([str(installed / "python"), "-c", "import generator; print(generator.__file__)"],
                           capture_output=True, text=True, env=_env(), timeout=60, cwd=project).stdout
    assert str(installed.parent) in where and str(REPO / "generator") not in where  # (the wheel's, not this clone)


def test_the_installed_command_starts_a_new_archive(installed, tmp_path):
    ran = subprocess.run([str(installed / "vn-archive"), "init", "kho"], cwd=tmp_path, capture_output=True,
                         text=True, env=_env(), timeout=120)
    assert ran.returncode == 0, ran.stdout + ran.stderr
    archive = tmp_path / "kho"
    assert (archive / "content" / "tags.yaml").read_bytes() == (REPO / "content" / "tags.yaml").read_bytes()
    assert "vn-archive import" in (archive / "README.md").read_text(encoding="utf-8")
    built = subprocess.run([str(installed / "vn-archive"), "build"], cwd=archive, capture_output=True, text=True,
                           env=_env(), timeout=300)
    assert built.returncode == 0 and (archive / "public" / "index.html").is_file(), built.stdout + built.stderr
