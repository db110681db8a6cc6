"""``build``: content → Site model → rendered files in the output folder."""
from __future__ import annotations

import datetime as _dt
import os
from dataclasses import dataclass
from pathlib import Path

import jinja2

from .config import SiteConfig, load_config
from .content import load_articles
from .errors import ContentError
from .model import Site
from .cache import Cache, code_version, content_key
from .output import PublishReport, publish, static_files
from .render import DEFAULT_THEME, make_environment, render_site
from .search_index import build_search_files
from .tagging import load_glossary
from .taxonomy import build_site

DEFAULT_STATIC = DEFAULT_THEME.parent / "static"


@dataclass(frozen=True)
class Project:
    """Where a site's inputs and output live."""

    root: Path

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def templates(self) -> Path:
        return self.root / "templates"

    @property
    def static(self) -> Path:
        return self.root / "static"

    @property
    def output(self) -> Path:
        return self.root / "public"

    @property
    def cache(self) -> Path:
        return self.root / ".cache" / "build"


class BuildError(Exception):
    """The build stopped; ``errors`` name each file, line and problem."""

    def __init__(self, errors: list[ContentError]) -> None:
        self.errors = errors
        super().__init__("\n".join(e.describe() for e in errors))


def _build_date(site_articles) -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return _dt.datetime.fromtimestamp(int(epoch), _dt.timezone.utc).date().isoformat()
    dated = [a.date.as_date() for a in site_articles if a.date]
    return max(dated).isoformat() if dated else "2000-01-01"


def _template_error(project: Project, exc: jinja2.TemplateError) -> ContentError:
    name = getattr(exc, "filename", None) or getattr(exc, "name", None) or "templates"
    try:
        name = str(Path(name).resolve().relative_to(project.root.resolve()))
    except ValueError:
        pass
    return ContentError(name, f"template error: {exc.message}", line=getattr(exc, "lineno", None))


def load_site(project: Project, cache: Cache | None = None) -> Site:
    """Gather: read config and every article into the Site model (or raise BuildError)."""
    try:
        config: SiteConfig = load_config(project.content / "site.yaml")
        glossary = load_glossary(project.content / "glossary.yaml")
    except ContentError as exc:
        raise BuildError([exc]) from None
    articles, errors = load_articles(project.content, cache)
    if errors:
        raise BuildError(errors)
    return build_site(config, articles, glossary)


def _inputs_digest(project: Project, output: Path) -> str:
    """Hash of everything a build reads: content, templates, static files, the generator itself."""
    parts: list[bytes | str] = [str(output.resolve()), os.environ.get("SOURCE_DATE_EPOCH", ""), code_version()]
    for root in (project.content, project.templates, project.static, DEFAULT_THEME, DEFAULT_STATIC):
        if root.is_dir():
            for path in sorted(root.rglob("*")):
                if path.is_file() and "raw" not in path.relative_to(root).parts[:1]:
                    parts += [path.as_posix(), path.read_bytes()]
    return content_key(*parts)


def build(project: Project, output: Path | None = None, in_place: bool = False) -> PublishReport:
    """Build the site into ``output`` (default ``public/``), writing only what changed."""
    target = output or project.output
    stamp = project.cache / f"inputs-{_name(target)}.txt"
    inputs = _inputs_digest(project, target)
    if target.is_dir() and stamp.is_file() and stamp.read_text() == inputs:
        return PublishReport(0, 0, 0, skipped=True)  # nothing the build reads has changed since the last one
    articles_cache = Cache(project.cache / "articles.pickle")
    terms_cache = Cache(project.cache / "terms.pickle")
    site = load_site(project, articles_cache)
    env = make_environment(project.templates)
    pages_cache = Cache(project.cache / "pages.pickle")
    files = dict(_render(project, site, env, terms_cache, pages_cache))
    for relpath, source in static_files(DEFAULT_STATIC, project.static).items():
        files[relpath] = source.read_bytes()
    report = publish(target, files, project.cache / f"outputs-{_name(target)}.json", in_place=in_place)
    for cache in (articles_cache, terms_cache, pages_cache):
        cache.save()
    stamp.write_text(inputs)
    return report


def _name(output: Path) -> str:
    return content_key(str(output.resolve()))[:12]


def _render(project: Project, site: Site, env: jinja2.Environment, terms_cache: Cache, pages_cache: Cache):
    try:
        yield from render_site(site, env, _build_date(site.articles), pages_cache)
        yield from build_search_files(site, terms_cache).items()
    except jinja2.TemplateError as exc:
        raise BuildError([_template_error(project, exc)]) from None
