"""Article bodies kept beside the build state, loaded one at a time when a page needs them.

The CLI's state between builds holds every parsed article; their rendered
bodies are two thirds of it.  A one-article rebuild reads the bodies of a few
dozen articles (the edited one's old version, feed entries, a speaker's quotes),
so the state is pickled without them and they live here, in SQLite, keyed by
the article's digest (the hash of its file and path, which determines the
parsed article).  ``Article`` asks ``load`` for a body it lacks.

While ``saving()`` is active, pickling an article leaves its body out and
queues it for ``commit``.
"""
from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from pathlib import Path
from typing import Callable

_store: "BodyStore | None" = None
_saving = threading.local()


class MissingBody(LookupError):
    """An article's body is not in the store (the cache was removed or damaged): build afresh."""


class BodyStore:
    """``digest → (body_html, body_text)`` in one SQLite file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._connection: sqlite3.Connection | None = None
        self._pid = 0
        self.known: set[str] = set()
        # Bodies to store, each as the call that gives it (a compressed body is unpacked only as it is written)
        self.pending: dict[str, Callable[[], tuple[str, str]]] = {}
        self.known = {row[0] for row in self._db().execute("SELECT digest FROM bodies")}
        self._file = os.stat(path).st_ino

    def intact(self) -> bool:
        """Whether the file is still the one this store opened (not removed, as with the whole cache)."""
        try:
            return os.stat(self.path).st_ino == self._file
        except FileNotFoundError:
            return False

    def _db(self) -> sqlite3.Connection:
        if self._connection is None or self._pid != os.getpid():  # never share a connection across a fork
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._connection = sqlite3.connect(self.path, timeout=30)
            self._connection.execute("CREATE TABLE IF NOT EXISTS bodies "
                                     "(digest TEXT PRIMARY KEY, html TEXT NOT NULL, text TEXT NOT NULL)")
            self._pid = os.getpid()
        return self._connection

    def load(self, digest: str) -> tuple[str, str]:
        """The body of the article with this digest."""
        if digest in self.pending:
            return self.pending[digest]()
        row = self._db().execute("SELECT html, text FROM bodies WHERE digest = ?", (digest,)).fetchone()
        if row is None:
            raise MissingBody(digest)
        return row

    def commit(self, live: set[str]) -> None:
        """Store the bodies queued while saving; drop those of articles no longer in use once they pile up."""
        db = self._db()
        with db:
            db.executemany("INSERT OR REPLACE INTO bodies VALUES (?, ?, ?)",
                           ((d, *body()) for d, body in self.pending.items()))
            self.known.update(self.pending)
            self.pending.clear()
            if len(self.known) > 2 * len(live) + 100:
                db.execute("CREATE TEMP TABLE IF NOT EXISTS live (digest TEXT PRIMARY KEY)")
                db.execute("DELETE FROM live")
                db.executemany("INSERT INTO live VALUES (?)", ((d,) for d in live))
                db.execute("DELETE FROM bodies WHERE digest NOT IN (SELECT digest FROM live)")
                self.known &= live


def use(path: Path) -> BodyStore:
    """Make the store at ``path`` the one articles load their bodies from."""
    global _store
    if _store is None or _store.path != path or not _store.intact():
        _store = BodyStore(path)
    return _store


def load(digest: str) -> tuple[str, str]:
    """The body of an article whose state was loaded without it."""
    if _store is None:
        raise MissingBody(digest)
    return _store.load(digest)


@contextlib.contextmanager
def saving(store: BodyStore):
    """Within: pickled articles leave their bodies out, queued in ``store`` unless already there."""
    _saving.store = store
    try:
        yield
    finally:
        _saving.store = None


def stash(digest: str, body: Callable[[], tuple[str, str]]) -> bool:
    """Called by a pickled article: True when its body is to be left out (queued here if not stored yet;
    ``body`` gives it, called only then)."""
    store = getattr(_saving, "store", None)
    if store is None or not digest:
        return False
    if digest not in store.known and digest not in store.pending:
        store.pending[digest] = body
    return True
