"""Site paths and the relative links between them (works on file:// and under any sub-path)."""
from __future__ import annotations

from typing import Callable


def page_file(page: str) -> str:
    """The output file of a site path: folders get ``index.html``."""
    return page + "index.html" if page == "" or page.endswith("/") else page


def relative_link(from_page: str, target: str, pretty: bool = False) -> str:
    """Link from the page at folder ``from_page`` to ``target`` (a folder ``x/`` or a file).

    Folder links name ``index.html`` unless ``pretty`` (file:// shows a listing otherwise).
    """
    folder = target == "" or target.endswith("/")
    resolved = target if pretty or not folder else page_file(target)
    base = page_file(from_page).split("/")[:-1]
    parts = resolved.split("/")
    if not pretty or not folder:
        head, name = parts[:-1], parts[-1]
    else:
        head, name = parts[:-1], ""  # "a/b/" → folders a, b
    common = 0
    for mine, theirs in zip(base, head):
        if mine != theirs or mine in ("", ".", ".."):
            break
        common += 1
    steps = [".."] * (len(base) - common) + head[common:]
    if name:
        return "/".join(steps + [name])
    return "/".join(steps) + "/" if steps else "./"


def page_place(from_page: str) -> tuple[str, str | None]:
    """The way up from a page to the root and its first folder (``"archive/"``; None at the root): all that
    its links to top-level pages and folders (``archive/``, ``feed.xml``) depend on."""
    base = page_file(from_page).split("/")[:-1]
    return "../" * len(base), base[0] + "/" if base and base[0] not in ("", ".", "..") else None


def linker(from_page: str, pretty: bool = False) -> Callable[[str], str]:
    """``relative_link`` from one page, for its many links: a target outside the page's first folder is the
    way up to the root plus the target, with no folder to compare."""
    up, first = page_place(from_page)

    def link(target: str) -> str:
        if first is not None and target.startswith(first):
            return relative_link(from_page, target, pretty)  # shares a folder with the page
        folder = target == "" or target.endswith("/")
        resolved = target if pretty or not folder else page_file(target)
        return up + resolved or "./"

    return link


def paginated(base: str, number: int) -> str:
    """Numbered page ``number`` of the listing at ``base`` (whose front page is ``base`` itself)."""
    return f"{base}page/{number}/"
