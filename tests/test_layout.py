"""The layout of generator/: the import side and the build side never import each other."""
from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

GENERATOR = Path(__file__).resolve().parent.parent / "generator"

# Who may import whom: a stage's modules import only the folders listed (and the top-level helpers).
HELPERS = {"errors", "parallel", "cache", "settings", "project", "data"}
ALLOWED = {
    "lang": {"lang"},
    "content": {"content", "lang"},
    "importer": {"importer", "content", "lang"},
    "site": {"site", "content", "lang"},
    "render": {"render", "site", "content", "lang"},
    "search": {"search", "site", "content", "lang"},
    "build": {"build", "render", "search", "site", "content", "lang"},
}


def _imports(path: Path, root: Path) -> set[str]:
    """The generator modules a file imports, as dotted names below ``generator``."""
    package = path.relative_to(root).parent.parts
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = ".".join(package[:len(package) - node.level + 1])
                if node.module:
                    found.add(f"{base}.{node.module}".strip("."))
                else:
                    found |= {f"{base}.{a.name}".strip(".") for a in node.names}
            elif node.module and node.module.startswith("generator."):
                found.add(node.module.removeprefix("generator."))
        elif isinstance(node, ast.Import):
            found |= {a.name.removeprefix("generator.") for a in node.names if a.name.startswith("generator.")}
    return found


def _problems(root: Path) -> list[str]:
    problems = []
    for stage, allowed in ALLOWED.items():
        for path in sorted((root / stage).rglob("*.py")):
            for module in sorted(_imports(path, root)):
                if module.split(".")[0] not in allowed | HELPERS:
                    problems.append(f"{path.relative_to(root)} imports {module}")
    return problems


def test_each_stage_imports_only_the_stages_below_it():
    assert (GENERATOR / "importer" / "pipeline.py").is_file()  # (the layout this test knows)
    assert _problems(GENERATOR) == []


def test_the_layout_check_sees_a_forbidden_import(tmp_path):
    """The check itself: an importer module reaching into build/ (relatively or not) is reported."""
    (tmp_path / "importer").mkdir()
    (tmp_path / "importer" / "x.py").write_text("from ..build.pipeline import Builder\nfrom .raw import read_raw\n"
                                                "from generator.render import pages\n")
    assert _problems(tmp_path) == ["importer/x.py imports build.pipeline", "importer/x.py imports render"]


def test_the_generator_runs_with_its_bytecode_compiled(tmp_path):
    """Regression: with generator/data/ a package, its __pycache__ folder (made by pip, make, or any import
    where bytecode is written) was read as a data file when hashing the code, and every command failed."""
    shutil.copytree(GENERATOR, tmp_path / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(tmp_path / "generator")], check=True)
    assert (tmp_path / "generator" / "data" / "__pycache__").is_dir()
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    result = subprocess.run([sys.executable, "-c", "from generator.cache import code_version; print(code_version())"],
                            cwd=tmp_path, env=environment, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("1-")
