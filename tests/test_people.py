"""Finding people and their titles on texts written for these tests (generator/importer/people.py, names.py)."""
from __future__ import annotations

from generator.importer.blocks import parse_raw
from generator.importer.people import find_mentions
from generator.importer.speaker import find_people


def _named(text: str) -> list[tuple[str, str]]:
    return [(m.name, m.title_before) for m in find_mentions(text)]


def _speaker(text: str) -> str | None:
    found, _ = find_people(parse_raw(text))
    return found.value.name if found.value else None


def test_an_office_holding_a_stop_word_still_titles_the_name():
    # "ký" (signs) is a speech verb, yet "Tổng thư ký" is one office.
    assert _named("Chiều nay, Tổng thư ký LHQ Ban Ki-moon đã phát biểu trước Quốc hội.") == \
        [("Ban Ki-moon", "Tổng thư ký LHQ")]


def test_foreign_offices_in_any_case_and_one_word_names():
    assert _named("Tổng Thư ký Liên hợp quốc Antonio Guterres ngày 28/8 kêu gọi ngừng bắn.")[0][0] == "Antonio Guterres"
    assert _named("Tổng thống Mỹ Obama chính thức tuyên bố bỏ cấm vận.")[0][0] == "Obama"
    assert _named("Bộ trưởng Robb khẳng định ba nước là đối tác.")[0][0] == "Robb"
    # A capitalised word that runs on is a longer proper name, not a person.
    assert _named("Ngoại trưởng Hoa Kỳ cho biết hai nước sẽ hợp tác.") == []
    assert _named("Giám đốc điều hành Google cho biết công ty sẽ mở văn phòng.") == []
    # One syllable a Vietnamese word could be is not a foreign name ("Kinh" of "Kinh tế").
    assert "Kinh" not in [name for name, _ in _named("Bộ trưởng Kinh tế Israel cho biết hai nước sẽ hợp tác.")]


def test_chinese_leaders_in_sino_vietnamese():
    assert _named("Tổng Bí thư, Chủ tịch Trung Quốc Tập Cận Bình chủ trì phiên bế mạc.") == \
        [("Tập Cận Bình", "Tổng Bí thư, Chủ tịch Trung Quốc")]


def test_a_one_word_name_is_the_person_named_in_full_in_a_caption():
    text = ("Tổng thống Nga Vladimir Putin. Ảnh: RIA Novosti\n"
            "Theo Tổng thống Putin, các binh sĩ đã ngăn chặn một cuộc nội chiến. Tổng thống Putin phát biểu trước "
            "khoảng 2.500 thành viên lực lượng an ninh tại Moskva.")
    assert _speaker(text) == "Vladimir Putin"


def test_a_letter_or_speech_given_in_full_is_its_authors():
    text = ("Báo điện tử giới thiệu toàn văn Thư chúc Tết Xuân Nhâm Thìn 2012 của Chủ tịch nước Trương Tấn Sang.\n"
            "Thưa đồng bào, đồng chí, chiến sĩ cả nước và đồng bào ta ở nước ngoài!\n"
            "Vào thời khắc giao thừa thiêng liêng, chúng ta vui mừng đón Xuân mới với niềm tin vững chắc.\n"
            "Năm qua, đất nước ta đã vượt qua nhiều khó khăn, thách thức, đạt được những kết quả quan trọng.")
    assert _speaker(text) == "Trương Tấn Sang"


def test_according_to_someone_reports_their_words():
    from generator.importer.speaker import _words_reported
    text = ("Theo Chủ tịch UBND TP Đà Nẵng Huỳnh Đức Thơ, Lễ hội Pháo hoa năm nay sẽ mang đến những câu chuyện về văn "
            "hóa của 8 quốc gia.")
    mention = find_mentions(text)[0]
    assert _words_reported(text, mention)
    text = "Theo kế hoạch, Chủ tịch UBND TP Đà Nẵng Huỳnh Đức Thơ dự lễ khai mạc tại bờ sông Hàn."
    assert not _words_reported(text, find_mentions(text)[0])


def test_the_accused_is_marked_for_the_model():
    from generator.importer.speaker import speaker_candidates
    text = ("Tiêu đề bài viết\nNgày 12/3, TAND tỉnh Nghệ An đưa ra xét xử sơ thẩm bị cáo Trần Thị Oanh (SN 1970) về tội "
            "lừa đảo. Chánh án TAND tỉnh, ông Nguyễn Văn Hùng cho biết phiên tòa kéo dài hai ngày.")
    features = {c.person.name: c.features for c in speaker_candidates(parse_raw(text))[0]}
    assert features["Trần Thị Oanh"]["accused"] == 1.0 and features["Nguyễn Văn Hùng"]["accused"] == 0.0


def test_a_ministry_named_with_va_keeps_its_minister():
    assert _named("Bộ trưởng Bộ Nông nghiệp và Phát triển nông thôn Lê Minh Hoan cho biết, ngành nông nghiệp tăng "
                  "trưởng.") == [("Lê Minh Hoan", "Bộ trưởng Bộ Nông nghiệp và Phát triển nông thôn")]
    # … while "và" between two people still separates them.
    named = _named("Bộ trưởng Nguyễn Văn An và Thứ trưởng Trần Thị Bình đã dự hội nghị.")
    assert named == [("Nguyễn Văn An", "Bộ trưởng"), ("Trần Thị Bình", "Thứ trưởng")]


def test_in_a_list_of_guests_each_keeps_their_own_title():
    # "Tổng Bí thư Nguyễn Phú Trọng, Chủ tịch Quốc hội" before Nguyễn Sinh Hùng is one title and one person, not
    # Hùng's title; ", Chủ tịch Quốc hội Nguyễn Sinh Hùng" after Trọng is the next guest, not Trọng's office.
    from generator.importer.people import clean_title
    mentions = find_mentions("Tham dự có các đồng chí: Tổng Bí thư Nguyễn Phú Trọng, Chủ tịch Quốc hội Nguyễn Sinh "
                             "Hùng, Chủ tịch nước Trương Tấn Sang, Bí thư Tỉnh ủy Hà Giang Triệu Tài Vinh.")
    assert [(m.name, clean_title(m.title_before, m.title_after)) for m in mentions] == [
        ("Nguyễn Phú Trọng", "Tổng Bí thư"), ("Nguyễn Sinh Hùng", "Chủ tịch Quốc hội"),
        ("Trương Tấn Sang", "Chủ tịch nước"), ("Triệu Tài Vinh", "Bí thư Tỉnh ủy Hà Giang")]
    # An appositive office is still the person's own ("X, Bí thư Tỉnh ủy").
    mentions = find_mentions("Ông Nguyễn Văn Lợi, Bí thư Tỉnh ủy Bình Phước, phát biểu chỉ đạo hội nghị.")
    assert clean_title(mentions[0].title_before, mentions[0].title_after) == "Bí thư Tỉnh ủy Bình Phước"


def test_a_ceremony_is_marked_for_the_model():
    # Receiving, visiting, attending: the person is there, their words seldom reported.
    from generator.importer.speaker import speaker_candidates
    text = ("Chiều 5/3, tại Hà Nội, Thủ tướng Phạm Minh Chính tiếp Đại sứ Nhật Bản Yamada Takio.\n"
            "Bộ trưởng Bộ Ngoại giao Bùi Thanh Sơn cho biết hai nước sẽ mở rộng hợp tác.")
    features = {c.person.name: c.features for c in speaker_candidates(parse_raw(text))[0]}
    assert features["Phạm Minh Chính"]["ceremony"] == 1.0
    assert features["Bùi Thanh Sơn"]["ceremony"] == 0.0


def test_an_adverb_after_an_office_ends_the_title():
    from generator.importer.people import clean_title
    mentions = find_mentions("Nguyễn Đình Khang, Bí thư Tỉnh ủy trân trọng gửi lời chào tới các đại biểu.")
    assert clean_title(mentions[0].title_before, mentions[0].title_after) == "Bí thư Tỉnh ủy"


def test_a_ministry_named_with_va_and_a_capital_with_marks_keeps_its_minister():
    # "và Đào tạo", "và Đầu tư": Đ (and Ă, Ơ, Ư, Ạ …) are capitals, not the lower-case word that ends a title.
    assert _named("Bộ trưởng Bộ Kế hoạch và Đầu tư Nguyễn Chí Dũng cho biết, vốn đầu tư tăng.") == \
        [("Nguyễn Chí Dũng", "Bộ trưởng Bộ Kế hoạch và Đầu tư")]


def test_an_office_then_a_dash_then_the_name():
    assert _named("Giám đốc Sở Giáo dục và Đào tạo - Nguyễn Quang Thái trao cờ thi đua cho các trường.") == \
        [("Nguyễn Quang Thái", "Giám đốc Sở Giáo dục và Đào tạo")]


def test_a_long_foreign_office_ending_in_its_country():
    text = ("Bộ trưởng Thương mại, Công nghiệp và Năng lượng Hàn Quốc Yoon Sang-jick ngày 3/9 đã kêu gọi các nghị sỹ "
            "phê chuẩn hiệp định thương mại tự do.")
    assert _named(text) == [("Yoon Sang-jick", "Bộ trưởng Thương mại, Công nghiệp và Năng lượng Hàn Quốc")]
    # … not a Vietnamese office's run of words with no country at its end.
    assert _named("Bộ trưởng Thương mại, Công nghiệp và Năng lượng Yoon Sang-jick đã kêu gọi.") == []


def test_names_and_headlines_in_capitals():
    text = ("Trung tướng ĐẶNG VĂN HIẾU, Thứ trưởng Bộ Công an: Công an tỉnh có báo cáo về mô hình đối thoại. "
            "Tôi biểu dương cách làm đầy sáng tạo này và sẽ đề xuất nhân rộng mô hình.")
    assert _speaker(text) == "Đặng Văn Hiếu"
    text = ("BÀI PHÁT BIỂU TOÀN VĂN CỦA THỦ TƯỚNG PHẠM MINH CHÍNH TẠI HỘI NGHỊ THƯỢNG ĐỈNH\n\n"
            "Thưa Ngài Chủ tịch, thưa quý vị!\n\nTrước hết, tôi xin chúc mừng Ngài Chủ tịch được bầu. Tôi tin tưởng "
            "rằng với kinh nghiệm của mình, Ngài sẽ dẫn dắt khóa họp thành công tốt đẹp. Việt Nam luôn trân trọng "
            "hòa bình, hợp tác và phát triển, và sẵn sàng đóng góp tích cực vào công việc chung của cộng đồng quốc tế.")
    assert _speaker(text) == "Phạm Minh Chính"


def test_a_story_told_in_captions():
    text = ("Thủ tướng Phạm Minh Chính làm việc với Ban Thường vụ Tỉnh ủy về phát triển kinh tế. (Ảnh: Dương Giang)\n"
            "Thủ tướng Phạm Minh Chính phát biểu tại buổi làm việc. (Ảnh: Dương Giang)\n"
            "Chủ tịch UBND tỉnh Võ Văn Minh báo cáo tình hình kinh tế - xã hội. (Ảnh: Dương Giang)\n"
            "Thủ tướng Phạm Minh Chính phát biểu kết luận buổi làm việc. (Ảnh: Dương Giang)\n(TTXVN/Vietnam+)")
    assert _speaker(text) == "Phạm Minh Chính"  # (the credit line under them is no article of its own)


def test_these_are_the_directions_of_someone():
    text = ("Nhiệm vụ cấp bách là cứu trợ người dân, đặc biệt ở những khu vực khó tiếp cận. Đây là chỉ đạo của Phó "
            "Thủ tướng Trần Văn Bình tại cuộc họp Ban Chỉ đạo phòng chống thiên tai.")
    assert _speaker(text) == "Trần Văn Bình"


def test_an_oath_is_its_takers_words():
    from generator.importer.speaker import _words_reported
    text = "Chủ tịch nước Tô Văn Lâm tuyên thệ, nguyện dốc toàn bộ tâm sức phụng sự đất nước."
    mention = find_mentions(text)[0]
    assert _words_reported(text, mention)


def test_a_colon_after_a_name_and_title_gives_their_words_not_after_a_list():
    from generator.importer.speaker import _words_reported
    text = "Thủ tướng Chính phủ Nguyễn Văn Phúc: Hà Nội có bước phát triển ổn định, căn bản"
    assert _words_reported(text, find_mentions(text)[0])
    text = "Chủ tịch nước Trần Văn Quang đã đón Trưởng đoàn các nền kinh tế thành viên, gồm: Thủ tướng Australia"
    assert not _words_reported(text, find_mentions(text)[0])


def test_a_word_that_starts_an_office_ends_a_name_unless_a_comma_follows_it():
    # "Trưởng" starts "Trưởng ban"; before a comma it is the name's last syllable.
    assert _named("Đồng chí Nguyễn Công Trưởng, Phó Chủ tịch UBND tỉnh biểu dương kết quả.")[0][0] == \
        "Nguyễn Công Trưởng"
    assert _named("Ông Nguyễn Văn Hùng Trưởng ban Tuyên giáo phát biểu.")[0][0] == "Nguyễn Văn Hùng"


def test_directions_quoted_before_a_title_with_an_office_word_in_the_quote():
    # The quote before "đó là chỉ đạo của …" names an office ("Chủ tịch UBND"): the words are still the
    # secretary's.
    text = ('"Xã, phường phải tổ chức giao ban thường xuyên trong Thường trực Đảng ủy, Ban Thường vụ. Chủ tịch UBND '
            'phải báo cáo đầy đủ công việc cho Bí thư để nắm tình hình" - đó là chỉ đạo của Bí thư Tỉnh ủy Gia Lai Hồ '
            'Quốc Dũng tại hội nghị giao ban ngày 24/9.')
    assert _speaker(text) == "Hồ Quốc Dũng"


def test_a_province_in_brackets_inside_an_office():
    text = ("Sáng 6-2, chủ tịch huyện Kong Chro (Gia Lai) Phan Văn Trung cho biết lãnh đạo huyện đã chỉ đạo cơ "
            "quan chức năng làm rõ nguyên nhân cháy.")
    assert _named(text) == [("Phan Văn Trung", "chủ tịch huyện Kong Chro")]
    assert _speaker(text) == "Phan Văn Trung"


def test_presenting_an_overview_is_speaking():
    text = ("Sáng 22/3, đoàn đại biểu đã đến khảo sát cửa khẩu. Tại buổi khảo sát, ông Vương Trinh Quốc, Trưởng Ban "
            "Quản lý Khu kinh tế tỉnh đã giới thiệu khái quát về Khu kinh tế tỉnh Lào Cai.")
    assert _speaker(text) == "Vương Trinh Quốc"


def test_a_headline_giving_someones_words_names_the_speaker_flagged():
    from generator.importer.review import THRESHOLDS
    # (A working session with ministers attending: on its own, the model is not sure anyone speaks.)
    text = ("Thủ tướng Phạm Minh Chính: Sóc Trăng phải tập trung đầu tư hạ tầng chiến lược\n\nChiều ngày 28/4, Thủ "
            "tướng Phạm Minh Chính làm việc với Ban Thường vụ Tỉnh ủy Sóc Trăng về kết quả phát triển kinh tế-xã hội "
            "năm 2021 và 4 tháng đầu năm. Cùng dự có Bộ trưởng Bộ Tài chính Hồ Đức Phớc, Bộ trưởng Bộ Giao thông vận "
            "tải Nguyễn Văn Thể, Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ Trần Văn Sơn và lãnh đạo các bộ, ngành.\n\n"
            "Thủ tướng Phạm Minh Chính dự hội nghị với lãnh đạo tỉnh Sóc Trăng.")
    found, _ = find_people(parse_raw(text))
    assert found.value.name == "Phạm Minh Chính" and found.confidence < THRESHOLDS["speaker"]


def test_an_offices_own_words_are_not_prose_before_the_name():
    # "Đại sứ" holds a lower-case word: with "nước ta tại" after it, four in a row, yet all title.
    assert _named("Phát biểu tại lễ kỷ niệm, Đại sứ nước ta tại Trung Quốc Nguyễn Văn Thơ cho biết nhân dân đã đi qua "
                  "một chặng đường.") == [("Nguyễn Văn Thơ", "Đại sứ nước ta tại Trung Quốc")]


def test_a_school_or_places_name_inside_an_office_is_not_a_person():
    mentions = find_mentions("Cô Hoàng Thị Cúc Huyền, Hiệu trưởng trường THPT Dân tộc Nội trú Lạc Dương, cho biết toàn "
                             "bộ học sinh của trường là con em đồng bào.")
    assert [(m.name, m.title_after) for m in mentions] == \
        [("Hoàng Thị Cúc Huyền", "Hiệu trưởng trường THPT Dân tộc Nội trú Lạc Dương")]
    assert _named("Buổi lễ có Đại sứ truyền thông của Lễ hội cà phê Buôn Ma Thuột tham dự.") == []


def test_a_title_runs_across_a_wrapped_line_but_not_into_the_paragraph_before():
    assert _named("Tại phiên khai mạc, Phó Chủ tịch\nThường trực Hội đồng Bầu cử Tòng Thị Phóng đã trình bày báo "
                  "cáo.") == [("Tòng Thị Phóng", "Phó Chủ tịch Thường trực Hội đồng Bầu cử")]
    assert _named("Lãnh đạo tỉnh tiếp Tham tán Đại sứ quán Hàn Quốc\nSáng 20/4, đồng chí Lê Duy Thành tiếp đoàn.") == \
        [("Lê Duy Thành", "")]
    assert _named("Tỉnh đón Chủ tịch Quốc hội Hàn Quốc\nNgày 25/7, Bí thư Tỉnh ủy Quảng Ninh Nguyễn Xuân Ký tiếp đoàn.") \
        == [("Nguyễn Xuân Ký", "Bí thư Tỉnh ủy Quảng Ninh")]


def test_do_led_by_or_because_ends_a_title_but_not_in_a_partys_name():
    assert _named("Đoàn đại biểu cấp cao Trung Quốc do Ủy viên Thường vụ Bộ Chính trị, Chủ tịch Nhân đại Trung Quốc "
                  "Trương Đức Giang dẫn đầu.") == \
        [("Trương Đức Giang", "Ủy viên Thường vụ Bộ Chính trị, Chủ tịch Nhân đại Trung Quốc")]
    mentions = find_mentions("Kỷ luật cảnh cáo ông Phạm Văn Thủy - Phó Chủ tịch UBND tỉnh Sơn La do đã có vi phạm.")
    assert [(m.name, m.title_after) for m in mentions] == [("Phạm Văn Thủy", "Phó Chủ tịch UBND tỉnh Sơn La")]
    assert _named("Chủ tịch Đảng Tự do Dân chủ Shinzo Abe phát biểu.") == [("Shinzo Abe", "Chủ tịch Đảng Tự do Dân chủ")]


def test_a_word_of_prose_that_is_also_a_rank_is_not_in_the_title():
    text = "Chủ động ứng phó, Thủ tướng Chính phủ Phạm Minh Chính đã ký công điện yêu cầu các tỉnh trữ nước ngọt."
    assert _named(text) == [("Phạm Minh Chính", "Thủ tướng Chính phủ")]


def test_words_someone_once_said_are_background_not_the_articles_speech():
    said = [m.score for m in find_mentions("Bộ trưởng Nguyễn Văn Hùng nhấn mạnh vai trò của thanh niên.")]
    once = [m.score for m in find_mentions("Bộ trưởng Nguyễn Văn Hùng từng nhấn mạnh vai trò của thanh niên.")]
    assert once[0] < 1 < said[0]


def test_a_building_an_office_names_and_on_whose_behalf_are_not_the_persons_title():
    assert _named("Chiều 22/11, tại Phủ Chủ tịch, Chủ tịch nước Trần Đại Quang gặp mặt đoàn đại biểu.") == \
        [("Trần Đại Quang", "Chủ tịch nước")]
    assert _named("Thay mặt Chính phủ, Thủ tướng Chính phủ, Phó Thủ tướng Thường trực Chính phủ Phạm Bình Minh gửi "
                  "lời chia buồn.") == [("Phạm Bình Minh", "Phó Thủ tướng Thường trực Chính phủ")]


def test_a_country_before_a_one_word_foreign_name_is_the_titles():
    assert _named("Tổng thống Nga Putin nhấn mạnh quan hệ hai nước.") == [("Putin", "Tổng thống Nga")]


def test_a_title_wrapped_over_lines_reads_as_one_line():
    found, _ = find_people(parse_raw("Đại lễ khai mạc sáng nay.\nÔng Phạm Quang Nghị - Ủy viên Bộ Chính trị, Bí thư\n"
                                     "Thành ủy Hà Nội, đã có bài phát biểu quan trọng khai mạc Đại lễ."))
    assert found.value.title == "Bí thư Thành ủy Hà Nội"


def test_the_end_of_a_country_name_is_not_a_person_of_that_family():
    """"Đại Hàn Dân Quốc", "Bồ Đào Nha", "Tây Ban Nha": their last words look like a name (Hàn, Đào, Ban …)."""
    assert _named("Chủ tịch Quốc hội Đại Hàn Dân Quốc Woo Won Shik và phu nhân sẽ thăm chính thức Việt Nam.") == \
        [("Woo Won Shik", "Chủ tịch Quốc hội Đại Hàn Dân Quốc")]
    assert all(name != "Đào Nha" for name, _ in _named("HLV người Bồ Đào Nha Jose Mourinho nói với báo chí."))


def test_an_organisation_named_after_a_person_is_not_that_person():
    assert _named("Đại hội đại biểu Đoàn thanh niên Cộng sản Hồ Chí Minh huyện lần thứ XII khai mạc.") == []
    assert _named("Chủ tịch Bảo tàng Brian Oldman phát biểu tại lễ khai mạc.") == [("Brian Oldman", "Chủ tịch Bảo tàng")]
    # a hospital, a school, a street
    assert _speaker("Bác sĩ Lê Thanh Phong, Phó Giám đốc Bệnh viện Nguyễn Trãi, cho biết AI giúp chẩn đoán sớm.") \
        == "Lê Thanh Phong"
    assert _named("Học sinh Trường THPT Lê Quý Đôn diễu hành trên Đường Nguyễn Huệ sáng nay.") == []


def test_chanh_is_a_given_name_unless_an_office_follows():
    """"Chánh" starts an office ("Chánh Văn phòng", "Chánh án") and is a given name in the South."""
    assert _named("“Chúng tôi không dám ký đơn hàng” - ông Nguyễn Chánh Phương chia sẻ.") == \
        [("Nguyễn Chánh Phương", "")]
    assert _named("Ông Trần Văn Nam Chánh Văn phòng UBND tỉnh cho biết.")[0][0] == "Trần Văn Nam"


def test_academic_medical_and_church_ranks_title_a_name():
    assert _named("Theo Tiến sỹ, bác sỹ Hà Anh Đức, Cục trưởng Cục Quản lý Khám, chữa bệnh (Bộ Y tế), công tác "
                  "trực Tết được triển khai nghiêm túc.") == [("Hà Anh Đức", "Tiến sỹ, bác sỹ")]
    # "Theo" and a list of ranks before the name: the sentence is theirs.
    assert find_mentions("Theo Tiến sỹ, bác sỹ Hà Anh Đức, Cục trưởng Cục Quản lý Khám, chữa bệnh (Bộ Y tế), công "
                         "tác trực Tết được triển khai nghiêm túc.")[0].score > 3
    assert _speaker("Theo Tiến sỹ, bác sỹ Hà Anh Đức, Cục trưởng Cục Quản lý Khám, chữa bệnh (Bộ Y tế), công tác "
                    "trực Tết được triển khai nghiêm túc.") == "Hà Anh Đức"
    assert _named("Đức Hồng y Gioan Baotixita Phạm Minh Mẫn, Tổng Giám mục Tổng Giáo phận TPHCM đã chủ tế thánh lễ.") \
        == [("Gioan Baotixita Phạm Minh Mẫn", "Đức Hồng y")]
    assert _named("Chủ tế thánh lễ là Đức cha Giuse Nguyễn Tấn Tước.") == [("Giuse Nguyễn Tấn Tước", "Đức cha")]


def test_a_leader_of_history_remembered_is_not_the_speaker():
    remembered = ("Nhân dịp kỷ niệm 133 năm ngày sinh Chủ tịch Hồ Chí Minh (19/5/1890 - 19/5/2023), Chủ tịch Hồ Chí "
                  "Minh căn dặn cán bộ phải cần, kiệm, liêm, chính, Ban Thường vụ Tỉnh ủy quyết định khen thưởng.")
    assert _speaker(remembered) is None
    found, people = find_people(parse_raw(remembered))
    assert found.confidence >= 0.9 and "Hồ Chí Minh" in found.evidence
    assert [p.name for p in people] == ["Hồ Chí Minh"]  # (still among the people the article names)
    # A speech of theirs, from before they died, is theirs, though it names years to come as targets.
    assert _speaker("Phát biểu bế mạc Đại hội XIII ngày 1/2/2021, Tổng Bí thư Nguyễn Phú Trọng nhấn mạnh: đến năm "
                    "2025, là nước đang phát triển; đến năm 2030, có công nghiệp hiện đại; tầm nhìn 2045 trở thành "
                    "nước phát triển; nhiệm kỳ 2021 - 2026 là nhiệm kỳ hành động.") == "Nguyễn Phú Trọng"
    assert _speaker("Ngày 5/9/2023, Tổng Bí thư Nguyễn Phú Trọng nhấn mạnh dự án sẽ hoàn thành vào năm 2025.") == \
        "Nguyễn Phú Trọng"
    assert _speaker("Ngày 2/9/1945, tại Quảng trường Ba Đình, Chủ tịch Hồ Chí Minh đọc bản Tuyên ngôn Độc lập, "
                    "khẳng định quyền độc lập của dân tộc.") == "Hồ Chí Minh"
    # the page's own stamp is a year the text is written in
    recalled = ("Bộ đội Biên phòng phát huy truyền thống\n22:44, ngày 01-03-2019\nNgay trong buổi lễ thành lập lực "
                "lượng, Chủ tịch Hồ Chí Minh căn dặn các cán bộ, chiến sĩ phải đoàn kết, cảnh giác.")
    assert _speaker(recalled) is None


def test_more_ways_of_reporting_words_but_not_denied_ones():
    def score(text: str) -> float:
        return find_mentions(text)[0].score
    for verb in ("gửi lời chia buồn tới gia đình các nạn nhân", "kỳ vọng năm nay ngành du lịch sẽ đón 4 triệu khách",
                 "cũng đề cập đến vụ sạt lở", "giải thích việc làm ngân hàng đề thi", "ca ngợi sự thần tốc"):
        assert score(f"Phó Thủ tướng Nguyễn Văn An {verb}.") > 3, verb
    for denied in ("không đề cập tới trách nhiệm", "cũng khó lý giải sự vô duyên của các học trò"):
        assert score(f"HLV Nguyễn Văn An {denied}.") < 1, denied


def test_under_the_chairing_of_someone():
    assert find_mentions("UBKT Quân ủy Trung ương họp kỳ thứ 5, dưới sự chủ trì của Thượng tướng Lương Cường, Bí thư "
                         "Trung ương Đảng.")[0].score > 3


def test_su_is_a_family_name():
    assert _named("Theo GS.TS Sử Đình Thành – Giám đốc UEH, Nghị quyết 57 là một bước ngoặt.") == \
        [("Sử Đình Thành", "GS.TS")]


def test_trung_hoa_is_china_not_a_person():
    assert [name for name, _ in _named("Chúng tôi chào đón đồng chí Tập Cận Bình, Tổng Bí thư Ban Chấp hành Trung ương "
                                       "Đảng Cộng sản Trung Quốc, Chủ tịch nước Cộng hòa Nhân dân Trung Hoa thăm Việt "
                                       "Nam.")] == ["Tập Cận Bình"]


def test_an_office_after_an_honorific_is_not_a_name():
    assert _named("Phát biểu chỉ đạo, đồng chí Phó Tham mưu trưởng lưu ý: Trong thời gian tới, tình hình phức tạp.") \
        == []
    assert find_mentions("Tại hội nghị, ThS. Phạm Đức Mục, Chủ tịch Hội Điều dưỡng Việt Nam truyền đạt một số nội "
                         "dung.")[0].score > 3


def test_whom_a_speech_addresses_is_not_its_speaker():
    """"Kính thưa đồng chí X, Thủ tướng …": the speech greets X; X says nothing in it."""
    text = ("Diễn văn chào mừng tại lễ đón\nKính thưa đồng chí Nguyễn Xuân Phúc, Thủ tướng Chính phủ nước Cộng hòa xã "
            "hội chủ nghĩa Việt Nam,\nThưa các vị khách quý,\nHôm nay chúng tôi rất vui mừng được đón tiếp đoàn.")
    assert _speaker(text) != "Nguyễn Xuân Phúc"
    assert [m.score <= 0.2 for m in find_mentions(text)] == [True]
