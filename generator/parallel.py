"""Spreading per-item work over the machine's cores, with progress on stderr for long runs.

Parsing Markdown, extracting raw articles, counting index terms and rendering
pages all go through ``imap_all``: worker processes (fork) when there are enough
items and cores, in order, and a count with a rate every second or so once a run
takes longer than that — never silence on a 10,000-article archive.

This is the one way data reaches a worker: ``imap_all``'s function and items
(a ``functools.partial`` carries what every item needs — the site, the
publisher) are inherited by the forked workers, never pickled; only item
numbers go to them, and results and exceptions come back pickled and checked.
Any failure — an exception, a killed worker, a result that cannot cross, a
worker stuck with no progress for ``STALL_SECONDS`` — ends the map with an
exception in the parent and kills its workers; nothing waits for ever.
"""
from __future__ import annotations

import collections
import gc
import multiprocessing
import os
import pickle
import select
import signal
import sys
import time
import traceback
from concurrent.futures import Future, ProcessPoolExecutor, TimeoutError as FuturesTimeout
from concurrent.futures import process as futures_process
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Callable, Iterator

from .errors import ContentError, WorkerError

MIN_ITEMS = 64  # below this, starting worker processes costs more than it saves
PROGRESS_EVERY = 1.0  # seconds between progress lines
CHUNK_MAX = 128  # items sent to a worker at a time
STALL_SECONDS = 60.0  # the watchdog: a parallel step that gets nothing done for this long is stopped
MANAGER_WAIT = 10.0  # seconds a stopped pool's manager thread gets to wind up before it is left behind


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
    """``(function(x) for x in items)`` in order, streamed from worker processes when that pays.

    Whatever goes wrong in a worker ends here as an exception, never as a wait: the worker's own exception
    (a ``ContentError`` as it was raised), or a ``WorkerError`` when a worker died, stalled for
    ``STALL_SECONDS`` or made a result that cannot cross back.  On any failure every worker is killed."""
    progress = Progress(label, len(items))
    workers = _workers(len(items), min_items)
    if workers == 1:
        for item in items:
            yield function(item)
            progress.tick()
    else:
        yield from _pooled(function, items, workers, progress, label or "a parallel step")
    progress.close()


_JOB: tuple = ()  # (function, items) of the pool being started: its forked workers inherit it


def _pooled(function: Callable[[Any], Any], items: list[Any], workers: int, progress: Progress,
            label: str) -> Iterator[Any]:
    # Chunks of up to CHUNK_MAX items: each chunk costs the parent a wake-up of its result thread and a
    # hand-over of the interpreter lock, with two workers busy on two cores (10,000 articles parsed in
    # chunks of 16: 2.4 s; of 128: 1.8 s).  Eight chunks a worker at least keep the load balanced.
    # concurrent.futures rather than multiprocessing.Pool: a dead worker breaks its pool with an error
    # instead of leaving the parent waiting for ever.  Items are not sent: the workers inherit them.
    global _JOB
    chunk = max(1, min(CHUNK_MAX, len(items) // (workers * 8)))
    _JOB = (function, items)
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"), initializer=_start_worker,
                               initargs=(os.getpid(),))
    finished = False
    try:
        futures = [pool.submit(_run_chunk, start, min(start + chunk, len(items)))
                   for start in range(0, len(items), chunk)]
        _JOB = ()  # (the workers have it: they start at the first submit)
        last_done = [time.monotonic()]
        for future in futures:
            future.add_done_callback(lambda _: last_done.__setitem__(0, time.monotonic()))
        pending = collections.deque(futures)
        del futures  # (a result read is let go: held here, every article's output would stay till the end)
        for start in range(0, len(items), chunk):
            future = pending.popleft()
            kind, payload = _wait(future, last_done, label)
            del future
            if kind == "error":
                raise pickle.loads(payload)
            try:
                results = pickle.loads(payload)
            except Exception as exc:
                raise WorkerError(f"{label}: a worker's result for item {start + 1}–{start + chunk} could not be "
                                  f"read back ({type(exc).__name__}: {exc}); this is a bug of the generator, "
                                  "please report it") from None
            for result in results:
                yield result
                progress.tick()
        finished = True
    except BrokenProcessPool:
        raise WorkerError(f"{label}: a worker process ended abruptly (killed by a signal, or out of memory?); "
                          "nothing was published — run the command again") from None
    finally:
        _JOB = ()
        _stop(pool, kill=not finished)


def _wait(future: Future, last_done: list[float], label: str) -> tuple[str, bytes]:
    """``future``'s result, once it is done — or a WorkerError once no chunk at all got done for
    ``STALL_SECONDS`` (a worker stuck for good: the watchdog)."""
    while True:
        try:
            return future.result(timeout=min(1.0, STALL_SECONDS))
        except FuturesTimeout:
            if time.monotonic() - last_done[0] > STALL_SECONDS:
                raise WorkerError(f"{label}: no progress for {STALL_SECONDS:.0f} s; the worker processes were "
                                  "stopped and nothing was published — run the command again") from None


def _run_chunk(start: int, end: int) -> tuple[str, bytes]:
    """In a worker: ``function`` over ``items[start:end]``, as ("ok", pickled results) or ("error", a pickled
    exception that is sure to unpickle in the parent)."""
    function, items = _JOB
    number = start
    try:
        results = []
        for number in range(start, end):
            results.append(function(items[number]))
    except Exception as exc:
        return "error", _portable(exc, f"item {number + 1} of {len(items)}")
    try:
        return "ok", pickle.dumps(results, pickle.HIGHEST_PROTOCOL)
    except Exception as exc:
        bad = next((start + n for n, result in enumerate(results) if not _pickles(result)), start)
        return "error", _portable(WorkerError(
            f"the result for item {bad + 1} of {len(items)} cannot be sent back from a worker process "
            f"({type(exc).__name__}: {exc}); this is a bug of the generator, please report it"), "")


def _pickles(value: Any) -> bool:
    try:
        pickle.dumps(value)
    except Exception:
        return False
    return True


def _portable(exc: BaseException, where: str) -> bytes:
    """``exc`` pickled so that it unpickles — as itself when it survives the round trip (a ContentError
    does), else as a WorkerError with its text; the worker's traceback rides along as a note."""
    if not isinstance(exc, (ContentError, WorkerError)):
        exc.add_note(f"in a worker process, {where}:\n" + "".join(traceback.format_tb(exc.__traceback__)))
    try:
        data = pickle.dumps(exc, pickle.HIGHEST_PROTOCOL)
        pickle.loads(data)
        return data
    except Exception:
        return pickle.dumps(WorkerError(f"{type(exc).__name__} in a worker process ({where}): {exc}"))


def _stop(pool: ProcessPoolExecutor, kill: bool) -> None:
    """Shut ``pool`` down; with ``kill``, first end its workers at once (a failure, a stall, an interrupt):
    they may be mid-task or stuck, and waiting for them is what could hang."""
    if not kill:
        pool.shutdown(wait=True, cancel_futures=True)
        return
    for process in list((getattr(pool, "_processes", None) or {}).values()):  # (no public way to kill)
        try:
            process.kill()
        except (OSError, ValueError):
            pass
    # A worker killed while sending its result leaves half a message in the results pipe, and the pool's
    # manager thread reading the rest of it for ever — and ``shutdown(wait=True)`` waiting for that thread:
    # a build that failed in one worker hung while the other was sending a big chunk of parsed articles.
    # This process holds the pipe's only other write end: closing it ends that read (end of file), and the
    # thread winds the pool up as a broken one.
    manager = getattr(pool, "_executor_manager_thread", None)
    results = getattr(pool, "_result_queue", None)
    if results is not None:
        try:
            results._writer.close()
        except (AttributeError, OSError):
            pass
    pool.shutdown(wait=False, cancel_futures=True)
    if manager is not None:
        manager.join(MANAGER_WAIT)
        if manager.is_alive():  # (still stuck somehow: let it be, and let the process end without it)
            futures_process._threads_wakeups.pop(manager, None)


def _start_worker(parent: int) -> None:
    """A forked worker leaves the objects it inherited out of its cycle collector: scanning them would take
    time and copy every memory page they sit on.  It takes the default signal handling, not the parent's
    (``serve`` turns SIGTERM into KeyboardInterrupt: a worker stopped that way could die holding its
    queue's lock), and leaves Ctrl+C to the parent, which stops it.  And it must not outlive the build that
    started it: it may be writing pages into a folder that the next build is about to clean up.  Linux
    kills it with its parent (PR_SET_PDEATHSIG)."""
    _default_signals()
    gc.freeze()
    try:
        import ctypes

        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # 1 = PR_SET_PDEATHSIG
    except Exception:  # not Linux: the worker ends at its next task instead
        pass
    if os.getppid() != parent:  # the parent died before that took effect
        os._exit(1)


def _default_signals() -> None:
    """In a forked child: SIGTERM ends it, SIGINT (Ctrl+C, sent to the whole process group) is the parent's."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)


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
    if pid == 0:  # the child: compute, send, leave without running the parent's cleanup (whatever happens)
        code = 1
        try:
            _default_signals()
            os.close(reader)
            try:
                data, code = pickle.dumps(("ok", function())), 0
            except BaseException as exc:  # sent back, raised in the parent
                data = pickle.dumps(("error", pickle.loads(_portable(exc, "in the background"))))
            with os.fdopen(writer, "wb") as pipe:
                pipe.write(data)
        finally:
            os._exit(code)
    os.close(writer)

    def wait() -> Any:
        chunks = []
        with os.fdopen(reader, "rb") as pipe:
            while True:  # the watchdog: a child that sends nothing for STALL_SECONDS is stopped
                if not select.select([pipe], [], [], STALL_SECONDS)[0]:
                    os.kill(pid, signal.SIGKILL)
                    break
                chunk = os.read(pipe.fileno(), 1 << 20)
                if not chunk:
                    break
                chunks.append(chunk)
        os.waitpid(pid, 0)
        data = b"".join(chunks)
        try:
            kind, value = pickle.loads(data)
        except Exception:
            kind, value = "error", WorkerError("work done in a background process was lost (the process died "
                                               "or stalled); nothing was published — run the command again")
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
