"""Client-side search in Chromium, from file:// and over http, on a generated site."""
from __future__ import annotations

import functools
import http.server
import threading
import unicodedata
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.conftest import run_cli



# slug → (date, title, speaker, location, tags, body)
ARTICLES = {
    "phrase": ("2021-05-01", "Hội nghị tổng kết công tác", "Tô Lâm", "Hà Nội", ["An ninh trật tự"],
               "Bộ trưởng Tô Lâm phát biểu chỉ đạo hội nghị."),
    "scattered": ("2021-05-02", "Tổ công tác làm việc tại cơ sở", None, None, [],
                  "Tổ công tác đến làm việc với lãnh đạo địa phương về công tác tuyên truyền."),
    "danang": ("2020-03-01", "Kiểm tra phòng dịch tại Đà Nẵng", None, "Đà Nẵng", ["COVID-19"],
               "Đoàn kiểm tra công tác phòng dịch tại thành phố Đà Nẵng."),
    "uy-old": ("2020-02-01", "Đảng uỷ Công an Trung ương họp", None, None, [], "Hội nghị Đảng uỷ mở rộng."),
    "uy-new": ("2020-02-02", "Ban Thường vụ Đảng ủy họp", None, None, [], "Đảng ủy thống nhất nội dung."),
    "thuy": ("2019-06-01", "Thuý Kiều và Thúy Vân", None, None, [], "Bài viết về Thuý Kiều."),
    "duong-exact": ("2019-01-01", "Người đương nhiệm", None, None, [], "Ông là người đương nhiệm."),
    "duong-road": ("2019-01-02", "Con đường mới", None, None, [], "Con đường mới mở."),
    "duong-sun": ("2019-01-03", "Hướng dương", None, None, [], "Cánh đồng hoa hướng dương."),
    "nghe-an": ("2021-06-01", "Công an Nghệ An ra quân", None, "Nghệ An", ["An ninh trật tự"],
                "Lễ ra quân tại Nghệ An bảo đảm ANTT."),
    "antt-only": ("2021-07-01", "Bảo đảm ANTT dịp lễ", None, None, [], "Lực lượng công an bảo đảm ANTT."),
    "spelled": ("2021-07-02", "Giữ vững an ninh trật tự", None, None, [], "Giữ vững an ninh trật tự trên địa bàn."),
    "twin-old": ("2018-01-01", "Bản tin song sinh", None, None, [], "Nội dung giống hệt nhau."),
    "twin-new": ("2018-12-31", "Bản tin song sinh", None, None, [], "Nội dung giống hệt nhau."),
    "mixed-marks": ("2017-03-01", "Tổ dân phố và tô phở", None, None, [], "Tổ dân phố mời mỗi nhà một tô phở."),
    "two-towns": ("2017-04-01", "Thời tiết hai miền", None, "Cần Thơ", ["Thời tiết"],
                  "Sáng nay trời mưa ở Cần Thơ. Vĩnh Long nắng nóng, Bến Tre có gió."),
    "phuc-1": ("2016-01-01", "Ông Nguyễn Văn Phúc thăm trường làng", None, None, [], "Ông Nguyễn Văn Phúc trò chuyện với học trò."),
    "phuc-2": ("2016-01-02", "Nguyễn Văn Phúc nhận giải thưởng", None, None, [], "Giải thưởng trao cho Nguyễn Văn Phúc."),
    "phuc-3": ("2016-01-03", "Gặp gỡ Nguyễn Văn Phúc", None, None, [], "Nguyễn Văn Phúc kể chuyện nghề."),
    "van-phong": ("2016-01-04", "Nguyễn Thị Hoa về văn phòng mới", None, None, [], "Chị Nguyễn Thị Hoa làm việc ở văn phòng, phố Huế."),
    "hcm-dots": ("2015-05-01", "Mưa lớn ở TP.HCM", None, None, [], "Nhiều quận TP.HCM ngập sâu."),
    "hcm-words": ("2015-05-02", "Thành phố Hồ Chí Minh mở tuyến xe buýt", None, None, [],
                  "Thành phố Hồ Chí Minh thêm ba tuyến xe buýt điện."),
    "hcm-joined": ("2015-05-03", "Giá nhà TPHCM tăng", None, None, [], "Giá căn hộ ở TPHCM tăng mạnh."),
    "yen-tu-about": ("2014-02-01", "Khai hội xuân Yên Tử", None, "Quảng Ninh", [],
                     "Lễ khai hội xuân Yên Tử năm nay đón hàng vạn du khách. Ban tổ chức cho biết lối lên chùa "
                     "Đồng Yên Tử đã được sửa. Du khách đến Yên Tử nên đi cáp treo."),
    "yen-tu-passing": ("2014-02-02", "Dự báo thời tiết cuối tuần", None, None, [],
                       "Miền Bắc trời rét, có mưa nhỏ vài nơi. " * 12 + "Vùng núi cao như Yên Tử có sương mù. "
                       + "Nhiệt độ thấp nhất 9 độ, cao nhất 17 độ; gió đông bắc cấp 3. " * 12),
    "long-text": ("2013-01-01", "Chuyện làng nghề", None, None, [],
                  "Người thợ nhào đất sét từ sáng sớm. " * 20 + "Gốm Bát Tràng nổi tiếng khắp nơi."),
    "hostile": ("2018-06-01", 'Tiêu đề <img src=x onerror="alert(1)"> độc hại', None, None, ["<b>thẻ</b>"],
                'Văn bản <script>alert(2)</script> và "><svg onload=alert(3)> cuối.'),
}


def _write_site(root: Path) -> None:
    articles = root / "content" / "articles"
    articles.mkdir(parents=True)
    (root / "content" / "site.yaml").write_text("title: Thử tìm kiếm\nbase_url: https://example.org/\n",
                                               encoding="utf-8")
    (root / "content" / "glossary.yaml").write_text("abbreviations:\n  ANTT: an ninh trật tự\n", encoding="utf-8")
    import yaml

    for slug, (date, title, speaker, location, tags, body) in ARTICLES.items():
        front = {"title": title, "date": date, "speaker": speaker, "location": location, "tags": tags,
                 "summary": body}
        text = "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n" + body + "\n"
        (articles / f"{slug}.md").write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def search_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("search-site")
    _write_site(root)
    assert run_cli(root, "build") == 0
    return root / "public"


@pytest.fixture(scope="module")
def http_root(search_site):
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(search_site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(params=["file", "http"])
def open_search(request, browser, search_site, http_root):
    pages = []

    def _open(query: str = "", **params):
        page = browser.new_page()
        page.dialogs = []
        page.errors = []
        page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
        page.on("pageerror", lambda e: page.errors.append(str(e)))
        base = (search_site / "search" / "index.html").as_uri() if request.param == "file" else \
            http_root + "search/index.html"
        parts = [f"q={quote(query)}"] + [f"{k}={quote(v)}" for k, v in params.items()]
        page.goto(base + "?" + "&".join(parts))
        _wait(page)
        pages.append(page)
        return page

    yield _open
    for page in pages:
        assert not page.dialogs, page.dialogs
        assert not page.errors, page.errors
        page.close()


def _wait(page) -> None:
    page.wait_for_function(
        "(() => { const s = document.getElementById('search-status').textContent;"
        " return /Tìm thấy|Không tìm thấy|Nhập từ khóa/.test(s); })()")


def _titles(page) -> list[str]:
    return page.locator("#search-results > li h2").all_text_contents()


def _count(page) -> int:
    return page.locator("#search-results > li").count()


def test_folding_finds_marked_text(open_search):
    assert "Hội nghị tổng kết công tác" in _titles(open_search("to lam"))
    assert _titles(open_search("da nang")) == ["Kiểm tra phòng dịch tại Đà Nẵng"]
    nfd = unicodedata.normalize("NFD", "Đà Nẵng")
    assert _titles(open_search(nfd)) == ["Kiểm tra phòng dịch tại Đà Nẵng"]


def test_both_tone_placements_match_each_other(open_search):
    for query in ("dang uy", "Đảng uỷ", "Đảng ủy"):
        assert {"Đảng uỷ Công an Trung ương họp", "Ban Thường vụ Đảng ủy họp"} <= set(_titles(open_search(query)))
    assert _titles(open_search("thúy kiều")) == ["Thuý Kiều và Thúy Vân"]


def _containing(*words: str) -> set[str]:
    """The titles of the articles whose text (title, body, speaker, place, tags) has every word — spelled as
    typed when the query has marks, in any spelling when it has none."""
    from generator.lang.analyzer import tokens

    typed = [tokens(word)[0] for word in words]
    marked = any(exact != folded for exact, folded in typed)
    found = set()
    for date, title, speaker, location, tags, body in ARTICLES.values():
        written = tokens(" ".join([title, body, speaker or "", location or "", " ".join(tags)]))
        if all(any((exact == w) if marked else (folded == f) for exact, folded in written) for w, f in typed):
            found.add(title)
    return found


def test_a_word_typed_with_marks_means_that_spelling(open_search):
    assert _titles(open_search("đương")) == ["Người đương nhiệm"]
    assert _titles(open_search("đường")) == ["Con đường mới"]
    assert _titles(open_search("dương")) == ["Hướng dương"]
    assert _count(open_search("duong")) == 3  # (without marks: every spelling)
    assert set(_titles(open_search("tổ"))) == _containing("tổ") and "Hội nghị tổng kết công tác" not in _containing("tổ")
    assert set(_titles(open_search("tô"))) == _containing("tô")


def test_the_count_is_the_articles_holding_every_word(open_search):
    # (not "an ninh": ANTT stands for it; no function word: those need not match)
    for query in ("công tác", "cong tac", "Nghệ An", "to pho", "Tổ dân", "tô phở"):
        page = open_search(query)
        expected = _containing(*query.split())
        assert set(_titles(page)) == expected and _count(page) == len(expected)
        assert f"Tìm thấy {len(expected)} kết quả" in page.text_content("#search-status")


def test_a_query_written_with_marks_means_its_plain_words_as_written(open_search):
    assert _titles(open_search("Nghe An")) == ["Công an Nghệ An ra quân"]  # (no marks: any spelling)
    assert _titles(open_search("Nghệ an")) == ["Công an Nghệ An ra quân"]
    page = open_search("tổ dan")  # … "dan" as written, never "dân": nothing, so the folded matches, said so
    assert _titles(page) == ["Tổ dân phố và tô phở"] and "không phân biệt dấu" in page.text_content("#search-status")


def test_function_words_need_not_match_but_still_rank(open_search):
    assert set(_titles(open_search("phòng dịch ở Đà Nẵng"))) == _containing("phòng", "dịch", "Đà", "Nẵng")
    assert _count(open_search("ở")) == len(_containing("ở"))  # (a query of them only: they must match)


def test_a_misspelled_mark_falls_back_to_folded_matches_and_says_so(open_search):
    page = open_search("Đà Nẳng")  # (the text writes Nẵng)
    assert _titles(page) == ["Kiểm tra phòng dịch tại Đà Nẵng"]
    assert "không phân biệt dấu" in page.text_content("#search-status")


def test_highlights_mark_only_the_spelling_that_matched(open_search):
    page = open_search("tổ")
    card = page.locator("#search-results > li", has_text="tô phở")
    assert set(card.locator("mark").all_text_contents()) == {"Tổ"}
    card = open_search("to").locator("#search-results > li", has_text="tô phở")
    assert set(card.locator("mark").all_text_contents()) == {"Tổ", "tô"}


def test_a_quoted_phrase_never_matches_across_punctuation(open_search):
    assert _titles(open_search('"Cần Thơ Vĩnh Long"')) == []
    assert _titles(open_search('"Vĩnh Long nắng nóng"')) == ["Thời tiết hai miền"]
    assert _titles(open_search("can tho vinh long")) == ["Thời tiết hai miền"]  # (unquoted: every word, anywhere)


def test_filter_counts_are_the_matched_set(open_search):
    page = open_search("công")
    page.click("#search-filters summary")
    page.wait_for_function("document.querySelectorAll('#filter-year option').length > 1")
    matched = _containing("công")
    years = {}
    for date, title, *_ in ARTICLES.values():
        if title in matched:
            years[date[:4]] = years.get(date[:4], 0) + 1
    options = page.locator("#filter-year option").all_text_contents()[1:]
    assert sorted(options) == sorted(f"{year} ({count})" for year, count in years.items())


def test_adjacent_words_rank_above_scattered_ones_and_quotes_require_them(open_search):
    titles = _titles(open_search("to lam"))
    assert titles.index("Hội nghị tổng kết công tác") < titles.index("Tổ công tác làm việc tại cơ sở")
    assert _titles(open_search('"to lam"')) == ["Hội nghị tổng kết công tác"]


def test_an_article_about_the_query_ranks_above_one_that_mentions_it_in_passing(open_search):
    for query in ("Yên Tử", "yen tu"):
        assert _titles(open_search(query)) == ["Khai hội xuân Yên Tử", "Dự báo thời tiết cuối tuần"]


def test_prefix_of_the_last_word_matches_as_you_type(open_search):
    assert _titles(open_search("nghe a"))[0] == "Công an Nghệ An ra quân"


def test_abbreviations_find_their_expansion_and_back(open_search):
    assert {"Giữ vững an ninh trật tự", "Bảo đảm ANTT dịp lễ"} <= set(_titles(open_search("antt")))
    assert "Bảo đảm ANTT dịp lễ" in _titles(open_search("an ninh trat tu"))
    # (written with marks: "tự", not "tử" of Yên Tử — and ANTT writes "tự")
    assert "Bảo đảm ANTT dịp lễ" in _titles(open_search("an ninh trật tự"))
    assert "Khai hội xuân Yên Tử" not in _titles(open_search("an ninh trật tự"))


def test_newer_articles_break_ties(open_search):
    page = open_search("song sinh")
    hrefs = page.locator("#search-results > li h2 a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert "twin-new" in hrefs[0] and "twin-old" in hrefs[1]


def test_filters_combine_with_query_and_browse_alone(open_search):
    page = open_search("", location="nghe-an")
    assert _titles(page) == ["Công an Nghệ An ra quân"]
    page = open_search("an ninh", year="2021")
    assert set(_titles(page)) >= {"Giữ vững an ninh trật tự"} and all("2021" in m for m in
                                                                     page.locator(".meta").all_text_contents())
    options = page.locator("#filter-year option").all_text_contents()
    assert any(o.startswith("2021 (") for o in options)


def test_url_is_shareable_and_back_button_restores_the_query(open_search):
    page = open_search("to lam")
    page.fill("#search-q", "da nang")
    page.press("#search-q", "Enter")
    page.wait_for_function("location.search.includes('da+nang') || location.search.includes('da%20nang')")
    page.wait_for_function("document.getElementById('search-status').textContent.includes('da nang')"
                           " && document.querySelectorAll('#search-results > li').length === 1")
    assert _titles(page) == ["Kiểm tra phòng dịch tại Đà Nẵng"]
    page.go_back()
    page.wait_for_function("document.getElementById('search-q').value === 'to lam'")
    page.wait_for_function("document.querySelectorAll('#search-results > li').length >= 2")


def test_no_results_says_so_and_suggests(open_search):
    page = open_search("Đà Nẵng", tag="an-ninh-trat-tu")  # (no article of that tag has either word)
    assert _count(page) == 0
    assert "Không tìm thấy" in page.text_content("#search-status")
    page.wait_for_selector("#search-suggest a")
    assert "bỏ bộ lọc" in page.text_content("#search-suggest")


def test_no_article_with_every_word_offers_those_with_the_most_labelled(open_search):
    page = open_search("to lam xyzzy")  # (no article has "xyzzy", nor a word near it)
    assert set(_titles(page)) == _containing("to", "lam") and _count(page) > 0
    assert "Không có bài nào chứa đủ mọi từ" in page.text_content("#search-status")
    assert "(2/3 từ)" in page.text_content("#search-status")
    assert set(page.locator("#search-results .missing").all_text_contents()) == {"Không có từ: xyzzy"}
    page = open_search("Cần Thơ hướng dương")  # (two articles, each with two of the four words)
    assert set(_titles(page)) == {"Thời tiết hai miền", "Hướng dương"}
    assert "(2/4 từ)" in page.text_content("#search-status")
    card = page.locator("#search-results > li", has_text="Hướng dương")
    assert card.locator(".missing").text_content() == "Không có từ: cần, thơ"  # (as the analyzer writes them)
    assert {m.lower() for m in card.locator("mark").all_text_contents()} == {"hướng", "dương"}


def test_snippets_highlight_words_and_hostile_content_stays_text(open_search):
    page = open_search("tieu de doc hai")
    assert _titles(page) == ['Tiêu đề <img src=x onerror="alert(1)"> độc hại']
    assert page.locator("#search-results img, #search-results script, #search-results svg").count() == 0
    marks = page.locator("#search-results mark").all_text_contents()
    assert {"Tiêu", "đề", "độc", "hại"} <= set(marks)


def test_a_word_past_the_records_opening_gets_its_snippet_from_the_articles_text(open_search):
    """Neither the title nor the opening in the result's record (500 characters) has "Bát Tràng": the card's
    snippet comes from the article's longer text, loaded for it (search/x/), around the matched words."""
    page = open_search("bat trang")
    assert _titles(page) == ["Chuyện làng nghề"]
    page.locator("#search-results .summary mark").first.wait_for()
    assert {m.lower() for m in page.locator("#search-results .summary mark").all_text_contents()} == {"bát", "tràng"}
    assert "Gốm Bát Tràng nổi tiếng khắp nơi" in page.locator("#search-results .summary").text_content()


def test_keyboard_moves_from_box_to_results(open_search):
    page = open_search("cong tac")
    page.focus("#search-q")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.closest('#search-results') !== null")
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.id") == "search-q"


def test_a_query_loads_only_some_index_parts(browser, http_root):
    page = browser.new_page()
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(http_root + "index.html")
    page.focus("#header-q")
    assert not [u for u in requested if "/search/" in u], "the home page must not load the index"
    page.goto(http_root + "search/index.html?q=nghe")
    _wait(page)
    shards = [u for u in requested if "/search/t/" in u]
    assert len(shards) in (1, 2, 3)
    page.close()


def test_the_last_word_completes_to_the_words_used_after_the_others(open_search):
    """Typing a name's third syllable: its first letters complete to the word that follows the others in
    the archive ("văn phúc"), not to the most used words starting so ("phòng", "phố")."""
    phuc = {"Ông Nguyễn Văn Phúc thăm trường làng", "Nguyễn Văn Phúc nhận giải thưởng", "Gặp gỡ Nguyễn Văn Phúc"}
    assert set(_titles(open_search("nguyen van ph"))) == phuc
    assert set(_titles(open_search("Nguyễn Văn Ph"))) == phuc


def test_the_spellings_of_one_term_find_each_other(open_search):
    hcm = {"Mưa lớn ở TP.HCM", "Thành phố Hồ Chí Minh mở tuyến xe buýt", "Giá nhà TPHCM tăng"}
    for query in ("TP.HCM", "tp hcm", "TPHCM", "Thành phố Hồ Chí Minh", "thanh pho ho chi minh"):
        page = open_search(query)
        assert set(_titles(page)) == hcm and _count(page) == 3
    card = open_search("tphcm").locator("#search-results > li", has_text="xe buýt")
    assert {"Thành", "phố", "Hồ", "Chí", "Minh"} <= set(card.locator("mark").all_text_contents())


def test_an_abbreviation_highlights_its_expansion_and_back(open_search):
    card = open_search("antt").locator("#search-results > li", has_text="Giữ vững")
    assert {"an", "ninh", "trật", "tự"} <= set(card.locator("mark").all_text_contents())
    card = open_search("an ninh trat tu").locator("#search-results > li", has_text="Bảo đảm ANTT")
    assert "ANTT" in card.locator("mark").all_text_contents()


def test_sort_by_date_and_a_year_range_kept_in_the_url(open_search):
    dates = {title: date for date, title, *_ in ARTICLES.values()}
    page = open_search("công", sort="new")
    titles = _titles(page)
    assert set(titles) == _containing("công")
    assert [dates[t] for t in titles] == sorted((dates[t] for t in titles), reverse=True)
    titles = _titles(open_search("công", sort="old"))
    assert [dates[t] for t in titles] == sorted(dates[t] for t in titles)
    page = open_search("", **{"from": "2019", "to": "2020"})
    expected = {t for t, d in dates.items() if "2019" <= d[:4] <= "2020"}
    page.wait_for_function(f"document.querySelectorAll('#search-results > li').length === {min(len(expected), 10)}")
    assert set(_titles(page)) == expected if len(expected) <= 10 else len(_titles(page)) == 10
    assert page.input_value("#filter-from") == "2019" and page.input_value("#filter-to") == "2020"
    page.select_option("#search-sort", "old")
    page.wait_for_function("location.search.includes('sort=old')")


def test_a_word_the_archive_never_uses_is_taken_for_a_typo(open_search):
    page = open_search("cogn tac")  # (a swap: "cong")
    assert set(_titles(page)) == _containing("cong", "tac")
    assert "Không tìm thấy “cogn tac”. Hiển thị" in page.text_content("#search-status")
    assert "cho “cong tac”" in page.text_content("#search-status")
    assert _count(open_search("xyzzyq")) == 0  # (nothing near it: nothing, and said so)
