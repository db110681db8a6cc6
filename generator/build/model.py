"""The model a build renders: the last build's site with edited articles swapped in (an edit in place), or
the site built afresh — each with the ``Change`` that pages, related articles and the search index read."""
from __future__ import annotations

import dataclasses
from typing import Iterable

from ..content.article import Article
from ..settings import SiteConfig
from ..site.change import Change, files_of
from ..site.model import Site, positions
from ..site.related import Related
from ..site.taxonomy import build_site, order, retermed_site, substitute_site
from .state import BuildState


def substitute(state: BuildState, articles: list[Article], edited: Iterable[Article] | None = None
                ) -> tuple[Site, Change] | None:
    """The last build's site with the edited articles swapped in, and the change in place — when the edits
    moved no article in the order or the archive (same files, each edited one keeping its URL, order and
    period); they may have moved between tags, speakers or places.  ``edited``: the articles that may differ
    from the last build's (None: any).  None when the site must be built afresh."""
    old, before = state.site, state.sources
    if old is None or len(articles) != len(before):
        return None
    edits, kinds = [], set()
    for article in (articles if edited is None else edited):
        was = before.get(article.source_path)
        if was is None:
            return None
        if was is not article:
            edits.append((was, article))
            if len(edits) > Related.INCREMENTAL_LIMIT or order(was) != order(article):
                return None
            kinds.update(kind for kind, changed in (("tags", was.tags != article.tags),
                                                    ("speakers", was.speaker != article.speaker),
                                                    ("locations", was.location != article.location)) if changed)
    swap = {id(was): article for was, article in edits if not article.draft}
    if not swap:
        return old, Change(edited=())
    site = substitute_site(old, swap, dict(old.related))
    moved: frozenset[str] = frozenset()
    if kinds:
        regrouped = retermed_site(site, kinds)
        if regrouped is None:
            return None
        site, moved = regrouped
    numbers = positions(old.articles, {ident: article.sort_key for ident, article in swap.items()})
    related_changed = state.related.substitute(site.articles, numbers, site.related)
    return site, Change(edited=tuple(numbers), focus=frozenset(id(article) for article in swap.values()),
                        related_changed=frozenset(related_changed), terms_moved=moved)


def fresh_site(state: BuildState, config: SiteConfig, articles: list[Article], glossary: dict[str, str]
                ) -> tuple[Site, Change]:
    """The site built from the articles, and how their order changed since the last build's (related
    articles are patched by it)."""
    site = build_site(config, articles, glossary, related=None)
    change = Change(files_of(state.site.articles) if state.site is not None else (), files_of(site.articles))
    return dataclasses.replace(site, related=state.related(site.articles, change)), change
