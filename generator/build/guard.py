"""Guarding the output folder: one build at a time writes it, and only a folder that is ours is replaced.

Every output holds a marker file; a folder that is not empty and holds no
marker (nor is described by the manifest) is someone else's, and a build
refuses it instead of emptying it.  The lock beside the output folder is taken
by the command line's builds and the preview's alike.
"""
from __future__ import annotations

import contextlib
import fcntl
import os
from pathlib import Path

from ..errors import OutputBusy
from .locks import acquire
from .manifest import manifest_describes

MARKER = ".luu-tru"  # in every output: a folder holding it may be emptied by the next build
MARKER_TEXT = b"This folder is made by the archive generator (build.py build); every build replaces its contents.\n"
LOCK_WAIT = 600.0  # seconds a build waits for another build of the same output folder


@contextlib.contextmanager
def output_lock(output: Path, log=None):
    """Hold the output folder's build lock: one build at a time publishes into one folder (the command line's
    and the preview's alike).  A second build waits — saying who holds it — for up to ``LOCK_WAIT`` s."""
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    path = output.parent / f".{output.name}.lock"
    with open(path, "a+") as handle:
        def holder() -> str:
            handle.seek(0)
            return handle.read().strip() or "another process"

        # A POSIX record lock, not flock: a process forked during the build (the detached save of its state)
        # does not inherit it, so the next build need not wait for that save here.
        waiting = (lambda: log(f"waiting for another build of {output} to finish ({holder()})")) if log else None
        if not acquire(handle, fcntl.LOCK_EX, LOCK_WAIT, record=True, waiting=waiting):
            raise OutputBusy(f"{output}: another build ({holder()}) has held it for {LOCK_WAIT:.0f} s; stop it, "
                             "or build into another folder with --output")
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}")
        handle.flush()
        yield


def is_previous_output(output: Path, manifest: Path) -> bool:
    """Whether ``output`` is missing, empty, or an output of this tool: it holds the marker, or (made before
    there was one) the manifest describes it."""
    if not output.exists():
        return True
    if not output.is_dir():
        return False
    return (output / MARKER).is_file() or not any(output.iterdir()) or manifest_describes(output, manifest)
