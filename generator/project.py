"""Where a project's inputs and output live: the content, its own templates and static files, the default
theme, the output folder and the build cache."""
from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

GENERATOR = Path(__file__).resolve().parent  # the generator's own code and data
# The default theme: this repository's templates/ and static/, or, installed from a wheel, their copies
# inside the package (pyproject.toml maps them there).
_INSTALLED_THEME = GENERATOR / "theme"
DEFAULT_THEME = (_INSTALLED_THEME if (_INSTALLED_THEME / "templates").is_dir() else GENERATOR.parent) / "templates"
DEFAULT_STATIC = DEFAULT_THEME.parent / "static"
# The tag vocabulary and glossary a new archive starts with (``init``): this repository's, or the wheel's copy.
STARTER = GENERATOR / "starter" if (GENERATOR / "starter" / "tags.yaml").is_file() else GENERATOR.parent / "content"


@dataclass(frozen=True)
class Project:
    """Where a site's inputs and output live."""

    root: Path

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def templates(self) -> Path:
        return self.root / "templates"

    @property
    def static(self) -> Path:
        return self.root / "static"

    @property
    def output(self) -> Path:
        return self.root / "public"

    @property
    def cache(self) -> Path:
        return self.root / ".cache" / "build"

    def input_folders(self) -> tuple[Path, ...]:
        """Every folder a build reads, once each: the one list that change detection (the CLI's digest of
        the inputs) and the preview's watcher both use."""
        folders = (self.content, self.templates, self.static, DEFAULT_THEME, DEFAULT_STATIC)
        return tuple(dict.fromkeys(folder.resolve() for folder in folders))


def command_name() -> str:
    """How the user runs this program, for messages: the installed command, or ``build.py`` in a clone."""
    return "vn-archive" if Path(sys.argv[0]).name == "vn-archive" else "build.py"
