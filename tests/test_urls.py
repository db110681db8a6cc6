"""Relative links: the fast string version agrees with posixpath.relpath on every kind of site path."""
from __future__ import annotations

import posixpath

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.render.urls import linker, page_file, relative_link

_SEGMENT = st.sampled_from(["2021", "08", "tags", "a", "page", "2", "archive", "static", "bai-viet"])
_PAGE = st.builds(lambda parts, kind: "/".join(parts) + ("/" if parts and kind == "folder" else
                                                          ("/feed.xml" if parts else "feed.xml") if kind == "file"
                                                          else ("/" if parts else "")),
                  st.lists(_SEGMENT, max_size=5), st.sampled_from(["folder", "file", "folder"]))


def _reference(from_page: str, target: str, pretty: bool) -> str:
    base = posixpath.dirname(page_file(from_page))
    folder = target == "" or target.endswith("/")
    resolved = page_file(target) if folder and not pretty else target
    rel = posixpath.relpath(resolved or ".", base or ".")
    if pretty and folder:
        rel = rel.rstrip("/") + "/" if rel != "." else "./"
    return rel


@given(_PAGE, _PAGE, st.booleans())
@settings(max_examples=500, deadline=None)
def test_relative_link_matches_relpath(from_page, target, pretty):
    assert relative_link(from_page, target, pretty) == _reference(from_page, target, pretty)


@given(_PAGE, st.lists(_PAGE, min_size=1, max_size=6), st.booleans())
@settings(max_examples=500, deadline=None)
def test_linker_agrees_with_relative_link(from_page, targets, pretty):
    link = linker(from_page, pretty)
    assert [link(t) for t in targets] == [relative_link(from_page, t, pretty) for t in targets]
