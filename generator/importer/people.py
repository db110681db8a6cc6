"""People in an article: names with their rank and office, each mention scored as a speaker's.

A name is a Vietnamese family name followed by one to three capitalised
syllables.  A title is the run of rank and office words before the name
(``Đại tướng Tô Lâm``) or the office segments after it (``Tô Lâm, Bộ trưởng
Bộ Công an``).  Which of them is the article's speaker: ``speaker.py``.
Vocabulary lives in ``data/people.yaml``.
"""
from __future__ import annotations

import dataclasses
import re
from collections import defaultdict
from dataclasses import dataclass

from ..lang.gazetteer import canonical_place, province_spans
from ..lang.text import matches_at_word_start, name_key
from .names import SURNAMES as _SURNAMES
from .names import LOWER as _LOWER
from .names import VOCAB as _VOCAB
from .names import alternation, foreign_names


def spellings(words) -> list[str]:
    """Each phrase also with a lower-case first letter (``thượng tá`` mid-sentence) and with every word
    capitalised (``Người Phát Ngôn``, ``Người Phát ngôn``: as some sites write an office)."""
    return [v for w in words for v in (w, w[:1].lower() + w[1:], w[:1].upper() + w[1:],
                                        " ".join(x[:1].upper() + x[1:] for x in w.split()),
                                        " ".join(x[:1].upper() + x[1:] if i == 1 else x
                                                 for i, x in enumerate(w.split())))]


RANKS = tuple(_VOCAB["ranks"])
RANK_RX = alternation(spellings(RANKS))
OFFICE_RX = alternation(spellings(_VOCAB["offices"]))
_TITLE_RX = f"(?:{RANK_RX}|{OFFICE_RX})"
_TITLE_WORD = re.compile(rf"^{_TITLE_RX}(?![\w])")
_HONORIFIC = re.compile(r"(?:^|[\s(“\"])(?:" + alternation(spellings(_VOCAB["honorifics"])) + r")\s*\Z")
# Every family name starts a candidate of up to four words (found overlapping, with matches_at_word_start).
_NAME = re.compile(r"((?:" + alternation(_SURNAMES, guard=False) + r")(?: [^\W\d_]+){1,3})")
# "ông Kpă Thuyên": after an honorific, two to four capitalised words are a name whatever the family name.
_HONORED_NAME = re.compile(r"(?:ông|bà|Ông|Bà|đồng chí|Đồng chí)\s+((?:[A-ZĐÀÁẢÃẠÂĂÈÉÊÌÍÒÓÔƠÙÚƯỲÝ][^\s,.;:()“”\"]*)"
                           r"(?: [A-ZĐÀÁẢÃẠÂĂÈÉÊÌÍÒÓÔƠÙÚƯỲÝ][^\s,.;:()“”\"]*){1,3})")
_PLACE_UNIT = re.compile(r"(?:\b(?:TP|Tp|tỉnh|huyện|quận|xã|phường|thị xã|thị trấn|thành phố|Thành phố|làng|thôn|"
                         r"đường|phố|sông|núi|chùa|đền|[Bb]uôn|THPT|THCS|[Nn]ội trú|[Tt]iểu học|[Mm]ầm non)"
                         r"\s*\.?\s*|TP\.)\Z")
# A capitalised word that ends a name: it starts an office, a unit or a new phrase.
_NOT_NAME_PART = set(
    "Bộ Ủy Uỷ Ban Sở Cục Đảng Tỉnh Huyện Xã Phường Ảnh Tại Theo Sáng Chiều Tối Ngày Covid COVID UBND HĐND "
    "Viện Tòa Phòng Tiểu Chủ Phó Giám Bí Thứ Tổng Trưởng Cục".split()
)
# Given names that also start compounds: a stop only when the compound follows.
_COMPOUNDS = {
    "Trung tướng", "Trung tá", "Trung ương", "Thành phố", "Thành ủy", "Chính phủ", "Chính trị", "Quốc hội",
    "Quốc gia", "Văn phòng", "Trưởng ban", "Trường Đại", "Người phát", "Thủ tướng", "Thủ trưởng",
    "Đại tướng", "Đại tá", "Đại úy", "Đại biểu", "Đại hội", "Đại học", "Đại sứ", "Đại đoàn", "Thượng tướng",
    "Thượng tá", "Thượng úy", "Thiếu tướng", "Thiếu tá", "Thiếu úy", "Công an", "Công ty", "Công đoàn",
    "Công nghệ", "Công Thương", "Công thương", "Nhà nước", "Nhà máy", "Hội nghị", "Hội đồng", "Hội Liên",
    # ("Chánh" is a given name in the South, "Nguyễn Chánh Phương", and starts an office: "Chánh Văn phòng")
    "Chánh Văn", "Chánh văn", "Chánh án", "Chánh Án", "Chánh Thanh", "Chánh thanh", "Chánh Tòa", "Chánh tòa",
}
SPEECH_VERBS = alternation(_VOCAB["speech_verbs"])
# (not denied: "Thủ tướng X … không đề cập tới", "HLV X cũng khó lý giải")
_SPEECH_RX = re.compile(r"^(?:(?!\.\s)[^;:“\"]){0,90}?(?<![\w])(?<!không )(?<!chưa )(?<!khó )(?:" + SPEECH_VERBS
                        + r")(?![\w])(?! riêng| chung)", re.IGNORECASE)
_LEAD_SPEECH = re.compile(r"^(Phát biểu|Kết luận|Chỉ đạo|Nhấn mạnh|Trả lời|Chia sẻ)\b[^.]{0,160}$", re.IGNORECASE)
PASSIVE = re.compile(
    r"(?<![\w])(có|dự|tham dự|cùng dự|có sự tham dự của|sự có mặt của|cảm ơn|tiếp|đón|do|của|theo chỉ đạo của|"
    r"Lời kêu gọi của|và|với|đối với|mừng|chào mừng|tặng hoa|gửi|lên)\s*(các\s+)?(đồng chí\s*:?\s*)?$",
    re.IGNORECASE,
)
# "kết luận của Chủ tịch X" reports X's words; "chỉ đạo của X" usually cites an earlier order.
# "(bài) phát biểu bế mạc Kỳ họp thứ 8 của X", "những chia sẻ của X", "Đây là khẳng định của X".
_WORDS_OF = re.compile(r"\b(kết luận|phát biểu|chia sẻ|khẳng định|diễn văn|ý kiến|trả lời)\b[^.;:!?“”\"]{0,60}? của\s*\Z",
                       re.IGNORECASE)
_THESE_ARE_WORDS_OF = re.compile(r"\b(?:Đây là|Đó là|đây là|đó là)\s+(?:chỉ đạo|yêu cầu|ý kiến|đề nghị|khẳng định|"
                                 r"nhận định|lời kêu gọi|thông điệp)\s+của\s*\Z")
# Whom a speech or a letter addresses ("Kính thưa đồng chí Tập Cận Bình, Tổng Bí thư …"): not its speaker.
_ADDRESSED = re.compile(r"\b(?:[Kk]ính thưa|[Tt]hưa|[Kk]ính gửi|[Tt]hân gửi|[Kk]ính chào)\s*(?:các\s+)?(?:Ngài|ngài)?\s*$")
_ACCORDING_TO = re.compile(r"^\s*Theo\s*(?:ông|bà|đồng chí)?\s*\Z", re.IGNORECASE)
_LED_BY = re.compile(r"\bdo\s*$", re.IGNORECASE)  # "do Thứ trưởng X dẫn đầu": led by X
_CHAIRED_BY = re.compile(r"\b(?:dưới )?sự chủ trì của\s*$", re.IGNORECASE)  # "dưới sự chủ trì của Thượng tướng X"
_AGENT = re.compile(r"\bđược\s*$", re.IGNORECASE)  # "được Bí thư X nêu": said by X
# Where a title ends: a verb, "và" before a lower-case word, "do" (led by, or because: "Đoàn đại biểu … do Chủ
# tịch Nhân đại …", "… tỉnh Sơn La do đã có vi phạm"; not in "Đảng Tự do").
_TITLE_STOP = re.compile(r"\svà(?=\s+[" + _LOWER + r"])|(?<!Tự)\sdo(?![\w])"
                         r"|\s(?:đồng chủ trì|đã|đang|sẽ|cũng|được|vừa|tới|đến|tặng|trao|dự|tham dự|có|là|về|"
                         r"nhiệt liệt|trân trọng|thân ái|long trọng|"
                         + SPEECH_VERBS + r")(?![\w])")
# Four lower-case words in a row: the title has ended and prose begun.
_LOWER_RUN = re.compile(r"(?:\s+[" + _LOWER + r"][^\s,]*){4}")
_QUOTE_BEFORE = re.compile(r"[”\"]\s*[-–—,]?\s*\Z")
_QUOTE_AFTER = re.compile(r"^\s*[:,-–]?\s*[“\"]")
_ONCE_SAID = re.compile(r"\s*(?:(?:cũng\s+)?(?:đã\s+)?từng|đã có lần|có lần)\s", re.IGNORECASE)
_COLON_AFTER = re.compile(r"^\s*:\s*[^\W\d_]")  # a person's words after their name and title, as interviews set them



def _reports_speech(clause: str) -> bool:
    """Does the text right after a name report what the person said or did?

    Commas may separate the name from its verb only inside a title-like run
    (``X, Trưởng phòng CSGT (PC67), CATP Hà Nội kiến nghị``), not across prose.
    """
    match = _SPEECH_RX.match(clause)
    if not match:
        return False
    before_verb = re.sub(r"\([^()]*\)", "", clause[: match.end()].rsplit(" ", 1)[0])
    return "," not in before_verb or not _LOWER_RUN.search(before_verb)


@dataclass(frozen=True)
class Person:
    """A named person with the title the article gives (rank + office)."""

    name: str
    title: str | None


@dataclass(frozen=True)
class Mention:
    """One occurrence of a named person, with the title around it and a speaker score."""

    name: str
    title_before: str
    title_after: str
    start: int
    end: int
    score: float
    quoted: bool = False  # named inside someone else's quotation


_DASH_END = re.compile(r"(?<=[^\W\d_])\s+[-–]\s*\Z")
# A province in brackets inside an office: "chủ tịch huyện Kong Chro (Gia Lai) Phan Văn Trung".
_PROVINCE_IN_BRACKETS = re.compile(r"\s*\((?:tỉnh |TP\.? ?)?([^()]{2,25})\)(?=\s)")
# "và" between two people ("Bộ trưởng A và Thứ trưởng B"), not inside a ministry's name ("Bộ Nông nghiệp và
# Phát triển nông thôn", "Ủy ban Quốc phòng và An ninh"): a lower-case word, a rank or an office follows it.
_AND_PEOPLE = re.compile(r"\svà\s(?=[" + _LOWER + r"]|(?:đồng chí|Đồng chí|ông|Ông|bà|Bà)\s|" + _TITLE_RX + r"(?![\w]))")


_ON_BEHALF = re.compile(r"(?:^|\s)(?:[Tt]hay mặt|[Tt]heo ủy quyền của|[Tt]heo uỷ quyền của)\s")


def _title_before(text: str, start: int) -> str:
    window = text[max(0, start - 160):start]
    window = _DASH_END.sub("", window)  # "Giám đốc Sở Giáo dục và Đào tạo - Nguyễn Quang Thái"
    if "(" in window:
        window = _PROVINCE_IN_BRACKETS.sub(lambda m: "" if canonical_place(m.group(1)) else m.group(0), window)
    tail = re.split(r"[;:“”\"()]|\.\s|\s[-–]\s|\s(?:cùng|với)\s", window)[-1]
    tail = _AND_PEOPLE.split(tail)[-1]
    tail = re.sub(r"(?:^|\s)(?:đồng chí|Đồng chí|ông|Ông|bà|Bà)\s*$", "", tail)
    # The title is the run of office words right before the name: no prose in between.
    across_lines = ""
    behalf = _ON_BEHALF.search(tail)
    for match in re.finditer(rf"(?<![\w]){_TITLE_RX}(?![\w])", tail):
        candidate, rest = tail[match.start():], tail[match.end():]  # (an office may hold a stop word: "Tổng thư ký")
        if rest.startswith(",") and " " not in match.group(0) and match.group(0)[:1].islower():
            continue  # (a word of prose that is also a rank: "Chủ động ứng phó, Thủ tướng …")
        if tail.endswith(("Phủ ", "phủ "), 0, match.start()):
            continue  # (a building: "tại Phủ Chủ tịch, Chủ tịch nước …", "Phủ Thủ tướng")
        if behalf and behalf.start() < match.start() and "," in candidate:
            continue  # (on whose behalf, not the person's office: "Thay mặt Chính phủ, Thủ tướng Chính phủ, Phó
            # Thủ tướng … Phạm Bình Minh": the last of the list is theirs)
        # (the office's own words are not prose: "Đại sứ nước ta tại Trung Quốc")
        if not _LOWER_RUN.search(rest) and not _TITLE_STOP.search(rest) and not _names_someone(candidate):
            if "\n" not in candidate:
                return candidate.strip(" ,-–")
            # Across a line break: a line wrapped inside the title ("Phó Chủ tịch\nThường trực Hội đồng Bầu cử"),
            # unless a title starts on the name's own line ("Đại sứ quán Hàn Quốc\nSáng 20/4, Phó Bí thư …") or
            # a new sentence does ("… Hàn Quốc\nSáng 20/4, đồng chí Lê Duy Thành").
            if "," not in candidate.rsplit("\n", 1)[1]:
                across_lines = across_lines or " ".join(candidate.split()).strip(" ,-–")
    return across_lines


def _names_someone(segment: str) -> bool:
    """Whether a run of office words names a person ("Tổng Bí thư Nguyễn Phú Trọng, Chủ tịch Quốc hội" before
    Nguyễn Sinh Hùng in a list of guests): then it is someone else's title, not part of this person's."""
    for match in matches_at_word_start(_NAME, segment, overlapping=True):
        name = _name_at(segment, match.group(1), match.end(1))
        if name and not _a_place(name, segment[max(0, match.start() - 12):match.start()]) \
                and not _PLACE_UNIT.search(segment, max(0, match.start() - 12), match.start()):
            return True  # (not the place or school an office is of: "Hiệu trưởng trường THPT … Lạc Dương")
    return False


# The words before a name that make it the name of an organisation, a prize, a building or a street ("Đoàn
# Thanh niên Cộng sản Hồ Chí Minh", "Giải thưởng Hồ Chí Minh", "Bệnh viện Nguyễn Trãi", "Trường THPT Lê Quý Đôn",
# "Đường Nguyễn Huệ"; not "Môi trường", "thành phố" before a name).
_NAMED_AFTER = re.compile(r"(?:Cộng sản|Tiền phong|Giải thưởng|Huân chương|[Tt]ư tưởng|[Bb]ệnh viện|BV|THPT|THCS"
                          r"|[Tt]iểu học|[Đđ]ại học|[Hh]ọc viện|[Cc]ông viên|[Qq]uảng trường|(?-i:Trường|Đường|Phố))\s+\Z")


def _a_place(name: str, before: str = "") -> bool:
    """Whether a name-shaped run is a place ("Hà Lan", "Thái Lan (Prayut …)"), not a person of the family Hà or
    Thái — or the end of one that starts with the word ``before`` it ("Đại | Hàn Dân Quốc Woo …")."""
    words = name.split()
    if canonical_place(name) or canonical_place(" ".join(words[:2])):
        return True
    previous = before.split()[-1:]
    return bool(previous) and previous[0][:1].isupper() and any(
        canonical_place(" ".join(previous + words[:k])) for k in (1, 2, 3) if len(words) >= k)


def _title_after(text: str, end: int) -> str:
    rest = text[end:end + 240]
    m = re.match(r"\s*(?:,|\s[-–]|\()\s*", rest)
    if not m:
        return ""
    rest = rest[m.end():]
    stop = re.search(r"\s[-–]\s|[;:()“\"]|\.(?:\s|$)|\s[-–]$", rest)
    chunk = rest[: stop.start()] if stop else rest
    for pattern in (_TITLE_STOP, _LOWER_RUN):
        cut = pattern.search(chunk)
        chunk = chunk[: cut.start()] if cut else chunk
    segments = []
    for segment in chunk.split(","):
        segment = segment.strip()
        if not _TITLE_WORD.match(segment) or _names_someone(segment):
            break
        segments.append(segment)
    return ", ".join(segments)


def clean_title(before: str, after: str) -> str:
    kept: list[str] = []
    for piece in (" ".join(p.split()) for p in before.split(",") + after.split(",")):
        if piece and not re.match(r"^(Ủy viên|Uỷ viên|thành viên|Thành viên|Đại biểu Quốc hội)\b", piece) \
                and piece not in kept:
            kept.append(piece[:1].upper() + piece[1:])
    return ", ".join(kept)


def _name_at(text: str, candidate: str, end_of_match: int) -> str | None:
    tokens = candidate.split(" ")
    parts: list[str] = []
    for i, part in enumerate(tokens):
        following = tokens[i + 1] if i + 1 < len(tokens) else (text[end_of_match:].split(" ", 2)[1:2] or [""])[0]
        # A word that starts an office ends the name, unless a comma ends it: "Nguyễn Công Trưởng, Phó Chủ tịch".
        last_before_comma = i == len(tokens) - 1 and len(parts) >= 2 and text[end_of_match:end_of_match + 1] == ","
        if not part[:1].isupper() or (parts and part in _NOT_NAME_PART and not last_before_comma) \
                or (parts and f"{part} {following}" in _COMPOUNDS):
            break
        if parts and part.isupper() and len(part) > 1:  # an acronym (UBND, TP) is not a syllable of a name
            break
        parts.append(part)
    return " ".join(parts) if len(parts) >= 2 else None


_BAPTISMAL = re.compile(r"(?<![\w])(Gioan Baotixita|Giuse|Phaolô|Phêrô|Gioan|Antôn|Giacôbê|Micae|Đaminh|Phanxicô|"
                        r"Anrê|Tôma|Matthêu|Luca|Marcô|Maria|Têrêsa|Anna|Inhaxiô|Vinh Sơn|Gioakim|Augustinô)\s\Z")
_EUROPE = re.compile(r"(?:[cC]hâu|Đông|Tây|Bắc|Nam)\s+\Z")


def find_mentions(text: str) -> list[Mention]:
    """Every person mention with its title and a speaker score."""
    places = [(s, e) for s, e, _ in province_spans(text)]
    mentions: list[Mention] = []
    taken_until = -1
    surnamed = [(m.start(), m.group(1)) for m in matches_at_word_start(_NAME, text, overlapping=True)]
    full_names = " | ".join(c for _, c in surnamed)
    # Unknown family names only: "ông Xuân Anh" is Nguyễn Xuân Anh's given name, not another person.
    # (nor an office after the honorific: "đồng chí Phó Tham mưu trưởng lưu ý")
    honored = [(m.start(1), m.group(1)) for m in matches_at_word_start(_HONORED_NAME, text)
               if m.group(1).split()[0] not in _SURNAMES | _NOT_NAME_PART
               and " " + " ".join(m.group(1).split()[:2]) not in full_names]
    foreign = foreign_names(text)
    one_word = {start for start, name in foreign if " " not in name}  # ("Tổng thống Mỹ Obama")
    candidates = sorted(surnamed + honored + foreign)
    quoted = [(m.start(), m.end()) for m in re.finditer(r"“[^”]{10,}”|\"[^\"\n]{10,}\"", text)]
    for start, candidate in candidates:
        if start < taken_until or any(s <= start < e for s, e in places):
            continue
        if candidate.startswith("Âu ") and _EUROPE.search(text, max(0, start - 6), start):
            continue  # "Liên minh châu Âu Herman Van Rompuy": Europe, then the name
        name = _name_at(text, candidate, start + len(candidate)) or (candidate if start in one_word else None)
        if name and _a_place(name, text[max(0, start - 12):start]):
            continue  # a country, not a person
        if _NAMED_AFTER.search(text, max(0, start - 16), start):
            continue  # what is named after a person: "Đoàn Thanh niên Cộng sản Hồ Chí Minh", "Giải thưởng Hồ Chí Minh"
        unit = _PLACE_UNIT.search(text[max(0, start - 12):start])
        if unit and (not _title_before(text, start) or unit.group(0).endswith(".")
                     or len((name or "").split()) < 3):
            continue  # "ở TP.Phan Thiết", "UBND TP Hội An": a place ("Chủ tịch UBND TP Nguyễn Thành Phong" is a person)
        if not name:
            continue
        end = start + len(name)
        baptismal = _BAPTISMAL.search(text, max(0, start - 20), start)
        if baptismal:  # "Giám mục Phaolô Nguyễn Thái Hợp": a Catholic's name begins with the saint's
            start, name = baptismal.start(), f"{baptismal.group(1)} {name}"
        before, after = _title_before(text, start), _title_after(text, end)
        if not before and not after and not _HONORIFIC.search(text[max(0, start - 12):start]):
            continue
        taken_until = end
        score = _score(text, start, end, before, after)
        inside = any(q_start < start < q_end for q_start, q_end in quoted)
        if inside:
            score = min(score, 0.5)  # named inside a quotation: reported by someone else
        mentions.append(Mention(name, before, after, start, end, score, inside))
    return mentions


def with_full_names(mentions: list[Mention], elsewhere: list[Mention] = ()) -> list[Mention]:
    """A one-word name ("Tổng thống Putin") is the person the text (or ``elsewhere``, its captions) names in
    full ("Vladimir Putin")."""
    full = {m.name.rsplit(" ", 1)[-1]: m.name for m in [*elsewhere, *mentions] if " " in m.name}
    return [dataclasses.replace(m, name=full.get(m.name, m.name)) if " " not in m.name else m for m in mentions]


def sentence_start(text: str, pos: int) -> int:
    """Where the sentence holding ``pos`` starts (after ". " or a line break)."""
    return max(text.rfind(". ", 0, pos), text.rfind("\n", 0, pos)) + 1


def _score(text: str, start: int, end: int, before: str, after: str) -> float:
    sentence_before = text[sentence_start(text, start):start]
    # (A title of ranks holds commas, "Theo Tiến sĩ, bác sĩ X": it goes whole.)
    prefix = sentence_before[: len(sentence_before) - len(before)] if before and sentence_before.endswith(before) \
        else re.sub(rf"(?:{RANK_RX},\s*)*{_TITLE_RX}[^,]*$", "", sentence_before)
    # (The title ends before the space before the name: "đó là chỉ đạo của Bí thư Tỉnh ủy X Hồ Quốc Dũng" would
    # lose its words up to the first office word, "Chủ tịch" in a quote before it.)
    told = sentence_before.rstrip()
    told = told[: len(told) - len(before)] if before and told.endswith(before) else prefix
    prefix = re.sub(r"(?:đồng chí|Đồng chí|ông|Ông|bà|Bà)\s*$", "", prefix).rstrip()
    tail = text[end:]
    if after:
        position = tail.find(after)
        tail = tail[position + len(after):] if position != -1 else tail
    tail = re.sub(r"^[\s,–-]+|^\([^)]{0,60}\)\s*", "", tail)
    clause = tail[:160]
    # "do Thứ trưởng X dẫn đầu", "dự thảo do Bộ trưởng X trình bày": led, chaired or presented by X.
    if _LED_BY.search(prefix) and (re.search(r"\b(dẫn đầu|chủ trì|làm trưởng đoàn)\b", clause)
                                   or re.search(r"^[^,.;]{0,12}\b(trình bày|báo cáo|phát biểu)\b", clause)):
        return 4.0
    if _CHAIRED_BY.search(prefix):
        return 4.0
    if _AGENT.search(prefix):
        return 3.0 if _reports_speech(clause) else 0.5
    if _QUOTE_BEFORE.search(prefix):
        return 4.0
    if _WORDS_OF.search(prefix) or _THESE_ARE_WORDS_OF.search(told):
        return 3.0  # "kết luận của Chủ tịch X": the conclusions are X's; "Đây là chỉ đạo của X": what went before
    if PASSIVE.search(prefix) or _ADDRESSED.search(prefix):
        return 0.2
    score = 0.5  # a plain mention: the article's subject is not necessarily its speaker
    if _ONCE_SAID.match(clause):
        return score  # "Tổng Bí thư X từng nhấn mạnh …": words from before, quoted as background
    if _reports_speech(clause):
        score += 3
    if _QUOTE_AFTER.match(tail):
        score += 2
    elif _COLON_AFTER.match(tail):  # "Trung tướng Đặng Văn Hiếu, Thứ trưởng Bộ Công an: Tôi biểu dương …"
        score += 3
    if _LEAD_SPEECH.match(sentence_before.strip()) or _ACCORDING_TO.match(prefix):
        score += 3
    if re.match(r"\s*đồng chủ trì\b", clause):
        score -= 1
    return score


def group_mentions(mentions: list[Mention]) -> dict[str, list[Mention]]:
    grouped: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        grouped[name_key(mention.name)].append(mention)
    return grouped


def person_of(mentions: list[Mention]) -> Person:
    title = max((clean_title(m.title_before, m.title_after) for m in mentions), key=len)
    rank = next((r for m in mentions for r in RANKS if m.title_before.lower().startswith(r.lower())), None)
    if rank and not title.lower().startswith(rank.lower()):
        title = f"{rank}, {title}" if title else rank
    return Person(mentions[0].name, title or None)


def short_office(title: str | None) -> str | None:
    """The office word of a title, without rank or institution (``Bộ trưởng``)."""
    for segment in (title or "").split(","):
        segment = segment.strip()
        if any(segment.lower() == r.lower() for r in RANKS):
            continue
        match = re.match(rf"{OFFICE_RX}(?![\w])", segment)
        if match:
            return match.group(0)
    return None
