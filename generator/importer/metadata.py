"""What an input states about its article besides the text: a page's metadata, a batch row's columns, a
sidecar ``NAME.meta.yaml``.  One shape for all three, with where each value came from.

Precedence, one rule everywhere: an editor's edit (the importer never overwrites it) > what the input states
here > what the rules find in the text.  The publication date is not the event's: the text's own date of the
event wins when it is close before publication (see ``dates.with_publication``).
"""
from __future__ import annotations

import datetime as _dt
import email.utils
import functools
import re
from dataclasses import dataclass, field, replace
from urllib.parse import urlsplit

from ..content.article import web_address as checked_address
from ..data import load_data
from ..lang.text import fold, nfc, visible
from .finding import Finding

VIETNAM = _dt.timezone(_dt.timedelta(hours=7))  # a time with a zone is dated as in Vietnam (UTC+7)

# The fields an input may state, in front-matter order.
FIELDS = ("title", "published", "modified", "url", "source", "author", "section", "image", "image_caption")


@dataclass(frozen=True)
class Metadata:
    """Values an input states (None when it does not), and for each the evidence (“og:title”, “column
    `date` of raw/a.jsonl:12”)."""

    title: str | None = None
    published: _dt.date | None = None
    modified: _dt.date | None = None
    url: str | None = None
    source: str | None = None
    author: str | None = None
    section: str | None = None
    image: str | None = None
    image_caption: str | None = None
    evidence: dict = field(default_factory=dict)

    def stated(self) -> dict:
        """The fields the input states, in order."""
        return {name: getattr(self, name) for name in FIELDS if getattr(self, name) is not None}

    def finding(self, name: str, confidence: float = 1.0) -> Finding | None:
        """A field the input states as a Finding, its evidence where it came from; None when not stated."""
        value = getattr(self, name)
        return None if value is None else Finding(value, self.evidence.get(name, "stated by the input"), confidence)

    def under(self, other: "Metadata") -> "Metadata":
        """These values, each filled from ``other`` where this one states nothing (``other`` is weaker)."""
        values, evidence = {}, dict(self.evidence)
        for name in FIELDS:
            if getattr(self, name) is None and getattr(other, name) is not None:
                values[name] = getattr(other, name)
                evidence[name] = other.evidence.get(name, "")
        return replace(self, **values, evidence=evidence)


class MetadataError(ValueError):
    """A stated value that cannot be used (a date that is no date, a URL that is no web address)."""


def text_value(value: object) -> str | None:
    """A stated text: NFC, visible characters, whitespace collapsed; None when empty."""
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        value = ", ".join(str(v) for v in value if v not in (None, ""))
    text = " ".join(visible(nfc(str(value))).split())
    return text or None


_DMY = re.compile(r"^\s*(?:[^\d,]*,\s*)?(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\b")
_YMD = re.compile(r"^\s*(\d{4})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\b")
_ISO_TIME = re.compile(r"^\s*\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}")


def parse_date(value: object) -> _dt.date | None:
    """A publication date as inputs write it: ISO dates and times (a time with a zone dated in Vietnam),
    ``dd/mm/yyyy`` (Vietnamese order, with or without a weekday before it), ``yyyy/mm/dd``, RFC 2822 (feeds),
    a Unix timestamp.  Raises MetadataError for anything else."""
    if value is None or value == "":
        return None
    if isinstance(value, _dt.datetime):
        return _in_vietnam(value)
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 0 < value < 10**11:  # seconds (milliseconds when larger)
            return _dt.datetime.fromtimestamp(value, VIETNAM).date()
        if value < 10**14:
            return _dt.datetime.fromtimestamp(value / 1000, VIETNAM).date()
        raise MetadataError(f"{value!r} is not a date")
    text = str(value).strip()
    if text.isdigit() and len(text) in (10, 13):
        return parse_date(int(text))
    if _ISO_TIME.match(text):
        try:
            return _in_vietnam(_dt.datetime.fromisoformat(text.replace("Z", "+00:00")))
        except ValueError:
            pass
    for rx, order in ((_YMD, (0, 1, 2)), (_DMY, (2, 1, 0))):
        m = rx.match(text)
        if m:
            parts = [int(m.group(i + 1)) for i in range(3)]
            year, month, day = (parts[i] for i in order)
            try:
                return _dt.date(year, month, day)
            except ValueError:
                raise MetadataError(f"{text!r} is not a date (no day {day} in month {month} of {year})") from None
    try:
        return _in_vietnam(email.utils.parsedate_to_datetime(text))
    except (TypeError, ValueError, IndexError):
        pass
    raise MetadataError(f"{text!r} is not a date; write it as YYYY-MM-DD (or dd/mm/yyyy)")


def _in_vietnam(moment: _dt.datetime) -> _dt.date:
    return (moment.astimezone(VIETNAM) if moment.tzinfo else moment).date()


def web_address(value: object) -> str | None:
    """An http(s) address (anything else — ``javascript:``, a bare path — would be a dangerous or dead link
    on the article's page): the address, or MetadataError."""
    text = text_value(value)
    try:
        return None if text is None else checked_address(text)
    except ValueError as exc:
        raise MetadataError(str(exc)) from None


@functools.lru_cache(maxsize=1)
def _hosts() -> dict[str, str]:
    return {host.lower(): name for host, name in load_data("outlets.yaml")["hosts"].items()}


def outlet_of(url: str | None) -> str | None:
    """The outlet a web address belongs to, from the table of Vietnamese news hosts (``outlets.yaml``)."""
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
    while host:
        if host in _hosts():
            return _hosts()[host]
        host = host.partition(".")[2] if host.count(".") > 1 else ""
    return None


_SITE_SEPARATOR = re.compile(r"\s+(?:[-–—|:»]|::)\s+")


def without_site_name(title: str, site_names: list[str]) -> str:
    """A page title without the outlet's name the site appends or prepends (``… - VnExpress``,
    ``… | Báo Tuổi Trẻ``, ``Báo Đà Nẵng - …``)."""
    names = {_squash(n) for n in site_names if n}
    while True:
        separators = list(_SITE_SEPARATOR.finditer(title))
        if not separators:
            return title
        last, first = separators[-1], separators[0]
        if _is_site(title[last.end():], names):
            title = title[:last.start()].strip()
        elif _is_site(title[:first.start()], names):
            title = title[first.end():].strip()
        else:
            return title


def _squash(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", fold(name).lower())


_SITE_WORDS = re.compile(r"^(báo|tạp chí|cổng thông tin|trang tin|đài|truyền hình|kênh)\b|\.(vn|com|net|org)\b",
                         re.IGNORECASE)


def _is_site(part: str, names: set[str]) -> bool:
    squashed = _squash(part)
    if not squashed:
        return True
    short = len(part.split()) <= 8
    if squashed in names or (short and any(n in squashed for n in names if len(n) >= 4)):
        return True
    if short and _SITE_WORDS.search(part.strip()):
        return True
    return any(squashed == _squash(n) for n in _hosts().values())
