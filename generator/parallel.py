"""Spreading per-item work over the machine's cores, with progress on stderr for long runs.

Parsing Markdown, extracting raw articles, counting index terms and rendering
pages all go through ``imap_all``: worker processes (fork) when there are enough
items and cores, in order, and a count with a rate every second or so once a run
takes longer than that — never silence on a 10,000-article archive.
"""
from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
import sys
import time
from typing import Any, Callable, Iterator

MIN_ITEMS = 64  # below this, starting worker processes costs more than it saves
PROGRESS_EVERY = 1.0  # seconds between progress lines
CHUNK_MAX = 128  # items sent to a worker at a time


def _workers(count: int, min_items: int) -> int:
    workers = min(os.cpu_count() or 1, 8)
    if count < min_items or workers < 2 or multiprocessing.get_start_method(allow_none=True) not in (None, "fork"):
        return 1
    return workers


class Progress:
    """``label: done/total (rate/s)`` on stderr, at most once a second, only once a run is slow."""

    def __init__(self, label: str | None, total: int, stream=None) -> None:
        self.label, self.total = label, total
        self.stream = stream or sys.stderr
        self.started = self.last = time.perf_counter()
        self.done = 0
        self.shown = False

    def tick(self, count: int = 1) -> None:
        self.done += count
        now = time.perf_counter()
        if self.label and now - self.last >= PROGRESS_EVERY:
            self.last = now
            self._show(now)

    def close(self) -> None:
        if self.shown:
            self._show(time.perf_counter())

    def _show(self, now: float) -> None:
        rate = self.done / max(now - self.started, 1e-9)
        shown = f"{rate:,.0f}" if rate >= 10 else f"{rate:.1f}"
        print(f"  {self.label}: {self.done:,}/{self.total:,} ({shown}/s)", file=self.stream, flush=True)
        self.shown = True


def imap_all(function: Callable[[Any], Any], items: list[Any], label: str | None = None,
             min_items: int = MIN_ITEMS) -> Iterator[Any]:
    """``(function(x) for x in items)`` in order, streamed from worker processes when that pays."""
    progress = Progress(label, len(items))
    workers = _workers(len(items), min_items)
    if workers == 1:
        for item in items:
            yield function(item)
            progress.tick()
    else:
        # Chunks of up to CHUNK_MAX items: each chunk costs the parent a wake-up of its result thread and a
        # hand-over of the interpreter lock, with two workers busy on two cores (10,000 articles parsed in
        # chunks of 16: 2.4 s; of 128: 1.8 s).  Eight chunks a worker at least keep the load balanced.
        chunk = max(1, min(CHUNK_MAX, len(items) // (workers * 8)))
        with multiprocessing.get_context("fork").Pool(workers, _start_worker, (os.getpid(),)) as pool:
            for result in pool.imap(function, items, chunksize=chunk):
                yield result
                progress.tick()
    progress.close()


def _start_worker(parent: int) -> None:
    """A forked worker leaves the objects it inherited out of its cycle collector: scanning them would take
    time and copy every memory page they sit on.  And it must not outlive the build that started it: it may
    be writing pages into a folder that the next build is about to clean up.  Linux kills it with its parent
    (PR_SET_PDEATHSIG)."""
    gc.freeze()
    try:
        import ctypes
        import signal

        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # 1 = PR_SET_PDEATHSIG
    except Exception:  # not Linux: the worker ends at its next task instead
        pass
    if os.getppid() != parent:  # the parent died before that took effect
        os._exit(1)


def map_all(function: Callable[[Any], Any], items: list[Any], label: str | None = None) -> list[Any]:
    """``[function(x) for x in items]``, in worker processes when there are enough items and cores."""
    return list(imap_all(function, items, label))


def in_background(function: Callable[[], Any]) -> Callable[[], Any]:
    """Start ``function()`` in a forked process, on another core, while this one goes on; returns a call
    that waits for its (picklable) result.  Runs it right away where there is no fork or one core."""
    if (os.cpu_count() or 1) < 2 or not hasattr(os, "fork"):
        result = function()
        return lambda: result
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: compute, send, leave without running the parent's cleanup
        code = 0
        try:
            os.close(reader)
            data = pickle.dumps(("ok", function()))
        except BaseException as exc:  # sent back, raised in the parent
            data, code = pickle.dumps(("error", exc)), 1
        try:
            with os.fdopen(writer, "wb") as pipe:
                pipe.write(data)
        finally:
            os._exit(code)
    os.close(writer)

    def wait() -> Any:
        with os.fdopen(reader, "rb") as pipe:
            data = pipe.read()
        os.waitpid(pid, 0)
        kind, value = pickle.loads(data) if data else ("error", RuntimeError("background work died"))
        if kind == "error":
            raise value
        return value

    return wait


_DETACHED: list[int] = []  # detached processes not reaped yet (only a long-lived caller gets to reap them)


def detached(function: Callable[[], Any]) -> bool:
    """Run ``function()`` in a process that may outlive this one, so that this one can return now.

    The process is in a session of its own, with its standard streams on /dev/null: a caller reading this
    process's output sees it end when this process ends.  It inherits every open file, so a lock held
    through one stays held until it is done.  Returns False where there is no fork: nothing was run."""
    if not hasattr(os, "fork"):
        return False
    for pid in list(_DETACHED):  # earlier ones that have finished (a process that lives on, like the tests)
        if os.waitpid(pid, os.WNOHANG)[0]:
            _DETACHED.remove(pid)
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            os.setsid()
            null = os.open(os.devnull, os.O_RDWR)
            for stream in (0, 1, 2):
                os.dup2(null, stream)
            function()
            code = 0
        finally:
            os._exit(code)
    _DETACHED.append(pid)
    return True
