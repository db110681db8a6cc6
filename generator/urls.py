"""Site paths and the relative links between them (works on file:// and under any sub-path)."""
from __future__ import annotations

import posixpath


def page_file(page: str) -> str:
    """The output file of a site path: folders get ``index.html``."""
    return page + "index.html" if page == "" or page.endswith("/") else page


def relative_link(from_page: str, target: str, pretty: bool = False) -> str:
    """Link from the page at folder ``from_page`` to ``target`` (a folder ``x/`` or a file).

    Folder links name ``index.html`` unless ``pretty`` (file:// shows a listing otherwise).
    """
    base = posixpath.dirname(page_file(from_page))
    if target == "" or target.endswith("/"):
        resolved = page_file(target) if not pretty else target
    else:
        resolved = target
    rel = posixpath.relpath(resolved or ".", base or ".")
    if pretty and (target == "" or target.endswith("/")):
        rel = rel.rstrip("/") + "/" if rel != "." else "./"
    return rel


def paginated(base: str, number: int) -> str:
    """Page ``number`` of a listing whose first page is at ``base``."""
    return base if number == 1 else f"{base}page/{number}/"
