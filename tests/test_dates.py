"""The event date's rules on texts written for these tests (generator/importer/dates.py)."""
from __future__ import annotations

from generator.importer.blocks import parse_raw
from generator.importer.dates import find_date


def _date(text: str):
    found = find_date(parse_raw(text))
    return (found.value.iso, found.value.partial) if found.value else (None, None)


def test_a_reports_cut_off_dates_it_when_nothing_else_does():
    text = ("Theo Trung tâm Y tế dự phòng tỉnh, tính đến ngày 26/8/2014, toàn tỉnh ghi nhận hơn 150 ca sốt xuất huyết, "
            "giảm 10% so với cùng kỳ năm 2013.\nNgành y tế đề nghị người dân diệt lăng quăng, bọ gậy.")
    assert _date(text) == ("2014-08-26", None)
    text = "Tính đến 17 giờ ngày 17/10, mưa lũ đã làm 3 người mất tích.\nCác lực lượng đang tìm kiếm."
    assert _date(text) == (None, "10-17")  # (no year anywhere: the day and month for the editor)


def test_a_cut_off_does_not_outrank_the_events_own_date():
    text = ("Sáng 20/9/2023, UBND tỉnh họp đánh giá tình hình dịch bệnh. Tính đến ngày 15/9, toàn tỉnh có 40 ca "
            "mắc.\nHội nghị thống nhất các giải pháp.")
    assert _date(text) == ("2023-09-20", None)
