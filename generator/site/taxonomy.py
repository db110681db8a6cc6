"""Grouping articles: tags, speakers, locations and the date archive → the Site model."""
from __future__ import annotations

import functools
from collections import Counter, defaultdict
from dataclasses import replace
from typing import Callable, Iterable

from ..content.article import Article
from ..lang.text import name_key, place_sort_key, slugify, sort_key
from ..settings import SiteConfig
from .model import Period, Site, Taxonomy, Term, positions
from .related import related_articles

TAXONOMIES = (
    # kind, label, singular, values of an article
    ("tags", "Chủ đề", "Chủ đề", lambda a: a.tags),
    ("speakers", "Người phát biểu", "Người phát biểu", lambda a: (a.speaker,) if a.speaker else ()),
    ("locations", "Địa điểm", "Địa điểm", lambda a: (a.location,) if a.location else ()),
)


def canonical_province(name: str) -> str | None:
    """``lang.gazetteer.canonical_province``, imported on first use: importing the gazetteer and its patterns takes
    about 35 ms, and a one-article rebuild never needs them."""
    from ..lang.gazetteer import canonical_province as canonical

    return canonical(name)


@functools.lru_cache(maxsize=65536)  # (once per place name, not per article: 0.7 s at 100,000 articles)
def location_group(name: str) -> str:
    """The place whose page lists an article located at ``name``: its province's canonical name, or for a
    place abroad its country (``Tokyo, Nhật Bản`` and ``Osaka`` are under ``Nhật Bản``), else the name."""
    from ..lang.gazetteer import canonical_place

    province = canonical_province(name)
    if province:
        return province
    place = canonical_place(name)
    if place is None and ", " in name:
        place = canonical_place(name.rsplit(", ", 1)[1])
    if place is not None and canonical_province(place) is None:
        return place.rsplit(", ", 1)[-1]  # the country
    return name


def _location_key(name: str) -> str:
    return name_key(location_group(name))


@functools.lru_cache(maxsize=65536)
def term_key(kind: str, name: str) -> str:
    """The identity of a term name within its taxonomy."""
    return _location_key(name) if kind == "locations" else name_key(name)


def build_taxonomy(kind: str, label: str, singular: str, articles: Iterable[Article],
                   values: Callable[[Article], Iterable[str]]) -> Taxonomy:
    """One term per distinct name (NFC/NFD, tone placement and case folded together).  ``articles``: in
    ``sort_key`` order, as a site's are — each term lists its articles in the order met."""
    members: dict[str, dict[int, Article]] = defaultdict(dict)  # by id(): an article once per term, in order
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    written: dict[str, str] = {}
    for article in articles:
        for value in values(article):
            key = written[value] = term_key(kind, value)
            if not key:
                continue
            members[key].setdefault(id(article), article)
            spellings[key][location_group(value) if kind == "locations" else value] += 1
    terms, used_slugs = [], set()
    order = place_sort_key if kind == "locations" else sort_key
    for key in sorted(members, key=lambda k: order(_display(spellings[k]))):
        name = _display(spellings[key])
        slug = base = slugify(name)
        n = 2
        while slug in used_slugs:
            slug, n = f"{base}-{n}", n + 1
        used_slugs.add(slug)
        terms.append(Term(name=name, slug=slug, articles=tuple(members[key].values()), url=f"{kind}/{slug}/"))
    urls = {term_key(kind, term.name): term.url for term in terms}
    return Taxonomy(kind, label, singular, tuple(terms), {value: urls.get(key) for value, key in written.items()})


def _display(counter: Counter[str]) -> str:
    # The most used spelling; ties go to the alphabetically first for stable output.
    return sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


def build_periods(articles: list[Article]) -> tuple[tuple[Period, ...], tuple[Period, ...], tuple[Period, ...], Period]:
    """Year, month and day pages (newest first) and the undated page."""
    by_year: dict[int, list[Article]] = defaultdict(list)
    by_month: dict[tuple[int, int], list[Article]] = defaultdict(list)
    by_day: dict[tuple[int, int, int], list[Article]] = defaultdict(list)
    undated = []
    for article in articles:
        if article.date is None:
            undated.append(article)
            continue
        by_year[article.date.year].append(article)
        if article.date.month:
            by_month[(article.date.year, article.date.month)].append(article)
            if article.date.day:
                by_day[(article.date.year, article.date.month, article.date.day)].append(article)
    years = tuple(Period(y, None, tuple(by_year[y]), f"archive/{y}/") for y in sorted(by_year, reverse=True))
    months = tuple(Period(y, m, tuple(by_month[(y, m)]), f"archive/{y}/{m:02d}/")
                   for y, m in sorted(by_month, reverse=True))
    days = tuple(Period(y, m, tuple(by_day[(y, m, d)]), f"archive/{y}/{m:02d}/{d:02d}/", d)
                 for y, m, d in sorted(by_day, reverse=True))
    return years, months, days, Period(None, None, tuple(undated), "archive/undated/")


def page_count(total: int, size: int) -> int:
    """How many pages a listing of ``total`` articles has: pages of ``size`` counted from the oldest, the
    newest one to two pages' worth on the front page (``render.pages.Pagination``)."""
    return max(1, total // size)


def order(article: Article) -> tuple:
    """What decides an article's place among all articles and in the archive — its URL, order and period — and
    the addresses that lead to it (a change of its aliases plans the redirect pages again)."""
    return (article.url, article.draft, article.sort_key, article.date, article.aliases)


def retermed_site(site: Site, kinds: set[str]) -> tuple[Site, frozenset[str]] | None:
    """``site`` (articles in place) with the taxonomies ``kinds`` grouped again, after edits that moved
    articles between terms only; and the URLs of the terms whose articles changed.  None when a term came
    or went, was renamed, or gained or lost a page: then the site is built afresh."""
    size = site.config.page_size
    taxonomies, moved = [], set()
    for taxonomy, (kind, label, singular, values) in zip(site.taxonomies, TAXONOMIES):
        if kind not in kinds:
            taxonomies.append(taxonomy)
            continue
        again = build_taxonomy(kind, label, singular, site.articles, values)
        if [(t.name, t.url) for t in again.terms] != [(t.name, t.url) for t in taxonomy.terms]:
            return None
        for before, after in zip(taxonomy.terms, again.terms):
            if [a.source_path for a in before.articles] != [a.source_path for a in after.articles]:
                if page_count(len(before.articles), size) != page_count(len(after.articles), size):
                    return None
                moved.add(after.url)
        taxonomies.append(again)
    return replace(site, taxonomies=tuple(taxonomies)), frozenset(moved)


def terms_holding(site: Site, articles: Iterable[Article]) -> set[str] | None:
    """The URLs of the terms listing any of ``articles`` (articles of ``site``), read from the names each
    article gives and the spellings every taxonomy keeps (see ``build_taxonomy``) instead of looking
    through every term; None if a name is not among the spellings (then look through them)."""
    urls: set[str | None] = set()
    try:
        for taxonomy, (_, _, _, values) in zip(site.taxonomies, TAXONOMIES):
            for article in articles:
                urls.update(taxonomy.spellings[value] for value in values(article))
    except KeyError:
        return None
    urls.discard(None)  # (a name with no letters: no term)
    return urls  # type: ignore[return-value]


def substitute_site(site: Site, swap: dict[int, Article], related: dict) -> Site:
    """``site`` with some articles replaced by edited versions in the same place (``swap``: id of the old
    article → the new one), touching only the lists that hold them; ``related`` is the new related map.

    Equal to ``build_site`` over the edited articles when nothing that orders or groups articles changed
    (``order`` and the terms); edits that changed terms regroup those taxonomies (``retermed_site``)."""
    def swapped(items: tuple[Article, ...]) -> tuple[Article, ...]:
        found = positions(items, keys)
        if not found:
            return items
        edited = list(items)
        for n in found:
            edited[n] = swap[id(edited[n])]
        return tuple(edited)

    changed = list(swap.values())
    keys = {ident: article.sort_key for ident, article in swap.items()}  # (an edit in place keeps it)
    holding = terms_holding(site, [site.articles[n] for n in positions(site.articles, keys)])
    taxonomies = [replace(taxonomy, terms=tuple(
        replace(term, articles=swapped(term.articles)) if holding is None or term.url in holding else term
        for term in taxonomy.terms)) for taxonomy in site.taxonomies]
    years = {a.date.year for a in changed if a.date}
    months = {(a.date.year, a.date.month) for a in changed if a.date and a.date.month}
    days = {(a.date.year, a.date.month, a.date.day) for a in changed if a.date and a.date.day}

    def period(p: Period, hit: bool) -> Period:
        return replace(p, articles=swapped(p.articles)) if hit else p

    return replace(
        site, articles=swapped(site.articles), taxonomies=tuple(taxonomies),
        years=tuple(period(p, p.year in years) for p in site.years),
        months=tuple(period(p, (p.year, p.month) in months) for p in site.months),
        days=tuple(period(p, (p.year, p.month, p.day) in days) for p in site.days),
        undated=period(site.undated, any(a.date is None for a in changed)), related=related)


def glossary_entries(glossary: dict[str, str]) -> tuple[tuple[str, str], ...]:
    """The glossary as the site shows it: in Vietnamese alphabetical order."""
    return tuple(sorted(glossary.items(), key=lambda kv: sort_key(kv[0])))


def build_site(config: SiteConfig, articles: list[Article], glossary: dict[str, str],
               related: Callable[[tuple[Article, ...]], dict] | None = related_articles) -> Site:
    """The complete model: published articles newest first, taxonomies and periods; ``related``: None when
    the caller adds related articles itself."""
    published = sorted((a for a in articles if not a.draft), key=lambda a: a.sort_key)
    taxonomies = tuple(build_taxonomy(kind, label, singular, published, values)
                       for kind, label, singular, values in TAXONOMIES)
    years, months, days, undated = build_periods(published)
    return Site(config=config, articles=tuple(published), taxonomies=taxonomies, years=years, months=months,
                undated=undated, days=days, glossary=glossary_entries(glossary),
                related=related(tuple(published)) if related is not None else {})
