"""The headline among a scraped text's first blocks, weighed by a learned model.

A page's first lines hold the headline and, around it, what the site puts there: section names ("Xây dựng
nông thôn mới"), the outlet's name, the date, captions naming a person, a kicker.  Each of the first
``LINES`` blocks ``parse_raw`` made (chrome lines, stamps and an outlet's prefix already taken out; a
glued-on stamp cut off as ``headlines.headline_text`` does) is a candidate; what tells the headline from the
rest is mostly how much of it the next blocks repeat (a headline says what the lead says), where it stands
and how it is written.  ``bench/train_models.py`` learns the weights from the annotated development pages
(``model.py``).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from ..lang.text import LETTERS
from .blocks import _OFFICE_START, RawDocument
from .headlines import _SECTIONS_ONLY, _SITE_NAME, _STRONG_CAPTION, headline_text
from .model import probability, threshold

LINES = 5  # the headline is among a page's first blocks (development pages: 505 of 508 found in the first 3)
MAX_WORDS = 50
CONTEXT_LINES, CONTEXT_WORDS = 7, 250  # of the blocks after a candidate, to compare it with
CONTEXT_CHARS = 300  # of each block (what repeats a headline is at a paragraph's start)
# Words too common to tell whether two texts speak of the same thing.  (Words are compared as written,
# lower-cased: a headline and its lead spell them alike, and folding every block would cost more.)
_COMMON = frozenset("và của các những là có được trong cho với tại để một này khi đã sẽ theo từ về đến ra trên năm "
                    "ngày".split())
_DATE_LINE = re.compile(r"^(?:thứ\s*\w+|chủ nhật)\b.{0,40}\d|^\d{1,2}\s*tháng\s*\d{1,2}|^ngày\s*\d", re.IGNORECASE)
_STAMP_IN = re.compile(r"\d{1,2}/\d{1,2}")
_BREADCRUMB = re.compile(r"\s[›»>]\s")
# A photo's caption with its credit ("… Cửa Hội. Ảnh: Tiến Đông", "… (Ảnh: TTXVN)"): never the headline.
# … "(Ảnh TTXVN phát)" at its end; a credit alone ("Photo : YONHAP News").
_PHOTO_CREDIT = re.compile(r"(?:[.)]\s*|\(\s*|\s[-–]\s*)(?:Ảnh|Nguồn ảnh|Ảnh minh họa|Ảnh minh hoạ|Video|Clip)\s*:\s*\S"
                           r"|\(\s*(?:Ảnh|Photo)\s+[^()]{2,40}\)\s*$|^(?:Photo|Ảnh|Nguồn ảnh)\s*:\s*[^.]{1,40}$")


_BULLETS = ("* ", "• ", "► ", "» ")
# A speech's salutation ("Kính thưa đồng chí …", "- Thưa các đồng chí …!"): never its headline.
_SALUTATION = re.compile(r"^[-–•\s]*(?:Kính thưa|Thưa|Kính gửi|Thân gửi|Kính chào)\b", re.IGNORECASE)
# A name with its honorific and nothing else ("Đồng chí NGUYỄN MẠNH HÙNG" under a leader's portrait): a label.
_NAME_LABEL = re.compile(r"^(?:Đồng chí|Đ/c|Ông|Bà)\s+(?:[A-ZĐÀ-Ỹ][^\s]*\s*){2,4}$")


def never_headline(text: str) -> bool:
    """Whether a line cannot be a headline whatever stands around it: a photo's caption with its credit or a
    credit alone, section names only ("Văn hóa - Xã hội"), a speech's salutation, a name labelled with its
    honorific."""
    return bool(_PHOTO_CREDIT.search(text) or _SECTIONS_ONLY.fullmatch(text) or _SALUTATION.match(text)
                or _NAME_LABEL.match(text))


@dataclass(frozen=True)
class TitleCandidate:
    text: str
    features: dict[str, float]


def _words(text: str) -> list[str]:
    return [w for w in LETTERS.findall(text.lower()) if w not in _COMMON]


def title_candidates(doc: RawDocument) -> list[TitleCandidate]:
    """The first blocks of a parsed text (chrome, stamps, an outlet's prefix and the furniture above a
    headline already taken out by ``parse_raw``) as headline candidates, with their features."""
    blocks = doc.blocks[:LINES + CONTEXT_LINES]
    # Each block's words, folded once (a paragraph only as far as its start: what repeats a headline).
    words = [_words(block.text[:CONTEXT_CHARS]) for block in blocks]
    found: list[TitleCandidate] = []
    for index, block in enumerate(blocks[:LINES]):
        if block.kind == "source" or block.credit or len(block.text) > 8 * MAX_WORDS:
            continue  # (an outlet's line, a captioned photo, a paragraph)
        candidate = block.text if block.kind == "title" else headline_text(block.text)[0]
        n_words = len(candidate.split())
        following = blocks[index + 1].text if index + 1 < len(blocks) else ""
        if not 4 <= n_words <= MAX_WORDS or never_headline(candidate) \
                or (n_words <= 6 and _SITE_NAME.search(candidate)) or _BREADCRUMB.search(candidate) \
                or block.text.startswith(_BULLETS) or (following != candidate and candidate.endswith(" " + following)) \
                or (following != candidate and following.startswith(candidate)
                    and len(following.split()) <= MAX_WORDS and not following.endswith((".", ":"))):
            continue  # (a headline has a few words; not a caption, section names, a breadcrumb or the site's name,
            # not a bulleted link to another story, not a trail of sections ending in the headline the next line is,
            # nor one ending in that headline cut short)
        own = words[index] if candidate == block.text and len(candidate) <= CONTEXT_CHARS else _words(candidate)
        after = [w for following in words[index + 1:index + 1 + CONTEXT_LINES] for w in following][:CONTEXT_WORDS]
        later = set(after)
        pairs = set(zip(own, own[1:]))
        n_following = following.count(" ") + 1 if following else 0
        features = {
            "bias": 1.0, "position": index / LINES, "first": float(index == 0), "log_words": math.log(n_words),
            "short": float(n_words <= 5), "long": float(n_words > 30),
            "repeated_words": sum(w in later for w in own) / max(1, len(own)),
            "repeated_pairs": len(pairs & set(zip(after, after[1:]))) / max(1, len(pairs)),
            "ends_like_a_sentence": float(candidate.endswith((".", ":", ";", ","))),
            "upper_case": float(candidate.upper() == candidate), "site_name": float(bool(_SITE_NAME.search(candidate))),
            "caption_cue": float(block.kind == "caption" or bool(_STRONG_CAPTION.search(candidate))),
            "paragraph_follows": float(n_following > 25),
            # (chrome above the headline is followed by it: a line of a headline's length, no sentence)
            "headline_follows": float(5 <= n_following <= 30 and not following.endswith((".", ":"))),
            "day_and_month": float(bool(_STAMP_IN.search(candidate))), "date_line": float(bool(_DATE_LINE.search(candidate))),
            "opening_bracket": float(candidate.startswith("(")), "earlier_candidates": len(found) / 5,
            "office_and_name": float(n_words <= 16 and bool(_OFFICE_START.match(candidate))),
        }
        found.append(TitleCandidate(candidate, features))
    return found


def likeliest_title(doc: RawDocument) -> tuple[str | None, float]:
    """The candidate the model finds likeliest to be the headline, with its probability — or None (and one
    minus the best probability) when none passes the model's threshold."""
    candidates = title_candidates(doc)
    if not candidates:
        return None, 0.0
    chance, best = max(((probability("title", c.features), c) for c in candidates), key=lambda pair: pair[0])
    if chance >= threshold("title"):
        return best.text, round(chance, 2)
    return None, round(1 - chance, 2)
