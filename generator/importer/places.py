"""Where the reported event took place, from a gazetteer of Vietnam's provinces.

A province counts when the text puts the event there (``tại Hà Nội``,
``điểm cầu Công an tỉnh Nghệ An``, a visit); places of outbreaks, cases and
other stories do not, and ``trực tuyến`` is not a place.
"""
from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass

from ..lang.gazetteer import canonical_province, province_spans, provinces, world_spans
from .blocks import RawDocument
from .finding import Finding
from .model import probability, threshold
from .place_mentions import places_named

_UNIT = r"(?:(?:Công an|Ủy ban nhân dân|UBND|Bộ Chỉ huy Quân sự|Tỉnh ủy|Thành ủy)\s+)?(?:(?:tỉnh|thành phố|Thành phố|TP\.?|Tp\.?|TP)\s+)?"
_AT = re.compile(r"\b(?:tại|ở|về|đến|tới)\s+(?:(?:điểm cầu|trụ sở|hội trường|thủ đô)\s+)?(?:(?:của\s+)?)\Z", re.IGNORECASE)
# A venue of the province: "tại Sân vận động tỉnh Điện Biên", "tại Nhà văn hóa thành phố …".
_AT_PROVINCE_VENUE = re.compile(r"\btại\s+[^,.;()\n]{2,50}?\s(?:tỉnh|thành phố|TP\.?)\s*\Z")
_BRIDGE = re.compile(r"\bđiểm cầu\s+\Z", re.IGNORECASE)
_PLURAL_UNIT = re.compile(r"\bcác\s+(?:tỉnh|thành phố|TP\.?)\s*:?\s*\Z")
_EVENT = re.compile(
    r"\b(hội nghị|họp|phiên|buổi làm việc|làm việc|tổ chức|diễn ra|chủ trì|thăm|khai mạc|bế mạc|lễ|"
    r"điểm cầu|kiểm tra|tọa đàm|hội thảo|đại hội|gặp mặt|tiếp|trao|phát động|ra quân|giao ban|sơ kết|tổng kết|"
    r"phát biểu|cho biết|chỉ đạo|yêu cầu|họp báo|thông tin|xét xử|tuyên phạt|tuyên án|phiên tòa|khởi công|"
    r"khánh thành|động thổ|bàn giao|mít tinh|kỷ niệm|liên hoan|hội thi|ra mắt|hội đàm|hội kiến|chào đón|đón tiếp|"
    r"gặp gỡ|tiếp kiến)\b",
    re.IGNORECASE,
)
# Outbreak words anywhere in the place's clause: the place is where cases are, not the event.
_OUTBREAK = re.compile(
    r"\b(ca bệnh|ca mắc|ca nhiễm|bệnh nhân|nhiễm|mắc|ổ dịch|chùm ca|F0|F1|lây nhiễm|tử vong|phong tỏa|"
    r"bùng phát|dương tính|lây lan|diễn biến (?:của )?dịch|"
    r"dịch (?:COVID-19|Covid-19|covid-19|COVID|Covid|bệnh)?\s*(?:tại|ở))\b",
    re.IGNORECASE,
)
# Crime and incident words before the place: the place is a scene ("bắt giữ … tại huyện X, tỉnh Y").
_SCENE = re.compile(
    r"\b(vụ án|đối tượng|bắt giữ|xảy ra|sinh sống|quê|trú tại|cư trú|ma túy|buôn lậu|vận chuyển trái phép|"
    r"tai nạn|sạt lở|hỏa hoạn|cháy)\b",
    re.IGNORECASE,
)
_ONLINE = re.compile(r"\btrực tuyến\b", re.IGNORECASE)


# "TP. Phủ Lý" does not end a clause or a sentence.
_CLAUSE_BREAK = re.compile(r"[,;\n]|(?<!TP)(?<!Tp)[.:](?=\s|$)")
_SENTENCE_BREAK = re.compile(r"\n|(?<!TP)(?<!Tp)[.!?](?=\s|$)")
_VISIT = re.compile(r"\b(làm việc với|làm việc tại|thăm và làm việc|đến thăm|về thăm|kiểm tra công tác|"
                    r"về làm việc|đến làm việc|công tác tại|về kiểm tra|đến kiểm tra|đi kiểm tra|kiểm tra tiến độ)\b",
                    re.IGNORECASE)
# "Công an huyện Phú Xuyên, Hà Nội, đã tổ chức …": the province as an address after a district.
_DISTRICT_BEFORE = re.compile(r"\b(?:huyện|quận|thị xã|TP|thành phố)\s+[A-ZĐÀ-Ỹ][^,;\n]{1,30},\s*\Z")
# "tại xã Thụy Xuân, H. Thái Thụy, tỉnh Thái Bình": an address ending in the province.
_AT_ADDRESS = re.compile(r"\b(?:tại|ở)\s+(?:xã|phường|thị trấn|huyện|H\.|quận|Q\.|TP\.?|thành phố|thị xã|TX\.)\s*"
                         r"[^;\n]{1,70}?,\s*\Z", re.IGNORECASE)
# "Công an tỉnh Đồng Nai đã trao thưởng", "do UBND TP Hải Phòng tổ chức": a provincial body as the actor.
_INSTITUTION = re.compile(
    r"(?:^|[,\n]|\bdo)\s*(?:\S+\s+){0,3}?(?:UBND|Ủy ban nhân dân|HĐND|Công an|Tỉnh ủy|Thành ủy|Sở|Bộ Chỉ huy|"
    r"Bộ đội Biên phòng|TAND|VKSND|Tòa án nhân dân|Viện kiểm sát|Ban|Hội|Đài|Báo|Liên đoàn|Cục Thuế|"
    r"Đoàn [đĐ]ại biểu Quốc hội|Đoàn ĐBQH|Ủy ban MTTQ|Ủy ban Mặt trận Tổ quốc|Bộ Chỉ huy Quân sự)"
    r"(?:\s+\S+){0,3}?\s+(?:(?:tỉnh|thành phố|Thành phố|TP\.?)\s*)?\Z"
)
# "(SN 1993, ở huyện Lý Nhân, tỉnh Hà Nam)": where a person lives, not where the event is.
_RESIDENCE = re.compile(r"\((?:SN|sinh năm|\d+ tuổi|trú|ngụ|quê)[^()]*\Z", re.IGNORECASE)
_AT_VENUE = re.compile(r"\b(?:tại|ở)\s+[^,.;()\n]{2,60}\(\s*\Z", re.IGNORECASE)


# Going abroad: "thăm chính thức Nhật Bản", "sang Nga", "công du Hoa Kỳ", "dự Hội nghị … tại Bali".
_GO_ABROAD = re.compile(r"\b(?:thăm|sang|công du|lên đường đi)\s+(?:(?:chính thức|cấp [Nn]hà nước|hữu nghị|làm việc(?: tại)?|"
                        r"và làm việc(?: tại)?)\s+)*\Z")


@functools.lru_cache(maxsize=1)
def _PROVINCES() -> frozenset[str]:
    return frozenset(province.name for province in provinces())


_NAMED_AT = re.compile(r"\b(?:[Cc]ấp cao|Tòa phúc thẩm|Đại sứ quán|Tổng Lãnh sự quán|Lãnh sự quán|Cơ quan đại diện|"
                       r"Văn phòng đại diện|Chi nhánh|Phân hiệu|Cơ sở)\b[^,.;()\n]{0,35}\btại\s+\Z")
_CITY_WORD = re.compile(r"\b(?:thành phố|thủ đô|TP\.?|bang)\s+\Z", re.IGNORECASE)
# "tại Nhà khách Quốc gia, thủ đô Tokyo": a venue, then its city.
_AT_VENUE_OF_CITY = re.compile(r"\b(?:tại|ở)\s+[^.;()\n]{2,60}?,\s*\Z", re.IGNORECASE)
# "Chiều 22-9 (theo giờ New York, …)": the event is dated in the local time of where it is.
_LOCAL_TIME = re.compile(r"\b(?:theo\s+)?giờ\s+(?:địa phương\s+)?\Z", re.IGNORECASE)
_FUTURE = re.compile(r"\b(sẽ|dự kiến|sắp)\b")


def _score_abroad(text: str, start: int, end: int, name: str) -> float:
    """A place abroad counts only where the words just before it put the event or a visit there ("tại
    Tokyo", "thăm chính thức Nhật Bản") — not a country named as an attribute ("Chủ tịch nước Trung Quốc",
    "nhà đầu tư Hàn Quốc"), nor an event still to come ("sẽ tổ chức tại …")."""
    going = _GO_ABROAD.search(text, max(0, start - 50), start)
    city_word = _CITY_WORD.search(text, max(0, start - 15), start)
    at = start - len(city_word.group(0)) if city_word else start
    if _LOCAL_TIME.search(text, max(0, start - 25), start):
        return 2.5
    city = ", " in name  # (a city, not a country: "tại tòa nhà 63 tầng ở Yeouido, Seoul")
    if not going and not _AT.search(text, max(0, at - 40), at) and not (
            (city_word or city) and _AT_VENUE_OF_CITY.search(text, max(0, at - 70), at)):
        return 0.0  # (most countries named: the clause need not be read)
    clause = _bounds(text, start, end, _CLAUSE_BREAK)
    if _FUTURE.search(clause[:clause.find(text[start:end])]) or _OUTBREAK.search(clause):
        return 0.0
    if going or _is_event_or_visit(_bounds(text, start, end, _SENTENCE_BREAK)):
        return 2.5
    return 0.0


def _is_event_or_visit(sentence: str) -> bool:
    return bool(_EVENT.search(sentence) or _VISIT.search(sentence) or re.search(r"\b(giám sát|thăm)\b", sentence))


_LOCAL_OFFICE = re.compile(
    r"\b(Giám đốc Công an|Chủ tịch|Bí thư|Phó Bí thư|Giám đốc Sở|Trưởng Công an|Phó Chủ tịch|Tỉnh ủy|Thành ủy|UBND)\b"
)


# Each break pattern as characters that always break and characters that break only before a space or the
# end, not after "TP"/"Tp" (what ``_last_break`` looks for backwards with ``rfind``).
_BREAKS = {_CLAUSE_BREAK: (",;\n", ".:"), _SENTENCE_BREAK: ("\n", ".!?")}


def _last_break(text: str, start: int, always: str, spaced: str) -> int:
    """Where the stretch before ``start`` begins: just after the last break before it (0 when none) — as the
    last match of the break pattern before ``start`` would say, found backwards."""
    left = max(text.rfind(c, 0, start) for c in always)
    pos = start
    while pos > left + 1:
        i = max(text.rfind(c, left + 1, pos) for c in spaced)
        if i < 0:
            break
        # (right before ``start`` counts as before the end, as the pattern searched up to ``start`` says)
        if (i + 1 in (start, len(text)) or text[i + 1].isspace()) and text[max(0, i - 2):i] not in ("TP", "Tp"):
            return i + 1
        pos = i
    return left + 1


def _bounds(text: str, start: int, end: int, pattern: re.Pattern[str]) -> str:
    """The stretch of ``text`` around ``start:end`` between two breaks (one-character matches of ``pattern``)."""
    left = _last_break(text, start, *_BREAKS[pattern])
    right = pattern.search(text, end)
    return text[left:right.start() if right else len(text)]


def _prose(doc: RawDocument) -> tuple[str, int]:
    blocks = doc.text_blocks("para", "title", "heading")
    if not doc.text_blocks("para"):
        blocks = blocks + doc.text_blocks("caption")  # caption-only pages
    text = "\n".join(b.text for b in blocks)
    first_para = next((b.text for b in blocks if b.kind != "title"), "")
    lead_end = text.find(first_para) + len(first_para) if first_para else len(text)
    return text, lead_end


def _score_mention(text: str, start: int, end: int) -> float:
    unit = re.search(_UNIT + r"\Z", text[max(0, start - 60):start])
    unit_start = start - (len(unit.group(0)) if unit else 0)
    before = text[max(0, unit_start - 40):unit_start]
    clause = _bounds(text, start, end, _CLAUSE_BREAK)
    address = re.search(r",\s*(?:tỉnh|thành phố|TP\.?)\s*\Z", text[max(0, start - 16):start])
    if address:  # "tại huyện Nghĩa Hưng, tỉnh Nam Định": the address continues the clause before
        comma = start - len(address.group(0))
        clause = _bounds(text, comma, comma, _CLAUSE_BREAK) + clause
    sentence = _bounds(text, start, end, _SENTENCE_BREAK)
    if sentence.rstrip().endswith("?") or text[start - sentence.find(text[start:end]) + len(sentence):][:1] == "?":
        return 0.0  # a reporter's question, not a statement about the event
    if _OUTBREAK.search(clause) or _SCENE.search(clause[: clause.find(text[start:end]) + (end - start) + 20]):
        return 0.0
    if _RESIDENCE.search(text[max(0, start - 60):start]):
        return 0.0
    if _PLURAL_UNIT.search(text, max(0, start - 20), start):
        return 0.0  # "tại Đảng bộ các tỉnh Bình Định, Bình Dương …": the first of a list, not where the event is
    if _BRIDGE.search(before):
        return 3.0
    if _NAMED_AT.search(text, max(0, unit_start - 60), unit_start):
        return 0.0  # "TAND Cấp cao tại Đà Nẵng", "Đại sứ quán Việt Nam tại …": a name, not where the event is
    if (_AT.search(before) or _AT_ADDRESS.search(text[max(0, unit_start - 90):unit_start])) and _EVENT.search(sentence):
        return 2.5
    if _AT_PROVINCE_VENUE.search(text, max(0, start - 70), start) and _EVENT.search(sentence):
        return 2.5
    if _AT_VENUE.search(text[max(0, start - 80):start]) and _is_event_or_visit(sentence):
        return 2.5  # "tại Trung tâm điện lực Duyên Hải (Trà Vinh)"
    if _VISIT.search(clause) or (unit and _VISIT.search(sentence[: sentence.find(text[start:end])])):
        # "Ngày 31-8, tại thành phố Hồ Chí Minh, Bộ Chính trị có buổi làm việc với Tỉnh ủy Tiền Giang": the
        # province met with, where the sentence says the meeting was elsewhere.
        return 1.0 if _held_elsewhere(sentence, text[start:end]) else 2.5
    if re.search(r"\btrên địa bàn\s+\Z", text[max(0, unit_start - 15):unit_start]) and _EVENT.search(sentence):
        return 2.0
    if _DISTRICT_BEFORE.search(text[max(0, start - 45):start]) and _EVENT.search(sentence):
        return 2.0  # "… huyện Nam Đàn, Nghệ An" in a sentence about the event
    institution = _INSTITUTION.search(text[max(0, start - 60):start])
    if institution and _EVENT.search(text[end:end + 100]):
        return 1.0  # "TAND tỉnh Tiền Giang tuyên phạt …": the province's body holds the event
    if re.search(r"\((?:tỉnh|thành phố|TP)\s*\Z", text[max(0, start - 12):start]) and _EVENT.search(sentence):
        return 1.0  # "thành phố Uông Bí (tỉnh Quảng Ninh) chủ trì hội nghị"
    return 0.0


def _dateline(doc: RawDocument, text: str) -> str | None:
    """The province of a dateline: a line of its own above the headline ("Hà Giang"), or the lead's first
    words run into it ("Hà NộiĐoàn thể thao …", "Hà Nội - Sáng 5/3, …")."""
    lone = [line for line in doc.removed[:4] if len(line) <= 30]
    for line in lone:
        spans = province_spans(line)
        if spans and spans[0][0] == 0 and spans[0][1] == len(line.strip()):
            return spans[0][2]
    paragraphs = doc.text_blocks("para")
    for start in (text[:40], paragraphs[0].text[:40] if paragraphs else ""):  # (the prose opens with the headline)
        spans = sorted(province_spans(start) + world_spans(start))  # ("London: Trong hôm thứ sáu …")
        if spans and spans[0][0] == 0:
            rest = start[spans[0][1]:spans[0][1] + 3]
            if rest[:1].isupper() or rest.lstrip().startswith(("-", "–", ":")):
                return spans[0][2]
    return None


@dataclass(frozen=True)
class Candidate:
    """A place the text names, what the text says around its mentions (``features``, read by the learned
    model), and the sentence that best supports it."""

    name: str
    features: dict[str, float]
    evidence: str


_BEFORE_WORDS = (("at", re.compile(r"\b(?:tại|ở)\b")), ("to", re.compile(r"\b(?:đến|tới|về|thăm|sang)\b")),
                 ("unit", re.compile(r"(?:tỉnh|thành phố|TP\.?)\s*\Z")),
                 ("body", re.compile(r"(?:UBND|Công an|Tỉnh ủy|Thành ủy|Sở|HĐND)\b")))
_SENTENCE_END = re.compile(r"[.!?]\s")


_AT_UNIT = re.compile(r"\btại\s+" + _UNIT + r"\Z", re.IGNORECASE)


def _held_elsewhere(sentence: str, here: str) -> bool:
    """Whether the sentence puts its event "tại" a province other than ``here``."""
    if "tại" not in sentence:
        return False
    here = canonical_province(here)
    return any(name != here and _AT_UNIT.search(sentence, max(0, start - 60), start)
               for start, _, name in province_spans(sentence))


def _group_of(place: str) -> str:
    """A province itself; a place abroad by its country (``Tokyo, Nhật Bản`` → ``Nhật Bản``)."""
    return place if place in _PROVINCES() else place.rsplit(", ", 1)[-1]


def location_candidates(doc: RawDocument, speaker_title: str | None = None) -> tuple[list[Candidate], bool]:
    """Every place the text names, with its features; and whether the lead says the meeting is online."""
    text, lead_end = _prose(doc)
    scored = [(start, end, name, _score_mention(text, start, end) if name in _PROVINCES()
               else _score_abroad(text, start, end, name)) for start, end, name in places_named(text)]
    titles = doc.text_blocks("title")  # (the prose starts with the headline, when there is one)
    title_end = len(titles[0].text) if titles and text.startswith(titles[0].text) else 0
    title_groups = {_group_of(name) for start, _, name, _ in scored if start < title_end}
    dateline = _dateline(doc, text) if scored else None
    online = float(bool(_ONLINE.search(text[:lead_end])))
    governs = {name for *_, name in province_spans(speaker_title)} \
        if speaker_title and _LOCAL_OFFICE.search(speaker_title) else set()
    first_sentence_end = m.start() if (m := _SENTENCE_END.search(text)) else len(text)
    tallies: dict[str, dict] = {}
    for start, end, name, score in scored:
        # A city abroad and its country are one candidate ("Tokyo, Nhật Bản" and "Nhật Bản"): named by the
        # city when the text puts the event in it, or never names the country alone.
        group = _group_of(name)
        tally = tallies.setdefault(group, {"n": 0, "max": 0.0, "strong": 0, "weak": 0, "first": start / max(1, len(text)),
                                           "rank": len(tallies), "lead": 0, "excluded": 0, "sentence": "",
                                           "first_sentence": False, "forms": {}})
        tally["forms"][name] = max(tally["forms"].get(name, 0.0), score)
        tally["n"] += 1
        if score > tally["max"] or not tally["sentence"]:
            tally["max"] = max(tally["max"], score)
            tally["sentence"] = _bounds(text, start, end, _SENTENCE_BREAK).strip()
        if score >= 2:
            tally["strong"] += 1
        elif score > 0:
            tally["weak"] += 1
        tally["lead"] += start < lead_end
        clause = _bounds(text, start, end, _CLAUSE_BREAK)
        if _OUTBREAK.search(clause) or _SCENE.search(clause):  # cases or a scene there: says nothing of the event
            tally["excluded"] += 1
            continue
        if _PLURAL_UNIT.search(text, max(0, start - 20), start):
            continue  # (one of a list: "tại Đảng bộ các tỉnh Bình Định, …" puts nothing in Bình Định)
        before = text[max(0, start - 30):start]
        for key, pattern in _BEFORE_WORDS:
            tally[key] = tally.get(key, 0) or bool(pattern.search(before))
        tally["first_sentence"] = tally["first_sentence"] or start < first_sentence_end
    total = sum(t["n"] for t in tallies.values()) or 1
    # Places the text says something of (an event, "tại" …), not those only listed ("các nước Nhật Bản, Hàn
    # Quốc, Hoa Kỳ …"): how many compete.
    strong = sum(t["max"] >= 2 for t in tallies.values())
    cued = sum(t["max"] > 0 for t in tallies.values())
    candidates = []
    for group, t in tallies.items():
        cities = sorted((score, name) for name, score in t["forms"].items() if name != group)
        name = cities[-1][1] if cities and (group not in t["forms"] or cities[-1][0] > 0) else group
        if dateline in t["forms"]:  # ("London: Trong hôm thứ sáu …": the dateline puts the event in the city)
            name = dateline
        features = {
            "bias": 1.0, "max_bridge": float(t["max"] >= 3), "max_strong": float(t["max"] >= 2),
            "max_weak": float(0 < t["max"] < 2), "n_strong": math.log1p(t["strong"]), "n_weak": math.log1p(t["weak"]),
            "log_n": math.log1p(t["n"]), "share": t["n"] / total, "first": t["first"], "is_first": float(t["rank"] == 0),
            "in_title": float(group in title_groups), "in_lead": float(t["lead"] > 0),
            "abroad": float(name not in _PROVINCES()), "hanoi": float(name == "Hà Nội"),
            "excl_share": t["excluded"] / t["n"], "dateline": float(dateline == name), "governs": float(name in governs),
            "online": online, "n_cands": math.log1p(len(tallies)), "w_at": float(t.get("at", 0)),
            "w_to": float(t.get("to", 0)), "w_unit": float(t.get("unit", 0)), "w_body": float(t.get("body", 0)),
            "first_sent": float(t["first_sentence"]), "only": float(len(tallies) == 1),
            "n_cued": math.log1p(cued), "sole_strong": float(t["max"] >= 2 and strong == 1),
            "all_excluded": float(t["excluded"] == t["n"] and t["max"] < 2),  # only cases or a scene there
        }
        candidates.append(Candidate(name, features, f"“{t['sentence'][:160]}”"))
    return candidates, bool(online)


def find_location(doc: RawDocument, speaker_title: str | None = None) -> Finding:
    """The place where the event took place, with the evidence.

    Every place the text names is a candidate; a logistic model (``model.py``, trained on the annotated
    development pages) weighs what the text says around its mentions (``tại`` before it, an event in the
    sentence, a visit, the dateline, the lead, an outbreak or a crime scene …) and the likeliest place is
    the location when its probability passes the model's threshold.  The probability is the field's
    confidence."""
    candidates, online = location_candidates(doc, speaker_title)
    if not candidates:  # the text names no province and no place abroad: nothing to have missed
        return Finding(None, "no province or place abroad named in the text", 0.9)
    weighed = [(probability("location", c.features), c) for c in candidates]
    chance, best = max(weighed, key=lambda pair: pair[0])
    if chance >= threshold("location"):
        return Finding(best.name, best.evidence, round(chance, 2))
    dated = None if online else _dated_at(doc)
    if dated is not None and any(c.name == dated[0] for c in candidates):
        # "Sáng 22-7, tại TP Đà Lạt (Lâm Đồng), Hội nghị … đã khai mạc": the sentence that dates the event puts it
        # there (40 of 41 development pages; flagged, as the model is not sure).
        return Finding(dated[0], f"“{dated[1]}”: the sentence that dates the event puts it there", _DATED_AT)
    reason = "an online meeting; no place stated for it" if online else \
        "places are named, none surely where the event took place"
    return Finding(None, f"{reason} (likeliest: {best.name}, {chance:.2f})", round(1 - chance, 2))


_DATED_AT = 0.7
_MISSION = re.compile(r"\b(?:Đại sứ quán|Tổng Lãnh sự quán|Lãnh sự quán|Cao ủy|Phái đoàn|Cơ quan đại diện)\s+\Z")
# A sentence that opens with the event's day and where it was: "Sáng 22-7, tại TP Đà Lạt (Lâm Đồng), …" (the words
# looked for first, what stands before them checked after: the text's start, a sentence's or an outlet's prefix).
_DAY_THEN_PLACE = re.compile(r"(?:Sáng|Chiều|Tối|Trưa|Đêm|Ngày|Hôm|Vào)\b[^,.;\n]{0,30},\s*tại\s+")
_SENTENCE_START = re.compile(r"(?:\A|[.\n] |\n)(?:\(?[A-ZĐ]{2,}\)?\s*[-–]\s*)?\Z")


def _dated_at(doc: RawDocument) -> tuple[str, str] | None:
    """The place of the first sentence of the prose that opens with a day and "tại" — the province in brackets
    after a town ("TP Đà Lạt (Lâm Đồng)"), else the first place named — and the sentence's start."""
    text = "\n".join(b.text for b in doc.text_blocks("para"))
    opening = next((m for m in _DAY_THEN_PLACE.finditer(text)
                    if _SENTENCE_START.search(text, max(0, m.start() - 16), m.start())), None)
    if opening is None:
        return None
    window = text[opening.end():opening.end() + 90]
    # (not the country of a mission: "tại Cao ủy Malaysia ở trung tâm thủ đô Ấn Độ")
    places = [p for p in places_named(window) if not _MISSION.search(window, 0, p[0])]
    if not places:
        return None
    start, _, name = places[-1] if "(" in window[:places[-1][0]] else places[0]
    return name, text[opening.start():opening.end() + start + 30].strip()

