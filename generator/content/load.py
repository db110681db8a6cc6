"""Loading ``content/articles/**/*.md`` into Article models, validating every field."""
from __future__ import annotations

import os
import stat as statmod
from pathlib import Path

from ..cache import Cache, content_key, file_signature, racy_time
from ..errors import ContentError
from ..parallel import map_all
from .article import Article, compress_bodies, parse_article


def article_files(content: Path) -> list[Path]:
    """Every Markdown article under content/articles, in a stable order."""
    return [content / relpath for relpath, _ in walk_articles(content)]


def walk_articles(content: Path) -> list[tuple[str, os.stat_result]]:
    """(path relative to content/, stat) of every article, sorted; plain os calls for 10,000s of files."""
    found: list[tuple[str, os.stat_result]] = []
    base = os.path.join(content, "")  # paths are reported relative to content/

    def walk(folder: str) -> None:
        try:
            entries = list(os.scandir(base + folder))
        except (FileNotFoundError, NotADirectoryError):  # no articles yet, or removed while we looked
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir(follow_symlinks=False):
                walk(f"{folder}/{entry.name}")
            elif entry.name.endswith(".md"):
                try:
                    stat = entry.stat()
                except FileNotFoundError:
                    continue
                if statmod.S_ISREG(stat.st_mode):
                    found.append((f"{folder}/{entry.name}", stat))

    walk("articles")
    found.sort(key=lambda item: item[0].split("/"))
    return found


def _parse_one(item: tuple[str, str, str, str]) -> Article | ContentError:
    text, relpath, shown, digest = item
    try:
        return parse_article(text, relpath, digest)
    except ContentError as exc:
        return ContentError(shown, exc.message, line=exc.line, field=exc.field)


def _read(content: Path, relpath: str) -> tuple[str, str, str, str] | ContentError:
    """An article file's text, path, name in messages and cache key; or why it cannot be read."""
    shown = f"{content.name}/{relpath}"  # "content/articles/…" in messages
    data = (content / relpath).read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return ContentError(shown, f"not UTF-8 (byte {exc.start}); save the file as UTF-8")
    return text, relpath, shown, content_key("article", relpath, data)


def _read_and_parse(item: tuple[Path, str]) -> tuple[str | None, Article | ContentError]:
    read = _read(*item)
    return (None, read) if isinstance(read, ContentError) else (read[3], _parse_one(read))


def _listing(content: Path, seen: dict[str, tuple], changed: set[str]) -> list[tuple[str, os.stat_result | None]]:
    """Like ``walk_articles`` when only ``changed`` may differ from ``seen``: those are looked at, the others
    are reported with the stat None (known unchanged)."""
    listing: list[tuple[str, os.stat_result | None]] = []
    for relpath in (sorted(seen.keys() | changed, key=lambda p: p.split("/")) if changed - seen.keys() else seen):
        if relpath not in changed:
            listing.append((relpath, None))
            continue
        try:
            stat = os.stat(content / relpath)
        except (FileNotFoundError, NotADirectoryError):  # removed
            continue
        if statmod.S_ISREG(stat.st_mode):
            listing.append((relpath, stat))
    return listing


def load_articles(content: Path, cache: Cache | None = None, seen: dict[str, tuple] | None = None,
                  changed: set[str] | None = None, listing: list[tuple[str, os.stat_result]] | None = None
                  ) -> tuple[list[Article], list[ContentError]]:
    """Parse every article (unchanged files from the cache, the rest on all cores); return them and the errors.

    ``seen`` maps a file to its "size:mtime:inode" and cache key at the last build: a file whose stat is
    the same is not even read.  It is updated in place.  ``changed`` (article paths relative to
    ``content/``, from file-system events) says that no other article changed since that build: then the
    folder is not even walked.  ``listing``: what ``walk_articles`` just returned."""
    cache = cache or Cache()
    seen = {} if seen is None else seen
    errors: list[ContentError] = []
    keyed: dict[str, tuple[str, str, str, str] | None] = {}
    current: dict[str, tuple] = {}
    racy = racy_time()
    if changed is not None:
        listing = _listing(content, seen, changed)
    # Nothing to reuse (a first build): the workers read the files too, instead of this process reading
    # them all before they start.
    deferred: list[tuple[str, tuple | None]] | None = [] if cache.empty() else None
    for relpath, stat in (listing if listing is not None else walk_articles(content)):
        known = seen.get(relpath)
        if stat is None:  # unchanged by the file-system events
            if cache.has(known[1]):  # type: ignore[index]
                keyed[known[1]] = None  # type: ignore[index]
                current[relpath] = known  # type: ignore[assignment]
                continue
            try:
                stat = os.stat(content / relpath)
            except FileNotFoundError:
                continue
        signature = file_signature(stat, racy)
        if known and signature and known[0] == signature and cache.has(known[1]):
            keyed[known[1]] = None  # unchanged since the last build: its parsed article is in the cache
            current[relpath] = known
            continue
        if deferred is not None:
            deferred.append((relpath, signature))
            keyed[relpath] = None  # keeps the place; replaced by the key below
            continue
        item = _read(content, relpath)
        if isinstance(item, ContentError):
            errors.append(item)
            current[relpath] = (None, "")  # listed, never cached: read again next time
            continue
        keyed[item[3]] = item
        current[relpath] = (signature, item[3])
    compress_bodies(len(current) + len(deferred or ()))  # (before the workers that parse are started)
    if deferred:
        keyed = _read_deferred(content, deferred, cache, keyed, current, errors)
    seen.clear()
    seen.update(current)
    articles = []
    for parsed in cache.get_many(keyed, lambda items: map_all(_parse_one, items, "parsing articles")).values():
        (errors if isinstance(parsed, ContentError) else articles).append(parsed)
    return articles, errors + duplicate_urls(content, articles)


def _read_deferred(content: Path, deferred: list[tuple[str, str | None]], cache: Cache, keyed: dict,
                   current: dict[str, tuple], errors: list[ContentError]) -> dict:
    """Read and parse the ``deferred`` articles on all cores (a first build: nothing to reuse); return
    ``keyed`` with each one's place holding its cache key."""
    done = map_all(_read_and_parse, [(content, relpath) for relpath, _ in deferred], "parsing articles")
    for (relpath, signature), (key, parsed) in zip(deferred, done):
        if key is None:
            errors.append(parsed)
            current[relpath] = (None, "")
        else:
            cache.get(key, lambda: parsed)
            current[relpath] = (signature, key)
    keyed = {(current[k][1] if k in current else k): v for k, v in keyed.items()}
    keyed.pop("", None)
    return keyed


def duplicate_urls(content: Path, articles: list[Article]) -> list[ContentError]:
    """An error for each article whose URL an earlier one already has."""
    errors, by_url = [], {}
    for article in articles:
        other = by_url.get(article.url)
        if other:
            errors.append(ContentError(f"{content.name}/{article.source_path}",
                                       f"duplicate slug: same URL {article.url} as {content.name}/{other.source_path}; "
                                       "rename one file",
                                       field="slug"))
        else:
            by_url[article.url] = article
    return errors


def reload_changed(content: Path, cache: Cache, seen: dict[str, tuple], changed: set[str]
                   ) -> dict[str, Article | ContentError] | None:
    """``load_articles`` for a build told by file-system events that only ``changed`` may differ from ``seen``
    (the last build's listing, with no errors): when each of them is still an article of that listing, only
    they are looked at, and every other cache entry is kept without looking.  Returns the parsed article (or
    the error) of each whose text changed; None when one came or went (then ``load_articles``)."""
    stats = {}
    for relpath in changed:
        if relpath not in seen:
            return None
        try:
            stats[relpath] = stat = os.stat(content / relpath)
        except (FileNotFoundError, NotADirectoryError):
            return None
        if not statmod.S_ISREG(stat.st_mode):
            return None
    cache.keep_all()
    racy = racy_time()
    reread = {}
    for relpath, stat in stats.items():
        known = seen[relpath]
        signature = file_signature(stat, racy)
        if signature and known[0] == signature and cache.has(known[1]):
            continue
        item = _read(content, relpath)
        if isinstance(item, ContentError):
            cache.drop(known[1])
            seen[relpath] = (None, "")
            reread[relpath] = item
            continue
        seen[relpath] = (signature, item[3])
        if item[3] != known[1] or not cache.has(item[3]):
            cache.drop(known[1])
            reread[relpath] = cache.get(item[3], lambda: _parse_one(item))
    return reread
