"""Speaker profiles: the titles a person held over time and their direct quotes, functions of the model."""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from ..content.article import Article
from .model import Term

_QUOTE = re.compile(r"[“\"]([^”\"\n]{30,600})[”\"]")
# Words that introduce someone's own words; a slogan or a campaign name in quotes is not a quote of theirs.
_VERBS = r"(nêu rõ|nhấn mạnh|nói|khẳng định|cho biết|yêu cầu|phát biểu|chỉ đạo|kết luận|đề nghị|lưu ý|bày tỏ)"
_SAID_BEFORE = re.compile(_VERBS + r"[^.“”\"]{0,30}:\s*\Z|:\s*\Z")
_SAID_AFTER = re.compile(r"\s*[,–-]\s*[^.“”\"]{0,60}\b" + _VERBS)


@dataclass(frozen=True)
class TitleSpan:
    """A title a speaker held: the first and last dated article using it (None: only undated ones), and how
    many articles use it, how many of them undated."""

    title: str
    first: Article | None
    last: Article | None
    count: int = 0
    undated: int = 0


@dataclass(frozen=True)
class Quote:
    """A direct quote of a speaker, with the article it comes from."""

    text: str
    article: Article


def titles_over_time(term: Term) -> list[TitleSpan]:
    """Distinct titles of a speaker in date order (``Trung tướng`` in 2020, ``Thượng tướng`` in 2021), each
    from its first to its last dated article; titles only undated articles use come last."""
    dated: dict[str, list[Article]] = defaultdict(list)
    undated: dict[str, int] = defaultdict(int)
    for article in sorted(term.articles, key=lambda a: a.sort_key, reverse=True):  # (oldest first)
        if not article.speaker_title:
            continue
        if article.date is None:
            undated[article.speaker_title] += 1
        else:
            dated[article.speaker_title].append(article)
    spans = [TitleSpan(title, found[0], found[-1], len(found) + undated[title], undated[title])
             for title, found in dated.items()]
    spans.sort(key=lambda span: span.first.sort_key, reverse=True)
    return spans + [TitleSpan(title, None, None, count, count) for title, count in undated.items() if title not in dated]


def quotes_of(term: Term, limit: int = 20, find=None) -> list[Quote]:
    """Direct quotes (“…”) from paragraphs of the speaker's articles that name them.  ``find``: what
    ``quotes_in`` returns (a memo of it, say)."""
    find = find or quotes_in
    found: list[Quote] = []
    for article in term.articles:
        found += find(article, term.name)
        if len(found) >= limit:
            break
    return found[:limit]


def quotes_in(article: Article, name: str) -> list[Quote]:
    """The direct quotes of the speaker ``name`` in one article's paragraphs that name them."""
    given = name.split()[-1]
    office = (article.speaker_title or "").split(",")[-1].strip().split(" ")[0:2]
    cues = {name, given, " ".join(office)} - {""}
    found: list[Quote] = []
    for paragraph in article.body_text.split("\n"):
        if not any(cue in paragraph for cue in cues):
            continue
        for match in _QUOTE.finditer(paragraph):
            before = paragraph[max(0, match.start() - 80):match.start()]
            after = paragraph[match.end():match.end() + 80]
            said = _SAID_BEFORE.search(before) or _SAID_AFTER.match(after)
            if said and len(match.group(1).split()) >= 8:
                found.append(Quote(match.group(1).strip(), article))
    return found


class Profiles:
    """Speaker profiles (titles over time, quotes), recomputed only when the speaker's articles change — and
    then the quotes of only the articles that changed are looked for again."""

    def __init__(self) -> None:
        self._profiles: dict[str, tuple[tuple[Article, ...], dict]] = {}
        self._quotes: dict[str, dict[str, list]] = {}  # speaker → article digest → its quotes of them

    def __call__(self, term) -> dict:
        cached = self._profiles.get(term.name)
        if cached and len(cached[0]) == len(term.articles) and all(a is b for a, b in zip(cached[0], term.articles)):
            return cached[1]
        known, used = self._quotes.get(term.name, {}), {}

        def find(article: Article, name: str) -> list:
            found = known.get(article.digest)  # (the digest determines everything parsed from the file)
            used[article.digest] = found = quotes_in(article, name) if found is None else found
            return found

        profile = {"titles": titles_over_time(term), "quotes": quotes_of(term, find=find)}
        self._profiles[term.name], self._quotes[term.name] = (term.articles, profile), used
        return profile
