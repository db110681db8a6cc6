"""The shape of a raw article: headline, lead, captions, subheadings (site chrome: ``chrome.py``; what a
headline line looks like: ``headlines.py``).

Turns clean raw text into a list of typed blocks. It decides *what a line is*;
field extraction (dates, people, places) reads the blocks afterwards.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..lang.text import fold
from .chrome import filter_lines, site_clocks, stamp_of
from .headlines import (_TRAILING_STAMP, _before_headline, _join_wrapped_headline, _looks_like_headline,
                        _split_embedded_headline, _split_glued_headline, _split_glued_lead, headline_text)
from .names import VOCAB

_MARKER = re.compile(r"^\s*date\s+(\d{4})-(\d{2})(?:-(\d{2}))?\s*")
_CREDIT = re.compile(r"\(?\b(Ảnh|Ảnh minh họa|Nguồn ảnh|Video|Clip)\s*:\s*", re.IGNORECASE)
# "Nguồn: TTXVN", "(Nguồn: Báo Nhân Dân)", "Nguồn tin: VOV5", "Nguồn VTV" — not "Nguồn tin cho biết …" (a source said).
_SOURCE_LINE = re.compile(r"^\s*\(?Nguồn(?:\s+tin\s*:|\s*:|(?=\s+[A-ZĐÀ-Ỹ0-9]))\s*(?P<name>[^\n]{2,80}?)\)?\s*\.?\s*$")
_CAPTION_CUE = re.compile(
    r"^(Toàn cảnh|Quang cảnh|Các đại biểu|Đại biểu|Các đồng chí|Lãnh đạo|Ảnh:|Hình ảnh)"
    r"|\b(phát biểu|chủ trì|trao|tặng|thăm|kiểm tra|dự|tại)\b[^.]{0,60}\b(hội nghị|phiên họp|buổi làm việc|lễ|buổi lễ|chương trình|sự kiện)\b\.?$"
    r"|\s[-–]\s*(?:Ảnh|Anh|Hình|Hinh)\s*\d{1,2}$",  # an aggregator's image text: "Tuyen Quang phan dau … - Anh 1"
    re.IGNORECASE,
)
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
    untimed: frozenset[tuple[int, int, int]] = field(default=frozenset())  # stamps on a line without a time of day

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
    if (match.group("code") and not (code.isupper() or "." in code or fold(code) in known)) or len(code) < 2:
        return None, text  # (not a word, nor one letter: "A- A A+" is a page's text-size buttons)
    if match.group("code") and fold(code) not in known and "." not in code and _HEADLINE_LIKE.fullmatch(rest):
        return None, text  # "APEC - Cơ chế hợp tác …", "TT- Huế: Thành lập …": a headline, not an outlet's lead
    return code, rest


# A headline's length and end: a few words, no full stop (an outlet's code starts a lead, a paragraph).
_HEADLINE_LIKE = re.compile(r"\s*\S+(?:\s+\S+){2,24}?\s*(?<![.!?…:;,])\s*")


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


# "Thực hiện: A - B 14/07/2021 (Dân trí) - " — credits, a stamp and an outlet before the lead.
_CREDITS_PREFIX = re.compile(
    r"^(?:(?:Thực hiện|Nhóm thực hiện|Bài|Bài và ảnh|Bài, ảnh|Nhóm phóng viên)\s*:\s*[^()]{2,80}?\s+)?"
    r"(?P<stamp>\d{1,2}/\d{1,2}/\d{4})\s*(?:\d{1,2}:\d{2}\s*)?\((?P<outlet>[^()]{2,30})\)\s*[-–—]\s*"
)
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
    untimed: set = set()
    labelled: set = set()
    kept = _join_wrapped_headline(filter_lines(lines, removed, stamps, untimed, labelled))
    clocks = site_clocks(stamps, untimed, labelled, kept)
    stamps = [s for s in stamps if s not in clocks]

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
                stamps.append(stamp_of(credits.group("stamp")))
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
            elif lead := _split_glued_lead(line):  # (else a headline run into its lead)
                headline, found, line = lead
                headline, stamp, cut = headline_text(headline)
                blocks.append(Block("title", headline))
                stamps.append(stamp)
                removed.extend(cut)
                if found:
                    prefix = found
                    removed.append(found)
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
    if not any(stamps):
        stamps.extend(_glued_stamps(blocks))
    return RawDocument(tuple(blocks), marker, prefix, tuple(removed), tuple(s for s in stamps if s), frozenset(untimed))


def _glued_stamps(blocks: list[Block]) -> list[tuple[int, int, int]]:
    """The page's stamp glued to a headline that a slogan or a section line above it hid from the headline's
    test ("10 tháng đầu năm 2013: Tiết kiệm hơn 2,2 tỷ kWh điện (14/11/2013)" under the site's motto): a short
    line among the first, ending with a date and nothing else."""
    for block in blocks[:4]:
        if block.kind == "para" and len(block.text.split()) <= 30:
            stamped = _TRAILING_STAMP.search(block.text)
            if stamped and len(block.text[:stamped.start()].split()) >= 4:
                return [stamp_of(stamped.group(1))]
    return []
