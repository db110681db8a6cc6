"""Work spread over cores: results in order whatever the chunking, and progress up to the last item."""
from __future__ import annotations

import re

from conftest import make_project, run_cli
from generator import parallel


def _square(number: int) -> int:
    return number * number


def test_results_come_back_in_order_across_many_chunks(monkeypatch):
    monkeypatch.setattr(parallel, "CHUNK_MAX", 7)  # many chunks, one of them short
    items = list(range(2_000))
    assert list(parallel.imap_all(_square, items)) == [n * n for n in items]
    assert parallel.map_all(_square, items[:10]) == [n * n for n in items[:10]]  # too few for workers


def test_progress_counts_and_rates_up_to_the_last_item(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(parallel, "PROGRESS_EVERY", 0.0)  # a line per item, as a long run shows one a second
    root = make_project(tmp_path / "site")
    assert run_cli(root, "import") == 0
    assert run_cli(root, "build") == 0
    lines = capsys.readouterr().err.splitlines()
    shown = [re.fullmatch(r"  (.+): ([\d,]+)/([\d,]+) \(([\d.,]+)/s\)", line) for line in lines]
    progress = [(m[1], int(m[2].replace(",", "")), int(m[3].replace(",", ""))) for m in shown if m]
    for label in ("rendering pages and search files", "importing", "parsing articles"):
        counts = [(done, total) for name, done, total in progress if name == label]
        assert counts, f"no progress shown for {label!r}: {lines[:20]}"
        assert counts[-1][0] == counts[-1][1], f"{label!r} stopped at {counts[-1]}"  # the last item counted
        assert [done for done, _ in counts] == sorted(done for done, _ in counts)


# --- failures: every one ends in an exception in the parent, never a wait ---------------------------------

import os  # noqa: E402
import pickle  # noqa: E402
import signal  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402

import pytest  # noqa: E402

from generator.content.body_store import MissingBody  # noqa: E402
from generator.build.pipeline import BuildError  # noqa: E402
from generator.errors import ContentError, WorkerError  # noqa: E402
from generator.importer.pipeline import ImportLockedError  # noqa: E402
from generator.importer.raw import RawInputError  # noqa: E402
from generator.build.publish import UnsafePathError  # noqa: E402
from generator.build.state import StateBusy  # noqa: E402

ERRORS = [
    ContentError("content/articles/a.md", "unknown field `x`", line=3, field="x"),
    ContentError("content/site.yaml", "bad"),
    WorkerError("parsing articles: a worker process ended abruptly"),
    BuildError([ContentError("content/articles/a.md", "bad", line=2), ContentError("b.md", "worse")]),
    RawInputError("content/raw/a.txt", "empty file"),
    ImportLockedError("another import is running"),
    UnsafePathError("../x"),
    MissingBody("abc"),
    StateBusy("state-x.lock has been held by another process for 300 s"),
]


@pytest.mark.parametrize("error", ERRORS, ids=lambda e: type(e).__name__)
def test_every_error_class_survives_a_process_boundary(error):
    back = pickle.loads(pickle.dumps(error))
    assert type(back) is type(error) and str(back) == str(error)
    assert vars(back) == vars(error) or isinstance(error, BuildError)
    if isinstance(error, BuildError):
        assert [e.describe() for e in back.errors] == [e.describe() for e in error.errors]


def _fails_at_150(kind: str):
    def function(number: int):
        if number == 150:
            if kind == "content":
                raise ContentError("content/articles/x.md", "bad key", line=4)
            if kind == "killed":
                os.kill(os.getpid(), signal.SIGKILL)
            if kind == "unpicklable":
                return threading.Lock()
            if kind == "stall":
                time.sleep(3600)
            if kind == "bug":
                raise KeyError("oops")
        return number
    return function


# (module-level names: the workers are forked, so they are found, but the pool pickles a reference per chunk)
_content, _killed, _unpicklable, _stall, _bug = (_fails_at_150(k) for k in ("content", "killed", "unpicklable",
                                                                           "stall", "bug"))


@pytest.mark.parametrize("function,error,message", [
    (_content, ContentError, "content/articles/x.md:4: bad key"),
    (_killed, WorkerError, "step: a worker process ended abruptly"),
    (_unpicklable, WorkerError, "the result for item 151 of 300 cannot be sent back"),
    (_stall, WorkerError, "step: no progress for 1 s"),
    (_bug, KeyError, "oops"),
], ids=["content-error", "killed", "unpicklable", "stall", "bug"])
@pytest.mark.timeout(60)
def test_a_failing_worker_ends_the_map_with_its_error_and_no_worker_left(monkeypatch, function, error, message):
    monkeypatch.setattr(parallel, "STALL_SECONDS", 1.0)
    monkeypatch.setattr(parallel, "CHUNK_MAX", 10)
    started = time.monotonic()
    with pytest.raises(error) as caught:
        list(parallel.imap_all(function, list(range(300)), "step"))
    assert message in str(caught.value)
    assert time.monotonic() - started < 20
    assert not [p for p in __import__("multiprocessing").active_children() if p.is_alive()]
    assert list(parallel.imap_all(_square, list(range(300)))) == [n * n for n in range(300)]  # the next map works


def test_a_bug_in_a_worker_carries_the_workers_traceback():
    with pytest.raises(KeyError) as caught:
        list(parallel.imap_all(_bug, list(range(300)), "step"))
    notes = getattr(caught.value, "__notes__", [])
    assert any("in a worker process, item 151 of 300" in note and 'raise KeyError("oops")' in note for note in notes)


def test_workers_take_default_signals_not_the_parents():
    """Regression: forked workers inherited the preview's SIGTERM → KeyboardInterrupt handler, and a pool
    stopping them could leave one dead inside its queue's lock (a preview session hung for good)."""
    previous = signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt))
    try:
        handlers = list(parallel.imap_all(_handlers, list(range(200))))
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert set(handlers) == {(signal.SIG_DFL, signal.SIG_IGN)}


def _handlers(_: int) -> tuple:
    return signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGINT)


def test_background_work_that_dies_is_an_error_not_a_wait():
    wait = parallel.in_background(lambda: os.kill(os.getpid(), signal.SIGKILL))
    with pytest.raises(WorkerError, match="background process was lost"):
        wait()
    wait = parallel.in_background(lambda: (_ for _ in ()).throw(ContentError("a.md", "bad", line=1)))
    with pytest.raises(ContentError, match="a.md:1: bad"):
        wait()
