"""The vocabulary of people (``data/people.yaml``: family names, ranks, offices, honorifics, speech verbs),
foreign names, which no Vietnamese family name announces, and names written in capitals, put in the usual case
(``in_usual_case``)."""
from __future__ import annotations

import re

from ..data import load_data
from ..lang.gazetteer import canonical_place

VOCAB = load_data("people.yaml")
SURNAMES = frozenset(VOCAB["surnames"].split())
# Vietnamese lower-case letters ("à-ỹ" would take in the capitals among them: Đ, Ă, Ơ, Ư, Ạ …).
LOWER = "a-zđàáảãạăắằẳẵặâấầẩẫậèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ"


def alternation(words, guard: bool = True) -> str:
    """The words as one regex alternation, longest first, behind a lookahead on their first letters: a
    position no word can start at fails at once instead of trying every word (two to three times faster on
    long lists).  Not at the start of a pattern, where ``re`` already skips to those letters itself and the
    lookahead would stop it (``guard=False``)."""
    words = sorted(set(words), key=len, reverse=True)
    plain = "|".join(re.escape(w) for w in words)
    if not guard:
        return plain
    firsts = "".join(sorted({re.escape(w[0]) for w in words if w}))
    return f"(?=[{firsts}])(?:{plain})"


_OFFICES_ABROAD = ("Tổng thống", "Phó Tổng thống", "Thủ tướng", "Ngoại trưởng", "Quốc vương", "Nhà vua", "Hoàng tử",
                   "Tổng Lãnh sự",
                   "Tổng thư ký", "Đại sứ", "HLV", "Huấn luyện viên", "Giám đốc điều hành", "Tổng Giám đốc", "Chủ tịch",
                   "Bộ trưởng", "Tổng Bí thư", "Người phát ngôn", "Thủ hiến", "Thị trưởng", "Nữ hoàng", "Giáo hoàng")


def _cased(phrases) -> str:
    """An alternation of each phrase with any of its later words capitalised ("Tổng Thư ký", "Tổng Thư Ký") and
    in lower case — listed: matched case-insensitively, the scan of a whole text is three times slower."""
    forms = set()
    for phrase in phrases:
        first, *rest = phrase.split()
        for mask in range(2 ** len(rest)):
            forms.add(" ".join([first] + [w[:1].upper() + w[1:] if mask >> i & 1 else w for i, w in enumerate(rest)]))
        forms.add(phrase[:1].lower() + phrase[1:])  # ("… cho biết, ngoại trưởng Papua New Guinea Rimbink Pato")
    return alternation(forms)


# A foreign leader after an office word and, often, a country: "Tổng thống Nga Vladimir Putin", "Thủ tướng
# Thái Lan Prayuth Chan-o-cha", "HLV Park Hang-seo", "Chủ tịch Quốc hội Lào Pany Yathotu".  Names in Latin
# letters without Vietnamese marks, one to six words; a country word in front is not part of the name.
_FOREIGN_OFFICE = re.compile(
    r"\b(?:" + _cased(_OFFICES_ABROAD) + r")\b(?P<between>(?:,?\s+[^\W\d_][\w-]*){0,10}?)\s+"
    r"(?P<name>(?:[A-Z][a-z'\-]+|[A-Z]{2,}(?=\s[A-Z][a-z]))(?:[ -][A-Z][a-z'\-]+){0,5})(?![\w-])")
# One word is a name ("Tổng thống Mỹ Obama", "Bộ trưởng Robb") right after a head of state's, a government's
# or the UN's office, or after that office and a country.
_ONE_WORD_OFFICE = re.compile(r"(?i:Tổng thống|Thủ tướng|Ngoại trưởng|Bộ trưởng|Tổng thư ký|Thủ hiến|Thị trưởng|"
                              r"Quốc vương|Giáo hoàng)\Z")


_FOREIGN_HONORIFICS = frozenset("Samdech Techo Sir Lord Dr Mr Mrs Ms Madame Dato Datuk Tan Sri".split())


_CAPITAL_NEXT = re.compile(r"\s+[^\W\d_a-zđàáảãạăắằẳẵặâấầẩẫậèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]")


# One syllable a Vietnamese word could be, written without marks ("Kinh" in "Bộ trưởng Kinh tế", "Nam", "Long"):
# not a one-word foreign name ("Obama", "Robb", "Putin").
_SYLLABLE = re.compile(r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}"
                       r"(?:ng|nh|ch|[cmnpt])?", re.IGNORECASE)


def _one_word_name(m: re.Match) -> bool:
    between = m.group("between").strip()
    office = m.group(0)[:m.start("between") - m.start()]
    if _CAPITAL_NEXT.match(m.string, m.end("name")):
        return False  # "Ngoại trưởng Hoa Kỳ", "Tổng thư ký Ban Chấp hành": the word starts a longer proper name
    if _SYLLABLE.fullmatch(m.group("name")):
        return False
    return (len(m.group("name")) >= 3 and _ONE_WORD_OFFICE.search(office) is not None
            and (not between or canonical_place(between) is not None) and not canonical_place(m.group("name")))


def foreign_names(text: str) -> list[tuple[int, str]]:
    """(start, name) of each foreign name after an office word, a country word before it left out."""
    found = []
    for m in _FOREIGN_OFFICE.finditer(text):
        between = m.group("between").split()
        if len(between) > 5 or "," in m.group("between"):
            # A long office ("Bộ trưởng Thương mại, Công nghiệp và Năng lượng Hàn Quốc Yoon Sang-jick"): only
            # when its country ends it.
            if not any(canonical_place(" ".join(between[-k:])) for k in (1, 2, 3, 4)):  # ("… Đại Hàn Dân Quốc")
                continue
        start, words = m.start("name"), m.group("name").split(" ")
        if len(words) == 1 and not _one_word_name(m):
            continue
        previous = text[:start].split()[-1:] or [""]
        # A country ("Nga", "Thái Lan": its last word here), an organisation ("IMF") or an honorific
        # ("Samdech Techo") before the name.
        # (A country before a one-word name too: "Tổng thống Nga Putin".)
        while len(words) > 2 and (canonical_place(words[0]) or canonical_place(f"{previous[0]} {words[0]}")
                                  or words[0].isupper() or words[0] in _FOREIGN_HONORIFICS) \
                or len(words) == 2 and canonical_place(words[0]) and not canonical_place(words[1]):
            previous = [words[0]]
            start += len(words[0]) + 1
            words = words[1:]
        if words[0] not in SURNAMES and not canonical_place(" ".join(words)):
            found.append((start, " ".join(words)))
    return found


_WORD = re.compile(r"[^\W\d_]+")


def in_usual_case(text: str) -> str:
    """The text with names and headlines written in capitals put in the usual case, character for character
    (positions hold): a line in capitals ("BÀI PHÁT BIỂU TOÀN VĂN CỦA THỦ TƯỚNG PHẠM MINH CHÍNH …") in title
    case, and a name in capitals ("Trung tướng ĐẶNG VĂN HIẾU, Thứ trưởng") anywhere."""
    if not _CAPITAL_NAME.search(text):
        return text  # (most texts: no two words in capitals in a row)
    lines = []
    for line in text.split("\n"):
        if _CAPITAL_NAME.search(line):
            words = _WORD.findall(line)
            if len(words) >= 4 and sum(w.isupper() for w in words) >= 0.8 * len(words):
                line = line.title()
            else:
                line = _CAPITAL_NAME.sub(lambda m: m.group(0).title() if m.group(1).title() in SURNAMES
                                         else m.group(0), line)
        lines.append(line)
    usual = "\n".join(lines)
    return usual if len(usual) == len(text) else text


_UPPER_WORD = "[" + LOWER.upper() + "]{2,}"  # (each of ``LOWER``'s letters has one capital)
_CAPITAL_NAME = re.compile(rf"(?<![\w])({_UPPER_WORD})(?: {_UPPER_WORD}){{1,3}}(?![\w])")
