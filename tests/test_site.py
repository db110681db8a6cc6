"""The built seed site: every page parses, every relative link resolves, feeds and sitemap are XML."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

ATOM = "{http://www.w3.org/2005/Atom}"


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
        for name in ("href", "src"):
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


def test_site_has_every_page_type(seed_site):
    public = seed_site / "public"
    for rel in ("index.html", "archive/index.html", "archive/2021/index.html", "archive/2021/08/index.html",
                "archive/undated/index.html", "tags/index.html", "speakers/index.html", "speakers/to-lam/index.html",
                "locations/index.html", "locations/ha-noi/index.html", "locations/nghe-an/index.html",
                "search/index.html", "glossary/index.html", "404.html", "feed.xml", "sitemap.xml", "robots.txt",
                "speakers/to-lam/feed.xml", "static/style.css", "static/search/engine.js", "search/meta.js"):
        assert (public / rel).is_file(), rel
    articles = [p for p in public.glob("2021/*/*/index.html")] + list(public.glob("undated/*/index.html"))
    assert len(articles) == 5


def test_every_page_parses_and_every_relative_link_resolves(seed_site):
    public = seed_site / "public"
    problems = []
    pages = _pages(public)
    assert len(pages) > 20
    for page in pages:
        parser = _Page()
        parser.feed(page.read_text(encoding="utf-8"))
        parser.close()
        if parser.lang != "vi" or not parser.title.strip():
            problems.append(f"{page}: lang={parser.lang!r} title={parser.title!r}")
        for link in parser.links:
            parts = urlsplit(link)
            if parts.scheme or link.startswith(("//", "#", "mailto:")):
                continue
            assert not link.startswith("/"), f"{page}: absolute link {link}"
            target = (page.parent / unquote(parts.path)).resolve()
            if parts.path.endswith("/") or target.is_dir():
                problems.append(f"{page}: folder link without index.html: {link}")
            elif not target.is_file():
                problems.append(f"{page}: broken link {link}")
            elif public.resolve() not in target.parents:
                problems.append(f"{page}: link leaves the site: {link}")
    assert not problems, "\n".join(problems[:20])


def test_feeds_and_sitemap_parse_as_xml(seed_site):
    public = seed_site / "public"
    feed = ET.parse(public / "feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 5
    for entry in entries:
        for child in ("title", "id", "updated", "link"):
            assert entry.find(f"{ATOM}{child}") is not None
    for term_feed in public.glob("*/*/feed.xml"):
        assert ET.parse(term_feed).getroot().tag == f"{ATOM}feed"
    sitemap = ET.parse(public / "sitemap.xml").getroot()
    locs = [e.text for e in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert all(loc.startswith("https://example.org/luu-tru/") for loc in locs)
    assert any(loc.endswith("/speakers/to-lam/") for loc in locs)


@pytest.mark.parametrize("pretty", [False, True])
def test_pretty_links_setting(project, pretty):
    from tests.conftest import run_cli

    site_yaml = project / "content" / "site.yaml"
    site_yaml.write_text(site_yaml.read_text(encoding="utf-8").replace("pretty_links: false",
                                                                       f"pretty_links: {str(pretty).lower()}"),
                         encoding="utf-8")
    assert run_cli(project, "import") == 0 and run_cli(project, "build") == 0
    home = (project / "public" / "index.html").read_text(encoding="utf-8")
    assert ('href="tags/index.html"' in home) is (not pretty)
    assert ('href="tags/"' in home) is pretty


def test_search_page_works_without_javascript_by_linking_to_browse_pages(seed_site):
    html = (seed_site / "public" / "search" / "index.html").read_text(encoding="utf-8")
    for target in ("tags/index.html", "speakers/index.html", "locations/index.html", "archive/index.html"):
        assert f'href="../{target}"' in html
    assert 'id="search-status"' in html and 'aria-live="polite"' in html
    assert '<ol id="search-results"' in html
