"""The browser's search index: small script files a query loads only as it needs them.

Layout (all under ``search/``, each file a ``VNS.add(key, data)`` call so that it
loads from ``file://`` as well as over http):

- ``meta.js``      — document count, shard counts, format version.
- ``t/<n>.js``     — index shard ``n``: folded term (or ``"a b"`` bigram) →
  postings.  A term is in shard ``term_hash(term) % shards``.
- ``p/<n>.js``     — prefix dictionary bucket: 1–2 letter prefix → its most
  frequent terms (for matching the last word as you type).
- ``d/<id>.js``    — one document: URL, title, date, speaker, place, tags, text
  for the snippet.  Only the results shown are loaded.
- ``f/<dim>.js``   — facet postings (tag, speaker, location, year), loaded when
  filters are used.

Postings are ``<impact><gap>`` items with no separator: ``impact`` is one digit
(a BM25F term weight quantised to 1–31), ``gap`` the distance to the previous
document id as a self-delimiting base-32 number (see ``FINAL``/``CONTINUE``).  Document ids are in newest-first order, so a lower id
breaks ties in favour of newer articles.  Terms written with more than one set of
marks keep, per written form, the set of documents using it (``"~đường": ids``) so
that an exact-diacritic match can rank above a folded-only one.
"""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass

from .analyzer import bigrams, term_hash, tokens
from .cache import Cache, content_key
from .model import Article, Site
from .parallel import map_all
from .text import fold

FORMAT_VERSION = 2
FIELD_BOOSTS = {"title": 3.0, "speaker": 2.5, "tags": 2.0, "location": 1.5, "people": 1.5, "body": 1.0}
K1, B = 1.2, 0.75
SHARD_TARGET_BYTES = 6 * 1024
PREFIX_TOP = 8
PREFIX_LENGTHS = (1, 2, 3, 4)
SNIPPET_CHARS = 3000
# Self-delimiting base-32 numbers: high digits from CONTINUE, the last one from FINAL.
# No separators are needed, and most gaps (< 32) take one character.
FINAL = "0123456789abcdefghijklmnopqrstuv"
CONTINUE = "ABCDEFGHIJKLMNOPQRSTUVWXYZ!#$%&*"
MAX_IMPACT = len(FINAL) - 1


def _varint_slow(number: int) -> str:
    digits = [FINAL[number % 32]]
    number //= 32
    while number:
        digits.append(CONTINUE[number % 32])
        number //= 32
    return "".join(reversed(digits))


_VARINT_TABLE = [_varint_slow(n) for n in range(32 ** 3)]


def _varint(number: int) -> str:
    return _VARINT_TABLE[number] if number < len(_VARINT_TABLE) else _varint_slow(number)


def _gaps(ids: list[int]) -> list[int]:
    return [ids[0], *(b - a for a, b in zip(ids, ids[1:]))] if ids else []


def encode_ids(ids: list[int]) -> str:
    """Sorted document ids as self-delimiting base-32 gaps."""
    return "".join(_varint(gap) for gap in _gaps(ids))


def encode_postings(postings: list[tuple[int, int]]) -> str:
    """(doc, impact 1–31) pairs, sorted by doc: one impact digit, then the gap."""
    gaps = _gaps([doc for doc, _ in postings])
    return "".join(FINAL[impact] + _varint(gap) for (_, impact), gap in zip(postings, gaps))


@dataclass
class _DocTerms:
    """Per-document weighted term frequencies and written forms."""

    weights: Counter
    forms: dict[str, set[str]]
    length: int


def _abbreviation_terms(glossary: tuple[tuple[str, str], ...]) -> list[tuple[str, tuple[str, ...]]]:
    return [(fold(abbr), tuple(f for _, f in tokens(expansion))) for abbr, expansion in glossary]


def _doc_terms(article: Article, abbreviations) -> _DocTerms:
    fields = {
        "title": article.title, "speaker": article.speaker or "", "tags": " ; ".join(article.tags),
        "location": article.location or "", "people": " ; ".join(p.name for p in article.people),
        "body": article.body_text,
    }
    weights: Counter = Counter()
    forms: dict[str, set[str]] = defaultdict(set)
    length = 0
    for name, text in fields.items():
        if not text:
            continue
        pairs = tokens(text)
        boost = FIELD_BOOSTS[name]
        folded = [f for _, f in pairs]
        counts = Counter(folded)
        counts.update(f"{a} {b}" for a, b in zip(folded, folded[1:]))
        for term, count in counts.items():
            weights[term] += boost * count
        for exact, fold_form in set(pairs):
            forms[fold_form].add(exact)
        if name == "body":
            length = len(folded)
        _add_abbreviations(weights, folded, boost, abbreviations)
    return _DocTerms(weights, forms, max(length, 1))


def _add_abbreviations(weights: Counter, folded: list[str], boost: float, abbreviations) -> None:
    """An abbreviation and its expansion index each other (ANTT ↔ an ninh trật tự)."""
    present = set(folded)
    for abbr, expansion in abbreviations:
        if abbr not in present and (not expansion or expansion[0] not in present):
            continue
        size = len(expansion)
        spelled_out = sum(1 for i, term in enumerate(folded)
                          if term == expansion[0] and tuple(folded[i:i + size]) == expansion) if expansion else 0
        abbreviated = folded.count(abbr) if abbr in present else 0
        if spelled_out:
            weights[abbr] += boost * spelled_out
        if abbreviated:
            for term in (*expansion, *bigrams(list(expansion))):
                weights[term] += boost * abbreviated


def _shard_count(total_bytes: int) -> int:
    count = 8
    while total_bytes / count > SHARD_TARGET_BYTES:
        count *= 2
    return count


def _script(key: str, data) -> bytes:
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # "</" would close an inline script; "\u2028" breaks old JS parsers.
    payload = payload.replace("</", "<\\/").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"VNS.add({json.dumps(key)},{payload});\n".encode("utf-8")


def _doc_record(article: Article) -> dict:
    return {
        "u": article.url, "t": article.title, "d": article.date_label,
        "y": article.date.year if article.date else None, "s": article.speaker, "l": article.location,
        "g": list(article.tags), "m": article.summary, "x": article.body_text[:SNIPPET_CHARS],
    }


def _facets(site: Site) -> dict[str, list]:
    ids = {id(article): number for number, article in enumerate(site.articles)}
    facets = {}
    for taxonomy in site.taxonomies:
        facets[taxonomy.kind] = [
            [term.name, term.slug, encode_ids(sorted(ids[id(a)] for a in term.articles))] for term in taxonomy.terms
        ]
    facets["years"] = [
        [str(period.year), str(period.year), encode_ids(sorted(ids[id(a)] for a in period.articles))]
        for period in site.years
    ]
    return facets


_ABBREVIATIONS: list = []  # set before counting; forked workers inherit it


def _count_terms(article: Article) -> "_DocTerms":
    return _doc_terms(article, _ABBREVIATIONS)


def _terms_key(article: Article, glossary) -> str:
    return content_key("terms", str(FORMAT_VERSION), repr(glossary), article.title, article.speaker or "",
                       repr(article.tags), article.location or "", repr([p.name for p in article.people]),
                       article.body_text)


def build_search_files(site: Site, cache: Cache | None = None) -> dict[str, bytes]:
    """Every file of the browser index, keyed by path under the output folder."""
    cache = cache or Cache(None)
    global _ABBREVIATIONS
    _ABBREVIATIONS = _abbreviation_terms(site.glossary)
    keys = [_terms_key(article, site.glossary) for article in site.articles]
    counted = cache.get_many(dict(zip(keys, site.articles)), lambda articles: map_all(_count_terms, articles))
    docs = [counted[key] for key in keys]  # two identical articles share one count but keep their own ids
    average = sum(d.length for d in docs) / len(docs) if docs else 1.0
    postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
    forms: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for number, doc in enumerate(docs):
        # BM25F term factor w·(k1+1)/(w+norm), as a share of its ceiling k1+1, quantised to one digit (1–31).
        norm = K1 * (1 - B + B * doc.length / average)
        for term, weight in doc.weights.items():
            postings[term].append((number, round(MAX_IMPACT * weight / (weight + norm)) or 1))
        for term, written in doc.forms.items():
            for form in written:
                forms[term][form].append(number)
    entries: dict[str, dict[str, str]] = {}
    for term, plist in postings.items():
        entry = {"": encode_postings(plist)}
        written = forms.get(term, {})
        if len(written) > 1:
            for form, ids in sorted(written.items()):
                entry["~" + form] = encode_ids(ids)
        elif len(written) == 1:
            (form,) = written
            if form != term:
                entry["="] = form  # every document writes it this one way
        entries[term] = entry
    total = sum(len(t) + sum(len(v) for v in e.values()) for t, e in entries.items())
    shards = _shard_count(total)
    grouped: dict[int, dict] = defaultdict(dict)
    for term in sorted(entries):
        grouped[term_hash(term) % shards][term] = entries[term]
    files = {f"search/t/{n}.js": _script(f"t/{n}", grouped.get(n, {})) for n in range(shards)}
    prefix_files, prefix_buckets = _prefix_files({t: len(p) for t, p in postings.items() if " " not in t})
    files.update(prefix_files)
    for number, article in enumerate(site.articles):
        files[f"search/d/{number}.js"] = _script(f"d/{number}", _doc_record(article))
    for dimension, values in _facets(site).items():
        files[f"search/f/{dimension}.js"] = _script(f"f/{dimension}", values)
    meta = {"v": FORMAT_VERSION, "n": len(docs), "shards": shards, "prefixBuckets": prefix_buckets,
            "avgdl": round(average, 1)}
    files["search/meta.js"] = _script("meta", meta)
    return files


def _prefix_files(document_frequency: dict[str, int]) -> tuple[dict[str, bytes], int]:
    """Prefix → most frequent terms, bucketed like the shards; returns (files, bucket count)."""
    by_prefix: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for term, df in document_frequency.items():
        for size in PREFIX_LENGTHS:
            if len(term) > size:
                by_prefix[term[:size]].append((df, term))
    lists = {prefix: [[t, df] for df, t in sorted(c, key=lambda c: (-c[0], c[1]))[:PREFIX_TOP]]
             for prefix, c in by_prefix.items()}
    total = sum(len(p) + sum(len(t) + 4 for t, _ in v) for p, v in lists.items())
    count = _shard_count(total)
    buckets: dict[int, dict[str, list]] = defaultdict(dict)
    for prefix in sorted(lists):
        buckets[term_hash(prefix) % count][prefix] = lists[prefix]
    return {f"search/p/{n}.js": _script(f"p/{n}", buckets.get(n, {})) for n in range(count)}, count
