"""Whoosh, behind one module: a persistent index for command-line search.

The index lives in ``.cache/whoosh`` and is updated per document (by content
hash): a search after an edit re-indexes only what changed.  It uses the same
analyzer as the browser index (folded tokens, ``generator.analyzer``), BM25F
with the same field weights, and the same extras: a document that uses the
query's exact marks, or has its words next to each other, ranks higher.
"""
from __future__ import annotations

import hashlib
import shutil
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from whoosh import index as windex
from whoosh import query as Q
from whoosh.analysis import Filter, RegexTokenizer
from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema
from whoosh.scoring import BM25F

from ..lang.analyzer import BREAK, tokens, tokens_and_pairs
from ..lang.text import fold, normalize, slugify
from ..site.model import Site
from .index import FIELD_BOOSTS, K1, B
from .terms import (abbreviation_terms, add_abbreviations, add_same_terms,
                    optional_words, query_terms, same_terms)

SCHEMA_VERSION = "4"  # 4: the terms a text gives beyond its words (``extra``); 3: no phrase across punctuation


class _Fold(Filter):
    def __call__(self, stream):
        for token in stream:
            token.text = fold(token.text)
            yield token


class _Exact(Filter):
    def __call__(self, stream):
        for token in stream:
            token.text = normalize(token.text).lower()
            yield token


class _Words(RegexTokenizer):
    """Words, with a gap in their positions at each phrase-ending punctuation (``analyzer.BREAK``): a phrase
    never matches across it, as in the browser's index."""

    def __init__(self) -> None:
        super().__init__(r"[^\W_]+")

    def __call__(self, value, positions=False, start_pos=0, **kwargs):
        breaks = [m.start() for m in BREAK.finditer(value)]
        kwargs.pop("chars", None)  # (character offsets are needed here, asked for or not)
        gap, seen = 0, 0
        for token in super().__call__(value, positions=positions, start_pos=start_pos, chars=True, **kwargs):
            while seen < len(breaks) and breaks[seen] < token.startchar:
                seen += 1
                gap += 1
            if positions:
                token.pos += gap
            yield token


def _analyzer(exact: bool = False):
    return _Words() | (_Exact() if exact else _Fold())


def _schema() -> Schema:
    fields = {name: TEXT(analyzer=_analyzer(), field_boost=boost) for name, boost in FIELD_BOOSTS.items()}
    return Schema(
        key=ID(unique=True, stored=True), digest=STORED, url=STORED, title_text=STORED, date=STORED,
        exact=TEXT(analyzer=_analyzer(exact=True)), extra=TEXT(analyzer=_analyzer()),
        tag=KEYWORD(commas=True, lowercase=False),
        speaker_slug=ID, location_slug=ID, year=ID, **fields,
    )


@dataclass(frozen=True)
class Hit:
    """One command-line search result."""

    score: float
    title: str
    url: str
    date: str


def _extra(fields: dict[str, str], abbreviations) -> str:
    """The terms the fields' text gives beyond its words, as the browser's index adds them
    (``generator/search/terms.py``): the glossary's abbreviation for its expansion and back, and one term
    (``tphcm``) for each spelling of it; each as often as it is written."""
    extra: Counter = Counter()
    for text in fields.values():
        words, adjacent = tokens_and_pairs(text)
        folded = [f for _, f in words]
        counts = Counter(folded)
        counts.update(adjacent)
        found: Counter = Counter()
        add_abbreviations(found, folded, counts, 1.0, abbreviations)
        add_same_terms(found, folded, counts, 1.0)
        extra.update({term: round(weight) for term, weight in found.items() if " " not in term})
    return " ".join(" ".join([term] * count) for term, count in sorted(extra.items()))


def _document(article, abbreviations) -> dict:
    text = article.body_text
    fields = {
        "title": article.title, "speaker": article.speaker or "", "tags": " ; ".join(article.tags),
        "location": article.location or "", "people": " ; ".join(p.name for p in article.people), "body": text,
    }
    extra = _extra(fields, abbreviations)
    digest = hashlib.sha256(repr(sorted(fields.items())).encode("utf-8") + article.url.encode()
                            + extra.encode("utf-8")).hexdigest()
    return dict(
        key=article.source_path, digest=digest, url=article.url, title_text=article.title, date=article.date_label,
        exact="\n".join(fields.values()), extra=extra, tag=",".join(slugify(t) for t in article.tags),
        speaker_slug=slugify(article.speaker) if article.speaker else "",
        location_slug=slugify(article.location) if article.location else "",
        year=str(article.date.year) if article.date else "", **fields,
    )


def update_index(site: Site, folder: Path):
    """Open (or create) the index in ``folder`` and bring it up to date with ``site``."""
    version_file = folder / "VERSION"
    if folder.exists() and (not version_file.exists() or version_file.read_text() != SCHEMA_VERSION):
        shutil.rmtree(folder)
    if not folder.exists():
        folder.mkdir(parents=True)
        windex.create_in(str(folder), _schema())
        version_file.write_text(SCHEMA_VERSION)
    index = windex.open_dir(str(folder))
    abbreviations = abbreviation_terms(site.glossary)
    wanted = {a.source_path: _document(a, abbreviations) for a in site.articles}
    with index.searcher() as searcher:
        stored = {fields["key"]: fields["digest"] for fields in searcher.all_stored_fields()}
    changed = [doc for key, doc in wanted.items() if stored.get(key) != doc["digest"]]
    removed = [key for key in stored if key not in wanted]
    if changed or removed:
        writer = index.writer()
        for key in removed:
            writer.delete_by_term("key", key)
        for doc in changed:
            writer.update_document(**doc)
        writer.commit()
    return index


def _has_marks(text: str) -> bool:
    return any(exact != folded for exact, folded in tokens(text.replace('"', " ")))


def _query(text: str, filters: dict[str, str], strict: bool = True, partial: bool = False) -> tuple[Q.Query, list]:
    """The browser's matching rules (static/search/engine.js): every word must match but the function words
    (``optional_words``), unless the query is only those — or, ``partial``, any of them; a query written
    with marks (``strict``) means its words as written; quoted phrases must appear, never across
    punctuation; the spellings of one term (``tp hcm``) are that term.  Returns the query and, per needed
    word, the query matching it."""
    phrases, words = [], text
    for part in text.split('"')[1::2]:
        for piece in BREAK.split(part):
            folded = [f for _, f in tokens(piece)]
            if len(folded) > 1:
                phrases.append(folded)
    words = words.replace('"', " ")
    pairs = tokens(words)
    marked = strict and _has_marks(text)
    fields = list(FIELD_BOOSTS)
    skip = set(optional_words())
    terms = query_terms(pairs)
    needed = [pair for pair in terms if pair[0] not in skip] or terms

    def term(exact: str, folded: str) -> Q.Query:
        same = folded in same_terms()  # (a term, any of its spellings: none is the one written)
        if not marked or same:
            return Q.Or([Q.Term(f, folded) for f in [*fields, "extra"]])
        # (as written; or given by an abbreviation: "ANTT" holds "trật" in whatever spelling is asked)
        written = Q.And([Q.Or([Q.Term(f, folded) for f in fields]), Q.Term("exact", exact)])
        return Q.Or([written, Q.Term("extra", folded)])

    each = [term(*pair) for pair in needed]
    required = [Q.Or(each)] if partial else list(each)
    required += [Q.Or([Q.Phrase(f, p) for f in fields]) for p in phrases]
    for field, value in filters.items():
        if value:
            required.append(Q.Term(field, value))
    optional = [term(*pair) for pair in terms if pair not in needed]
    if len(pairs) > 1:
        optional.append(Q.Or([Q.Phrase(f, [folded for _, folded in pairs]) for f in ("title", "body")]))
    base = Q.And(required) if required else Q.Every()
    return (Q.AndMaybe(base, Q.Or(optional)) if optional else base), each


@dataclass
class Found:
    """A search's results, best first, and how they match: ``relaxed`` — in any spelling, none holding the
    words as written; ``words`` — (held, asked): no article holding every word, these hold the most."""

    hits: list[Hit]
    count: int
    relaxed: bool = False
    words: tuple[int, int] | None = None


def search(site: Site, folder: Path, text: str, filters: dict[str, str] | None = None, limit: int = 10) -> Found:
    """Search the archive with whoosh (BM25F); newest first among equal scores.  As in the browser: when
    no article holds every word as written, any spelling; then the articles holding the most of them."""
    index = update_index(site, folder)
    filters = filters or {}
    with index.searcher(weighting=BM25F(B=B, K1=K1)) as searcher:
        results, relaxed, words = list(searcher.search(_query(text, filters)[0], limit=None)), False, None
        if not results and _has_marks(text):
            results = list(searcher.search(_query(text, filters, strict=False)[0], limit=None))
            relaxed = bool(results)
        if not results:
            results, relaxed, words = _most_words(searcher, text, filters)
        order = {a.source_path: n for n, a in enumerate(site.articles)}
        hits = sorted(results, key=lambda r: (-round(r.score, 6), order.get(r["key"], 0)))
        return Found([Hit(round(r.score, 3), r["title_text"], r["url"], r["date"]) for r in hits[:limit]],
                     len(hits), relaxed, words)


def _most_words(searcher, text: str, filters: dict[str, str]) -> tuple[list, bool, tuple[int, int] | None]:
    """The articles holding the most of the query's words (but not all), as written, else in any spelling;
    whether in any spelling, and how many words they hold of how many."""
    marks = _has_marks(text)
    for strict in (True, False) if marks else (False,):
        query, each = _query(text, filters, strict=strict, partial=True)
        if len(each) < 2:
            break
        results = searcher.search(query, limit=None)
        held = {hit.docnum: 0 for hit in results}
        for word in each:  # (how many of the words each found article holds)
            for docnum in word.docs(searcher):
                if docnum in held:
                    held[docnum] += 1
        most = max(held.values(), default=0)
        if 0 < most < len(each):
            return [hit for hit in results if held[hit.docnum] == most], not strict and marks, (most, len(each))
    return [], False, None
