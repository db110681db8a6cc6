"""Fields an editor should still check: the articles' ``review:`` lists, with the import's evidence.

The import lists a field in ``review:`` when its rule was not sure, and keeps
the rule's confidence and evidence in its record (``content/.import-state.json``,
by raw file).  An editor confirms a field by correcting it if needed and
deleting it from ``review:``.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from ..cache import file_signature
from .article import Article
from .frontmatter import RECORD_FILE, REVIEWABLE

_NO_EVIDENCE = "no evidence recorded (the article was imported before reviews, or written by hand)"


@dataclass(frozen=True)
class ReviewItem:
    """One field to check."""

    path: str                  # the article, relative to content/
    field: str
    value: str
    confidence: float | None   # the rule's, when the import recorded it
    evidence: str


def _value(article: Article, name: str) -> str:
    if name == "date":
        if article.date:
            return article.date.iso()
        return f"(no year) {article.date_partial}" if article.date_partial else "(empty)"
    if name == "speaker" and article.speaker:
        return f"{article.speaker} — {article.speaker_title}" if article.speaker_title else article.speaker
    return getattr(article, name) or "(empty)"


_cache: dict[str, tuple[str | None, dict]] = {}


def _record(content: Path) -> dict:
    """The import's notes by raw file (read again only when the record changed)."""
    path = content / RECORD_FILE
    try:
        signature = file_signature(os.stat(path))
    except OSError:
        return {}
    cached = _cache.get(str(path))
    if cached and cached[0] == signature:
        return cached[1]
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        data = {}
    notes = {original: entry.get("review", {}) for original, entry in data.items()
             if isinstance(entry, dict) and isinstance(entry.get("review"), dict)} if isinstance(data, dict) else {}
    _cache[str(path)] = (signature, notes)
    return notes


def review_items(content: Path, articles: Iterable[Article]) -> list[list[ReviewItem]]:
    """The fields to check, by article, the most doubtful article first (its least sure field)."""
    notes = _record(content)
    queue = []
    for article in articles:
        if not article.review:
            continue
        known = notes.get(article.original or "", {})
        items = []
        for name in article.review:
            note = known.get(name)
            confidence, evidence = (float(note[0]), str(note[1])) if isinstance(note, list) and len(note) == 2 \
                else (None, _NO_EVIDENCE)
            items.append(ReviewItem(article.source_path, name, _value(article, name), confidence, evidence))
        items.sort(key=lambda item: (1.0 if item.confidence is None else item.confidence, REVIEWABLE.index(item.field)))
        queue.append(items)
    queue.sort(key=lambda items: (1.0 if items[0].confidence is None else items[0].confidence, items[0].path))
    return queue
