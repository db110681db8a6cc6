"""Reading raw article files: bytes in any of the encodings we meet → clean NFC text."""
from __future__ import annotations

import codecs
import re
import unicodedata
from pathlib import Path

from ..lang.text import normalize, visible


class RawInputError(ValueError):
    """A raw file that cannot become an article (empty, binary, undecodable)."""

    def __init__(self, path: Path | str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = str(path)
        self.message = message

    def __reduce__(self):  # crosses process boundaries whole (the default would call __init__ with one argument)
        return RawInputError, (self.path, self.message)


def decode_bytes(data: bytes, path: Path | str = "<bytes>", warnings: list[str] | None = None) -> str:
    """Decode UTF-8 (±BOM), UTF-16 (BOM) or cp1258 into a str.  ``warnings`` gets a line (naming the file and
    line) for each repair: NUL bytes dropped, a line that is not valid UTF-8 in a UTF-8 text."""
    warnings = [] if warnings is None else warnings
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    if _looks_like_utf16(data):
        return data.decode("utf-16-le" if data[1:2] == b"\x00" else "utf-16-be", errors="replace")
    if b"\x00" in data:
        count = data.count(b"\x00")
        if count > max(4, len(data) // 1000):
            raise RawInputError(path, "looks like a binary file, not article text; remove it from content/raw/")
        lines = [n for n, line in enumerate(data.split(b"\n"), 1) if b"\x00" in line]
        warnings.append(f"{path}:{lines[0]}: {count} NUL byte(s) dropped (lines {', '.join(map(str, lines[:5]))}); "
                        "check the text there")
        data = data.replace(b"\x00", b"")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Line by line: a UTF-8 text with a few bad bytes keeps every good line; a legacy text (most lines with
    # accents failing UTF-8) is the Vietnamese Windows code page, whose tone marks decode as combining marks.
    lines = data.split(b"\n")
    bad = []
    good = 0
    for number, line in enumerate(lines, 1):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
            good += 1
        except UnicodeDecodeError:
            bad.append(number)
    if good <= len(bad):
        return data.decode("cp1258", errors="replace")
    warnings.append(f"{path}:{bad[0]}: not valid UTF-8 on {len(bad)} line(s) ({', '.join(map(str, bad[:5]))}); "
                    "the bad bytes show as \ufffd — check the text there")
    return "\n".join(line.decode("utf-8", errors="replace") for line in lines)


def _looks_like_utf16(data: bytes) -> bool:
    sample = data[:200]
    if len(sample) < 4:
        return False
    zeros_odd = sample[1::2].count(0)
    zeros_even = sample[0::2].count(0)
    half = len(sample) // 2
    return zeros_odd > half * 0.6 or zeros_even > half * 0.6


# The last text clean_text returned: the importer reads a raw file clean (read_raw) and extract cleans its
# input again; cleaning is idempotent (property-tested), so that text is returned as it is.
_last_clean = [""]


_ETH = str.maketrans({"\u00d0": "\u0110", "\u00f0": "\u0111"})
# A lead glued to the headline before it, where a page lost its line break: "… Nhà máy Nghi Sơn 1Ngày 19 tháng
# 2 năm 2012, …" — a dated sentence's first word, capitalised, right after a lower-case letter or a digit.  (The
# words are looked for first and the letter before them checked after: a pattern that starts with a lookbehind
# is tried at every position of the text, five times slower.)
_DATED_SENTENCE = re.compile(r"(?:Ngày|Sáng|Chiều|Trưa|Tối|Đêm) \d")


def _unglue(text: str) -> str:
    pieces, done = [], 0
    for match in _DATED_SENTENCE.finditer(text):
        start = match.start()
        if start and (text[start - 1].islower() or text[start - 1].isdigit()):
            pieces += [text[done:start], "\n"]
            done = start
    return "".join(pieces) + text[done:] if pieces else text


def clean_text(text: str) -> str:
    """NFC, one tone placement, LF line ends, no stray control characters, Đ for Ð, a lead glued to its
    headline on a line of its own."""
    if text == _last_clean[0]:
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    # Đ and đ as legacy fonts and encodings write them: Icelandic eth (Ð, ð), which matches no Vietnamese name.
    if "\u00d0" in text or "\u00f0" in text:
        text = text.translate(_ETH)
    text = visible(text)  # (controls, bidi overrides, zero-width marks and byte-order marks)
    _last_clean[0] = text = _unglue(normalize(text))
    return text


def _looks_binary(text: str) -> bool:
    """No spaces at all, or control/unassigned/private/replacement characters in over 2 % of the text."""
    sample = text[:20000]
    odd = sum(1 for c in sample if (c < " " and c not in "\n\r\t") or c == "\ufffd"
              or unicodedata.category(c) in ("Cn", "Co", "Cs"))
    no_words = len(sample) > 60 and " " not in sample and "\n" not in sample
    return no_words or odd > max(2, len(sample) * 0.02)


def read_raw(path: Path, warnings: list[str] | None = None, shown: str | None = None) -> str:
    """Read a raw article file and return clean text, or raise RawInputError; repairs go to ``warnings``
    (naming the file as ``shown``, by default its path)."""
    data = path.read_bytes()
    if not data.strip():
        raise RawInputError(path, "file is empty; add the article text or delete the file")
    decoded = decode_bytes(data, shown or path, warnings)
    if _looks_binary(decoded):
        raise RawInputError(path, "looks like a binary file, not article text; remove it from content/raw/")
    text = clean_text(decoded)
    if not text.strip():
        raise RawInputError(path, "file has no text; add the article text or delete the file")
    return text
