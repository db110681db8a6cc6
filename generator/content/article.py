"""An article as its Markdown file states it: a frozen dataclass, and parsing one file into it with
every field validated."""
from __future__ import annotations

import datetime as _dt
import functools
import re
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..cache import content_key
from ..errors import ContentError
from ..lang.text import format_date, format_partial, nfc, slugify, visible
from . import body_store
from .frontmatter import FIELD_ORDER, REVIEWABLE, key_line, split_document
from .markup import MARKDOWN_SECONDS, SlowMarkdown, html_to_text, render_markdown


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the day, the month or only the year."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> str:
        """``day``, ``month`` or ``year``."""
        return "day" if self.day else "month" if self.month else "year"

    def iso(self) -> str:
        """``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``."""
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def vietnamese(self) -> str:
        """As Vietnamese papers write it: ``Thứ ba, 17/8/2021``."""
        return format_date(self.year, self.month, self.day)

    def as_date(self) -> _dt.date:
        """The first day the partial date can mean (for feeds and sorting)."""
        return _dt.date(self.year, self.month or 1, self.day or 1)


class Body:
    """An article's rendered body and its plain text.

    In a big archive the bodies are most of what a build holds (10,000 articles: 157 of the 186 MB their
    parsed articles take), so from ``COMPRESS_FROM`` articles on — set by ``compress_bodies`` before they
    are parsed — they are kept zlib-compressed, seven times smaller, and unpacked at each use (a page, the
    search index, a feed: a few times per article per build).  Below it they stay plain: speed matters
    more than memory there.  Either way every output is the same."""

    __slots__ = ("_html", "_text")

    def __init__(self, html: str, text: str) -> None:
        self._html, self._text = (_pack(html), _pack(text)) if _COMPRESSING[0] else (html, text)

    @property
    def html(self) -> str:
        return _unpack(self._html)

    @property
    def text(self) -> str:
        return _unpack(self._text)


def _pack(text: str) -> bytes:
    return zlib.compress(text.encode("utf-8"), 1)


def _unpack(value: str | bytes) -> str:
    return value if isinstance(value, str) else zlib.decompress(value).decode("utf-8")


COMPRESS_FROM = 20_000  # articles in the archive (100,000 articles: 1.6 GB of bodies plain, 0.2 GB packed)
_COMPRESSING = [False]


def compress_bodies(articles: int) -> None:
    """Keep the bodies parsed from now on compressed when the archive has ``articles`` or more (in this
    process and the workers it starts)."""
    _COMPRESSING[0] = articles >= COMPRESS_FROM


@dataclass(frozen=True)
class PersonRef:
    """Someone named in an article, with the title the article gives."""

    name: str
    title: str | None = None


@dataclass(frozen=True)
class Article:
    """One article: front matter plus rendered body."""

    source_path: str          # relative to content/, e.g. "articles/2021/08/slug.md"
    slug: str
    title: str
    date: PartialDate | None
    date_partial: str | None
    speaker: str | None
    speaker_title: str | None
    location: str | None
    tags: tuple[str, ...]
    people: tuple[PersonRef, ...]
    source: str | None
    summary: str
    draft: bool
    original: str | None
    body: Body = field(compare=False, repr=False)   # the digest stands for the body in comparisons
    url: str                  # site-relative folder, e.g. "2021/08/slug/"
    digest: str = ""          # hash of the file and its path, which determine everything above
    review: tuple[str, ...] = ()  # fields an editor should still check (never shown on the published site)
    # What the input stated (front matter `url`, `published`, …): the original article's address, its
    # publication date, byline, section, lead image and its caption.
    source_url: str | None = None
    published: PartialDate | None = None
    author: str | None = None
    section: str | None = None
    image: str | None = None
    image_caption: str | None = None
    aliases: tuple[str, ...] = ()  # earlier addresses of the article (site paths): redirect pages lead here

    @property
    def body_html(self) -> str:
        return self.body.html

    @property
    def body_text(self) -> str:
        return self.body.text

    def __getattr__(self, name: str):
        # Only called for a missing attribute: a body left out of the pickled build state.
        if name == "body":
            body = Body(*body_store.load(self.digest))
            object.__setattr__(self, "body", body)
            return body
        raise AttributeError(name)

    def __reduce__(self):
        state = self.__dict__
        body = state.get("body")
        if body is not None and body_store.stash(self.digest, lambda: (body.html, body.text)):
            state = {k: v for k, v in state.items() if k != "body"}
        return _article, (state,)

    @functools.cached_property
    def date_label(self) -> str:
        """The date as readers see it."""
        if self.date:
            return self.date.vietnamese()
        return format_partial(self.date_partial).capitalize() if self.date_partial else "Không rõ ngày"

    @property
    def reading_minutes(self) -> int:
        """Reading time at about 200 words a minute (at least one)."""
        return max(1, round(len(self.body_text.split()) / 200))

    @functools.cached_property
    def sort_key(self) -> tuple:
        """Newest first when sorted ascending; undated articles last — those whose day and month are known
        (``date_partial``) by them, late in the year first, then the others — and by slug among equals."""
        d = self.date.as_date() if self.date else _dt.date.min
        partial = -int(self.date_partial.replace("-", "")) if self.date is None and self.date_partial else 0
        return (-d.toordinal(), partial, self.slug)


def _article(state: dict) -> Article:
    article = object.__new__(Article)
    article.__dict__.update(state)
    return article


_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?$")
_MONTH_DAY = re.compile(r"^(\d{2})-(\d{2})$")
_OPTIONAL_TEXT = ("speaker", "speaker_title", "location", "source", "summary", "original", "author", "section",
                  "image_caption")


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
    chosen = field("slug", lambda v: _text(v, "slug"))
    slug = slugify(chosen or Path(relpath).stem)
    body_html = _body_html(body, relpath, text)
    return Article(
        source_path=relpath, slug=slug, title=title, date=date, date_partial=date_partial,
        speaker=texts["speaker"], speaker_title=texts["speaker_title"], location=texts["location"],
        tags=field("tags", _tags), people=field("people", _people), source=texts["source"],
        summary=texts["summary"] or "", draft=draft, original=texts["original"],
        body=Body(body_html, html_to_text(body_html)), url=article_url(slug, date),
        digest=digest or content_key("article", relpath, text), review=field("review", _review),
        source_url=field("url", lambda v: _web_address(v, "url")), published=field("published", _parse_published),
        author=texts["author"], section=texts["section"], image=field("image", lambda v: _web_address(v, "image")),
        image_caption=texts["image_caption"], aliases=field("aliases", site_paths),
    )


def web_address(text: str) -> str:
    """``text`` when it is an http(s) address, else ValueError: a ``javascript:`` address would run on the
    reader's click, a bare path would be a dead link."""
    parts = urlsplit(text)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or any(c.isspace() for c in text):
        raise ValueError(f"{text[:80]!r} is not a web address (http:// or https://)")
    return text


def _web_address(value: Any, key: str) -> str | None:
    text = _text(value, key)
    try:
        return None if text is None else web_address(text)
    except ValueError as exc:
        raise ValueError(f"`{key}`: {exc}") from None


def _parse_published(value: Any) -> PartialDate | None:
    try:
        return _parse_date(value)
    except ValueError:
        raise ValueError(f"`published` must be YYYY-MM-DD (the date the outlet published the article), "
                         f"not {value!r}") from None


def site_path(value: str) -> str:
    """An address of this site as a folder path (``2021/08/bai-cu/``): a leading ``/`` and ``index.html``
    dropped; ValueError for an address of another site or one that climbs out (``..``)."""
    text = str(value).strip()
    if "://" in text or text.startswith("//") or any(c.isspace() for c in text):
        raise ValueError(f"{text[:80]!r} is not an address of this site (write the path, like 2021/08/bai-cu/)")
    path = text.lstrip("/").removesuffix("index.html")
    parts = [p for p in path.split("/") if p]
    if not parts or any(p in (".", "..") for p in parts):
        raise ValueError(f"{text[:80]!r} is not an address of this site (write the path, like 2021/08/bai-cu/)")
    return "/".join(parts) + "/"


def site_paths(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"`aliases` lists earlier addresses of the article, like [2021/08/bai-cu/], not {value!r}")
    return tuple(dict.fromkeys(site_path(v) for v in value))


def _review(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v in REVIEWABLE for v in value):
        raise ValueError(f"`review` lists the fields still to check, among {', '.join(REVIEWABLE)} "
                         f"(like [date, location]); not {value!r}. Delete a field from it once it is right")
    return tuple(dict.fromkeys(value))


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
