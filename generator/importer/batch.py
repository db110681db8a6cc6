"""Batch files: one article per JSON Lines line or CSV/TSV row, its text and the metadata columns beside it.

The parent scans a batch once, streaming (``scan``): for each row its place in the file (byte offset and
length, first line), its id and a digest of its bytes — never the rows themselves, so a 100 MB batch costs
the parent a few numbers per row.  A worker reads its row back from the file (``read_row``).  Each row is
one article, named ``raw/FILE#ROW`` (the row's line in a JSONL file, its number among the data rows of a
CSV/TSV file) or ``raw/FILE#ID`` when the batch has an id column.
"""
from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from .metadata import (Metadata, MetadataError, outlet_of, parse_date,
                       text_value, web_address)
from .raw import RawInputError, clean_text, decode_bytes

BATCH_SUFFIXES = (".jsonl", ".ndjson", ".json", ".csv", ".tsv")

# What each field is called in the batches of the usual scrapers (Scrapy feeds, news-please, trafilatura,
# spreadsheet exports); ``import_columns`` in site.yaml names others.  The first one a row has is used.
DEFAULT_COLUMNS: dict[str, tuple[str, ...]] = {
    "text": ("text", "content", "body", "maintext", "article", "raw_text", "noi_dung"),
    "title": ("title", "headline", "tieu_de"),
    "url": ("url", "link", "source_url", "canonical_url", "href"),
    "date": ("date", "published", "publish_date", "date_publish", "published_at", "pubdate", "datetime",
             "time", "ngay"),
    "modified": ("modified", "date_modify", "updated", "updated_at"),
    # (trafilatura's JSON calls the address "source" and the site "source-hostname": an address there names
    # the outlet by its host, and is the article's url when no other column gives one)
    "source": ("source", "outlet", "site", "sitename", "site_name", "source-hostname", "source_domain",
               "hostname", "publisher"),
    "category": ("category", "section", "categories", "chuyen_muc"),  # ("a;b": the first)
    "author": ("author", "authors", "byline"),
    "image": ("image", "image_url", "top_image"),
    "id": ("id", "guid", "uuid", "article_id", "doc_id"),
}
TEXT_LIMIT = 20_000_000  # characters in one field: past this a row is not an article (and csv refuses it)


@dataclass(frozen=True)
class Row:
    """Where one row of a batch is, without its content."""

    line: int     # the file line the row starts on (1-based)
    number: int   # the row's number: its line in JSONL, its place among the data rows of CSV/TSV
    offset: int
    length: int
    key: str      # ``#``-part of the article's ``original:``: the id, or the row's number
    digest: str   # sha256 of the row's bytes (and the header's, for CSV/TSV)


class BatchError(ValueError):
    """A batch file whose rows cannot be read at all (no text column, no header)."""


def _sniff_kind(path: Path) -> str:
    suffix = path.suffix.lower()
    return {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json", ".tsv": "tsv"}.get(suffix, "csv")


def _lines(handle) -> Iterator[tuple[int, bytes]]:
    """(offset, line) for each line of a binary file, streaming."""
    offset = 0
    for line in handle:
        yield offset, line
        offset += len(line)


def _decode(line: bytes, shown: str, number: int, warnings: list[str]) -> str:
    try:
        return line.decode("utf-8-sig" if number == 1 else "utf-8")
    except UnicodeDecodeError:
        return decode_bytes(line, f"{shown}:{number}", warnings)


class Batch:
    """One batch file: its kind, its header (CSV/TSV) and the column each field is read from."""

    def __init__(self, path: Path, shown: str, columns: dict[str, tuple[str, ...]] | None = None) -> None:
        self.path, self.shown, self.kind = path, shown, _sniff_kind(path)
        self.columns = {name: tuple(columns.get(name, ())) + DEFAULT_COLUMNS[name] if columns else DEFAULT_COLUMNS[name]
                        for name in DEFAULT_COLUMNS}
        self.header: list[str] | None = None
        self.header_bytes = b""
        self.single = False  # a .json file holding one article (not an array)

    def scan(self, errors: list[str], warnings: list[str]) -> list[Row]:
        """Every row's place, id and digest; a row that cannot be an article is reported in ``errors``
        (``file:line: what is wrong, what to do``) and left out — the others are kept."""
        rows: list[Row] = []
        seen: dict[str, int] = {}
        with open(self.path, "rb") as handle:
            if handle.read(2) in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
                raise BatchError(f"{self.shown}:1: UTF-16 text; save the batch as UTF-8 (one row per line)")
            handle.seek(0)
            records = self._records(handle, warnings)
            for line, number, offset, data, record in records:
                problem = self.problem(record)
                if problem:
                    errors.append(f"{self.shown}:{line}: {problem}")
                    continue
                ident = text_value(self.value(record, "id"))
                if ident is not None:
                    ident = _safe_key(ident)
                    if ident in seen:
                        errors.append(f"{self.shown}:{line}: id {ident!r} is also the id of the row on line "
                                      f"{seen[ident]}; give each row its own id (this row is not imported)")
                        continue
                    seen[ident] = line
                digest = hashlib.sha256(self.header_bytes + data).hexdigest()
                rows.append(Row(line, number, offset, len(data), ident or str(number), digest))
        return rows

    def _records(self, handle, warnings: list[str]) -> Iterator[tuple[int, int, int, bytes, object]]:
        """(first line, row number, offset, bytes, parsed record or the parse error) for each row."""
        if self.kind == "json":
            yield from self._json_records(handle.read(), warnings)
            return
        if self.kind == "jsonl":
            for number, (offset, data) in enumerate(_lines(handle), 1):
                if not data.strip():
                    continue
                text = _decode(data, self.shown, number, warnings)
                try:
                    record = json.loads(text)
                except ValueError as exc:
                    record = JsonProblem(f"not a JSON object ({exc.args[0].split(':')[0]}); fix the line "
                                         "(one JSON object per line)")
                yield number, number, offset, data, record
            return
        # CSV: a row may span lines (a quoted text with line breaks): lines are gathered until the quotes
        # balance (RFC 4180 doubles a quote inside a field).  TSV has no quoting: a row is a line, its line
        # breaks and tabs written \n and \t.
        line_number, row_number, pending, start, first_line = 0, 0, b"", 0, 1
        for offset, data in _lines(handle):
            line_number += 1
            if not pending:
                start, first_line = offset, line_number
            pending += data
            if self.kind == "csv" and pending.count(b'"') % 2:  # inside a quoted field: the row goes on
                continue
            text = _decode(pending, self.shown, first_line, warnings)
            block, pending = pending, b""
            if not text.strip():
                continue
            fields = self.fields(text)
            if self.header is None:
                self.header = [_column_name(f) for f in fields]
                self.header_bytes = block
                if self.field_column("text") is None:
                    raise BatchError(f"{self.shown}:{first_line}: no text column in the header "
                                     f"({', '.join(self.header) or 'empty'}); name it `text` (or `content`, "
                                     "`body`), or map yours with `import_columns: {text: NAME}` in site.yaml")
                continue
            row_number += 1
            if len(fields) != len(self.header):
                record: object = JsonProblem(f"{len(fields)} columns where the header has {len(self.header)}; "
                                             + ("a tab inside a field must be written \\t" if self.kind == "tsv"
                                                else "quote fields that hold a comma"))
            else:
                record = dict(zip(self.header, fields))
            yield first_line, row_number, start, block, record
        if pending:
            row_number += 1
            yield first_line, row_number, start, pending, JsonProblem(
                "a quoted field is never closed (an odd number of \" characters); close the quote")

    def fields(self, text: str) -> list[str]:
        """The fields of one CSV/TSV row."""
        if self.kind == "tsv":
            return [_TSV_ESCAPE.sub(lambda m: _TSV_CHARS[m.group(0)], f) if "\\" in f else f
                    for f in text.rstrip("\r\n").split("\t")]
        csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
        parsed = list(csv.reader(io.StringIO(text)))
        return parsed[0] if parsed else []

    def _json_records(self, data: bytes, warnings: list[str]) -> Iterator[tuple[int, int, int, bytes, object]]:
        """A ``.json`` file: one article (an object, as news-please writes one per file) or an array of them
        (Scrapy's ``-o items.json``).  Read whole — JSON Lines is the form for big batches."""
        text = _decode(data, self.shown, 1, warnings)
        decoder = json.JSONDecoder()
        start = len(text) - len(text.lstrip())
        if text[start:start + 1] != "[":
            try:
                record = json.loads(text)
            except ValueError as exc:
                record = JsonProblem(f"not JSON ({exc}); fix the file")
            self.single = True
            yield 1, 1, 0, data, record
            return
        position, offset, number = start + 1, len(text[:start + 1].encode()), 0
        while True:
            gap = len(text[position:]) - len(text[position:].lstrip(" \t\r\n,"))
            if text[position + gap:position + gap + 1] in ("]", ""):
                return
            offset += len(text[position:position + gap].encode())
            position += gap
            line = text.count("\n", 0, position) + 1
            try:
                record, end = decoder.raw_decode(text, position)
            except ValueError as exc:
                yield line, number + 1, offset, b"", JsonProblem(f"not JSON ({exc.args[0].split(':')[0]}); fix the "
                                                                 "array (objects separated by commas)")
                return
            number += 1
            piece = text[position:end].encode()
            yield line, number, offset, piece, record
            offset += len(piece)
            position = end

    def field_column(self, name: str) -> str | None:
        """The header column a field is read from (CSV/TSV)."""
        header = self.header or []
        return next((c for c in self.columns[name] if c in header), None)

    def value(self, record: object, name: str) -> object:
        """The value of a field in a parsed row, from the first of its column names the row has."""
        if not isinstance(record, dict):
            return None
        for column in self.columns[name]:
            value = record.get(column)
            if value not in (None, "", []):
                return value
        return None

    def problem(self, record: object) -> str | None:
        """Why a parsed row cannot be an article, or None."""
        if isinstance(record, JsonProblem):
            return str(record)
        if not isinstance(record, dict):
            return "not a JSON object ({…}); write one article per line as an object with a `text` field"
        text = self.value(record, "text")
        if text is None or not str(text).strip():
            names = ", ".join(f"`{c}`" for c in self.columns["text"][:3])
            return f"no article text (none of {names} … is set); add the text or delete the row"
        if not isinstance(text, str):
            return f"the text is {type(text).__name__}, not text; write it as a string"
        if len(text) > TEXT_LIMIT:
            return f"the text has {len(text):,} characters; split it (at most {TEXT_LIMIT:,})"
        return None

    def read_row(self, row: Row, warnings: list[str]) -> tuple[str, Metadata]:
        """One row's article text and metadata (in a worker: the row is read back from the file)."""
        if self.kind in ("csv", "tsv") and self.header is None:
            raise RuntimeError("Batch.read_row before Batch.scan")
        with open(self.path, "rb") as handle:
            handle.seek(row.offset)
            data = handle.read(row.length)
        where = f"{self.shown}:{row.line}"
        text = _decode(data, self.shown, row.line, warnings)
        if self.kind in ("jsonl", "json"):
            record = json.loads(text)
        else:
            record = dict(zip(self.header or [], self.fields(text)))
        problem = self.problem(record)
        if problem:
            raise RawInputError(where, problem)
        return clean_text(str(self.value(record, "text"))), self.metadata(record, where, warnings)

    def metadata(self, record: dict, where: str, warnings: list[str]) -> Metadata:
        """The metadata columns of one row; a value that cannot be used is a warning, and left out."""
        values, evidence = {}, {}

        def take(field: str, name: str, parse=text_value) -> None:
            column = next((c for c in self.columns[name] if record.get(c) not in (None, "", [])), None)
            if column is None:
                return
            try:
                value = parse(record[column])
            except MetadataError as exc:
                warnings.append(f"{where}: column `{column}`: {exc}; not used")
                return
            if value is not None:
                values[field], evidence[field] = value, f"column `{column}` of {where}"

        take("title", "title")
        take("published", "date", parse_date)
        take("modified", "modified", parse_date)
        take("url", "url", web_address)
        for column in self.columns["source"]:  # (the first that names an outlet)
            value = text_value(record.get(column))
            if value and "://" in value:
                if "url" not in values and _is_address(value):
                    values["url"], evidence["url"] = value, f"column `{column}` of {where}"
                value = outlet_of(value)
            if value:
                values["source"], evidence["source"] = _outlet_name(value), f"column `{column}` of {where}"
                break
        take("section", "category", _first_category)
        take("author", "author")
        take("image", "image", web_address)
        if "source" not in values and (outlet := outlet_of(values.get("url"))):
            values["source"], evidence["source"] = outlet, "the address's host (outlets.yaml)"
        return Metadata(**values, evidence=evidence)


class JsonProblem(str):
    """A row that could not be parsed: the message."""


_HOST = re.compile(r"^(?:https?://)?(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)+/?$", re.IGNORECASE)


def _outlet_name(value: object) -> str | None:
    """A source column's outlet: a host (``vnexpress.net``, as news-please writes it) by its outlet's name."""
    text = text_value(value)
    if text and _HOST.match(text):
        return outlet_of(text if "://" in text else f"http://{text}") or text
    return text


def _is_address(value: str) -> bool:
    try:
        return web_address(value) is not None
    except MetadataError:
        return False


def _first_category(value: object) -> str | None:
    """A section from a category column: a text, the first of a list or of "a;b" (trafilatura's)."""
    if isinstance(value, list):
        value = next((v for v in value if v), None)
    text = text_value(value)
    return text_value(text.split(";")[0]) if text else None


def _column_name(name: str) -> str:
    return name.strip().lstrip("\ufeff").lower()


_TSV_ESCAPE = re.compile(r"\\[nrt\\]")
_TSV_CHARS = {"\\n": "\n", "\\r": "\r", "\\t": "\t", "\\\\": "\\"}
_UNSAFE_KEY = re.compile(r"[^\w.\-]+")


def _safe_key(ident: str) -> str:
    """An id as the ``#``-part of an ``original:`` (one line of plain characters)."""
    return _UNSAFE_KEY.sub("-", ident).strip("-")[:120] or "-"
