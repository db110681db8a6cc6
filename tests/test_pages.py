"""Every page type on a generated multi-year site: navigation, dates, speakers, related, feeds."""
from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from tests.conftest import run_cli
from tests.sitecheck import link_problems

ATOM = "{http://www.w3.org/2005/Atom}"


def _article(folder: Path, slug: str, **front) -> None:
    body = front.pop("body", "Nội dung bài viết.")
    text = "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n" + body + "\n"
    (folder / f"{slug}.md").write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """Three years, partial dates, one person under two ranks and spellings, quotes, abbreviations."""
    root = tmp_path_factory.mktemp("multi-year")
    folder = root / "content" / "articles"
    folder.mkdir(parents=True)
    (root / "content" / "site.yaml").write_text("title: Lưu trữ thử\nbase_url: https://example.org/luu-tru/\n"
                                               "page_size: 3\n", encoding="utf-8")
    (root / "content" / "glossary.yaml").write_text("abbreviations:\n  ANTT: an ninh trật tự\n  CAND: Công an nhân dân\n",
                                                   encoding="utf-8")
    quote = "“Lực lượng Công an phải giữ vững an ninh trật tự trong mọi tình huống, không để bị động bất ngờ”"
    for year in (2019, 2020, 2021):
        for month in (3, 9):
            _article(folder, f"bai-{year}-{month}", title=f"Hội nghị tháng {month} năm {year}",
                     date=f"{year}-{month:02d}-15", tags=["An ninh trật tự", "Hội nghị"], location="Hà Nội",
                     body=f"Hội nghị bàn về ANTT và lực lượng CAND năm {year}.")
    _article(folder, "son-2020", title="Thứ trưởng làm việc tại Nghệ An", date="2020-05-03",
             speaker="Nguyễn Văn Sơn", speaker_title="Trung tướng, Thứ trưởng Bộ Công an", location="Nghệ An",
             tags=["An ninh trật tự"], body=f"Trung tướng Nguyễn Văn Sơn phát biểu: {quote}.")
    _article(folder, "son-2021", title="Thượng tướng Nguyễn Văn Sơn chủ trì họp", date="2021-05-03",
             speaker="Nguyễn Văn Sơn", speaker_title="Thượng tướng, Thứ trưởng Bộ Công an", location="Nghệ An",
             tags=["An ninh trật tự"], body="Thượng tướng Nguyễn Văn Sơn chủ trì cuộc họp.")
    _article(folder, "son-nfd", title="Một bài viết khác", date="2021-06", speaker="nguyễn văn sơn",
             location="Nghe An".replace("Nghe An", "Nghệ An"))
    _article(folder, "chi-nam", title="Bài chỉ biết năm", date=2018, tags=["Đà Nẵng"])
    _article(folder, "khong-ngay", title="Bài không rõ ngày", date=None, tags=["Ơn nghĩa", "Ưu tiên", "Ô tô"])
    assert run_cli(root, "build") == 0
    return root / "public"


def _html(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


def test_every_page_type_exists(site):
    for rel in ("index.html", "page/2/index.html", "archive/index.html", "archive/2021/index.html",
                "archive/2021/05/index.html", "archive/2018/index.html", "archive/undated/index.html",
                "tags/index.html", "tags/an-ninh-trat-tu/index.html", "tags/an-ninh-trat-tu/page/1/index.html",
                "tags/an-ninh-trat-tu/feed.xml", "speakers/index.html", "speakers/nguyen-van-son/index.html",
                "speakers/nguyen-van-son/feed.xml", "locations/index.html", "locations/nghe-an/index.html",
                "search/index.html", "glossary/index.html", "404.html", "feed.xml", "sitemap.xml", "robots.txt",
                "2021/05/son-2021/index.html", "2021/06/son-nfd/index.html", "2018/chi-nam/index.html",
                "undated/khong-ngay/index.html"):
        assert (site / rel).is_file(), rel


def test_links_resolve_everywhere(site):
    problems = link_problems(site)
    assert not problems, "\n".join(problems[:20])


def test_dates_in_vietnamese_with_partial_precision(site):
    assert "Thứ hai, 3/5/2021" in _html(site, "2021/05/son-2021/index.html")
    assert "tháng 6/2021" in _html(site, "2021/06/son-nfd/index.html")
    assert "năm 2018" in _html(site, "2018/chi-nam/index.html")
    assert "Không rõ ngày" in _html(site, "undated/khong-ngay/index.html")


def test_one_speaker_page_with_titles_over_time_and_quotes(site):
    assert len(list((site / "speakers").glob("*/index.html"))) == 1
    page = _html(site, "speakers/nguyen-van-son/index.html")
    assert page.index("Trung tướng, Thứ trưởng Bộ Công an") < page.index("Thượng tướng, Thứ trưởng Bộ Công an")
    assert "Lực lượng Công an phải giữ vững an ninh trật tự" in page
    assert 'href="../../2020/05/son-2020/index.html"' in page
    assert page.count('class="card"') == 3


def test_term_index_sorted_by_name_and_by_count(site):
    page = _html(site, "tags/index.html")
    by_name = page[page.index('id="theo-ten"'):page.index('id="nhieu-bai-nhat"')]
    names = re.findall(r'index.html">([^<]+)</a>', by_name)
    assert names == ["An ninh trật tự", "Đà Nẵng", "Hội nghị", "Ô tô", "Ơn nghĩa", "Ưu tiên"]
    by_count = page[page.index('id="nhieu-bai-nhat"'):]
    assert re.findall(r'index.html">([^<]+)</a>', by_count)[0] == "An ninh trật tự"


def test_article_page_has_reading_time_related_abbr_and_structured_data(site):
    page = _html(site, "2021/09/bai-2021-9/index.html")
    assert "Thời gian đọc" in page and 'class="related"' in page
    assert '<abbr title="an ninh trật tự">ANTT</abbr>' in page
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))
    assert data["@type"] == "NewsArticle" and data["headline"] == "Hội nghị tháng 9 năm 2021"
    assert '<link rel="canonical" href="https://example.org/luu-tru/2021/09/bai-2021-9/">' in page
    assert 'property="og:title"' in page
    middle = _html(site, "2021/03/bai-2021-3/index.html")
    assert 'rel="prev"' in middle and 'rel="next"' in middle and 'rel="next"' not in page  # the newest has no next


def test_archive_counts_per_year_and_month(site):
    page = _html(site, "archive/index.html")
    assert re.search(r'Năm 2021</a> <span class="count">\(4\)', page)
    assert re.search(r'Tháng 9</a> <span class="count">\(1\)', page)
    assert "Không rõ ngày" in page


def test_feeds_have_required_atom_elements(site):
    for feed in [site / "feed.xml", *site.glob("*/*/feed.xml")]:
        root = ET.parse(feed).getroot()
        for child in ("title", "id", "updated", "link"):
            assert root.find(f"{ATOM}{child}") is not None, (feed, child)
        for entry in root.findall(f"{ATOM}entry"):
            assert entry.find(f"{ATOM}title").text and entry.find(f"{ATOM}id").text.startswith("https://")


def test_glossary_page_lists_abbreviations(site):
    page = _html(site, "glossary/index.html")
    assert '<abbr title="an ninh trật tự">ANTT</abbr>' in page and "Công an nhân dân" in page


def test_abbreviations_are_wrapped_as_whole_words_outside_links_only():
    from generator.render.templates import _abbreviate

    html = '<p>ANTT, XANTT, ANTTX, _CAND <a href="#">ANTT</a> (CAND) ANTT.</p>'
    out = str(_abbreviate(html, (("ANTT", "an ninh trật tự"), ("CAND", "Công an <nhân dân>"))))
    assert out == ('<p><abbr title="an ninh trật tự">ANTT</abbr>, XANTT, ANTTX, _CAND <a href="#">ANTT</a> '
                   '(<abbr title="Công an &lt;nhân dân&gt;">CAND</abbr>) <abbr title="an ninh trật tự">ANTT</abbr>.</p>')


def test_day_pages_with_a_month_calendar_neighbours_and_the_same_day_in_other_years(site):
    public = site
    month = (public / "archive" / "2020" / "09" / "index.html").read_text(encoding="utf-8")
    calendar = month[month.index('<details class="calendar"'):month.index("</details>", month.index('class="calendar"'))]
    linked = re.findall(r'<a href="([^"]+)"', calendar)
    assert linked == ["15/index.html"]  # (the one day of the month with articles; the other days are text)
    assert (public / "archive" / "2020" / "09" / "15" / "index.html").is_file()
    nav = month[month.index('<nav class="period-nav"'):]
    assert 'rel="prev" href="../05/index.html"' in nav and 'rel="next" href="../../2021/03/index.html"' in nav
    day = (public / "archive" / "2020" / "09" / "15" / "index.html").read_text(encoding="utf-8")
    assert "<h1>Ngày 15/9/2020</h1>" in day and "Hội nghị tháng 9 năm 2020" in day
    same = day[day.index('class="same-day"'):day.index("</p>", day.index('class="same-day"'))]
    assert re.findall(r">(\d{4})</a>", same) == ["2021", "2019"]  # (the 15th of September in the other years)
    crumbs = day.index('<nav class="breadcrumbs"')
    assert "Tháng 9" in day[crumbs:day.index("</nav>", crumbs)]
    sitemap = (public / "sitemap.xml").read_text(encoding="utf-8")
    assert "archive/2020/09/15/" in sitemap
    article = (public / "2020" / "09" / "bai-2020-9" / "index.html").read_text(encoding="utf-8")
    same = article[article.index('class="same-day"'):article.index("</p>", article.index('class="same-day"'))]
    assert re.findall(r'href="([^"]+)">(\d{4})</a>', same) == [("../../../archive/2021/09/15/index.html", "2021"),
                                                                 ("../../../archive/2019/09/15/index.html", "2019")]
    assert not link_problems(public)


def test_past_the_limit_the_sitemap_is_an_index_of_parts(tmp_path, monkeypatch):
    from generator.render import pages
    from tests.conftest import make_project

    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    root = make_project(tmp_path / "site")
    assert run_cli(root, "import") == 0 and run_cli(root, "build") == 0
    single = [e.text for e in ET.parse(root / "public" / "sitemap.xml").getroot().iter(f"{ns}loc")]
    monkeypatch.setattr(pages, "SITEMAP_LIMIT", 10)  # (50,000 on a real site: the protocol's limit)
    settings = root / "content" / "site.yaml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(re.sub(r"(?m)^description: .*$", "description: Một mô tả khác", text),  # (every page planned
                        encoding="utf-8")                                                    # again)
    assert run_cli(root, "build") == 0
    index = ET.parse(root / "public" / "sitemap.xml").getroot()
    assert index.tag == f"{ns}sitemapindex"
    parts = [e.text for e in index.iter(f"{ns}loc")]
    assert len(parts) == -(-len(single) // 10)
    found = []
    for url in parts:
        name = url.rsplit("/", 1)[1]
        part = ET.parse(root / "public" / name).getroot()
        assert part.tag == f"{ns}urlset" and len(list(part)) <= 10
        found += [e.text for e in part.iter(f"{ns}loc")]
    assert found == single  # (every URL once, in order)
    monkeypatch.setattr(pages, "SITEMAP_LIMIT", 50_000)
    settings.write_text(text, encoding="utf-8")
    assert run_cli(root, "build") == 0  # (and back: the parts go)
    assert not list((root / "public").glob("sitemap-*.xml"))


def test_a_reader_walks_the_date_archive_in_a_browser(site, browser):
    """In Chromium, on the multi-year site: the calendar's day, that day in another year, the month before,
    and the home page's numbered pages all lead where they say."""
    page = browser.new_page()
    try:
        page.goto((site / "archive" / "2020" / "09" / "index.html").as_uri())
        with page.expect_navigation():
            page.click(".calendar a >> text=15")
        assert page.locator("h1").text_content() == "Ngày 15/9/2020"
        with page.expect_navigation():
            page.click(".same-day a >> text=2021")
        assert page.locator("h1").text_content() == "Ngày 15/9/2021"
        assert "Hội nghị tháng 9 năm 2021" in page.locator(".cards").text_content()
        with page.expect_navigation():
            page.click(".breadcrumbs a >> text=Tháng 9")
        with page.expect_navigation():
            page.click(".period-nav a[rel=prev]")
        assert page.locator("h1").text_content() == "Tháng 6/2021"
        page.goto((site / "index.html").as_uri())
        with page.expect_navigation():
            page.click(".pager .pages a >> text=2")
        assert page.url.endswith("page/2/index.html")
        assert page.locator(".pager [aria-current=page]").text_content() == "2"
    finally:
        page.close()
