"""The built seed site: every page parses, every relative link resolves, feeds and sitemap are XML."""
from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from tests.sitecheck import link_problems

ATOM = "{http://www.w3.org/2005/Atom}"


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
    assert len(list(public.rglob("*.html"))) > 20
    problems = link_problems(public)
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
