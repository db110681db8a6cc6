"""The archive as a reader meets it on a phone and as a machine reads it (issue 23), in Chromium, on the
seed site: the article's first paragraph on the first screen, one menu control without script, one search
box per screen, Vietnamese dates, and the article's structured data."""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from tests.test_quality import _json_ld_blocks

PHONES = {(375, 812), (320, 640)}


def _articles(root: Path) -> list[Path]:
    public = root / "public"
    found = sorted([*public.glob("[0-9][0-9][0-9][0-9]/[0-9][0-9]/*/index.html"), *public.glob("undated/*/index.html")])
    assert len(found) == 5
    return found


@pytest.mark.parametrize("size", sorted(PHONES))
def test_the_first_paragraph_is_on_the_first_screen_of_a_phone(browser, seed_site, size):
    width, height = size
    context = browser.new_context(viewport={"width": width, "height": height})
    try:
        for path in _articles(seed_site):
            page = context.new_page()
            page.goto(path.as_uri())
            top = page.evaluate("document.querySelector('.body p').getBoundingClientRect().top")
            assert top < height, f"{path.parent.name} at {width}×{height}: the first paragraph starts at {top:.0f} px"
            page.close()
    finally:
        context.close()


def _visible_search_boxes(page) -> int:
    return page.evaluate("[...document.querySelectorAll('input[type=search]')]"
                         ".filter(i => i.getClientRects().length && getComputedStyle(i).visibility !== 'hidden').length")


def test_on_a_phone_one_control_opens_the_sections_and_the_search_box(browser, seed_site):
    context = browser.new_context(viewport={"width": 375, "height": 812}, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(_articles(seed_site)[0].as_uri())
        sections = page.locator(".menu-panel a")
        assert sections.count() == 6 and not sections.first.is_visible()
        assert _visible_search_boxes(page) == 0
        assert page.locator(".site-nav").is_hidden()
        page.click(".menu > summary")  # (a <details>: it opens without any script)
        assert sections.first.is_visible() and _visible_search_boxes(page) == 1
        page.click(".menu-panel a >> text=Địa điểm")
        assert page.url.endswith("locations/index.html")
    finally:
        context.close()


@pytest.mark.parametrize("width", [320, 375, 1280])
def test_the_search_page_has_one_search_box_on_any_screen(browser, seed_site, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    try:
        page = context.new_page()
        page.goto((seed_site / "public" / "search" / "index.html").as_uri())
        assert _visible_search_boxes(page) == 1
        if page.locator(".menu > summary").is_visible():
            page.click(".menu > summary")
            assert _visible_search_boxes(page) == 1
    finally:
        context.close()


def test_wide_screens_show_the_sections_and_the_header_search(browser, seed_site):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        page.goto(_articles(seed_site)[0].as_uri())
        assert page.locator(".site-nav a").first.is_visible() and page.locator(".menu").is_hidden()
        assert _visible_search_boxes(page) == 1
    finally:
        context.close()


def test_article_dates_and_breadcrumbs_as_a_vietnamese_reader_expects(seed_site):
    html = (seed_site / "public" / "2021" / "08" / "luc-luong-cong-an-nhan-dan-tich-cuc-phong-chong-dich-covid-19-"
            "bao-dam-an-ninh" / "index.html").read_text(encoding="utf-8")
    assert "Thứ ba, 17/8/2021" in html
    crumbs = html[html.index('<nav class="breadcrumbs"'):html.index("</nav>", html.index('<nav class="breadcrumbs"'))]
    assert "Năm 2021" in crumbs and "Tháng 8" in crumbs and "archive/2021/08/" in crumbs and "archive/2021/08/17/" in crumbs
    assert "Lực lượng Công an nhân dân" not in crumbs  # (the title is the page's own heading, not repeated)


def test_article_structured_data_names_the_outlet_and_the_speaker_and_no_nulls(seed_site):
    for path in _articles(seed_site):
        html = path.read_text(encoding="utf-8")
        assert '<meta property="og:site_name"' in html and '<link rel="icon"' in html
        news = [json.loads(block) for block in _json_ld_blocks(html)]
        news = [d for d in news if d.get("@type") == "NewsArticle"][0]
        assert "null" not in json.dumps(news), news
        assert news["publisher"]["@type"] == "Organization" and news["publisher"]["name"]
        assert news["author"]["@type"] in ("Organization", "Person") and news["author"]["name"]
        about = news.get("about")
        if about:  # the speaker is what the article is about, not its author
            assert about["@type"] == "Person" and about["name"] != news["author"]["name"]


def test_pagination_shows_the_front_the_first_and_a_window_around_this_page_newest_first():
    from generator.render.pages import Pagination

    def numbers(number, count):
        return Pagination(number, count, (), "").numbers()

    assert numbers(1, 1) == [1]
    assert numbers(5, 5) == [5, 4, 3, 2, 1]
    assert numbers(6, 101) == [101, None, 8, 7, 6, 5, 4, None, 1]
    assert numbers(101, 101) == [101, 100, 99, None, 1]
    assert numbers(3, 101) == [101, None, 5, 4, 3, 2, 1]
    assert numbers(5, 9) == [9, 8, 7, 6, 5, 4, 3, 2, 1]  # (one number left out is shown, not an ellipsis)


def test_numbered_pages_keep_their_articles_when_articles_are_added():
    """Pages count from the oldest: a new article joins the front page (one to two pages' worth); page 1 holds
    the oldest, and a numbered page shows the same articles however many come after."""
    from generator.render.pages import _page_of, _pages

    def listing(total):
        items = tuple(range(total, 0, -1))  # newest first: article k is the k-th oldest
        return {p.number: (p.front, p.items) for p in _pages(items, 10, "tags/x/")}, items

    pages, items = listing(9)
    assert pages == {1: (True, items)}
    pages, items = listing(19)
    assert pages == {1: (True, items)}  # (up to two pages' worth on the front page)
    pages, items = listing(20)
    assert pages == {2: (True, tuple(range(20, 10, -1))), 1: (False, tuple(range(10, 0, -1)))}
    for total in range(20, 75):
        pages, items = listing(total)
        fronts = [number for number, (front, _) in pages.items() if front]
        assert fronts == [max(pages)] and 10 <= len(pages[fronts[0]][1]) < 20
        assert sorted(sum((list(shown) for _, shown in pages.values()), [])) == list(range(1, total + 1))
        for number, (front, shown) in pages.items():
            if not front:
                assert shown == tuple(range(number * 10, number * 10 - 10, -1))  # the same at every total
        assert all(items[n] in pages[_page_of(n, total, 10)][1] for n in range(total))
    assert [p.url(p.number) for p in _pages(tuple(range(30)), 10, "tags/x/")] == ["tags/x/", "tags/x/page/2/",
                                                                                   "tags/x/page/1/"]


def test_a_long_list_has_numbered_pages_that_resolve(tmp_path):
    from tests.conftest import make_project, run_cli
    from tests.sitecheck import link_problems

    root = make_project(tmp_path / "site")
    settings = root / "content" / "site.yaml"
    settings.write_text(re.sub(r"(?m)^page_size: .*$", "page_size: 1", settings.read_text(encoding="utf-8")),
                        encoding="utf-8")
    assert run_cli(root, "import") == 0 and run_cli(root, "build") == 0
    html = (root / "public" / "page" / "3" / "index.html").read_text(encoding="utf-8")
    pager = html[html.index('<nav class="pager"'):]
    assert 'aria-current="page"' in pager and ">3</span>" in pager
    assert ">1</a>" in pager and ">Mới nhất</a>" in pager  # (the oldest page and the front page, always)
    assert not (root / "public" / "page" / "5").exists()  # (the front page is the listing's own address)
    assert not link_problems(root / "public")


def test_people_mentioned_link_to_their_speaker_pages(seed_site):
    import re

    linked = 0
    for path in _articles(seed_site):
        html = path.read_text(encoding="utf-8")
        if 'class="people"' not in html:
            continue
        section = html[html.index('class="people"'):]
        section = section[:section.index("</section>")]
        for href in re.findall(r'<a href="([^"]+)"', section):
            assert "speakers/" in href and (path.parent / href).resolve().is_file()
            linked += 1
    assert linked >= 1  # (Tô Lâm, a speaker, is mentioned in other articles)


def test_indexes_group_names_by_letter_with_a_letter_bar_and_a_quick_filter(browser, seed_site):
    context = browser.new_context(viewport={"width": 375, "height": 812})
    try:
        page = context.new_page()
        page.goto((seed_site / "public" / "locations" / "index.html").as_uri())
        letters = page.locator(".letters a").all_text_contents()
        headings = page.locator("h3.letter").all_text_contents()
        assert letters == headings and letters == sorted(letters) and len(letters) >= 2
        for letter in letters:  # (each name under its letter, the bar's links resolving to the headings)
            section = page.locator(f"#chu-{letter.lower()} + ul a").all_text_contents()
            assert section and all(name.startswith(letter) for name in section)
        names = page.locator(".by-letter .term-list a")
        total = names.count()
        page.fill("#term-filter", "nghe")  # (without marks: Nghệ An)
        visible = [n for n in names.all() if n.is_visible()]
        assert [n.text_content() for n in visible] == ["Nghệ An"] and total > 1
        page.fill("#term-filter", "")
        assert sum(n.is_visible() for n in names.all()) == total
        assert not page.locator(".by-count ol").is_visible()  # (the by-count list: one click away)
        page.click(".by-count > summary")
        assert page.locator(".by-count ol").is_visible()
    finally:
        context.close()


def _serve_with_404(folder: Path, not_found: Path):
    """A static host serving ``folder`` and ``not_found`` for every missing path (as hosts do)."""
    import functools
    import http.server
    import threading

    class Host(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def send_error(self, code, message=None, explain=None):
            if code != 404:
                return super().send_error(code, message, explain)
            body = not_found.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Host, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.mark.parametrize("mount", ["root", "base path"])
def test_the_404_page_is_styled_and_its_links_work_at_any_depth(browser, seed_site, tmp_path, mount):
    """Served at the site's root (as the preview does) or under its base path (/luu-tru/), a missing page
    deep down gets the styled 404 whose links reach the home page."""
    public = seed_site / "public"
    if mount == "root":
        folder, prefix = public, "/"
    else:
        folder = tmp_path / "host"
        folder.mkdir()
        (folder / "luu-tru").symlink_to(public, target_is_directory=True)
        prefix = "/luu-tru/"
    server = _serve_with_404(folder, public / "404.html")
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{server.server_address[1]}{prefix}khong/co/trang/nay/")
        assert page.locator("h1").text_content() == "Không tìm thấy trang"
        assert page.evaluate("getComputedStyle(document.querySelector('.site-header')).borderBottomStyle") == "solid"
        with page.expect_navigation():
            page.click("main a >> text=trang chủ")
        assert page.url.endswith(prefix + "index.html") and page.locator("h1").count() >= 1
        assert "Không tìm thấy" not in page.title()
    finally:
        context.close()
        server.shutdown()


def test_copy_link_and_opensearch_without_third_party_scripts(browser, seed_site):
    import xml.etree.ElementTree as ET

    public = seed_site / "public"
    context = browser.new_context()
    try:
        page = context.new_page()
        requested = []
        page.on("request", lambda r: requested.append(r.url))
        page.goto(_articles(seed_site)[0].as_uri())
        page.click(".share [data-share='copy']")
        page.wait_for_function("document.querySelector('.share-status').textContent.length > 0")
        status = page.text_content(".share-status")
        assert status == "Đã sao chép liên kết." or "https://example.org/luu-tru/" in status
        assert all(url.startswith(("file://", "data:")) for url in requested), requested
    finally:
        context.close()
    description = ET.parse(public / "opensearch.xml").getroot()
    ns = "{http://a9.com/-/spec/opensearch/1.1/}"
    template = description.find(f"{ns}Url").get("template")
    assert template == "https://example.org/luu-tru/search/index.html?q={searchTerms}"
    assert len(description.find(f"{ns}ShortName").text) <= 16
    home = (public / "index.html").read_text(encoding="utf-8")
    assert 'rel="search" type="application/opensearchdescription+xml"' in home


def test_body_text_renders_in_the_shipped_font_within_its_byte_budget(browser, seed_site):
    """Noto Serif's Vietnamese and Latin subsets come with the site: the body uses them, whatever fonts the
    machine has, and a page loads at most 120 KB of them."""
    import functools
    import http.server
    import threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    public = seed_site / "public"
    assert sorted(p.name for p in (public / "static" / "fonts").glob("*.woff2"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(public)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    context = browser.new_context()
    try:
        page = context.new_page()
        fonts = []
        page.on("requestfinished", lambda r: fonts.append(r.sizes()["responseBodySize"]) if r.url.endswith(".woff2") else None)
        article = _articles(seed_site)[0].relative_to(public).as_posix()
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/{article}")
        page.evaluate("document.fonts.ready")
        page.wait_for_function("[...document.fonts].some(f => f.family.includes('Noto Serif') && f.status === 'loaded')")
        assert page.evaluate("getComputedStyle(document.querySelector('.body p')).fontFamily").startswith('"Noto Serif"')
        assert page.evaluate("document.fonts.check('16px \"Noto Serif\"', 'Lực lượng ữ ơ ế ồ ậ')")
        page.wait_for_timeout(200)
        assert fonts and sum(fonts) <= 120 * 1024, fonts
    finally:
        context.close()
        server.shutdown()


def test_without_the_font_the_build_still_succeeds_and_says_so(tmp_path, monkeypatch, capsys):
    from generator.build import fonts

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(fonts, "PACKAGE", (*fonts.PACKAGE[:2], "http://127.0.0.1:9/none.tgz", fonts.PACKAGE[3]))
    monkeypatch.setattr(fonts, "_warned", False)
    monkeypatch.setattr(fonts.shutil, "which", lambda name: None)  # (and no npm to fetch it through)
    files = fonts.font_files()
    assert list(files) == ["static/fonts.css"] and b"@font-face" not in files["static/fonts.css"]
    assert "could not be fetched" in capsys.readouterr().err
    failed = fonts.cache_folder().with_name(fonts.cache_folder().name + ".failed")
    assert failed.is_file()  # (not tried again at once: a failure is remembered for a day)
    assert fonts.font_files() == files


def test_the_font_cache_falls_back_to_the_temporary_folder_when_home_is_read_only(tmp_path, monkeypatch):
    from generator.build import fonts

    read_only = tmp_path / "ro"
    read_only.mkdir()
    read_only.chmod(0o555)
    monkeypatch.setenv("XDG_CACHE_HOME", str(read_only / "cache"))
    monkeypatch.setattr(fonts.tempfile, "gettempdir", lambda: str(tmp_path / "tmp"))
    try:
        if os.access(read_only, os.W_OK):  # (root may write anywhere: make the home's cache a file instead)
            read_only.chmod(0o755)
            (read_only / "cache").write_text("not a folder", encoding="utf-8")
        assert fonts.cache_folder().is_relative_to(tmp_path / "tmp")
    finally:
        read_only.chmod(0o755)
