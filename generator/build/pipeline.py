"""``build``: content → Site model → rendered files in the output folder."""
from __future__ import annotations

import dataclasses
import sys
from pathlib import Path
from typing import Iterable

import jinja2

from ..cache import Cache, content_key
from ..content import body_store
from ..content.article import Article
from ..content.load import duplicate_urls, load_articles, reload_changed, walk_articles
from ..errors import ContentError, OutputRefused
from ..parallel import in_background
from .aliases import record_moves, redirects
from .fonts import font_files
from ..project import DEFAULT_STATIC, DEFAULT_THEME, GENERATOR, Project
from ..render.pages import page_plan, plan_stamp
from ..render.templates import make_environment, own_templates, templates_digest, trusted_overrides
from ..search.index import SearchIndex
from ..settings import SiteConfig, load_config, load_glossary
from ..site.change import Change
from ..site.model import Site
from ..site.related import Related
from ..site.taxonomy import build_site, glossary_entries
from .guard import MARKER, MARKER_TEXT, is_previous_output, output_lock
from .inputs import fixed_date, inputs_digest
from .manifest import manifest_signature
from .model import fresh_site, substitute
from .publish import (Publisher, PublishReport, asset_bytes, load_previous, output_intact,
                      static_files)
from .state import BuildState, SavedState
from .workers import render_all


class BuildError(Exception):
    """The build stopped; ``errors`` name each file, line and problem."""

    def __init__(self, errors: list[ContentError]) -> None:
        self.errors = errors
        super().__init__("\n".join(e.describe() for e in errors))

    def __reduce__(self):  # crosses process boundaries whole (the default would pass the joined text)
        return BuildError, (self.errors,)


def _build_date(site_articles) -> str:
    fixed = fixed_date()
    if fixed:
        return fixed.isoformat()
    dated = [a.date.as_date() for a in site_articles if a.date]
    return max(dated).isoformat() if dated else "2000-01-01"


def _template_error(project: Project, exc: jinja2.TemplateError) -> ContentError:
    name = getattr(exc, "filename", None) or getattr(exc, "name", None) or "templates"
    try:
        name = str(Path(name).resolve().relative_to(project.root.resolve()))
    except ValueError:
        pass
    return ContentError(name, f"template error: {exc.message}", line=getattr(exc, "lineno", None))


def _load_config(project: Project) -> tuple[SiteConfig, dict[str, str]]:
    try:
        return load_config(project.content / "site.yaml"), load_glossary(project.content / "glossary.yaml")
    except ContentError as exc:
        raise BuildError([exc]) from None


def load_site(project: Project) -> Site:
    """Gather: read config and every article into the Site model (or raise BuildError)."""
    config, glossary = _load_config(project)
    articles, errors = load_articles(project.content)
    if errors:
        raise BuildError(errors)
    return build_site(config, articles, glossary, Related())


class Builder:
    """Builds one project's site into one output folder, remembering what it computed for the next build.

    What is remembered — parsed articles, the search postings, related articles,
    speaker profiles and a key per page — lives in memory for ``serve`` and in
    ``.cache/build/state-*.pickle`` for the CLI.  A page whose key is unchanged is
    neither rendered nor written; the search index is patched per changed article.
    """

    def __init__(self, project: Project, output: Path | None = None, in_place: bool = False) -> None:
        self.project = project
        self.target = (output or project.output).resolve()
        self.in_place = in_place
        self.saved = SavedState(project.cache, _name(self.target))
        self.manifest = project.cache / f"outputs-{_name(self.target)}.pickle"
        self.stamp = project.cache / f"inputs-{_name(self.target)}.txt"
        self.state: BuildState | None = None   # None until loaded from disk (CLI) or made by the first build
        self._env: tuple[jinja2.Environment, str] | None = None
        # Whether pages keep their keys: no own templates, or own ones that show only what keys hold
        # (``trusted_overrides``); decided with the environment, when the templates change.
        self._keyed = True
        self._unread: set[str] | None = None  # articles changed since the last listing, by file events
        self._settled = False  # whether the last build succeeded (its listing of the articles holds no error)
        self._published: tuple | None = None  # (manifest signature, digests, generation) of the last publish
        self.incremental = False  # whether the last build swapped edited articles into the last site

    def wait_until_saved(self) -> None:
        """Return once no save of the state is under way (see ``SavedState.in_background``)."""
        self.saved.wait()

    def keep(self) -> bool:
        """Save the state for the next command-line build when it describes the output as it is: no build
        failed half-way through updating it (that leaves none) and no other build wrote the output since.
        A preview session keeps its state in memory only; without this, the first ``build`` after one
        renders and indexes everything again.  True when saved."""
        if self.state is None or self._previous()[1] != self.state.generation:
            return False
        self.saved.save(self.state)
        return True

    def prepare(self) -> None:
        """Hold the saved state in memory when it describes the output and none is held: ``serve`` calls it
        when its first build had nothing to do (and so loaded nothing), that its first edit may not wait for
        the load (10 s at 100,000 articles)."""
        if self.state is not None:
            return
        # (as a build takes a state it does not hold: the saved one, unless the output moved on or lost a file)
        state, previous, generation = self._state_of_output(persist=True)
        if state.site is not None:
            self.state = state
            self._published = (manifest_signature(self.target, self.manifest), previous, generation)
            # The build that found nothing to do listed every article, and they were as this state read them;
            # from here on file events name what changes (``serve`` watches from before that build), so the
            # first edit reads the edited article, not all of them (2.8 s at 100,000 articles).
            self._unread, self._settled = set(), True

    def forget(self) -> None:
        """Drop what this builder keeps in memory (after a build failed for a reason other than the content):
        the next build starts from the saved state, or afresh."""
        self.state, self._env, self._unread, self._settled, self._published = None, None, None, False, None

    def _environment(self) -> tuple[jinja2.Environment, str]:
        """The template environment and its digest; the last one (compiled templates and all) while the
        templates are unchanged."""
        env = make_environment(self.project.templates, self.project.cache / "templates")
        digest = templates_digest(env)
        if self._env is not None and self._env[1] == digest:
            return self._env
        self._env = (env, digest)
        self._keyed = not own_templates(self.project.templates) or trusted_overrides(env, self.project.templates)
        return self._env

    def _note_changes(self, changed: Iterable[str] | None) -> None:
        """Remember which articles file-system events say changed (``None``: unknown, walk them all)."""
        if changed is None or self._unread is None:
            self._unread = None
            return
        articles = self.project.content.resolve() / "articles"
        for path in changed:
            try:
                relpath = Path(path).resolve().relative_to(articles)
            except ValueError:
                continue  # not an article: configuration, templates and static files are read every build
            if relpath.suffix != ".md" or any(part.startswith(".") for part in relpath.parts) or Path(path).is_dir():
                self._unread = None  # a folder came or went: walk them all
                return
            self._unread.add("articles/" + relpath.as_posix())

    def _load(self, state: BuildState, cache: Cache, seen: dict, unread: set[str] | None, listing: list | None
              ) -> tuple[dict[str, Article], Iterable[Article] | None]:
        """Every article by file, and those that may differ from the last build's (None: any of them);
        raises BuildError.  ``unread``: the only articles that may have changed, from file events."""
        content, before = self.project.content, state.sources
        reread = reload_changed(content, cache, seen, unread) if unread is not None and before else None
        self._unread = set()
        if reread is None:
            articles, errors = load_articles(content, cache, seen, unread, listing)
            if errors:
                raise BuildError(errors)
            return {article.source_path: article for article in articles}, None
        errors = [error for error in reread.values() if isinstance(error, ContentError)]
        if errors:
            raise BuildError(errors)
        sources = before | reread  # every other article as the last build had it, in the same order
        if any(article.url != before[path].url for path, article in reread.items()):
            errors = duplicate_urls(content, list(sources.values()))
            if errors:
                raise BuildError(errors)
        return sources, reread.values()  # type: ignore[return-value]

    def _previous(self) -> tuple[dict[str, str], str]:
        """The last published output's digests and generation: as this builder left them while the manifest
        on disk is unchanged since (a preview session's builds), else read from it."""
        if self._published is not None and self._published[0] == manifest_signature(self.target, self.manifest):
            return self._published[1], self._published[2]
        return load_previous(self.target, self.manifest, verify=False)

    def build(self, persist: bool = True, changed: Iterable[str] | None = None) -> PublishReport:
        """Build into the output folder, writing only what changed (``persist``: keep the state on disk).

        ``changed``: the files that changed since the last build of this builder, from file-system events;
        then articles not named are not even looked at.  One build at a time per output folder: another
        one (a command line's, a preview's) is waited for."""
        self._check_output()
        with output_lock(self.target, log=lambda message: print(message, file=sys.stderr, flush=True)):
            try:
                return self._build(persist, changed)
            except body_store.MissingBody:  # the body store lost what the state refers to: build afresh
                self.state, self._unread = BuildState(), None
                return self._build(persist, None)

    def _check_output(self) -> None:
        """Refuse an output folder whose contents a build would replace but must not: the project itself, a
        folder of its inputs, or a folder that is not empty and not an output of this tool."""
        target, root = self.target, self.project.root.resolve()
        if target == root or target in root.parents:
            raise OutputRefused(f"{target}: the output folder would hold the whole project ({root}); every "
                                "build replaces its output folder's contents — choose a folder of its own")
        for folder in (self.project.content, self.project.templates, self.project.static, self.project.cache,
                       DEFAULT_THEME, DEFAULT_STATIC, GENERATOR):
            folder = folder.resolve()
            if target == folder or folder in target.parents or target in folder.parents:
                raise OutputRefused(f"{target}: the output folder would replace {folder}, an input of the "
                                    "build; choose another folder (by default: public/ in the project)")
        if not is_previous_output(target, self.manifest):
            raise OutputRefused(f"{target}: not empty, and not an output of this tool (no {MARKER} file in it); "
                                "a build replaces everything in its output folder — build into a new or empty "
                                "folder, or empty this one first")

    def _build(self, persist: bool, changed: Iterable[str] | None) -> PublishReport:
        """Scan inputs → state → load → model and change → plan pages → search files → publish → remember."""
        # Scan inputs: when nothing the build reads has changed since the last build, there is nothing to do.
        self._note_changes(changed)
        listing = walk_articles(self.project.content) if persist else None
        inputs = inputs_digest(self.project, self.target, listing) if listing is not None else ""
        if persist and self.target.is_dir() and self.stamp.is_file() and self.stamp.read_text() == inputs:
            return PublishReport(0, 0, 0, skipped=True)  # nothing the build reads has changed since the last one
        # State: what the last build left, if it still describes the output.
        unread = self._unread if self.state is not None else None
        state, previous, generation = self._state_of_output(persist)
        # Load: only the articles whose files changed are parsed again.
        config, glossary = _load_config(self.project)
        cache = Cache(state.articles)
        settled, self._settled = self._settled, False
        # (This fills caches only: the state stays valid if it fails.)
        sources, edited = self._load(state, cache, state.seen, unread if settled and state.seen else None, listing)
        articles = list(sources.values())
        # Model and change: the edited articles swapped into the last site, or the site built afresh.
        env, templates = self._environment()
        keyed = self._keyed  # (else own templates may show what no page key holds: every page rendered)
        base = (templates, repr(config), glossary_entries(glossary))
        self.state = None  # from here on a failure may leave the state half-updated: start afresh next time
        edit = substitute(state, articles, edited) if keyed and state.base == base else None
        self.incremental = edit is not None
        if edit is None:
            site, change = fresh_site(state, config, articles, glossary)
            build_date = _build_date(site.articles)
        else:  # (no article's date changed: ``order`` holds it)
            (site, change), build_date = edit, state.build_date
        # Addresses that must keep working: the articles' own aliases, and where an edit moved one from.
        # (Edits in place keep every article's address: ``order`` holds it.)
        moved_from = record_moves(self.project.content, state.sources, site.articles, moved=edit is None,
                                  last=state.moves)
        if edit is not None and state.site is not None and moved_from == state.moves:
            # (the same addresses to the same files: the last site's redirects, to the articles as they are now)
            found = tuple((old, sources[article.source_path]) for old, article in state.site.redirects)
        else:  # (looks at every article's aliases: 0.15 s at 100,000)
            found = redirects(site.articles, moved_from)
        site = dataclasses.replace(site, redirects=found)
        # Plan pages, search files, publish: each patched by the same change.
        publisher = Publisher(self.target, self.manifest, previous, in_place=self.in_place, keep=change.in_place,
                              generation=generation)
        try:
            todo, pages = self._plan_pages(state, publisher, previous, site, change, env, build_date, keyed)
            todo += self._search_files(state, publisher, previous, site, change)
            render_all(todo, publisher)
            for relpath, source in static_files(DEFAULT_STATIC, self.project.static).items():
                publisher.put(relpath, asset_bytes(relpath, source.read_bytes()))
            for relpath, data in font_files().items():
                publisher.put(relpath, data)
            publisher.put(MARKER, MARKER_TEXT)  # so that a later build knows this folder is ours to replace
        except jinja2.TemplateError as exc:
            publisher.abort()
            raise BuildError([_template_error(self.project, exc)]) from None
        except BaseException:
            publisher.abort()
            raise
        report = publisher.finish()
        # Remember, for the next build.
        state.moves = moved_from
        self._remember(state, publisher, generation, cache, pages, site, sources, base, build_date, persist, inputs)
        return report

    def _state_of_output(self, persist: bool) -> tuple[BuildState, dict[str, str], str]:
        """The state that describes the output as it is — this builder's, the saved one, or a fresh one — with
        the output's digests and generation."""
        in_memory = self.state is not None
        previous, generation = self._previous()
        # Is every file of that output still there?  Looked at on another core while the state loads.
        intact = in_background(lambda: output_intact(self.target, previous)) if persist or not in_memory else None
        state = self.state if self.state is not None else (self.saved.load() or BuildState())
        if intact is not None and not intact():
            previous, generation = {}, ""  # the output was changed behind our back: rewrite it all
        if not previous or state.generation != generation:
            # The output is not the one this state describes (first build, a preview session wrote it since,
            # someone changed it): keep the parsed articles, render and index everything afresh.
            state = state.afresh()
        return state, previous, generation

    def _plan_pages(self, state: BuildState, publisher: Publisher, previous: dict[str, str], site: Site,
                    change: Change, env: jinja2.Environment, build_date: str, keyed: bool
                    ) -> tuple[list, dict[str, bytes | None]]:
        """The pages to render (path, render) — a page whose key is unchanged is kept as it is — and every
        page's key."""
        old_keys = state.pages
        keys = dict(old_keys) if change.in_place else {}
        todo = []
        plan = page_plan(site, env, build_date, state.profiles, keyed, change,
                         stamp=plan_stamp(site, env) if keyed else None)
        for path, key, render in plan:
            if key is not None and path in previous and old_keys.get(path) == key:
                publisher.put(path, None)
            else:
                todo.append((path, render))
            keys[path] = key
        return todo, keys

    def _search_files(self, state: BuildState, publisher: Publisher, previous: dict[str, str], site: Site,
                      change: Change) -> list:
        """The search index's files: those ready put, those to make on all cores returned (path, make)."""
        search = state.search.files(site, change)
        if any(data is None and path not in previous for path, data in search.items()):
            state.search = SearchIndex()  # the index state and the output disagree: write it afresh
            search = state.search.files(site)
        todo = []
        for path, data in search.items():
            if callable(data):  # made with the pages, on all cores
                todo.append((path, data))
            else:
                publisher.put(path, data)
        return todo

    def _remember(self, state: BuildState, publisher: Publisher, generation: str, cache: Cache, pages: dict,
                  site: Site, sources: dict[str, Article], base: tuple, build_date: str, persist: bool,
                  inputs: str) -> None:
        """Keep what this build computed for the next one: in memory, and on disk for the command line."""
        self._published = (manifest_signature(self.target, self.manifest), publisher.digests,
                           publisher.generation or generation)
        state.articles, state.pages, state.generation = cache.used(), pages, publisher.generation or generation
        state.site, state.sources, state.base, state.build_date = site, sources, base, build_date
        self.state, self._settled = state, True
        if persist:
            self.saved.save(state)
            # The output is complete: a later build with the same inputs has nothing to do, whether or not
            # the state got saved (a build that finds an older state sees it is not the output's and renders
            # everything again).
            self.stamp.write_text(inputs)
        else:
            self.stamp.unlink(missing_ok=True)  # the output moved on without the CLI's state


def build(project: Project, output: Path | None = None, in_place: bool = False) -> PublishReport:
    """Build the site into ``output`` (default ``public/``), writing only what changed."""
    builder = Builder(project, output, in_place)
    return builder.build()


def _name(output: Path) -> str:
    return content_key(str(output.resolve()))[:12]
