"""The headline among a scraped text's first lines, weighed by a learned model.

A page's first lines hold the headline and, around it, what the site puts there: section names ("Xây dựng
nông thôn mới"), the outlet's name, the date, captions naming a person, a kicker.  Each of the first
``LINES`` lines (chrome lines and stamps taken out, an outlet's prefix and glued-on stamps cut off, as
``blocks.headline_text`` does) is a candidate; what tells the headline from the rest is mostly how much of
it the next lines repeat (a headline says what the lead says), where it stands and how it is written.
``bench/train_models.py`` learns the weights from the annotated development pages (``model.py``).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from ..lang.text import fold
from .blocks import (_MARKER, _OFFICE_START, _SECTIONS_ONLY, _SITE_NAME,
                     _STRONG_CAPTION, _split_prefix, headline_text)
from .chrome import filter_lines
from .model import probability, threshold

LINES = 10          # the headline is among a page's first lines
CONTEXT_CHARS = 1500  # of the lines after a candidate, to compare it with
_WORD = re.compile(r"[^\W\d_]+")
# Words too common to tell whether two texts speak of the same thing.
_COMMON = frozenset("va cua cac nhung la co duoc trong cho voi tai de mot nay khi da se theo tu ve den ra tren nam "
                    "ngay".split())
_DATE_LINE = re.compile(r"^(?:thứ\s*\w+|chủ nhật)\b.{0,40}\d|^\d{1,2}\s*tháng\s*\d{1,2}|^ngày\s*\d", re.IGNORECASE)
_STAMP_IN = re.compile(r"\d{1,2}/\d{1,2}")
_BREADCRUMB = re.compile(r"\s[›»>]\s")
# A photo's caption with its credit ("… Cửa Hội. Ảnh: Tiến Đông", "… (Ảnh: TTXVN)"): never the headline.
_PHOTO_CREDIT = re.compile(r"(?:[.)]\s*|\(\s*|\s[-–]\s*)(?:Ảnh|Nguồn ảnh|Ảnh minh họa|Ảnh minh hoạ|Video|Clip)\s*:\s*\S")


@dataclass(frozen=True)
class TitleCandidate:
    text: str
    features: dict[str, float]


def _words(text: str) -> list[str]:
    return [w for w in _WORD.findall(fold(text).lower()) if w not in _COMMON]


def title_candidates(text: str, known_prefixes: frozenset[str] = frozenset()) -> list[TitleCandidate]:
    """The first lines of a clean raw text as headline candidates, with their features."""
    lines = [line.strip() for line in _MARKER.sub("", text, count=1).split("\n", 3 * LINES)[:3 * LINES]]
    lines = filter_lines([line for line in lines if line], [], [])
    found: list[TitleCandidate] = []
    for index, line in enumerate(lines[:LINES]):
        candidate, _, _ = headline_text(_split_prefix(line, known_prefixes)[1])
        n_words = len(candidate.split())
        if not 4 <= n_words <= 50 or _PHOTO_CREDIT.search(candidate) or _SECTIONS_ONLY.fullmatch(candidate) \
                or (n_words <= 6 and _SITE_NAME.search(candidate)) or _BREADCRUMB.search(candidate):
            continue  # (a headline has a few words; not a caption, section names, a breadcrumb or the site's name)
        own = _words(candidate)
        after = _words(" ".join(lines[index + 1:index + 8])[:CONTEXT_CHARS])
        later = set(after)
        pairs = set(zip(own, own[1:]))
        following = lines[index + 1] if index + 1 < len(lines) else ""
        features = {
            "bias": 1.0, "position": index / LINES, "first": float(index == 0), "log_words": math.log(n_words),
            "short": float(n_words <= 5), "long": float(n_words > 30),
            "repeated_words": sum(w in later for w in own) / max(1, len(own)),
            "repeated_pairs": len(pairs & set(zip(after, after[1:]))) / max(1, len(pairs)),
            "ends_like_a_sentence": float(candidate.endswith((".", ":", ";", ","))),
            "upper_case": float(candidate.upper() == candidate), "site_name": float(bool(_SITE_NAME.search(candidate))),
            "caption_cue": float(bool(_STRONG_CAPTION.search(candidate))),
            "paragraph_follows": float(len(following.split()) > 25),
            # (chrome above the headline is followed by it: a line of a headline's length, no sentence)
            "headline_follows": float(5 <= len(following.split()) <= 30 and not following.endswith((".", ":"))),
            "day_and_month": float(bool(_STAMP_IN.search(candidate))), "date_line": float(bool(_DATE_LINE.search(candidate))),
            "opening_bracket": float(candidate.startswith("(")), "earlier_candidates": len(found) / 5,
            "office_and_name": float(bool(_OFFICE_START.match(candidate)) and n_words <= 16),
        }
        found.append(TitleCandidate(candidate, features))
    return found


def likeliest_title(text: str, known_prefixes: frozenset[str] = frozenset()) -> tuple[str | None, float]:
    """The candidate the model finds likeliest to be the headline, with its probability — or None (and one
    minus the best probability) when none passes the model's threshold."""
    candidates = title_candidates(text, known_prefixes)
    if not candidates:
        return None, 0.0
    chance, best = max(((probability("title", c.features), c) for c in candidates), key=lambda pair: pair[0])
    if chance >= threshold("title"):
        return best.text, round(chance, 2)
    return None, round(1 - chance, 2)
