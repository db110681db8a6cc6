"""What the builder remembers between command-line builds, on disk: one pickle, its lock and the body store.

The state (parsed articles, search postings, related articles, speaker
profiles, page keys, the last site) is pickled without the articles' bodies,
which go to the SQLite body store first (see ``content/body_store.py``).  Saving can run in a
process of its own, so that the command returns as soon as the site is
published: that process holds the lock until the state is saved, and the next
build waits for the lock before it reads the state.
"""
from __future__ import annotations

import contextlib
import fcntl
import gc
import os
import pickle
import sys
from dataclasses import dataclass, field
from pathlib import Path

from ..cache import code_version
from ..content import body_store
from ..content.article import Article
from ..parallel import detached
from ..search.index import SearchIndex
from ..site.model import Site
from ..site.related import Related
from ..site.speakers import Profiles
from .locks import acquire


def _same_file(handle, path: Path) -> bool:
    """Whether the open file ``handle`` is still the one at ``path``."""
    try:
        here, held = os.stat(path), os.fstat(handle.fileno())
    except FileNotFoundError:
        return False
    return (here.st_dev, here.st_ino) == (held.st_dev, held.st_ino)


@contextlib.contextmanager
def _no_gc():
    """Millions of small objects and no cycles: the cycle collector would only slow (un)pickling down."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@dataclass(eq=False)
class BuildState:
    """What one build leaves for the next: enough to redo only what an edit reaches."""

    articles: dict = field(default_factory=dict)  # cache key → the parsed Article (or its ContentError)
    seen: dict = field(default_factory=dict)  # article file → (its stat signature, its cache key)
    search: SearchIndex = field(default_factory=SearchIndex)  # the search postings, patched per edit
    related: Related = field(default_factory=Related)  # related articles, answered per edit
    profiles: Profiles = field(default_factory=Profiles)  # speakers' titles over time and quotes
    pages: dict = field(default_factory=dict)  # output path → the key of what the page shows
    generation: str | None = None  # the output's generation this state describes
    site: Site | None = None  # the last site model
    sources: dict[str, Article] = field(default_factory=dict)  # article file → its Article in that site
    base: tuple | None = None  # (templates digest, configuration, glossary) every page's key depends on
    build_date: str | None = None  # the newest article's date: feeds show it
    moves: dict = field(default_factory=dict)  # content/aliases.yaml's record as the last site's redirects read it

    def afresh(self) -> BuildState:
        """A state for rendering and indexing everything again, keeping the parsed articles."""
        return BuildState(articles=self.articles, seen=self.seen)


def _digests(state: BuildState) -> set[str]:
    return {a.digest for a in state.articles.values() if isinstance(a, Article)}


LOCK_WAIT = 300.0  # seconds a build waits for another process's hold on the state (a save takes ~1 s at 10,000)


class StateBusy(RuntimeError):
    """The state's lock stayed held by another process for ``LOCK_WAIT`` seconds."""


class SavedState:
    """The state file of one output folder (``name``) in the cache folder, with its lock and body store."""

    def __init__(self, cache: Path, name: str) -> None:
        self.file = cache / f"state-{name}.pickle"
        self.lock_file = cache / f"state-{name}.lock"
        self.bodies_file = cache / f"bodies-{name}.sqlite"
        # Save in a process of its own, so that the build returns as soon as the site is published (the
        # command line's choice: it ends right after).  The next build waits for that save.
        self.in_background = False

    @contextlib.contextmanager
    def locked(self, kind: int):
        """Hold the state's lock: shared to read the state and body store, exclusive to write them.  Raises
        StateBusy when another process has held it for ``LOCK_WAIT`` seconds (a save that hangs must not
        hang every later build)."""
        self.lock_file.parent.mkdir(parents=True, exist_ok=True)
        with open(self.lock_file, "a+b") as handle:
            if not acquire(handle, kind, LOCK_WAIT):
                raise StateBusy(f"{self.lock_file} has been held by another process for {LOCK_WAIT:.0f} s "
                                "(a build, or its state save, that is stuck?)")
            yield handle

    def wait(self) -> None:
        """Return once no save of the state is under way (or once waiting for it has taken too long)."""
        try:
            with self.locked(fcntl.LOCK_SH):
                pass
        except StateBusy:
            pass  # ``load`` then builds afresh

    def load(self) -> BuildState | None:
        """The last saved state; None when it is missing, damaged, from another version of the code or its
        bodies are gone (then the build starts afresh)."""
        try:
            with self.locked(fcntl.LOCK_SH):  # after any save under way
                store = body_store.use(self.bodies_file)
                with open(self.file, "rb") as handle, _no_gc():
                    version, state = pickle.load(handle)
                    gc.freeze()  # a million long-lived objects: keep the cycle collector from walking them
            if version == code_version() and isinstance(state, BuildState) and _digests(state) <= store.known:
                return state
        except Exception:
            pass
        return None

    def save(self, state: BuildState) -> None:
        """Save ``state`` — in a detached process when ``in_background``, after any save under way.  Not
        saved when the lock stays held by another process: the next build only starts afresh."""
        try:
            with self.locked(fcntl.LOCK_EX) as lock:
                if self.in_background and detached(lambda: self.write(state, lock)):
                    # The detached process holds the lock (it inherited it) until the state is saved, and
                    # stores every article's body: a later build in this process must know they are there.
                    body_store.use(self.bodies_file).known.update(_digests(state))
                    return
                self.write(state)
        except StateBusy as exc:
            print(f"warning: the build state was not saved: {exc}; the next build starts afresh", file=sys.stderr)

    def write(self, state: BuildState, lock=None) -> None:
        """Pickle the state without the articles' bodies, which go to the body store first.  The caller
        holds the lock (``lock``: the file it holds it through, for a save in the background)."""
        if lock is not None and not _same_file(lock, self.lock_file):
            return  # the cache was removed since the build (and maybe made again): not ours to fill
        self.file.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.file.with_name(f".{self.file.name}.tmp{os.getpid()}")
        store = body_store.use(self.bodies_file)
        with open(tmp, "wb") as handle, _no_gc(), body_store.saving(store):
            pickle.dump((code_version(), state), handle, protocol=pickle.HIGHEST_PROTOCOL)
        if lock is not None and not _same_file(lock, self.lock_file):
            tmp.unlink(missing_ok=True)  # removed while this was pickling
            return
        store.commit(_digests(state))
        os.replace(tmp, self.file)
