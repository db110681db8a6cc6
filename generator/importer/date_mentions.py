"""Where a Vietnamese news text writes dates: full dates, days and months with their cue, spans, a report's
cut-off, the page's own stamp run into the text — the patterns and the scans that find them.  Which of them is
the reported event's, and its year, ``dates.py`` decides."""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from .chrome import OWN_STAMP_WORDS
from .years import DOCUMENT

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


# The first day of a span of days in one month, with no year: "trong hai ngày 12 và 13/4", "ngày 6 và 7-11",
# "từ ngày 10-11/9".
_DAY_SPAN_MONTH = re.compile(r"(?P<d>\d{1,2})\s*(?:và|[-–])\s*(?P<last>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})"
                             r"(?!\s*[/.-]\s*\d)(?![\d])")


def cued_days(text: str):
    """Each cued day and month in ``text``, in order (several times faster on a long text than one pattern
    with the cue first, which ``re`` would try at every position); of a span of days, the first."""
    found = []
    for pattern in (_DAY_MONTH, _DAY_SPAN_MONTH):
        for m in _digit_led(pattern, text, "0123456789/.-"):
            cue = _PARTIAL_CUE.search(text, max(0, m.start() - 50), m.start())
            if cue and (pattern is _DAY_MONTH or int(m.group("d")) < int(m.group("last"))):
                found.append(_Cued(cue.start(), cue.group(0), m.group("d"), m.group("m"), m.end()))
    yield from sorted(found, key=lambda cued: cued.start)


# "ngày 5 tháng 3" (its cue, "sáng", "hôm", looked for just before: a leading optional group would be tried
# at every position of the text).
_PARTIAL_WORDS = re.compile(r"(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})(?!\s+năm\s+\d)(?!\d|[.,]\d)", re.IGNORECASE)
_NGAY_BEFORE = re.compile(r"(?:ngày|mồng|mùng)\s+\Z", re.IGNORECASE)
_PARTIAL_WORDS_CUE = re.compile(r"(?:" + _DAYPART + r"|hôm)\s+\Z", re.IGNORECASE)  # ("Tối 05 tháng 12": no "ngày")
# Relative day words; they date the event only against a date written in the text.
RELATIVE = re.compile(r"\b((?:sáng|trưa|chiều|tối|đêm|hôm) (?:qua|nay))\b", re.IGNORECASE)
# Dates of other, earlier or coming events: "Trước đó, ngày …", "ngày 17/5 tới".
EARLIER = re.compile(r"\b(trước đó(?: không lâu| ít lâu| ít ngày| vài ngày| mấy ngày| ít hôm| vài hôm)?|hôm trước|"
                     r"tuần trước|năm ngoái|năm trước|cách đây(?: (?:hơn|gần|khoảng|đúng))? \d+ (?:năm|tháng|tuần)"
                     r"|theo(?: như)? (?:cáo trạng|kết luận điều tra|bản án|hồ sơ vụ án))"
                     r"\s*,?\s*(ngày\s*)?\Z", re.IGNORECASE)  # ("Cách đây 5 năm, ngày 15/5/2012", "Theo cáo trạng,
# ngày 18/12/2023": what a trial's papers recount happened before it)
# What the outlet reported before, recalled at a follow-up's start: "Như Báo Đầu tư đã đưa tin, trong ngày 11/6 …",
# "Như đã thông tin, sáng 5/2 …" — an earlier day than the follow-up's.
_AS_REPORTED = re.compile(r"\bnhư\s+(?:[^,.;\n]{1,40}\s+)?đã\s+(?:đưa tin|thông tin|phản ánh)(?:\s+trước đó)?\s*,\s*"
                          r"(?:(?:vào|trong|từ|khoảng)\s+)?(?:(?:" + _DAYPART + r")\s+)?(?:ngày\s+)?\Z", re.IGNORECASE)


def earlier(text: str, pos: int) -> bool:
    """Whether the date at ``pos`` is an earlier event's: "Trước đó, ngày …", "Cách đây 5 năm, ngày …", "Như đã
    đưa tin, sáng 5/2 …"."""
    return bool(EARLIER.search(text, max(0, pos - 30), pos) or _AS_REPORTED.search(text, max(0, pos - 80), pos))


_COMING = re.compile(r"^\s*(tới|sắp tới|tới đây)\b", re.IGNORECASE)
DEADLINE = re.compile(r"\b(trước|chậm nhất|đến|từ|sau|hạn|hết|tới|trong)\s+(ngày\s*)?\Z", re.IGNORECASE)
_PLANNED = re.compile(r"\b(dự kiến|sẽ|theo kế hoạch|dự định)\b[^.;\n]*\Z", re.IGNORECASE)
_LUNAR = re.compile(r"^\s*(âm lịch|ÂL)\b", re.IGNORECASE)
_EVENT_VERB = re.compile(r"\b(tổ chức|diễn ra|khai mạc|bế mạc|họp|vào)\s+\Z", re.IGNORECASE)
_CLOCK_BEFORE = re.compile(r"\d{1,2}\s*(?:giờ|h|:)\s*(?:\d{1,2}\s*(?:phút)?)?\s*,?\s*\Z", re.IGNORECASE)
_RANGE = re.compile(r"\b(từ|đến|tới)\s+(ngày\s+)?\Z", re.IGNORECASE)
# "Bộ trưởng Oh Young-ju ngày 23/4 đã hội đàm …", "Bộ Công an ngày 5/6 cho biết": the subject's day, what it did.
_DONE_AFTER = re.compile(r"\s*,?\s*(?:\(\w+ giờ\)\s*)?(?:đã|vừa|chính thức|cho biết|thông báo|công bố)\s", re.IGNORECASE)


def valid(year: int, month: int, day: int) -> bool:
    """Whether the day exists."""
    try:
        _dt.date(year, month, day)
        return True
    except ValueError:
        return False


def is_document_date(text: str, start: int) -> bool:
    """Whether the date at ``start`` is a cited document's ("Quyết định số … ngày 7/9/2021")."""
    return bool(DOCUMENT.search(text[max(0, start - 90):start]))


# A span of years, "(2/9/1945 – 2/9/2020)", "(1991-2021)": when long, an anniversary's, its first year history.
ANNIVERSARY = re.compile(r"(?:\d{1,2}[/.-]\d{1,2}[/.-])?((?:19|20)\d{2})\s*[-–]\s*(?:\d{1,2}[/.-]\d{1,2}[/.-])?"
                         r"((?:19|20)\d{2})(?![\d/])")
# … "kỷ niệm 15 năm quan hệ … (2008 – 2023)", "kỷ niệm 133 năm ngày sinh … (19/5/1890 - 19/5/2023)": when the span
# is as long as the years it celebrates, it ends in the year the text is written.
_ANNIVERSARY_NOW = re.compile(r"kỷ niệm\s+(\d{1,3})\s+năm[^()\n]{0,150}?\(\s*" + ANNIVERSARY.pattern + r"\s*\)",
                              re.IGNORECASE)


def anniversary_year(text: str) -> int | None:
    """The year an anniversary the text is written for falls in, when it names one (or several of the same year),
    and it is not yet to come."""
    years = {int(m.group(3)) for m in _ANNIVERSARY_NOW.finditer(text)
             if int(m.group(3)) - int(m.group(2)) == int(m.group(1)) and int(m.group(3)) <= _dt.date.today().year}
    return years.pop() if len(years) == 1 else None


# The first day of a span written with one month: "từ ngày 10-11/9/2023", "Trong các ngày 21 và 22/3/2023",
# "ngày 6 và 7-11-2023".
_FULL_DAY_SPAN = re.compile(r"(\d{1,2})\s*(?:[-–]|và)\s*\d{1,2}\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*((?:19|20)\d{2})(?![\d/])")


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


def full_dates(text: str) -> list[tuple[int, _dt.date, bool]]:
    """(position, date, is_document) for every full date in ``text``."""
    found = []
    for matches in (_digit_led(_FULL_NUMERIC, text, "0123456789.-", _YEAR_DASH_BEFORE), _FULL_WORDS.finditer(text),
                    _digit_led(_FULL_DAY_SPAN, text, "0123456789.-")):
        for m in matches:
            d, mo, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
            if valid(y, mo, d):
                found.append((m.start(), _dt.date(y, mo, d), is_document_date(text, m.start())))
    return sorted(found)


# "từ tháng 4-2017 đến nay", "Từ ngày 20/7/2021 đến nay": the event ("now") is in that period.
_SINCE = re.compile(
    r"\btừ (?:đầu )?(?:ngày (?:\d{1,2})\s*[/.-]\s*|tháng\s+)(\d{1,2})\s*[/.-]\s*((?:19|20)\d{2})\s+(?:đến|tới) nay\b",
    re.IGNORECASE,
)


def since_months(text: str) -> list[tuple[int, int]]:
    """(year, month) of each "từ tháng 4-2017 đến nay" in ``text``."""
    return [(int(m.group(2)), int(m.group(1))) for m in _SINCE.finditer(text)]


# "Từ 15/9 đến tháng 2/2015", "từ ngày 20/12 đến hết ngày 5/1/2016": a period whose start is written without
# its year.
_SPAN_TO_YEAR = re.compile(r"\btừ\s+(?:ngày\s+)?(\d{1,2})\s*[/.-]\s*(\d{1,2})\s+(?:đến|tới)\s+(?:hết\s+)?"
                           r"(?:ngày\s+\d{1,2}\s*[/.-]\s*|tháng\s+)?(\d{1,2})\s*[/.-]\s*((?:19|20)\d{2})(?![\d/])",
                           re.IGNORECASE)


def span_starts(text: str) -> list[tuple[int, int, int]]:
    """(year, month, day) of the start of each period "từ 15/9 đến tháng 2/2015" in ``text``: the end's year,
    or the year before when the start's month is after the end's."""
    starts = []
    for m in _SPAN_TO_YEAR.finditer(text):
        day, month, last_month, year = (int(g) for g in m.groups())
        starts.append((year if month <= last_month else year - 1, month, day))
    return starts


def coming(text: str, pos: int, date: _dt.date) -> bool:
    """Whether the full date written at ``pos`` is a coming day's ("vào tối ngày 14.5.2017 tới", "dự kiến khai
    mạc vào ngày 22/5/2017")."""
    year_at = text.find(str(date.year), pos)
    return bool(year_at != -1 and _COMING.match(text, year_at + 4) or _PLANNED.search(text[max(0, pos - 80):pos]))


# "từ ngày 08/3 đến 13/3/2017", "từ ngày 24 đến ngày 26-8-2010" (the first day's month is the last day's).
SPAN = re.compile(r"\b(?:diễn ra |tổ chức |kéo dài )?từ (?:ngày\s+)?(\d{1,2})(?:[/-](\d{1,2}))?\s*(?:đến|tới|-|–)\s*(?:ngày\s+)?"
                  r"(\d{1,2})[/-](\d{1,2})[/-]((?:19|20)\d{2})", re.IGNORECASE)


# What dates a full date as the event's when written right before it: a day-part or a clock time, then perhaps
# the weekday and "ngày"; or the weekday alone.
_WEEKDAY = r"(?:thứ\s+(?:[2-7]|hai|ba|tư|năm|sáu|bảy)|chủ nhật)"
_FULL_DATE_CUE = re.compile(r"(?:(?:" + _DAYPART + r"|hôm nay|hôm qua|\d{1,2}\s*(?:giờ|h)(?:\s*\d{1,2}(?:\s*phút)?)?)"
                            r"\s*\(?\s*(?:" + _WEEKDAY + r"\s*,?\s*)?|" + _WEEKDAY + r"\s*,?\s*)(?:ngày\s*)?\Z",
                            re.IGNORECASE)


def day_candidates(text: str, full: list) -> list[tuple[int, int, int, bool, str]]:
    """Day/month dates an event may be on: (position, day, month, strongly cued, the words)."""
    candidates = []
    for m in cued_days(text):
        if is_document_date(text, m.start) or _RANGE.search(text[max(0, m.start - 12):m.start + 1]):
            continue
        if earlier(text, m.start) or _COMING.match(text[m.end:m.end + 12]):
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
                  or bool(_CLOCK_BEFORE.search(text, max(0, m.start - 20), m.start))
                  or bool(_DONE_AFTER.match(text, m.end)))
        candidates.append((m.start, d, mo, strong, text[m.start:m.end]))
    for m in _digit_led(_PARTIAL_WORDS, text, "0123456789.,"):
        day = _NGAY_BEFORE.search(text, max(0, m.start() - 12), m.start())
        begin = day.start() if day else m.start()
        cue = _PARTIAL_WORDS_CUE.search(text, max(0, begin - 24), begin)
        start = cue.start() if cue else begin
        if is_document_date(text, start) or not (cue or day):
            continue
        d, mo = int(m.group("d")), int(m.group("m"))
        if 1 <= mo <= 12 and 1 <= d <= 31:
            candidates.append((start, d, mo, bool(cue) or _at_clause_start(text, start), text[start:m.end()]))
    for pos, date, is_doc in full:
        if earlier(text, pos) or re.search(r"\d{4}\s*[-–]\s*\Z", text[max(0, pos - 8):pos]):
            continue  # an earlier day's, or the end of a span ("(28/8/1945-28/8/2015)"): not the event's day
        if coming(text, pos, date):
            continue
        # "Sáng 12/3/2024", "sáng nay (20/7/2021)", "chiều nay (ngày 4/8/2015)", "Ngày hôm nay 15/8/2023".
        # ("20 giờ ngày 5/4/2012", "sáng thứ tư 29-6-2011", "thứ 4 ngày 09.08.2023")
        daypart = _FULL_DATE_CUE.search(text[max(0, pos - 32):pos])
        if not is_doc and (_at_clause_start(text, pos, cue_words=("ngày",)) or daypart):
            candidates.append((pos, date.day, date.month, True, f"{date.day}/{date.month}/{date.year}"))
    return candidates


# A page's own stamp run into the text: "Thời gian đăng: 13/03/2017 08:00:00 AM Tối ngày 12/3/2017 …",
# "Ngày đăng : 16:36, 21/12/2019 (TN&MT) - Tối 20/12 …".
STAMP_LABEL = re.compile(rf"(?:{OWN_STAMP_WORDS})"
                         r"\s*:?\s*(?:\d{1,2}:\d{2}(?::\d{2})?\s*(?:AM|PM)?\s*,?\s*)?\Z", re.IGNORECASE)


# A report's cut-off, "tính đến ngày 20/11", "Tính đến 17 giờ ngày 17/10/2010": its figures' day.
AS_OF = re.compile(r"\btính đến\s+(?:(?:\d{1,2}\s*(?:giờ|h)(?:\s*\d{1,2})?(?:\s*phút)?|" + _DAYPART + r")\s*,?\s*)?"
                   r"(?:ngày\s+)?(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})(?:\s*[/.-]\s*(?P<y>(?:19|20)\d{2}))?(?![\d/])",
                   re.IGNORECASE)


def _at_clause_start(text: str, pos: int, cue_words: tuple[str, ...] = ()) -> bool:
    before = text[max(0, pos - 40):pos]
    for word in cue_words:
        if before.lower().rstrip(" ").endswith(word):
            before = before.rstrip(" ")[: -len(word)]
    return bool(_CLAUSE_START.search(before)) or before.lower().rstrip().endswith(("vào", "hôm", "trong", "các")) \
        or bool(_DAY_COUNT.search(before))


_CLAUSE_START = re.compile(r"(^|[\n.,;:–-])[ (]*\Z")
# The days an event lasted, before them: "Trong 2 ngày 14 - 15/10", "trong hai ngày 9 và 10/9".
_DAY_COUNT = re.compile(r"\b(?:trong|suốt)\s+(?:\d|hai|ba|bốn|năm)\s*\Z", re.IGNORECASE)


def context(text: str, pos: int) -> str:
    """The words around ``pos``, for the evidence."""
    start = max(text.rfind("\n", 0, pos), text.rfind(". ", 0, pos), pos - 60) + 1
    end = text.find(",", pos + 4)
    end = min(end if end != -1 else pos + 60, pos + 60)
    return text[start:end].strip()
