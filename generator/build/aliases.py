"""Addresses that must keep working: an article's own ``aliases:`` and, recorded by the builds in
``content/aliases.yaml``, every address an edit moved an article from (a new date, a new ``slug:``, a renamed
file).  Each gets a redirect page (``templates/redirect.html``) to where the article is now."""
from __future__ import annotations

import os
from pathlib import Path

import yaml

from ..content.article import Article, site_path
from ..errors import ContentError

RECORD = "aliases.yaml"
# Sections of the site an alias may not take over: its own pages live there.
RESERVED = ("archive/", "tags/", "speakers/", "locations/", "search/", "glossary/", "page/", "static/")
_HEADER = ("# Addresses articles were moved from, kept so that links to them still work: old address → the "
           "article's file.\n# Written by the build when an edit moves an article; remove a line to let its "
           "address go.\n")


def load_record(content: Path) -> dict[str, str]:
    """``content/aliases.yaml``: old site path → article file (relative to content/)."""
    path = content / RECORD
    if not path.is_file():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if not isinstance(data, dict):
            raise ValueError("it must map old addresses to article files")
        return {site_path(str(old)): str(target) for old, target in data.items()}
    except (yaml.YAMLError, ValueError) as exc:
        raise ContentError(f"{content.name}/{RECORD}", f"{exc}; fix or delete the line") from None


def record_moves(content: Path, before: dict[str, Article], now: tuple[Article, ...], moved: bool = True,
                 last: dict[str, str] | None = None) -> dict[str, str]:
    """The record, with the address of every article whose address changed since ``before`` added (and
    written back when it grew); an address an article holds again is dropped.  ``moved``: whether any
    article may have changed its address (not after edits that keep every article in its place);
    ``last``: what this returned for ``before``."""
    record = load_record(content)
    if not moved and record == last:  # no address is an article's that was not before: nothing to drop
        return record
    grown = dict(record)
    if moved:
        for article in now:
            old = before.get(article.source_path)
            if old is not None and old.url != article.url:
                grown[old.url] = article.source_path
    if grown:  # (an archive without moves or a record skips looking at every address)
        current = {article.url for article in now}
        grown = {old: source for old, source in grown.items() if old not in current}
    if grown != record:
        text = _HEADER + yaml.safe_dump(dict(sorted(grown.items())), allow_unicode=True, sort_keys=False)
        temporary = content / f".{RECORD}.{os.getpid()}.tmp"
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, content / RECORD)
    return grown


def redirects(articles: tuple[Article, ...], record: dict[str, str]) -> tuple[tuple[str, Article], ...]:
    """Every old address and the article it leads to: the articles' own aliases, then the record's (an
    address that is an article's own now, or in a section of the site's own pages, is left out)."""
    found: dict[str, Article] = {}
    for article in articles:
        for alias in article.aliases:
            found.setdefault(alias, article)
    if record:
        by_source = {article.source_path: article for article in articles}
        for old, source in record.items():
            target = by_source.get(source)
            if target is not None:
                found.setdefault(old, target)
    if not found:  # (most archives: no address to look up among every article's)
        return ()
    current = {article.url for article in articles}
    return tuple(sorted((old, article) for old, article in found.items()
                        if old not in current and not old.startswith(RESERVED)))
