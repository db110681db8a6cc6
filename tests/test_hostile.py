"""Hostile scraped content is inert everywhere: pages, feeds, JSON-LD, the search index and snippets."""
from __future__ import annotations

import json
from html.parser import HTMLParser
import re
from pathlib import Path
from urllib.parse import quote

import pytest
import yaml

from tests.conftest import add_articles, run_cli

PAYLOADS = ['<script>alert("s")</script>', '"><img src=x onerror=alert("i")>', "<svg onload=alert('v')>",
            "</script><script>alert('c')</script>", "javascript:alert('j')", "{{ 7*7 }}"]


@pytest.fixture(scope="module", params=["alone", "pool-scale"])
def hostile_site(tmp_path_factory, request) -> Path:
    """The hostile articles alone, and among 300 ordinary ones (rendered and indexed in worker processes)."""
    root = tmp_path_factory.mktemp("hostile")
    if request.param == "pool-scale":
        add_articles(root)
    articles = root / "content" / "articles"
    articles.mkdir(parents=True, exist_ok=True)
    for n, payload in enumerate(PAYLOADS):
        front = {"title": f"Tiêu đề {payload}", "date": f"2021-0{n + 1}-01", "speaker": f"Ông {payload}",
                 "location": payload, "tags": [payload, "Bình thường"], "summary": f"Tóm tắt {payload}",
                 "people": [{"name": payload, "title": payload}], "source": payload}
        body = (f"Đoạn văn {payload}\n\n<script>alert('raw')</script>\n\n<img src=x onerror=alert('raw')>\n\n"
                f"[liên kết](javascript:alert('md'))\n\n“Trích dẫn {payload} đủ dài để xuất hiện trên trang người "
                f"phát biểu của ông ấy”\n")
        (articles / f"hostile-{n}.md").write_text("---\n" + yaml.safe_dump(front, allow_unicode=True) + "---\n" + body,
                                                  encoding="utf-8")
    assert run_cli(root, "build") == 0
    return root / "public"


class _Elements(HTMLParser):
    """Collects what a browser would act on: elements, event-handler attributes, script sources, URLs."""

    def __init__(self, page_404: bool = False) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.page_404 = page_404

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("img", "svg", "iframe", "object", "embed"):
            self.found.append(f"<{tag}>")
        if tag == "script" and attrs.get("type") != "application/ld+json" and not attrs.get("src") \
                and not (self.page_404 and "data-site-root" in attrs):  # (the 404 page's own, from its template)
            self.found.append("inline <script>")
        for name, value in attrs.items():
            if name.startswith("on"):
                self.found.append(f"{name}= on <{tag}>")
            if name in ("href", "src") and (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"javascript: URL on <{tag}>")


def test_no_payload_reaches_markup(hostile_site):
    for page in hostile_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        parser = _Elements(page_404=page == hostile_site / "404.html")
        parser.feed(html)
        assert not parser.found, (page, parser.found)
        assert "Tiêu đề 49" not in html  # no template evaluation of content
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S):
            json.loads(block)
            assert "</" not in block


def test_feeds_and_index_files_are_inert(hostile_site):
    for feed in [hostile_site / "feed.xml", *hostile_site.glob("*/*/feed.xml")]:
        xml = feed.read_text(encoding="utf-8")
        assert "<script" not in xml and "<img" not in xml and "<svg" not in xml
    for script in (hostile_site / "search").rglob("*.js"):
        assert "</script" not in script.read_text(encoding="utf-8").lower()


def test_every_page_and_hostile_searches_fire_no_dialog(hostile_site, browser):
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for html in sorted(hostile_site.rglob("*.html")):
        if not html.parent.name.startswith("bai-"):  # (the ordinary articles' own pages show nothing hostile)
            page.goto(html.as_uri())
    search = (hostile_site / "search" / "index.html").as_uri()
    for payload in PAYLOADS + ["tieu de", "<img", "onerror"]:
        page.goto(f"{search}?q={quote(payload)}")
        page.wait_for_function("/Tìm thấy|Không tìm thấy|Nhập/.test(document.getElementById('search-status')"
                               ".textContent)")
        assert page.locator("#search-results img, #search-results script, #search-results svg").count() == 0
    page.goto(f"{search}?q={quote('tieu de')}")
    page.wait_for_selector("#search-results li")
    assert "<img src=x" in page.text_content("#search-results")  # shown as text
    assert not dialogs, dialogs
    page.close()
