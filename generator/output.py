"""Writing the built site: everything goes to a staging folder that is swapped in at the end.

A build that fails or is killed half-way never touches the previous output.
"""
from __future__ import annotations

import os
import posixpath
import shutil
from pathlib import Path
from typing import Iterable

STAGING_PREFIX = ".staging-"
OLD_PREFIX = ".old-"


class UnsafePathError(ValueError):
    """An output path that would land outside the output folder."""


def safe_relpath(relpath: str) -> str:
    """Normalise an output path; refuse absolute paths and ``..``."""
    if "\\" in relpath or "\x00" in relpath:
        raise UnsafePathError(f"refusing to write {relpath!r}: not a plain relative path")
    normalised = posixpath.normpath(relpath)
    if normalised.startswith(("/", "../")) or normalised in ("..", ".", ""):
        raise UnsafePathError(f"refusing to write {relpath!r}: outside the output folder")
    return normalised


def static_files(*roots: Path) -> dict[str, Path]:
    """Static assets under ``static/``; later roots override earlier ones."""
    files: dict[str, Path] = {}
    for root in roots:
        if root.is_dir():
            for path in sorted(root.rglob("*")):
                if path.is_file() and not path.name.startswith("."):
                    files["static/" + path.relative_to(root).as_posix()] = path
    return files


def _clean_leftovers(output: Path) -> None:
    for prefix in (STAGING_PREFIX, OLD_PREFIX):
        for leftover in output.parent.glob(f".{output.name}{prefix}*"):
            shutil.rmtree(leftover, ignore_errors=True)


def write_site(output: Path, pages: Iterable[tuple[str, bytes]], assets: dict[str, Path]) -> int:
    """Write every page and asset to a staging folder, then swap it in; returns files written."""
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    _clean_leftovers(output)
    staging = output.parent / f".{output.name}{STAGING_PREFIX}{os.getpid()}"
    staging.mkdir()
    count = 0
    try:
        for relpath, data in pages:
            target = staging / safe_relpath(relpath)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            count += 1
        for relpath, source in assets.items():
            target = staging / safe_relpath(relpath)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
            count += 1
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    old = output.parent / f".{output.name}{OLD_PREFIX}{os.getpid()}"
    if output.exists():
        os.replace(output, old)
    os.replace(staging, output)
    shutil.rmtree(old, ignore_errors=True)
    return count
