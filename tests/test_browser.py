"""Real-browser tests of the built site's search page (Playwright driving Debian's Chromium).

The seed site (``seed_site`` in conftest.py) has four articles by speaker Tô Lâm
and one by Nguyễn Văn Sơn.  Each test opens its own page, collects page errors and
console errors, and asserts at the end that there were none.
"""
from __future__ import annotations

import functools
import http.server
import re
import threading
import unicodedata
import urllib.parse

import pytest


SPEAKER = "Tô Lâm"
QUERY = "to lam"
TIMEOUT_MS = 10_000
# "Tìm thấy 4 kết quả cho …" — the status once results are shown.
FOUND = re.compile(r"(\d+) kết quả")


def fold(text: str) -> str:
    """Vietnamese folding, like static/search.js: đ → d, strip marks, lower-case."""
    text = text.replace("đ", "d").replace("Đ", "D")
    stripped = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", stripped).lower()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's signature
        pass


@pytest.fixture(scope="module")
def http_root(seed_site):
    """seed_site/public served over HTTP on 127.0.0.1; yields the base URL (ending in /)."""
    handler = functools.partial(_QuietHandler, directory=str(seed_site / "public"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


class Tab:
    """A fresh page with collectors for uncaught page errors and console errors."""

    def __init__(self, browser) -> None:
        self.context = browser.new_context()
        self.page = self.context.new_page()
        self.page.set_default_timeout(TIMEOUT_MS)
        self.errors: list[str] = []
        self.page.on("pageerror", lambda exc: self.errors.append(f"pageerror: {exc}"))
        self.page.on("console", self._console)

    def _console(self, message) -> None:
        if message.type != "error":
            return
        where = (message.location or {}).get("url", "")
        if "favicon" in message.text or "favicon" in where:
            return
        self.errors.append(f"console.error: {message.text} ({where})")

    def assert_no_errors(self) -> None:
        assert self.errors == [], "errors in the page:\n" + "\n".join(self.errors)


@pytest.fixture()
def tab(browser):
    tab = Tab(browser)
    try:
        yield tab
    finally:
        tab.context.close()


def search_url(base: str, query: str) -> str:
    return base + "search/index.html?q=" + urllib.parse.quote(query)


def wait_for_results(page) -> int:
    """Wait until #search-status reports a count; return the number of result items (checked against it)."""
    page.wait_for_function(
        "() => /\\d+ kết quả/.test((document.getElementById('search-status') || {}).textContent || '')")
    status = page.locator("#search-status").inner_text()
    count = page.locator("#search-results > li").count()
    assert int(FOUND.search(status).group(1)) == count, f"status {status!r} but {count} items"
    return count


def assert_speaker_results(page) -> list[str]:
    """≥ 3 results mention Tô Lâm (title, meta or summary), and they rank above any that don't."""
    texts = page.locator("#search-results > li").all_inner_texts()
    assert len(texts) >= 3, texts
    mentions = [SPEAKER in unicodedata.normalize("NFC", text) for text in texts]
    assert sum(mentions) >= 3, texts
    # Adjacent-syllable (phrase) matches rank higher: the Tô Lâm results come first.
    first_other = mentions.index(False) if False in mentions else len(mentions)
    assert all(mentions[:first_other]) and not any(mentions[first_other:]), (
        "results that mention Tô Lâm must all rank above those that don't:\n"
        + "\n---\n".join(texts))
    return texts


def click_first_result(page) -> None:
    link = page.locator("#search-results > li").first.locator("a").first
    href = link.get_attribute("href")
    with page.expect_navigation():
        link.click()
    page.wait_for_load_state("load")
    assert page.locator("h1").first.is_visible()
    assert page.url.endswith("index.html"), (href, page.url)
    assert "/search/" not in page.url
    assert SPEAKER in page.locator("body").inner_text()


def test_header_search_from_file_url(seed_site, tab):
    page = tab.page
    page.goto((seed_site / "public" / "index.html").as_uri())
    page.fill("#header-q", QUERY)
    with page.expect_navigation():
        page.press("#header-q", "Enter")
    assert page.url.startswith("file://")
    assert "/search/index.html?q=" in page.url, page.url
    assert page.locator("#search-q").input_value() == QUERY
    assert wait_for_results(page) >= 3
    assert_speaker_results(page)
    click_first_result(page)
    tab.assert_no_errors()


def test_search_over_http(http_root, tab):
    page = tab.page
    page.goto(search_url(http_root, QUERY))
    assert wait_for_results(page) >= 3
    assert_speaker_results(page)
    click_first_result(page)
    assert page.url.startswith(http_root)
    tab.assert_no_errors()


def test_diacritics_and_nfd_query_match_unaccented(http_root, tab):
    """Without marks every spelling matches; with them (NFC or NFD alike) only "Tô Lâm" as written —
    a subset, holding the speaker's articles."""
    page = tab.page
    page.goto(search_url(http_root, QUERY))
    plain = wait_for_results(page)
    assert_speaker_results(page)
    nfd = unicodedata.normalize("NFD", SPEAKER)
    assert nfd != SPEAKER  # the query really is decomposed
    page.goto(search_url(http_root, nfd))
    marked = wait_for_results(page)
    assert 3 <= marked <= plain
    assert_speaker_results(page)
    page.goto(search_url(http_root, SPEAKER))
    assert wait_for_results(page) == marked
    tab.assert_no_errors()


def test_query_without_matches(http_root, tab):
    page = tab.page
    page.goto(search_url(http_root, "xyzzyqwerty"))
    page.wait_for_function("() => ((document.getElementById('search-status') || {}).textContent || '').trim()")
    assert page.locator("#search-results > li").count() == 0
    status = page.locator("#search-status").inner_text().strip()
    assert status and "xyzzyqwerty" in status, status
    assert page.locator("#search-status").get_attribute("aria-live") == "polite"
    tab.assert_no_errors()


def test_highlights_are_query_words_only(http_root, tab):
    page = tab.page
    page.goto(search_url(http_root, QUERY))
    wait_for_results(page)
    marks = page.locator("#search-results mark").all_inner_texts()
    assert marks, "no <mark> in the results"
    tokens = QUERY.split()
    for mark in marks:
        folded = fold(mark)
        # The last word is matched as a prefix while typing (no trailing space).
        assert folded in tokens or folded.startswith(tokens[-1]), f"unexpected highlight {mark!r}"
    # Marks hold text only: no element nested inside them, no script in the result list.
    assert page.locator("#search-results mark *").count() == 0
    assert page.locator("#search-results script").count() == 0
    tab.assert_no_errors()
