"""People in an article: names with their rank and office, and the main speaker.

A name is a Vietnamese family name followed by one to three capitalised
syllables.  A title is the run of rank and office words before the name
(``Đại tướng Tô Lâm``) or the office segments after it (``Tô Lâm, Bộ trưởng
Bộ Công an``).  The speaker is the person whose words or directions the
article reports most: speech verbs count, attending or being thanked doesn't.
Vocabulary lives in ``data/people.yaml``.
"""
from __future__ import annotations

import functools
import math
import re
from collections import defaultdict
from dataclasses import dataclass

from ..lang.gazetteer import canonical_place, province_spans
from ..lang.text import matches_at_word_start, name_key
from .blocks import RawDocument
from .finding import Finding
from .model import probability, threshold
from .names import SURNAMES as _SURNAMES, VOCAB as _VOCAB, foreign_names


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _ci_first(words) -> list[str]:
    """Each phrase also with a lower-case first letter (``thượng tá`` mid-sentence)."""
    return [v for w in words for v in (w, w[:1].lower() + w[1:], w[:1].upper() + w[1:])]


RANKS = tuple(_VOCAB["ranks"])
_RANK_RX = _alternation(_ci_first(RANKS))
_OFFICE_RX = _alternation(_ci_first(_VOCAB["offices"]))
_TITLE_RX = f"(?:{_RANK_RX}|{_OFFICE_RX})"
_TITLE_WORD = re.compile(rf"^{_TITLE_RX}(?![\w])")
_HONORIFIC = re.compile(r"(?:^|[\s(“\"])(?:" + _alternation(_ci_first(_VOCAB["honorifics"])) + r")\s*\Z")
# Every family name starts a candidate of up to four words (found overlapping, with matches_at_word_start).
_NAME = re.compile(r"((?:" + _alternation(_SURNAMES) + r")(?: [^\W\d_]+){1,3})")
# "ông Kpă Thuyên": after an honorific, two to four capitalised words are a name whatever the family name.
_HONORED_NAME = re.compile(r"(?:ông|bà|Ông|Bà|đồng chí|Đồng chí)\s+((?:[A-ZĐÀÁẢÃẠÂĂÈÉÊÌÍÒÓÔƠÙÚƯỲÝ][^\s,.;:()“”\"]*)"
                           r"(?: [A-ZĐÀÁẢÃẠÂĂÈÉÊÌÍÒÓÔƠÙÚƯỲÝ][^\s,.;:()“”\"]*){1,3})")
_PLACE_UNIT = re.compile(r"(?:\b(?:TP|Tp|tỉnh|huyện|quận|xã|phường|thị xã|thị trấn|thành phố|Thành phố|làng|thôn|"
                         r"đường|phố|sông|núi|chùa|đền)\s*\.?\s*|TP\.)\Z")
# A capitalised word that ends a name: it starts an office, a unit or a new phrase.
_NOT_NAME_PART = set(
    "Bộ Ủy Uỷ Ban Sở Cục Đảng Tỉnh Huyện Xã Phường Ảnh Tại Theo Sáng Chiều Tối Ngày Covid COVID UBND HĐND "
    "Viện Tòa Phòng Tiểu Chủ Phó Giám Bí Thứ Tổng Chánh Trưởng Cục".split()
)
# Given names that also start compounds: a stop only when the compound follows.
_COMPOUNDS = {
    "Trung tướng", "Trung tá", "Trung ương", "Thành phố", "Thành ủy", "Chính phủ", "Chính trị", "Quốc hội",
    "Quốc gia", "Văn phòng", "Trưởng ban", "Trường Đại", "Người phát", "Thủ tướng", "Thủ trưởng",
    "Đại tướng", "Đại tá", "Đại úy", "Đại biểu", "Đại hội", "Đại học", "Đại sứ", "Đại đoàn", "Thượng tướng",
    "Thượng tá", "Thượng úy", "Thiếu tướng", "Thiếu tá", "Thiếu úy", "Công an", "Công ty", "Công đoàn",
    "Công nghệ", "Công Thương", "Công thương", "Nhà nước", "Nhà máy", "Hội nghị", "Hội đồng", "Hội Liên",
}
_SPEECH_VERBS = _alternation(_VOCAB["speech_verbs"])
_SPEECH_RX = re.compile(r"^(?:(?!\.\s)[^;:“\"]){0,90}?(?<![\w])(?:" + _SPEECH_VERBS + r")(?![\w])(?! riêng| chung)",
                        re.IGNORECASE)
_LEAD_SPEECH = re.compile(r"^(Phát biểu|Kết luận|Chỉ đạo|Nhấn mạnh|Trả lời|Chia sẻ)\b[^.]{0,160}$", re.IGNORECASE)
_PASSIVE = re.compile(
    r"(?<![\w])(có|dự|tham dự|cùng dự|có sự tham dự của|sự có mặt của|cảm ơn|tiếp|đón|do|của|theo chỉ đạo của|"
    r"Lời kêu gọi của|và|với|đối với|mừng|chào mừng|tặng hoa|gửi|lên)\s*(các\s+)?(đồng chí\s*:?\s*)?$",
    re.IGNORECASE,
)
# "kết luận của Chủ tịch X" reports X's words; "chỉ đạo của X" usually cites an earlier order.
# "(bài) phát biểu bế mạc Kỳ họp thứ 8 của X", "những chia sẻ của X", "Đây là khẳng định của X".
_WORDS_OF = re.compile(r"\b(kết luận|phát biểu|chia sẻ|khẳng định|diễn văn|ý kiến|trả lời)\b[^.;:!?“”\"]{0,60}? của\s*\Z",
                       re.IGNORECASE)
_ACCORDING_TO = re.compile(r"^\s*Theo\s*(?:ông|bà|đồng chí)?\s*\Z", re.IGNORECASE)
_LED_BY = re.compile(r"\bdo\s*$", re.IGNORECASE)  # "do Thứ trưởng X dẫn đầu": led by X
_AGENT = re.compile(r"\bđược\s*$", re.IGNORECASE)  # "được Bí thư X nêu": said by X
_TITLE_STOP = re.compile(r"\s(?:đồng chủ trì|đã|đang|sẽ|cũng|được|vừa|và|tới|đến|tặng|trao|dự|tham dự|có|là|về|"
                         + _SPEECH_VERBS + r")(?![\w])")
# Four lower-case words in a row: the title has ended and prose begun.
_LOWER_RUN = re.compile(r"(?:\s+[a-zđàáảãạăắằẳẵặâấầẩẫậèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ][^\s,]*){4}")
_QUOTE_BEFORE = re.compile(r"[”\"]\s*[-–—,]?\s*\Z")
_QUOTE_AFTER = re.compile(r"^\s*[:,-–]?\s*[“\"]")
_NATIONAL = re.compile(r"(?:^|,\s*)(?:" + _alternation(_VOCAB["national_offices"]) + r")(?![\w])")


def _reports_speech(clause: str) -> bool:
    """Does the text right after a name report what the person said or did?

    Commas may separate the name from its verb only inside a title-like run
    (``X, Trưởng phòng CSGT (PC67), CATP Hà Nội kiến nghị``), not across prose.
    """
    match = _SPEECH_RX.match(clause)
    if not match:
        return False
    before_verb = re.sub(r"\([^()]*\)", "", clause[: match.end()].rsplit(" ", 1)[0])
    return "," not in before_verb or not _LOWER_RUN.search(before_verb)


@dataclass(frozen=True)
class Person:
    """A named person with the title the article gives (rank + office)."""

    name: str
    title: str | None


@dataclass(frozen=True)
class Mention:
    """One occurrence of a named person, with the title around it and a speaker score."""

    name: str
    title_before: str
    title_after: str
    start: int
    end: int
    score: float
    quoted: bool = False  # named inside someone else's quotation


def _title_before(text: str, start: int) -> str:
    window = text[max(0, start - 160):start]
    tail = re.split(r"[;:“”\"()]|\.\s|\s[-–]\s|\s(?:và|cùng|với)\s", window)[-1]
    tail = re.sub(r"(?:^|\s)(?:đồng chí|Đồng chí|ông|Ông|bà|Bà)\s*$", "", tail)
    # The title is the run of office words right before the name: no prose in between.
    for match in re.finditer(rf"(?<![\w]){_TITLE_RX}(?![\w])", tail):
        candidate = tail[match.start():]
        if not _LOWER_RUN.search(candidate) and not _TITLE_STOP.search(candidate):
            return candidate.strip(" ,-–")
    return ""


def _title_after(text: str, end: int) -> str:
    rest = text[end:end + 240]
    m = re.match(r"\s*(?:,|\s[-–]|\()\s*", rest)
    if not m:
        return ""
    rest = rest[m.end():]
    stop = re.search(r"\s[-–]\s|[;:()“\"]|\.(?:\s|$)|\s[-–]$", rest)
    chunk = rest[: stop.start()] if stop else rest
    for pattern in (_TITLE_STOP, _LOWER_RUN):
        cut = pattern.search(chunk)
        chunk = chunk[: cut.start()] if cut else chunk
    segments = []
    for segment in chunk.split(","):
        segment = segment.strip()
        if not _TITLE_WORD.match(segment):
            break
        segments.append(segment)
    return ", ".join(segments)


def _clean_title(before: str, after: str) -> str:
    kept: list[str] = []
    for piece in (p.strip() for p in before.split(",") + after.split(",")):
        if piece and not re.match(r"^(Ủy viên|Uỷ viên|thành viên|Thành viên|Đại biểu Quốc hội)\b", piece) \
                and piece not in kept:
            kept.append(piece[:1].upper() + piece[1:])
    return ", ".join(kept)


def _name_at(text: str, candidate: str, end_of_match: int) -> str | None:
    tokens = candidate.split(" ")
    parts: list[str] = []
    for i, part in enumerate(tokens):
        following = tokens[i + 1] if i + 1 < len(tokens) else (text[end_of_match:].split(" ", 2)[1:2] or [""])[0]
        if not part[:1].isupper() or (parts and part in _NOT_NAME_PART) or (parts and f"{part} {following}" in _COMPOUNDS):
            break
        if parts and part.isupper() and len(part) > 1:  # an acronym (UBND, TP) is not a syllable of a name
            break
        parts.append(part)
    return " ".join(parts) if len(parts) >= 2 else None


_BAPTISMAL = re.compile(r"(?<![\w])(Giuse|Phaolô|Phêrô|Gioan|Antôn|Giacôbê|Micae|Đaminh|Phanxicô|Anrê|Tôma|Matthêu|"
                        r"Luca|Marcô|Maria|Têrêsa|Anna|Inhaxiô|Vinh Sơn|Gioakim|Augustinô)\s\Z")
_EUROPE = re.compile(r"(?:[cC]hâu|Đông|Tây|Bắc|Nam)\s+\Z")


def find_mentions(text: str) -> list[Mention]:
    """Every person mention with its title and a speaker score."""
    places = [(s, e) for s, e, _ in province_spans(text)]
    mentions: list[Mention] = []
    taken_until = -1
    surnamed = [(m.start(), m.group(1)) for m in matches_at_word_start(_NAME, text, overlapping=True)]
    full_names = " | ".join(c for _, c in surnamed)
    # Unknown family names only: "ông Xuân Anh" is Nguyễn Xuân Anh's given name, not another person.
    honored = [(m.start(1), m.group(1)) for m in matches_at_word_start(_HONORED_NAME, text)
               if m.group(1).split()[0] not in _SURNAMES and " " + " ".join(m.group(1).split()[:2]) not in full_names]
    candidates = sorted(surnamed + honored + foreign_names(text))
    quoted = [(m.start(), m.end()) for m in re.finditer(r"“[^”]{10,}”|\"[^\"\n]{10,}\"", text)]
    for start, candidate in candidates:
        if start < taken_until or any(s <= start < e for s, e in places):
            continue
        if candidate.startswith("Âu ") and _EUROPE.search(text, max(0, start - 6), start):
            continue  # "Liên minh châu Âu Herman Van Rompuy": Europe, then the name
        name = _name_at(text, candidate, start + len(candidate))
        if name and (canonical_place(name) or canonical_place(" ".join(name.split()[:2]))):
            continue  # "Thái Lan (Prayut …)", "Hà Lan": a country, not a person of the family Thái or Hà
        unit = _PLACE_UNIT.search(text[max(0, start - 12):start])
        if unit and (not _title_before(text, start) or unit.group(0).endswith(".")
                     or len((name or "").split()) < 3):
            continue  # "ở TP.Phan Thiết", "UBND TP Hội An": a place ("Chủ tịch UBND TP Nguyễn Thành Phong" is a person)
        if not name:
            continue
        end = start + len(name)
        baptismal = _BAPTISMAL.search(text, max(0, start - 12), start)
        if baptismal:  # "Giám mục Phaolô Nguyễn Thái Hợp": a Catholic's name begins with the saint's
            start, name = baptismal.start(), f"{baptismal.group(1)} {name}"
        before, after = _title_before(text, start), _title_after(text, end)
        if not before and not after and not _HONORIFIC.search(text[max(0, start - 12):start]):
            continue
        taken_until = end
        score = _score(text, start, end, before, after)
        inside = any(q_start < start < q_end for q_start, q_end in quoted)
        if inside:
            score = min(score, 0.5)  # named inside a quotation: reported by someone else
        mentions.append(Mention(name, before, after, start, end, score, inside))
    return mentions


def _sentence_start(text: str, pos: int) -> int:
    return max(text.rfind(". ", 0, pos), text.rfind("\n", 0, pos)) + 1


def _score(text: str, start: int, end: int, before: str, after: str) -> float:
    sentence_before = text[_sentence_start(text, start):start]
    prefix = sentence_before[: len(sentence_before) - len(before)] if before and sentence_before.endswith(before) \
        else re.sub(rf"{_TITLE_RX}[^,]*$", "", sentence_before)
    prefix = re.sub(r"(?:đồng chí|Đồng chí|ông|Ông|bà|Bà)\s*$", "", prefix).rstrip()
    tail = text[end:]
    if after:
        position = tail.find(after)
        tail = tail[position + len(after):] if position != -1 else tail
    tail = re.sub(r"^[\s,–-]+|^\([^)]{0,60}\)\s*", "", tail)
    clause = tail[:160]
    if _LED_BY.search(prefix) and re.search(r"\b(dẫn đầu|chủ trì|làm trưởng đoàn)\b", clause):
        return 4.0
    if _AGENT.search(prefix):
        return 3.0 if _reports_speech(clause) else 0.5
    if _QUOTE_BEFORE.search(prefix):
        return 4.0
    if _WORDS_OF.search(prefix):
        return 3.0  # "kết luận của Chủ tịch X": the conclusions are X's
    if _PASSIVE.search(prefix):
        return 0.2
    score = 0.5  # a plain mention: the article's subject is not necessarily its speaker
    if _reports_speech(clause):
        score += 3
    if _QUOTE_AFTER.match(tail):
        score += 2
    if _LEAD_SPEECH.match(sentence_before.strip()) or _ACCORDING_TO.match(prefix):
        score += 3
    if re.match(r"\s*đồng chủ trì\b", clause):
        score -= 1
    return score


@functools.lru_cache(maxsize=1)
def _bare_reference() -> re.Pattern[str]:
    return re.compile(
        rf"(?<![\w])(?<!Ban )(?<!ban )(?:(?:đồng chí|Đồng chí)\s+)?(?P<office>{_OFFICE_RX})(?:\s+[^\s,.;:]+){{0,4}}?"
        rf"(?=\s+(?:cũng\s+|đã\s+)?(?:{_SPEECH_VERBS})(?![\w]))"
        rf"|(?<![\w])(?P<honor>ông|Ông|bà|Bà)\s+(?P<given>[A-ZĐÀ-Ỹ][^\s,.;:]*(?: [A-ZĐÀ-Ỹ][^\s,.;:]*)?)"
        rf"(?=\s+(?:cũng\s+|đã\s+)?(?:{_SPEECH_VERBS})(?![\w]))",
    )


def _bare_reference_credits(text: str, mentions: list[Mention], fallback: list[Mention]) -> dict[str, float]:
    """Credit "Bộ trưởng nêu rõ" / "ông Hạnh nói" to the named person meant."""
    credits: dict[str, float] = defaultdict(float)
    named_spans = [(m.start, m.end) for m in mentions]
    for m in _bare_reference().finditer(text):
        if any(s <= m.start() < e or m.start() <= s < m.end() for s, e in named_spans):
            continue
        if _PASSIVE.search(text[max(0, m.start() - 40):m.start()].rstrip()):
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


def _prose(doc: RawDocument) -> tuple[str, int]:
    """The text people are looked for in, and where its lead paragraph ends."""
    blocks = doc.text_blocks("para", "title", "heading") or doc.text_blocks("caption")
    text = "\n".join(b.text for b in blocks)
    first_para = next((b.text for b in blocks if b.kind in ("para", "caption")), "")
    lead_end = text.find(first_para) + len(first_para) if first_para else 0
    return text, lead_end


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
    mentions = find_mentions(text)
    captions = "\n".join(b.text for b in doc.text_blocks("caption"))
    caption_mentions = find_mentions(captions) if captions and captions not in text else []
    by_key = _group(mentions)
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
        national[key] = bool(_NATIONAL.search(_clean_title(ms[0].title_before, ms[0].title_after)))
        if key in active and national[key]:
            scores[key] += 1
    people = {k: _person(ms) for k, ms in by_key.items()}
    for key, ms in _group(caption_mentions).items():
        people.setdefault(key, _person(ms))
    ranked = sorted(active, key=lambda k: (-scores[k], by_key[k][0].start))
    rule = _rule_speaker(text, ranked, scores, by_key, people)
    headline = " ".join(b.text for b in doc.text_blocks("title"))
    total = sum(max(0.0, v) for v in scores.values()) or 1.0
    candidates = []
    for order, (key, ms) in enumerate(sorted(by_key.items(), key=lambda item: item[1][0].start)):
        placed = [m for m in ms if m.start >= 0]
        words = any(_words_reported(text, m) for m in placed)
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
            # … whose words are reported only through their office ("Thủ tướng phát biểu …")
            "credited_alone_only": float(bool(credits.get(key)) and len(by_key) == 1 and not words),
            "national": float(national[key]), "titled": float(any(m.title_before or m.title_after for m in ms)),
            "caption_only": float(not placed), "passive": sum(m.score <= 0.2 for m in ms) / len(ms),
            "quoted": sum(m.quoted for m in ms) / len(ms),
            "n_people": math.log1p(len(by_key)), "n_active": math.log1p(len(active)),
            "foreign": float(ms[0].name.split()[0] not in _SURNAMES),
        }
        evidence = f"{len(ms)} mentions, score {scores[key]:.1f}; e.g. “{_snippet(text, ms)}”"
        candidates.append(SpeakerCandidate(key, people[key], features, evidence))
    return candidates, rule, list(people.values())


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
    chance, best = max(((probability("speaker", c.features), c) for c in candidates), key=lambda pair: pair[0])
    if chance < threshold("speaker"):
        reason = rule.evidence if rule.value is None else "people are named, none surely the one reported speaking"
        return Finding(None, f"{reason} (likeliest: {best.person.name}, {chance:.2f})", round(1 - chance, 2)), people
    return Finding(best.person, best.evidence, round(chance, 2)), [p for p in people if p != best.person]


# What a person said or directed (not only that they chaired, visited, received or attended).
_WORDS = re.compile(r"\b(phát biểu|kết luận|yêu cầu|nhấn mạnh|chỉ đạo|đề nghị|cho biết|khẳng định|nêu rõ|đánh giá|"
                    r"cho rằng|nói|chia sẻ|trả lời|giải trình|bày tỏ|tuyên bố|kêu gọi|lưu ý|đề xuất|thông tin|"
                    r"thông báo|trình bày|báo cáo|cam kết|mong muốn|phân tích|nhận định|cảnh báo|khuyến cáo|"
                    r"hướng dẫn|quán triệt|giao nhiệm vụ|cho hay|chất vấn|kiến nghị|nhắc nhở|biểu dương|ghi nhận|"
                    r"chúc mừng|động viên|gợi ý|thừa nhận|xác nhận|hứa|khuyên|chia buồn|gửi thư|gửi điện)\b|[“\"]",
                    re.IGNORECASE)


def _words_reported(text: str, mention: Mention) -> bool:
    """Whether the sentence around a mention reports the person's words or directions."""
    start = max(text.rfind(". ", 0, mention.start), text.rfind("\n", 0, mention.start)) + 1
    ends = [i for i in (text.find(". ", mention.end), text.find("\n", mention.end)) if i >= 0]
    return bool(_WORDS.search(text, start, min(ends) if ends else len(text)))


def _shifted(mention: Mention) -> Mention:
    """A caption mention placed before the text, so any later reference may resolve to it."""
    return Mention(mention.name, mention.title_before, mention.title_after, -1, -1, 0.0)


def _group(mentions: list[Mention]) -> dict[str, list[Mention]]:
    grouped: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        grouped[name_key(mention.name)].append(mention)
    return grouped


def _person(mentions: list[Mention]) -> Person:
    title = max((_clean_title(m.title_before, m.title_after) for m in mentions), key=len)
    rank = next((r for m in mentions for r in RANKS if m.title_before.lower().startswith(r.lower())), None)
    if rank and not title.lower().startswith(rank.lower()):
        title = f"{rank}, {title}" if title else rank
    return Person(mentions[0].name, title or None)


def short_office(title: str | None) -> str | None:
    """The office word of a title, without rank or institution (``Bộ trưởng``)."""
    for segment in (title or "").split(","):
        segment = segment.strip()
        if any(segment.lower() == r.lower() for r in RANKS):
            continue
        match = re.match(rf"{_OFFICE_RX}(?![\w])", segment)
        if match:
            return match.group(0)
    return None


def _snippet(text: str, mentions: list[Mention]) -> str:
    best = max(mentions, key=lambda m: m.score)
    return text[max(0, best.start - 40):best.end + 60].replace("\n", " ").strip()
