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
import uuid
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


def _load_manifest(manifest: Path, output: Path) -> dict:
    if not output.is_dir() or not manifest.is_file():
        return {}
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if data.get("output") == str(output) else {}


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


def load_previous(output: Path, manifest: Path, verify: bool = True) -> tuple[dict[str, str], str]:
    """The digests of the last published output and its generation (a token that changes with every publish).

    The digests are {} when the output cannot be trusted: then everything is written."""
    output = output.resolve()
    data = _load_manifest(manifest, output)
    previous = data.get("files", {})
    if verify and previous and any(not (output / p).is_file() for p in previous):
        return {}, ""  # the output was changed behind our back: rewrite it all
    return previous, data.get("generation", "")


class Publisher:
    """Makes the output folder hold exactly the files ``put`` into it, writing only what changed.

    ``put(path, None)`` keeps the previous file (its bytes are known not to have
    changed).  The CLI (``in_place=False``) writes into a staging folder with hard
    links to unchanged files and swaps it in at ``finish``; a failure or a kill
    before that leaves the output untouched.  The preview (``in_place=True``)
    replaces changed files one atomic rename at a time, as soon as they are ready.
    """

    def __init__(self, output: Path, manifest: Path, previous: dict[str, str], in_place: bool = False) -> None:
        self.output = output.resolve()
        self.manifest = manifest
        self.previous = previous
        self.in_place = in_place and bool(previous)
        self.digests: dict[str, str] = {}
        self.generation = ""
        self.changed: list[str] = []
        self.staging: Path | None = None
        if not self.in_place:
            self.output.parent.mkdir(parents=True, exist_ok=True)
            _clean_leftovers(self.output)
            self.staging = self.output.parent / f".{self.output.name}{STAGING_PREFIX}{os.getpid()}"
            self.staging.mkdir()

    def put(self, relpath: str, data: bytes | None) -> None:
        """The file at ``relpath`` holds ``data`` (None: the same bytes as in the previous output)."""
        path = safe_relpath(relpath)
        if data is None:
            digest = self.previous[path]
        else:
            digest = _digest(data)
        self.digests[path] = digest
        unchanged = self.previous.get(path) == digest
        if not unchanged:
            self.changed.append(path)
        if self.staging is not None:
            target = self.staging / path
            target.parent.mkdir(parents=True, exist_ok=True)
            if unchanged:
                try:
                    os.link(self.output / path, target)
                    return
                except OSError:
                    if data is None:
                        shutil.copyfile(self.output / path, target)
                        return
            target.write_bytes(data)  # type: ignore[arg-type]
        elif not unchanged:
            _write_file(self.output / path, data)  # type: ignore[arg-type]

    def abort(self) -> None:
        """Drop the staging folder: the output stays as it was."""
        if self.staging is not None:
            shutil.rmtree(self.staging, ignore_errors=True)

    def finish(self) -> PublishReport:
        """Swap the staging folder in (CLI) or remove stale files (preview); record the manifest."""
        stale = [p for p in self.previous if p not in self.digests]
        if self.staging is not None:
            if not self.changed and not stale:
                self.abort()  # nothing to do: leave the output exactly as it is
                return PublishReport(0, 0, len(self.digests))
            old = self.output.parent / f".{self.output.name}{OLD_PREFIX}{os.getpid()}"
            if self.output.exists():
                os.replace(self.output, old)
            os.replace(self.staging, self.output)
            shutil.rmtree(old, ignore_errors=True)
        else:
            for path in stale:
                (self.output / path).unlink(missing_ok=True)
            _prune_empty_dirs(self.output, stale)
        if self.changed or stale:
            self.generation = uuid.uuid4().hex
            self.manifest.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.manifest.with_name(self.manifest.name + ".tmp")
            tmp.write_text(json.dumps({"output": str(self.output), "generation": self.generation,
                                       "files": self.digests}), encoding="utf-8")
            os.replace(tmp, self.manifest)
        return PublishReport(len(self.changed), len(stale), len(self.digests))


def publish(output: Path, files: dict[str, bytes], manifest: Path, in_place: bool = False) -> PublishReport:
    """Make ``output`` hold exactly ``files``, writing only what changed."""
    publisher = Publisher(output, manifest, load_previous(output, manifest)[0], in_place)
    try:
        for path, data in files.items():
            publisher.put(path, data)
    except BaseException:
        publisher.abort()
        raise
    return publisher.finish()
