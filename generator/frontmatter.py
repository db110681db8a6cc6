"""Reading and writing Markdown files with YAML front matter."""
from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import Any

import yaml

from .errors import ContentError, yaml_error

class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml when present: ~10× faster
    """Safe YAML, but dates stay text so that an impossible date is our error, not a crash."""


_Loader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))

_DataLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# libyaml's emitter when present: 3× faster than PyYAML's, which took a third of an import's time; the same
# text for every field of 500 corpus articles and odd values checked (it spells a lone U+0085 "\N", which
# PyYAML garbles).
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def load_data(path: Path) -> Any:
    """One of the generator's own YAML data files (gazetteer, vocabularies), read with libyaml when present."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_DataLoader)


FIELD_ORDER = (
    "title", "date", "date_partial", "speaker", "speaker_title", "location", "tags", "people",
    "source", "summary", "draft", "original",
)


def split_document(text: str, path: Path | str) -> tuple[dict[str, Any], str, str]:
    """Return (front matter, raw front-matter text, body); errors name the file and line."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n")
    if not text.startswith("---\n"):
        raise ContentError(path, "missing front matter: the file must start with a `---` line", line=1)
    end = text.find("\n---", 3)
    if end == -1:
        raise ContentError(path, "front matter is not closed: add a `---` line after it", line=1)
    raw = text[4:end + 1]
    body = text[end + 4:].lstrip("\n")
    try:
        data = yaml.load(raw, Loader=_Loader) or {}
    except yaml.YAMLError as exc:
        raise yaml_error(path, exc, line_offset=1) from None
    if not isinstance(data, dict):
        raise ContentError(path, "front matter must be `key: value` lines", line=2)
    return data, raw, body


def key_line(raw_front_matter: str, key: str) -> int | None:
    """The file line on which ``key:`` appears (front matter starts on line 2)."""
    for number, line in enumerate(raw_front_matter.splitlines(), start=2):
        if line.startswith(f"{key}:"):
            return number
    return None


class _FrontMatter(dict):
    """The fields of one document, dumped as a block mapping whatever its values."""


class _FrontDumper(_Dumper):
    """Front matter in one emitter call (one call per field took twice as long: 0.51 against 0.26 ms an
    article): the mapping in block style, lists and mappings of plain scalars in flow style
    (``tags: [A, B]``), dates as ISO text."""


_FrontDumper.add_representer(
    _FrontMatter, lambda dumper, data: dumper.represent_mapping("tag:yaml.org,2002:map", data, flow_style=False))
for _date_type in (_dt.date, _dt.datetime):
    _FrontDumper.add_representer(
        _date_type, lambda dumper, data: dumper.represent_scalar("tag:yaml.org,2002:timestamp", data.isoformat()))


def dump_document(fields: dict[str, Any], body: str) -> str:
    """Front matter (in the contract's field order) and body as one Markdown text."""
    ordered = [k for k in FIELD_ORDER if k in fields] + [k for k in fields if k not in FIELD_ORDER]
    front = yaml.dump(_FrontMatter((k, fields[k]) for k in ordered), Dumper=_FrontDumper, allow_unicode=True,
                      sort_keys=False, width=10**9, default_flow_style=None) if ordered else ""
    return f"---\n{front}---\n{body}"
