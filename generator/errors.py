"""User-facing errors: each names the file (and line, field) and says what to do."""
from __future__ import annotations

from pathlib import Path

import yaml


class ContentError(Exception):
    """A problem in the user's content, config or templates."""

    def __init__(self, path: Path | str, message: str, line: int | None = None, field: str | None = None) -> None:
        self.path = str(path)
        self.message = message
        self.line = line
        self.field = field
        super().__init__(self.describe())

    def __reduce__(self):  # crosses process boundaries whole (the default would call __init__ with one argument)
        return ContentError, (self.path, self.message, self.line, self.field)

    def describe(self) -> str:
        """``file:line: message`` — one line, ready to print (control characters of content spelled out)."""
        from .lang.text import printable

        where = f"{self.path}:{self.line}" if self.line else self.path
        return printable(f"{where}: {self.message}")


class ToolError(Exception):
    """A failure that is not in the content but that the user can act on (the message says how)."""

    def describe(self) -> str:
        """The message, ready to print."""
        return str(self)


class WorkerError(ToolError):
    """A worker process failed for a reason that is not the content's: it died, stalled, or made a result
    that cannot cross back.  The message says which step and what to do."""


class OutputBusy(ToolError):
    """Another build held the output folder for too long."""


class OutputRefused(ToolError):
    """The output folder is one a build must not empty (content, the project, a folder of someone else's)."""


def yaml_error(path: Path | str, exc: yaml.YAMLError, line_offset: int = 0) -> ContentError:
    """Turn a PyYAML error into a ContentError with the file's own line number."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 1 + line_offset if mark is not None else None
    problem = (getattr(exc, "problem", None) or str(exc).splitlines()[0])[:300]
    hint = "" if isinstance(exc, yaml.constructor.ConstructorError) else "; fix the syntax (quote values that contain `: `)"
    return ContentError(path, f"invalid YAML: {problem}{hint}", line=line)
