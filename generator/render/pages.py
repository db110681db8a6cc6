"""The Site model → every output page as (site path, bytes).  No file I/O here."""
from __future__ import annotations

import calendar
import functools
import hashlib
import pickle
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator

import jinja2
from markupsafe import Markup

from ..content.article import Article
from ..site.change import Change
from ..site.model import Site, positions
from ..site.speakers import Profiles
from ..site.taxonomy import page_count, term_key, terms_holding
from .templates import closures, xml_safe
from .urls import linker, page_file, page_place, paginated, relative_link


@dataclass(slots=True)
class Pagination:
    """One page of a paginated listing.  Pages are numbered from the oldest: page 1 holds the oldest
    ``page_size`` items, page ``count`` — the front page, at the listing's own address — the newest, one to
    two pages' worth.  So a numbered page keeps its address and its items while articles are added: a new
    article changes the front page, not every page after it (and a link to ``page/37/`` keeps showing what
    it showed)."""

    number: int
    count: int
    items: tuple
    base: str

    @property
    def front(self) -> bool:
        """Whether this is the front page (the newest items, at the listing's address)."""
        return self.number == self.count

    def url(self, number: int) -> str:
        """Site path of another page of the same listing."""
        return self.base if number == self.count else paginated(self.base, number)

    def numbers(self, around: int = 2) -> list[int | None]:
        """The page numbers a pager shows, newest first: the front page, the first and ``around`` either side
        of this one, with None where numbers are left out (``front … 8 7 [6] 5 4 … 1``).  Only the pages near
        the front show how many there are."""
        shown = sorted({1, self.count, *range(max(1, self.number - around), min(self.count, self.number + around) + 1)},
                       reverse=True)
        numbers: list[int | None] = []
        for previous, number in zip([self.count + 1, *shown], shown):
            if previous - number == 2:
                numbers.append(previous - 1)  # (one number left out: shown, not an ellipsis)
            elif previous - number > 2:
                numbers.append(None)
            numbers.append(number)
        return numbers

    def shown(self) -> tuple:
        """What the page shows of the listing's pages (for its key): its pager, the front page as such."""
        return self.number, self.front, tuple("front" if n == self.count else n for n in self.numbers())


SITEMAP_LIMIT = 50_000  # URLs in one sitemap file (sitemaps.org)


def sitemap_urls(site: Site) -> tuple[tuple[str, str | None], ...]:
    """Every page a search engine should know, as (site path, last modification or None): home, articles,
    the date archive, the taxonomies and the glossary."""
    urls: list[tuple[str, str | None]] = [("", None)]
    urls += [(a.url, a.date.iso() if a.date and a.date.day else None) for a in site.articles]
    urls += [("archive/", None)] + [(p.url, None) for p in (*site.years, *site.months, *site.days)]
    for taxonomy in site.taxonomies:
        urls += [(f"{taxonomy.kind}/", None)] + [(t.url, None) for t in taxonomy.terms]
    urls.append(("glossary/", None))
    return tuple(urls)


def month_calendar(year: int, month: int, days) -> list[list[tuple[int | None, object]]]:
    """The weeks of a month, Monday first, each day ``(number, its Period or None)``; ``(None, None)`` pads
    the first and last weeks.  ``days``: the month's Periods that have articles."""
    pages = {p.day: p for p in days}
    return [[(d or None, pages.get(d)) for d in week] for week in calendar.Calendar(0).monthdayscalendar(year, month)]


def _pages(items: tuple, size: int, base: str, numbers: Iterable[int] | None = None) -> list[Pagination]:
    """The pages of a listing (or only those ``numbers``); ``items`` newest first (see ``Pagination``)."""
    total = len(items)
    count = page_count(total, size)
    return [Pagination(n, count, items[0 if n == count else total - n * size:total - (n - 1) * size], base)
            for n in (range(count, 0, -1) if numbers is None else numbers)]


def _page_of(position: int, total: int, size: int) -> int:
    """The page showing the item at ``position`` (newest first) of ``total``."""
    return min(page_count(total, size), (total - 1 - position) // size + 1)


class Renderer:
    """Renders pages of one site with one template environment."""

    def __init__(self, site: Site, env: jinja2.Environment, build_date: str) -> None:
        self.site = site
        self.env = env
        self.build_date = build_date
        self._written = {(tax.kind, name): url for tax in site.taxonomies for name, url in tax.spellings.items()}
        self._term_urls: dict | None = None
        self._fragments: dict[tuple, Markup] | None = {} if getattr(env, "theme_only", False) else None

    def term_url(self, kind: str, name: str) -> str | None:
        """Site path of the term page for ``name`` in taxonomy ``kind`` (None for a name with no letters)."""
        if (kind, name) in self._written:  # as an article writes it: no folding needed
            return self._written[kind, name]
        if self._term_urls is None:
            self._term_urls = {(tax.kind, term_key(tax.kind, term.name)): term.url
                               for tax in self.site.taxonomies for term in tax.terms}
        return self._term_urls.get((kind, term_key(kind, name)))

    def page(self, template: str, path: str, **context) -> tuple[str, bytes]:
        """Render ``template`` for the page at site path ``path``."""
        config = self.site.config
        html = self.env.get_template(template).render(
            site=self.site, config=config, page_path=path, link=linker(path, config.pretty_links),
            canonical=config.absolute(path), build_date=self.build_date, term_url=self.term_url,
            root=relative_link(path, "", pretty=True), once=functools.partial(self.once, template, path),
            **context,
        )
        return page_file(path), html.encode("utf-8")

    def once(self, template: str, path: str, name: str, caller: Callable[[], Markup]) -> Markup:
        """``{% call once("header") %}…{% endcall %}``: the default theme's chrome, rendered once per build for
        all the pages of a template whose links to the top-level pages are alike (``page_place``) — a header
        of 15 links is a fifth of a page's rendering.  Such a fragment shows the configuration and links to
        top-level pages only.  With templates of the site's own (which may override a block inside it with
        anything) every page renders it."""
        if self._fragments is None:
            return caller()
        key = (template, name, page_place(path))
        html = self._fragments.get(key)
        if html is None:
            html = self._fragments[key] = caller()
        return html

    def feed(self, path: str, title: str, articles: tuple[Article, ...], page_url: str) -> tuple[str, bytes]:
        """An Atom feed of the newest articles; ``page_url`` is the HTML page it mirrors."""
        xml = self.env.get_template("feed.xml").render(
            site=self.site, config=self.site.config, feed_path=path, feed_title=title,
            entries=articles[: self.site.config.feed_size], page_url=page_url, build_date=self.build_date,
        )
        return path, xml_safe(xml).encode("utf-8")


def plan_stamp(site: Site, env: jinja2.Environment) -> tuple:
    """What every page's key includes: the configuration and the glossary.  (Each key holds the digest of
    its own template and those it uses, ``Closures``; not the build date: only feeds show it, and their keys
    hold it — a new newest article changes it.)"""
    return (repr(site.config), site.glossary)


class _Cards:
    """What a listing shows of an article (as a digest, for page keys), computed once per article per build."""

    def __init__(self) -> None:
        self._cards: dict[int, bytes] = {}

    def __call__(self, article: Article | None) -> bytes | None:
        if article is None:
            return None
        card = self._cards.get(id(article))
        if card is None:
            # The date label is a function of the date, so the date stands for both.
            shown = (article.url, article.title, article.date and article.date.iso(), article.speaker,
                     article.location, article.summary, article.tags)
            card = self._cards[id(article)] = _key_digest(b"", shown)
        return card

    def many(self, articles: tuple[Article, ...]) -> tuple[bytes, ...]:
        """The cards of ``articles``: looked up in C once each is known (a listing page's, 1.3 million times
        when every page of 100,000 articles is planned)."""
        try:
            return tuple(map(self._cards.__getitem__, map(id, articles)))
        except KeyError:
            return tuple(map(self, articles))


Page = tuple  # (output path, key or None, render() -> bytes)


def _key_digest(stamp: bytes, key) -> bytes:
    """A page's key as 16 bytes, kept instead of the key itself (the saved state loads faster): equal for
    equal keys made the same way (one that pickles otherwise only costs a rendering).  Keys hold plain
    values, and an article as its digest, which determines everything parsed from it."""
    return hashlib.blake2b(pickle.dumps(key, protocol=pickle.HIGHEST_PROTOCOL), digest_size=16, key=stamp).digest()


def page_plan(site: Site, env: jinja2.Environment, build_date: str, profiles: Profiles | None = None,
              keyed: bool = True, change: Change | None = None, stamp: tuple | None = None) -> Iterator[Page]:
    """Every output file of the site except static assets and search, as (path, key, render).

    Two builds that give a page equal keys give it the same bytes, so an unchanged
    key needs no rendering (a key is kept as a digest: ``_key_digest``).  Keys
    name exactly what the default theme shows of each article (a card, or the
    whole article where the page shows its text); a site
    with its own templates may show anything, so ``keyed=False`` gives every page
    the key None: always rendered, written only if its bytes changed.

    A ``change`` in place (see ``site.change.Change``) says that only its
    ``focus`` articles changed since the last plan, each keeping its place — URL,
    order and period (see ``taxonomy.substitute_site``); ``related_changed``
    numbers the articles whose related list was rebuilt, ``terms_moved`` the
    terms whose articles changed (with the same names, URLs and page counts:
    ``taxonomy.retermed_site``).  Then only the pages that show one of them,
    every page and the feed of a moved term and the index of its taxonomy are
    planned: any other page's key is provably the same as last time.
    """
    planner = _Planner(site, env, build_date, profiles or Profiles(), keyed,
                       change if change is not None and change.in_place else None, stamp)
    yield from planner.listing("home.html", "", site.articles, None)
    yield from planner.articles()
    yield from planner.periods()
    yield from planner.taxonomies()
    yield from planner.feed("feed.xml", site.config.title, site.articles, "")
    yield from planner.redirects()
    if planner.focus is None:  # the pages below show no article's content: the same as last time after an edit
        yield from planner.fixed_pages()


class _Planner:
    """The pages of one site, one method per family, each with the key that says what it shows."""

    def __init__(self, site: Site, env: jinja2.Environment, build_date: str, profiles: Profiles, keyed: bool,
                 change: Change | None, stamp: tuple | None) -> None:
        self.site, self.env, self.build_date, self.profiles, self.keyed = site, env, build_date, profiles, keyed
        self.renderer = Renderer(site, env, build_date)
        self.card = _Cards()
        self.focus = change.focus if change is not None else None
        self.related_changed = change.related_changed if change is not None else frozenset()
        self.moved = change.terms_moved if change is not None else frozenset()
        stamp = (stamp or plan_stamp(site, env)) if keyed else None
        self.digest = functools.partial(_key_digest, hashlib.blake2b(repr(stamp).encode(), digest_size=32).digest())
        # (the edited articles' places, and their sort keys: ``positions`` finds them in a list by those)
        self.edited = sorted(change.edited) if self.focus is not None else []
        self.wanted = {id(site.articles[n]): site.articles[n].sort_key for n in self.edited}
        self.closure = closures(env)

    def page(self, template: str, path: str, key, **context) -> Page:
        return (page_file(path), self.digest((self.closure(template), path, key)) if self.keyed else None,
                lambda: self.renderer.page(template, path, **context)[1])

    def shows(self, items: tuple) -> bool:
        return self.focus is None or not self.focus.isdisjoint(map(id, items))

    def listing(self, template: str, base: str, items: tuple, key, front=None, **context) -> Iterator[Page]:
        """A listing's pages.  ``key``: what every page shows besides its items and pager; ``front``: what
        only the front page shows (counts, a profile, a calendar) — the numbered pages leave it out, and so
        keep their keys while articles are added."""
        size = self.site.config.page_size
        if self.focus is None or base in self.moved:  # (a term the article joined or left: its pages shifted)
            pages = _pages(items, size, base)
        else:  # only the pages showing an edited article, and the front page where it shows a profile
            hits = {_page_of(n, len(items), size) for n in positions(items, self.wanted)}
            if not hits:
                return
            if "titles" in context:
                hits.add(page_count(len(items), size))
            pages = _pages(items, size, base, sorted(hits))
        for p in pages:
            yield self.page(template, p.url(p.number),
                            (p.shown(), self.card.many(p.items), key, front if p.front else None),
                            pagination=p, **context)

    def feed(self, path: str, title: str, articles: tuple[Article, ...], page_url: str) -> Iterator[Page]:
        entries = articles[:self.site.config.feed_size]
        if not self.shows(entries) and page_url not in self.moved:
            return
        shown_date = self.build_date if any(a.date is None for a in entries) else None  # (undated entries' date)
        key = (self.closure("feed.xml"), path, title, tuple(a.digest for a in entries), page_url, shown_date)
        yield (path, self.digest(key) if self.keyed else None,
               lambda: self.renderer.feed(path, title, articles, page_url)[1])

    def articles(self) -> Iterator[Page]:
        """Each article's page — after an edit, only the edited articles, their neighbours and the articles
        listing them as related show anything that changed: their own text, or a card."""
        site, card, term_url = self.site, self.card, self.renderer.term_url
        articles = site.articles
        numbers: Iterable[int] = range(len(articles)) if self.focus is None else sorted(
            {j for i in self.edited for j in (i - 1, i, i + 1) if 0 <= j < len(articles)} | self.related_changed)
        for i in numbers:
            article = articles[i]
            newer = articles[i - 1] if i > 0 else None
            older = articles[i + 1] if i + 1 < len(articles) else None
            related = self.site.related.get(article.url, ())
            terms = tuple(term_url(kind, name) for kind, names in (
                ("tags", article.tags), ("speakers", (article.speaker,)), ("locations", (article.location,)))
                for name in names if name)
            date = article.date
            same_day = site.same_day_as(date.year, date.month, date.day) if date and date.day else ()
            yield self.page("article.html", article.url,
                            (article.digest, card(newer), card(older), card.many(related), terms,
                             tuple((p.url, p.year, len(p.articles)) for p in same_day)),
                            article=article, newer=newer, older=older, related=related, same_day=same_day)

    def periods(self) -> Iterator[Page]:
        """The date archive: its index, and each year's, month's and day's listing — with the previous and
        next ones, a month's calendar and a day's same day in other years."""
        site = self.site
        holding = None  # after an edit in place, the periods of the edited articles (no article changed period)
        if self.focus is None:
            shown = (*site.years, *site.months, site.undated)
            yield self.page("archive.html", "archive/", tuple((p.url, p.label, len(p.articles)) for p in shown))
        else:
            holding = set()
            for date in (site.articles[i].date for i in self.edited):
                holding.update({(None, None, None)} if date is None else
                               {(date.year, None, None), (date.year, date.month or None, None),
                                (date.year, date.month or None, date.day or None)})
        for family in (site.years, site.months, site.days, (site.undated,)):
            for n, period in enumerate(family):
                if holding is not None and (period.year, period.month, period.day) not in holding:
                    continue
                # (newest first: the next period in time is the one before in the list)
                later = family[n - 1] if n > 0 and period.year else None
                earlier = family[n + 1] if n + 1 < len(family) and period.year else None
                context = {"later": later, "earlier": earlier, "months": (), "calendar": None, "same_day": ()}
                if period.year and not period.month:
                    context["months"] = site.months_of(period.year)
                elif period.month and not period.day:
                    context["calendar"] = month_calendar(period.year, period.month, site.days_of(period.year, period.month))
                elif period.day:
                    context["same_day"] = site.same_day_as(period.year, period.month, period.day)
                key = (period.label, tuple((p.url, p.label) for p in (later, earlier) if p))
                front = (len(period.articles),
                         tuple((p.url, p.label, len(p.articles)) for p in (*context["months"], *context["same_day"])),
                         tuple((d, p.url, len(p.articles)) for week in context["calendar"] or () for d, p in week if p))
                yield from self.listing("period.html", period.url, period.articles, key, front, period=period,
                                        **context)

    def taxonomies(self) -> Iterator[Page]:
        """Each taxonomy's index, its terms' listings (a speaker's with the profile) and feeds."""
        holding = None if self.focus is None else terms_holding(self.site, [self.site.articles[i] for i in self.edited])
        moved = self.moved
        for taxonomy in self.site.taxonomies:
            if self.focus is None or any(term.url in moved for term in taxonomy.terms):  # (its counts)
                by_count = sorted(taxonomy.terms, key=lambda t: -len(t.articles))
                yield self.page("terms.html", f"{taxonomy.kind}/",
                                tuple((t.name, t.slug, t.url, len(t.articles)) for t in taxonomy.terms),
                                taxonomy=taxonomy, by_count=by_count)
            for term in taxonomy.terms:
                shown = self.shows(term.articles) if holding is None else term.url in holding
                if not shown and term.url not in moved:
                    continue
                profile = self.profiles(term) if taxonomy.kind == "speakers" else {}
                front = (len(term.articles),
                         tuple((s.title, s.first and s.first.digest, s.last and s.last.digest, s.count, s.undated)
                               for s in profile.get("titles", ())),
                         tuple((q.text, q.article.digest) for q in profile.get("quotes", ())))
                yield from self.listing("term.html", term.url, term.articles, (taxonomy.kind, term.name, term.slug),
                                        front, taxonomy=taxonomy, term=term, **profile)
            for term in taxonomy.terms:
                yield from self.feed(f"{term.url}feed.xml", f"{taxonomy.singular}: {term.name}", term.articles,
                                     term.url)

    def redirects(self) -> Iterator[Page]:
        """A page at each address an article was moved from, leading to it (its title shown: after an edit,
        those of the edited articles)."""
        for old, article in self.site.redirects:
            if self.shows((article,)):
                yield self.page("redirect.html", old, ("redirect", article.url, article.title), article=article)

    def sitemaps(self) -> Iterator[Page]:
        """``sitemap.xml``; past the protocol's 50,000 URLs a file, ``sitemap-N.xml`` each and ``sitemap.xml``
        the index of them."""
        env, config = self.env, self.site.config
        urls = sitemap_urls(self.site)
        parts = [urls[n:n + SITEMAP_LIMIT] for n in range(0, len(urls), SITEMAP_LIMIT)]
        names = ["sitemap.xml"] if len(parts) == 1 else [f"sitemap-{n}.xml" for n in range(1, len(parts) + 1)]
        for name, part in zip(names, parts):
            yield (name, self.digest((self.closure("sitemap.xml"), name, part)) if self.keyed else None,
                   lambda part=part: xml_safe(env.get_template("sitemap.xml").render(urls=part, config=config))
                   .encode("utf-8"))
        if len(parts) > 1:
            yield ("sitemap.xml", self.digest((self.closure("sitemap_index.xml"), tuple(names))) if self.keyed else None,
                   lambda: env.get_template("sitemap_index.xml").render(names=names, config=config).encode("utf-8"))

    def fixed_pages(self) -> Iterator[Page]:
        """Search, glossary, 404, the sitemap, robots.txt and the OpenSearch description."""
        site, env, r = self.site, self.env, self.renderer
        for template, path in (("search.html", "search/"), ("glossary.html", "glossary/"), ("404.html", "404.html")):
            yield page_file(path), None, lambda t=template, p=path: r.page(t, p)[1]
        yield from self.sitemaps()
        yield "robots.txt", None, lambda: env.get_template("robots.txt").render(config=site.config).encode("utf-8")
        yield ("opensearch.xml", None,  # (browsers offer the site's own search from their address bar)
               lambda: xml_safe(env.get_template("opensearch.xml").render(config=site.config)).encode("utf-8"))
