"""The search index: built with whoosh, exported as a script the browser can load from file://.

This is the only module that imports whoosh.  The analyzer here and the one in
``static/search.js`` are twins: lower-case, split on non-letters, fold marks.
"""
from __future__ import annotations

import json
import math
from collections import defaultdict

from whoosh.analysis import Filter, RegexTokenizer
from whoosh.fields import ID, STORED, TEXT, Schema
from whoosh.filedb.filestore import RamStorage

from .model import Site
from .text import fold, nfc

TOKEN_PATTERN = r"[^\W_]+"
FIELD_BOOSTS = {"title": 3.0, "speaker": 2.5, "tags": 2.0, "location": 1.5, "body": 1.0}


class _FoldFilter(Filter):
    """Vietnamese folding: case, tone marks and đ (``Đà Nẵng`` → ``da nang``)."""

    def __call__(self, tokens):
        for token in tokens:
            token.text = fold(token.text)
            yield token


def analyzer():
    """The analyzer shared by indexing and querying."""
    return RegexTokenizer(TOKEN_PATTERN) | _FoldFilter()


def analyze(text: str) -> list[str]:
    """Folded tokens of ``text`` (what the JS twin must also produce)."""
    return [t.text for t in analyzer()(nfc(text))]


def _schema() -> Schema:
    fields = {name: TEXT(analyzer=analyzer(), field_boost=boost) for name, boost in FIELD_BOOSTS.items()}
    return Schema(doc=ID(stored=True), meta=STORED, **fields)


def build_index(site: Site):
    """A whoosh index (in memory) over the site's published articles."""
    index = RamStorage().create_index(_schema())
    writer = index.writer()
    for number, article in enumerate(site.articles):
        writer.add_document(
            doc=str(number), title=article.title, speaker=article.speaker or "", tags=" ; ".join(article.tags),
            location=article.location or "", body=article.body_text,
        )
    writer.commit()
    return index


def export_index(site: Site) -> str:
    """The browser's index as a JavaScript file defining ``window.VNSEARCH``."""
    index = build_index(site)
    weights: dict[str, dict[int, float]] = defaultdict(lambda: defaultdict(float))
    with index.reader() as reader:
        for fieldname, text, docnum, weight, _ in reader.iter_postings():
            if fieldname in FIELD_BOOSTS:
                term = text.decode("utf-8") if isinstance(text, bytes) else text
                weights[term][docnum] += FIELD_BOOSTS[fieldname] * (1 + math.log(weight))
    terms = {term: sorted([doc, round(w, 2)] for doc, w in docs.items()) for term, docs in sorted(weights.items())}
    docs = [
        {
            "u": article.url, "t": article.title, "d": article.date_label,
            "y": article.date.year if article.date else None, "s": article.speaker, "l": article.location,
            "g": list(article.tags), "x": article.summary or article.body_text[:240],
            "f": " ".join(analyze(article.title + " " + article.body_text)),
        }
        for article in site.articles
    ]
    payload = json.dumps({"docs": docs, "terms": terms}, ensure_ascii=False, separators=(",", ":"))
    # "</" would end an inline script; escaping it keeps the file inert in any context.
    return "window.VNSEARCH=" + payload.replace("</", "<\\/") + ";\n"
