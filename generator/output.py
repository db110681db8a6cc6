"""Publishing the built site: only changed files are written, stale ones removed, never half a site.

A manifest of every output's digest (kept in the build cache) tells what changed.
With nothing changed nothing is written.  Otherwise the CLI build prepares a
staging folder — hard links to the unchanged files, new files for the changed
ones — and swaps it in, so a failed or killed build leaves the previous output
exactly as it was.  The preview server, which must show an edit fast, replaces
the changed files in place, each by an atomic rename.
"""
from __future__ import annotations

import hashlib
import json
import os
import posixpath
import shutil
from dataclasses import dataclass
from pathlib import Path

STAGING_PREFIX = ".staging-"
OLD_PREFIX = ".old-"


class UnsafePathError(ValueError):
    """An output path that would land outside the output folder."""


@dataclass(frozen=True)
class PublishReport:
    """What publishing did."""

    written: int
    removed: int
    total: int
    skipped: bool = False   # nothing the build reads had changed: the output was not even compared


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


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _clean_leftovers(output: Path) -> None:
    for prefix in (STAGING_PREFIX, OLD_PREFIX):
        for leftover in output.parent.glob(f".{output.name}{prefix}*"):
            shutil.rmtree(leftover, ignore_errors=True)


def _load_manifest(manifest: Path, output: Path) -> dict[str, str]:
    if not output.is_dir() or not manifest.is_file():
        return {}
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if data.get("output") != str(output):
        return {}
    return data.get("files", {})


def _write_file(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp{os.getpid()}")
    tmp.write_bytes(data)
    os.replace(tmp, target)  # replaces a hard link without touching the file it pointed to


def _prune_empty_dirs(root: Path, relpaths: list[str]) -> None:
    for relpath in relpaths:
        folder = (root / relpath).parent
        while folder != root:
            try:
                folder.rmdir()
            except OSError:
                break
            folder = folder.parent


def _stage(output: Path, staging: Path, kept: list[str]) -> None:
    """Hard-link the unchanged files of ``output`` into ``staging``."""
    for relpath in kept:
        target = staging / relpath
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(output / relpath, target)
        except OSError:
            shutil.copyfile(output / relpath, target)


def publish(output: Path, files: dict[str, bytes], manifest: Path, in_place: bool = False) -> PublishReport:
    """Make ``output`` hold exactly ``files``, writing only what changed."""
    output = output.resolve()
    files = {safe_relpath(path): data for path, data in files.items()}
    digests = {path: _digest(data) for path, data in files.items()}
    previous = _load_manifest(manifest, output)
    if previous and any(not (output / p).is_file() for p in previous if previous[p] == digests.get(p)):
        previous = {}  # the output was changed behind our back: rewrite it all
    changed = [p for p in files if previous.get(p) != digests[p]]
    stale = [p for p in previous if p not in files]
    if not changed and not stale:
        return PublishReport(0, 0, len(files))
    output.parent.mkdir(parents=True, exist_ok=True)
    if in_place and previous:
        for path in changed:
            _write_file(output / path, files[path])
        for path in stale:
            (output / path).unlink(missing_ok=True)
        _prune_empty_dirs(output, stale)
    else:
        _swap_in(output, files, changed, [p for p in files if p not in changed] if previous else [])
    manifest.parent.mkdir(parents=True, exist_ok=True)
    manifest.write_text(json.dumps({"output": str(output), "files": digests}), encoding="utf-8")
    return PublishReport(len(changed), len(stale), len(files))


def _swap_in(output: Path, files: dict[str, bytes], changed: list[str], kept: list[str]) -> None:
    _clean_leftovers(output)
    staging = output.parent / f".{output.name}{STAGING_PREFIX}{os.getpid()}"
    staging.mkdir()
    try:
        _stage(output, staging, kept)
        for path in changed:
            target = staging / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(files[path])
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    old = output.parent / f".{output.name}{OLD_PREFIX}{os.getpid()}"
    if output.exists():
        os.replace(output, old)
    os.replace(staging, output)
    shutil.rmtree(old, ignore_errors=True)
