"""The years a text names — its own, a plan's, a document's — and the year of a date written without one.

A day and month ("Sáng 30/7") get their year from a stamp, a marker or a full
date nearby (``dates.py``); when none is there, the years the text names are
the candidates, weighed by a learned model (``model.py``).
"""
from __future__ import annotations

import datetime as _dt
import math
import re
from collections import Counter
from dataclasses import dataclass

from .model import probability, threshold

# Words that make a following date the date of a document, not of the event ("số 12/CT-TTg", not a count
# "tổng số 473/473").
DOCUMENT = re.compile(
    r"\b(quyết định|công điện|chỉ thị|nghị quyết|nghị định|thông tư|công văn|kế hoạch số|thông báo số|"
    r"luật|hiến pháp|điện số|văn bản|tờ trình|báo cáo số|hướng dẫn số|kết luận số|quy định số|số\s+\d+/(?=[\w-]*[^\W\d_])[\wĐđ-]+)\b"
    r"[^.;\n]{0,80}\Z",
    re.IGNORECASE,
)
# A year in an event's name ("Xuân Đinh Dậu 2017", "APEC 2017"), not a plan horizon or a law.
_EVENT_YEAR = re.compile(r"(?<![\w/.-])((?:19|20)\d{2})(?![\w/-]|\.\d)")
_NOT_EVENT_YEAR = re.compile(
    r"(?:\b(?:năm|đến|tới|từ|tháng|trước|sau|giai đoạn|tầm nhìn|định hướng|khóa|khoá|nhiệm kỳ|sinh|SN|số|"
    r"và|hoặc|[-–/])\s*\Z"
    r"|\b(?:luật|hiến pháp|nghị định|quyết định|chỉ thị|kế hoạch|chiến lược|đề án|chương trình)\b[^.,;\n]{0,30}\Z)",
    re.IGNORECASE,
)


def lead_end_of(text: str) -> int:
    """End of the first two paragraphs (the lead) of ``text``."""
    first = text.find("\n")
    second = text.find("\n", first + 1) if first != -1 else -1
    return len(text) if second == -1 else second


def _event_year(text: str) -> tuple[int | None, str]:
    """A single year written as part of an event's name, when the text has exactly one."""
    years = {int(m.group(1)) for m in _EVENT_YEAR.finditer(text)
             if not _NOT_EVENT_YEAR.search(text[max(0, m.start() - 40):m.start()])
             and not DOCUMENT.search(text[max(0, m.start() - 90):m.start()])}
    if len(years) == 1:
        year = years.pop()
        return year, f"the year in an event's name ({year})"
    return None, "no year in the text"


# A year the text reports on — "6 tháng đầu năm 2022", "tháng 4/2025", "tình hình năm 2014", "năm học
# 2017-2018", "(1991-2021)", "Lễ hội … năm 2023" — and the words that make a year something else: a plan or
# horizon, a term of office, a birth year, the start of a span, a document.
YEAR_MENTION = re.compile(r"(?<![\w./-])(?:(?<![\d/])\d{1,2}/|(?<=quý )[IV]+/)?((?:19|20)\d{2})(?:\s*[-–]\s*((?:19|20)\d{2}))?(?![\w-]|[/.]\d)")
_NOT_REPORTED = re.compile(
    r"\b(?:nhiệm vụ|kế hoạch|mục tiêu|dự toán|phương hướng|định hướng|chiến lược|tầm nhìn|giai đoạn|đến năm|"
    r"tới năm|trước năm|sau năm|từ năm|vào năm|khóa|khoá|nhiệm kỳ|(?<![Gg]iáng )sinh năm|SN|năm sinh|cùng kỳ(?: năm)?|"
    r"so với(?: năm)?|dự kiến|đến|tới|trước|sau|từ|sắp|chuẩn bị|vòng loại|hướng tới|tiến tới)\b[^.;:\n]{0,45}\Z",
    re.IGNORECASE)


_YEAR_REVIEW = re.compile(r"\b(tổng kết|năm qua|cả năm|năm cũ|kết quả (?:thực hiện )?(?:nhiệm vụ )?năm|"
                          r"(?:tiêu biểu|xuất sắc)(?: nhất)?(?: toàn quốc)? năm)\b", re.IGNORECASE)
# The lunar new year a year names ("Tết Đinh Dậu 2017", "Xuân Bính Thân 2016") falls in January or February:
# what prepares for it in November or December ("Chiều 20-12, … lễ ra quân chúc Tết …") is the year before.
_LUNAR_NEW_YEAR = re.compile(r"\b(?:Tết|Xuân)\b[^.,;:\n\d]{0,20}\Z")


def _of_event(year: int, before: str, month: int | None) -> int:
    """The year an event in ``month`` belongs to, for a year the text writes after ``before``."""
    return year - 1 if month is not None and month >= 11 and _LUNAR_NEW_YEAR.search(before) else year


def _not_reported(text: str, start: int) -> bool:
    """Whether the year mentioned at ``start`` is a document's, or a plan's, a term's, a birth's … (not the
    time the text reports on; "từ đầu năm 2022" is)."""
    before = text[max(0, start - 60):start]
    return bool(DOCUMENT.search(text[max(0, start - 90):start])
                or _NOT_REPORTED.search(before) and not _SINCE_START.search(before))


def years_told(text: str) -> list[int]:
    """The years the text reports on (``YEAR_MENTION``, a span by its end), not those of plans, terms, births or
    documents ("đến năm 2030", "nhiệm kỳ 2021 - 2026")."""
    return [int(m.group(2) or m.group(1)) for m in YEAR_MENTION.finditer(text) if not _not_reported(text, m.start())]


def reported_year(text: str, month: int | None) -> tuple[int | None, str]:
    """The one year the text reports on, when it names exactly one (see ``YEAR_MENTION``): a school year
    ("năm học 2017-2018") gives its first year for events from August, a span ("1991-2021") its end; a
    meeting in January or February that reviews the year is held the year after.  With no ``month`` (a
    year alone dates the article), spans are too ambiguous to count."""
    years: dict[int, str] = {}
    for m in YEAR_MENTION.finditer(text):
        before = text[max(0, m.start() - 60):m.start()]
        if _not_reported(text, m.start()):
            continue
        first, last = int(m.group(1)), int(m.group(2)) if m.group(2) else None
        if last is not None and (month is None or not 0 < last - first <= 100):
            continue
        if last is not None and re.search(r"\bnăm học\s*(?:mới\s*)?\Z", before, re.IGNORECASE):
            year = first if month is None or month >= 8 else last
        else:
            year = _of_event(last or first, before, month)
        years.setdefault(year, m.group(0))
    if len(years) == 1:
        (year, words), = years.items()
        if month is not None and month <= 2 and "/" not in words and _YEAR_REVIEW.search(text):
            return year + 1, f"a review of the year the text reports on (“{words}”), held early the next year"
        return year, f"the one year the text reports on (“{words}”)"
    return None, "no year in the text" if not years else f"several years in the text ({', '.join(map(str, sorted(years)))})"


@dataclass(frozen=True)
class YearCandidate:
    """A year the text names (or the one after a year it reviews), and what the text says around it
    (``features``, read by the learned model)."""

    year: int
    features: dict[str, float]
    words: str


# Words that date something in the past: "đỉnh lũ lịch sử năm 1978", "thành lập năm 1945", "cách đây …".
_HISTORY = re.compile(r"\b(?:lịch sử|kỷ lục|đỉnh lũ|trước đây|từng|thành lập|ra đời|cách đây|năm xưa|thời kỳ|"
                      r"được xây dựng|khánh thành)\b", re.IGNORECASE)
_SCHOOL_YEAR = re.compile(r"\bnăm học\s*(?:mới\s*)?\Z", re.IGNORECASE)
_SINCE_START = re.compile(r"\btừ đầu năm\s*\Z", re.IGNORECASE)


def year_candidates(text: str, month: int | None, pos: int | None) -> list[YearCandidate]:
    """Every year the text names, with its features, for an event in ``month`` (None: unknown) whose date
    is written at ``pos``; in January and February, also the year after a year the text reviews."""
    lead_end = lead_end_of(text)
    tallies: dict[int, dict] = {}
    for m in YEAR_MENTION.finditer(text):
        before = text[max(0, m.start() - 60):m.start()]
        document = bool(DOCUMENT.search(text[max(0, m.start() - 90):m.start()]))
        planned = bool(_NOT_REPORTED.search(before)) and not _SINCE_START.search(before)
        written = int(m.group(1))
        first, last = _of_event(written, before, month), int(m.group(2)) if m.group(2) else None
        school = last is not None and bool(_SCHOOL_YEAR.search(before))
        month_year = m.group(0)[:m.group(0).find(m.group(1))].rstrip("/")
        for year, role in (((first, "start"), (last, "end")) if last else ((first, "single"),)):
            words = f"{m.group(0)}, a Tết: the year before" if role != "end" and first != written else m.group(0)
            t = tallies.setdefault(year, {"n": 0, "first": m.start() / max(1, len(text)), "words": words,
                                          "document": 0, "planned": 0, "near": 10 ** 6})
            t["n"] += 1
            t["document"] += document
            t["planned"] += planned
            t["lead"] = t.get("lead", False) or m.start() < lead_end
            t["nam"] = t.get("nam", False) or before.rstrip().lower().endswith("năm")
            t["month_year"] = t.get("month_year", False) or bool(month_year)
            t["month_match"] = t.get("month_match", False) or (month_year.isdigit() and int(month_year) == month)
            t["range_start"] = t.get("range_start", False) or role == "start"
            t["range_end"] = t.get("range_end", False) or role == "end"
            t["school_fit"] = t.get("school_fit", False) or school and month is not None and (
                (role == "start" and month >= 8) or (role == "end" and month <= 7))
            t["anniversary"] = t.get("anniversary", False) or "kỷ niệm" in before.lower()
            t["history"] = t.get("history", False) or bool(_HISTORY.search(before))
            if pos is not None:
                t["near"] = min(t["near"], abs(m.start() - pos))
    if not tallies:
        return []
    event_year, _ = _event_year(text)
    reported, _ = reported_year(text, month)
    review = month is not None and month <= 2 and bool(_YEAR_REVIEW.search(text))
    if review:  # "tổng kết năm 2024" in January: held in 2025
        for year in [y for y, t in tallies.items() if not t["planned"] and not t["document"]]:
            tallies.setdefault(year + 1, {"n": 0, "first": 1.0, "words": f"{year} + 1", "document": 0, "planned": 0,
                                          "near": 10 ** 6})["after_review"] = True
    latest, total = max(tallies), sum(t["n"] for t in tallies.values()) or 1
    candidates = []
    for year, t in tallies.items():
        features = {
            "bias": 1.0, "log_n": math.log1p(t["n"]), "share": t["n"] / total, "first": t["first"],
            "lead": float(t.get("lead", False)), "nam": float(t.get("nam", False)),
            "month_year": float(t.get("month_year", False)), "month_match": float(t.get("month_match", False)),
            "range_start": float(t.get("range_start", False)), "range_end": float(t.get("range_end", False)),
            "school_fit": float(t.get("school_fit", False)), "anniversary": float(t.get("anniversary", False)),
            "history": float(t.get("history", False)),
            "document": t["document"] / max(1, t["n"]), "planned": t["planned"] / max(1, t["n"]),
            "is_latest": float(year == latest), "historic": float(latest - year > 5),
            "n_years": math.log1p(len(tallies)), "near": math.log1p(t["near"]) / 10 if pos is not None else 1.0,
            "event_rule": float(year == event_year), "reported_rule": float(year == reported),
            "after_review": float(t.get("after_review", False)), "no_month": float(month is None),
        }
        candidates.append(YearCandidate(year, features, t["words"]))
    return candidates


def likeliest_year(text: str, month: int | None, pos: int | None) -> tuple[float, YearCandidate | None]:
    """Of the years the text names, the one a logistic model (``model.py``) finds likeliest for an event whose
    date (``month`` and day at ``pos``, or nothing) the text writes without one, and its probability."""
    return max(_scored_years(text, month, pos), key=lambda pair: pair[0], default=(0.0, None))


def _scored_years(text: str, month: int | None, pos: int | None) -> list[tuple[float, YearCandidate]]:
    return [(probability("year", c.features), c) for c in year_candidates(text, month, pos)]


# A month the text recounts as past: "hồi (cuối) tháng 7/2016", a sentence opening on it ("Tháng 11/2016, …"), or
# a bracket dating what it follows ("chuyến thăm … (tháng 11/2016)").  A month written otherwise may be ahead of
# the text ("trình Lãnh đạo cấp cao tháng 11/2017", in May 2017).
_RECOUNTED_MONTH = re.compile(
    r"(?:\b[Hh]ồi\s+(?:(?:đầu|giữa|cuối|trung tuần|thượng tuần|hạ tuần)\s+)?"
    r"[Tt]háng\s*(?P<m1>\d{1,2})/(?P<y1>(?:19|20)\d{2})"
    r"|(?:^|(?<=[.!?]\s)|(?<=\n))Tháng\s*(?P<m2>\d{1,2})/(?P<y2>(?:19|20)\d{2})\s*,"
    r"|\(\s*tháng\s*(?P<m3>\d{1,2})/(?P<y3>(?:19|20)\d{2})\s*\))(?![\w/])")


def _latest_recounted_month(text: str) -> tuple[int, int] | None:
    """The latest (year, month) the text recounts as past, if any."""
    months = [(int(m.group(f"y{k}")), int(m.group(f"m{k}"))) for m in _RECOUNTED_MONTH.finditer(text)
              for k in (1, 2, 3) if m.group(f"m{k}")]
    return max((ym for ym in months if 1 <= ym[1] <= 12), default=None)


def year_elsewhere(text: str, month: int | None, pos: int | None) -> tuple[int | None, str, float]:
    """The year of an event whose date (``month`` and day at ``pos``, or nothing) the text writes without
    one: the likeliest of the years the text names when its probability passes the model's threshold — with
    the evidence and the confidence.  A day and month are not put before a month the text recounts as past
    (its "tháng 11/2016" is over when the text's "Chiều 12/5" happens: not May 2016)."""
    scored = _scored_years(text, month, pos)
    chance, best = max(scored, key=lambda pair: pair[0], default=(0.0, None))
    if best is None:
        return None, "no year in the text", 0.6
    recounted = _latest_recounted_month(text) if month is not None else None
    if recounted is not None and (best.year, month) < recounted:
        later = [(p, c) for p, c in scored if (c.year, month) >= recounted]
        if not later:
            return None, (f"no year the text names puts {month}/… after the month it recounts "
                          f"({recounted[1]}/{recounted[0]}); likeliest {best.year}"), round(1 - chance, 2)
        chance, best = max(later, key=lambda pair: pair[0])
    if chance >= threshold("year"):
        return best.year, f"the year the text most likely reports on (“{best.words}”)", round(chance, 2)
    return None, f"no year sure enough (likeliest {best.year}, {chance:.2f})", round(1 - chance, 2)


def usual_year(text: str, dates: list[_dt.date]) -> int | None:
    """The text's own time: the year it names most often, in full ``dates`` or alone (the latest of those) —
    not a plan's horizon, a term or a document's.  (A page's stamp may be the site's date of today, years
    after the article.)"""
    years = Counter(int(m.group(2) or m.group(1)) for m in YEAR_MENTION.finditer(text)
                    if not _NOT_REPORTED.search(text, max(0, m.start() - 60), m.start())
                    and not DOCUMENT.search(text, max(0, m.start() - 90), m.start()))
    years.update(date.year for date in dates)
    return max(years, key=lambda year: (years[year], year)) if years else None
