"""Loading ``content/articles/**/*.md`` into Article models, validating every field."""
from __future__ import annotations

import datetime as _dt
import os
import re
import stat as statmod
import time
from pathlib import Path
from typing import Any

from .cache import Cache, content_key
from .errors import ContentError
from .frontmatter import FIELD_ORDER, key_line, split_document
from .markup import MARKDOWN_SECONDS, SlowMarkdown, html_to_text, render_markdown
from .model import Article, PartialDate, PersonRef
from .parallel import map_all
from .text import nfc, slugify, visible

_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?$")
_MONTH_DAY = re.compile(r"^(\d{2})-(\d{2})$")
RACY_NS = 2_000_000_000  # files modified less than 2 s ago are never trusted by their stat
_OPTIONAL_TEXT = ("speaker", "speaker_title", "location", "source", "summary", "original")


def _parse_date(value: Any) -> PartialDate | None:
    if value is None:
        return None
    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, _dt.date):
        return PartialDate(value.year, value.month, value.day)
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        return PartialDate(value)
    if isinstance(value, str):
        value = value.strip()
        try:
            d = _dt.date.fromisoformat(value)
            return PartialDate(d.year, d.month, d.day)
        except ValueError:
            pass
        m = _PARTIAL_DATE.match(value)
        if m and 1000 <= int(m.group(1)) and (m.group(2) is None or 1 <= int(m.group(2)) <= 12):
            return PartialDate(int(m.group(1)), int(m.group(2)) if m.group(2) else None)
    raise ValueError(f"`date` must be YYYY-MM-DD, YYYY-MM, YYYY or null, not {value!r}")


def _text(value: Any, key: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return visible(nfc(str(value))).strip() or None
    raise ValueError(f"`{key}` must be text or null, not {type(value).__name__}")


MAX_TAGS = 100


def _tags(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, (str, int)) and not isinstance(v, bool) for v in value):
        raise ValueError(f"`tags` must be a list of text, like [COVID-19, An ninh trật tự], not {value!r}")
    if len(value) > MAX_TAGS:  # each tag's page shows every tag of the article: the output grows as the square
        raise ValueError(f"`tags` has {len(value)} tags; at most {MAX_TAGS} per article — keep the ones that matter")
    seen: list[str] = []
    for tag in (visible(nfc(str(v))).strip() for v in value):
        if tag and tag not in seen:
            seen.append(tag)
    return tuple(seen)


def _people(value: Any) -> tuple[PersonRef, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise ValueError("`people` must be a list of {name: …, title: …}")
    people = []
    for item in value:
        if isinstance(item, str):
            item = {"name": item}
        if not isinstance(item, dict) or not isinstance(item.get("name"), str) or set(item) - {"name", "title"}:
            raise ValueError(f"each entry of `people` needs a `name` (and optional `title`), not {item!r}")
        people.append(PersonRef(nfc(item["name"]).strip(), _text(item.get("title"), "people.title")))
    return tuple(people)


def article_url(slug: str, date: PartialDate | None) -> str:
    """Site-relative folder of an article: ``YYYY/MM/slug/``, ``YYYY/slug/`` or ``undated/slug/``."""
    if date is None:
        return f"undated/{slug}/"
    if date.month:
        return f"{date.year:04d}/{date.month:02d}/{slug}/"
    return f"{date.year:04d}/{slug}/"


def parse_article(text: str, relpath: str, digest: str = "") -> Article:
    """One Markdown file → Article; a ContentError names the file, line and field."""
    data, raw, body = split_document(text, relpath)
    for key in data:
        if key not in FIELD_ORDER:
            raise ContentError(relpath, f"unknown field `{key}` (known: {', '.join(FIELD_ORDER)}); rename or remove it",
                               line=key_line(raw, str(key)), field=str(key))

    def field(key: str, parse):
        try:
            return parse(data.get(key))
        except ValueError as exc:
            raise ContentError(relpath, str(exc), line=key_line(raw, key), field=key) from None

    title = field("title", lambda v: _text(v, "title"))
    if not title:
        raise ContentError(relpath, "`title` is required", line=key_line(raw, "title") or 2, field="title")
    date = field("date", _parse_date)
    date_partial = field("date_partial", lambda v: _text(v, "date_partial"))
    if date_partial and not _valid_month_day(date_partial):
        raise ContentError(relpath, f"`date_partial` must be MM-DD, not {date_partial!r}",
                           line=key_line(raw, "date_partial"), field="date_partial")
    texts = {key: field(key, lambda v, k=key: _text(v, k)) for key in _OPTIONAL_TEXT}
    draft = data.get("draft", False)
    if not isinstance(draft, bool):
        raise ContentError(relpath, f"`draft` must be true or false, not {draft!r}", line=key_line(raw, "draft"),
                           field="draft")
    slug = slugify(Path(relpath).stem)
    body_html = _body_html(body, relpath, text)
    return Article(
        source_path=relpath, slug=slug, title=title, date=date, date_partial=date_partial,
        speaker=texts["speaker"], speaker_title=texts["speaker_title"], location=texts["location"],
        tags=field("tags", _tags), people=field("people", _people), source=texts["source"],
        summary=texts["summary"] or "", draft=draft, original=texts["original"],
        body_html=body_html, body_text=html_to_text(body_html), url=article_url(slug, date),
        digest=digest or content_key("article", relpath, text),
    )


_NESTING = re.compile(r"^[ \t>]{200,}", re.M)  # 200 levels of indentation or quoting: no article nests so deep


def _body_html(body: str, relpath: str, text: str) -> str:
    """The body rendered; nesting deep enough to make Markdown recurse for ever is an error naming the line."""
    deep = _NESTING.search(body)
    if deep is None:
        try:
            return render_markdown(body)
        except RecursionError:
            pass
        except SlowMarkdown:
            raise ContentError(relpath, f"rendering the body took over {MARKDOWN_SECONDS:.0f} s (Python-Markdown "
                               "is slow on long paragraphs full of * _ [ ] < characters); split them into "
                               "paragraphs, or escape those characters with \\") from None
    line = text.count("\n", 0, len(text) - len(body) + (deep.start() if deep else 0)) + 1
    raise ContentError(relpath, "the body nests lists or quotes too deeply to render (200 levels or more); "
                       "flatten them", line=line if deep else None)


def _valid_month_day(value: str) -> bool:
    m = _MONTH_DAY.match(value)
    if not m:
        return False
    try:
        _dt.date(2000, int(m.group(1)), int(m.group(2)))  # a leap year admits 02-29
        return True
    except ValueError:
        return False


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


def _signature(stat: os.stat_result, racy: int) -> str | None:
    """What a file's stat says of its contents: None when it changed after ``racy`` (ns).  A file changed in
    the last moments may change again within the same clock tick, size unchanged: its stat proves nothing,
    so it is read again next time (git's "racy clean" rule).  (One string rather than a tuple of three
    numbers: the saved state holds one per article.)"""
    return f"{stat.st_size}:{stat.st_mtime_ns}:{stat.st_ino}" if stat.st_mtime_ns < racy else None


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
    racy = time.time_ns() - RACY_NS
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
        signature = _signature(stat, racy)
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
    if deferred:
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
    seen.clear()
    seen.update(current)
    articles = []
    for parsed in cache.get_many(keyed, lambda items: map_all(_parse_one, items, "parsing articles")).values():
        (errors if isinstance(parsed, ContentError) else articles).append(parsed)
    return articles, errors + duplicate_urls(content, articles)


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
    racy = time.time_ns() - RACY_NS
    reread = {}
    for relpath, stat in stats.items():
        known = seen[relpath]
        signature = _signature(stat, racy)
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
