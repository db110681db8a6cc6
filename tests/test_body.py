"""The imported Markdown keeps every sentence of the raw text except the removed site chrome."""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from generator.importer.extract import extract
from generator.content.frontmatter import dump_document
from generator.importer.pipeline import front_matter_fields
from generator.importer.raw import read_raw
from generator.importer.tags import load_vocabulary

REPO = Path(__file__).resolve().parent.parent
# The shipped gold's texts (../shared/gold beside the repository; CI has it): third-party, never copied here.
SHARED_DEV = Path(os.environ.get("VN_ARCHIVE_GOLD") or REPO.parent / "shared" / "gold") / "dev"
RAW_FILES = sorted((REPO / "content" / "raw").glob("*.txt")) + sorted(SHARED_DEV.glob("*.txt"))
VOCABULARY = load_vocabulary(REPO / "content" / "tags.yaml", REPO / "content" / "glossary.yaml")
_WORD = re.compile(r"[^\W_]+")
_SENTENCE = re.compile(r"(?<=[.!?…])\s+|\n+")


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


@pytest.mark.parametrize("raw", RAW_FILES, ids=[p.parent.name + "/" + p.name for p in RAW_FILES])
def test_no_sentence_of_the_article_is_lost(raw):
    text = read_raw(raw)
    result = extract(text, VOCABULARY)
    markdown = dump_document(front_matter_fields(result, raw.name), result.body)
    kept = " " + " ".join(_words(markdown)) + " "
    remaining = text
    for chrome in result.removed:
        remaining = remaining.replace(chrome, " ", 1)
    # The headline moves to the front matter: it ends its own sentence there.
    remaining = remaining.replace(result.title.value, "\n", 1)
    lost = []
    for sentence in _SENTENCE.split(remaining):
        words = _words(sentence)
        if len(words) >= 3 and " " + " ".join(words) + " " not in kept:
            lost.append(sentence.strip()[:120])
    assert not lost, f"{len(lost)} sentence(s) lost, e.g. {lost[:3]}"


def test_chrome_is_removed_from_the_body():
    text = read_raw(REPO / "content" / "raw" / "002_a247764e4e55ebab.txt")
    body = extract(text, VOCABULARY).body
    for chrome in ("Phản hồi", "Thông tin người gửi phản hồi", "Các tin khác", "Xem nhiều nhất", "Liên kết website"):
        assert f"\n{chrome}\n" not in f"\n{body}\n"


@pytest.mark.skipif(not (SHARED_DEV / "002.txt").is_file(), reason=f"no gold texts at {SHARED_DEV}")
def test_player_chrome_is_removed_from_the_body():
    audio = read_raw(SHARED_DEV / "002.txt")
    assert "Your browser does not support" not in extract(audio, VOCABULARY).body


def test_outlet_prefix_and_marker_are_removed():
    body = extract(read_raw(REPO / "content" / "raw" / "001_0855d1e29bbb93d9.txt"), VOCABULARY).body
    assert not body.startswith("TPO")
    body = extract(read_raw(REPO / "content" / "raw" / "003_ef3782fea13da5be.txt"), VOCABULARY).body
    assert "date 2021-09" not in body
    assert body.startswith("*Bộ trưởng Bộ Công an Tô Lâm chủ trì phiên họp. Ảnh: VGP/Nhật Nam*\n\nChiều 13/9")


def test_a_line_holding_only_the_outlet_prefix_is_not_an_empty_paragraph():
    """Regression: " date 2025-11-25 (VTC News) -" on a line of its own left an empty paragraph, and the
    title and summary rules failed on it (IndexError: the whole import of that file failed)."""
    text = (" date 2025-11-25 (VTC News) -\n\nTối 25/11, lễ bế mạc Liên hoan Phim Việt Nam lần thứ 24 diễn ra "
            "tại Hưng Yên. Ông Nguyễn Văn A, Thứ trưởng, phát biểu bế mạc.\n")
    result = extract(text, VOCABULARY)
    assert result.title.value.startswith("Tối 25/11, lễ bế mạc") and result.summary.value
    assert result.source.value and not result.body.startswith("\n")


def test_a_headline_that_opens_with_a_code_and_a_dash_keeps_it():
    """"APEC - Cơ chế hợp tác …", "TT- Huế: …", "MU – Watford: …": a headline's own words, not an outlet's
    prefix (which starts a lead: "TPO - Sáng nay, …")."""
    for headline in ("APEC - Cơ chế hợp tác kinh tế hàng đầu châu Á-Thái Bình Dương",
                     "TT- Huế: Thành lập Ban Quản lý dự án đầu tư xây dựng công trình nông nghiệp",
                     "MU – Watford: Đánh chiếm top 4"):
        result = extract(f"{headline}\n\nHơn 27 năm kể từ khi thành lập, tổ chức này tiếp tục khẳng định vị thế "
                         "của mình trong khu vực và trên thế giới.\n", VOCABULARY)
        assert result.title.value == headline and result.source.value is None
    lead = extract("TPO - Sáng nay, tại Hà Nội, Bộ Quốc phòng tổ chức hội nghị tổng kết công tác năm 2023.\n",
                   VOCABULARY)
    assert lead.source.value == "Tiền Phong" and lead.body.startswith("Sáng nay")


@pytest.mark.parametrize("chrome,headline", [
    # page stamps with a 12-hour clock, a byline with the time; accessibility and account lines
    ("Thứ Sáu, 11/10/2024 05:35 SA", "Chủ tịch nước rời Tokyo đến thăm thành phố Osaka"),
    ("PV - 13:50, 01/12/2023", "Chủ tịch Quốc hội hội đàm với Chủ tịch Quốc hội Campuchia"),
    ("Kích cỡ chữ: Giảm Tăng", "Diễn văn khai mạc Đại lễ Phật đản năm nay tại chùa Quán Sứ"),
    ("• Liên hệ quảng cáo", "Xạ thủ Hoàng Xuân Vinh giành huy chương vàng lịch sử cho thể thao Việt Nam"),
    ("Lỗi: Email không hợp lệ", "Hàng vạn du khách đổ về Bắc Ninh dự Hội Lim, đội mưa nghe dân ca quan họ"),
    ("• ភាសាខ្មែរ", "Bàn giao 36 căn nhà Đại đoàn kết cho hộ nghèo huyện Trà Cú"),
    ("Báo Đồng Nai điện tử", "Triệt phá đường dây, thu giữ 20 kg ma túy đá"),
    ("Báo Trà Vinh", "Bàn giao 36 căn nhà Đại đoàn kết cho hộ nghèo huyện Trà Cú"),
    ("THỨ SÁU, NGÀY 22 THÁNG 11 NĂM 2024 04:16", "Bộ trưởng trả lời phỏng vấn về chính sách tiền lương mới"),
    ("Chủ Nhật, Tháng hai 9, 2025", "Lào Cai khai mạc lễ hội xuân với nhiều hoạt động đặc sắc"),
    ("Donnerstag, 13. August 2015", "Bộ trưởng Tài chính chào mừng đoàn doanh nghiệp đến thăm"),
    ("Skip to main content", "Khánh Hòa công bố quyết định thành lập đơn vị hành chính mới"),
    ("Call +84.99.6656.999 for ADS 01", "Quốc hội thông qua nghị quyết về kế hoạch phát triển kinh tế"),
    ("| Hotline: 0983.970.780", "Đại sứ quán tổ chức gặp mặt cộng đồng người Việt dịp Tết cổ truyền"),
    ("x", "Thủ tướng tiếp Đại sứ Indonesia chào từ biệt kết thúc nhiệm kỳ công tác"),
    ("Categories: Thời sựViệt Nam", "Hội nghị Trung ương bàn về công tác cán bộ nhiệm kỳ tới"),
    ("CÔNG TY TNHH THƯƠNG MẠI DỊCH VỤ XÂY DỰNG STG", "Khởi công tuyến đường cao tốc nối hai tỉnh miền Tây"),
    ("Deprecated: htmlspecialchars(): Passing null to parameter #1 ($string) of type string is deprecated in "
     "/htdocs/modules/news/views/news/default.php on line 9", "Lễ hội Đền Hùng năm nay sẽ diễn ra trong 6 ngày"),
    ("Hà Nội 21 °C", "Chủ tịch nước tiếp Đại sứ các nước chào từ biệt kết thúc nhiệm kỳ"),
    ("Theo dõi Báo Hànộimới trên", "Hà Nội ra quân bảo đảm an toàn giao thông dịp cuối năm"),
    ("Multimedia Đọc Báo in", "Phó Thủ tướng làm việc tại huyện Buôn Đôn về phát triển du lịch"),
    # a line of section labels above the headline; labels run into it
    ("Tin tức sự kiện", "Giám đốc Sở Ngoại vụ tiếp đoàn doanh nghiệp Nhật Bản đến tìm hiểu đầu tư"),
])
def test_page_chrome_above_the_headline_is_not_the_title(chrome, headline):
    lead = ("Sáng 11/10, tại hội trường của tỉnh, lãnh đạo tỉnh đã có buổi làm việc với đoàn công tác, trao đổi "
            "về nhiều nội dung hợp tác trong thời gian tới và thống nhất kế hoạch triển khai cụ thể.")
    result = extract(f"{chrome}\n\n{headline}\n\n{lead}", VOCABULARY)
    assert result.title.value == headline
    assert chrome not in result.body


@pytest.mark.parametrize("line", [
    "Thời sự - Chính trị UBND tỉnh họp trực tuyến triển khai nhiệm vụ 6 tháng cuối năm",
    "> Tin tức - Sự kiện > Tin hoạt động > UBND tỉnh họp trực tuyến triển khai nhiệm vụ 6 tháng cuối năm",
    "UBND tỉnh họp trực tuyến triển khai nhiệm vụ 6 tháng cuối năm (09/1/2023)",
])
def test_section_labels_and_a_stamp_run_into_the_headline_are_taken_off(line):
    lead = ("Sáng 9/1, UBND tỉnh tổ chức hội nghị trực tuyến triển khai nhiệm vụ 6 tháng cuối năm với sự tham "
            "dự của lãnh đạo các sở, ngành và các huyện, thị xã, thành phố trong tỉnh.")
    assert extract(f"{line}\n\n{lead}", VOCABULARY).title.value == \
        "UBND tỉnh họp trực tuyến triển khai nhiệm vụ 6 tháng cuối năm"


def test_a_comment_box_above_the_article_does_not_end_it():
    text = ("Chuyên mục\n\nẤm áp Tết của cộng đồng người Việt Nam tại Nhật Bản\n\nBÌNH LUẬN\n\n"
            "Chưa có bình luận nào cho bài viết này.\n\nTết cộng đồng được tổ chức cho đông đảo bà con kiều bào Việt "
            "Nam đang sinh sống, học tập và làm việc tại Nhật Bản, với nhiều hoạt động văn hóa truyền thống ý nghĩa.")
    result = extract(text, VOCABULARY)
    assert result.title.value == "Ấm áp Tết của cộng đồng người Việt Nam tại Nhật Bản"
    assert "Tết cộng đồng được tổ chức" in result.body


def test_source_lines_and_more_outlet_codes():
    """"Nguồn tin: VOV5" names the outlet; "Nguồn tin cho biết …" (a source said) and "Nguồn video: …" do not;
    an outlet's code ("QNO - ", "HBĐT - ") is written as its name."""
    lead = "Sáng nay, tại thành phố, Ủy ban nhân dân tỉnh tổ chức hội nghị tổng kết công tác năm 2023."
    assert extract(f"{lead}\nNguồn tin: VOV5\n", VOCABULARY).source.value == "VOV5"
    assert extract(f"{lead}\nNguồn tin cho biết thêm nhiều chi tiết.\n", VOCABULARY).source.value is None
    assert extract(f"{lead}\nNguồn video: YouTube/5 Minute Crafts\n", VOCABULARY).source.value is None
    assert extract(f"QNO - {lead}\n", VOCABULARY).source.value == "Báo Quảng Nam"
    assert extract(f"(HBĐT) - {lead}\n", VOCABULARY).source.value == "Báo Hòa Bình"
    # a source line's address is not the outlet's name; one letter is not an outlet's code
    assert extract(f"{lead}\nNguồn: Hà Nội TV: https://hanoionline.vn/thu-tuong-du-phien\n", VOCABULARY).source.value \
        == "Hà Nội TV"
    assert extract(f"A- A A+ | Tăng tương phản\n{lead}\n", VOCABULARY).source.value is None
    # a time after the name; a chart's sources with its designer name no outlet (the lead's prefix does)
    assert extract(f"{lead}\nNguồn: Trung tâm Tin tức 15/5/2022, 06:00\n", VOCABULARY).source.value == \
        "Trung tâm Tin tức"
    assert extract(f"TBTCO - {lead}\nNguồn: Quốc hội. Đồ họa: Phương Anh\n", VOCABULARY).source.value == \
        "Thời báo Tài chính Việt Nam"
