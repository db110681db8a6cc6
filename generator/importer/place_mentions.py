"""The places a text names: provinces (and the venues that stand for them) and places abroad, in order — not
a province in a person's name, a time zone, a deputy's constituency or a venue of another country.  Which of them
is the event's: ``places.py``."""
from __future__ import annotations

import re

from ..lang.gazetteer import merged_into, province_spans, venue_names, venue_spans, world_spans
from .names import SURNAMES

# A time zone ("9 giờ 6 phút giờ Hà Nội"), a deputy's constituency ("Đại biểu Lưu Bình Nhưỡng (Bến Tre)"), a
# person's home province ("quê quán xã Thới Sơn, huyện Tịnh Biên, tỉnh An Giang"): the province says nothing of
# where the event is.
_NOT_A_PLACE = re.compile(r"\bgiờ\s+\Z|\b(?:[Đđ]ại biểu|ĐBQH|ĐB)\b[^().;\n]{0,45}\(\s*(?:đoàn\s+)?\Z"
                          r"|\b(?:[Qq]uê quán|[Nn]guyên quán|[Ss]inh quán)\b[^().;\n]{0,60}\Z")
_DISTRICT_WORD = re.compile(r"\b(?:huyện|quận|xã|phường|thị xã|thị trấn)\s+\Z")
_OCEAN = re.compile(r"[ \t]+Dương\b")  # "châu Á - Thái Bình Dương": the Pacific, not the province of Thái Bình


# ("Phủ Chủ tịch nước Lào", "Trung tâm Hội nghị Quốc gia ở thủ đô Vientiane")
_NEXT_WORD = re.compile(r"[ \t]+(?:(?:nước|ở|tại)[ \t]+)?(?:(?:thủ đô|thành phố)[ \t]+)?(?=[^\W\d_])")


def _abroad_next(text: str, end: int) -> bool:
    """Whether a country or a city abroad follows right after ``end`` ("trụ sở Chính phủ Lào", "Phủ Chủ tịch nước
    Lào", "… ở thủ đô Vientiane"; not "Trung tâm Hội nghị Quốc gia Mỹ Đình", where "Mỹ" starts a longer name)."""
    space = _NEXT_WORD.match(text, end)
    return bool(space) and any(start == 0 for start, _, _ in world_spans(text[space.end():space.end() + 40]))


def places_named(text: str) -> list[tuple[int, int, str]]:
    """Every province and place abroad the text names, in order (a place abroad inside a province's name, as
    "Lào" in "Lào Cai", is not one; nor a province in a person's name, as "Hòa Bình" in "Nguyễn Hòa Bình")."""
    provinces = [(start, end, name) for start, end, name in province_spans(text) + venue_spans(text)
                 if (text[:start].split()[-1:] or [""])[0] not in SURNAMES
                 and not _DISTRICT_WORD.search(text, max(0, start - 12), start)
                 and not _NOT_A_PLACE.search(text, max(0, start - 60), start)
                 and not (name == "Thái Bình" and _OCEAN.match(text, end))
                 # ("trụ sở Chính phủ Lào": a venue's name run into another country's)
                 and not (text[start:end] in venue_names() and _abroad_next(text, end))]
    # "xã Lũng Cú (huyện Đồng Văn, tỉnh Hà Giang cũ)": the former province, now part of another.
    provinces = [(start, end, merged_into()[name]) if name in merged_into() and _FORMER.match(text, end)
                 else (start, end, name) for start, end, name in provinces]
    taken = [(start, end) for start, end, _ in provinces]
    abroad = [span for span in world_spans(text) if not any(s < span[1] and span[0] < e for s, e in taken)]
    return sorted(provinces + abroad)


_FORMER = re.compile(r"\s+(?:cũ|trước đây)\b|\s*\(\s*cũ\s*\)")
