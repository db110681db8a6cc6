"""Publishing the built site: only changed files are written, stale ones removed, never half a site.

A manifest of every output's digest (kept in the build cache) tells what changed;
with nothing changed nothing is written.  It is written whole by a first build;
later builds append a *commit* record (the changed digests, the removed paths)
to its log, which reading replays — a one-article edit does not rewrite 32,000
digests.  Each record names the generation it follows, so a record of an older
manifest, or one appended twice, is skipped.

- A first build writes into a staging folder and renames it into place.
- Later CLI builds write the changed files into a *pending* folder beside the
  output.  Only when every file is ready does a journal (the list of changes and
  the manifest's record of them) appear, by one atomic rename; then the files are
  moved into the output, the record is appended to the manifest's log and the
  journal is removed.  A build that fails or is killed before
  the journal exists leaves the output exactly as it was; one killed while
  moving is completed from the journal by the next build, before anything else.
  Unchanged files are never touched, so a one-article edit costs a few renames
  however big the archive.
- The preview server, which must show an edit fast, writes in place: each
  changed file beside its target under a temporary name, all of them renamed
  into place once every one is ready (a build that fails part-way lands
  nothing).  A *begin* record goes to the log before the renames, the commit
  record after them; a begin with no commit (a kill among the renames) makes
  the manifest untrusted, so the next build writes everything.
"""
from __future__ import annotations

import functools
import hashlib
import os
import pickle
import posixpath
import re
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path

from .manifest import LOG_LIMIT, append_manifest, journal_path, load_manifest, write_manifest

STAGING_PREFIX = ".staging-"
PENDING_PREFIX = ".pending-"
OLD_PREFIX = ".old-"
IN_PLACE_MARK = ".pending~"  # an in-place write waits as "<file>.pending~<token>" until the commit
_IN_PLACE_LEFTOVER = re.compile(re.escape(IN_PLACE_MARK) + "[0-9a-f]{12}$")


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


@functools.lru_cache(maxsize=64)
def asset_bytes(relpath: str, data: bytes) -> bytes:
    """A static file as published: JavaScript minified (rjsmin: the search scripts are a third of a cold
    query's bytes; comments and indentation are 40 % of them), anything else as it is."""
    if not relpath.endswith(".js"):
        return data
    import rjsmin

    try:
        return rjsmin.jsmin(data.decode("utf-8")).encode("utf-8")
    except UnicodeDecodeError:
        return data


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


def _sibling(output: Path, prefix: str) -> Path:
    return output.parent / f".{output.name}{prefix}{os.getpid()}"


def _recover(output: Path, manifest: Path) -> None:
    """Finish a commit a killed build left half done, then remove what failed builds left beside the output.
    A first build killed between its two renames (the output moved aside, the new one not yet in) left no
    output: the one moved aside, complete, is put back."""
    olds = sorted(output.parent.glob(f".{output.name}{OLD_PREFIX}*"), key=lambda p: p.stat().st_mtime_ns)
    if olds and not output.exists():
        os.replace(olds.pop(), output)
    journal = journal_path(output)
    if journal.is_file():
        try:
            plan = pickle.loads(journal.read_bytes())
        except Exception:  # a journal is complete once it exists (atomic rename); unreadable means foreign
            plan = None
        if plan:
            _apply(output, Path(plan["pending"]), plan["changed"], plan["stale"])
            append_manifest(manifest, plan["record"])  # (if the killed build appended it, this copy is skipped)
        journal.unlink()
    for prefix in (STAGING_PREFIX, PENDING_PREFIX, OLD_PREFIX):
        for leftover in output.parent.glob(f".{output.name}{prefix}*"):
            shutil.rmtree(leftover, ignore_errors=True)


def _apply(output: Path, pending: Path, changed: list[str], stale: list[str]) -> None:
    made: set[str] = set()
    out, pend = str(output), str(pending)
    for path in changed:
        source = os.path.join(pend, path)
        if not os.path.exists(source):
            continue  # moved before a kill
        folder = os.path.dirname(os.path.join(out, path))
        if folder not in made:
            os.makedirs(folder, exist_ok=True)
            made.add(folder)
        os.replace(source, os.path.join(out, path))
    for path in stale:
        try:
            os.unlink(os.path.join(out, path))
        except FileNotFoundError:
            pass
    _prune_empty_dirs(output, stale)


def _prune_empty_dirs(root: Path, relpaths: list[str]) -> None:
    for relpath in relpaths:
        folder = (root / relpath).parent
        while folder != root:
            try:
                folder.rmdir()
            except OSError:
                break
            folder = folder.parent


def _files(root: str) -> set[str]:
    """Every file under ``root``, as relative paths (a directory scan: no stat per file)."""
    found: set[str] = set()

    def walk(folder: str, prefix: str) -> None:
        for entry in os.scandir(folder):
            if entry.is_dir(follow_symlinks=False):
                walk(entry.path, f"{prefix}{entry.name}/")
            elif entry.is_file():
                found.add(prefix + entry.name)

    walk(root, "")
    return found


def load_previous(output: Path, manifest: Path, verify: bool = True) -> tuple[dict[str, str], str]:
    """The digests of the last published output and its generation (a token that changes with every publish).

    A commit a killed build left unfinished is completed first.  The digests are
    {} when the output cannot be trusted: then everything is written."""
    output = output.resolve()
    _recover(output, manifest)
    data = load_manifest(manifest, output)
    previous = data.get("files", {})
    if verify and not output_intact(output, previous):
        return {}, ""  # the output was changed behind our back: rewrite it all
    return previous, data.get("generation", "")


def output_intact(output: Path, previous: dict[str, str]) -> bool:
    """Whether every file of the last published output is still there.  Removes the files an in-place
    publish killed before its commit left under temporary names."""
    if not output.is_dir():
        return not previous
    found = _files(str(output.resolve()))
    for path in found - previous.keys():
        if _IN_PLACE_LEFTOVER.search(path):
            (output / path).unlink(missing_ok=True)
    return not previous or previous.keys() <= found


class Publisher:
    """Makes the output folder hold exactly the files ``put`` into it, writing only what changed.

    ``put(path, None)`` keeps the previous file (its bytes are known not to have
    changed); with ``keep`` so does every file not put at all.  See the module's
    documentation for how the CLI commits (staging folder or journal) and how the
    preview writes in place.
    """

    def __init__(self, output: Path, manifest: Path, previous: dict[str, str], in_place: bool = False,
                 keep: bool = False, generation: str = "") -> None:
        """``previous``, ``generation``: the manifest's digests and generation (``load_previous``)."""
        if previous and not generation:
            raise ValueError("a publish over a previous output needs that output's generation")
        self.output = output.resolve()
        self.manifest = manifest
        self.previous = previous
        self.parent = generation
        # A mount point (a container's volume) cannot be renamed, and a folder beside it is on another
        # file system: it is published in place.
        self.in_place = (in_place and bool(previous)) or os.path.ismount(output)
        # keep: every previous file not put stays as it is (the build knows nothing else changed)
        self.keep = keep
        self.digests: dict[str, str] = dict(previous) if keep else {}
        self.changed: list[str] = []
        self.generation = ""
        self._pending = IN_PLACE_MARK + uuid.uuid4().hex[:12]  # in place: the suffix of files not yet committed
        self._made: set[str] = set()
        self.folder: Path | None = None   # staging (first build) or pending (later CLI builds)
        if not self.in_place:
            self.output.parent.mkdir(parents=True, exist_ok=True)
            self.folder = _sibling(self.output, PENDING_PREFIX if previous else STAGING_PREFIX)
            self.folder.mkdir()
        self._root = str(self.folder if self.folder is not None else self.output)

    def put(self, relpath: str, data: bytes | None) -> None:
        """The file at ``relpath`` holds ``data`` (None: the same bytes as in the previous output)."""
        if data is None and relpath in self.previous:  # a path of the last output: checked when it was written
            self.record(relpath, self.previous[relpath], False)
            return
        path = safe_relpath(relpath)
        if data is None:
            self.record(path, self.previous[path], False)
        else:
            self.record(path, *self.write(path, data))

    def write(self, path: str, data: bytes) -> tuple[str, bool]:
        """Write one file where it belongs, unless its bytes are the previous ones; returns its digest and
        whether it was written.  Changes nothing else: a worker process may call it (see ``record``)."""
        path = safe_relpath(path)
        digest = _digest(data)
        if self.previous.get(path) == digest:
            return digest, False
        target = os.path.join(self._root, path)
        folder = os.path.dirname(target)
        if folder not in self._made:
            self._make_folder(folder)
        if self.folder is None:
            target += self._pending  # renamed into place by ``finish``
        # (os.open and os.write: no file object for each of a cold build's 56,000 files)
        handle = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0), 0o666)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(handle, view):]
        finally:
            os.close(handle)
        return digest, True

    def _make_folder(self, folder: str) -> None:
        """Make ``folder`` (and what it is in), once per process: a page's folder is most often new in a
        folder already made, one ``mkdir``."""
        try:
            os.mkdir(folder)
        except FileExistsError:
            pass
        except FileNotFoundError:
            os.makedirs(folder, exist_ok=True)
        self._made.add(folder)

    def record(self, path: str, digest: str, written: bool) -> None:
        """Note what ``write`` did for ``path`` (in this process or a worker)."""
        self.digests[path] = digest
        if written:
            self.changed.append(path)

    def abort(self) -> None:
        """Drop the staging or pending folder, or the files written in place: the output stays as it was."""
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
        else:  # (workers write files too: find them all by their suffix)
            for path in _files(str(self.output)):
                if path.endswith(self._pending):
                    os.unlink(os.path.join(self.output, path))

    def finish(self) -> PublishReport:
        """Commit: swap the staging folder in, or apply the pending changes through the journal."""
        stale = [] if self.keep else [p for p in self.previous if p not in self.digests]
        if not self.changed and not stale:
            if self.folder is not None:  # (in place, nothing was written)
                self.abort()  # nothing to do: leave the output exactly as it is
            return PublishReport(0, 0, len(self.digests))
        self.generation = uuid.uuid4().hex
        manifest = {"output": str(self.output), "generation": self.generation, "files": self.digests}
        if self.folder is not None and not self.previous:
            old = _sibling(self.output, OLD_PREFIX)
            if self.output.exists():
                os.replace(self.output, old)
            os.replace(self.folder, self.output)
            shutil.rmtree(old, ignore_errors=True)
        elif self.folder is not None:
            journal = journal_path(self.output)
            tmp = journal.with_name(journal.name + ".tmp")
            record = ("commit", self.parent, self.generation, {path: self.digests[path] for path in self.changed},
                      stale)
            tmp.write_bytes(pickle.dumps({"pending": str(self.folder), "changed": self.changed, "stale": stale,
                                          "record": record}, protocol=pickle.HIGHEST_PROTOCOL))
            os.replace(tmp, journal)  # the commit point
            _apply(self.output, self.folder, self.changed, stale)
            if append_manifest(self.manifest, record) >= LOG_LIMIT:
                write_manifest(self.manifest, manifest)
            journal.unlink()
            self.abort()
            return PublishReport(len(self.changed), len(stale), len(self.digests))
        else:
            append_manifest(self.manifest, ("begin", self.parent, self.generation))
            out = str(self.output)
            for path in self.changed:
                target = os.path.join(out, path)
                os.replace(target + self._pending, target)  # readers see the old file or the new one
            for path in stale:
                (self.output / path).unlink(missing_ok=True)
            _prune_empty_dirs(self.output, stale)
            logged = append_manifest(self.manifest, ("commit", self.parent, self.generation,
                                                      {path: self.digests[path] for path in self.changed}, stale))
            if logged < LOG_LIMIT and self.previous:  # (a first build in place writes the whole manifest)
                return PublishReport(len(self.changed), len(stale), len(self.digests))
        write_manifest(self.manifest, manifest)
        return PublishReport(len(self.changed), len(stale), len(self.digests))
