"""The command line: import | build | serve | check."""
from __future__ import annotations

import argparse
import datetime as _dt
import os
import sys
import time
from pathlib import Path
from typing import NoReturn

from .build.inputs import fixed_date
from .build.pipeline import Builder, BuildError, load_site
from .content.load import load_articles
from .content.review import review_items
from .errors import ContentError, ToolError
from .lang.text import printable
from .project import Project, command_name

# What the process leaves for its end to drop (see ``run``): a 10,000-article build state is a million objects,
# and freeing them one by one takes longer than rebuilding the pages of one edit.
_LEFT_TO_EXIT: list = []


def _cmd_import(project: Project, args: argparse.Namespace) -> int:
    from .importer.pipeline import ImportLockedError, run_import  # the extraction rules are only needed here

    if args.explain:
        return _explain(project, args.explain)
    try:
        report = run_import(project.content, force=args.force, log=lambda line: print(printable(line)))
    except ImportLockedError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(report.summary())
    if report.review_summary():
        print(report.review_summary())
    return 1 if report.errors else 0


def _explain(project: Project, spec: str) -> int:
    """Each field of one article (a raw file, or a batch row ``FILE#ROW``) with its evidence."""
    from .importer.extract import extract
    from .importer.inputs import discover, load
    from .importer.raw import RawInputError
    from .importer.tags import load_vocabulary
    from .settings import load_import_columns

    file, _, key = spec.partition("#")
    path = Path(file)
    errors: list[str] = []
    warnings: list[str] = []
    try:
        if not path.is_file():
            raise RawInputError(path, "no such file")
        items = discover([path], path.parent, load_import_columns(project.content / "site.yaml"), errors, warnings)
        chosen = [item for item in items if item.original == (f"{path.name}#{key}" if key else path.name)]
        if not chosen:
            rows = ", ".join(item.original.partition("#")[2] for item in items[:5])
            raise RawInputError(path, f"no row #{key} (rows: {rows} …)" if key
                                else f"a batch file: name one row, like {path}#{rows.split(',')[0]}")
        text, meta = load(chosen[0], str(path), warnings)
    except (RawInputError, ContentError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    result = extract(text, load_vocabulary(project.content / "tags.yaml", project.content / "glossary.yaml"), meta)
    for name, finding in (result.fields() | result.stated()).items():
        value = finding.value
        if name == "date" and value is not None:
            value = value.iso or f"(year unknown) date_partial {value.partial}"
        if name == "speaker" and value is not None:
            value = f"{value.name} — {value.title}" if value.title else value.name
        print(f"{name:9} {value}")
        print(f"{'':9} confidence {finding.confidence:.2f}; why: {finding.evidence}")
    for person in result.people:
        print(f"{'people':9} {person.name}" + (f" — {person.title}" if person.title else ""))
    return 0


def _report(exc: BuildError) -> None:
    for error in exc.errors:
        print(f"error: {error.describe()}", file=sys.stderr)
    print(f"build failed: {len(exc.errors)} problem(s); the previous output was left as it was", file=sys.stderr)


def _cmd_build(project: Project, args: argparse.Namespace) -> int:
    started = time.perf_counter()
    output = Path(args.output) if args.output else None
    builder = Builder(project, output)
    builder.saved.in_background = True  # the command ends right after: the state is saved by a process of its own
    _LEFT_TO_EXIT.append(builder)
    try:
        report = builder.build()
    except BuildError as exc:
        _report(exc)
        return 1
    if report.skipped:
        print(f"nothing changed since the last build ({time.perf_counter() - started:.2f} s, 0 files written)")
    else:
        print(f"built {report.total} files into {output or project.output} in {time.perf_counter() - started:.2f} s "
              f"({report.written} written, {report.removed} removed)")
    return 0


def _cmd_check(project: Project, args: argparse.Namespace) -> int:
    # The import's settings: checked too, though the build does not read them.
    from .importer.tags import load_vocabulary

    try:
        load_vocabulary(project.content / "tags.yaml", project.content / "glossary.yaml")
        site = load_site(project)
    except (BuildError, ContentError) as exc:
        errors = exc.errors if isinstance(exc, BuildError) else [exc]
        for error in errors:
            print(f"error: {error.describe()}", file=sys.stderr)
        print(f"check: {len(errors)} problem(s)", file=sys.stderr)
        return 1
    print(f"check: {len(site.articles)} articles OK")
    today = _build_day()
    for article in site.articles:
        if article.date and article.date.as_date() > today:
            print(printable(f"warning: content/{article.source_path}: dated {article.date.iso()}, after today "
                            f"({today.isoformat()}) — check the year"))
    queue = review_items(project.content, site.articles)
    if queue:
        print(f"check: {sum(map(len, queue))} field(s) to review in {len(queue)} article(s) — run {command_name()} review")
    return 0


def _build_day() -> _dt.date:
    return fixed_date() or _dt.datetime.now(_dt.timezone.utc).date()


def _cmd_review(project: Project, args: argparse.Namespace) -> int:
    articles, errors = load_articles(project.content)
    if errors:
        _report(BuildError(errors))
        return 1
    queue = review_items(project.content, articles)
    for items in queue:
        print(printable(f"content/{items[0].path}"))
        for item in items:
            sure = f"{item.confidence:.2f}" if item.confidence is not None else "  – "
            print(printable(f"  {item.field:9} {item.value}\n  {'':9} confidence {sure}; why: {item.evidence}"))
    fields = sum(map(len, queue))
    print(f"{fields} field(s) to review in {len(queue)} article(s)" + (
        ": correct a field if it is wrong, then delete it from the article's `review:` list" if fields else ""))
    return 0


def _cmd_search(project: Project, args: argparse.Namespace) -> int:
    from .lang.text import slugify
    from .search.whoosh_index import search  # whoosh is only needed here

    try:
        site = load_site(project)
    except BuildError as exc:
        _report(exc)
        return 1
    filters = {"tag": args.tag, "speaker_slug": args.speaker, "location_slug": args.location, "year": args.year}
    filters = {k: (v if k == "year" else slugify(v)) for k, v in filters.items() if v}
    found = search(site, project.root / ".cache" / "whoosh", args.query, filters, limit=args.limit)
    if found.words:
        held, asked = found.words
        print(f"no article holds every word of {args.query!r}: {found.count} hold {held} of the {asked}"
              + (", in any spelling" if found.relaxed else ""))
    elif found.relaxed:
        print(f"no article writes {args.query!r} with these marks: {found.count} in any spelling")
    elif found.hits:
        print(f"{found.count} results for {args.query!r}")
    for number, hit in enumerate(found.hits, start=1):
        print(f"{number:2}. {hit.title}\n    {hit.date} · {hit.url} · score {hit.score}")
    if not found.hits:
        print(f"no results for {args.query!r}")
    return 0


def _cmd_init(project: Project, args: argparse.Namespace) -> int:
    from .scaffold import init_project

    folder = args.dir if args.dir is not None else project.root
    written = init_project(folder)
    print(f"new archive in {folder}: {len(written)} files written. Put raw articles in content/raw/, then run "
          f"{command_name()} import and {command_name()} serve (see {folder / 'README.md'})")
    return 0


def _cmd_serve(project: Project, args: argparse.Namespace) -> int:
    from .serve import serve  # livereload/tornado are only needed here

    return serve(project, port=args.port)


def run(default_root: Path) -> NoReturn:
    """The program (``build.py``): ``main``, then the process ends at once — its memory is not freed object by
    object first (nothing is left unwritten: the output is flushed, files are closed, workers have ended)."""
    code = main(default_root=default_root)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def console() -> NoReturn:
    """The installed command (``vn-archive``): the project is the current folder unless ``--root`` says."""
    run(default_root=Path.cwd())


def version() -> str:
    """The installed distribution's version (this repository's pyproject.toml when run from it)."""
    from importlib import metadata

    try:
        return metadata.version("vn-archive")
    except metadata.PackageNotFoundError:
        return "0.0.0+unknown"


def _port(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number (1–65535)")
    return int(text)


def main(argv: list[str] | None = None, default_root: Path | None = None) -> int:
    """Parse arguments and run one command; returns the exit code."""
    parser = argparse.ArgumentParser(prog=command_name(), description="Vietnamese news archive: import, build, preview.")
    parser.add_argument("--root", type=Path, default=default_root or Path.cwd(),
                        help="project folder holding content/, templates/, static/ (default: this repository)")
    parser.add_argument("--version", action="version", version=f"%(prog)s {version()}")
    commands = parser.add_subparsers(dest="command", required=True)
    p_import = commands.add_parser("import", help="raw texts in content/raw → Markdown in content/articles")
    p_import.add_argument("--force", action="store_true", help="overwrite articles edited by hand")
    p_import.add_argument("--explain", metavar="FILE", help="print each extracted field of FILE (or of a batch row, FILE#ROW) with its evidence")
    p_build = commands.add_parser("build", help="content/articles → the static site in public/")
    p_build.add_argument("--output", help="output folder (default: public/ in the project)")
    p_serve = commands.add_parser("serve", help="preview on 127.0.0.1 with live reload")
    p_serve.add_argument("--port", type=_port, default=8000)
    commands.add_parser("check", help="validate content without building")
    commands.add_parser("review", help="list the imported fields an editor should check, most doubtful first")
    p_init = commands.add_parser("init", help="start a new archive in DIR (default: the project folder)")
    p_init.add_argument("dir", nargs="?", type=Path, help="the new archive's folder")
    p_search = commands.add_parser("search", help="search the archive from the command line (whoosh, BM25F)")
    p_search.add_argument("query")
    p_search.add_argument("--tag")
    p_search.add_argument("--speaker")
    p_search.add_argument("--location")
    p_search.add_argument("--year")
    p_search.add_argument("--limit", type=int, default=10)
    args = parser.parse_args(argv)
    project = Project(args.root.resolve())
    handlers = {"import": _cmd_import, "build": _cmd_build, "serve": _cmd_serve, "check": _cmd_check,
                "review": _cmd_review, "search": _cmd_search, "init": _cmd_init}
    try:
        return handlers[args.command](project, args)
    except (ContentError, ToolError) as exc:
        print(f"error: {exc.describe()}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except OSError as exc:  # the disk is full, a folder is not writable …: the system's words, and the file
        where = f"{exc.filename}: " if exc.filename else ""
        print(printable(f"error: {where}{exc.strerror or exc}; the previous output was left as it was — free "
                        "space or fix the permissions, then run the command again"), file=sys.stderr)
        return 1
    except Exception as exc:  # a bug of ours: one clear line unless the developer asks for the traceback
        if os.environ.get("VN_ARCHIVE_DEBUG"):
            raise
        print(f"internal error: {type(exc).__name__}: {exc} (set VN_ARCHIVE_DEBUG=1 for the traceback; "
              "the previous output was left as it was)", file=sys.stderr)
        return 2
