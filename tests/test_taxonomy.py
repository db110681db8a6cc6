"""One term page per person, place or tag however it is spelled; Vietnamese order."""
from __future__ import annotations

import random
import unicodedata

from generator.settings import SiteConfig
from generator.content.article import parse_article
from generator.site.model import positions
from generator.site.taxonomy import build_site


def _article(slug: str, **fields) -> object:
    lines = ["---", f"title: Bài {slug}"]
    lines += [f"{key}: {value}" for key, value in fields.items()]
    lines += ["---", "Nội dung."]
    return parse_article("\n".join(lines) + "\n", f"articles/{slug}.md")


def test_same_speaker_under_two_ranks_and_two_spellings_is_one_term():
    articles = [
        _article("a", date="2020-03-01", speaker="Nguyễn Văn Sơn", speaker_title="Trung tướng, Thứ trưởng"),
        _article("b", date="2021-05-03", speaker=unicodedata.normalize("NFD", "Nguyễn Văn Sơn"),
                 speaker_title="Thượng tướng, Thứ trưởng"),
        _article("c", date="2021-06-01", speaker="nguyễn văn sơn"),
    ]
    site = build_site(SiteConfig(), articles, {})
    speakers = site.taxonomy("speakers").terms
    assert [t.name for t in speakers] == ["Nguyễn Văn Sơn"]
    assert len(speakers[0].articles) == 3 and speakers[0].slug == "nguyen-van-son"


def test_location_spellings_fold_to_the_gazetteer_name():
    articles = [_article("a", location="Khánh Hoà"), _article("b", location="Khánh Hòa"),
                _article("c", location="TP.HCM"), _article("d", location="Thành phố Hồ Chí Minh")]
    site = build_site(SiteConfig(), articles, {})
    # (and an index sorts TP Hồ Chí Minh among the H: the prefix is not part of the name's order)
    assert [t.name for t in site.taxonomy("locations").terms] == ["TP Hồ Chí Minh", "Khánh Hòa"]


def test_places_abroad_are_listed_under_their_country():
    articles = [_article("a", location="Tokyo, Nhật Bản"), _article("b", location="Nhật Bản"),
                _article("c", location="Osaka"), _article("d", location="Mỹ"), _article("e", location="Hà Nội"),
                _article("f", location="Lào Cai")]
    site = build_site(SiteConfig(), articles, {})
    terms = {t.name: sorted(a.slug for a in t.articles) for t in site.taxonomy("locations").terms}
    assert terms == {"Nhật Bản": ["a", "b", "c"], "Hoa Kỳ": ["d"], "Hà Nội": ["e"], "Lào Cai": ["f"]}
    spellings = site.taxonomy("locations").spellings
    assert spellings["Tokyo, Nhật Bản"] == spellings["Osaka"] == "locations/nhat-ban/"


def test_terms_are_in_vietnamese_alphabetical_order():
    names = ["Ưu tiên", "Đà Nẵng", "Dân vận", "Ơn nghĩa", "Ô tô", "An ninh", "Ăn uống", "Bầu cử", "Ủy ban", "Úc"]
    articles = [_article(f"x{i}", tags=f"[{name}]") for i, name in enumerate(names)]
    site = build_site(SiteConfig(), articles, {})
    assert [t.name for t in site.taxonomy("tags").terms] == [
        "An ninh", "Ăn uống", "Bầu cử", "Dân vận", "Đà Nẵng", "Ô tô", "Ơn nghĩa", "Úc", "Ủy ban", "Ưu tiên"]


def test_drafts_are_left_out_and_undated_articles_have_their_own_period():
    articles = [_article("a", date="2021-08-17"), _article("b"), _article("c", date="2021", draft="true")]
    site = build_site(SiteConfig(), articles, {})
    assert [a.slug for a in site.articles] == ["a", "b"]
    assert [a.slug for a in site.undated.articles] == ["b"]
    assert [p.year for p in site.years] == [2021] and site.articles[0].url == "2021/08/a/"


def test_a_speakers_titles_in_date_order_with_undated_articles_counted_not_dated():
    from generator.site.speakers import titles_over_time

    articles = [
        _article("a", date="2021-05-03", speaker="Nguyễn Văn Sơn", speaker_title="Thượng tướng"),
        _article("b", date="2020-03-01", speaker="Nguyễn Văn Sơn", speaker_title="Trung tướng"),
        _article("c", date="2020-09-01", speaker="Nguyễn Văn Sơn", speaker_title="Trung tướng"),
        _article("d", date="null", speaker="Nguyễn Văn Sơn", speaker_title="Trung tướng"),
        _article("e", date="null", speaker="Nguyễn Văn Sơn", speaker_title="Thiếu tướng"),
    ]
    site = build_site(SiteConfig(), articles, {})
    spans = titles_over_time(site.taxonomy("speakers").terms[0])
    assert [(s.title, s.first and s.first.date.iso(), s.last and s.last.date.iso(), s.count, s.undated)
            for s in spans] == [("Trung tướng", "2020-03-01", "2020-09-01", 3, 1),
                                ("Thượng tướng", "2021-05-03", "2021-05-03", 1, 0),
                                ("Thiếu tướng", None, None, 1, 1)]


def test_undated_articles_come_last_by_their_known_day_and_month_then_by_name():
    articles = [_article("b-khong", date="null"), _article("a-khong", date="null"),
                _article("thang-3", date="null", date_partial="03-15"),
                _article("thang-12", date="null", date_partial="12-01"), _article("co-ngay", date="2020-01-01")]
    site = build_site(SiteConfig(), articles, {})
    assert [a.slug for a in site.articles] == ["co-ngay", "thang-12", "thang-3", "a-khong", "b-khong"]
    assert [a.slug for a in site.undated.articles] == ["thang-12", "thang-3", "a-khong", "b-khong"]
    assert site.undated.articles[0].date_label == "Ngày 1/12, không rõ năm"


def test_positions_finds_articles_by_their_sort_keys_and_the_others_by_scanning():
    dates = ["2020-01-01", "2020-01-01", "2020-01-01", "2019-06-30", "2018-02-03"]
    articles = sorted((_article(f"s{n}", date=dates[n % len(dates)]) for n in range(40)), key=lambda a: a.sort_key)
    twin = _article("s0", date="2020-01-01")  # the same sort key as an article of the list, not in it
    for wanted in ([0], [39], [5, 17, 38], list(range(40))):
        keys = {id(articles[n]): articles[n].sort_key for n in wanted}
        assert positions(articles, keys) == wanted
        assert positions(articles, {**keys, id(twin): twin.sort_key}) == wanted
    # A list out of that order (or a key that is not the article's) is still answered, by the scan.
    shuffled = articles[:]
    random.Random(3).shuffle(shuffled)
    keys = {id(a): a.sort_key for a in articles[10:14]}
    assert positions(shuffled, keys) == sorted(shuffled.index(a) for a in articles[10:14])
    assert positions(articles, {id(articles[7]): articles[30].sort_key}) == [7]
