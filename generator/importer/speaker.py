"""The main speaker among the people an article names.

The speaker is the person whose words or directions the article reports:
speech verbs next to their name or after their office (``Bộ trưởng nêu rõ``),
quotes, the lead; attending or being thanked doesn't.  The rules score every
person (``people.find_mentions``); a learned model (``model.py``) weighs the
scores and what surrounds them.
"""
from __future__ import annotations

import functools
import math
import re
from collections import defaultdict
from dataclasses import dataclass

from ..lang.text import LETTERS, name_key, trie_alternation
from .blocks import RawDocument
from .date_mentions import anniversary_year, full_dates
from .finding import Finding
from .model import probability, threshold
from .names import SURNAMES as _SURNAMES
from .names import VOCAB as _VOCAB
from .names import alternation, in_usual_case
from .people import (PASSIVE, RANK_RX, Mention, Person, clean_title, find_mentions, group_mentions, person_of,
                     sentence_start, spellings, with_full_names)
from .years import years_told

_NATIONAL = re.compile(r"(?:^|,\s*)(?:" + alternation(_VOCAB["national_offices"]) + r")(?![\w])")
_DIED = {name_key(name): year for name, year in _VOCAB["died"].items()}


def _recounted(text: str, keys, stamped: tuple[int, ...] = ()) -> set[str]:
    """The people of history among ``keys`` whom the text only recounts: a day it dates, a year it reports on
    (not a target: "đến năm 2030", "nhiệm kỳ 2021 - 2026"), the anniversary it is written for or the year the
    page was published (``stamped``) is past the year after they died. (A plan written in their lifetime for
    the year after, "vào năm 2025", is not theirs to be remembered by.)"""
    dead = {key for key in keys if key in _DIED}
    if not dead:
        return set()
    years = years_told(text) + [date.year for _, date, is_doc in full_dates(text) if not is_doc] + list(stamped)
    latest = max(years + [anniversary_year(text) or 0])
    return {key for key in dead if latest > _DIED[key] + 1}


@functools.lru_cache(maxsize=1)
def _bare_reference() -> re.Pattern[str]:
    # (Not after a letter, nor an office after "Ban ": checked by ``_bare_references``; a leading look-behind
    # would have ``re`` try the pattern at every position of the text.  The offices and verbs as trees: the
    # pattern is case-sensitive, so a tree matches what their alternation, longest first, would.)
    offices = trie_alternation(frozenset(spellings(_VOCAB["offices"])))
    verbs = trie_alternation(frozenset(_VOCAB["speech_verbs"]))
    return re.compile(
        rf"(?:(?:đồng chí|Đồng chí)\s+)?(?P<office>{offices})(?:\s+[^\s,.;:]+){{0,4}}?"
        rf"(?=\s+(?:cũng\s+|đã\s+)?(?:{verbs})(?![\w]))"
        rf"|(?P<honor>ông|Ông|bà|Bà)\s+(?P<given>[A-ZĐÀ-Ỹ][^\s,.;:]*(?: [A-ZĐÀ-Ỹ][^\s,.;:]*)?)"
        rf"(?=\s+(?:cũng\s+|đã\s+)?(?:{verbs})(?![\w]))",
    )


def _bare_references(text: str):
    """``_bare_reference``'s matches at a word's start, an office not after "Ban " (a refused match is looked for
    again from its next character, as a look-behind would)."""
    pattern, position = _bare_reference(), 0
    while match := pattern.search(text, position):
        start = match.start()
        if start and (text[start - 1].isalnum() or text[start - 1] == "_") \
                or (match.group("office") and text[max(0, start - 4):start] in ("Ban ", "ban ")):
            position = start + 1
            continue
        yield match
        position = match.end() if match.end() > start else start + 1


def _bare_reference_credits(text: str, mentions: list[Mention], fallback: list[Mention]) -> dict[str, float]:
    """Credit "Bộ trưởng nêu rõ" / "ông Hạnh nói" to the named person meant."""
    credits: dict[str, float] = defaultdict(float)
    named_spans = [(m.start, m.end) for m in mentions]
    for m in _bare_references(text):
        if any(s <= m.start() < e or m.start() <= s < m.end() for s, e in named_spans):
            continue
        if PASSIVE.search(text[max(0, m.start() - 40):m.start()].rstrip()):
            continue  # "chỉ đạo của Phó Thủ tướng …": someone else's earlier words
        earlier = [x for x in mentions if x.end <= m.start()]
        for pool in (earlier, mentions, fallback):
            target = _referent(m, pool)
            if target:
                credits[name_key(target.name)] += 2.5
                break
    return credits


def _referent(reference: re.Match[str], pool: list[Mention]) -> Mention | None:
    if reference.group("given"):
        given = reference.group("given")
        return next((x for x in reversed(pool) if x.name.endswith(" " + given)), None)
    office = reference.group("office").lower()
    return next((x for x in reversed(pool) if office in f"{x.title_before} {x.title_after}".lower()), None)


_SHORT_PROSE = 60  # words


def _headline(doc: RawDocument) -> str:
    return " ".join(b.text for b in doc.text_blocks("title"))


def _words_under(blocks, limit: int) -> bool:
    """Whether the blocks hold fewer than ``limit`` words (counted only as far as the limit)."""
    words = 0
    for block in blocks:
        words += block.text.count(" ") + 1
        if words >= limit:
            return False
    return True


def _prose(doc: RawDocument) -> tuple[str, int]:
    """The text people are looked for in, and where its lead paragraph ends."""
    blocks = doc.text_blocks("para", "title", "heading")
    if _words_under(blocks, _SHORT_PROSE):  # a story told in captions: they are its text
        blocks = doc.text_blocks("para", "title", "heading", "caption")
    text = "\n".join(b.text for b in blocks)
    first_para = next((b.text for b in blocks if b.kind in ("para", "caption")), "")
    lead_end = text.find(first_para) + len(first_para) if first_para else 0
    return in_usual_case(text), lead_end  # (character for character: the lead ends where it did)


@dataclass(frozen=True)
class SpeakerCandidate:
    """A person the text names, what it says around their mentions (``features``, read by the learned
    model), and the evidence."""

    key: str
    person: Person
    features: dict[str, float]
    evidence: str


def speaker_candidates(doc: RawDocument) -> tuple[list[SpeakerCandidate], Finding, list[Person]]:
    """Every person named with a rank, an office or an honorific, with their features; the hand-written
    rules' answer (the person whose words or directions the text reports most); and everyone named."""
    text, lead_end = _prose(doc)
    captions = "\n".join(b.text for b in doc.text_blocks("caption"))
    caption_mentions = with_full_names(find_mentions(captions)) if captions and captions not in text else []
    # ("Tổng thống Putin" in the prose is the "Vladimir Putin" the prose or a caption names in full.)
    mentions = with_full_names(find_mentions(text), caption_mentions)
    by_key = group_mentions(mentions)
    scores = {k: sum(m.score for m in ms) for k, ms in by_key.items()}
    active = {k for k, ms in by_key.items() if any(m.score > 1 for m in ms)}
    # "Bộ trưởng nêu rõ": the text's own people first, then those only captions name.
    named_in_captions = [_shifted(m) for m in caption_mentions]
    credits = _bare_reference_credits(text, mentions, named_in_captions)
    for key, credit in credits.items():
        scores[key] = scores.get(key, 0) + credit
        active.add(key)
        if key not in by_key:
            by_key[key] = [m for m in named_in_captions if name_key(m.name) == key]
    national = {}
    for key, ms in by_key.items():
        acting = [m for m in ms if m.score > 1]
        if acting and acting[0].start < lead_end:
            scores[key] += 2  # the lead reports what this person did
        national[key] = bool(_NATIONAL.search(clean_title(ms[0].title_before, ms[0].title_after)))
        if key in active and national[key]:
            scores[key] += 1
    # ("kỷ niệm 133 năm ngày sinh Chủ tịch Hồ Chí Minh (19/5/1890 - 19/5/2023)": remembered, not speaking)
    stamped = tuple(y for y, *_ in doc.stamps) + ((doc.marker[0],) if doc.marker else ())
    recounted = _recounted(text, by_key, stamped)
    active -= recounted
    people = {k: person_of(ms) for k, ms in by_key.items()}
    for key, ms in group_mentions(caption_mentions).items():
        people.setdefault(key, person_of(ms))
    ranked = sorted(active, key=lambda k: (-scores[k], by_key[k][0].start))
    rule = _rule_speaker(text, ranked, scores, by_key, people)
    if rule.value is None and recounted and not set(by_key) - recounted:
        rule = Finding(None, "only people of history are named, remembered: "
                       + ", ".join(sorted(people[k].name for k in recounted)), 0.9)
    headline = _headline(doc)
    total = sum(max(0.0, v) for v in scores.values()) or 1.0
    candidates = []
    address = bool(_ADDRESS.search(text))
    for order, (key, ms) in enumerate(sorted(by_key.items(), key=lambda item: item[1][0].start)):
        if key in recounted:
            continue
        placed = [m for m in ms if m.start >= 0]
        # (words reported through the office alone, "Thủ tướng phát biểu …", are the person's words too)
        words = bool(credits.get(key)) or any(_words_reported(text, m) for m in placed)
        authored = any(_authored(text, m) for m in placed)
        runner_up = max((scores[k] for k in scores if k != key), default=0.0)
        features = {
            "bias": 1.0, "rule_pick": float(bool(ranked) and key == ranked[0]), "active": float(key in active),
            "log_score": math.log1p(max(0.0, scores[key])), "share": max(0.0, scores[key]) / total,
            "lead_over_next": math.tanh((scores[key] - runner_up) / 4), "max_mention": max(m.score for m in ms) / 4,
            "log_n": math.log1p(len(ms)), "first": float(order == 0),
            "position": placed[0].start / max(1, len(text)) if placed else 1.0,
            "in_lead": float(any(m.start < lead_end for m in placed)),
            "in_title": float(bool(headline) and ms[0].name.split()[-1] in headline),
            "words": float(words), "credited": math.log1p(credits.get(key, 0)),
            "credited_alone": float(bool(credits.get(key)) and len(by_key) == 1),  # the one person, speaking
            # … or the one person named, a national leader, acting (chairing, visiting)
            "sole_leader": float(len(by_key) == 1 and key in active and national[key]),
            # … whose words are reported only through their office ("Thủ tướng phát biểu …")
            "credited_alone_only": float(bool(credits.get(key)) and len(by_key) == 1 and not words),
            "national": float(national[key]), "titled": float(any(m.title_before or m.title_after for m in ms)),
            "caption_only": float(not placed), "passive": sum(m.score <= 0.2 for m in ms) / len(ms),
            "quoted": sum(m.quoted for m in ms) / len(ms),
            "n_people": math.log1p(len(by_key)), "n_active": math.log1p(len(active)),
            "foreign": float(ms[0].name.split()[0] not in _SURNAMES),
            # The accused, a suspect or a victim: their words, when reported, are seldom what the article is.
            "accused": float(any(_ACCUSED.search(text, max(0, m.start - 30), m.start) for m in placed)),
            # Receiving, visiting, attending, handing over: a ceremony, seldom reported as anyone's words.
            "ceremony": float(any(_CEREMONY.match(text, m.end, m.end + 60) for m in placed)),
            # A speech, a letter or an interview given in full: whose it is ("toàn văn Thư chúc Tết … của Chủ
            # tịch nước X", "(Do đồng chí X … đọc …)", "X đã dành cho Báo … cuộc phỏng vấn"), and, when the text
            # addresses its audience ("Kính thưa …"), the person it names first.
            "authored": float(authored),
            "address_first": float(address and order == 0),
            "authored_address": float(authored and address),
            **_words_around(text, placed),
        }
        evidence = f"{len(ms)} mentions, score {scores[key]:.1f}; e.g. “{_snippet(text, ms)}”"
        candidates.append(SpeakerCandidate(key, people[key], features, evidence))
    return candidates, rule, list(people.values())


def _words_around(text: str, mentions: list[Mention]) -> dict[str, float]:
    """The words right around a person's mentions, as features the model weighs itself: the first one and two
    after the name and its title ("next:tiếp", "next2:phát biểu"), the one before its title ("prev:của").
    The trainer keeps the words seen around enough candidates (``MIN_WORD_ROWS``); the rest weigh nothing."""
    words: dict[str, float] = {}
    for m in mentions:
        tail = text[m.end:m.end + 80]
        if m.title_after and (at := tail.find(m.title_after)) != -1:
            tail = tail[at + len(m.title_after):]
        after = LETTERS.findall(tail.lower(), 0, 40)[:2]
        if after:
            words[f"next:{after[0]}"] = 1.0
        if len(after) == 2:
            words[f"next2:{after[0]} {after[1]}"] = 1.0
        start = text.rfind(m.title_before, max(0, m.start - 200), m.start) if m.title_before else m.start
        before = LETTERS.findall(text[max(0, start - 40):max(0, start)].lower())
        if before:
            words[f"prev:{before[-1]}"] = 1.0
    return words


def _rule_speaker(text: str, ranked: list[str], scores: dict[str, float], by_key: dict[str, list[Mention]],
                  people: dict[str, Person]) -> Finding:
    """The hand-written rules' speaker: the best-scored person reported acting."""
    if not ranked:
        if not people:  # nobody named with a rank or an office: nobody to have missed
            return Finding(None, "no named person with a rank or office in the text", 0.9)
        return Finding.none("people are named but none is reported speaking or directing")
    best = ranked[0]
    runner_up = max((scores[k] for k in scores if k != best), default=0.0)
    confidence = min(0.95, 0.5 + (scores[best] - runner_up) / (scores[best] + 1) / 2)
    evidence = f"{len(by_key[best])} mentions, score {scores[best]:.1f}; e.g. “{_snippet(text, by_key[best])}”"
    if not any(_words_reported(text, m) for m in by_key[best]):
        # Chairing, visiting, receiving, attending: present, but no words or directions of theirs reported —
        # often the speaker still, often not: for the editor to check.
        confidence = min(confidence, 0.6)
        evidence += " (present, but none of their words reported)"
    return Finding(people[best], evidence, round(confidence, 2))


def find_people(doc: RawDocument) -> tuple[Finding, list[Person]]:
    """The main speaker (Finding of Person or None) and everyone else named.

    Every person named is a candidate; a logistic model (``model.py``, trained on the annotated development
    pages) weighs what the text says around their mentions — the hand-written rules' scores and pick among
    them — and the likeliest is the speaker when its probability passes the model's threshold.  The
    probability is the field's confidence."""
    candidates, rule, people = speaker_candidates(doc)
    if not candidates:
        return rule, people
    weighed = [(probability("speaker", c.features), c) for c in candidates]
    chance, best = max(weighed, key=lambda pair: pair[0])
    author = next(((p, c) for p, c in weighed if c.features["authored_address"] and c.features["address_first"]),
                  None)
    if author is not None and (author[1] is best or chance < threshold("speaker")):  # (unless sure of someone else)
        # A speech or a letter given in full ("toàn văn Thư chúc Tết … của Chủ tịch nước X. Thưa đồng bào …") is its
        # author's words: so on 14 of the 15 development pages, however seldom the model has seen it.
        sure, text_author = author
        return (Finding(text_author.person, text_author.evidence, max(round(sure, 2), _TEXT_IN_FULL)),
                [p for p in people if p != text_author.person])
    said = _said_in_headline(doc, candidates) if chance < threshold("speaker") else None
    if said is not None:
        # "Thủ tướng Phạm Minh Chính: Sóc Trăng phải tập trung …": the headline gives this person's words (so on
        # 3 of 3 development pages; flagged, for so few).
        return (Finding(said.person, f"the headline gives their words ({said.evidence})", _HEADLINE_WORDS),
                [p for p in people if p != said.person])
    if chance < threshold("speaker"):
        reason = rule.evidence if rule.value is None else "people are named, none surely the one reported speaking"
        return Finding(None, f"{reason} (likeliest: {best.person.name}, {chance:.2f})", round(1 - chance, 2)), people
    return Finding(best.person, best.evidence, round(chance, 2)), [p for p in people if p != best.person]


_TEXT_IN_FULL = 0.93  # its author, measured on the development pages (14 of 15)
_HEADLINE_WORDS = 0.75


def _said_in_headline(doc: RawDocument, candidates: list[SpeakerCandidate]) -> SpeakerCandidate | None:
    """The person whose words a headline gives after their name and a colon ("Office Name: words")."""
    headline = _headline(doc)
    if ":" not in headline:
        return None
    said = headline[:headline.index(":")].rstrip()
    return next((c for c in candidates if len(c.person.name.split()) >= 2 and said.endswith(c.person.name)), None)


# What a person said or directed (not only that they chaired, visited, received or attended).
_WORDS = re.compile(r"\b(phát biểu|kết luận|yêu cầu|nhấn mạnh|chỉ đạo|đề nghị|cho biết|khẳng định|nêu rõ|đánh giá|"
                    r"cho rằng|nói|chia sẻ|trả lời|giải trình|bày tỏ|tuyên bố|kêu gọi|lưu ý|đề xuất|thông tin|"
                    r"thông báo|trình bày|báo cáo|cam kết|mong muốn|phân tích|nhận định|cảnh báo|khuyến cáo|"
                    r"hướng dẫn|quán triệt|giao nhiệm vụ|cho hay|chất vấn|kiến nghị|nhắc nhở|biểu dương|ghi nhận|"
                    r"chúc mừng|động viên|gợi ý|thừa nhận|xác nhận|hứa|khuyên|chia buồn|gửi thư|gửi điện|"
                    r"diễn văn|công điện|căn dặn|dặn dò|nhắn nhủ|điểm lại|tuyên thệ|giải thích|lý giải|ca ngợi|kỳ vọng|"
                    r"đề cập|gửi lời|nhắc lại|truyền đạt)\b|[“\"]",
                    re.IGNORECASE)


_AUTHORED_BEFORE = re.compile(r"\b(?:toàn văn|bài phát biểu|diễn văn|tham luận|bài viết|thư chúc (?:tết|mừng)|bức thư|lá thư|thư gửi|phỏng vấn|"
                              r"trao đổi với|trò chuyện với|bài nói)\b[^.;!?\n“”\"]{0,90}\Z", re.IGNORECASE)
_AUTHORED_AFTER = re.compile(r"[^.;!?\n“”\"]{0,100}?\b(?:trả lời phỏng vấn|cuộc phỏng vấn|đọc|trò chuyện)\b", re.IGNORECASE)
_ACCUSED = re.compile(r"\b(?:bị cáo|bị can|nghi phạm|nghi can|đối tượng|nạn nhân|tử tù|phạm nhân|bị hại)\s*(?:là\s*)?"
                      r"(?:ông|bà|anh|chị)?\s*\Z", re.IGNORECASE)
_ADDRESS = re.compile(r"^\s*(?:Kính thưa|Thưa)\s", re.MULTILINE)


_CEREMONY = re.compile(r"[^.;:\n“\"]{0,40}?\b(?:tiếp|đón|hội kiến|thăm|dự|tham dự|gặp|chứng kiến|trao|tặng|dâng hương|"
                       r"viếng)\b", re.IGNORECASE)


def _authored(text: str, mention: Mention) -> bool:
    """Whether the sentence around a mention gives the person's speech, letter or interview."""
    start = sentence_start(text, mention.start)
    return bool(_AUTHORED_BEFORE.search(text, start, mention.start) or _AUTHORED_AFTER.match(text, mention.end))


def _words_reported(text: str, mention: Mention) -> bool:
    """Whether the sentence around a mention reports the person's words or directions."""
    start = sentence_start(text, mention.start)
    ends = [i for i in (text.find(". ", mention.end), text.find("\n", mention.end)) if i >= 0]
    if _ACCORDING.match(text[start:mention.start]):
        return True  # "Theo Chủ tịch UBND TP Huỳnh Đức Thơ, lễ hội năm nay …": the sentence is theirs
    if _COLON_WORDS.match(text, mention.end):
        return True  # "Thủ tướng Nguyễn Xuân Phúc: Hà Nội có bước phát triển": their words, as headlines set them
    return bool(_WORDS.search(text, start, min(ends) if ends else len(text)))


# A colon right after the name (and its title, a few words): what follows is theirs.
_COLON_WORDS = re.compile(r"(?:\s*,\s*[^.:;\n“\"]{0,60}?)?\s*:\s*[^\W\d_]")  # (a title after a comma)
# "Theo" and a title run up to the name (no comma: "Theo kế hoạch, Bộ trưởng X …" is not X's word; but ranks
# may come in a list, "Theo Tiến sĩ, bác sĩ X").
_ACCORDING = re.compile(rf"\s*[-–(]?\s*Theo\s+(?:{RANK_RX},\s*)*[^,;:.]{{0,80}}\Z")


def _shifted(mention: Mention) -> Mention:
    """A caption mention placed before the text, so any later reference may resolve to it."""
    return Mention(mention.name, mention.title_before, mention.title_after, -1, -1, 0.0)


def _snippet(text: str, mentions: list[Mention]) -> str:
    best = max(mentions, key=lambda m: m.score)
    return text[max(0, best.start - 40):best.end + 60].replace("\n", " ").strip()
