"""The shape of a raw article: headline, lead, captions, subheadings, chrome.

Turns clean raw text into a list of typed blocks. It decides *what a line is*;
field extraction (dates, people, places) reads the blocks afterwards.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..lang.text import fold
from .names import VOCAB

# Lines that are site furniture, never article text.
_CHROME_LINES = {
    "your browser does not support the audio element.",
    "your browser does not support the video tag.",
    "thong tin nguoi gui phan hoi",
    "chia se",
    "in bai",
    "in bai viet",
    "gui bai viet",
    "binh luan",
    "quay lai",
    "len dau trang",
    "tro ve",
}
# Markers after which the rest of the page is chrome (comment forms, link lists).
_TAIL_MARKERS = {
    "phan hoi",
    "cac tin khac",
    "tin khac",
    "xem nhieu nhat",
    "lien ket website",
    "tin lien quan",
    "tin cung chuyen muc",
    "bai viet lien quan",
    "doc nhieu nhat",
    "tin moi nhat",
    "y kien ban doc",
    "gui y kien",
    "binh luan",
}
_MARKER = re.compile(r"^\s*date\s+(\d{4})-(\d{2})(?:-(\d{2}))?\s*")
_CREDIT = re.compile(r"\(?\b(Ảnh|Ảnh minh họa|Nguồn ảnh|Video|Clip)\s*:\s*", re.IGNORECASE)
_SOURCE_LINE = re.compile(r"^\s*\(?Nguồn\s*:?\s+(?P<name>[^\n]{2,80}?)\)?\s*\.?\s*$")
_CAPTION_CUE = re.compile(
    r"^(Toàn cảnh|Quang cảnh|Các đại biểu|Đại biểu|Các đồng chí|Lãnh đạo|Ảnh:|Hình ảnh)"
    r"|\b(phát biểu|chủ trì|trao|tặng|thăm|kiểm tra|dự|tại)\b[^.]{0,60}\b(hội nghị|phiên họp|buổi làm việc|lễ|buổi lễ|chương trình|sự kiện)\b\.?$",
    re.IGNORECASE,
)
_STRONG_CAPTION = re.compile(r"^(Toàn cảnh|Quang cảnh|Ảnh:)(?![^:]{3,60}:\s+\S)|(?<!những )\bphát biểu (tại|chỉ đạo)\b[^.]{0,60}$",
                             re.IGNORECASE)  # ("Toàn cảnh lũ lụt miền Trung: Đại hồng thủy …" is a headline)
_SENTENCE_END = re.compile(r"[.!?…:;\"”»)]$")


@dataclass(frozen=True)
class Block:
    """One line of the article with its role: title, lead, para, heading, caption, source."""

    kind: str
    text: str
    credit: str | None = None


@dataclass(frozen=True)
class RawDocument:
    """The structured raw text, before any field is extracted."""

    blocks: tuple[Block, ...]
    marker: tuple[int, int, int | None] | None = None
    prefix: str | None = None
    removed: tuple[str, ...] = field(default=())
    stamps: tuple[tuple[int, int, int], ...] = field(default=())  # publication stamps (y, m, d)

    def text_blocks(self, *kinds: str) -> list[Block]:
        """Blocks of the given kinds (all kinds when none given), in order."""
        return [b for b in self.blocks if not kinds or b.kind in kinds]


# Outlet prefixes: "TPO - ", "ANTD.VN - ", "VOV.VN - ", "(Dân trí) - ", "(PLO)- ".
_PREFIX = re.compile(
    r"^\s*(?:\((?P<paren>[^()\n]{2,30})\)\s*[-–—:]?\s*"
    r"|(?P<code>[A-ZĐ][A-Za-zĐ0-9]*(?:\.[A-Za-z]{2,4}){0,2})\s*[-–—]\s+)"
)


def _split_prefix(text: str, known: frozenset[str] = frozenset()) -> tuple[str | None, str]:
    match = _PREFIX.match(text)
    if not match:
        return None, text
    code = (match.group("code") or match.group("paren")).strip()
    rest = text[match.end():]
    if not (rest[:1].isupper() or rest[:1] in "“\"'‘«"):
        return None, text
    if match.group("code") and not (code.isupper() or "." in code or fold(code) in known):
        return None, text
    return code, rest


_SERVER_WARNING = re.compile(r"(?:Deprecated|Warning|Notice|Fatal error|Parse error)\s*:\s+\S.{0,400}\bon line \d+\s*$")
_LETTER = re.compile(r"[^\W\d_]")
_LATIN_LETTER = re.compile(r"[A-Za-z\u00C0-\u024F\u1E00-\u1EFF]")
_BROWSER_NOTICE = re.compile(r"\bjavascript\b|trình duyệt (?:của bạn )?không hỗ trợ|Your browser|^[|•·\s]*(?:Đường dây nóng|Hotline)\b"
                             r"|^(?:Kích cỡ chữ|Cỡ chữ|Truy cập nội dung|Bỏ qua nội dung|Nhập thông tin|Đăng nhập|Đăng ký)\b"
                             r"|^[•·\s]*(?:Liên hệ quảng cáo|Logo\b|Lỗi\s*:|Skip to (?:main )?content|Skip navigation)"
                             r"|^Call\s+\+?\d[\d. ]{6,}|^(?:Categories|Tags|Danh mục)\s*:|^CÔNG TY (?:TNHH|CỔ PHẦN|CP)\b"
                             # a weather widget, "follow us on …"
                             r"|^[^.]{0,30}\d\s*°\s*C\s*$"
                             r"|^Theo dõi\b.{0,40}\btrên\s*:?\s*$"
                             r"|^[•·\s]*(?:Tiếng Việt|English)(?:\s*\|\s*(?:Tiếng Việt|English|中文))*\s*$", re.IGNORECASE)


def _is_chrome(line: str) -> bool:
    if len(line) <= 160 and _BROWSER_NOTICE.search(line) or _SERVER_WARNING.match(line):  # "Vui lòng kích hoạt …"
        return True
    if len(line) <= 40 and _LETTER.search(line) and not _LATIN_LETTER.search(line):
        # letters, none of them Latin: a language switcher in another script ("ភាសាខ្មែរ")
        return True
    if len(line) > 60:  # chrome lines are short; folding long paragraphs is wasted work
        return False
    folded = fold(line)
    return folded.strip(" .:") in _CHROME_LINES or folded.strip() in _CHROME_LINES


def _is_tail_marker(line: str) -> bool:
    return len(line) <= 40 and fold(line).strip(" .:") in _TAIL_MARKERS


def _office_start() -> re.Pattern[str]:
    words = sorted(set(VOCAB["ranks"]) | set(VOCAB["offices"]), key=len, reverse=True)
    return re.compile("^(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w])")


_OFFICE_START = _office_start()


def _credit_end(tokens: list[str]) -> int | None:
    """Where a photo credit (1–5 words) ends and the article text resumes."""
    for i in range(1, min(len(tokens), 7)):
        token = tokens[i]
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        if tokens[i - 1].endswith((".", ")")):
            return i
        if _OFFICE_START.match(" ".join(tokens[i:i + 4])):
            return i
        if token[:1].isupper() and nxt and not nxt[:1].isupper() and nxt not in ("-", "–", "/", "&"):
            return i
    return None


def split_credit(line: str) -> tuple[str | None, str, str | None, str | None]:
    """Split ``text. Caption. Ảnh: NAME Rest`` into (text before, caption, credit, rest)."""
    match = _CREDIT.search(line)
    if not match:
        return None, line, None, None
    caption = line[: match.start()].rstrip(" (")
    before = None
    if len(caption.split()) > 30:
        # A run-in caption is the last sentence before the credit, not the whole paragraph.
        boundaries = [m.end() for m in re.finditer(r"[.!?…]\s+(?=[A-ZĐÀ-Ỹ“\"])", caption)]
        if boundaries:
            before, caption = caption[: boundaries[-1]].strip(), caption[boundaries[-1]:]
    tail = line[match.end():]
    tokens = tail.split(" ")
    split_at = _credit_end(tokens)
    if split_at is None:
        if len(tokens) <= 6:
            return before, caption, tail.strip(" )."), None
        split_at = 2
    credit = " ".join(tokens[:split_at]).strip(" ).")
    rest = " ".join(tokens[split_at:]).strip()
    return before, caption, credit, rest or None


def _looks_like_heading(line: str) -> bool:
    n_words = len(line.split())
    return (
        2 <= n_words <= 20
        and line[:1].isupper()
        and not _SENTENCE_END.search(line)
        and not line.rstrip().endswith(",")
    )


def _looks_like_caption(line: str) -> bool:
    return len(line.split()) <= 22 and bool(_CAPTION_CUE.search(line))


_COUNTER = re.compile(r"^[\d\s.,:/|-]+$")
_LEADING_STAMP = re.compile(r"^(\d{1,2}/\d{1,2}/(?:19|20)\d{2})\s*(?:\d{1,2}:\d{2}(?::\d{2})?)?\s*(?=[A-ZĐÀ-Ỹ])")
_TITLE_DECORATION = re.compile(r"^[•·▪►*]\s*|\s+(?:In|Print|In bài)$|^(?:[^|\n]{1,30}\s\|\s)+(?=\S[^|]{15,}$)")
_TRAILING_STAMP = re.compile(r"\s+[-–|]?\s*\(?(\d{1,2}/\d{1,2}/(?:19|20)\d{2})(?:\s*[,-]?\s*\d{1,2}:\d{2}(?::\d{2})?)?"
                             r"\s*(?:\(?GMT[+-]\d+\)?)?\)?\s*$")
_TRAILING_BYLINE = re.compile(r"\s+[A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹ]+(?: [A-ZĐÀ-Ỹ]+){0,3},\s*\d{1,2}:\d{2}\s*$")
_SITE_NAME = re.compile(r"(?:\bOnline|\.vn|\.com|\.net|\.org)\b|^Báo .{2,30} điện tử$|^Cổng thông tin điện tử"
                        r"|^(?-i:Báo(?: [A-ZĐÀ-Ỹ][^\s]*){1,3})$", re.IGNORECASE)  # "Báo Trà Vinh"


# Section labels a scraper ran into the headline: "Thời sự - Chính trị UBND tỉnh …", "Home Tin Tức Thời Sự …",
# "> Tin tức - Sự kiện > Tin hoạt động ĐĐBQH > Kết quả …".  One label alone is taken off only when it cannot
# start a headline ("Kinh tế Việt Nam tăng trưởng …" keeps its first words).
_SECTION_WORDS = (r"Home|Trang chủ|Tin tức|Thời sự|Chính trị|Xã hội|Kinh tế|Sự kiện|Tin hoạt động|Văn hóa|Thể thao|"
                  r"Giáo dục|Pháp luật|Quốc tế|Thế giới|Đời sống|Sức khỏe|Du lịch|Địa phương|Tin trong nước|Trong nước")
_SECTION_RUN = re.compile(rf"^(?:>\s*)?(?:(?i:{_SECTION_WORDS})(?:\s*[-–>»›|/]\s*|\s+)){{2,}}(?=[A-ZĐÀ-Ỹ])"
                          rf"|^(?:>\s*)?(?:Home|Trang chủ|Tin tức|Thời sự|Tin Tức|Thời Sự)\s+(?=[A-ZĐÀ-Ỹ])")
_SECTIONS_ONLY = re.compile(rf"(?:(?:>\s*)?(?i:{_SECTION_WORDS}|Chuyên mục|Video|Ảnh|Podcast|Multimedia|Đọc báo in|Đọc báo|Báo in|"
                            rf"Emagazine|Infographic)(?:\s*[-–>»›|/]\s*|\s+|$))+")
_BREADCRUMB_TAIL = re.compile(r"^(?:[^>\n]{1,40}\s>\s)+(?=\S[^>]{15,}$)|^>\s*(?:[^>\n]{1,40}\s>\s)*(?=\S[^>]{15,}$)")


def headline_text(line: str) -> tuple[str, tuple[int, int, int] | None, list[str]]:
    """A line as a headline — decoration, section labels and the page's time run into it taken off — with
    the stamp found and the pieces dropped."""
    dropped = []
    for pattern in (_TITLE_DECORATION, _BREADCRUMB_TAIL, _SECTION_RUN):  # "• Điện Biên: …", "… 04/2011 In"
        stripped = pattern.sub("", line)
        if stripped != line and len(stripped.split()) >= 3:
            dropped.append(line[: len(line) - len(stripped)].strip() if line.endswith(stripped) else line)
            line = stripped
    stamp = None
    leading = _LEADING_STAMP.match(line)  # "29/10/2021 05:24Thủ tướng …": the page's time run into it
    if leading:
        stamp = _stamp_of(leading.group(1))
        dropped.append(leading.group(0).strip())
        line = line[leading.end():]
    stamped = _TRAILING_STAMP.search(line)
    if stamped:  # "… tại New York 10/09/2025 08:09": the page's timestamp glued to the headline
        stamp = stamp or _stamp_of(stamped.group(1))
        dropped.append(stamped.group(0).strip())
        line = line[:stamped.start()].rstrip(" -–|,")
    byline = _TRAILING_BYLINE.search(line)  # "… vẫn thất nghiệp THIÊN LÝ, 13:41": the author and the time
    if byline and len(line[:byline.start()].split()) >= 4:
        dropped.append(byline.group(0).strip())
        line = line[:byline.start()]
    return line.strip().rstrip(" -–|").strip(), stamp, dropped


def _before_headline(line: str, following: list[str]) -> bool:
    """Page chrome above the headline — a section name ("KINH TẾ", "xuân"), a counter ("710 763"), a
    site name ("Phật Học Online"), a breadcrumb ("Thư Viện » Tư Liệu"), a kicker ("Kỳ họp thứ Tám, Quốc
    hội Khóa XIV:") — when a headline follows within the next lines."""
    words = line.split()
    chrome = (len(words) <= 2 and not line.endswith((".", "!", "?"))) or _COUNTER.match(line) \
        or (line.upper() == line and len(words) <= 4) or (line.endswith(":") and len(words) <= 14) \
        or "»" in line or "›" in line or (len(words) <= 6 and _SITE_NAME.search(line)) or _SECTIONS_ONLY.fullmatch(line)
    return bool(chrome) and any(_looks_like_headline(f, following[j + 1:]) for j, f in enumerate(following[:3]))


def _looks_like_headline(line: str, following: list[str]) -> bool:
    n_words = len(line.split())
    if not (3 <= n_words <= 45) or line.rstrip().endswith((".", ":", ";", ",")):
        return False
    if _STRONG_CAPTION.search(line):  # "Toàn cảnh hội nghị"; a weak cue ("Lãnh đạo …") may start a headline
        return False
    return any(len(f.split()) > max(n_words, 15) for f in following[:3])


_PUNCT_ONLY = re.compile(r"^[\W_]+$")
_AD_LABELS = {"quang cao", "advertisement", "tai tro"}
_STAMP = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/((?:19|20)\d{2})(?![\d/])")
_TIMESTAMP_LINE = re.compile(
    r"^(?:(?:Cập nhật|Cập nhật lúc|Đăng lúc|Ngày đăng|Thời gian đăng|Đăng ngày|Thứ \w+|Chủ nhật)\s*:?,?\s*)?"
    r"(?:\d{1,2}:\d{2}\s*,?\s*)?\d{1,2}/\d{1,2}/\d{4}(?:\s*[,-]?\s*\d{1,2}:\d{2}(?::\d{2})?\s*(?:AM|PM|SA|CH)?)?"
    r"\s*(?:\(?GMT[+-]\d+\)?)?(?:\s*\|\s*[^\d|]{2,30})?$",  # ("16/01/2016 07:00 GMT+7 | Thể thao": a section after)
    re.IGNORECASE,
)
# A clock line: "10:15:17 | 6/5/2013", "16:18 | 13/08/2021", "Đông Triều. 11:15:11 30-04-2022 (GMT+7).".
_CLOCK_LINE = re.compile(r"^(?:[^\d|]{1,30}\.\s+)?\d{1,2}:\d{2}(?::\d{2})?\s*[|,-]?\s*"
                         r"(?P<d>\d{1,2})[/-](?P<m>\d{1,2})[/-](?P<y>(?:19|20)\d{2})\s*(?:\(GMT[+-]\d+\))?\.?$")
# A page's date line with its weekday: "Thứ Năm, 12 tháng 1, 2012", "Thứ 3, Ngày 16/07/2024 -",
# "- Thứ Sáu, 08/11/2019, 15:51 - Chia sẻ".
_WEEKDAY_LINE = re.compile(
    r"^[-–|\s]*(?:(?:Print|In bài|In|Cập nhật|Cập nhật lúc|Đăng lúc|Ngày đăng)\s*:?\s*)?"
    r"(?:Thứ\s+(?:[2-7]|[Hh]ai|[Bb]a|[Tt]ư|[Nn]ăm|[Ss]áu|[Bb]ảy)|Chủ [Nn]hật|CN)\s*,?\s*(?:[Nn]gày\s+)?"
    r"(?P<d>\d{1,2})(?:/|\s+tháng\s+)(?P<m>\d{1,2})(?:/|,?\s+(?:năm\s+)?)(?P<y>(?:19|20)\d{2})"
    r"[\s,|-]*(?:\d{1,2}[:h]\d{2}(?::\d{2})?\s*(?:AM|PM|SA|CH)?)?\s*(?:[(\[]?GMT[+-]\d+[)\]]?)?[\s|-]*"
    r"(?:Chia sẻ|In bài|Print)?\s*$", re.IGNORECASE)  # ("THỨ SÁU, NGÀY 22 THÁNG 11 NĂM 2024 04:16")
# The month in words: "Chủ Nhật, Tháng hai 9, 2025".
_MONTHS = ("một", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười", "mười một", "mười hai")
_WORDS_MONTH_LINE = re.compile(
    r"^(?:Thứ\s+\w+|Chủ nhật)\s*,\s*tháng\s+(?P<m>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) +
    r")\s+(?P<d>\d{1,2})\s*,\s*(?P<y>(?:19|20)\d{2})\s*$", re.IGNORECASE)
# A copy's page date in English or German: "Thursday, 13 August 2015", "Donnerstag, 13. August 2015".
_FOREIGN_DATE_LINE = re.compile(
    r"^(?:[A-Z][a-z]+(?:day|tag|woch)\s*,\s*)?(?P<d>\d{1,2})\.?\s+(?P<mn>[A-Z][a-zä]+)\s+(?P<y>(?:19|20)\d{2})\s*$")
_FOREIGN_MONTHS = {name: k for k, names in enumerate((
    ("january", "januar"), ("february", "februar"), ("march", "märz"), ("april",), ("may", "mai"), ("june", "juni"),
    ("july", "juli"), ("august",), ("september",), ("october", "oktober"), ("november",), ("december", "dezember")),
    start=1) for name in names}
# BBC's: "Cập nhật: 13:02 GMT - thứ năm, 24 tháng 1, 2013".
_GMT_LINE = re.compile(r"^(?:Cập nhật|Đăng)\s*:?\s*\d{1,2}:\d{2}\s*GMT\s*[-–]\s*(?:thứ \w+|chủ nhật)\s*,\s*"
                       r"(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s*,\s*(?P<y>(?:19|20)\d{2})\s*$", re.IGNORECASE)
# A byline with the page's time: "PV - 13:50, 01/12/2023", "Minh Anh | 08:15 12/06/2023".
_BYLINE_STAMP = re.compile(r"^[^\d\n]{2,40}?\s[-–|]\s*\d{1,2}:\d{2}(?::\d{2})?\s*,?\s*"
                           r"(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>(?:19|20)\d{2})\s*$")
# "Thực hiện: A - B 14/07/2021 (Dân trí) - " — credits, a stamp and an outlet before the lead.
_CREDITS_PREFIX = re.compile(
    r"^(?:(?:Thực hiện|Nhóm thực hiện|Bài|Bài và ảnh|Bài, ảnh|Nhóm phóng viên)\s*:\s*[^()]{2,80}?\s+)?"
    r"(?P<stamp>\d{1,2}/\d{1,2}/\d{4})\s*(?:\d{1,2}:\d{2}\s*)?\((?P<outlet>[^()]{2,30})\)\s*[-–—]\s*"
)
# A headline glued to the text by the scraper: "Headline Section 07/05/2021 Tối 6/5, …".
_GLUED_STAMP = re.compile(r"\s(\d{1,2}/\d{1,2}/\d{4})\s+(?=[A-ZĐÀ-Ỹ])")


def _stamp_of(text: str) -> tuple[int, int, int] | None:
    m = _STAMP.search(text)
    return (int(m.group(3)), int(m.group(2)), int(m.group(1))) if m else None


def _stamp_line(line: str) -> tuple[bool, tuple[int, int, int] | None]:
    """Whether a line holds only the page's date — a timestamp, a weekday date, a clock line — and that date
    (year, month, day) when it can be read."""
    if _TIMESTAMP_LINE.match(line):
        return True, _stamp_of(line)
    dated = _WEEKDAY_LINE.match(line) or _CLOCK_LINE.match(line) or _BYLINE_STAMP.match(line) or _GMT_LINE.match(line)
    if dated:
        return True, (int(dated.group("y")), int(dated.group("m")), int(dated.group("d")))
    worded = _WORDS_MONTH_LINE.match(line)
    if worded:
        return True, (int(worded.group("y")), _MONTHS.index(worded.group("m").lower()) + 1, int(worded.group("d")))
    foreign = _FOREIGN_DATE_LINE.match(line)
    if foreign and foreign.group("mn").lower() in _FOREIGN_MONTHS:
        return True, (int(foreign.group("y")), _FOREIGN_MONTHS[foreign.group("mn").lower()], int(foreign.group("d")))
    return False, None


def _filter_lines(lines: list[str], removed: list[str], stamps: list) -> list[str]:
    kept: list[str] = []
    for index, line in enumerate(lines):
        if _is_tail_marker(line) and any(len(k.split()) >= 25 for k in kept):
            removed.extend(lines[index:])  # (above the article's first paragraph, a marker is only chrome)
            break
        if _is_chrome(line) or _PUNCT_ONLY.match(line) or len(line) <= 2 or (
                len(line) < 30 and fold(line).strip(" .:") in _AD_LABELS):  # ("x": a close button)
            removed.append(line)
            continue
        is_stamp, stamp = _stamp_line(line)
        if is_stamp:
            removed.append(line)
            stamps.append(stamp)
            continue
        if kept and line == kept[-1]:  # the scraper doubled a line (often a caption)
            removed.append(line)
            continue
        kept.append(line)
    return kept


def _split_glued_headline(line: str) -> tuple[str, tuple[int, int, int], str, str] | None:
    """``Headline Section 07/05/2021 Text…`` → (headline, stamp, text, dropped chrome), when it is that."""
    m = _GLUED_STAMP.search(line[:320])
    if not m or re.search(r"(ngày|đến|từ|số)\s*$", line[: m.start()], re.IGNORECASE):
        return None
    head = line[: m.start()].strip()
    words = head.split()
    # Drop a trailing section label such as "Vấn đề hôm nay": one capitalised word then lower-case ones.
    for size in (4, 3, 2):
        label = words[-size:]
        if len(words) > size + 3 and label[0][:1].isupper() and all(w[:1].islower() for w in label[1:]):
            words = words[:-size]
            break
    if len(words) < 4 or head.endswith("."):
        return None
    headline = " ".join(words)
    dropped = (head[len(headline):] + " " + m.group(1)).strip()
    return headline, _stamp_of(m.group(1)), line[m.end():].strip(), dropped


def _split_embedded_headline(line: str) -> tuple[str, str] | None:
    """Aggregator copies put the headline after the lead sentence, without a full stop (047-like pages)."""
    first_end = re.search(r"[.!?…]\s+", line)
    if not first_end:
        return None
    lead, rest = line[: first_end.start()], line[first_end.end():]
    tokens = rest.split(" ")
    for k in range(5, min(len(tokens) - 1, 30)):
        if tokens[k][:1].isupper() and tokens[k + 1][:1].islower() and not tokens[k - 1].endswith((".", ",", ":")):
            candidate = " ".join(tokens[:k])
            if re.search(r"[.!?,;:]", candidate):
                return None
            lead_words = set(fold(lead).split())
            words = fold(candidate).split()
            overlap = sum(w in lead_words for w in words) / len(words)
            if overlap >= 0.6:
                return candidate, lead + first_end.group(0).rstrip() + " " + " ".join(tokens[k:])
            return None
    return None


def _take_marker(lines: list[str], removed: list[str]) -> tuple[int, int, int | None] | None:
    """The date marker that opens a text (day, month, year or None), taken off its first line."""
    m = _MARKER.match(lines[0]) if lines else None
    if not m:
        return None
    lines[0] = lines[0][m.end():].strip()
    removed.append(m.group(0).strip())
    if not lines[0]:
        lines.pop(0)
    return int(m.group(1)), int(m.group(2)), int(m.group(3)) if m.group(3) else None


def parse_raw(text: str, known_prefixes: frozenset[str] = frozenset()) -> RawDocument:
    """Classify every line of a clean raw text into blocks."""
    lines = [ln.strip() for ln in text.split("\n")]
    lines = [ln for ln in lines if ln]
    removed: list[str] = []
    stamps: list = []
    marker = _take_marker(lines, removed)
    kept = _filter_lines(lines, removed, stamps)

    blocks: list[Block] = []
    prefix = None
    for i, line in enumerate(kept):
        if not blocks and prefix is None and i + 1 < len(kept) and _before_headline(line, kept[i + 1:]):
            removed.append(line)  # a section name, a counter or a kicker above the headline
            continue
        first_text = all(b.kind == "title" for b in blocks)
        if first_text and prefix is None:
            credits = _CREDITS_PREFIX.match(line)
            if credits:
                prefix = credits.group("outlet").strip()
                stamps.append(_stamp_of(credits.group("stamp")))
                removed.append(credits.group(0).strip())
                line = line[credits.end():]
            else:
                found, rest = _split_prefix(line, known_prefixes)
                if found:
                    prefix, line = found, rest
                    removed.append(found)
            if not line.strip():  # the line held only the outlet's prefix ("(VTC News) -")
                continue
        if not blocks and prefix is None:
            glued = _split_glued_headline(line)
            if glued:
                headline, stamp, line, dropped = glued
                headline, _, cut = headline_text(headline)
                blocks.append(Block("title", headline))
                stamps.append(stamp)
                removed.extend([*cut, dropped])
        before, caption, credit, rest = split_credit(line)
        if credit is not None and len(caption.split()) >= 3:
            if before:
                blocks.append(Block("para", before))
            blocks.append(Block("caption", caption, credit))
            if rest:
                blocks.append(Block("para", rest))
            continue
        source = _SOURCE_LINE.match(line)
        if source and i >= len(kept) - 3:
            blocks.append(Block("source", source.group("name").strip()))
            continue
        if not blocks and prefix is None and _looks_like_headline(line, kept[i + 1:]):
            line, stamp, dropped = headline_text(line)
            stamps.append(stamp)
            removed.extend(dropped)
            blocks.append(Block("title", line))
            continue
        if _looks_like_caption(line):
            blocks.append(Block("caption", line))
            continue
        if _looks_like_heading(line) and any(len(k.split()) > 25 for k in kept[i + 1:i + 3]):
            blocks.append(Block("heading", line))
            continue
        if not any(b.kind in ("title", "para") for b in blocks):
            embedded = _split_embedded_headline(line)
            if embedded:
                blocks.append(Block("title", embedded[0]))
                line = embedded[1]
        blocks.append(Block("para", line))
    return RawDocument(tuple(blocks), marker, prefix, tuple(removed), tuple(s for s in stamps if s))
