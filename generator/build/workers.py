"""Rendering a build's pages and search files on all cores, each worker writing its own."""
from __future__ import annotations

import contextlib
import functools
import traceback
from dataclasses import dataclass
from typing import Callable

import jinja2

from ..parallel import imap_all
from .publish import Publisher, safe_relpath


def _render_one(todo: list[tuple[str, Callable[[], bytes]]], publisher: Publisher, number: int):
    """Page ``number`` of ``todo`` rendered and written (in a worker: no page crosses a pipe)."""
    path, render = todo[number]
    try:
        data = render()
    except jinja2.TemplateError as exc:  # sent back whole: a worker's exception may not survive pickling
        name, lineno = getattr(exc, "filename", None) or getattr(exc, "name", None), getattr(exc, "lineno", None)
        if not name:  # a runtime error (undefined value …): jinja puts the template's line in the traceback
            frames = [f for f in traceback.extract_tb(exc.__traceback__) if not f.filename.endswith(".py")]
            if frames:
                name, lineno = frames[-1].filename, frames[-1].lineno
        return _RenderFailure(type(exc).__name__, exc.message or str(exc), name, lineno)
    return publisher.write(path, data)


@dataclass(frozen=True)
class _RenderFailure:
    kind: str
    message: str
    name: str | None
    lineno: int | None


def render_all(todo: list[tuple[str, Callable[[], bytes]]], publisher: Publisher) -> None:
    """Make every ``(path, render)`` (a page, a search file) and write it through ``publisher``, on all cores
    when there are many."""
    made = imap_all(functools.partial(_render_one, todo, publisher), list(range(len(todo))),
                    "rendering pages and search files")
    # Closed on a failure: the workers are stopped before the caller's clean-up looks for the files they wrote
    # (left running, they went on writing pages beside the output after it had looked).
    with contextlib.closing(made):
        for result, (path, _) in zip(made, todo):  # ``made`` first: run to its end, last progress line too
            if isinstance(result, _RenderFailure):
                error = jinja2.TemplateError(result.message)
                error.filename, error.name, error.lineno = result.name, result.name, result.lineno  # type: ignore[attr-defined]
                raise error
            publisher.record(safe_relpath(path), *result)
