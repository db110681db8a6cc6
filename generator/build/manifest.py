"""The manifest of a published output: every file's digest and the output's generation, kept in the build
cache (``publish.py`` says how publishing uses it).  It is written whole by a first build; later builds append
a *begin* and a *commit* record to its log, which reading replays.  Each record names the generation it
follows, so a record of an older manifest, or one appended twice, is skipped."""
from __future__ import annotations

import os
import pickle
from pathlib import Path

from ..cache import file_signature

JOURNAL_SUFFIX = ".journal"
LOG_LIMIT = 1 << 20  # bytes of appended manifest records before the manifest is written whole again


def journal_path(output: Path) -> Path:
    """Where a command-line publish's commit journal for ``output`` appears (beside it)."""
    return output.parent / f".{output.name}{JOURNAL_SUFFIX}"


def log_file(manifest: Path) -> Path:
    return manifest.with_name(manifest.name + ".log")


def write_manifest(manifest: Path, data: dict) -> None:
    # Pickled, not JSON: tens of thousands of digests.  Any appended log is older than this: removed.
    manifest.parent.mkdir(parents=True, exist_ok=True)
    tmp = manifest.with_name(manifest.name + ".tmp")
    tmp.write_bytes(pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))
    os.replace(tmp, manifest)
    log_file(manifest).unlink(missing_ok=True)


def append_manifest(manifest: Path, record: tuple) -> int:
    """Append one record (``("begin", parent, generation)`` or ``("commit", parent, generation, changed
    digests, stale paths)``) to the manifest's log; returns the log's size."""
    data = pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL)
    with open(log_file(manifest), "ab") as handle:
        handle.write(len(data).to_bytes(4, "little") + data)
        return handle.tell()


def _replay(data: dict, log: bytes) -> dict:
    """The manifest ``data`` with the log's commits applied; {} when a publish began and never committed
    (or a record is torn): then the output holds files the manifest does not describe."""
    files, generation, begun, pos = dict(data["files"]), data["generation"], False, 0
    while pos < len(log):
        size = int.from_bytes(log[pos:pos + 4], "little")
        if pos + 4 + size > len(log):
            return {}
        kind, parent, new, *changes = pickle.loads(log[pos + 4:pos + 4 + size])
        pos += 4 + size
        if parent != generation:
            continue  # a record of an older manifest (written whole since)
        if kind == "begin":
            begun = True
        else:
            changed, stale = changes
            files.update(changed)
            for path in stale:
                files.pop(path, None)
            generation, begun = new, False
    return {} if begun else data | {"files": files, "generation": generation}


def load_manifest(manifest: Path, output: Path) -> dict:
    if not output.is_dir() or not manifest.is_file():
        return {}
    try:
        data = pickle.loads(manifest.read_bytes())
        if not isinstance(data, dict) or data.get("output") != str(output):
            return {}
        try:
            log = log_file(manifest).read_bytes()
        except FileNotFoundError:
            return data
        return _replay(data, log)
    except Exception:  # damaged or from another version: the output is rewritten
        return {}


def manifest_describes(output: Path, manifest: Path) -> bool:
    """Whether ``manifest`` is this output's (an output made before outputs carried a marker)."""
    return bool(load_manifest(manifest, output.resolve()))


def manifest_signature(output: Path, manifest: Path) -> tuple:
    """Changes whenever the manifest does, or a commit journal appears: while it is the same, a manifest
    kept in memory is still the one on disk."""
    def stat(path: Path) -> str | None:
        try:
            return file_signature(os.stat(path))
        except FileNotFoundError:
            return None

    return stat(manifest), stat(log_file(manifest)), journal_path(output).exists()
