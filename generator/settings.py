"""The editor's settings files: the one loader of them all (``site.yaml``, ``glossary.yaml``, ``tags.yaml``),
``site.yaml`` as one frozen ``SiteConfig``, and the glossary.

Each is a YAML mapping; every problem — bad syntax, a wrong type, an unknown
key — is a ContentError naming the file and the line, so ``build``, ``check``,
``import`` and ``serve`` all report it as ``content/FILE:LINE: message``.
(``tags.yaml`` is the import's: ``importer/tags.py`` reads it through this loader.)
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from .content.frontmatter import load_yaml
from .errors import ContentError
from .lang.text import nfc

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Settings:
    """One settings file, read: its data, and the line of any key path (for messages)."""

    def __init__(self, path: Path, text: str, data: dict[str, Any]) -> None:
        self.path, self.text, self.data = path, text, data
        self._node: yaml.Node | None = None

    def line(self, *keys: object) -> int | None:
        """The line of ``keys`` (a path of mapping keys), or of the deepest of them found."""
        if self._node is None:
            self._node = yaml.compose(self.text, Loader=_Loader)
        node, line = self._node, None
        for key in keys:
            if not isinstance(node, yaml.MappingNode):
                break
            for key_node, value_node in node.value:
                if key_node.value == str(key):
                    node, line = value_node, key_node.start_mark.line + 1
                    break
            else:
                break
        return line

    def error(self, message: str, *keys: object) -> ContentError:
        """A ContentError at the line of ``keys``."""
        field = ".".join(str(k) for k in keys) or None
        return ContentError(self.path, message, line=self.line(*keys) or 1, field=field)

    def mapping(self, *keys: object, what: str) -> dict:
        """The mapping at ``keys`` ({} when absent or empty); an error when it is something else."""
        value: Any = self.data
        for key in keys:
            value = value.get(key) if isinstance(value, dict) else None
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise self.error(f"`{'.'.join(map(str, keys))}` must be a mapping of {what} (`key: value` lines, "
                             f"indented under it), not {_kind(value)}", *keys)
        return value

    def only(self, allowed: tuple[str, ...], *keys: object) -> None:
        """An error for the first key of the mapping at ``keys`` that is not ``allowed``."""
        for key in self.mapping(*keys, what="settings"):
            if key not in allowed:
                where = f" under `{'.'.join(map(str, keys))}`" if keys else ""
                raise self.error(f"unknown setting `{key}`{where} (known: {', '.join(allowed)})", *keys, key)


def read_settings(file: Path) -> Settings | None:
    """Read one settings file (None when it does not exist); its top level must be a mapping.  Errors name
    it as articles' errors do, from the content folder: ``content/site.yaml``."""
    if not file.exists():
        return None
    path = Path(file.parent.name, file.name)
    try:
        text = file.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ContentError(path, f"not UTF-8 text (byte {exc.start}); save the file as UTF-8") from None
    except OSError as exc:
        raise ContentError(path, f"cannot be read ({exc.strerror}); check that it is a readable file") from None
    data = load_yaml(text, path)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ContentError(path, f"expected `key: value` settings at the top level, not {_kind(data)}", line=1)
    return Settings(path, text, data)


def _kind(value: object) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"{value!r}"


@dataclass(frozen=True)
class SiteConfig:
    """Site-wide settings; every key of site.yaml is a field here."""

    title: str = "Lưu trữ tin bài"
    description: str = "Kho lưu trữ tin bài và phát biểu tiếng Việt."
    base_url: str = "https://example.org/"
    language: str = "vi"
    page_size: int = 10
    feed_size: int = 20
    pretty_links: bool = False
    author: str = "Ban biên tập"

    @property
    def base_path(self) -> str:
        """The path part of base_url, always ending in ``/``."""
        path = urlsplit(self.base_url).path or "/"
        return path if path.endswith("/") else path + "/"

    def absolute(self, site_path: str) -> str:
        """Absolute URL of a site-relative path (pretty form, for feeds and canonicals)."""
        base = self.base_url if self.base_url.endswith("/") else self.base_url + "/"
        return base + site_path.lstrip("/")


_TYPES = {f.name: f.type for f in dataclasses.fields(SiteConfig)}
IMPORT_COLUMNS = "import_columns"  # the import's: batch columns by field (read by load_import_columns)
BATCH_FIELDS = ("text", "title", "url", "date", "modified", "source", "category", "author", "image", "id")


def load_config(path: Path) -> SiteConfig:
    """Read and validate site.yaml; an unknown key or a wrong type is a ContentError."""
    settings = read_settings(path)
    if settings is None:
        return SiteConfig()
    settings.only(tuple(sorted(_TYPES)) + (IMPORT_COLUMNS,))
    values = {}
    for key, value in settings.data.items():
        if key == IMPORT_COLUMNS:
            continue
        expected = {"str": str, "int": int, "bool": bool}[_TYPES[key]]
        if expected is int and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
            raise settings.error(f"`{key}` must be a whole number ≥ 1, not {value!r}", key)
        if expected is not int and not isinstance(value, expected):
            raise settings.error(f"`{key}` must be a {expected.__name__}, not {value!r}", key)
        values[key] = value
    config = SiteConfig(**values)
    if not urlsplit(config.base_url).scheme.startswith("http"):
        raise settings.error(f"`base_url` must start with http:// or https://, not {config.base_url!r}", "base_url")
    return config


def load_import_columns(path: Path) -> dict[str, tuple[str, ...]]:
    """``import_columns`` of site.yaml: for each batch field, the column name(s) a batch uses for it
    (``text: noi_dung`` or ``date: [ngay_dang, published]``), tried before the usual names."""
    settings = read_settings(path)
    if settings is None:
        return {}
    columns = {}
    for name, value in settings.mapping(IMPORT_COLUMNS, what="batch fields to column names").items():
        if name not in BATCH_FIELDS:
            raise settings.error(f"unknown batch field `{name}` under `{IMPORT_COLUMNS}` (known: "
                                 f"{', '.join(BATCH_FIELDS)})", IMPORT_COLUMNS, name)
        names = value if isinstance(value, list) else [value]
        if not names or not all(isinstance(n, str) and n.strip() for n in names):
            raise settings.error(f"`{IMPORT_COLUMNS}.{name}` must be a column name or a list of them, not "
                                 f"{value!r}", IMPORT_COLUMNS, name)
        columns[name] = tuple(n.strip().lower() for n in names)
    return columns


def load_glossary(path: Path) -> dict[str, str]:
    """Abbreviation → expansion, from ``glossary.yaml`` (empty when absent); errors name the file and line."""
    settings = read_settings(path)
    if settings is None:
        return {}
    settings.only(("abbreviations",))
    glossary = {}
    for abbreviation, expansion in settings.mapping("abbreviations", what="abbreviations").items():
        if not isinstance(expansion, (str, int, float)) or isinstance(expansion, bool) or not str(expansion).strip():
            raise settings.error(f"the expansion of `{abbreviation}` must be text (`{abbreviation}: words it "
                                 f"stands for`), not {expansion!r}", "abbreviations", abbreviation)
        glossary[nfc(str(abbreviation))] = nfc(str(expansion))
    return glossary
