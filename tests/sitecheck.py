"""Structural checks of a built site shared by the test suites: parse every page, resolve every link."""
from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.open_tags: list[str] = []
        self.lang = None
        self.title = ""
        self._in_title = False
        self.ids: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        if tag == "title":
            self._in_title = True
        if "id" in attrs:
            self.ids.append(attrs["id"])
        for name in (() if tag == "base" else ("href", "src")):
            if attrs.get(name) and not (tag == "link" and attrs.get("rel") == "canonical"):
                if not (tag == "link" and attrs.get("rel") == "alternate" and name == "href" and "://" in attrs[name]):
                    self.links.append(attrs[name])

    def handle_data(self, data):
        if self._in_title:
            self.title += data

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False


def _pages(public: Path) -> list[Path]:
    return sorted(public.rglob("*.html"))


def link_problems(public: Path) -> list[str]:
    """Every page without lang="vi" or a title, and every relative link that does not resolve to a file."""
    problems = []
    for page in sorted(public.rglob("*.html")):
        parser = _Page()
        parser.feed(page.read_text(encoding="utf-8"))
        parser.close()
        if parser.lang != "vi" or not parser.title.strip():
            problems.append(f"{page}: lang={parser.lang!r} title={parser.title!r}")
        for link in parser.links:
            parts = urlsplit(link)
            if parts.scheme or link.startswith(("//", "#", "mailto:")):
                continue
            if link.startswith("/"):
                problems.append(f"{page}: absolute link {link}")
                continue
            target = (page.parent / unquote(parts.path)).resolve()
            if parts.path.endswith("/") or target.is_dir():
                problems.append(f"{page}: folder link without index.html: {link}")
            elif not target.is_file():
                problems.append(f"{page}: broken link {link}")
            elif public.resolve() not in target.parents:
                problems.append(f"{page}: link leaves the site: {link}")
    return problems
