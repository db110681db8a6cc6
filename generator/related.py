"""Related articles and speaker profiles: functions of the model, computed before rendering.

Related articles share distinctive words (idf-weighted, from title, summary,
tags, speaker and place) — an inverted-index more-like-this that stays linear
in the archive size.  A speaker profile lists the titles a person held over time
and their direct quotes.
"""
from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass

from .analyzer import folded_tokens
from .model import Article, Term
from .text import name_key

RELATED_COUNT = 4
_MAX_TERM_SHARE = 0.05    # words in more than 5 % of articles say nothing about likeness
_MAX_TERM_POSTINGS = 100  # … nor do words shared by hundreds of articles in a big archive
_TERMS_PER_ARTICLE = 20
_QUOTE = re.compile(r"[“\"]([^”\"\n]{30,600})[”\"]")
# Words that introduce someone's own words; a slogan or a campaign name in quotes is not a quote of theirs.
_VERBS = r"(nêu rõ|nhấn mạnh|nói|khẳng định|cho biết|yêu cầu|phát biểu|chỉ đạo|kết luận|đề nghị|lưu ý|bày tỏ)"
_SAID_BEFORE = re.compile(_VERBS + r"[^.“”\"]{0,30}:\s*\Z|:\s*\Z")
_SAID_AFTER = re.compile(r"\s*[,–-]\s*[^.“”\"]{0,60}\b" + _VERBS)


def _signature(article: Article) -> set[str]:
    text = " ".join([article.title, article.summary, " ".join(article.tags), article.speaker or "",
                     article.location or "", article.body_text[:800]])
    words = folded_tokens(text)
    terms = set(words)
    terms.update(f"{a} {b}" for a, b in zip(words, words[1:]))
    terms.update(f"#tag:{name_key(t)}" for t in article.tags)
    if article.speaker:
        terms.add(f"#speaker:{name_key(article.speaker)}")
    return {t for t in terms if not t.isdigit()}


def related_articles(articles: tuple[Article, ...], count: int = RELATED_COUNT) -> dict[str, tuple[Article, ...]]:
    """For every article (by URL), the ``count`` most alike others."""
    signatures = [_signature(a) for a in articles]
    postings: dict[str, list[int]] = defaultdict(list)
    for number, terms in enumerate(signatures):
        for term in terms:
            postings[term].append(number)
    total = len(articles)
    limit = max(2, min(_MAX_TERM_POSTINGS, int(total * _MAX_TERM_SHARE)))
    weight = {t: math.log(total / len(ids)) for t, ids in postings.items() if 1 < len(ids) <= limit}
    result: dict[str, tuple[Article, ...]] = {}
    for number, terms in enumerate(signatures):
        scores: dict[int, float] = defaultdict(float)
        # Only the article's most distinctive words: linear in the archive size, not quadratic.
        distinctive = sorted((t for t in terms if t in weight), key=lambda t: (-weight[t], t))[:_TERMS_PER_ARTICLE]
        for term in distinctive:
            w = weight[term]
            for other in postings[term]:
                if other != number:
                    scores[other] += w
        best = sorted(scores, key=lambda o: (-scores[o], o))[:count]
        result[articles[number].url] = tuple(articles[o] for o in best)
    return result


@dataclass(frozen=True)
class TitleSpan:
    """A title a speaker held, and the dates of the first and last article using it."""

    title: str
    first: Article
    last: Article


@dataclass(frozen=True)
class Quote:
    """A direct quote of a speaker, with the article it comes from."""

    text: str
    article: Article


def titles_over_time(term: Term) -> list[TitleSpan]:
    """Distinct titles of a speaker, oldest first (``Trung tướng`` in 2020, ``Thượng tướng`` in 2021)."""
    spans: dict[str, list[Article]] = defaultdict(list)
    for article in sorted(term.articles, key=lambda a: a.sort_key, reverse=True):
        if article.speaker_title:
            spans[article.speaker_title].append(article)
    return [TitleSpan(title, found[0], found[-1]) for title, found in spans.items()]


def quotes_of(term: Term, limit: int = 20) -> list[Quote]:
    """Direct quotes (“…”) from paragraphs of the speaker's articles that name them."""
    given = term.name.split()[-1]
    found: list[Quote] = []
    for article in term.articles:
        office = (article.speaker_title or "").split(",")[-1].strip().split(" ")[0:2]
        cues = {term.name, given, " ".join(office)} - {""}
        for paragraph in article.body_text.split("\n"):
            if not any(cue in paragraph for cue in cues):
                continue
            for match in _QUOTE.finditer(paragraph):
                before = paragraph[max(0, match.start() - 80):match.start()]
                after = paragraph[match.end():match.end() + 80]
                said = _SAID_BEFORE.search(before) or _SAID_AFTER.match(after)
                if said and len(match.group(1).split()) >= 8:
                    found.append(Quote(match.group(1).strip(), article))
        if len(found) >= limit:
            break
    return found[:limit]
