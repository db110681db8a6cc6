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
from dataclasses import dataclass
from pathlib import Path

from whoosh import index as windex
from whoosh import query as Q
from whoosh.analysis import Filter, RegexTokenizer
from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema
from whoosh.scoring import BM25F

from ..lang.analyzer import BREAK, tokens
from ..lang.text import fold, normalize, slugify
from ..site.model import Site
from .index import FIELD_BOOSTS, K1, B
from .terms import optional_words

SCHEMA_VERSION = "3"  # 3: the exact field holds every field's text; no phrase across punctuation


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
        exact=TEXT(analyzer=_analyzer(exact=True)), tag=KEYWORD(commas=True, lowercase=False),
        speaker_slug=ID, location_slug=ID, year=ID, **fields,
    )


@dataclass(frozen=True)
class Hit:
    """One command-line search result."""

    score: float
    title: str
    url: str
    date: str


def _document(article) -> dict:
    text = article.body_text
    fields = {
        "title": article.title, "speaker": article.speaker or "", "tags": " ; ".join(article.tags),
        "location": article.location or "", "people": " ; ".join(p.name for p in article.people), "body": text,
    }
    digest = hashlib.sha256(repr(sorted(fields.items())).encode("utf-8") + article.url.encode()).hexdigest()
    return dict(
        key=article.source_path, digest=digest, url=article.url, title_text=article.title, date=article.date_label,
        exact="\n".join(fields.values()), tag=",".join(slugify(t) for t in article.tags),
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
    wanted = {a.source_path: _document(a) for a in site.articles}
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


def _query(text: str, filters: dict[str, str], strict: bool = True) -> Q.Query:
    """The browser's matching rules (static/search/engine.js): every word must match but the function words
    (``optional_words``), unless the query is only those; a query written with marks (``strict``) means its
    words as written; quoted phrases must appear, never across punctuation."""
    phrases, words = [], text
    for part in text.split('"')[1::2]:
        for piece in BREAK.split(part):
            folded = [f for _, f in tokens(piece)]
            if len(folded) > 1:
                phrases.append(folded)
    words = words.replace('"', " ")
    pairs = tokens(words)
    marked = strict and any(exact != folded for exact, folded in pairs)
    fields = list(FIELD_BOOSTS)
    skip = set(optional_words())
    needed = [pair for pair in pairs if pair[0] not in skip] or pairs

    def term(exact: str, folded: str) -> Q.Query:
        matched = Q.Or([Q.Term(f, folded) for f in fields])
        return Q.And([matched, Q.Term("exact", exact)]) if marked else matched

    required = [term(*pair) for pair in needed]
    required += [Q.Or([Q.Phrase(f, p) for f in fields]) for p in phrases]
    for field, value in filters.items():
        if value:
            required.append(Q.Term(field, value))
    optional = [term(*pair) for pair in pairs if pair not in needed]
    if len(pairs) > 1:
        optional.append(Q.Or([Q.Phrase(f, [folded for _, folded in pairs]) for f in ("title", "body")]))
    base = Q.And(required) if required else Q.Every()
    return Q.AndMaybe(base, Q.Or(optional)) if optional else base


def search(site: Site, folder: Path, text: str, filters: dict[str, str] | None = None, limit: int = 10) -> list[Hit]:
    """Search the archive with whoosh (BM25F); newest first among equal scores."""
    index = update_index(site, folder)
    with index.searcher(weighting=BM25F(B=B, K1=K1)) as searcher:
        results = searcher.search(_query(text, filters or {}), limit=None)
        if results.is_empty():  # (as the browser: the spelling typed finds nothing, so any spelling)
            results = searcher.search(_query(text, filters or {}, strict=False), limit=None)
        order = {a.source_path: n for n, a in enumerate(site.articles)}
        hits = sorted(results, key=lambda r: (-round(r.score, 6), order.get(r["key"], 0)))
        return [Hit(round(r.score, 3), r["title_text"], r["url"], r["date"]) for r in hits[:limit]]
