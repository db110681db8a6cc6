"""What a scraped headline line looks like (``blocks.py`` asks, while it decides what each line is): the site's
furniture run into a headline — section labels, a breadcrumb, the page's stamp, a byline — and taken off it;
the chrome above a headline; a headline glued to its lead or wrapped over lines."""
from __future__ import annotations

import re

from ..lang.gazetteer import canonical_place
from ..lang.text import fold
from .chrome import OWN_STAMP_WORDS, stamp_of
from .names import SURNAMES

_STRONG_CAPTION = re.compile(r"^(Toàn cảnh|Quang cảnh|Ảnh:)(?![^:]{3,60}:\s+\S)|(?<!những )\bphát biểu (tại|chỉ đạo)\b[^.]{0,60}$",
                             re.IGNORECASE)  # ("Toàn cảnh lũ lụt miền Trung: Đại hồng thủy …" is a headline)
_COUNTER = re.compile(r"^[\d\s.,:/|-]+$")
_LEADING_STAMP = re.compile(r"^(\d{1,2}/\d{1,2}/(?:19|20)\d{2})\s*(?:\d{1,2}:\d{2}(?::\d{2})?)?\s*(?=[A-ZĐÀ-Ỹ])")
# (… a forum archive's prefix, a template's empty field)
_TITLE_DECORATION = re.compile(r"^[•·▪►*]\s*|(?<![a-zà-ỹđ])\s+In$|\s+(?:Print|In bài)$|^(?:[^|\n]{1,30}\s\|\s)+(?=\S[^|]{15,}$)"
                               r"|^View Full Version\s*:\s*|^null\s+(?=\S)")
# The page's time glued to a headline: "… 10/09/2025 08:09", "… (04/12/2018 10:34)", "… (10:34 04/12/2018)".
_TRAILING_STAMP = re.compile(rf"\s+[-–|]?\s*(?:(?:{OWN_STAMP_WORDS})\s*:?\s*)?"
                             r"\(?(?:\d{1,2}:\d{2}(?::\d{2})?\s*[,-]?\s*)?"
                             r"(\d{1,2}/\d{1,2}/(?:19|20)\d{2})(?:\s*[,-]?\s*\d{1,2}:\d{2}(?::\d{2})?)?"
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
                            rf"Emagazine|Infographic|Việt kiều|Nhịp sống cộng đồng|Cộng đồng|Hoạt động Đảng|An ninh trật tự|"
                            rf"Khoa học công nghệ|Khoa học - Công nghệ|Tư vấn|Hỏi đáp|Hộp thư|Tìm kiếm|Đánh giá|Review)"
                            rf"(?:\s*[-–>»›|/]\s*|\s+|$))+")
# One section's name before a headline in sentence case ("Xã hội Binh chủng Tăng thiết giáp tri ân …", "Xây
# dựng Đảng Nghị quyết Đại hội …"): a capitalised word then a lower-case one, and not a place ("Kinh tế Mỹ
# tăng trưởng …" keeps its first words).
_SECTION_LABEL = re.compile(r"^(?:Xã hội|Kinh tế|Chính trị|Pháp luật|Xây dựng Đảng|Quốc tế|Văn hóa|Văn hoá|Thể thao|"
                            r"Giáo dục|Sức khỏe|Sức khoẻ|Đời sống|Du lịch|Địa phương|Tin tức)\s+"
                            r"(?=(?P<next>\w+)\s+(?P<then>\w+))")
# A site's list label run into a headline: "Tin Mới nhất: Lũ thế kỷ nhấn chìm Hà Tĩnh". (Not "Hot:" or "Nóng:",
# which an editor puts in a headline as published.)
_NEWS_FLAG = re.compile(r"^(?:Tin\s+[Mm]ới(?: nhất)?|[Mm]ới nhất)\s*:\s+(?=[A-ZĐÀ-Ỹ])")
_BREADCRUMB_TAIL = re.compile(r"^(?:[^>\n]{1,40}\s>\s)+(?=\S[^>]{15,}$)|^>\s*(?:[^>\n]{1,40}\s>\s)*(?=\S[^>]{15,}$)")


# A date the headline's own words lead to ("… ngày 06/02/2017", "… ngày 9 và 10/2/2017", "… từ ngày 10/2 đến
# 15/2/2017"): it dates the page too, but it is the headline's.
_OWN_DAY_BEFORE = re.compile(r"(?i:ngày|và|đến|tới|hôm)\s*\Z")
_SECTION_BEFORE_STAMP = re.compile(r"\s+\|\s+[^|\d]{2,30}$")
# A breadcrumb set apart by runs of spaces, ending in the headline: "Trang chủ    Thực tiễn    Tỉnh Bà Rịa - …".
_GAPPED_TRAIL = re.compile(r"^(?:Trang chủ|Home|Tin tức)(?:\s{3,}[^\s][^\n]{0,30}?)*?\s{3,}(?=\S(?:(?!\s{3}).){15,}$)")


def headline_text(line: str) -> tuple[str, tuple[int, int, int] | None, list[str]]:
    """A line as a headline — decoration, section labels and the page's time run into it taken off — with
    the stamp found and the pieces dropped."""
    dropped = []
    trail = _GAPPED_TRAIL.match(line)
    if trail:
        dropped.append(trail.group(0).strip())
        line = line[trail.end():]
    for pattern in (_TITLE_DECORATION, _BREADCRUMB_TAIL, _SECTION_RUN):  # "• Điện Biên: …", "… 04/2011 In"
        stripped = pattern.sub("", line)
        if stripped != line and len(stripped.split()) >= 3:
            dropped.append(line[: len(line) - len(stripped)].strip() if line.endswith(stripped) else line)
            line = stripped
    flag = _NEWS_FLAG.match(line)
    if flag and len(line[flag.end():].split()) >= 4:
        dropped.append(flag.group(0).strip())
        line = line[flag.end():]
    label = _SECTION_LABEL.match(line)
    if label and label.group("next")[:1].isupper() and not label.group("next").isupper() \
            and label.group("then")[:1].islower() \
            and not canonical_place(label.group("next")) and len(line[label.end():].split()) >= 4:
        dropped.append(label.group(0).strip())
        line = line[label.end():]
    stamp = None
    leading = _LEADING_STAMP.match(line)  # "29/10/2021 05:24Thủ tướng …": the page's time run into it
    if leading:
        stamp = stamp_of(leading.group(1))
        dropped.append(leading.group(0).strip())
        line = line[leading.end():]
    stamped = _TRAILING_STAMP.search(line)
    if stamped:  # "… tại New York 10/09/2025 08:09": the page's timestamp glued to the headline
        stamp = stamp or stamp_of(stamped.group(1))
        ranged = re.match(r"\s*[-–]\s*\d", stamped.group(0)) and re.search(r"\d\s*$", line[:stamped.start()])
        if not ranged and (":" in stamped.group(0) or not _OWN_DAY_BEFORE.search(line, 0, stamped.start())):
            dropped.append(stamped.group(0).strip())  # (not the headline's own day, which dates the page too:
            line = line[:stamped.start()].rstrip(" -–|,")  # "Thị trường cà phê, ca cao ngày 06/02/2017"; nor
            # the end of a span of days: "… được bầu trong tuần từ 9 - 15/11/2020")
            section = _SECTION_BEFORE_STAMP.search(line)  # "Headline | Nông nghiệp nông thôn | 18/07/2024"
            if section and len(line[:section.start()].split()) >= 4:
                dropped.append(section.group(0).strip())
                line = line[:section.start()]
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


# A headline glued to the text by the scraper: "Headline Section 07/05/2021 Tối 6/5, …", "Headline 09:21 19/06/2023
# (Mặt trận) -Chiều 16/6, …" (the time of day and the outlet or section go with the stamp).
_GLUED_STAMP = re.compile(r"\s(?:\d{1,2}:\d{2}\s+)?(\d{1,2}/\d{1,2}/\d{4})(?:\s+\d{1,2}:\d{2})?\s+"
                          r"(?:\([^()\n]{2,30}\)\s*[-–]\s*)?(?=[A-ZĐÀ-Ỹ])")


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
    dropped = (head[len(headline):] + " " + " ".join(m.group(0).split())).strip()
    return headline, stamp_of(m.group(1)), line[m.end():].strip(), dropped


# A headline run into its lead by the scraper, told by how the lead opens: the outlet's prefix ("… bền vững
# (Baohatinh.vn) - Đồng chí …", "… Thăng Bình ĐNO - Sáng 9/7, …"), the time of day and the date of the event
# ("… nhiệm kỳ 2025 - 2030 Sáng 3/10, Đại hội …"), or no space at all ("… pháp luậtHôm nay 9/8, …").
_LEAD_OPENER = r"(?:Sáng|Chiều|Tối|Trưa|Đêm|Rạng sáng|Hôm nay|Hôm qua|Ngày)(?:\s+nay|\s+qua)?\s*,?\s*\(?\d{1,2}[/.-]\d{1,2}\b"
_GLUED_LEAD = re.compile(
    r"(?<=[^\s.!?:;,])\s*(?:\((?P<paren>[^()\n]{2,30})\)|(?P<code>[A-ZĐ]{2,8}(?:\.VN)?)(?=\s*[-–—]\s+" + _LEAD_OPENER + r"))"
    r"\s*[-–—]\s+(?=[A-ZĐÀ-Ỹ])"
    r"|(?<=[^\s.!?:;,])\s+(?=" + _LEAD_OPENER + r")"
    r"|(?<=[a-zà-ỹđ])(?=(?:Sáng|Chiều|Tối|Trưa|Đêm|Hôm nay|Hôm qua|Ngày|Theo|Mới đây)\s)")


def _split_glued_lead(line: str) -> tuple[str, str | None, str] | None:
    """``Headline (Outlet) - Lead…`` or ``Headline Sáng 3/10, lead…`` → (headline, the outlet or None,
    lead), when the line is a headline with its lead run in (a headline's length before, a lead's after)."""
    if len(line.split()) <= 45:
        return None
    for match in _GLUED_LEAD.finditer(line[:400]):
        head, rest = line[:match.start()].strip(), line[match.end():].strip()
        if 5 <= len(head.split()) <= 45 and not re.search(r"[.!?]\s", head) and len(rest.split()) >= 12:
            return head, match.group("paren") or match.group("code"), rest
    return None


# A headline the page wrapped over lines: capitals ("DIỄN VĂN TẠI LỄ KỶ NIỆM 100 NĂM" / "NGÀY SINH ĐỒNG CHÍ
# NGUYỄN VĂN LINH"), or a line going on in lower case ("Chân dung 34 Chủ tịch" / "tỉnh, thành phố hiện nay").
_WRAP_LINES = 3


def _capitals(line: str) -> bool:
    return line.upper() == line and sum(c.isalpha() for c in line) >= 6


def _join_wrapped_headline(lines: list[str]) -> list[str]:
    """The text's lines with a headline wrapped over two or three of its first lines as one line."""
    for i in range(min(4, len(lines) - 1)):
        first, run = lines[i], [lines[i]]
        words = len(first.split())
        if first.endswith((".", ":", ";", ",", "!", "?")) or not 3 <= words <= 30:
            continue
        first_upper = _capitals(first)
        for following in lines[i + 1:i + _WRAP_LINES]:
            n_words = len(following.split())
            upper = first_upper and _capitals(following) and n_words >= 3
            going_on = following[:1].islower() and 2 <= n_words <= 12 and not following.endswith(".")
            if not (upper or going_on) or words + n_words > 45:
                break
            run.append(following)
            words += n_words
            if going_on:
                break
        # (a paragraph follows, perhaps after one short line: "Xem Bản tin trên mạng …")
        paragraph_after = any(len(line.split()) > 15 for line in lines[i + len(run):i + len(run) + 2])
        if len(run) > 1 and (paragraph_after or _capitals(run[-1])):
            return lines[:i] + [" ".join(run)] + lines[i + len(run):]
    return lines


def _inside_a_name(tokens: list[str], k: int) -> bool:
    """Whether ``tokens[k]`` continues a person's name: a run of capitalised words from a surname, at most
    three words back."""
    for back in range(1, 4):
        word = tokens[k - back] if k - back >= 0 else ""
        if not word[:1].isupper():
            return False
        if word in SURNAMES:  # (unless the run is a place: "Hà Nội | Thực hiện …")
            return not canonical_place(" ".join(tokens[k - back:k]).strip(" ,.:;"))
    return False


# Words a headline does not end on: what they start is still to come.
_NEEDS_MORE = frozenset("có của và với cho là tại ở về các những được bị do từ đến trong theo như mà thì".split())


def _split_embedded_headline(line: str) -> tuple[str, str] | None:
    """Aggregator copies put the headline after the lead sentence, without a full stop (047-like pages)."""
    first_end = re.search(r"[.!?…]\s+", line)
    if not first_end:
        return None
    lead, rest = line[: first_end.start()], line[first_end.end():]
    tokens = rest.split(" ")
    for k in range(5, min(len(tokens) - 1, 30)):
        if tokens[k][:1].isupper() and _inside_a_name(tokens, k):
            continue  # ("… Chủ tịch Quốc hội Nguyễn Thị Kim | Ngân cho biết": a person's name is not cut)
        if tokens[k][:1].isupper() and tokens[k + 1][:1].islower() and not tokens[k - 1].endswith((".", ",", ":")):
            candidate = " ".join(tokens[:k])
            if re.search(r"[.!?,;:]", candidate) or tokens[k - 1].lower() in _NEEDS_MORE:
                return None  # (… "đoàn đại biểu cấp cao có | Chủ tịch …": a sentence going on, not a headline)
            lead_words = set(fold(lead).split())
            words = fold(candidate).split()
            overlap = sum(w in lead_words for w in words) / len(words)
            if overlap >= 0.6:
                return candidate, lead + first_end.group(0).rstrip() + " " + " ".join(tokens[k:])
            return None
    return None
