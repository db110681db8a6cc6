"""Lines of a scraped page that are not article text: site furniture and the page's own date stamps.

``filter_lines`` keeps the rest, in order, and hands back what it took out
(for the body test and ``--explain``) and the dates the stamps say.
"""
from __future__ import annotations

import re

from ..lang.text import LETTERS, fold

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
    "translate",  # (a translation widget)
    "chi tiet tin tuc",
    "chi tiet tin",
    "tin chi tiet",
    "chi tiet bai viet",
    "xuat ban thong tin",  # (the portlet title of many provinces' portals, above each article)
    "loading",
    "dang tai",
    # a visitor counter's labels ("Truy cập / Hôm nay: / 90 / Hôm qua: / 86 / … / Tất cả: / 523858") and the poll
    # beside it; its numbers are dropped as counters
    "truy cap",
    "luot truy cap",
    "dang truy cap",
    "thong ke truy cap",
    "tim kiem",  # (a search box's label)
    "tim kiem tin tuc",
    "hom nay",
    "hom qua",
    "tuan nay",
    "thang nay",
    "tat ca",
    "y kien tham do",
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
_SERVER_WARNING = re.compile(r"(?:Deprecated|Warning|Notice|Fatal error|Parse error)\s*:\s+\S.{0,400}\bon line \d+\s*$")
_LETTER = re.compile(r"[^\W\d_]")
_LATIN_LETTER = re.compile(r"[A-Za-z\u00C0-\u024F\u1E00-\u1EFF]")
_BROWSER_NOTICE = re.compile(r"\bjavascript\b|trình duyệt (?:của bạn )?không hỗ trợ|Your browser|^[|•·\s]*(?:Đường dây nóng|Hotline)\b"
                             r"|^(?:Kích cỡ chữ|Cỡ chữ|Truy cập nội dung|Bỏ qua nội dung|Nhập thông tin|Đăng nhập|Đăng ký)\b"
                             r"|^[•·\s]*(?:Liên hệ quảng cáo|Logo\b|Lỗi\s*:|Skip to (?:main )?content|Skip navigation)"
                             # a link to another story: "TIN LIÊN QUAN Đạ Tẻh: Huy động lực lượng …"
                             r"|^(?:Tin liên quan|Bài liên quan|Xem thêm|Đọc thêm)\s*[:>»›]\s*\S"
                             r"|^(?-i:TIN LIÊN QUAN|BÀI LIÊN QUAN|XEM THÊM|ĐỌC THÊM)\s+\S"
                             # a forum's pages, a page's own label with the site's name
                             r"|^Page \d+ of \d+\b|^Results \d+ to \d+ of \d+\s*$"
                             r"|^(?:Chi tiết bài viết|Chi tiết tin(?: tức)?|Tin chi tiết)\s*[-|–]\s*[^.]{1,60}$"
                             # an address's slug, with the site's name: "xem-chi-tiet-tin - Sở Nội Vụ"
                             r"|^(?-i:[a-z][a-z0-9]*(?:-[a-z0-9]+){2,})(?:\s+[-|–]\s+[^.]{1,60})?\s*$"
                             # a visitor counter run into one line: "Thống kê truy cập Tổng truy câp 9.871.386 …"
                             r"|^(?:Thống kê truy c[ậâa]p|Lượt truy c[ậâa]p|Tổng (?:lượt )?truy c[ậâa]p|Đang truy c[ậâa]p"
                             r"|Đang online)\b[^.]{0,80}?\d"
                             r"|^Call\s+\+?\d[\d. ]{6,}|^(?:Categories|Tags|Danh mục)\s*:|^CÔNG TY (?:TNHH|CỔ PHẦN|CP)\b"
                             # a weather widget, "follow us on …"
                             r"|^[^.]{0,30}\d\s*°\s*C\b[^.\d]{0,30}$"  # ("Hà Nội: 34°C Hà Nội")
                             # a page number and address, a bare address
                             r"|^(?:Page|Trang)\s+\d+\s*[-–]\s*https?://\S+\s*$|^https?://\S+\s*$"
                             r"|^Theo dõi\b.{0,40}\btrên\s*:?\s*$"
                             # a masthead: "13:20 ngày 20/10/2020 | HOTLINE : 0911.344.555 | Email: bbt@…"
                             r"|^[^.]{0,80}\|\s*(?:Hotline|Đường dây nóng|E-?mail)\s*:"
                             r"|^[•·\s]*(?:Tiếng Việt|English)(?:\s*\|\s*(?:Tiếng Việt|English|中文))*\s*$", re.IGNORECASE)


# A site's navigation bar: three or more short items, no digits, set apart by runs of spaces or tabs ("Trang chủ
# Đăng ký nhận tin    Ý kiến bạn đọc   Liên kết website English").
_NAV_GAP = re.compile(r" {3,}|\t+")
_NAV_ITEM = re.compile(r"[^\d\s]+(?: [^\d\s]+){0,4}")


def _nav_bar(line: str) -> bool:
    if "   " not in line and "\t" not in line:
        return False  # (most lines: no gap at all)
    items = _NAV_GAP.split(line.strip())
    return len(items) >= 3 and all(_NAV_ITEM.fullmatch(item) for item in items)


# A site's buttons named by their icons' alt texts: "icon facebook Facebook icon phone Liên hệ", "• icon gmail".
_ICON_BUTTON = re.compile(r"\bicon\s+[\w-]+")


def _icon_buttons(line: str) -> bool:
    if "icon" not in line:
        return False  # (most lines)
    rest = _ICON_BUTTON.sub("", line)
    return rest != line and len(re.findall(r"\w+", rest)) <= 3


# A news site's menu of its media sections: "Video Báo Ảnh Báo in Podcast Chuyển động trẻ Emagazine Infographic".
_MEDIA_SECTION = re.compile(r"\b(?:Video|Podcast|E-?magazine|Infographics?|Multimedia|Longform|Megastory|Báo in|Báo Ảnh"
                            r"|Truyền hình|Phát thanh)\b", re.IGNORECASE)


def _media_menu(line: str) -> bool:
    """Three of the media sections in a line of a dozen words or fewer; no sentence says them so."""
    return len(line) <= 120 and len(_MEDIA_SECTION.findall(line)) >= 3 and len(line.split()) <= 12


def _is_chrome(line: str) -> bool:
    if len(line) <= 160 and (_BROWSER_NOTICE.search(line) or _nav_bar(line) or _icon_buttons(line)
                             or _media_menu(line)) \
            or _SERVER_WARNING.match(line):  # "Vui lòng kích hoạt …"
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


_PUNCT_ONLY = re.compile(r"^[\W_]+$")
_AD_LABELS = {"quang cao", "advertisement", "tai tro"}
_STAMP = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/((?:19|20)\d{2})(?![\d/])")
_TIMESTAMP_LINE = re.compile(
    r"^(?:(?:Cập nhật|Cập nhật lúc|Đăng lúc|Ngày đăng(?: bài)?|Thời gian đăng|Đăng ngày|Thứ \w+|Chủ nhật)\s*:?,?\s*)?"
    r"(?:\d{1,2}:\d{2}\s*,?\s*)?\d{1,2}/\d{1,2}/\d{4}(?:\s*[,-]?\s*\d{1,2}:\d{2}(?::\d{2})?\s*(?:AM|PM|SA|CH)?)?"
    r"\s*(?:\(?GMT[+-]\d+\)?)?(?:\s*\|\s*[^\d|]{2,30})?"  # ("16/01/2016 07:00 GMT+7 | Thể thao": a section after)
    r"(?:\s*[|-]?\s*(?:Lượt xem|Lượt đọc|Số lần xem)\s*:?\s*[\d.,]+)?$",  # (and a view counter)
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
# A copy's page date in English or German: "Thursday, 13 August 2015", "Donnerstag, 13. August 2015",
# "@ 12 January 2010 07:23 AM".
_FOREIGN_DATE_LINE = re.compile(
    r"^(?:@\s*)?(?:[A-Z][a-z]+(?:day|tag|woch)\s*,\s*)?(?P<d>\d{1,2})\.?\s+(?P<mn>[A-Z][a-zä]+)\s+(?P<y>(?:19|20)\d{2})"
    r"(?:,?\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AP]M)?)?\s*$")
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
# … or the date first, after a bar: "Giang Nam (Người lao động)| 29/12/2017 10:29".
_BYLINE_DATE_FIRST = re.compile(r"^[^\d\n|]{2,60}?\|\s*(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>(?:19|20)\d{2})\s+"
                                r"\d{1,2}:\d{2}(?::\d{2})?\s*$")


def stamp_of(text: str) -> tuple[int, int, int] | None:
    """The first d/m/yyyy date in ``text`` as (year, month, day) — or m/d/yyyy when only that is a date, as a
    server set up in English writes it ("Đăng ngày: 3/29/2010 12:00:00 AM")."""
    m = _STAMP.search(text)
    if not m:
        return None
    day, month = int(m.group(1)), int(m.group(2))
    if month > 12 >= day:
        day, month = month, day
    return int(m.group(3)), month, day


def _stamp_line(line: str) -> tuple[bool, tuple[int, int, int] | None]:
    """Whether a line holds only the page's date — a timestamp, a weekday date, a clock line — and that date
    (year, month, day) when it can be read."""
    if _TIMESTAMP_LINE.match(line):
        return True, stamp_of(line)
    dated = _WEEKDAY_LINE.match(line) or _CLOCK_LINE.match(line) or _BYLINE_STAMP.match(line) or \
        _BYLINE_DATE_FIRST.match(line) or _GMT_LINE.match(line)
    if dated:
        return True, (int(dated.group("y")), int(dated.group("m")), int(dated.group("d")))
    worded = _WORDS_MONTH_LINE.match(line)
    if worded:
        return True, (int(worded.group("y")), _MONTHS.index(worded.group("m").lower()) + 1, int(worded.group("d")))
    foreign = _FOREIGN_DATE_LINE.match(line)
    if foreign and foreign.group("mn").lower() in _FOREIGN_MONTHS:
        return True, (int(foreign.group("y")), _FOREIGN_MONTHS[foreign.group("mn").lower()], int(foreign.group("d")))
    stamp = _any_stamp_line(line)
    return stamp is not None, stamp


# The general shape of a stamp line, whatever the site's wording: one date, perhaps a time, and otherwise
# only stamp words ("Cập nhật ngày: 18/09/2024 05:20:24", "Print Thứ Tư, 15/01/2020 08:22 Gốc",
# "Post date: 27/08/2022") or, beside a time, a few others (a byline or section: "Xã hội 17/01/2023 - 00:39").
_ANY_DATE = re.compile(r"(?<![\d/.-])(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*((?:19|20)\d{2})(?![\d/])")
_ISO_DATE = re.compile(r"(?<![\d/.-])((?:19|20)\d{2})([/-])(\d{1,2})\2(\d{1,2})(?![\d/])")  # "2025-07-25 22:32:00.0"
_ANY_TIME = re.compile(r"\b\d{1,2}\s*[:h]\s*\d{2}(?:\s*:\s*\d{2})?'?(?:\s*(?:AM|PM|SA|CH)\b)?", re.IGNORECASE)
_STAMP_WORDS = frozenset("cap nhat nhap luc ngay dang thoi gian xuat ban post date posted updated published print in bai "
                         "goc thu hai ba tu nam sau bay chu cn luot xem doc gmt gio tao sua lan cuoi tin".split())
_EVENT_CUES = ("sang", "chieu", "toi", "trua", "dem", "hom", "rang sang")


# A whole line that is a date (day, month, year): a document's place and date ("Thái Bình, ngày 24 tháng 4 năm
# 2025"), a site's clock ("Ngày 28 tháng 1 năm 2021", "Thư tư, ngày 25 tháng 12 năm 2024 Tìm kiếm"), or a date as
# Google's pages write it ("30 thg 7, 2017").
_DATE_LINE = re.compile(r"^(?:(?:[A-ZĐÀ-Ỹ][^,\d]{1,30},\s*)?[Nn]gày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+((?:19|20)\d{2})\s*\.?"
                        r"|\s*(\d{1,2})\s+thg\s+(\d{1,2}),?\s+((?:19|20)\d{2})\s*)"
                        r"(?:\s+(?:Tìm kiếm|Trang chủ|Đăng nhập|English|RSS|Liên hệ))*\s*$")  # (a site's menu after its clock)


def _any_stamp_line(line: str) -> tuple[int, int, int] | None:
    if len(line) > 90:
        return None
    whole = _DATE_LINE.match(line)
    if whole:
        day, month, year = (int(g) for g in whole.groups() if g is not None)
        return (year, month, day) if 1 <= month <= 12 and 1 <= day <= 31 else None
    dates = list(_ANY_DATE.finditer(line))
    iso = list(_ISO_DATE.finditer(line))
    if len(dates) + len(iso) != 1:
        return None
    if iso:
        dates = iso
        year, month, day = int(iso[0].group(1)), int(iso[0].group(3)), int(iso[0].group(4))
    else:
        day, month, year = int(dates[0].group(1)), int(dates[0].group(3)), int(dates[0].group(4))
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    if fold(line).lstrip(" -–|•").startswith(_EVENT_CUES):  # "Sáng 12/3/2024": an event's day, not a stamp
        return None
    rest = line[:dates[0].start()] + " " + line[dates[0].end():]
    timed = bool(_ANY_TIME.search(rest))
    if timed:  # "HƯNG THƠ (báo lao động) 29/01/2026 16:34": the outlet in brackets is part of the byline
        rest = re.sub(r"\([^()]{1,40}\)", " ", rest)
    others = [w for w in LETTERS.findall(fold(_ANY_TIME.sub(" ", rest))) if w not in _STAMP_WORDS]
    return (year, month, day) if not others or (timed and len(others) <= 3) else None


_YEAR = re.compile(r"(?<![\d/.,-])(?:19|20)\d{2}(?![\d/])")


def site_clocks(stamps: list, untimed: set[tuple[int, int, int]], labelled: set[tuple[int, int, int]],
                kept: list[str]) -> set[tuple[int, int, int]]:
    """Of the page's ``stamps``, those that are a site's clock, today's date on every page, not the article's:
    one later than every stamp a label names the page's own (``filter_lines``' ``labelled``: "Cập nhật lúc
    12:00 ngày 09/06/2022"); and one written without a time of day (``untimed``: "Ngày 28 tháng 1 năm 2021",
    "Thứ Bảy, 28/12/2024") two years or more after every year the article names, the latest of which is
    recent (at most ``CLOCK_HISTORY`` years before)."""
    clocks = {stamp for stamp in stamps if stamp and all(stamp > own for own in labelled)} if labelled else set()
    if not untimed:
        return clocks  # (most pages: no stamp, or one with its time)
    named = [int(m.group(0)) for line in kept for m in _YEAR.finditer(line)]
    # (years long before the stamp are history, "năm 1946": they say nothing of when the article is)
    return clocks | {stamp for stamp in untimed if named and stamp[0] - CLOCK_HISTORY <= max(named) <= stamp[0] - 2}


CLOCK_HISTORY = 15  # years
# The words that label a stamp the page's own ("Cập nhật lúc 12:00 ngày 09/06/2022"), on a line of its own here,
# run into the text in ``date_mentions.STAMP_LABEL`` and glued to a headline in ``headlines._TRAILING_STAMP``.
OWN_STAMP_WORDS = (r"Thời gian đăng|Tin đăng(?: lúc| ngày)?|Ngày đăng(?: bài)?|Đăng lúc|Đăng ngày|Cập nhật(?: lúc)?"
                   r"|Ngày cập nhật|Xuất bản")
_OWN_STAMP_LABEL = re.compile(rf"\s*(?:{OWN_STAMP_WORDS}|Posted|Published)\b", re.IGNORECASE)


_LINK_ITEM = re.compile(r"\S\s+[-–]$")
_MENU_ITEM = re.compile(r"\s*\d{1,2}\.\s+[^\W\d_][^\s.]*(?:\s+[^\s.]+){0,3}\s*$")


def _link_list(lines: list[str]) -> set[int]:
    """The lines of a site's numbered menu (three items or more, and its "Menu" line), and of a list of other
    stories' headlines, each ending with a separator dash ("Cảnh sát Campuchia tóm gọn … -"), three or more in a
    row, with the list's last headline right after them (no dash, no full stop)."""
    found: set[int] = set()
    # A site's menu, above the article ("Menu", then "1. Chính trị", "2. Văn hóa" …; a short numbered list in
    # the article is the article's).
    header = next((i for i, line in enumerate(lines) if line.count(" ") >= 25), len(lines))
    for start, end in _runs(lines[:header], lambda line: bool(_MENU_ITEM.match(line))):
        found.update(range(start, end))
        if start and lines[start - 1].strip().lower() in ("menu", "danh mục"):
            found.add(start - 1)
    for start, end in _runs(lines, _link_item):
        found.update(range(start, end))
        if end < len(lines) and _headline_like(lines[end]):
            found.add(end)
    # The same list with each dash on a line of its own, above each headline ("-", "Headline", "-", …).
    pairs = [i for i in range(len(lines) - 1) if lines[i].strip() in ("-", "–") and _headline_like(lines[i + 1])]
    for start, end in _runs(pairs, lambda i: True, step=2):
        found.update(range(pairs[start], pairs[end - 1] + 2))
    return found


def _headline_like(line: str) -> bool:
    return len(line.split()) <= 30 and not line.rstrip().endswith((".", ":"))


def _link_item(line: str) -> bool:
    return line.endswith(("-", "–")) and bool(_LINK_ITEM.search(line, len(line) - 3)) and len(line.split()) <= 30


def _runs(lines: list, item, step: int = 0) -> list[tuple[int, int]]:
    """(start, end) of each run of three or more lines in a row that ``item`` accepts (with ``step``, of line
    numbers each ``step`` after the one before)."""
    runs = []
    index = 0
    while index < len(lines):
        end = index
        while end < len(lines) and item(lines[end]) and (not step or end == index or
                                                          lines[end] - lines[end - 1] == step):
            end += 1
        if end - index >= 3:
            runs.append((index, end))
        index = max(end, index + 1)
    return runs


def filter_lines(lines: list[str], removed: list[str], stamps: list,
                 untimed: set[tuple[int, int, int]] | None = None,
                 labelled: set[tuple[int, int, int]] | None = None) -> list[str]:
    """The lines that may be article text; chrome, stamp lines, doubled lines and everything after a tail
    marker (comments, link lists) go to ``removed``, the stamps' dates to ``stamps`` (and to ``untimed`` those
    of short stamp lines without a time of day, which may be a site's clock: ``site_clocks``; to ``labelled``
    those a label names the page's own: "Cập nhật lúc 12:00 ngày 09/06/2022")."""
    kept: list[str] = []
    links = _link_list(lines)
    for index, line in enumerate(lines):
        if index in links:
            removed.append(line)
            continue
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
            if untimed is not None and stamp and len(line) <= 90 and not _ANY_TIME.search(line):
                untimed.add(stamp)
            if labelled is not None and stamp and _OWN_STAMP_LABEL.match(line):
                labelled.add(stamp)
            continue
        if kept and line == kept[-1]:  # the scraper doubled a line (often a caption)
            removed.append(line)
            continue
        kept.append(line)
    return kept
