"""``import``: content/raw/*.txt → content/articles/…/<slug>.md, never clobbering edits.

Each Markdown file the importer writes is recorded with the hash of its bytes in
``content/.import-state.json``.  On the next run a file whose bytes no longer
match that hash was edited by a person and is left alone (unless ``force``).
The record also holds a key of what the article was made from — the raw file's
bytes, the generator's code and the vocabulary (``tags.yaml``, ``glossary.yaml``)
— so a raw file whose key is unchanged, with its article as written, is not
extracted again: a second import of 10,000 articles reads files, nothing more.
"""
from __future__ import annotations

import contextlib
import datetime as _dt
import fcntl
import functools
import hashlib
import json
import os
import posixpath
import re
from pathlib import Path
from typing import Iterator

from ..cache import code_version, content_key
from ..content.frontmatter import RECORD_FILE, dump_document
from ..errors import ContentError
from ..lang.text import slugify
from ..parallel import imap_all
from ..settings import load_import_columns
from .extract import Extraction, extract
from .inputs import Input, discover, load
from .raw import RawInputError
from .report import ImportReport
from .review import to_review
from .tags import Vocabulary, load_vocabulary

STATE_FILE = RECORD_FILE
# What an input states that goes into the front matter as it is (title, date and source go through the rules).
STATED_FIELDS = ("url", "published", "author", "section", "image", "image_caption")
LOCK_FILE = ".import.lock"


class ImportLockedError(RuntimeError):
    """Another import is running on the same content folder."""


@contextlib.contextmanager
def _lock(content: Path) -> Iterator[None]:
    content.mkdir(parents=True, exist_ok=True)
    with open(content / LOCK_FILE, "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise ImportLockedError(
                f"{content / LOCK_FILE}: another import is running on this folder; wait for it to finish"
            ) from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def front_matter_fields(result: Extraction, original: str) -> dict:
    """The front-matter mapping for one extraction, in contract order; ``review`` lists the fields an editor
    should check, when there are any."""
    date_value = result.date.value
    iso = date_value.iso if date_value else None
    date: object = iso
    if iso and len(iso) == 10:
        date = _dt.date.fromisoformat(iso)
    speaker = result.speaker.value
    return {
        "title": result.title.value,
        "date": date,
        "date_partial": date_value.partial if date_value else None,
        "speaker": speaker.name if speaker else None,
        "speaker_title": speaker.title if speaker else None,
        "location": result.location.value,
        "tags": list(result.tags.value),
        "people": [{"name": p.name, "title": p.title} for p in result.people],
        "source": result.source.value,
        "summary": result.summary.value,
        "draft": False,
        "original": original,
    } | {name: value for name, value in result.meta.stated().items() if name in STATED_FIELDS} \
      | ({"review": list(flagged)} if (flagged := to_review(result.fields())) else {})


def article_relpath(fields: dict) -> str:
    """``articles/YYYY/MM/slug.md`` (or ``YYYY/slug.md``, ``undated/slug.md``)."""
    slug = slugify(fields["title"])
    date = fields["date"]
    if date is None:
        return f"articles/undated/{slug}.md"
    iso = date.isoformat() if isinstance(date, _dt.date) else str(date)
    if len(iso) >= 7:
        return f"articles/{iso[:4]}/{iso[5:7]}/{slug}.md"
    return f"articles/{iso[:4]}/{slug}.md"


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp{os.getpid()}")
    tmp.write_bytes(data)
    os.replace(tmp, path)


_LEFTOVER = re.compile(r"^\..+\.tmp\d+$")  # what _write_atomic writes first


def _remove_leftovers(content: Path) -> None:
    """Remove the half-written files of an import that was killed (the caller holds the import lock, so
    none of them is being written)."""
    for folder, _, names in os.walk(content):
        for name in names:
            if _LEFTOVER.match(name):
                os.unlink(os.path.join(folder, name))


def _unique(relpath: str, taken: set[str], content: Path) -> str:
    """``relpath``, or ``…-2.md`` and so on: a path no other article of the importer has, and where no file
    is (a person's own article at that path is theirs, not one to overwrite or to call edited)."""
    candidate, n = relpath, 2
    while candidate in taken or (content / candidate).exists():
        candidate = relpath[:-3] + f"-{n}.md"
        n += 1
    return candidate


_ORIGINAL = re.compile(r"^original: *['\"]?([^'\"\n]+?)['\"]? *$", re.M)


def _originals(content: Path) -> dict[str, str]:
    """Each article's ``original:`` (the raw file it came from) → the article's path, for articles wherever
    a person put them."""
    found: dict[str, str] = {}
    for path in sorted((content / "articles").rglob("*.md")):
        try:
            head = path.read_bytes()[:65536].decode("utf-8", "replace").split("\n---", 1)[0]
        except OSError:
            continue
        match = _ORIGINAL.search(head)
        if match:
            found.setdefault(match.group(1), path.relative_to(content).as_posix())
    return found


def _valid_entry(entry: object) -> bool:
    if not isinstance(entry, dict) or not isinstance(entry.get("article"), str):
        return False
    article = entry["article"]
    return (article.startswith("articles/") and article.endswith(".md") and posixpath.normpath(article) == article
            and "\\" not in article and "\x00" not in article)


def _load_state(content: Path, report: ImportReport, log) -> dict:
    """The import's record (raw file → the article written from it, its digest, its input), checked: a
    damaged file is rebuilt from the articles' ``original:`` fields, and an entry naming a path outside
    ``content/articles`` is dropped — each with a warning."""
    path = content / STATE_FILE

    def warn(message: str) -> None:
        report.warn(f"{content.name}/{STATE_FILE}: {message}", log)

    if not path.exists():
        return {}
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(state, dict):
            raise ValueError("not a JSON object")
    except (ValueError, UnicodeDecodeError) as exc:
        warn(f"damaged ({exc}); rebuilt from the articles' `original:` fields — every article found is "
             "treated as edited by hand (import --force rewrites them)")
        return {original: {"article": article, "sha256": "", "from": ""}
                for original, article in _originals(content).items()}
    for original, entry in list(state.items()):
        if not _valid_entry(entry):
            warn(f"the entry for {original!r} names no article inside content/articles; dropped")
            del state[original]
    return state


def _prepare(vocabulary: Vocabulary, item: Input) -> tuple[str, str | tuple[dict, str], list[str]]:
    """Read, extract and write out one article (in a worker): its front matter and its Markdown document,
    or the error message; and the warnings of reading it."""
    original = item.original
    warnings: list[str] = []
    try:
        text, meta = load(item, f"content/{original}", warnings)
    except (RawInputError, ContentError) as exc:
        return original, str(exc), warnings
    result = extract(text, vocabulary, meta)
    fields = front_matter_fields(result, original)
    return original, (fields, dump_document(fields, result.body), to_review(result.fields())), warnings


def _as_written(content: Path, entry: dict | None) -> bool:
    """Whether the article of a state entry is still the file the importer wrote."""
    try:
        return entry is not None and _sha((content / entry["article"]).read_bytes()) == entry["sha256"]
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return False


def _raw_files(content: Path, report: ImportReport, log) -> list[Path]:
    """Every raw file under ``content/raw``, sorted.  Not followed: a symbolic link out of ``content/raw``
    (an import would publish whatever it points at), a broken one; a file name that is not UTF-8 cannot be
    named in an article's ``original:``.  Each is reported and skipped."""
    raw_dir = content / "raw"
    inside = raw_dir.resolve()
    found = []

    def skip(path: Path, why: str) -> None:
        shown = os.fsencode(path.relative_to(content)).decode("utf-8", "backslashreplace")
        report.fail(f"{content.name}/{shown}: {why}; not imported", log)

    for folder, dirnames, filenames in os.walk(raw_dir):  # (not into linked folders)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in filenames:
            path = Path(folder, name)
            if name.startswith("."):
                continue
            try:
                name.encode("utf-8")
            except UnicodeEncodeError:
                skip(path, "the file name is not UTF-8 text; rename the file")
                continue
            if path.is_symlink():
                try:
                    target = path.resolve(strict=True)
                except (OSError, RuntimeError):
                    skip(path, "a broken symbolic link (or a loop of them)")
                    continue
                if inside not in target.parents:
                    skip(path, f"a symbolic link to {target}, outside content/raw; copy the file in instead")
                    continue
            if path.is_file():
                found.append(path)
    return sorted(found)


def run_import(content: Path, force: bool = False, log=print) -> ImportReport:
    """Import every raw file; returns the report (errors don't stop the others)."""
    report = ImportReport()
    with _lock(content):
        _remove_leftovers(content)
        run = _Run(content, force, report, log)
        vocabulary_files = [content / "tags.yaml", content / "glossary.yaml"]
        vocabulary = load_vocabulary(*vocabulary_files)
        columns = load_import_columns(content / "site.yaml")
        made_by = content_key(code_version(), repr(sorted(columns.items())),
                              *(f.read_bytes() if f.is_file() else b"" for f in vocabulary_files))
        errors: list[str] = []
        warnings: list[str] = []
        inputs = discover(_raw_files(content, report, log), content, columns, errors, warnings)
        for message in warnings:
            report.warn(message, log)
        for message in errors:
            report.fail(message, log)
        todo = run.plan(inputs, made_by)
        prepared = imap_all(functools.partial(_prepare, vocabulary), todo, "importing")
        with contextlib.closing(prepared):  # a failure below stops the workers at once
            for original, outcome, warnings in prepared:
                run.write(original, outcome, warnings)
        run.save()
    return report


class _Run:
    """One import: the record of what the importer wrote (raw file → article, digests), kept up to date."""

    def __init__(self, content: Path, force: bool, report: ImportReport, log) -> None:
        self.content, self.force, self.report, self.log = content, force, report, log
        self.state = _load_state(content, report, log)
        self.taken = {entry["article"] for entry in self.state.values()}  # article paths in use
        self.sources: dict[str, str] = {}  # raw file → the digest of its bytes and of the code reading them
        self._originals: dict[str, str] | None = None  # (read once, the first time an article is missing)

    def originals(self) -> dict[str, str]:
        """Each article's ``original:`` field: the raw file it says it came from."""
        if self._originals is None:
            self._originals = _originals(self.content)
        return self._originals

    def plan(self, inputs: list[Input], made_by: str) -> list[Input]:
        """The articles to extract: not those unchanged since, nor those whose article a person deleted."""
        content, state, taken, todo = self.content, self.state, self.taken, []
        for item in inputs:
            original = item.original
            self.sources[original] = source = content_key(item.digest, made_by)
            entry = state.get(original)
            if entry is None:  # new to the record — or the record was lost: an article may say it came from here
                claimed = self.originals().get(original)
                if claimed and claimed not in taken:
                    # (its digest unknown: unless its bytes are the ones the importer makes now, it is kept)
                    entry = state[original] = {"article": claimed, "sha256": "", "from": ""}
                    taken.add(claimed)
            if entry and not (content / entry["article"]).exists() and not self.force:
                # A person moved or deleted the article: follow a move (its `original:` says where it went),
                # respect a deletion — the importer does not bring it back.
                moved = self.originals().get(original)
                if moved is None or moved in taken - {entry["article"]}:
                    self.report.kept_deleted.append(entry["article"])  # (its entry stays: still deleted next time)
                    continue
                taken.discard(entry["article"])
                entry["article"] = moved
                taken.add(moved)
            if not self.force and entry and entry.get("from") == source and _as_written(content, entry):
                self.report.unchanged.append(entry["article"])  # same input, same code: the same article
                continue
            todo.append(item)
        return todo

    def write(self, original: str, outcome, warnings: list[str]) -> None:
        """One extracted article written — unless a person edited the file since the importer wrote it."""
        report, log = self.report, self.log
        for warning in warnings:
            report.warn(warning, log)
        if isinstance(outcome, str):
            report.fail(outcome, log)
            return
        fields, document, review = outcome
        entry = self.state.get(original)
        relpath = entry["article"] if entry else _unique(article_relpath(fields), self.taken, self.content)
        self.taken.add(relpath)
        data = document.encode("utf-8")
        record = {"article": relpath, "sha256": _sha(data), "from": self.sources[original]}
        if review:  # why each field is to be checked, for `build.py review` and the preview
            record["review"] = {name: list(note) for name, note in review.items()}
        target = self.content / relpath
        if target.exists():
            current = target.read_bytes()
            if current == data:
                report.unchanged.append(relpath)
                self.state[original] = record
                return
            if not self.force and entry is not None and entry.get("sha256") != _sha(current):
                report.skipped_edited.append(relpath)
                log(f"kept {relpath}: it was edited by hand (use --force to overwrite it)")
                return
        _write_atomic(target, data)
        self.state[original] = record
        report.written.append(relpath)
        if fields["date"] is None:
            report.undated.append(relpath)
        if review:
            report.to_review[relpath] = list(review)

    def save(self) -> None:
        """The record, written when it changed."""
        state_path = self.content / STATE_FILE
        new_state = (json.dumps(self.state, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode()
        if not state_path.exists() or state_path.read_bytes() != new_state:
            _write_atomic(state_path, new_state)

