"""The shape of a raw article: headline, lead, captions, subheadings, chrome.

Turns clean raw text into a list of typed blocks. It decides *what a line is*;
field extraction (dates, people, places) reads the blocks afterwards.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .text import fold

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

    def text_blocks(self, *kinds: str) -> list[Block]:
        """Blocks of the given kinds (all kinds when none given), in order."""
        return [b for b in self.blocks if not kinds or b.kind in kinds]


# Outlet prefixes: "TPO - ", "ANTD.VN - ", "VOV.VN - ", "(Dân trí) - ", "(PLO)- ".
_PREFIX = re.compile(
    r"^\s*(?:\((?P<paren>[^()\n]{2,30})\)\s*[-–—:]?\s*"
    r"|(?P<code>[A-ZĐ][A-Za-zĐ0-9]*(?:\.[A-Za-z]{2,4}){0,2})\s*[-–—]\s+)"
)


def _split_prefix(text: str) -> tuple[str | None, str]:
    match = _PREFIX.match(text)
    if not match:
        return None, text
    code = match.group("code") or match.group("paren")
    rest = text[match.end():]
    if not rest[:1].isupper():
        return None, text
    if match.group("code") and not (code.isupper() or "." in code):
        return None, text
    return code.strip(), rest


def _is_chrome(line: str) -> bool:
    return fold(line).strip(" .:") in _CHROME_LINES or fold(line).strip() in _CHROME_LINES


def _is_tail_marker(line: str) -> bool:
    return fold(line).strip(" .:") in _TAIL_MARKERS


def split_credit(line: str) -> tuple[str, str | None, str | None]:
    """Split ``caption. Ảnh: NAME Rest of paragraph`` into caption, credit, rest."""
    match = None
    for candidate in _CREDIT.finditer(line):
        match = candidate
        break
    if not match:
        return line, None, None
    caption = line[: match.start()].rstrip(" (")
    tail = line[match.end():]
    tokens = tail.split(" ")
    split_at = None
    for i in range(1, min(len(tokens), 6)):
        token, nxt = tokens[i], tokens[i + 1] if i + 1 < len(tokens) else ""
        if token[:1].isupper() and nxt and not nxt[:1].isupper():
            split_at = i
            break
    if split_at is None:
        if len(tokens) <= 6:
            return caption, tail.strip(" )"), None
        split_at = 2
    credit = " ".join(tokens[:split_at]).strip(" )")
    rest = " ".join(tokens[split_at:]).strip()
    return caption, credit, rest or None


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


def _looks_like_headline(line: str, following: list[str]) -> bool:
    n_words = len(line.split())
    if not (3 <= n_words <= 45) or line.rstrip().endswith((".", ":", ";", ",")):
        return False
    if _looks_like_caption(line):
        return False
    return bool(following) and len(following[0].split()) > n_words


def parse_raw(text: str) -> RawDocument:
    """Classify every line of a clean raw text into blocks."""
    lines = [ln.strip() for ln in text.split("\n")]
    lines = [ln for ln in lines if ln]
    removed: list[str] = []
    marker = None
    if lines:
        m = _MARKER.match(lines[0])
        if m:
            marker = (int(m.group(1)), int(m.group(2)), int(m.group(3)) if m.group(3) else None)
            lines[0] = lines[0][m.end():].strip()
            removed.append(m.group(0).strip())
            if not lines[0]:
                lines.pop(0)

    kept: list[str] = []
    for line in lines:
        if _is_tail_marker(line) and kept:
            removed.extend(lines[lines.index(line):])
            break
        if _is_chrome(line):
            removed.append(line)
            continue
        kept.append(line)

    blocks: list[Block] = []
    prefix = None
    for i, line in enumerate(kept):
        if not blocks and prefix is None:
            found, rest = _split_prefix(line)
            if found:
                prefix, line = found, rest
                removed.append(found)
        caption, credit, rest = split_credit(line)
        if credit is not None:
            blocks.append(Block("caption", caption, credit))
            if rest:
                blocks.append(Block("para", rest))
            continue
        source = _SOURCE_LINE.match(line)
        if source and i >= len(kept) - 3:
            blocks.append(Block("source", source.group("name").strip()))
            continue
        if not blocks and prefix is None and _looks_like_headline(line, kept[i + 1:]):
            blocks.append(Block("title", line))
            continue
        if _looks_like_caption(line):
            blocks.append(Block("caption", line))
            continue
        if _looks_like_heading(line) and any(len(k.split()) > 25 for k in kept[i + 1:i + 3]):
            blocks.append(Block("heading", line))
            continue
        blocks.append(Block("para", line))
    return RawDocument(tuple(blocks), marker, prefix, tuple(removed))

