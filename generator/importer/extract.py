"""Raw article text → front-matter fields (each with its evidence) and a Markdown body."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..data import load_data
from ..lang.text import fold
from .blocks import RawDocument, parse_raw
from .body import render_body
from .dates import find_date
from .finding import Finding
from .metadata import Metadata
from .people import Person, short_office
from .places import find_location
from .raw import clean_text
from .speaker import find_people
from .tags import Vocabulary, find_tags
from .titles import likeliest_title, never_headline

_SENTENCE = re.compile(r"(?<=[.!?…])\s+(?=[A-ZĐ“\"À-Ỹ])")


FIELD_TEXT_LIMIT = 30_000


def _head(text: str) -> str:
    """The first FIELD_TEXT_LIMIT characters, cut at a line or sentence end when there is one."""
    cut = text[:FIELD_TEXT_LIMIT]
    end = max(cut.rfind("\n"), cut.rfind(". "))
    return cut[: end + 1] if end > FIELD_TEXT_LIMIT // 2 else cut


@dataclass(frozen=True)
class Extraction:
    """Everything the importer learned about one raw article."""

    title: Finding
    date: Finding
    speaker: Finding
    location: Finding
    tags: Finding
    source: Finding
    summary: Finding
    people: tuple[Person, ...]
    body: str
    removed: tuple[str, ...] = ()   # site chrome, markers and prefixes left out of the body
    meta: Metadata = Metadata()     # what the input stated besides the text

    def fields(self) -> dict[str, Finding]:
        """The explained fields, in front-matter order."""
        return {
            "title": self.title, "date": self.date, "speaker": self.speaker, "location": self.location,
            "tags": self.tags, "source": self.source, "summary": self.summary,
        }

    def stated(self) -> dict[str, Finding]:
        """The metadata fields the input stated that no rule reads (url, publication date, byline …)."""
        return {name: self.meta.finding(name) for name in self.meta.stated() if name not in ("title", "source")}


@functools.lru_cache(maxsize=1)
def _outlets() -> dict[str, str]:
    data = load_data("outlets.yaml")
    return {fold(k).strip(" .").lower(): v for k, v in data["prefixes"].items()}


_SOURCE_TAIL = re.compile(r"\s*:?\s*https?://\S*$|\s+\d{1,2}/\d{1,2}/\d{4}\b.*$")
_CHART_CREDIT = re.compile(r"\b(?:Đồ họa|Đồ hoạ|Ảnh|Thiết kế)\s*:")


def find_source(doc: RawDocument) -> Finding:
    """The outlet, from a prefix (``TPO - ``) or a ``Nguồn …`` line; photo credits don't count."""
    for block in doc.text_blocks("source"):
        # (not its address, "Hà Nội TV: https://…", nor a time after it, "Trung tâm Tin tức 15/5/2022, 06:00"; a
        # chart's sources with its designer, "Nguồn: Quốc hội. Đồ họa: Phương Anh", name no outlet)
        name = _SOURCE_TAIL.sub("", block.text).strip(" .,")
        if not name or _CHART_CREDIT.search(name):
            continue
        return Finding(_outlets().get(fold(name).lower(), name), f"source line “Nguồn {block.text}”", 0.9)
    if doc.prefix:
        known = _outlets().get(fold(doc.prefix).strip(" .").lower())
        if known:
            return Finding(known, f"outlet prefix “{doc.prefix} - ”", 0.9)
        return Finding(doc.prefix, f"unrecognised outlet prefix “{doc.prefix} - ”", 0.5)
    return Finding.none("no outlet prefix or source line")


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(text) if s.strip()]


def _shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit]
    comma = cut.rfind(", ")
    if comma > limit * 0.5:
        return cut[:comma] + "…"
    return cut[: cut.rfind(" ")].rstrip(",;:") + "…"


_QUOTE = re.compile(r"“([^”\"]{20,400})”")


def _first_quote(text: str) -> tuple[int, int, str] | None:
    """The first direct quote in ``text`` (start, end, the words quoted): between curly quotes, or between
    straight ones taken in pairs from the first (so that the words between two short quotes — '… là "xương
    sống", sự chuyên nghiệp … là "cơ bắp"' — are never taken for one)."""
    found = [(m.start(), m.end(), m.group(1)) for m in [_QUOTE.search(text)] if m]
    if '"' in text:
        marks = [i for i, c in enumerate(text) if c == '"']
        found += [(a, b + 1, text[a + 1:b]) for a, b in zip(marks[::2], marks[1::2]) if 20 <= b - a - 1 <= 400]
    return min(found) if found else None
_ATTENDANCE = re.compile(r"^(Dự|Tham dự|Cùng dự|Cùng tham dự|Có mặt|Đến dự)\b")


def _quote_of(doc: RawDocument, speaker: Person) -> str | None:
    """The first direct quote the text attributes to the speaker."""
    given = speaker.name.split()[-1]
    office = short_office(speaker.title) or ""
    for block in doc.text_blocks("para"):
        quote = _first_quote(block.text)
        if not quote:
            continue
        start, end, words = quote
        outside = block.text[:start] + block.text[end:]
        if speaker.name not in outside and not (office and office in outside) and f"ông {given}" not in outside.lower():
            continue
        if len(words.split()) >= 8:
            return words.strip(" .,…")
    return None


# A headline's closing full stop (one, not an ellipsis) is not the headline's: annotators and outlets' own
# pages write the headline without it.
_CLOSING_STOP = re.compile(r"(?<![.\s])\.$")


def _headline(text: str) -> str:
    return _CLOSING_STOP.sub("", text.strip())


def find_title(doc: RawDocument, speaker: Person | None = None, learned: bool = True) -> Finding:
    """The headline when the text has one — the first line the model (``titles.py``) finds likely enough,
    else the rules' — else a title built from the speaker's quote or the lead."""
    found = _find_title(doc, speaker, learned)
    return Finding(_without_site_name(doc, found.value), found.evidence, found.confidence)


_AFTER_HEADLINE = re.compile(r"\s+[-–|]\s+\S")


def _without_site_name(doc: RawDocument, title: str) -> str:
    """The headline without the site's name a page's title adds to it ("… Tổng thống Trump - Người Đưa Tin
    -->"), when the headline follows on a line of its own."""
    for block in doc.blocks[1:8]:
        if len(block.text) >= 20 and title.startswith(block.text) and _AFTER_HEADLINE.match(title, len(block.text)):
            return block.text
    return title


def _find_title(doc: RawDocument, speaker: Person | None, learned: bool) -> Finding:
    sure = 0.85  # (the rules' own headline, without the model)
    blocks = doc.blocks
    if learned and blocks and blocks[0].kind == "title" and blocks[0].text.count(" ") >= 3 and len(blocks) > 1 \
            and blocks[1].text.count(" ") >= 25 and not never_headline(blocks[0].text):
        # The plain case — a headline first, a paragraph under it — the model never judges otherwise (374
        # of 377 development pages right, hence its confidence): it is not asked.
        return Finding(_headline(blocks[0].text), "first line is a headline, a paragraph follows", 0.99)
    if learned:
        headline, sure = likeliest_title(doc)
        if headline:
            return Finding(_headline(headline), "the likeliest headline among the first lines", sure)
    titles = [b for b in doc.text_blocks("title") if not never_headline(b.text)]
    if titles:  # (with the model: as sure as it is that none of the first lines is the headline)
        if titles[0].text.count(" ") < 3:  # ("Hoạt động Đảng": a section's name as often as a headline)
            return Finding(_headline(titles[0].text), "first line, short: a headline or a section's name", 0.5)
        return Finding(_headline(titles[0].text), "first line is a headline", sure)
    if speaker:
        quote = _quote_of(doc, speaker)
        office = short_office(speaker.title)
        if quote:
            who = f"{office} {speaker.name}" if office else speaker.name
            return Finding(f"{who}: “{_shorten(quote, 90)}”", "no headline; the speaker's first direct quote", 0.5)
    paras = [b for b in doc.text_blocks("para") if not _ATTENDANCE.match(b.text)] or doc.text_blocks("para")
    if not paras:
        heads = doc.text_blocks("heading", "caption")
        text = heads[0].text if heads else "Bài viết không tên"
        return Finding(_shorten(text, 110), "no paragraph; first line used", 0.2)
    first = (_sentences(paras[0].text) or [paras[0].text])[0].rstrip(".")
    return Finding(_shorten(first, 110), "no headline; built from the lead's first sentence", 0.4)


def find_summary(doc: RawDocument) -> Finding:
    """One or two sentences of the lead."""
    paras = doc.text_blocks("para")
    if not paras:
        return Finding("", "no paragraph", 0.2)
    sentences = _sentences(paras[0].text) or [paras[0].text]
    summary = sentences[0]
    if len(summary) < 120 and len(sentences) > 1:
        summary = f"{summary} {sentences[1]}"
    return Finding(_shorten(summary, 300), "lead paragraph", 0.6)


def with_headline(text: str, title: str | None) -> str:
    """The text with a stated headline as its first line (where a scraped text has it), once."""
    if not title:
        return text
    first = next((line for line in text.split("\n") if line.strip()), "")
    if fold(first).strip(" .").lower() == fold(title).strip(" .").lower():
        return text
    return f"{title}\n\n{text}"


def extract(text: str, vocabulary: Vocabulary, meta: Metadata = Metadata()) -> Extraction:
    """Run every field rule over one clean raw text; what the input states (``meta``) wins over what the
    rules find, and its publication date dates the event when the text does not."""
    clean = with_headline(clean_text(text), meta.title)
    known = frozenset(_outlets())
    doc = parse_raw(clean, known)
    # The facts of an article are in its first pages; reading a 5 MB text for them only costs time.
    head = doc if len(clean) <= FIELD_TEXT_LIMIT else parse_raw(_head(clean), known)
    speaker, people = find_people(head)
    plain = "\n".join(b.text for b in doc.blocks)
    return Extraction(
        title=meta.finding("title", 0.95) or find_title(head, speaker.value),
        date=find_date(head, meta.published, meta.evidence.get("published", "")),
        speaker=speaker,
        location=find_location(head, speaker.value.title if speaker.value else None),
        tags=find_tags(plain, vocabulary),
        source=meta.finding("source", 0.95) or find_source(doc),
        summary=find_summary(head),
        people=tuple(people),
        body=render_body(doc),
        removed=doc.removed,
        meta=meta,
    )
