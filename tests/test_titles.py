"""The headline among a scraped text's first lines (generator/importer/titles.py and its learned model).

The texts are written for these tests, in the shape of scraped pages: chrome above and around the headline."""
from __future__ import annotations

import pytest

from generator.importer.extract import extract
from generator.importer.headlines import headline_text
from generator.importer.blocks import parse_raw
from generator.importer.tags import Vocabulary
from generator.importer.titles import likeliest_title, never_headline, title_candidates

LEAD = ("Sáng 12/3/2024, UBND huyện Nghĩa Hưng tổ chức lễ công bố huyện đạt chuẩn nông thôn mới. Phát biểu tại "
        "buổi lễ, Chủ tịch UBND tỉnh Nam Định Phạm Đình Nghị biểu dương nỗ lực của cán bộ và nhân dân huyện Nghĩa "
        "Hưng trong chặng đường xây dựng nông thôn mới, đề nghị huyện giữ vững các tiêu chí đã đạt.")
HEADLINE = "Huyện Nghĩa Hưng được công bố đạt chuẩn nông thôn mới"
_VOCABULARY = Vocabulary((), ())


@pytest.mark.parametrize("above", [
    ["Tin tức - Sự kiện"],                                     # section names
    ["Báo Nam Định điện tử", "Thứ Ba, 12/03/2024 10:15"],     # the site's name and the page's time
    ["Trang chủ › Kinh tế › Nông nghiệp"],                    # a breadcrumb
    ["Ông Phạm Đình Nghị trao bằng công nhận cho huyện. Ảnh: Minh Thu"],  # a photo caption with its credit
    ["Hà Nội: 34°C Hà Nội", "Đà Nẵng: 32°C Đà Nẵng"],         # a weather widget
    ["Thông báo:", "Nam Định, ngày 12 tháng 3 năm 2024"],      # a document's place and date
    ["Page 315 - http://baonamdinh.vn/trienlam"],              # a page number and address
    ["Loading...", "Skip to main content"],                    # a loading notice
    # a visitor counter and its poll, above a headline that would otherwise be past the first lines
    ["Truy cập", "Hôm nay:", "90", "Hôm qua:", "86", "Tuần này:", "1740", "Tháng này:", "6023", "Tất cả:", "523858",
     "Ý kiến thăm dò"],
])
def test_the_headline_under_site_furniture_is_found(above):
    text = "\n".join([*above, HEADLINE, LEAD])
    assert likeliest_title(parse_raw(text))[0] == HEADLINE
    found = extract(text, _vocabulary())
    assert found.title.value == HEADLINE


def test_a_caption_with_its_credit_or_the_sites_name_is_never_a_candidate():
    text = "Báo Nam Định điện tử\nÔng Phạm Đình Nghị trao bằng công nhận. Ảnh: Minh Thu\n" + LEAD
    assert [c.text for c in title_candidates(parse_raw(text))] == []


def test_a_text_without_a_headline_gets_a_title_from_its_lead_not_a_caption():
    text = "Ông Phạm Đình Nghị trao bằng công nhận cho huyện. (Ảnh: TTXVN)\n" + LEAD
    title = extract(text, _vocabulary()).title.value
    assert "Ảnh" not in title and title


def _vocabulary():
    from pathlib import Path

    from generator.importer.tags import load_vocabulary

    root = Path(__file__).resolve().parent.parent / "content"
    return load_vocabulary(root / "tags.yaml", root / "glossary.yaml")


def test_a_sentence_opening_with_an_office_and_a_name_is_not_taken_for_a_run_in_headline():
    text = ("Tiếp tục chuyến thăm, sáng 29/9, Chủ tịch Quốc hội Nguyễn Thị Kim Ngân hội kiến Chủ tịch nước Lào. "
            "Chủ tịch Quốc hội Nguyễn Thị Kim Ngân cho biết hai bên tiếp tục trao đổi kinh nghiệm về công tác lập "
            "pháp và giám sát.")
    found = extract(text, _vocabulary())
    assert found.speaker.value.name == "Nguyễn Thị Kim Ngân"
    assert "Nguyễn Thị Kim Ngân cho biết" in found.body


def test_a_masthead_is_chrome_and_a_byline_with_its_outlet_in_brackets_is_the_stamp():
    doc = parse_raw("\n".join(["13:20 ngày 12/3/2024 | HOTLINE : 0911.344.555 | Email: bbt@baonamdinh.vn",
                               "MINH THU (báo Nam Định) 12/03/2024 16:34 (GMT+7)", HEADLINE, LEAD]))
    assert doc.blocks[0].text == HEADLINE
    assert doc.stamps == ((2024, 3, 12),)


@pytest.mark.parametrize("lines, headline", [
    # capitals the page wrapped over three lines
    (["HUYỆN NGHĨA HƯNG LONG TRỌNG TỔ CHỨC", "LỄ CÔNG BỐ ĐẠT CHUẨN NÔNG THÔN MỚI", "NĂM 2024 CỦA TỈNH NAM ĐỊNH"],
     "HUYỆN NGHĨA HƯNG LONG TRỌNG TỔ CHỨC LỄ CÔNG BỐ ĐẠT CHUẨN NÔNG THÔN MỚI NĂM 2024 CỦA TỈNH NAM ĐỊNH"),
    # a headline going on in lower case on the next line
    (["Huyện Nghĩa Hưng được công bố", "đạt chuẩn nông thôn mới"], HEADLINE),
    # … with a short link line between it and the lead
    (["Huyện Nghĩa Hưng được công bố", "đạt chuẩn nông thôn mới", "Xem bản tin trên trang của tỉnh"], HEADLINE),
    # one section's name run into the headline, and a closing full stop
    (["Xã hội Người dân Nghĩa Hưng vui mừng đón nhận danh hiệu nông thôn mới."],
     "Người dân Nghĩa Hưng vui mừng đón nhận danh hiệu nông thôn mới"),
])
def test_a_headline_wrapped_labelled_or_stopped_is_the_headline(lines, headline):
    assert extract("\n".join([*lines, LEAD]), _vocabulary()).title.value == headline


def test_a_section_name_before_a_place_stays_in_the_headline():
    text = "Kinh tế Nam Định tăng trưởng cao nhất vùng đồng bằng sông Hồng\n" + LEAD
    assert extract(text, _vocabulary()).title.value.startswith("Kinh tế Nam Định")


@pytest.mark.parametrize("glue", [" (Baonamdinh.vn) - ", " BNĐ - ", " ", ""])
def test_a_headline_run_into_its_lead_is_cut_from_it(glue):
    """Scrapers join a headline and its lead: after the outlet's prefix, before the lead's time and date, or
    with no space at all; the body keeps the lead, without the headline."""
    text = HEADLINE + glue + LEAD
    found = extract(text, _vocabulary())
    assert found.title.value == HEADLINE
    assert found.body.startswith("Sáng 12/3/2024, UBND huyện Nghĩa Hưng")
    if "(" in glue:
        assert found.source.value == "Baonamdinh.vn"


def test_a_bulleted_link_and_a_trail_of_sections_are_not_the_headline():
    # A related story's link under the headline ("* …"), and a breadcrumb run into the headline the next
    # line repeats: neither is the headline.
    text = "\n".join([HEADLINE, "* Nam Định có thêm ba xã đạt chuẩn nông thôn mới nâng cao trong năm nay", LEAD])
    assert all("Nam Định có thêm" not in c.text for c in title_candidates(parse_raw(text)))
    text = "\n".join(["Trang chủ Tin tức Nông thôn mới " + HEADLINE, HEADLINE, LEAD])
    assert all(not c.text.startswith("Trang chủ") for c in title_candidates(parse_raw(text)))


def test_a_short_section_name_over_a_long_headline_is_not_taken_for_it():
    headline = ("Tập trung thực hiện thắng lợi nhiệm vụ năm 2024; chuẩn bị tốt cho công tác Đại hội Đảng bộ các cấp, "
                "tiến tới Đại hội Đảng bộ huyện lần thứ XXVI nhiệm kỳ 2025 - 2030")
    found = extract("\n".join(["Hoạt động Đảng", headline, LEAD]), _vocabulary())
    assert found.title.value != "Hoạt động Đảng" or found.title.confidence < 0.75


def test_a_list_of_other_stories_with_each_dash_on_its_own_line_is_chrome():
    stories = ["Khách sốc vì bài đăng của nhân viên quán nướng Hà Nội sau mâu thuẫn",
               "Miền Bắc sắp mưa to đến rất to, 8 tỉnh sau đặc biệt chú ý",
               "Lốc xoáy đánh chìm nhiều thuyền của ngư dân", "Bạn gái tiết lộ điều ít ai biết về Văn Thanh"]
    text = "".join(f"-\n{story}\n" for story in stories) + f"Pháp luật\n{HEADLINE}\n{LEAD}\n"
    found = extract(text, _VOCABULARY)
    assert found.title.value == HEADLINE
    assert found.location.value == "Nam Định"
    assert not any(story in found.body for story in stories)
    # Two such lines in an article are the article's.
    listed = f"{HEADLINE}\n{LEAD}\n-\nGiữ vững các tiêu chí đã đạt\n-\nNâng cao đời sống người dân\n"
    assert "Nâng cao đời sống người dân" in extract(listed, _VOCABULARY).body


def test_a_sites_navigation_bar_is_not_the_headline():
    bar = "Trang chủ     Đăng ký nhận tin    Ý kiến bạn đọc   Liên kết website English "
    found = extract(f"{bar}\nThứ tư, ngày 03 tháng 09 năm 2014 Tìm kiếm\n Tìm kiếm nâng cao\n\n{HEADLINE}\n\n\n{LEAD}\n",
                    _VOCABULARY)
    assert found.title.value == HEADLINE and "Ý kiến bạn đọc" not in found.body
    # A table row with figures, in the article, stays.
    row = "Hà Nội     34 độ     Mưa rào"
    assert row in extract(f"{HEADLINE}\n{LEAD}\n{row}\n", _VOCABULARY).body


def test_a_pages_title_with_the_sites_name_gives_way_to_the_headline_under_it():
    text = f"{HEADLINE} - Báo Nam Định -->\n\nBreaking\n\nThứ Ba, 12 tháng 3, 2024\n\n{HEADLINE}\n\n{LEAD}\n"
    assert extract(text, _VOCABULARY).title.value == HEADLINE
    # A headline with a dash of its own keeps it.
    dashed = "Nam Định - Huyện Nghĩa Hưng được công bố đạt chuẩn nông thôn mới"
    assert extract(f"{dashed}\n{LEAD}\n", _VOCABULARY).title.value == dashed


def test_the_pages_time_in_brackets_after_a_headline_is_cut_off_whole():
    found = extract(f"{HEADLINE} (10:34 12/03/2024)\n\n{LEAD}\n", _VOCABULARY)
    assert found.title.value == HEADLINE and found.date.value.iso == "2024-03-12"


def test_a_trail_of_sections_ending_in_the_headline_cut_short_gives_way_to_the_headline():
    trail = f"> Tin tức - Sự kiện > Tin hoạt động > {HEADLINE[:-12]}"
    assert extract(f"{trail}\n\n{HEADLINE}\n\n{LEAD}\n", _VOCABULARY).title.value == HEADLINE
    # A lead that starts with the headline's words does not unseat it.
    assert extract(f"{HEADLINE}\n\n{HEADLINE}, theo Sở Nông nghiệp. {LEAD}\n", _VOCABULARY).title.value == HEADLINE


def test_a_headlines_own_day_stays_in_it_and_a_forum_archives_prefix_goes():
    line = "Tiếp tục lấy ý kiến về Dự thảo sửa đổi Hiến pháp năm 1992 đến hết ngày 30/9/2013"
    assert headline_text(line)[0] == line
    assert headline_text(line)[1] == (2013, 9, 30)  # (the page's day too, as before)
    assert headline_text("Hội nghị triển khai nhiệm vụ năm 2013 30/9/2013 10:15")[0] == "Hội nghị triển khai nhiệm vụ năm 2013"
    assert headline_text("View Full Version : Vỡ đập thủy lợi, hàng ngàn dân sơ tán tránh lũ")[0] == \
        "Vỡ đập thủy lợi, hàng ngàn dân sơ tán tránh lũ"


def test_a_portals_portlet_title_and_a_templates_null_are_not_the_headline():
    text = (f"Xuất bản thông tin\n\nnull {HEADLINE}\n\nChi tiết bài viết\n\n{HEADLINE}\n\n{LEAD}\n")
    assert "Xuất bản thông tin" in parse_raw(text).removed
    assert extract(text, _VOCABULARY).title.value == HEADLINE
    assert headline_text(f"null {HEADLINE}")[0] == HEADLINE


def test_a_headline_glued_to_its_time_date_and_outlet_before_the_lead_is_cut_from_them():
    text = HEADLINE + " 09:21 13/03/2024 (Nông thôn mới) -" + LEAD
    found = extract(text, _vocabulary())
    assert found.title.value == HEADLINE
    assert found.body.startswith("Sáng 12/3/2024, UBND huyện Nghĩa Hưng")


def test_a_loading_notice_is_chrome_and_the_headline_under_it_opens_the_page():
    doc = parse_raw("\n".join(["Loading...", "Skip to main content", HEADLINE, LEAD]))
    assert doc.blocks[0].text == HEADLINE


@pytest.mark.parametrize("first", [
    "TIN LIÊN QUAN Hải Hậu: Huy động lực lượng tìm kiếm người mất tích",  # a link to another story
    "Xem thêm: Hải Hậu huy động lực lượng tìm kiếm người mất tích",
    "Ông Phạm Đình Nghị trao bằng công nhận cho huyện Nghĩa Hưng. (Ảnh TTXVN phát)",  # a caption and its credit
    "Photo : YONHAP News",  # a credit alone
    "xem-chi-tiet-tin - Sở Nông nghiệp",  # an address's slug and the site's name
    "Chi tiết bài viết - Huyện Nghĩa Hưng",  # the page's own label and the site's name
    "Page 9 of 12 FirstFirst ... 56789101112 LastLast",  # a forum's pages
    "Kính thưa đồng chí Phạm Đình Nghị, Chủ tịch UBND tỉnh Nam Định!",  # a speech's salutation
])
def test_a_link_to_another_story_or_a_photo_credit_over_the_lead_is_not_the_title(first):
    found = extract(f"{first}\n{LEAD}", _vocabulary())
    assert found.title.value.startswith("Sáng 12/3/2024, UBND huyện Nghĩa Hưng")


@pytest.mark.parametrize("lines", [
    [f"{HEADLINE} | Nông nghiệp | 12/03/2024"],  # the page's section and date after the headline
    [f"{HEADLINE} Ngày cập nhật 12/03/2024"],  # the page's stamp with its label
    [f"Trang chủ    Nông nghiệp    {HEADLINE}"],  # a breadcrumb set apart by runs of spaces
])
def test_a_headline_after_a_gapped_trail_or_before_its_section_and_date_is_the_headline(lines):
    assert extract("\n".join([*lines, LEAD]), _vocabulary()).title.value == HEADLINE


def test_a_section_name_is_not_the_title_when_no_headline_is_sure():
    found = extract("Văn hóa - Xã hội\nHuyện Nghĩa Hưng được công bố đạt chuẩn nông thôn mới.\n" + LEAD, _vocabulary())
    assert found.title.value != "Văn hóa - Xã hội"


def test_a_quote_between_two_short_straight_quotes_is_not_taken_for_one():
    text = ("Sáng 17/8, Bộ Công an tổ chức lễ kỷ niệm 80 năm Ngày truyền thống lực lượng Công an nhân dân.\n"
            'Theo Bộ trưởng Lương Tam Quang, sự liêm chính và kỷ luật là "xương sống", sự chuyên nghiệp và hiện '
            'đại là "cơ bắp" của lực lượng. Bộ trưởng Lương Tam Quang nhấn mạnh: "Toàn lực lượng phải luôn giữ vững '
            'bản lĩnh chính trị, tận tụy phục vụ nhân dân trong mọi hoàn cảnh".')
    title = extract(text, _vocabulary()).title.value
    assert "sự chuyên nghiệp và hiện đại là" not in title


def test_a_sentence_going_on_after_the_lead_is_not_a_headline_run_into_it():
    """Aggregator copies put the headline after the lead's first sentence; a second sentence that goes on past
    a word needing more ("… có | Chủ tịch …") is not one."""
    text = ("Sáng 12/3/2024, đoàn công tác của tỉnh đến thăm huyện Nghĩa Hưng, nơi vừa được công nhận đạt chuẩn "
            "nông thôn mới. Tham gia đoàn công tác của tỉnh có Chủ tịch UBND tỉnh Phạm Đình Nghị và lãnh đạo các sở, "
            "ngành liên quan.\nHuyện đã hoàn thành 19 tiêu chí trước thời hạn hai năm.")
    assert not extract(text, _vocabulary()).title.value.startswith("Tham gia đoàn công tác của tỉnh có")


def test_a_span_of_days_ending_a_headline_is_not_a_glued_stamp():
    assert headline_text("Chân dung 8 chủ tịch UBND tỉnh được bầu trong tuần từ 9 - 15/11/2020")[0] == \
        "Chân dung 8 chủ tịch UBND tỉnh được bầu trong tuần từ 9 - 15/11/2020"
    assert headline_text("1.000 nhà khoa học tham dự Gặp gỡ Việt Nam lần thứ 12 (07/07/2016)")[0] == \
        "1.000 nhà khoa học tham dự Gặp gỡ Việt Nam lần thứ 12"


def test_icon_buttons_are_chrome():
    """A site's buttons named by their icons' alt texts: never the headline, never text."""
    text = "\n".join(["icon facebook Facebook icon phone Liên hệ", "icon category Chuyên mục", f'"{HEADLINE}"',
                     "  • icon gmail", LEAD])
    doc = parse_raw(text)
    assert "icon facebook Facebook icon phone Liên hệ" in doc.removed and "icon category Chuyên mục" in doc.removed
    assert likeliest_title(doc)[0] == f'"{HEADLINE}"'


def test_a_sites_list_label_run_into_a_headline_is_cut_but_not_an_editors_flag():
    assert headline_text("Tin Mới nhất: Lũ thế kỷ nhấn chìm Hà Tĩnh")[0] == "Lũ thế kỷ nhấn chìm Hà Tĩnh"
    assert headline_text("Hot: Bảo Duy khóc trong đau khổ tố bị đánh")[0] == "Hot: Bảo Duy khóc trong đau khổ tố bị đánh"


def test_a_media_menu_a_run_together_counter_and_a_search_label_are_chrome():
    """A site's media sections in one line, its visitor counter run into one line (with the site's own
    misspelling) and a search box's label: never the headline, never text."""
    chrome = ["Video Báo Ảnh Báo in Podcast Chuyển động trẻ Emagazine Infographic", "Tìm kiếm tin tức",
              "Thống kê truy cập Tổng truy câp 9.871.386 Truy câp hiện tại 811"]
    for line in chrome:
        doc = parse_raw("\n".join([line, HEADLINE, LEAD]))
        assert line in doc.removed
        assert likeliest_title(doc)[0] == HEADLINE
    # a sentence that names the sections stays text
    sentence = "Tòa soạn ra mắt các sản phẩm Video, Podcast và Infographic mới nhằm phục vụ bạn đọc trẻ trên mạng."
    assert sentence not in parse_raw("\n".join([HEADLINE, LEAD, sentence])).removed


def test_a_name_with_its_honorific_alone_is_a_label_not_a_headline():
    """The label under a leader's portrait in a site's sidebar names them and nothing else."""
    assert never_headline("Đồng chí NGUYỄN MẠNH HÙNG") and never_headline("Ông Nguyễn Văn Thành")
    assert not never_headline("Ông Nguyễn Văn Thành nhận giải thưởng Hồ Chí Minh")
    assert not never_headline("Đồng chí Nguyễn Văn Linh - tấm gương sáng")


def test_more_section_names_alone_are_never_the_headline():
    """Sections of news sites met on real pages: overseas Vietnamese, community, Party work, Q&A, reviews."""
    for line in ["Việt kiều Nhịp sống cộng đồng", "Trang chủ Việt kiều", "Đánh giá/ Review", "Hoạt động Đảng",
                 "Tìm kiếm Hỏi đáp Hộp thư"]:
        assert never_headline(line), line
    assert not never_headline("Việt kiều Mỹ về quê đón Tết cùng gia đình")
    assert not never_headline("Cộng đồng người Việt tại Lào gìn giữ bản sắc")


def test_a_date_the_headlines_words_lead_to_and_a_name_ending_in_in_stay():
    """"… ngày 9 và 10/2/2017", "… từ ngày 10/2 đến 15/2/2017": the headline's own days, not the page's stamp
    glued to it; "Moon Jae In" is a name, not the print button ("… 04/2011 In")."""
    for headline in ("Chi tiết lịch cắt điện Hà Nội ngày 9 và 10/2/2017",
                     "Những sự kiện kinh tế diễn ra từ ngày 10/2 đến 15/2/2017",
                     "Tiểu sử Tân Tổng thống Hàn Quốc Moon Jae In"):
        assert headline_text(headline)[0] == headline
    assert headline_text("Khánh thành cầu Hàm Luông nối đôi bờ sông 12/04/2011 In")[0] == \
        "Khánh thành cầu Hàm Luông nối đôi bờ sông"
    assert headline_text("Khánh thành cầu Hàm Luông nối đôi bờ sông 10/09/2025 08:09")[0] == \
        "Khánh thành cầu Hàm Luông nối đôi bờ sông"


def test_a_section_name_before_a_headline_goes_but_not_a_phrase_with_an_acronym():
    """"Xã hội Binh chủng …": the section, then the headline in sentence case; "Kinh tế HTX thúc đẩy …"
    (the cooperatives' economy): the headline's own first words."""
    assert headline_text("Xã hội Binh chủng Tăng thiết giáp tri ân các anh hùng liệt sĩ")[0] == \
        "Binh chủng Tăng thiết giáp tri ân các anh hùng liệt sĩ"
    assert headline_text("Kinh tế HTX thúc đẩy sản phẩm chủ lực ở Lộc Hà")[0] == \
        "Kinh tế HTX thúc đẩy sản phẩm chủ lực ở Lộc Hà"
