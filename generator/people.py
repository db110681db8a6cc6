"""People in an article: names with their rank and office, and the main speaker.

A name is a Vietnamese family name followed by one to three capitalised
syllables.  A title is the run of rank and office words before the name
(``Đại tướng Tô Lâm``) or the office segments after it (``Tô Lâm, Bộ trưởng
Bộ Công an``).  The speaker is the person whose words or directions the
article reports most: speech verbs count, attending or being thanked doesn't.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from .finding import Finding
from .places import province_spans
from .structure import RawDocument
from .text import name_key

SURNAMES = (
    "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Tô Đào Đinh "
    "Lương Trương Mai Cao Lâm Hà Trịnh Đoàn Vương Thái Tạ Chu Lưu Tăng Triệu Kiều Lại Quách Khúc "
    "Mạc Tiêu Châu Giang Doãn Nông Hứa Lò Lục Thân Thạch Ninh Âu Ông Từ Diệp Lã Phùng Quan "
    "Tôn Đồng Khổng Trình Bạch Đàm Nghiêm Đậu Hầu Vi Sầm Y Kim La Mã Thiều Hoa Bế Hà Chế Yên Phí"
).split()
RANKS = (
    "Đại tướng", "Thượng tướng", "Trung tướng", "Thiếu tướng", "Đại tá", "Thượng tá", "Trung tá",
    "Thiếu tá", "Đại úy", "Thượng úy", "Trung úy", "Thiếu úy", "Đô đốc", "Phó Đô đốc", "Chuẩn Đô đốc",
    "GS.TS", "PGS.TS", "GS", "PGS", "TS", "ThS", "Bác sĩ", "BS",
)
OFFICES = (
    "Tổng Bí thư", "Chủ tịch nước", "Phó Chủ tịch nước", "Chủ tịch Quốc hội", "Phó Chủ tịch Quốc hội",
    "Thủ tướng Chính phủ", "Phó Thủ tướng Chính phủ", "Thủ tướng", "Phó Thủ tướng", "Bộ trưởng", "Thứ trưởng",
    "Chủ tịch", "Phó Chủ tịch", "Bí thư", "Phó Bí thư", "Giám đốc", "Phó Giám đốc", "Chánh Văn phòng",
    "Phó Chánh Văn phòng", "Người phát ngôn", "Cục trưởng", "Phó Cục trưởng", "Vụ trưởng", "Phó Vụ trưởng",
    "Tổng cục trưởng", "Phó Tổng cục trưởng", "Tư lệnh", "Phó Tư lệnh", "Chính ủy", "Trưởng ban", "Phó Trưởng ban",
    "Trưởng phòng", "Phó Trưởng phòng", "Trưởng Công an", "Trưởng đoàn", "Tổng Giám đốc", "Viện trưởng",
    "Chánh án", "Tổng Thư ký", "Đại sứ", "Trưởng Tiểu ban", "Chủ nhiệm", "Phó Chủ nhiệm", "Ủy viên",
    "Đại biểu Quốc hội", "Đại biểu", "Trưởng", "Phó", "Thành viên", "thành viên",
)
HONORIFICS = ("đồng chí", "Đồng chí", "ông", "Ông", "bà", "Bà", "anh", "chị")
# Party memberships are not offices for the speaker title (gold convention).
_DROP_SEGMENT = re.compile(r"^(Ủy viên|Uỷ viên|thành viên|Thành viên|Đại biểu Quốc hội)\b")

_SURNAME_RX = "|".join(sorted(set(SURNAMES), key=len, reverse=True))
# Candidate: a family name and up to three more words; capitals are checked after.
_NAME = re.compile(r"(?<![\w])((?:" + _SURNAME_RX + r")(?: [^\W\d_]+){1,3})")
_RANK_RX = "|".join(re.escape(r) for r in sorted(RANKS, key=len, reverse=True))
_OFFICE_RX = "|".join(re.escape(o) for o in sorted(OFFICES, key=len, reverse=True))
_TITLE_WORD = re.compile(r"^(?:" + _RANK_RX + "|" + _OFFICE_RX + r")\b")
# A capitalised word that ends a name: it starts an office, a unit or a new phrase.
_NOT_NAME_PART = set(
    "Bộ Ủy Uỷ Ban Sở Cục Đảng Tỉnh Huyện Xã Phường Ảnh Tại Theo Sáng Chiều Tối Ngày Covid COVID UBND HĐND "
    "Viện Tòa Phòng Tiểu Chủ Phó Giám Bí Thứ Tổng Chánh Hội Đại Thượng Thiếu Công Nhà".split()
)
# Given names that also start compounds: a stop only when the compound follows.
_COMPOUNDS = {
    "Trung tướng", "Trung tá", "Trung ương", "Thành phố", "Thành ủy", "Chính phủ", "Chính trị", "Quốc hội",
    "Quốc gia", "Văn phòng", "Trưởng ban", "Trường Đại", "Người phát", "Thủ tướng", "Thủ trưởng",
}
_SPEECH_VERBS = (
    r"phát biểu|chủ trì|kết luận|yêu cầu|nhấn mạnh|chỉ đạo|đề nghị|cho biết|khẳng định|nêu rõ|"
    r"đánh giá|ghi nhận|biểu dương|phát động|kêu gọi|lưu ý|thông tin|chia sẻ|quán triệt|chúc mừng|giao nhiệm vụ|"
    r"trả lời|phân tích|đề xuất|nói|thông báo|trình bày|báo cáo|giải đáp"
)
_SPEECH = re.compile(r"^[^.;:“\"]{0,90}?\b(" + _SPEECH_VERBS + r")\b", re.IGNORECASE)
_LEAD_SPEECH = re.compile(r"^(Phát biểu|Kết luận|Chỉ đạo|Nhấn mạnh|Trả lời|Chia sẻ|Theo)\b[^.]{0,160}$", re.IGNORECASE)
_PASSIVE = re.compile(
    r"\b(có|dự|tham dự|cùng dự|có sự tham dự của|sự có mặt của|cảm ơn|tiếp|đón|do|của|theo chỉ đạo của|"
    r"Lời kêu gọi của|và|với)\s*(các\s+)?(đồng chí\s*:?\s*)?$",
    re.IGNORECASE,
)
_TITLE_STOP = re.compile(
    r"\s(?:đồng chủ trì|đã|đang|sẽ|cũng|được|vừa|và|tới|đến|tặng|trao|dự|tham dự|có|là|về|" + _SPEECH_VERBS + r")\b"
)
# Four lower-case words in a row: the title has ended and prose begun.
_LOWER_RUN = re.compile(r"(?:\s+[a-zđà-ỹ][^\s,]*){4}")
_QUOTE_AFTER = re.compile(r"^\s*[:,-–]?\s*[“\"]")


@dataclass(frozen=True)
class Person:
    """A named person with the title the article gives (rank + office)."""

    name: str
    title: str | None


@dataclass(frozen=True)
class Mention:
    name: str
    title_before: str
    title_after: str
    start: int
    end: int
    score: float


def _title_before(text: str, start: int) -> str:
    window = text[max(0, start - 120):start]
    # Walk back over "Rank Office … " words: the title ends right before the name.
    parts = re.split(r"(?<=[,.;:“”\"()–\-])\s*", window)
    tail = re.split(r"\s(?:và|cùng|với)\s", parts[-1])[-1].strip()
    for honorific in HONORIFICS:
        if tail.endswith(" " + honorific) or tail == honorific:
            tail = tail[: -len(honorific)].strip()
    # keep from the first rank/office word on
    match = re.search(r"(?:" + _RANK_RX + "|" + _OFFICE_RX + r")\b.*$", tail)
    return match.group(0).strip() if match else ""


def _title_after(text: str, end: int) -> str:
    rest = text[end:end + 220]
    m = re.match(r"\s*(?:,|\s[-–]|\()\s*", rest)
    if not m:
        return ""
    rest = rest[m.end():]
    stop = re.search(r"\s[-–]\s|[;.:()“\"]|\s[-–]$", rest)
    chunk = rest[: stop.start()] if stop else rest
    verb = _TITLE_STOP.search(chunk)
    chunk = chunk[: verb.start()] if verb else chunk
    prose = _LOWER_RUN.search(chunk)
    chunk = chunk[: prose.start()] if prose else chunk
    segments = []
    for segment in chunk.split(","):
        segment = segment.strip()
        if not _TITLE_WORD.match(segment):
            break
        segments.append(segment)
    return ", ".join(segments)


def _clean_title(before: str, after: str) -> str:
    pieces = [p.strip() for p in (before.split(",") + after.split(",")) if p.strip()]
    kept = []
    for piece in pieces:
        if _DROP_SEGMENT.match(piece) or piece in kept:
            continue
        kept.append(piece)
    return ", ".join(kept)


def find_mentions(text: str) -> list[Mention]:
    """Every person mention with its title and a speaker score."""
    mentions = []
    places = [(s, e) for s, e, _ in province_spans(text)]
    for m in _NAME.finditer(text):
        if any(s <= m.start() < e for s, e in places):
            continue
        parts: list[str] = []
        tokens = m.group(1).split(" ")
        for i, part in enumerate(tokens):
            following = tokens[i + 1] if i + 1 < len(tokens) else text[m.end():].split(" ", 2)[1:2] or [""]
            following = following if isinstance(following, str) else following[0]
            if not part[:1].isupper() or (parts and part in _NOT_NAME_PART):
                break
            if parts and f"{part} {following}" in _COMPOUNDS:
                break
            parts.append(part)
        if len(parts) < 2:
            continue
        name = " ".join(parts)
        end = m.start() + len(name)
        before = _title_before(text, m.start())
        after = _title_after(text, end)
        if not before and not after and not _has_honorific(text, m.start()):
            continue
        mentions.append(Mention(name, before, after, m.start(), end, _score(text, m.start(), end, after)))
    return mentions


def _has_honorific(text: str, start: int) -> bool:
    return text[max(0, start - 10):start].rstrip().endswith(HONORIFICS)


def _sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    start = max(text.rfind(". ", 0, pos), text.rfind("\n", 0, pos)) + 1
    end_candidates = [i for i in (text.find(". ", pos), text.find("\n", pos)) if i != -1]
    return start, min(end_candidates) if end_candidates else len(text)


def _score(text: str, start: int, end: int, after: str) -> float:
    s_start, _ = _sentence_bounds(text, start)
    before = text[s_start:start]
    tail = text[end:].lstrip()
    if after:
        tail = tail[tail.find(after) + len(after):] if after in tail else tail
    prefix = re.sub(r"(?:" + _RANK_RX + "|" + _OFFICE_RX + r")[^,]*$", "", before).rstrip()
    if _PASSIVE.search(prefix):
        return 0.2
    score = 1.0
    if _SPEECH.match(re.sub(r"^[\s,–-]+", "", tail)):
        score += 3
    if _QUOTE_AFTER.match(tail):
        score += 2
    if _LEAD_SPEECH.match(before.strip()):
        score += 3
    if re.search(r"\bđồng chủ trì\b", tail[:120]):
        score -= 1
    return score


_BARE_REFERENCE = re.compile(
    r"(?<![\w])(?:(?:đồng chí|Đồng chí)\s+)?(" + _OFFICE_RX + r")(?:\s+(Bộ [A-ZĐ][\wđ]+(?: [a-zđà-ỹ]+){0,2}))?"
    r"(?=\s+(?:cũng\s+|đã\s+)?(?:" + _SPEECH_VERBS + r"))",
    re.IGNORECASE,
)


def _bare_reference_credits(text: str, mentions: list[Mention]) -> dict[str, float]:
    """Credit "Bộ trưởng nêu rõ" to the last named person holding that office."""
    credits: dict[str, float] = defaultdict(float)
    for m in _BARE_REFERENCE.finditer(text):
        office = m.group(1).lower()
        earlier = [x for x in mentions if x.end <= m.start()]
        for mention in reversed(earlier):
            title = f"{mention.title_before} {mention.title_after}".lower()
            if office in title:
                credits[name_key(mention.name)] += 2.5
                break
    return credits


def find_people(doc: RawDocument) -> tuple[Finding, list[Person]]:
    """The main speaker (Finding of Person or None) and everyone else named."""
    text = "\n".join(b.text for b in doc.text_blocks("para", "title", "heading"))
    mentions = find_mentions(text)
    if not mentions:
        return Finding.none("no named person with a rank or office"), []
    by_key: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        by_key[name_key(mention.name)].append(mention)
    scores = {k: sum(m.score for m in ms) for k, ms in by_key.items()}
    for key, credit in _bare_reference_credits(text, mentions).items():
        scores[key] = scores.get(key, 0) + credit
    people = [_person(ms) for ms in by_key.values()]
    ranked = sorted(by_key, key=lambda k: (-scores[k], by_key[k][0].start))
    best = ranked[0]
    best_mentions = by_key[best]
    speech_like = scores[best] >= 4 or any(m.score > 1 for m in best_mentions)
    if not speech_like:
        return Finding.none("people are named but none is reported speaking or directing"), people
    speaker = _person(best_mentions)
    evidence = f"{len(best_mentions)} mentions, score {scores[best]:.1f}; e.g. “{_snippet(text, best_mentions)}”"
    runner_up = scores[ranked[1]] if len(ranked) > 1 else 0.0
    confidence = min(0.95, 0.5 + (scores[best] - runner_up) / (scores[best] + 1) / 2)
    others = [p for p in people if name_key(p.name) != best]
    return Finding(speaker, evidence, round(confidence, 2)), others


def _person(mentions: list[Mention]) -> Person:
    title = max((_clean_title(m.title_before, m.title_after) for m in mentions), key=len)
    rank = next((r for m in mentions for r in RANKS if m.title_before.startswith(r)), None)
    if rank and not title.startswith(rank):
        # A later, fuller office mention without the rank: keep the latest rank first.
        title = f"{rank}, {title}" if title else rank
    return Person(mentions[0].name, title or None)


def _snippet(text: str, mentions: list[Mention]) -> str:
    best = max(mentions, key=lambda m: m.score)
    start = max(0, best.start - 40)
    return text[start:best.end + 60].replace("\n", " ").strip()
