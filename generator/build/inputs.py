"""What a build reads, as one digest: a build whose inputs are unchanged since the last one has nothing to do."""
from __future__ import annotations

import datetime as _dt
import os
from pathlib import Path

from ..cache import code_version, content_key, file_signature, racy_time
from ..project import Project


def fixed_date() -> _dt.date | None:
    """The date ``SOURCE_DATE_EPOCH`` fixes for reproducible builds (UTC), or None when it is not set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return _dt.datetime.fromtimestamp(int(epoch), _dt.timezone.utc).date() if epoch else None


def inputs_digest(project: Project, output: Path, articles: list[tuple[str, os.stat_result]]) -> str:
    """Hash of the path, size, modification time and inode of everything a build reads — the articles (as
    ``walk_articles`` lists them), the rest of content, templates, static files — and of the generator's
    own code.  Like make, a file whose stat is unchanged is not read."""
    parts: list[str] = [str(output.resolve()), os.environ.get("SOURCE_DATE_EPOCH", ""), code_version()]
    racy = racy_time()

    def add(path: str, stat: os.stat_result) -> None:
        # Just changed: may change again unseen; never skip on this digest.
        parts.append(f"{path}\0{file_signature(stat, racy) or os.urandom(8).hex()}")

    for relpath, stat in articles:
        add(relpath, stat)
    content = str(project.content.resolve())
    for root in project.input_folders():
        for dirpath, dirnames, filenames in os.walk(root):
            if dirpath == content:  # articles are listed above; raw texts are the import's input
                dirnames[:] = [d for d in dirnames if d not in ("raw", "articles")]
            dirnames.sort()
            for name in sorted(filenames):
                path = os.path.join(dirpath, name)
                try:
                    add(path, os.stat(path))
                except FileNotFoundError:
                    continue
    return content_key(*parts)
