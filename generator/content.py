"""Loading ``content/articles/**/*.md`` into Article models, validating every field."""
from __future__ import annotations

import datetime as _dt
import re
from pathlib import Path
from typing import Any

from .cache import Cache, content_key
from .errors import ContentError
from .frontmatter import FIELD_ORDER, key_line, split_document
from .markup import html_to_text, render_markdown
from .model import Article, PartialDate, PersonRef
from .parallel import map_all
from .text import nfc, slugify

_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?$")
_MONTH_DAY = re.compile(r"^(\d{2})-(\d{2})$")
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
        if m and (m.group(2) is None or 1 <= int(m.group(2)) <= 12):
            return PartialDate(int(m.group(1)), int(m.group(2)) if m.group(2) else None)
    raise ValueError(f"`date` must be YYYY-MM-DD, YYYY-MM, YYYY or null, not {value!r}")


def _text(value: Any, key: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return nfc(str(value)).strip() or None
    raise ValueError(f"`{key}` must be text or null, not {type(value).__name__}")


def _tags(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, (str, int)) and not isinstance(v, bool) for v in value):
        raise ValueError(f"`tags` must be a list of text, like [COVID-19, An ninh trật tự], not {value!r}")
    seen: list[str] = []
    for tag in (nfc(str(v)).strip() for v in value):
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


def parse_article(text: str, relpath: str) -> Article:
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
    body_html = render_markdown(body)
    return Article(
        source_path=relpath, slug=slug, title=title, date=date, date_partial=date_partial,
        speaker=texts["speaker"], speaker_title=texts["speaker_title"], location=texts["location"],
        tags=field("tags", _tags), people=field("people", _people), source=texts["source"],
        summary=texts["summary"] or "", draft=draft, original=texts["original"],
        body_html=body_html, body_text=html_to_text(body_html), url=article_url(slug, date),
    )


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
    root = content / "articles"
    return sorted(p for p in root.rglob("*.md") if p.is_file() and not p.name.startswith(".")) if root.exists() else []


def _parse_one(item: tuple[str, str, str]) -> Article | ContentError:
    text, relpath, shown = item
    try:
        return parse_article(text, relpath)
    except ContentError as exc:
        return ContentError(shown, exc.message, line=exc.line, field=exc.field)


def load_articles(content: Path, cache: Cache | None = None) -> tuple[list[Article], list[ContentError]]:
    """Parse every article (unchanged files from the cache, the rest on all cores); return them and the errors."""
    cache = cache or Cache(None)
    errors: list[ContentError] = []
    keyed: dict[str, tuple[str, str, str]] = {}
    for path in article_files(content):
        relpath = path.relative_to(content).as_posix()
        shown = path.relative_to(content.parent).as_posix()  # "content/articles/…" in messages
        data = path.read_bytes()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            errors.append(ContentError(shown, f"not UTF-8 (byte {exc.start}); save the file as UTF-8"))
            continue
        keyed[content_key("article", relpath, data)] = (text, relpath, shown)
    articles = []
    for parsed in cache.get_many(keyed, lambda items: map_all(_parse_one, items)).values():
        (errors if isinstance(parsed, ContentError) else articles).append(parsed)
    by_url: dict[str, Article] = {}
    for article in articles:
        other = by_url.get(article.url)
        if other:
            errors.append(ContentError(f"{content.name}/{article.source_path}",
                                       f"duplicate slug: same URL {article.url} as {content.name}/{other.source_path}; "
                                       "rename one file",
                                       field="slug"))
        else:
            by_url[article.url] = article
    return articles, errors
