"""A failure in any worker process ends the command with a message — never a hang — at the scale where
parsing and rendering run in worker processes.  Each case runs the real command line in a process of its
own, with a timeout, and checks that the previous output is left as it was."""
from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import REPO, add_articles, remove_cache, run_cli

LIMIT = 60  # seconds: far more than any of these takes; a hang fails here instead of stalling the suite


@pytest.fixture()
def big_site(tmp_path) -> Path:
    """300 articles, built once (its output is what a failed build must leave as it was)."""
    root = tmp_path / "site"
    add_articles(root)
    assert run_cli(root, "build") == 0
    return root


def _tree(folder: Path) -> dict:
    return {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _run(root: Path, *args: str, patch: str = "") -> subprocess.CompletedProcess:
    """``build.py --root ROOT ARGS`` in a fresh process, after running ``patch`` (Python) in it."""
    script = textwrap.dedent(f"""
        import os, signal, sys, threading
        sys.path.insert(0, {str(REPO)!r})
        from generator.content import load as content
        from generator.build import workers as parallel_render
        """) + textwrap.dedent(patch) + textwrap.dedent(f"""
        from generator.cli import main
        sys.exit(main(["--root", {str(root)!r}, *{list(args)!r}]))
        """)
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=LIMIT)


@pytest.mark.parametrize("command", ["build", "check"])
def test_one_bad_key_among_hundreds_is_named_and_ends_the_run(big_site, command):
    """Regression: a ContentError made in a worker could not be unpickled, and the run waited for ever."""
    before = _tree(big_site / "public")
    bad = big_site / "content" / "articles" / "zz-filler" / "bai-0150.md"
    bad.write_text(bad.read_text(encoding="utf-8").replace("---\n", "---\nbogus_key: 1\n", 1), encoding="utf-8")
    remove_cache(big_site)  # every article parsed again, in the worker processes
    result = _run(big_site, command)
    assert result.returncode == 1, result.stderr
    assert "content/articles/zz-filler/bai-0150.md:2: unknown field `bogus_key`" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert _tree(big_site / "public") == before


_KILL_WHILE_PARSING = """
    real = content._read_and_parse
    def parse(item):
        if item[1].endswith("bai-0150.md"):
            os.kill(os.getpid(), signal.SIGKILL)
        return real(item)
    content._read_and_parse = parse
"""
_KILL_WHILE_RENDERING = """
    real = parallel_render._render_one
    def render(todo, publisher, number):
        if number == 150:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(todo, publisher, number)
    parallel_render._render_one = render
"""
_UNPICKLABLE_RESULT = """
    real = content._read_and_parse
    def parse(item):
        key, article = real(item)
        return (key, threading.Lock()) if item[1].endswith("bai-0150.md") else (key, article)
    content._read_and_parse = parse
"""
_EXCEPTION_THAT_DOES_NOT_UNPICKLE = """
    class Odd(Exception):
        def __init__(self, a, b):
            super().__init__(f"{a} and {b}")
    real = content._read_and_parse
    def parse(item):
        if item[1].endswith("bai-0150.md"):
            raise Odd("odd", "even")
        return real(item)
    content._read_and_parse = parse
"""


@pytest.mark.parametrize("patch,message", [
    (_KILL_WHILE_PARSING, "parsing articles: a worker process ended abruptly"),
    (_KILL_WHILE_RENDERING, "rendering pages and search files: a worker process ended abruptly"),
    (_UNPICKLABLE_RESULT, "cannot be sent back from a worker process"),
    (_EXCEPTION_THAT_DOES_NOT_UNPICKLE, "Odd in a worker process (item "),
], ids=["killed-parsing", "killed-rendering", "unpicklable-result", "exception-that-does-not-unpickle"])
def test_worker_failure_ends_the_build_with_a_message(big_site, patch, message):
    before = _tree(big_site / "public")
    remove_cache(big_site)  # a cold build: parsing and rendering everything on all cores
    result = _run(big_site, "build", patch=patch)
    assert result.returncode == 1, result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert _tree(big_site / "public") == before
    assert _run(big_site, "build").returncode == 0  # and nothing is left in the way of the next build


def test_stalled_worker_is_stopped_by_the_watchdog(big_site):
    remove_cache(big_site)
    result = _run(big_site, "build", patch="""
        import time
        from generator import parallel
        parallel.STALL_SECONDS = 2.0
        real = content._read_and_parse
        def parse(item):
            if item[1].endswith("bai-0150.md"):
                time.sleep(3600)
            return real(item)
        content._read_and_parse = parse
    """)
    assert result.returncode == 1, result.stderr
    assert "parsing articles: no progress for 2 s" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_a_worker_killed_while_sending_its_result_does_not_hang_the_pool_s_shutdown():
    """Regression: stopping the workers (after another worker's failure) while one was sending a big result
    left half a message in the results pipe, and the pool's manager thread — and the build joining it —
    waiting for the rest for ever (1 run in about 10 of the unpicklable-result case, with chunks of parsed
    articles in flight).  Here the worker is killed mid-send for sure: its result is 300 MB."""
    script = textwrap.dedent(f"""
        import multiprocessing, sys, time
        from concurrent.futures import ProcessPoolExecutor
        sys.path.insert(0, {str(REPO)!r})
        from generator.parallel import _stop

        def big(_):
            return b"x" * 300_000_000

        pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
        pool.submit(big, 0)
        while not pool._result_queue._reader.poll(0.001):
            pass  # the worker has begun sending
        started = time.perf_counter()
        _stop(pool, kill=True)
        print(f"stopped in {{time.perf_counter() - started:.1f}} s")
        """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=LIMIT)
    assert result.returncode == 0 and result.stdout.startswith("stopped in "), result.stderr
