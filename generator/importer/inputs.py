"""The articles under ``content/raw``: what each is made from, named by its ``original:``.

Three kinds of file: a plain text (``.txt`` and anything not below), with an optional sidecar
``NAME.meta.yaml`` beside it; a saved HTML page (``.html``, ``.htm``); a batch (``.jsonl``, ``.csv``,
``.tsv``) holding one article per row, named ``raw/FILE#ROW`` (or ``#ID``).  ``discover`` lists them with a
digest of what each is made from (a changed digest means extract again); ``load`` reads one (in a worker)
into its text and the metadata its input states.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from ..content.frontmatter import key_line, load_yaml
from ..errors import ContentError
from .batch import BATCH_SUFFIXES, Batch, BatchError, Row
from .html import read_html
from .metadata import (Metadata, MetadataError, outlet_of, parse_date,
                       text_value, web_address)
from .raw import read_raw

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
SIDECAR = ".meta.yaml"

# A sidecar's keys → (metadata field, how its value is read).
_SIDECAR_KEYS = {
    "title": ("title", text_value), "headline": ("title", text_value),
    "published": ("published", parse_date), "date": ("published", parse_date),
    "modified": ("modified", parse_date), "url": ("url", web_address),
    "source": ("source", text_value), "outlet": ("source", text_value),
    "author": ("author", text_value), "section": ("section", text_value), "category": ("section", text_value),
    "image": ("image", web_address), "image_caption": ("image_caption", text_value),
}


@dataclass(frozen=True)
class Input:
    """One article's input: the file (and row) it is read from."""

    original: str             # ``raw/a.txt``, ``raw/b.jsonl#12``: the article's `original:`
    path: Path
    kind: str                 # "text", "html" or "row"
    digest: str = ""          # of everything it is made from (file, sidecar, row)
    row: Row | None = None
    batch: Batch | None = field(default=None, compare=False)
    sidecar: Path | None = None


def _digest(*parts: bytes) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(len(part).to_bytes(8, "little"))
        h.update(part)
    return h.hexdigest()


def discover(files: list[Path], content: Path, columns: dict[str, tuple[str, ...]], errors: list[str],
             warnings: list[str]) -> list[Input]:
    """The articles of the raw files, in order; a batch's bad rows and a sidecar without its text go to
    ``errors`` / ``warnings`` (``file:line: what is wrong, what to do``)."""
    inputs: list[Input] = []
    present = set(files)
    for path in files:
        original = path.relative_to(content).as_posix()
        name = path.name.lower()
        if name.endswith(SIDECAR):
            if not any(path.with_name(path.name[: -len(SIDECAR)] + s) in present for s in (".txt",) + HTML_SUFFIXES):
                warnings.append(f"{content.name}/{original}: a sidecar with no NAME.txt (or .html) beside it; "
                                "its metadata is not used")
            continue
        sidecar = _sidecar_of(path)
        if path.suffix.lower() in BATCH_SUFFIXES:
            batch = Batch(path, f"{content.name}/{original}", columns)
            try:
                rows = batch.scan(errors, warnings)
            except BatchError as exc:
                errors.append(str(exc))
                continue
            except OSError as exc:
                errors.append(f"{content.name}/{original}: cannot be read ({exc.strerror})")
                continue
            inputs.extend(Input(original if batch.single else f"{original}#{row.key}", path, "row", row.digest, row,
                                batch) for row in rows)
            continue
        extra = sidecar.read_bytes() if sidecar else b""
        kind = "html" if path.suffix.lower() in HTML_SUFFIXES else "text"
        inputs.append(Input(original, path, kind, _digest(path.read_bytes(), extra), sidecar=sidecar))
    return inputs


def _sidecar_of(path: Path) -> Path | None:
    candidate = path.with_name(path.stem + SIDECAR)
    return candidate if candidate.is_file() and path.suffix.lower() not in BATCH_SUFFIXES else None


def load(item: Input, shown: str, warnings: list[str]) -> tuple[str, Metadata]:
    """One article's text and the metadata its input states; RawInputError (or ContentError, for a
    sidecar) when it cannot be an article."""
    if item.kind == "row":
        assert item.batch is not None and item.row is not None
        return item.batch.read_row(item.row, warnings)
    stated = read_sidecar(item.sidecar, shown, warnings) if item.sidecar else Metadata()
    if item.kind == "html":
        text, page = read_html(item.path.read_bytes(), shown, warnings)
        return text, stated.under(page)
    text = read_raw(item.path, warnings, shown=shown)
    if stated.source is None and (outlet := outlet_of(stated.url)):
        stated = stated.under(Metadata(source=outlet, evidence={"source": "the address's host (outlets.yaml)"}))
    return text, stated


def read_sidecar(path: Path, shown: str, warnings: list[str]) -> Metadata:
    """A sidecar's metadata: every key checked (an unknown key or a value that cannot be read is an error
    naming the file and line: the editor wrote it, and means it)."""
    where = str(Path(shown).with_name(path.name))
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise ContentError(where, "not UTF-8 text; save the sidecar as UTF-8") from None
    data = load_yaml(text, where) or {}
    if not isinstance(data, dict):
        raise ContentError(where, "expected `key: value` lines (url, published, title, source …)", line=1)
    values, evidence = {}, {}
    for key, value in data.items():
        line = key_line(text, str(key), first=1)
        if key not in _SIDECAR_KEYS:
            raise ContentError(where, f"unknown key `{key}` (known: {', '.join(_SIDECAR_KEYS)}); rename or remove "
                                      "it", line=line)
        name, parse = _SIDECAR_KEYS[key]
        try:
            parsed = parse(value)
        except MetadataError as exc:
            raise ContentError(where, f"`{key}`: {exc}", line=line) from None
        if parsed is not None and name not in values:
            values[name], evidence[name] = parsed, f"`{key}` in {path.name}"
    return Metadata(**values, evidence=evidence)
