"""Spreading per-article work over the machine's cores (parsing Markdown, counting index terms)."""
from __future__ import annotations

import multiprocessing
import os
from typing import Any, Callable, Iterator

MIN_ITEMS = 64  # below this, starting worker processes costs more than it saves


def map_all(function: Callable[[Any], Any], items: list[Any]) -> list[Any]:
    """``[function(x) for x in items]``, in worker processes when there are enough items and cores."""
    workers = min(os.cpu_count() or 1, 8)
    if len(items) < MIN_ITEMS or workers < 2 or multiprocessing.get_start_method(allow_none=True) not in (None, "fork"):
        return [function(item) for item in items]
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        return pool.map(function, items, chunksize=max(8, len(items) // (workers * 8)))


def imap_all(function: Callable[[Any], Any], items: list[Any]) -> Iterator[Any]:
    """``(function(x) for x in items)`` in order, streamed from worker processes when that pays."""
    workers = min(os.cpu_count() or 1, 8)
    if len(items) < MIN_ITEMS or workers < 2 or multiprocessing.get_start_method(allow_none=True) not in (None, "fork"):
        yield from map(function, items)
        return
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        yield from pool.imap(function, items, chunksize=16)
