"""``content/site.yaml`` → one frozen, validated SiteConfig."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from .settings import read_settings


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
    settings = read_settings(path)
    if settings is None:
        return SiteConfig()
    settings.only(tuple(sorted(_TYPES)))
    values = {}
    for key, value in settings.data.items():
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
