"""Reading and writing Markdown files with YAML front matter."""
from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import Any

import yaml

from ..errors import ContentError, yaml_error


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml when present: ~10× faster
    """Safe YAML, but dates stay text so that an impossible date is our error, not a crash; a key given
    twice is an error (YAML would keep the last one silently)."""

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                if key_node.value in seen:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"the key `{key_node.value}` appears twice; keep one", key_node.start_mark)
                seen.add(key_node.value)
        return super().construct_mapping(node, deep=deep)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))

MAX_YAML = 256 * 1024  # characters of front matter or settings: far more than any real one
MAX_DEPTH = 100  # levels of nesting
_OPENING = (yaml.FlowSequenceStartToken, yaml.FlowMappingStartToken, yaml.BlockSequenceStartToken,
            yaml.BlockMappingStartToken)
_CLOSING = (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken, yaml.BlockEndToken)


def load_yaml(text: str, path: Path | str, line_offset: int = 0) -> Any:
    """YAML that a person or a scraper wrote, read safely: errors name the file and line; aliases (the
    "billion laughs" expansion), deep nesting and huge texts are refused instead of eating memory."""
    if len(text) > MAX_YAML:
        raise ContentError(path, f"{len(text) // 1024} KB of YAML; the limit is {MAX_YAML // 1024} KB — move long "
                           "text into the body", line=line_offset + 1 or None)
    # Scanned first (libyaml's scanner does not recurse; its composer does, and crashes the process past
    # about 30,000 levels, which takes over 40 KB) when an alias or deep nesting is possible at all.
    if "*" in text or len(text) > 16384:
        depth = 0
        try:
            for token in yaml.scan(text, Loader=_Loader):
                if isinstance(token, yaml.AliasToken):
                    raise ContentError(path, "YAML aliases (`*name`) are not accepted here; write the value out "
                                       "(or quote text that starts with `*`)",
                                       line=token.start_mark.line + 1 + line_offset)
                if isinstance(token, _OPENING):
                    depth += 1
                    if depth > MAX_DEPTH:
                        raise ContentError(path, f"YAML nested more than {MAX_DEPTH} levels deep; flatten it",
                                           line=token.start_mark.line + 1 + line_offset)
                elif isinstance(token, _CLOSING):
                    depth -= 1
        except yaml.YAMLError as exc:
            raise yaml_error(path, exc, line_offset=line_offset) from None
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        raise yaml_error(path, exc, line_offset=line_offset) from None
    except RecursionError:
        raise ContentError(path, "YAML nested too deeply; flatten it", line=line_offset + 1 or None) from None
# libyaml's emitter when present: 3× faster than PyYAML's, which took a third of an import's time; the same
# text for every field of 500 corpus articles and odd values checked (it spells a lone U+0085 "\N", which
# PyYAML garbles).
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


FIELD_ORDER = (
    "title", "date", "date_partial", "speaker", "speaker_title", "location", "tags", "people",
    "source", "summary", "draft", "original", "url", "published", "author", "section", "image", "image_caption",
    "slug", "aliases", "review",
)
REVIEWABLE = ("title", "date", "speaker", "location")  # the fields an article's `review:` may list
RECORD_FILE = ".import-state.json"  # the import's record in content/: raw file → the article written, and why


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
    data = load_yaml(raw, path, line_offset=1) or {}
    if not isinstance(data, dict):
        raise ContentError(path, "front matter must be `key: value` lines", line=2)
    return data, raw, body


def key_line(raw_front_matter: str, key: str, first: int = 2) -> int | None:
    """The file line on which ``key:`` appears (front matter starts on line 2; a YAML file of its own, on
    ``first=1``)."""
    for number, line in enumerate(raw_front_matter.splitlines(), start=first):
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
