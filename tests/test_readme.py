"""Every command the README shows is run: here, on a copy of the seed project, or — for the preview server,
the installed tool and the make targets CI runs — by the test named beside it."""
from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from tests.conftest import REPO, make_project, run_cli

README = (REPO / "README.md").read_text(encoding="utf-8")
# "python build.py import --explain content/raw/FILE", "vn-archive init ~/luu-tru", "vn-archive --version"
_COMMAND = re.compile(r"(?:python build\.py|vn-archive)(?: --root \S+)?\s+(?P<sub>--version|[a-z][\w-]*)"
                      r"(?P<rest>[^`\n|#&]*)")


def _shown() -> set[tuple[str, tuple[str, ...]]]:
    """Each command the README shows, as (subcommand, its options)."""
    return {(m.group("sub"), tuple(sorted(set(re.findall(r"--[a-z][\w-]*", m.group("rest"))))))
            for m in _COMMAND.finditer(README)}


# How each is run (the seed file and folders filled in); None: run by another test, named.
_RUN = {
    ("import", ()): ["import"],
    ("import", ("--force",)): ["import", "--force"],
    ("import", ("--explain",)): ["import", "--explain", "content/raw/{seed}"],
    ("build", ()): ["build"],
    ("build", ("--output",)): ["build", "--output", "{tmp}/elsewhere"],
    ("check", ()): ["check"],
    ("review", ()): ["review"],
    ("init", ()): ["init", "{tmp}/new-archive"],
    ("search", ()): ["search", "to lam"],
    ("--version", ()): ["--version"],
}
_ELSEWHERE = {
    ("serve", ()): "tests/test_serve.py",
    ("serve", ("--port",)): "tests/test_serve.py",
}


def test_the_readme_shows_only_commands_that_are_run():
    shown = _shown()
    assert ("import", ()) in shown and ("serve", ()) in shown  # (the pattern reads the README)
    assert shown <= set(_RUN) | set(_ELSEWHERE), shown - set(_RUN) - set(_ELSEWHERE)
    for test in _ELSEWHERE.values():
        assert "serve" in (REPO / test).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return make_project(tmp_path_factory.mktemp("readme"))


@pytest.mark.parametrize("command", sorted(_RUN), ids=lambda c: " ".join((c[0], *c[1])))
def test_each_command_the_readme_shows_runs(project, tmp_path, command):
    if command not in _shown():
        pytest.skip("no longer in the README")
    seed = sorted((project / "content" / "raw").glob("*.txt"))[0].name
    if command[0] not in ("import", "init", "--version"):
        assert run_cli(project, "import") == 0
    args = [a.format(seed=seed, tmp=tmp_path) for a in _RUN[command]]
    try:
        code = run_cli(project, *args)
    except SystemExit as exit:  # (--version, as argparse does it)
        code = exit.code
    assert code == 0, args


def test_the_make_targets_the_readme_shows_exist():
    if not shutil.which("make"):
        pytest.skip("no make")
    for target in sorted(set(re.findall(r"\bmake ([a-z]+)\b", README))):
        dry = subprocess.run(["make", "-n", "-f", str(REPO / "Makefile"), target], cwd=REPO, capture_output=True,
                             text=True)
        assert dry.returncode == 0, (target, dry.stderr)
