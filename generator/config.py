"""``content/site.yaml`` → one frozen, validated SiteConfig."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from .errors import ContentError, yaml_error


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


def load_config(path: Path) -> SiteConfig:
    """Read and validate site.yaml; an unknown key or a wrong type is a ContentError."""
    if not path.exists():
        return SiteConfig()
    text = path.read_text(encoding="utf-8")
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        raise yaml_error(path, exc) from None
    if not isinstance(data, dict):
        raise ContentError(path, "expected `key: value` settings", line=1)
    values = {}
    for key, value in data.items():
        line = _line_of(text, key)
        if key not in _TYPES:
            known = ", ".join(sorted(_TYPES))
            raise ContentError(path, f"unknown setting `{key}` (known settings: {known})", line=line, field=str(key))
        expected = {"str": str, "int": int, "bool": bool}[_TYPES[key]]
        if expected is int and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
            raise ContentError(path, f"`{key}` must be a whole number ≥ 1, not {value!r}", line=line, field=key)
        if expected is not int and not isinstance(value, expected):
            raise ContentError(path, f"`{key}` must be a {expected.__name__}, not {value!r}", line=line, field=key)
        values[key] = value
    config = SiteConfig(**values)
    if not urlsplit(config.base_url).scheme.startswith("http"):
        raise ContentError(path, f"`base_url` must start with http:// or https://, not {config.base_url!r}",
                           line=_line_of(text, "base_url"), field="base_url")
    return config


def _line_of(text: str, key: object) -> int | None:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith(f"{key}:"):
            return number
    return None
