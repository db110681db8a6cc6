"""The build cache: values keyed by the hash of what they were computed from, kept between builds.

Parsed articles are keyed by the hash of their Markdown file; a key that
matches means the value is still right.  The builder keeps the entries in its
state (in memory for ``serve``, pickled for the CLI).
"""
from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path
from typing import Any, Callable

CACHE_VERSION = 1
RACY_NS = 2_000_000_000  # files modified less than 2 s ago are never trusted by their stat


def racy_time() -> int:
    """The time (ns) after which a file's modification is too recent for its stat to prove anything."""
    return time.time_ns() - RACY_NS


def file_signature(stat: os.stat_result, racy: int | None = None) -> str | None:
    """What a file's stat says of its contents — size, modification time, inode — as one string: the one
    answer to "has this file changed?" for articles, a build's inputs, the manifest and the preview's
    watcher.  None when it changed after ``racy`` (ns): a file changed in the last moments may change again
    within the same clock tick, size unchanged, so its stat proves nothing and it is read again next time
    (git's "racy clean" rule).  (One string rather than a tuple: the saved state holds one per article.)"""
    return f"{stat.st_size}:{stat.st_mtime_ns}:{stat.st_ino}" if racy is None or stat.st_mtime_ns < racy else None


def _code_version() -> str:
    """A digest of the generator's own code: a new version of it starts with an empty cache."""
    digest = hashlib.blake2b(digest_size=8)
    code = Path(__file__).parent
    for source in sorted(code.rglob("*.py")) + sorted((code / "data").glob("*.yaml")):
        digest.update(source.read_bytes())
    return f"{CACHE_VERSION}-{digest.hexdigest()}"


_CODE_VERSION = _code_version()


def code_version() -> str:
    """The version of the generator's code that cached values were made with."""
    return _CODE_VERSION


def content_key(*parts: bytes | str) -> str:
    """A short digest of the given parts."""
    digest = hashlib.blake2b(digest_size=16)
    for part in parts:
        digest.update(part.encode("utf-8") if isinstance(part, str) else part)
        digest.update(b"\0")
    return digest.hexdigest()


class Cache:
    """A ``key → value`` store: the entries of an earlier build, and those this build uses (kept for the next)."""

    def __init__(self, data: dict[str, Any] | None = None) -> None:
        self._old: dict[str, Any] = data or {}
        self._new: dict[str, Any] = {}

    def empty(self) -> bool:
        """Whether there is nothing to reuse (a first build)."""
        return not self._old and not self._new

    def has(self, key: str) -> bool:
        """Whether ``key`` has a value (from an earlier build or this one)."""
        return key in self._new or key in self._old

    def get(self, key: str, compute: Callable[[], Any]) -> Any:
        """The cached value for ``key``, computing (and keeping) it when missing."""
        if key in self._new:
            return self._new[key]
        value = self._old[key] if key in self._old else compute()
        self._new[key] = value
        return value

    def get_many(self, keyed: dict[str, Any], compute: Callable[[list[Any]], list[Any]]) -> dict[str, Any]:
        """Values for many keys at once; ``compute`` gets the inputs of the missing ones (in order)."""
        missing = [key for key in keyed if key not in self._new and key not in self._old]
        values = dict(zip(missing, compute([keyed[key] for key in missing]))) if missing else {}
        for key, value in values.items():
            self._new[key] = value
        return {key: self.get(key, lambda: values[key]) for key in keyed}

    def keep_all(self) -> None:
        """Keep every entry of the earlier build for the next one (a build that looks at few of them)."""
        self._new = {**self._old, **self._new}

    def drop(self, key: str) -> None:
        """Forget ``key`` (its input is gone or changed)."""
        self._new.pop(key, None)

    def used(self) -> dict[str, Any]:
        """The entries this build used (what the next build can reuse)."""
        return self._new
