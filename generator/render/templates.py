"""The template environment: the site's templates over the default theme, the filters they use, and
the digest that says when they changed."""
from __future__ import annotations

import json
import os
import re
import weakref
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
import jinja2.meta
import jinja2.nodes
from markupsafe import Markup, escape

from ..cache import content_key
from ..lang.text import index_letter, matches_at_word_start, word_pattern
from ..project import DEFAULT_THEME


def own_templates(site_templates: Path) -> bool:
    """Whether a site overrides templates: its ``templates/`` holds a file and is not the default theme
    itself (in this repository, ``templates/`` *is* the default theme)."""
    if not site_templates.is_dir() or site_templates.resolve() == DEFAULT_THEME:
        return False
    return any(files for _, _, files in os.walk(site_templates))


def make_environment(site_templates: Path, cache: Path | None = None) -> jinja2.Environment:
    """Site templates first, then the default theme; everything autoescaped.  ``cache``: a folder where
    compiled templates are kept between runs (each checked against its source)."""
    own = own_templates(site_templates)
    loaders = [jinja2.FileSystemLoader(str(site_templates))] if own else []
    default = jinja2.FileSystemLoader(str(DEFAULT_THEME))
    # ("default/base.html" is the default theme's whatever the site overrides: a site's own base.html may
    # extend it and replace one block of every page.)
    loaders += [default, jinja2.PrefixLoader({"default": default})]
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=jinja2.select_autoescape(["html", "xml"], default_for_string=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=_bytecode_cache(cache) if cache else None,
        # (a build makes a new environment and keeps the last one only while the templates' digest is the
        # same: nothing to look at on disk at each page)
        auto_reload=False,
    )
    env.extend(theme_only=not own)  # whether every template is the default theme's (``Renderer.once``)
    env.filters["tojson_safe"] = _json_for_script
    env.filters["abbreviate"] = _abbreviate
    env.filters["host"] = lambda url: (urlsplit(url).hostname or url).removeprefix("www.")
    env.filters["groupby_letter"] = _by_letter
    return env


def _by_letter(terms, places: bool = False) -> list[tuple[str, list]]:
    """Terms (already in index order) in runs by the letter an index files them under."""
    groups: list[tuple[str, list]] = []
    for term in terms:
        letter = index_letter(term.name, places)
        if not groups or groups[-1][0] != letter:
            groups.append((letter, []))
        groups[-1][1].append(term)
    return groups


def _bytecode_cache(folder: Path) -> jinja2.FileSystemBytecodeCache:
    folder.mkdir(parents=True, exist_ok=True)
    return jinja2.FileSystemBytecodeCache(str(folder))


_TAG_SPLIT = re.compile(r"(<[^>]+>)")


def _abbreviate(html: str, glossary) -> Markup:
    """Wrap glossary abbreviations of an HTML fragment's text in ``<abbr title>`` (not inside links)."""
    if not glossary:
        return Markup(html)
    expansions = dict(glossary)
    pattern = word_pattern(frozenset(expansions))
    out, depth = [], 0
    for part in _TAG_SPLIT.split(str(html)):
        if part.startswith("<"):
            name = part[1:].split(">")[0].split()[0].lower() if len(part) > 2 else ""
            if name in ("a", "abbr", "code", "pre"):
                depth += 1
            elif name in ("/a", "/abbr", "/code", "/pre"):
                depth = max(0, depth - 1)
            out.append(part)
        elif depth:
            out.append(part)
        else:
            end = 0
            for m in matches_at_word_start(pattern, part):
                out += (part[end:m.start()], f'<abbr title="{escape(expansions[m.group(1)])}">{m.group(1)}</abbr>')
                end = m.end()
            out.append(part[end:])
    return Markup("".join(out))


def _without_nulls(value):
    """``value`` with every dict entry that is None left out, at any depth."""
    if isinstance(value, dict):
        return {key: _without_nulls(item) for key, item in value.items() if item is not None}
    if isinstance(value, (list, tuple)):
        return [_without_nulls(item) for item in value]
    return value


def _json_for_script(value) -> str:
    value = _without_nulls(value)  # (a field the article lacks is left out, not written null)
    text = json.dumps(value, ensure_ascii=False)
    return jinja2.utils.markupsafe.Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


# What XML 1.0 forbids (C0 controls but tab and newlines, surrogates, U+FFFE/U+FFFF), raw or as a character
# reference: scraped text holds them, and one makes a whole feed unreadable to feed readers.  Removed from
# XML outputs only — HTML pages show the text as it is.
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]"
                            r"|&#(?:0*(?:[0-8]|1[124-9]|2\d|3[01])|[xX]0*(?:[0-8bBcCeEfF]|1[0-9a-fA-F]|"
                            r"[dD][89a-fA-F][0-9a-fA-F]{2}|[fF]{3}[eEfF]));")


def xml_safe(xml: str) -> str:
    """``xml`` without the characters XML 1.0 forbids (nor references to them)."""
    return _XML_FORBIDDEN.sub("", xml)


# What a page shows that its key already holds, whatever template shows it: what the page's address and the
# configuration determine (the plan's stamp holds the configuration and the glossary) …
_PAGE_INVARIANT = frozenset({"config", "link", "root", "canonical", "page_path", "term_url", "site", "super", "loop",
                             "self", "caller", "varargs", "kwargs", "range", "dict", "lipsum", "cycler", "joiner",
                             "namespace"})
_SITE_INVARIANT = frozenset({"config", "glossary"})  # (of ``site``: the rest of it changes with any article)
# … and, for one template, its page's own article (the article page's key holds the whole article's digest).
_KEY_HOLDS = {"article.html": frozenset({"article"})}
_TEMPLATE_SUFFIXES = (".html", ".xml", ".txt")


def trusted_overrides(env: jinja2.Environment, site_templates: Path) -> bool:
    """Whether a site's own templates show only what page keys hold — the configuration, the page's
    address, the glossary, an article page's own article —, as an override of the header, the footer or
    the styles does: then pages keep their keys and an edit renders only the pages it changes.  A template
    reading anything else (a listing's articles, ``site.articles``, the build date) may show what no key
    holds, and every page is rendered each build."""
    root = site_templates.resolve()
    for path in sorted(root.rglob("*")):
        if not path.is_file() or path.suffix not in _TEMPLATE_SUFFIXES:
            continue
        name = path.relative_to(root).as_posix()
        try:
            tree = env.parse(path.read_text(encoding="utf-8"))
        except (jinja2.TemplateSyntaxError, UnicodeDecodeError, OSError):
            return False  # (its error shows when it renders)
        allowed = _PAGE_INVARIANT | _KEY_HOLDS.get(name, frozenset())
        if jinja2.meta.find_undeclared_variables(tree) - allowed or not _site_reads_invariant(tree):
            return False
    return True


def _site_reads_invariant(node: jinja2.nodes.Node) -> bool:
    """Whether every use of ``site`` below ``node`` reads an attribute page keys hold (``site.config``)."""
    for child in node.iter_child_nodes():
        if isinstance(child, jinja2.nodes.Name) and child.name == "site":
            return False  # (``site`` itself, passed on or looped over)
        if isinstance(child, jinja2.nodes.Getattr) and isinstance(child.node, jinja2.nodes.Name) \
                and child.node.name == "site":
            if child.attr not in _SITE_INVARIANT:
                return False
            continue
        if not _site_reads_invariant(child):
            return False
    return True


def closures(env: jinja2.Environment) -> Closures:
    """The environment's ``Closures``: made once, so that builds reusing an unchanged environment (the
    preview's) parse no template again."""
    found = _CLOSURES.get(env)
    if found is None:
        found = _CLOSURES[env] = Closures(env)
    return found


class Closures:
    """Each template's digest together with every template it extends, includes or imports, at any depth: a
    page's key holds its template's, so a template change renders again only the pages that use it."""

    def __init__(self, env: jinja2.Environment) -> None:
        self.env, self._digests = env, {}

    def __call__(self, name: str) -> str:
        digest = self._digests.get(name)
        if digest is None:
            names = self._closure(name)
            parts = [part for each in sorted(names) for part in (each, self._source(each))] if names is not None \
                else [templates_digest(self.env)]  # (a template named at run time: any may be used)
            digest = self._digests[name] = content_key(*parts)
        return digest

    def _source(self, name: str) -> str:
        return self.env.loader.get_source(self.env, name)[0]  # type: ignore[union-attr]

    def _closure(self, name: str) -> set[str] | None:
        seen, todo = set(), [name]
        while todo:
            current = todo.pop()
            if current in seen:
                continue
            seen.add(current)
            for referenced in jinja2.meta.find_referenced_templates(self.env.parse(self._source(current))):
                if referenced is None:
                    return None
                todo.append(referenced)
        return seen


_CLOSURES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def templates_digest(env: jinja2.Environment) -> str:
    """A digest of every template the environment can load (a change re-renders cached pages)."""
    parts: list[str] = []
    for loader in env.loader.loaders:  # type: ignore[union-attr]
        if isinstance(loader, jinja2.PrefixLoader):
            continue  # ("default/NAME": the default theme's templates, read already)
        for name in sorted(loader.list_templates()):
            parts += [name, loader.get_source(env, name)[0]]
    return content_key(*parts)
