"""Finding the date of the reported event in Vietnamese news text.

Rules: an explicit date wins; a day/month gets its year only from the text
(a ``date YYYY-MM`` marker or a full date of the same period); dates of cited
documents (Quyết định … ngày 7/9/2021) never count; no year → ``date_partial``.  The dates the text writes
are found by ``date_mentions.py``; this module chooses the event's among them and its year.
"""
from __future__ import annotations

import dataclasses
import datetime as _dt
import re
from dataclasses import dataclass

from .blocks import RawDocument
from .date_mentions import (ANNIVERSARY, AS_OF, DEADLINE, RELATIVE, SPAN, STAMP_LABEL, anniversary_year,
                            coming, context, cued_days, day_candidates, earlier, full_dates, is_document_date,
                            since_months, span_starts, valid)
from .finding import Finding
from .model import threshold
from .years import YEAR_MENTION, lead_end_of, likeliest_year, usual_year, year_elsewhere


@dataclass(frozen=True)
class DateValue:
    """An event date: ISO (possibly partial) and, when the year is unknown, ``MM-DD``."""

    iso: str | None
    partial: str | None = None


def _year_for(month: int, day: int, marker, full: list[_dt.date], stamps: list[_dt.date],
              months: list[tuple[int, int]],
              starts: list[tuple[int, int, int]] = ()) -> tuple[int | None, str, float, str]:
    """The year of a day/month from the text itself, with the evidence, how sure it is and the rule.

    Sources, in order: the ``date`` marker; a publication stamp up to a month
    after the event; a full date of the same few days (a range ending that day);
    "từ tháng 4-2017 đến nay" when the event is in that month or the next.
    Older dates in the text are often earlier events, so they must be close.
    """
    if marker:
        myear, mmonth, mday = marker
        if mday and mday <= 12 and valid(myear, mday, mmonth) and valid(myear, month, day) \
                and 0 <= (_dt.date(myear, mday, mmonth) - _dt.date(myear, month, day)).days <= 3:
            # " date 2025-01-11" over "Ngày 31/10": the marker's day and month swapped (1 November)
            return myear, f"marker date {myear}-{mmonth:02d}-{mday:02d} (day and month swapped)", 0.85, \
                "year from the marker"
        # The marker is the publication month; an event reported then is at most
        # a few months earlier (December events published in January).
        year = myear - 1 if month > mmonth + 1 else myear
        if (myear - year) * 12 + mmonth - month <= 3:  # (a day further back is another story's, or the marker's
            return year, f"marker date {myear}-{mmonth:02d}", 0.85, "year from the marker"  # wrong)
    for stamp in stamps:
        for year in (stamp.year, stamp.year - 1):
            if valid(year, month, day) and 0 <= (stamp - _dt.date(year, month, day)).days <= 31:
                return year, f"publication stamp {stamp.isoformat()}", 0.85, "year from the stamp"
    # A full date of the same days, else of the same weeks (a story of the same period, "ngày 2/6/2021").
    near = sorted((abs((_dt.date(year, month, day) - d).days), -year, d) for d in full
                  for year in (d.year - 1, d.year, d.year + 1) if valid(year, month, day))
    near = [(days, -year, d) for days, year, d in near]  # of equally near ones, the later year
    if near and near[0][0] <= 3:
        return near[0][1], f"full date {near[0][2].isoformat()} of the same days in the text", 0.85, "year from a day near"
    if near and near[0][0] <= 45:
        return near[0][1], f"full date {near[0][2].isoformat()} of the same weeks in the text", 0.65, \
            "year from a week near"
    for start_year, start_month, start_day in starts:  # "Sáng 15/9 …" and "Từ 15/9 đến tháng 2/2015"
        if (start_month, start_day) == (month, day):
            return start_year, f"a period from {day}/{month} whose end has its year", 0.85, "year from a period's end"
    for since_year, since_month in months:
        if 0 <= month - since_month <= 1:
            return since_year, f"“từ tháng {since_month}-{since_year} đến nay” in the text", 0.85, ""
    return None, "no year in the text", 0.0, ""


def find_date(doc: RawDocument, published: _dt.date | None = None, stated_by: str = "") -> Finding:
    """Return a Finding whose value is a DateValue (or None).  ``published``, the publication date the
    input states (``stated_by`` says where), counts as the page's own stamp, and dates the article when the
    text gives no event date close before it."""
    if published is not None:
        doc = dataclasses.replace(doc, stamps=doc.stamps + ((published.year, published.month, published.day),))
    finding = _measured(_find_date(doc))
    return finding if published is None else with_publication(finding, published, stated_by)


# How often each rule's date is right on the annotated development pages (1,122 pages of rounds 1–9,
# bench/extract_eval.py) — the confidence the review queue reads.  The rules' own confidences rank their
# choices (and decide whether captions are read); these say how far to trust them.  Not listed: the learned
# year (its probability is calibrated), a year alone (right about half the time), a day and month without a
# year (flagged by design: the editor may know the year) and a date after the page's own.
_MEASURED = {
    "counted from the stamp": 0.9,     # "hôm qua" from the page's stamp: 10 of 10
    "a day inside a span": 0.9,        # 5 of 5
    "year from the stamp": 0.97,       # 143 of 146
    "year from the marker": 0.94,      # 119 of 126
    "year from a day near": 0.86,      # a full date of the same days: 25 of 29
    "year from a week near": 0.8,      # … of the same weeks: 12 of 15
    "cued full date": 0.88,            # "Sáng 12/3/2024" in the text's own time: 103 of 117
    "no date at all": 0.9,             # 63 of 70
    "the stamp alone": 0.88,           # 50 of 57
    "the marker alone": 0.9,           # 43 of 48
    "no event date": 0.76,             # 42 of 55
    "cited documents only": 0.67,      # 6 of 9
}


def _measured(finding: Finding) -> Finding:
    """The finding with its rule's measured precision as its confidence, where it has been measured."""
    measured = _MEASURED.get(finding.rule)
    return finding if measured is None else Finding(finding.value, finding.evidence, measured, finding.rule)


# Below this, the year the text most likely reports on does not complete a day and month: on the pages of rounds
# 18-20, such years were right 1 time in 7 (and 24 times in 25 above it).
SURE_YEAR = 0.7


def _likely_year(text: str, month: int, pos: int) -> tuple[int | None, str, float]:
    """``year_elsewhere``'s year for a day and month, when it is sure enough to complete the date."""
    year, why, sure = year_elsewhere(text, month, pos)
    if year is not None and (sure < SURE_YEAR or year < HISTORY_BEFORE):
        return None, f"perhaps {year} ({why[0].lower() + why[1:]}, {sure:.2f}): not sure enough", sure
    return year, why, sure


def _stamp_year(month: int, day: int, stamps: list[_dt.date]) -> tuple[int, str, float, str] | None:
    """The year of a page stamped months after the day it reports, earlier the same year ("Sáng 20/5" on a page
    of 12/10/2020), when the text names no year at all: likely, not sure — for the editor to check."""
    for stamp in stamps:
        if valid(stamp.year, month, day) and _dt.date(stamp.year, month, day) <= stamp:
            return stamp.year, f"the page's stamp {stamp.isoformat()}, months later", 0.5, ""
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
    stamps = [_dt.date(*s) for s in doc.stamps if valid(*s)]
    if not iso or len(iso) != 10 or not stamps:
        return finding
    event, page = _dt.date.fromisoformat(iso), max(stamps)
    if event <= page + _dt.timedelta(days=1):
        return finding
    if event <= page + COMING_EVENT:
        # A coming event announced ("sẽ thăm … từ ngày 19-21/6/2013" on a page of 14/06/2013): what is reported is
        # the announcement, on the page's own date.
        return Finding(DateValue(page.isoformat()), f"the page's own date {page.isoformat()}: the text's {iso} is "
                       f"after it, a coming event ({finding.evidence})", 0.6)
    return Finding(DateValue(None, iso[5:]), f"{finding.evidence} — but {iso} is after the page's own date "
                                            f"{page.isoformat()}: the year is left out", 0.5)


COMING_EVENT = _dt.timedelta(days=92)  # how far ahead a page announces what is coming


def _day_inside(strong: list, span: re.Match, first: _dt.date) -> tuple[_dt.date, int] | None:
    """The first strongly cued day after a span of days that falls inside it, and where it is written."""
    last_year, last_month, last_day = int(span.group(5)), int(span.group(4)), int(span.group(3))
    if not valid(last_year, last_month, last_day):
        return None
    last = _dt.date(last_year, last_month, last_day)
    for pos, day, month, _, _ in strong:
        if pos >= span.end() and valid(last_year, month, day) and first < _dt.date(last_year, month, day) <= last:
            return _dt.date(last_year, month, day), pos
    return None


def _find_in(doc: RawDocument, text: str) -> Finding:
    full = full_dates(text)
    stamps = [_dt.date(*s) for s in doc.stamps if valid(*s)]
    labelled = {p for p, _, _ in full if STAMP_LABEL.search(text, max(0, p - 45), p)}
    stamps += [d for p, d, _ in full if p in labelled]
    full = [entry for entry in full if entry[0] not in labelled]
    usable_full = [d for _, d, is_doc in full if not is_doc]
    timed = [_dt.date(*s) for s in doc.stamps if valid(*s) and s not in doc.untimed]  # (not a site's clock)

    # 1. The first date with a day-part or "ngày" cue at the start of a sentence/clause.
    candidates = sorted(day_candidates(text, full))
    strong = [c for c in candidates if c[3]]
    span = SPAN.search(text)
    if span and (not strong or span.start() < strong[0][0]):
        # "diễn ra từ ngày 08/3 đến 13/3/2017": the event starts on the first day, in the last day's year.
        day, month, year = int(span.group(1)), int(span.group(2) or span.group(4)), int(span.group(5))
        # (A planned span is not the event; on a stamped page, one after the stamp is a coming event's, below.)
        if valid(year, month, day) and not is_document_date(text, span.start()) \
                and (stamps or not coming(text, span.start(), _dt.date(year, month, day))):
            inner = _day_inside(strong, span, _dt.date(year, month, day))
            if inner:  # "thăm … từ ngày 24-26/2/2022. Sáng 25/2, lễ đón …": the visit frames the day reported
                return Finding(DateValue(inner[0].isoformat()), f"“{context(text, inner[1])}” within "
                               f"“{context(text, span.start())}”", 0.85, "a day inside a span")
            return Finding(DateValue(f"{year}-{month:02d}-{day:02d}"), f"“{context(text, span.start())}”", 0.85)
    usual, historic = -1, set()  # (the text's own time and its anniversaries' first years: read when a full date
    # needs them)
    for pos, day, month, _, snippet in strong:
        full_here = next((d for p, d, is_doc in full if p >= pos and p <= pos + len(snippet) + 12 and not is_doc), None)
        if full_here and full_here.day == day and full_here.month == month:
            if usual == -1:
                usual, historic = usual_year(text, usable_full), historic_years(text)
            if usual and usual - full_here.year > 5 or full_here.year in historic or _long_before(full_here, timed):
                continue  # years older than the text's own time or the page, or an anniversary's first: background
            recent = not usual or usual - full_here.year <= 2
            return Finding(DateValue(full_here.isoformat()), f"“{context(text, pos)}”", 0.95 if recent else 0.6,
                           "cued full date" if recent else "")
        year, why, sure, rule = _year_for(month, day, doc.marker, _dated(doc, text, usable_full), stamps,
                                          since_months(text), span_starts(text))
        if year is None and (now := anniversary_year(text)) and valid(now, month, day):
            year, why, sure, rule = now, f"the anniversary the text is written for ({now})", 0.85, \
                "year from the anniversary"
        if year is None:  # a year from elsewhere in the text, when one is likely enough
            year, why, sure = _likely_year(text, month, pos)
        if year is None and (stamped := _stamp_year(month, day, stamps)):
            year, why, sure, rule = stamped
        if year and valid(year, month, day):
            return Finding(DateValue(f"{year}-{month:02d}-{day:02d}"), f"“{context(text, pos)}”, year from {why}", sure,
                           rule)
        # The day and month without a year: for the editor to complete, if the year is known elsewhere.
        return Finding(DateValue(None, f"{month:02d}-{day:02d}"), f"“{context(text, pos)}”; {why}", sure)
    lead_end = lead_end_of(text)
    for pos, date, is_doc in full:
        if pos < lead_end and not is_doc and _a_day_of_its_own(text, pos) and not coming(text, pos, date) \
                and not _long_before(date, timed):
            return Finding(DateValue(date.isoformat()), f"“{context(text, pos)}” in the lead", 0.7)
    cut_off = AS_OF.search(text, 0, lead_end)
    if cut_off:  # "Tính đến ngày 26/8/2014, toàn tỉnh …": a report's figures, as of its day
        day, month = int(cut_off.group("d")), int(cut_off.group("m"))
        year = int(cut_off.group("y")) if cut_off.group("y") else None
        why, sure, rule = "its own year", 0.65, ""
        if year is None:
            year, why, sure, rule = _year_for(month, day, doc.marker, _dated(doc, text, usable_full), stamps,
                                              since_months(text), span_starts(text))
        if year is None:
            year, why, sure = _likely_year(text, month, cut_off.start())
        words = context(text, cut_off.start())
        if year and valid(year, month, day):
            return Finding(DateValue(f"{year}-{month:02d}-{day:02d}"), f"the report's cut-off “{words}”, year from "
                           f"{why}", min(sure, 0.65), rule)
        if 1 <= month <= 12 and 1 <= day <= 31:
            return Finding(DateValue(None, f"{month:02d}-{day:02d}"), f"the report's cut-off “{words}”; {why}", sure)
    near = _near_the_stamp(text, candidates, full, stamps)
    if near:
        return near
    if stamps:
        relative = RELATIVE.search(text[:600])
        if relative:
            offset = -1 if relative.group(1).lower().endswith("qua") else 0
            day = stamps[0] + _dt.timedelta(days=offset)
            return Finding(DateValue(day.isoformat()),
                           f"“{relative.group(0)}” counted from the publication stamp {stamps[0].isoformat()}", 0.7,
                           "counted from the stamp")
        return Finding(DateValue(stamps[0].isoformat()), "publication stamp in the text (no event date)", 0.6,
                       "the stamp alone")
    if doc.marker:
        y, mo, d = doc.marker
        iso = f"{y}-{mo:02d}-{d:02d}" if d else f"{y}-{mo:02d}"
        return Finding(DateValue(iso), "date marker at the start of the text", 0.6, "the marker alone")
    if full and all(is_doc for _, _, is_doc in full):
        return Finding(None, "only dates of cited documents in the text", 0.5, "cited documents only")
    chance, best = likeliest_year(text, None, None)
    if best and chance >= threshold("year"):
        # (a year alone, from the years a text names, is right about half the time: for the editor)
        return Finding(DateValue(str(best.year)), f"no day or month; the year the text most likely reports on "
                                                  f"(“{best.words}”)", min(round(chance, 2), 0.55))
    anniversary = _ANNIVERSARY_DAY.search(text)
    if anniversary and valid(*(int(anniversary.group(g)) for g in ("y", "m", "d"))):
        # "được tổ chức đúng vào ngày kỷ niệm 46 năm giải phóng … (29/3/1975-29/3/2021)": held on the day (or
        # days around it: for the editor)
        day = _dt.date(*(int(anniversary.group(g)) for g in ("y", "m", "d")))
        return Finding(DateValue(day.isoformat()), f"the anniversary's day “{context(text, anniversary.start())}”",
                       0.6)
    if not full and not YEAR_MENTION.search(text) and next(cued_days(text), None) is None:
        return Finding(None, "no date and no year anywhere in the text", 0.85, "no date at all")
    if best and chance >= PERHAPS_YEAR:
        # The year is likely enough to suggest, not to write: on rounds 18-22, such years were the gold's on 5 of
        # 11 pages, and 6 had no date at all.
        return Finding(None, f"no event date in the text; perhaps {best.year} (“{best.words}”, {chance:.2f})", 0.5)
    return Finding(None, "no event date in the text", 0.5, "no event date")


# How far into the text, and how many days before the page's stamp, a day written without a cue
# ("Báo Chính Phủ cho hay ngày 7/9, …", "… và Tổng thống Trump ngày 27/2/2019 tại Phủ Chủ tịch") is taken for the
# event the page reports (right on all 5 development pages it decides; it was the stamp's day on 3 of them).
_NEAR_TEXT, _NEAR_DAYS = 1200, 14


def _a_day_of_its_own(text: str, pos: int) -> bool:
    """Whether the full date at ``pos``, written after "ngày" without a cue, may be the event's: not a deadline
    ("trước ngày …") nor an earlier event's ("Trước đó, ngày …")."""
    return text[max(0, pos - 5):pos].lower().endswith("ngày ") and not DEADLINE.search(text[max(0, pos - 20):pos]) \
        and not earlier(text, pos)


def _near_the_stamp(text: str, candidates: list, full: list, stamps: list[_dt.date]) -> Finding | None:
    """On a stamped page whose text cues no day, the first day it writes "ngày D/M" (or a full date) up to
    ``_NEAR_DAYS`` before the page's stamp: what the page reports, rather than the stamp itself."""
    if not stamps:
        return None
    page = min(stamps)
    whole = {pos for pos, _, _ in full}  # (a full date keeps its own year)
    year = {month: page.year if month <= page.month else page.year - 1 for month in range(1, 13)}  # ("28/12", 2/1)
    written = [(pos, _dt.date(year[month], month, day) if valid(year[month], month, day) else None, words)
               for pos, day, month, _, words in candidates if pos < _NEAR_TEXT and pos not in whole]
    written += [(pos, date, f"{date.day}/{date.month}/{date.year}") for pos, date, is_doc in full
                if pos < _NEAR_TEXT and not is_doc and _a_day_of_its_own(text, pos)]
    for pos, date, _ in sorted(written, key=lambda w: w[0]):
        if date and _dt.timedelta(0) <= page - date <= _dt.timedelta(days=_NEAR_DAYS):
            return Finding(DateValue(date.isoformat()), f"“{context(text, pos)}”, {(page - date).days} days before "
                           f"the page's stamp {page.isoformat()}", 0.85, "a day near the stamp")
    return None


PERHAPS_YEAR = 0.25
# An anniversary the text is written for: "vào ngày kỷ niệm 46 năm giải phóng thành phố (29/3/1975-29/3/2021)",
# "Trong dịp kỷ niệm 72 năm Quốc khánh (2.9.1945 – 2.9.2017)" — the same day and month both years.
_ANNIVERSARY_DAY = re.compile(
    r"(?:vào ngày|dịp|nhân|chào mừng)\s+kỷ niệm\b[^()\n]{0,120}\(\s*(?P<d0>\d{1,2})[/.-](?P<m0>\d{1,2})[/.-](?:19|20)\d{2}"
    r"\s*[-–]\s*(?P<d>(?P=d0))[/.-](?P<m>(?P=m0))[/.-](?P<y>(?:19|20)\d{2})\s*\)", re.IGNORECASE)


def _long_before(date: _dt.date, timed: list[_dt.date]) -> bool:
    """A full date more than a year before the page's stamp (one written with its time of day, so not a site's
    clock): history the article recalls ("Ngày 20/7/1962, Chủ tịch Hồ Chí Minh đã ký …" on a page of
    18/07/2015, 08:00), not the event it reports."""
    return bool(timed) and (min(timed) - date).days > 366


def historic_years(text: str) -> set[int]:
    """The first years of the anniversaries a text names ("(22/12/1944-22/12/2018)"): history, not now."""
    return {int(m.group(1)) for m in ANNIVERSARY.finditer(text) if int(m.group(2)) - int(m.group(1)) >= 10}


def _dated(doc: RawDocument, text: str, usable_full: list[_dt.date]) -> list[_dt.date]:
    """The full dates that may give a day and month its year: the text's and its captions' ("Ảnh: … sáng
    17-11-2016"), not the first year of an anniversary ("(2/9/1945 – 2/9/2020)": 1945 is not now; a school
    year "2015-2016" or a term "2021-2026" is)."""
    historic = historic_years(text)
    captions = "\n".join(b.text for b in doc.text_blocks("caption"))
    dated = [d for d in usable_full + [d for _, d, is_doc in full_dates(captions) if not is_doc]
             if d.year not in historic]
    # A date years before the text's own time is history ("Ngày 2/9/1945, …"), not the event's period; so is
    # one before online news began, even in a text that names no later year ("ngày 30/4/1975 đánh dấu …").
    usual = usual_year(text, usable_full) if dated else None
    return [d for d in dated if (not usual or usual - d.year <= 5) and d.year >= HISTORY_BEFORE]


HISTORY_BEFORE = 1990  # (an archive of older texts gets their days and months flagged, without a year)


