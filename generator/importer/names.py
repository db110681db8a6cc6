"""The vocabulary of people (``data/people.yaml``: family names, ranks, offices, honorifics, speech verbs) and
foreign names, which no Vietnamese family name announces."""
from __future__ import annotations

import re

from ..data import load_data
from ..lang.gazetteer import canonical_place

VOCAB = load_data("people.yaml")
SURNAMES = frozenset(VOCAB["surnames"].split())


# A foreign leader after an office word and, often, a country: "Tổng thống Nga Vladimir Putin", "Thủ tướng
# Thái Lan Prayuth Chan-o-cha", "HLV Park Hang-seo", "Chủ tịch Quốc hội Lào Pany Yathotu".  Names in Latin
# letters without Vietnamese marks, two to four words; a country word in front is not part of the name.
_FOREIGN_OFFICE = re.compile(
    r"\b(?:Tổng thống|Phó Tổng thống|Thủ tướng|Ngoại trưởng|Quốc vương|Nhà vua|Hoàng tử|Tổng thư ký|Đại sứ|HLV|"
    r"Huấn luyện viên|Giám đốc điều hành|Tổng Giám đốc|Chủ tịch|Bộ trưởng|Tổng Bí thư|Người phát ngôn|Thủ hiến|"
    r"Thị trưởng|Nữ hoàng|Giáo hoàng)\b(?:\s+[^\W\d_][\w-]*){0,5}?\s+"
    r"((?:[A-Z][a-z'\-]+|[A-Z]{2,}(?=\s[A-Z][a-z]))(?:[ -][A-Z][a-z'\-]+){1,5})(?![\w-])")


_FOREIGN_HONORIFICS = frozenset("Samdech Techo Sir Lord Dr Mr Mrs Ms Madame Dato Datuk Tan Sri".split())


def foreign_names(text: str) -> list[tuple[int, str]]:
    """(start, name) of each foreign name after an office word, a country word before it left out."""
    found = []
    for m in _FOREIGN_OFFICE.finditer(text):
        start, words = m.start(1), m.group(1).split(" ")
        previous = text[:start].split()[-1:] or [""]
        # A country ("Nga", "Thái Lan": its last word here), an organisation ("IMF") or an honorific
        # ("Samdech Techo") before the name.
        while len(words) > 2 and (canonical_place(words[0]) or canonical_place(f"{previous[0]} {words[0]}")
                                  or words[0].isupper() or words[0] in _FOREIGN_HONORIFICS):
            previous = [words[0]]
            start += len(words[0]) + 1
            words = words[1:]
        if words[0] not in SURNAMES and not canonical_place(" ".join(words)):
            found.append((start, " ".join(words)))
    return found
