"""Finding the date of the reported event in Vietnamese news text.

Rules: an explicit date wins; a day/month gets its year only from the text
(a ``date YYYY-MM`` marker or a full date of the same period); dates of cited
documents (Quyết định … ngày 7/9/2021) never count; no year → ``date_partial``.
"""
from __future__ import annotations

import dataclasses
import datetime as _dt
import re
from dataclasses import dataclass

from .blocks import RawDocument
from .finding import Finding
from .years import (DOCUMENT, YEAR_MENTION, lead_end_of, usual_year,
                    year_elsewhere)

_DAYPART = r"(?:sáng|trưa|chiều|tối|đêm|rạng sáng|khuya)(?:\s+(?:nay|qua|mai))?"
# (Patterns that start with a digit, not a look-behind, let ``re`` skip ahead to digits; what may come before
# the date is checked by ``_digit_led``.)
_FULL_NUMERIC = re.compile(r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*((?:19|20)\d{2})(?![\d/])")
# After another date's year, "1/1/1997-1/1/2017", a hyphen does not make a date part of a number.
_YEAR_DASH_BEFORE = re.compile(r"\d{4}[-–]\Z")
_FULL_WORDS = re.compile(r"(?:ngày|mồng|mùng)\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+((?:19|20)\d{2})", re.IGNORECASE)
# A cued day and month ("sáng 27.7", "hôm nay (15.5)", "Ngày thứ Hai, 11/5"), found from the day and month
# (digits, which ``re`` skips ahead to) and then the cue just before.
_DAY_MONTH = re.compile(r"(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})(?!\s*[/.-]\s*\d)(?![\d])")
_PARTIAL_CUE = re.compile(
    r"(?:" + _DAYPART + r"|hôm nay|hôm qua|ngày|mồng|mùng|hôm)\s*[,(]?\s*(?:thứ\s+\w+\s*,?\s*|chủ nhật\s*,?\s*)?(?:ngày\s+)?\Z",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _Cued:
    """A cued day and month: where its cue starts, the cue, the day, the month and where it ends."""

    start: int
    cue: str
    day: str
    month: str
    end: int


def _cued_days(text: str):
    """Each cued day and month in ``text``, in order (several times faster on a long text than one pattern
    with the cue first, which ``re`` would try at every position)."""
    for m in _digit_led(_DAY_MONTH, text, "0123456789/.-"):
        cue = _PARTIAL_CUE.search(text, max(0, m.start() - 50), m.start())
        if cue:
            yield _Cued(cue.start(), cue.group(0), m.group("d"), m.group("m"), m.end())


# "ngày 5 tháng 3" (its cue, "sáng", "hôm", looked for just before: a leading optional group would be tried
# at every position of the text).
_PARTIAL_WORDS = re.compile(r"(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})(?!\s+năm\s+\d)(?!\d|[.,]\d)", re.IGNORECASE)
_NGAY_BEFORE = re.compile(r"(?:ngày|mồng|mùng)\s+\Z", re.IGNORECASE)
_PARTIAL_WORDS_CUE = re.compile(r"(?:" + _DAYPART + r"|hôm)\s+\Z", re.IGNORECASE)  # ("Tối 05 tháng 12": no "ngày")
# Relative day words; they date the event only against a date written in the text.
_RELATIVE = re.compile(r"\b((?:sáng|trưa|chiều|tối|đêm|hôm) (?:qua|nay))\b", re.IGNORECASE)
# Dates of other, earlier or coming events: "Trước đó, ngày …", "ngày 17/5 tới".
_EARLIER = re.compile(r"\b(trước đó(?: không lâu| ít lâu| ít ngày| vài ngày| mấy ngày| ít hôm| vài hôm)?|hôm trước|"
                      r"tuần trước|năm ngoái|năm trước)\s*,?\s*(ngày\s*)?\Z", re.IGNORECASE)
_COMING = re.compile(r"^\s*(tới|sắp tới|tới đây)\b", re.IGNORECASE)
_DEADLINE = re.compile(r"\b(trước|chậm nhất|đến|từ|sau|hạn|hết|tới|trong)\s+(ngày\s*)?\Z", re.IGNORECASE)
_PLANNED = re.compile(r"\b(dự kiến|sẽ|theo kế hoạch|dự định)\b[^.;\n]*\Z", re.IGNORECASE)
_LUNAR = re.compile(r"^\s*(âm lịch|ÂL)\b", re.IGNORECASE)
_EVENT_VERB = re.compile(r"\b(tổ chức|diễn ra|khai mạc|bế mạc|họp|vào)\s+\Z", re.IGNORECASE)
_CLOCK_BEFORE = re.compile(r"\d{1,2}\s*(?:giờ|h|:)\s*(?:\d{1,2}\s*(?:phút)?)?\s*,?\s*\Z", re.IGNORECASE)
_RANGE = re.compile(r"\b(từ|đến|tới)\s+(ngày\s+)?\Z", re.IGNORECASE)


@dataclass(frozen=True)
class DateValue:
    """An event date: ISO (possibly partial) and, when the year is unknown, ``MM-DD``."""

    iso: str | None
    partial: str | None = None


def _valid(year: int, month: int, day: int) -> bool:
    try:
        _dt.date(year, month, day)
        return True
    except ValueError:
        return False


def _is_document_date(text: str, start: int) -> bool:
    return bool(DOCUMENT.search(text[max(0, start - 90):start]))


# A span of years, "(2/9/1945 – 2/9/2020)", "(1991-2021)": when long, an anniversary's, its first year history.
_ANNIVERSARY = re.compile(r"(?:\d{1,2}[/.-]\d{1,2}[/.-])?((?:19|20)\d{2})\s*[-–]\s*(?:\d{1,2}[/.-]\d{1,2}[/.-])?"
                          r"((?:19|20)\d{2})(?![\d/])")
# The first day of a span written with one month: "từ ngày 10-11/9/2023".
_FULL_DAY_SPAN = re.compile(r"(\d{1,2})\s*[-–]\s*\d{1,2}\s*/\s*(\d{1,2})\s*/\s*((?:19|20)\d{2})(?![\d/])")


def _digit_led(pattern: re.Pattern[str], text: str, not_after: str, unless=None):
    """The matches of a digit-led ``pattern`` not right after a character of ``not_after`` (unless the text
    before matches ``unless``) — what a leading look-behind finds; a refused match is looked for again from
    its next character, as the look-behind would."""
    position = 0
    while match := pattern.search(text, position):
        start = match.start()
        if start and text[start - 1] in not_after and not (unless and unless.search(text, max(0, start - 8), start)):
            position = start + 1
            continue
        yield match
        position = match.end() if match.end() > start else start + 1


def _full_dates(text: str) -> list[tuple[int, _dt.date, bool]]:
    """(position, date, is_document) for every full date in ``text``."""
    found = []
    for matches in (_digit_led(_FULL_NUMERIC, text, "0123456789.-", _YEAR_DASH_BEFORE), _FULL_WORDS.finditer(text),
                    _digit_led(_FULL_DAY_SPAN, text, "0123456789.-")):
        for m in matches:
            d, mo, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
            if _valid(y, mo, d):
                found.append((m.start(), _dt.date(y, mo, d), _is_document_date(text, m.start())))
    return sorted(found)


def _year_for(month: int, day: int, marker, full: list[_dt.date], stamps: list[_dt.date],
              months: list[tuple[int, int]]) -> tuple[int | None, str, float]:
    """The year of a day/month from the text itself, with the evidence and how sure it is.

    Sources, in order: the ``date`` marker; a publication stamp up to a month
    after the event; a full date of the same few days (a range ending that day);
    "từ tháng 4-2017 đến nay" when the event is in that month or the next.
    Older dates in the text are often earlier events, so they must be close.
    """
    if marker:
        year, mmonth = marker[0], marker[1]
        # The marker is the publication month; an event reported then is at most
        # a few months earlier (December events published in January).
        if month > mmonth + 1:
            year -= 1
        return year, f"marker date {marker[0]}-{marker[1]:02d}", 0.85
    for stamp in stamps:
        for year in (stamp.year, stamp.year - 1):
            if _valid(year, month, day) and 0 <= (stamp - _dt.date(year, month, day)).days <= 31:
                return year, f"publication stamp {stamp.isoformat()}", 0.85
    # A full date of the same days, else of the same weeks (a story of the same period, "ngày 2/6/2021").
    near = sorted((abs((_dt.date(year, month, day) - d).days), -year, d) for d in full
                  for year in (d.year - 1, d.year, d.year + 1) if _valid(year, month, day))
    near = [(days, -year, d) for days, year, d in near]  # of equally near ones, the later year
    if near and near[0][0] <= 3:
        return near[0][1], f"full date {near[0][2].isoformat()} of the same days in the text", 0.85
    if near and near[0][0] <= 45:
        return near[0][1], f"full date {near[0][2].isoformat()} of the same weeks in the text", 0.65
    for since_year, since_month in months:
        if 0 <= month - since_month <= 1:
            return since_year, f"“từ tháng {since_month}-{since_year} đến nay” in the text", 0.85
    return None, "no year in the text", 0.0


# "từ tháng 4-2017 đến nay", "Từ ngày 20/7/2021 đến nay": the event ("now") is in that period.
_SINCE = re.compile(
    r"\btừ (?:đầu )?(?:ngày (?:\d{1,2})\s*[/.-]\s*|tháng\s+)(\d{1,2})\s*[/.-]\s*((?:19|20)\d{2})\s+(?:đến|tới) nay\b",
    re.IGNORECASE,
)


def _since_months(text: str) -> list[tuple[int, int]]:
    return [(int(m.group(2)), int(m.group(1))) for m in _SINCE.finditer(text)]


def find_date(doc: RawDocument, published: _dt.date | None = None, stated_by: str = "") -> Finding:
    """Return a Finding whose value is a DateValue (or None).  ``published``, the publication date the
    input states (``stated_by`` says where), counts as the page's own stamp, and dates the article when the
    text gives no event date close before it."""
    if published is not None:
        doc = dataclasses.replace(doc, stamps=doc.stamps + ((published.year, published.month, published.day),))
    finding = _calibrated(_find_date(doc))
    return finding if published is None else with_publication(finding, published, stated_by)


# How often each rule's date is right on the annotated development pages (1,122 pages of rounds 1–9,
# bench/extract_eval.py), by what its evidence says — the confidence the review queue reads.  The rules'
# own confidences rank their choices; these say how far to trust them.  Not listed: the learned year
# (its probability is calibrated), a year alone (right about half the time), a day and month without a year
# (flagged by design: the editor may know the year) and a date after the page's own.
_MEASURED = (
    ("counted from the publication stamp", 0.9),  # 10 of 10
    ("” within “", 0.9),                           # a day inside a span: 5 of 5
    ("year from publication stamp", 0.97),         # 143 of 146
    ("year from marker date", 0.94),               # 119 of 126
    ("of the same days in the text", 0.86),        # 25 of 29
    ("of the same weeks in the text", 0.8),        # 12 of 15
    ("no date and no year anywhere", 0.9),         # 63 of 70
    ("publication stamp in the text (no event date)", 0.88),  # 50 of 57
    ("date marker at the start of the text", 0.9),  # 43 of 48
    ("no event date in the text", 0.76),           # 42 of 55
    ("only dates of cited documents", 0.67),       # 6 of 9
)


def _calibrated(finding: Finding) -> Finding:
    for words, measured in _MEASURED:
        if words in finding.evidence:
            return Finding(finding.value, finding.evidence, measured)
    if finding.confidence == 0.95 and finding.evidence.startswith("“"):
        return Finding(finding.value, finding.evidence, 0.88)  # a full date with its cue: 103 of 117
    return finding


def _stamp_year(month: int, day: int, stamps: list[_dt.date]) -> tuple[int, str, float] | None:
    """The year of a page stamped months after the day it reports, earlier the same year ("Sáng 20/5" on a page
    of 12/10/2020), when the text names no year at all: likely, not sure — for the editor to check."""
    for stamp in stamps:
        if _valid(stamp.year, month, day) and _dt.date(stamp.year, month, day) <= stamp:
            return stamp.year, f"the page's stamp {stamp.isoformat()}, months later", 0.5
    return None


# An event is reported within days of it; a date of the text further before the publication is another
# (earlier) event's, or a background date.
EVENT_BEFORE_PUBLICATION = _dt.timedelta(days=31)


def with_publication(finding: Finding, published: _dt.date, stated_by: str) -> Finding:
    """The event date given the publication date: the text's own date when it is a full date up to a month
    before publication (or the day after: a page dated at midnight), else the publication date."""
    iso = finding.value.iso if finding.value else None
    said = f"publication date {published.isoformat()} ({stated_by})"
    if iso and len(iso) == 10:
        event = _dt.date.fromisoformat(iso)
        if published - EVENT_BEFORE_PUBLICATION <= event <= published + _dt.timedelta(days=1):
            return Finding(finding.value, f"{finding.evidence}; {said}", max(finding.confidence, 0.85))
        gap = (published - event).days
        why = (f"the text's {iso} is {gap} days before it: an earlier event's" if gap > 0
               else f"the text's {iso} is after it")
        return Finding(DateValue(published.isoformat()), f"{said}; {why}", 0.8)
    why = f"; the text: {finding.evidence}" if finding.evidence else ""
    return Finding(DateValue(published.isoformat()), f"{said}{why}", 0.9)


def _find_date(doc: RawDocument) -> Finding:
    finding = _find_in(doc, "\n".join(b.text for b in doc.text_blocks("para", "title", "heading")))
    if (finding.value is None or finding.confidence < 0.7) and doc.text_blocks("caption"):
        # Some pages are a single long caption, or date the event only under a photo ("Sáng 27/2/2019, tại
        # Phủ Chủ tịch …"): read captions only when prose has no date.
        from_captions = _find_in(doc, "\n".join(b.text for b in doc.text_blocks("caption")))
        if from_captions.value is not None and from_captions.confidence >= 0.7:
            finding = from_captions
    return _not_after_the_page(doc, finding)


def _not_after_the_page(doc: RawDocument, finding: Finding) -> Finding:
    """An event is not reported before it happens: a date after the page's own latest stamp is not used
    (the year, or the date, belongs to something else); the day and month stay for the editor."""
    iso = finding.value.iso if finding.value else None
    if iso and len(iso) == 10 and _dt.date.fromisoformat(iso) > _dt.date.today() + _dt.timedelta(days=1):
        # Not reported yet: the year belongs to something else (a promotion for next year's forum …).
        return Finding(DateValue(None, iso[5:]), f"{finding.evidence} — but {iso} is after today: the year is left "
                                                f"out", 0.5)
    stamps = [_dt.date(*s) for s in doc.stamps if _valid(*s)]
    if not iso or len(iso) != 10 or not stamps or _dt.date.fromisoformat(iso) <= max(stamps) + _dt.timedelta(days=1):
        return finding
    return Finding(DateValue(None, iso[5:]), f"{finding.evidence} — but {iso} is after the page's own date "
                                            f"{max(stamps).isoformat()}: the year is left out", 0.5)


# "từ ngày 08/3 đến 13/3/2017", "từ ngày 24 đến ngày 26-8-2010" (the first day's month is the last day's).
_SPAN = re.compile(r"\b(?:diễn ra |tổ chức |kéo dài )?từ (?:ngày\s+)?(\d{1,2})(?:[/-](\d{1,2}))?\s*(?:đến|tới|-|–)\s*(?:ngày\s+)?"
                   r"(\d{1,2})[/-](\d{1,2})[/-]((?:19|20)\d{2})", re.IGNORECASE)


def _candidates(text: str, full: list) -> list[tuple[int, int, int, bool, str]]:
    """Day/month dates an event may be on: (position, day, month, strongly cued, the words)."""
    candidates = []
    for m in _cued_days(text):
        if _is_document_date(text, m.start) or _RANGE.search(text[max(0, m.start - 12):m.start + 1]):
            continue
        if _EARLIER.search(text[max(0, m.start - 30):m.start]) or _COMING.match(text[m.end:m.end + 12]):
            continue
        if _LUNAR.match(text[m.end:m.end + 12]) or _PLANNED.search(text[max(0, m.start - 60):m.start]):
            continue
        d, mo = int(m.day), int(m.month)
        if not (1 <= mo <= 12 and 1 <= d <= 31):
            continue
        cue = m.cue.strip(" ,(")
        # A capitalised cue ("Ngày 11/5 tại …") starts a sentence even when run in after a caption.
        # "hôm 22/10" and a clock time before the day ("Lúc 12h40 ngày 9/11") date what happened.
        strong = (cue.lower() != "ngày" or cue[:1].isupper() or _at_clause_start(text, m.start)
                  or bool(_EVENT_VERB.search(text[max(0, m.start - 25):m.start]))
                  or bool(_CLOCK_BEFORE.search(text, max(0, m.start - 20), m.start)))
        candidates.append((m.start, d, mo, strong, text[m.start:m.end]))
    for m in _digit_led(_PARTIAL_WORDS, text, "0123456789.,"):
        day = _NGAY_BEFORE.search(text, max(0, m.start() - 12), m.start())
        begin = day.start() if day else m.start()
        cue = _PARTIAL_WORDS_CUE.search(text, max(0, begin - 24), begin)
        start = cue.start() if cue else begin
        if _is_document_date(text, start) or not (cue or day):
            continue
        d, mo = int(m.group("d")), int(m.group("m"))
        if 1 <= mo <= 12 and 1 <= d <= 31:
            candidates.append((start, d, mo, bool(cue) or _at_clause_start(text, start), text[start:m.end()]))
    for pos, date, is_doc in full:
        if _EARLIER.search(text[max(0, pos - 30):pos]) or re.search(r"\d{4}\s*[-–]\s*\Z", text[max(0, pos - 8):pos]):
            continue  # an earlier day's, or the end of a span ("(28/8/1945-28/8/2015)"): not the event's day
        # "Sáng 12/3/2024", "sáng nay (20/7/2021)", "chiều nay (ngày 4/8/2015)", "Ngày hôm nay 15/8/2023".
        daypart = re.search(r"(?:" + _DAYPART + r"|hôm nay|hôm qua|\d{1,2}\s*(?:giờ|h)(?:\s*\d{1,2}(?:\s*phút)?)?)"
                            r"\s*\(?\s*(?:ngày\s*)?\Z", text[max(0, pos - 20):pos], re.IGNORECASE)  # ("20 giờ ngày 5/4/2012")
        if not is_doc and (_at_clause_start(text, pos, cue_words=("ngày",)) or daypart):
            candidates.append((pos, date.day, date.month, True, f"{date.day}/{date.month}/{date.year}"))
    return candidates


# A page's own stamp run into the text: "Thời gian đăng: 13/03/2017 08:00:00 AM Tối ngày 12/3/2017 …",
# "Ngày đăng : 16:36, 21/12/2019 (TN&MT) - Tối 20/12 …".
_STAMP_LABEL = re.compile(r"(?:Thời gian đăng|Ngày đăng|Đăng lúc|Đăng ngày|Cập nhật(?: lúc)?|Ngày cập nhật|Xuất bản)"
                          r"\s*:?\s*(?:\d{1,2}:\d{2}(?::\d{2})?\s*(?:AM|PM)?\s*,?\s*)?\Z", re.IGNORECASE)


# A report's cut-off, "tính đến ngày 20/11", "Tính đến 17 giờ ngày 17/10/2010": its figures' day.
_AS_OF = re.compile(r"\btính đến\s+(?:(?:\d{1,2}\s*(?:giờ|h)(?:\s*\d{1,2})?(?:\s*phút)?|" + _DAYPART + r")\s*,?\s*)?"
                    r"(?:ngày\s+)?(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})(?:\s*[/.-]\s*(?P<y>(?:19|20)\d{2}))?(?![\d/])",
                    re.IGNORECASE)


def _day_inside(strong: list, span: re.Match, first: _dt.date) -> tuple[_dt.date, int] | None:
    """The first strongly cued day after a span of days that falls inside it, and where it is written."""
    last_year, last_month, last_day = int(span.group(5)), int(span.group(4)), int(span.group(3))
    if not _valid(last_year, last_month, last_day):
        return None
    last = _dt.date(last_year, last_month, last_day)
    for pos, day, month, _, _ in strong:
        if pos >= span.end() and _valid(last_year, month, day) and first < _dt.date(last_year, month, day) <= last:
            return _dt.date(last_year, month, day), pos
    return None


def _find_in(doc: RawDocument, text: str) -> Finding:
    full = _full_dates(text)
    stamps = [_dt.date(*s) for s in doc.stamps if _valid(*s)]
    labelled = {p for p, _, _ in full if _STAMP_LABEL.search(text, max(0, p - 45), p)}
    stamps += [d for p, d, _ in full if p in labelled]
    full = [entry for entry in full if entry[0] not in labelled]
    usable_full = [d for _, d, is_doc in full if not is_doc]

    # 1. The first date with a day-part or "ngày" cue at the start of a sentence/clause.
    candidates = sorted(_candidates(text, full))
    strong = [c for c in candidates if c[3]]
    span = _SPAN.search(text)
    if span and (not strong or span.start() < strong[0][0]):
        # "diễn ra từ ngày 08/3 đến 13/3/2017": the event starts on the first day, in the last day's year.
        day, month, year = int(span.group(1)), int(span.group(2) or span.group(4)), int(span.group(5))
        if _valid(year, month, day) and not _is_document_date(text, span.start()):
            inner = _day_inside(strong, span, _dt.date(year, month, day))
            if inner:  # "thăm … từ ngày 24-26/2/2022. Sáng 25/2, lễ đón …": the visit frames the day reported
                return Finding(DateValue(inner[0].isoformat()), f"“{_context(text, inner[1])}” within "
                               f"“{_context(text, span.start())}”", 0.85)
            return Finding(DateValue(f"{year}-{month:02d}-{day:02d}"), f"“{_context(text, span.start())}”", 0.85)
    usual = -1  # (the text's own time: read when a full date needs it)
    for pos, day, month, _, snippet in strong:
        full_here = next((d for p, d, is_doc in full if p >= pos and p <= pos + len(snippet) + 12 and not is_doc), None)
        if full_here and full_here.day == day and full_here.month == month:
            usual = usual_year(text, usable_full) if usual == -1 else usual
            if usual and usual - full_here.year > 5:
                continue  # years older than the text's own time: background ("Ngày 2/9/1945, …")
            sure = 0.95 if not usual or usual - full_here.year <= 2 else 0.6
            return Finding(DateValue(full_here.isoformat()), f"“{_context(text, pos)}”", sure)
        year, why, sure = _year_for(month, day, doc.marker, _dated(doc, text, usable_full), stamps,
                                    _since_months(text))
        if year is None:  # a year from elsewhere in the text, when one is likely enough
            year, why, sure = year_elsewhere(text, month, pos)
        if year is None and _stamp_year(month, day, stamps):
            year, why, sure = _stamp_year(month, day, stamps)
        if year and _valid(year, month, day):
            return Finding(DateValue(f"{year}-{month:02d}-{day:02d}"), f"“{_context(text, pos)}”, year from {why}", sure)
        # The day and month without a year: for the editor to complete, if the year is known elsewhere.
        return Finding(DateValue(None, f"{month:02d}-{day:02d}"), f"“{_context(text, pos)}”; {why}", sure)
    lead_end = lead_end_of(text)
    for pos, date, is_doc in full:
        if pos < lead_end and not is_doc and text[max(0, pos - 5):pos].lower().endswith("ngày ") \
                and not _DEADLINE.search(text[max(0, pos - 20):pos]) and not _EARLIER.search(text[max(0, pos - 30):pos]):
            return Finding(DateValue(date.isoformat()), f"“{_context(text, pos)}” in the lead", 0.7)
    cut_off = _AS_OF.search(text, 0, lead_end)
    if cut_off:  # "Tính đến ngày 26/8/2014, toàn tỉnh …": a report's figures, as of its day
        day, month = int(cut_off.group("d")), int(cut_off.group("m"))
        year = int(cut_off.group("y")) if cut_off.group("y") else None
        why, sure = "its own year", 0.65
        if year is None:
            year, why, sure = _year_for(month, day, doc.marker, _dated(doc, text, usable_full), stamps,
                                        _since_months(text))
        if year is None:
            year, why, sure = year_elsewhere(text, month, cut_off.start())
        context = _context(text, cut_off.start())
        if year and _valid(year, month, day):
            return Finding(DateValue(f"{year}-{month:02d}-{day:02d}"), f"the report's cut-off “{context}”, year from "
                           f"{why}", min(sure, 0.65))
        if 1 <= month <= 12 and 1 <= day <= 31:
            return Finding(DateValue(None, f"{month:02d}-{day:02d}"), f"the report's cut-off “{context}”; {why}", sure)
    if stamps:
        relative = _RELATIVE.search(text[:600])
        if relative:
            offset = -1 if relative.group(1).lower().endswith("qua") else 0
            day = stamps[0] + _dt.timedelta(days=offset)
            return Finding(DateValue(day.isoformat()),
                           f"“{relative.group(0)}” counted from the publication stamp {stamps[0].isoformat()}", 0.7)
        return Finding(DateValue(stamps[0].isoformat()), "publication stamp in the text (no event date)", 0.6)
    if doc.marker:
        y, mo, d = doc.marker
        iso = f"{y}-{mo:02d}-{d:02d}" if d else f"{y}-{mo:02d}"
        return Finding(DateValue(iso), "date marker at the start of the text", 0.6)
    if full and all(is_doc for _, _, is_doc in full):
        return Finding.none("only dates of cited documents in the text")
    year, why, sure = year_elsewhere(text, None, None)
    if year:  # (a year alone, from the years a text names, is right about half the time: for the editor)
        return Finding(DateValue(str(year)), f"no day or month; {why}", min(sure, 0.55))
    if not YEAR_MENTION.search(text) and next(_cued_days(text), None) is None:
        return Finding(None, "no date and no year anywhere in the text", 0.85)
    return Finding.none("no event date in the text")


def _dated(doc: RawDocument, text: str, usable_full: list[_dt.date]) -> list[_dt.date]:
    """The full dates that may give a day and month its year: the text's and its captions' ("Ảnh: … sáng
    17-11-2016"), not the first year of an anniversary ("(2/9/1945 – 2/9/2020)": 1945 is not now; a school
    year "2015-2016" or a term "2021-2026" is)."""
    historic = {int(m.group(1)) for m in _ANNIVERSARY.finditer(text) if int(m.group(2)) - int(m.group(1)) >= 10}
    captions = "\n".join(b.text for b in doc.text_blocks("caption"))
    dated = [d for d in usable_full + [d for _, d, is_doc in _full_dates(captions) if not is_doc]
             if d.year not in historic]
    # A date years before the text's own time is history ("Ngày 2/9/1945, …"), not the event's period.
    usual = usual_year(text, usable_full) if dated else None
    return [d for d in dated if not usual or usual - d.year <= 5]


def _at_clause_start(text: str, pos: int, cue_words: tuple[str, ...] = ()) -> bool:
    before = text[max(0, pos - 40):pos]
    for word in cue_words:
        if before.lower().rstrip(" ").endswith(word):
            before = before.rstrip(" ")[: -len(word)]
    return bool(_CLAUSE_START.search(before)) or before.lower().rstrip().endswith(("vào", "hôm", "trong"))


_CLAUSE_START = re.compile(r"(^|[\n.,;:–-])[ (]*\Z")


def _context(text: str, pos: int) -> str:
    start = max(text.rfind("\n", 0, pos), text.rfind(". ", 0, pos), pos - 60) + 1
    end = text.find(",", pos + 4)
    end = min(end if end != -1 else pos + 60, pos + 60)
    return text[start:end].strip()
