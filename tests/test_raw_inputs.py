"""Batch files (JSON Lines, CSV, TSV) and sidecars: one article per row, metadata over text, bad rows
reported by file and line while the rest is imported — at a size that runs the import's worker processes."""
from __future__ import annotations

import csv
import datetime as _dt
import json
import unicodedata
from pathlib import Path

import pytest
import yaml

from generator.importer import pipeline as importer
from generator.importer.batch import Batch
from generator.importer.metadata import parse_date, without_site_name
from generator.parallel import MIN_ITEMS
from tests.conftest import run_cli

ROWS = MIN_ITEMS + 16  # past the size at which the import extracts in worker processes
PLACES = ["Hà Nội", "Đà Nẵng", "Cần Thơ", "Hải Phòng", "Quảng Ninh", "Nghệ An", "Lâm Đồng", "Bình Định"]


def _row(n: int) -> dict:
    """A row of our own words: a meeting in a province on a day before its publication date."""
    place = PLACES[n % len(PLACES)]
    published = _dt.date(2021, 1, 1) + _dt.timedelta(days=3 * n)
    event = published - _dt.timedelta(days=1)
    text = (f"Sáng {event.day}/{event.month}, tại {place}, Ủy ban nhân dân tỉnh tổ chức hội nghị số {n} về cải cách "
            f"hành chính và chuyển đổi số trong năm.\n\nPhát biểu tại hội nghị, Chủ tịch UBND tỉnh Lê Văn Hòa "
            f"đề nghị các sở, ngành đẩy nhanh tiến độ số hóa hồ sơ, giảm thời gian giải quyết thủ tục cho người "
            f"dân và doanh nghiệp.\n\nHội nghị đã thống nhất kế hoạch của quý tiếp theo với mười hai nhiệm vụ.")
    return {"id": f"bai-{n:03d}", "title": f"Hội nghị số {n} về cải cách hành chính tại {place}",
            "date": published.isoformat(), "url": f"https://baochinhphu.vn/hoi-nghi-{n}.htm", "text": text}


def _articles(root: Path) -> dict[str, tuple[dict, Path]]:
    """Each article's `original:` → (front matter, path)."""
    found = {}
    for path in (root / "content" / "articles").rglob("*.md"):
        front = yaml.safe_load(path.read_text(encoding="utf-8").split("\n---", 1)[0].removeprefix("---\n"))
        found[front["original"]] = (front, path)
    return found


def _write_jsonl(path: Path, rows: list) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in rows),
                    encoding="utf-8")


@pytest.fixture()
def batch_project(tmp_path) -> Path:
    root = tmp_path / "site"
    (root / "content" / "raw").mkdir(parents=True)
    return root


def test_jsonl_batch_imports_each_row_and_reports_bad_lines(batch_project, capsys):
    rows = [_row(n) for n in range(ROWS)]
    bad = ["{not json", json.dumps(["a", "list"]), json.dumps({"id": "rong", "title": "Không có bài"}),
           json.dumps(dict(_row(999), id="bai-005")), ""]
    _write_jsonl(batch_project / "content" / "raw" / "tin.jsonl", rows[:40] + bad + rows[40:])
    assert run_cli(batch_project, "import") == 1  # the bad rows fail the run …
    out = capsys.readouterr().out
    assert "content/raw/tin.jsonl:41: not a JSON object" in out
    assert "content/raw/tin.jsonl:42: not a JSON object" in out
    assert "content/raw/tin.jsonl:43: no article text" in out
    assert "content/raw/tin.jsonl:44: id 'bai-005' is also the id of the row on line 6" in out
    articles = _articles(batch_project)
    assert len(articles) == ROWS  # … and every good row is an article
    front, path = articles["raw/tin.jsonl#bai-007"]
    row = rows[7]
    assert front["title"] == row["title"]
    assert front["published"] == _dt.date.fromisoformat(row["date"])
    assert front["date"] == _dt.date.fromisoformat(row["date"]) - _dt.timedelta(days=1)  # the text's event
    assert front["url"] == row["url"] and front["source"] == "Báo Chính phủ"  # (by the address's host)
    assert front["location"] == PLACES[7 % len(PLACES)]
    assert "Phát biểu tại hội nghị" in path.read_text(encoding="utf-8")


def test_batch_rows_reimport_per_row_and_keep_edits(batch_project, monkeypatch):
    rows = [_row(n) for n in range(ROWS)]
    batch = batch_project / "content" / "raw" / "tin.jsonl"
    _write_jsonl(batch, rows)
    assert run_cli(batch_project, "import") == 0
    articles = _articles(batch_project)
    edited = articles["raw/tin.jsonl#bai-003"][1]
    edited.write_text(edited.read_text(encoding="utf-8").replace("draft: false", "draft: true"), encoding="utf-8")
    kept = edited.read_bytes()
    rows[3]["title"] = "Tiêu đề mới do nguồn cập nhật"  # the source changes the row an editor edited …
    rows[9]["text"] += "\n\nMột đoạn bổ sung của bản tin."  # … and another row
    _write_jsonl(batch, rows)
    extracted = []
    extract = importer.extract
    monkeypatch.setattr(importer, "extract",
                        lambda text, vocabulary, meta: extracted.append(meta.title) or extract(text, vocabulary, meta))
    assert run_cli(batch_project, "import") == 0
    assert sorted(extracted) == sorted([rows[3]["title"], rows[9]["title"]])  # only the two changed rows
    assert edited.read_bytes() == kept  # the editor's edit wins over the batch's new metadata
    assert "Một đoạn bổ sung" in articles["raw/tin.jsonl#bai-009"][1].read_text(encoding="utf-8")
    extracted.clear()
    assert run_cli(batch_project, "import") == 0
    assert extracted == [rows[3]["title"]]  # (only the kept one is read again: its row still differs)
    assert edited.read_bytes() == kept


def test_rows_without_an_id_are_named_by_their_line(batch_project):
    rows = [{k: v for k, v in _row(n).items() if k != "id"} for n in range(3)]
    _write_jsonl(batch_project / "content" / "raw" / "tin.jsonl", rows[:1] + [""] + rows[1:])
    assert run_cli(batch_project, "import") == 0
    assert sorted(_articles(batch_project)) == ["raw/tin.jsonl#1", "raw/tin.jsonl#3", "raw/tin.jsonl#4"]


def test_csv_with_quoted_line_breaks_and_bad_rows(batch_project, capsys):
    path = batch_project / "content" / "raw" / "xuat.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["link", "headline", "published", "content", "category"])
        for n in range(ROWS):
            row = _row(n)
            writer.writerow([row["url"], row["title"], row["date"], row["text"], "Thời sự"])
            if n == 10:
                handle.write('https://x.vn/a,Thiếu cột,2021-01-01\r\n')
                writer.writerow(["https://x.vn/b", "Không có nội dung", "2021-01-01", "", "Thời sự"])
                writer.writerow(["javascript:alert(1)", "Địa chỉ lạ", "ngày mai", _row(500)["text"], ""])
    assert run_cli(batch_project, "import") == 1
    out = capsys.readouterr().out
    text_lines = _row(0)["text"].count("\n") + 1
    first_bad = 2 + 11 * text_lines  # the header, then eleven rows of text_lines lines each
    assert f"content/raw/xuat.csv:{first_bad}: 3 columns where the header has 5" in out
    assert f"content/raw/xuat.csv:{first_bad + 1}: no article text" in out
    assert "column `link`: 'javascript:alert(1)' is not a web address" in out  # a warning: the row is kept
    assert "column `published`: 'ngày mai' is not a date" in out
    articles = _articles(batch_project)
    assert len(articles) == ROWS + 1
    front, path = articles["raw/xuat.csv#5"]
    assert front["title"] == _row(4)["title"] and front["section"] == "Thời sự"
    assert "\n\nPhát biểu tại hội nghị" in path.read_text(encoding="utf-8")  # the line breaks kept
    odd = next(f for f, _ in articles.values() if f["title"] == "Địa chỉ lạ")
    assert "url" not in odd and "published" not in odd


def test_csv_without_a_text_column_says_how_to_map_it(batch_project, capsys):
    path = batch_project / "content" / "raw" / "xuat.csv"
    path.write_text("tieu_de,noi_dung_bai\nMột,Hai\n", encoding="utf-8")
    assert run_cli(batch_project, "import") == 1
    out = capsys.readouterr().out
    assert "content/raw/xuat.csv:1: no text column in the header (tieu_de, noi_dung_bai)" in out
    assert "import_columns: {text: NAME}" in out
    (batch_project / "content" / "site.yaml").write_text(
        "title: Lưu trữ\nimport_columns:\n  text: noi_dung_bai\n  title: [tieu_de]\n", encoding="utf-8")
    path.write_text("tieu_de,noi_dung_bai\n" + "".join(f'"{r["title"]}","{r["text"]}"\n' for r in map(_row, range(3))),
                    encoding="utf-8")
    assert run_cli(batch_project, "import") == 0
    assert {f["title"] for f, _ in _articles(batch_project).values()} == {_row(n)["title"] for n in range(3)}


def test_import_columns_are_checked(batch_project, capsys):
    (batch_project / "content" / "site.yaml").write_text("import_columns:\n  noidung: x\n", encoding="utf-8")
    assert run_cli(batch_project, "import") == 1
    assert "content/site.yaml:2: unknown batch field `noidung` under `import_columns`" in capsys.readouterr().err


def test_tsv_rows_with_escaped_line_breaks(batch_project):
    lines = ["id\tdate\ttitle\ttext"]
    for n in range(4):
        row = _row(n)
        lines.append("\t".join([row["id"], row["date"], row["title"], row["text"].replace("\n", "\\n")]))
    (batch_project / "content" / "raw" / "tin.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert run_cli(batch_project, "import") == 0
    front, path = _articles(batch_project)["raw/tin.tsv#bai-002"]
    assert front["title"] == _row(2)["title"]
    assert "\n\nPhát biểu tại hội nghị" in path.read_text(encoding="utf-8")


def test_utf16_batch_is_refused_with_what_to_do(batch_project, capsys):
    path = batch_project / "content" / "raw" / "tin.jsonl"
    path.write_bytes(json.dumps(_row(1), ensure_ascii=False).encode("utf-16"))
    assert run_cli(batch_project, "import") == 1
    assert "content/raw/tin.jsonl:1: UTF-16 text; save the batch as UTF-8" in capsys.readouterr().out


def test_batch_scan_keeps_places_not_rows(tmp_path):
    """The parent holds a row's place and digest, never its text: a big batch costs it a few numbers a row."""
    path = tmp_path / "tin.jsonl"
    _write_jsonl(path, [_row(n) for n in range(5)])
    batch = Batch(path, "raw/tin.jsonl")
    rows = batch.scan([], [])
    assert [r.key for r in rows] == [f"bai-{n:03d}" for n in range(5)]
    assert all(not any(isinstance(v, str) and len(v) > 100 for v in vars(r).values()) for r in rows)
    text, meta = batch.read_row(rows[2], [])
    assert text.startswith("Sáng ") and meta.title == _row(2)["title"]


def test_the_shapes_scrapers_write(batch_project):
    """news-please's one JSON file per article, Scrapy's JSON array, trafilatura's JSON Lines."""
    raw = batch_project / "content" / "raw"
    row = _row(1)
    (raw / "newsplease.json").write_text(json.dumps({  # (its `text` is null; the article is `maintext`)
        "title": row["title"], "maintext": row["text"], "text": None, "date_publish": "2021-01-04 08:30:00",
        "url": "https://vnexpress.net/hoi-nghi-1.html", "source_domain": "vnexpress.net", "authors": ["Minh Anh"],
        "image_url": "https://vnexpress.net/a.jpg", "language": "vi"}, ensure_ascii=False), encoding="utf-8")
    (raw / "scrapy.json").write_text(json.dumps([_row(2), _row(3)], ensure_ascii=False, indent=2), encoding="utf-8")
    _write_jsonl(raw / "trafilatura.jsonl", [{  # (its `source` is the address, `source-hostname` the site)
        "title": _row(4)["title"], "text": _row(4)["text"], "date": "2021-01-13",
        "source": "https://tuoitre.vn/hoi-nghi-4.htm", "source-hostname": "Tuổi Trẻ Online",
        "categories": "Thời sự;Chính trị", "id": "t4"}])
    assert run_cli(batch_project, "import") == 0
    articles = _articles(batch_project)
    one = articles["raw/newsplease.json"][0]
    assert (one["title"], one["source"], one["author"], one["published"]) == (
        row["title"], "VnExpress", "Minh Anh", _dt.date(2021, 1, 4))
    assert one["image"] == "https://vnexpress.net/a.jpg"
    assert articles["raw/scrapy.json#bai-003"][0]["title"] == _row(3)["title"]
    assert articles["raw/scrapy.json#bai-002"][0]["url"] == _row(2)["url"]
    four = articles["raw/trafilatura.jsonl#t4"][0]
    assert (four["url"], four["source"], four["section"]) == ("https://tuoitre.vn/hoi-nghi-4.htm", "Tuổi Trẻ",
                                                              "Thời sự")


_TONES = "\u0300\u0301\u0303\u0309\u0323"


def _cp1258(text: str) -> bytes:
    """Text as Windows-1258 writes it: letters with their hat or horn precomposed, tones as combining marks."""
    out = []
    for char in text:
        base = unicodedata.normalize("NFD", char)
        tones = "".join(c for c in base if c in _TONES)
        out.append(unicodedata.normalize("NFC", "".join(c for c in base if c not in _TONES)) + tones)
    return "".join(out).encode("cp1258")


def test_csv_in_the_vietnamese_windows_code_page(batch_project):
    rows = [_row(n) for n in range(3)]
    text = "title,date,text\n" + "".join(f'"{r["title"]}",{r["date"]},"{r["text"]}"\n' for r in rows)
    (batch_project / "content" / "raw" / "cu.csv").write_bytes(_cp1258(text))
    assert run_cli(batch_project, "import") == 0
    assert {f["title"] for f, _ in _articles(batch_project).values()} == {r["title"] for r in rows}


# ---------------------------------------------------------------------------------------------- sidecars


def _text_with_sidecar(root: Path, sidecar: str, text: str | None = None) -> None:
    raw = root / "content" / "raw"
    raw.mkdir(parents=True, exist_ok=True)
    (raw / "bai.txt").write_text(text or ("TPO - Chiều 13/9, tại Đà Nẵng, lãnh đạo thành phố họp bàn phương án "
                                          "ứng phó bão số 5, sơ tán người dân vùng ven biển.\n\nCác lực lượng "
                                          "được yêu cầu trực ứng phó suốt đêm.\n"), encoding="utf-8")
    (raw / "bai.meta.yaml").write_text(sidecar, encoding="utf-8")


def test_sidecar_metadata_wins_over_the_text_field_by_field(batch_project):
    _text_with_sidecar(batch_project, "title: Đà Nẵng họp ứng phó bão số 5\npublished: 14/09/2021\n"
                                      "url: https://baodanang.vn/bao-so-5.html\nauthor: Minh Anh\n")
    assert run_cli(batch_project, "import") == 0
    front, _ = _articles(batch_project)["raw/bai.txt"]
    assert front["title"] == "Đà Nẵng họp ứng phó bão số 5"  # the sidecar's, not the lead's first sentence
    assert front["date"] == _dt.date(2021, 9, 13)  # the text's event day, its year from the publication date
    assert front["published"] == _dt.date(2021, 9, 14)
    assert front["source"] == "Báo Đà Nẵng"  # the address's outlet over the text's prefix
    assert front["author"] == "Minh Anh" and front["url"] == "https://baodanang.vn/bao-so-5.html"


def test_sidecar_source_wins_over_the_texts_prefix(batch_project):
    _text_with_sidecar(batch_project, "source: Báo Đà Nẵng điện tử\n")
    assert run_cli(batch_project, "import") == 0
    assert _articles(batch_project)["raw/bai.txt"][0]["source"] == "Báo Đà Nẵng điện tử"
    (batch_project / "content" / "raw" / "bai.meta.yaml").unlink()
    assert run_cli(batch_project, "import") == 0  # (the sidecar is part of the input: its change re-imports)
    assert _articles(batch_project)["raw/bai.txt"][0]["source"] == "Tiền Phong"


def test_publication_date_dates_a_text_without_one_and_outranks_old_dates(batch_project):
    _text_with_sidecar(batch_project, "published: 2023-06-12T23:30:00Z\n",  # (13 June in Vietnam)
                       "Người dân đổ về bãi biển tránh nóng.\n\nNắng nóng kéo dài nhiều ngày qua.\n")
    assert run_cli(batch_project, "import") == 0
    assert _articles(batch_project)["raw/bai.txt"][0]["date"] == _dt.date(2023, 6, 13)
    _text_with_sidecar(batch_project, "published: 2023-06-12\n",
                       "Ngày 5/1/2019, dự án được khởi công.\n\nĐến nay công trình vẫn dang dở, người dân bức xúc.\n")
    assert run_cli(batch_project, "import") == 0
    front = _articles(batch_project)["raw/bai.txt"][0]
    assert front["date"] == _dt.date(2023, 6, 12)  # 2019 is background, not the reported event


def test_bad_sidecar_names_the_file_and_line(batch_project, capsys):
    _text_with_sidecar(batch_project, "title: Một tiêu đề\nngay: 2021-09-14\n")
    assert run_cli(batch_project, "import") == 1
    out = capsys.readouterr().out
    assert "content/raw/bai.meta.yaml:2: unknown key `ngay`" in out
    _text_with_sidecar(batch_project, "url: javascript:alert(1)\n")
    assert run_cli(batch_project, "import") == 1
    assert "content/raw/bai.meta.yaml:1: `url`: 'javascript:alert(1)' is not a web address" in capsys.readouterr().out


def test_lonely_sidecar_is_a_warning(batch_project, capsys):
    (batch_project / "content" / "raw").mkdir(parents=True, exist_ok=True)
    (batch_project / "content" / "raw" / "mat.meta.yaml").write_text("title: X\n", encoding="utf-8")
    assert run_cli(batch_project, "import") == 0
    assert "content/raw/mat.meta.yaml: a sidecar with no NAME.txt" in capsys.readouterr().out


def test_explain_a_batch_row(batch_project, capsys):
    _write_jsonl(batch_project / "content" / "raw" / "tin.jsonl", [_row(n) for n in range(3)])
    raw = batch_project / "content" / "raw" / "tin.jsonl"
    assert run_cli(batch_project, "import", "--explain", f"{raw}#bai-001") == 0
    out = capsys.readouterr().out
    assert "column `title` of" in out and "published 2021-01-04" in out
    assert run_cli(batch_project, "import", "--explain", str(raw)) == 1
    assert "name one row, like" in capsys.readouterr().err


# ------------------------------------------------------------------------------------------------ values


@pytest.mark.parametrize("value, expected", [
    ("2021-09-14", _dt.date(2021, 9, 14)), ("14/09/2021", _dt.date(2021, 9, 14)),
    ("Thứ Hai, 05/09/2022 15:20", _dt.date(2022, 9, 5)), ("2021/09/14", _dt.date(2021, 9, 14)),
    ("2023-06-12T18:00:00Z", _dt.date(2023, 6, 13)), ("2023-06-12T10:30:00+07:00", _dt.date(2023, 6, 12)),
    ("Mon, 12 Jun 2023 10:00:00 +0700", _dt.date(2023, 6, 12)), (1686540000, _dt.date(2023, 6, 12)),
])
def test_publication_dates_as_inputs_write_them(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize("title, names, expected", [
    ("Thủ tướng làm việc với Quảng Ninh | Báo Chính phủ", ["Báo Chính phủ"], "Thủ tướng làm việc với Quảng Ninh"),
    ("Hà Nội: mưa lớn - VnExpress", ["VnExpress"], "Hà Nội: mưa lớn"),
    ("Báo Đà Nẵng - Khai mạc lễ hội pháo hoa", [], "Khai mạc lễ hội pháo hoa"),
    ("Bộ trưởng: Hà Nội - Hải Phòng nối tàu nhanh", [], "Bộ trưởng: Hà Nội - Hải Phòng nối tàu nhanh"),
])
def test_site_names_cut_from_page_titles(title, names, expected):
    assert without_site_name(title, names) == expected


def test_article_page_links_its_original_and_refuses_other_addresses(batch_project, capsys):
    _text_with_sidecar(batch_project, "title: Đà Nẵng họp ứng phó bão số 5\npublished: 2021-09-14\n"
                                      "url: https://baodanang.vn/bao-so-5.html\nauthor: Minh Anh\n")
    assert run_cli(batch_project, "import") == 0
    assert run_cli(batch_project, "build") == 0
    page = next((batch_project / "public" / "2021" / "09").rglob("index.html")).read_text(encoding="utf-8")
    assert ('<a href="https://baodanang.vn/bao-so-5.html" rel="external nofollow noopener noreferrer">'
            'Báo Đà Nẵng</a> · Minh Anh') in page
    assert '"isBasedOn": "https://baodanang.vn/bao-so-5.html"' in page
    assert "Ngày đăng" in page  # (published the day after the event)
    _, path = _articles(batch_project)["raw/bai.txt"]
    path.write_text(path.read_text(encoding="utf-8").replace("url: https://baodanang.vn/bao-so-5.html",
                                                             "url: javascript:alert(1)"), encoding="utf-8")
    capsys.readouterr()
    assert run_cli(batch_project, "build") == 1
    err = capsys.readouterr().err
    assert f"{path.relative_to(batch_project / 'content').as_posix()}:" in err and "is not a web address" in err


def test_eth_is_read_as_the_vietnamese_d_with_stroke():
    from generator.importer.raw import clean_text
    # Legacy fonts write Đ as Icelandic Ð (U+00D0): no place or name would match it.
    assert clean_text("Tòa án nhân dân cấp cao tại \u00d0à Nẵng, \u00f0ồng chí") == \
        "Tòa án nhân dân cấp cao tại Đà Nẵng, đồng chí"


def test_a_lead_glued_to_its_headline_gets_its_own_line():
    from generator.importer.raw import clean_text
    from generator.importer.extract import extract
    from generator.importer.tags import Vocabulary
    # A page that lost its line break: the dated lead starts right after the headline's last character.
    raw = ("Chủ tịch nước thăm công trường Nhà máy nhiệt điện Nghi Sơn 1Ngày 19 tháng 2 năm 2012, trong thời gian "
           "làm việc tại tỉnh Thanh Hóa, Chủ tịch nước đã đến thăm Khu kinh tế Nghi Sơn.")
    assert clean_text(raw).startswith("Chủ tịch nước thăm công trường Nhà máy nhiệt điện Nghi Sơn 1\nNgày 19 tháng 2")
    found = extract(raw, Vocabulary((), ()))
    assert found.title.value == "Chủ tịch nước thăm công trường Nhà máy nhiệt điện Nghi Sơn 1"
    assert found.date.value.iso == "2012-02-19"
    # A capital before the cue (an abbreviation) and a space before it are left alone.
    assert clean_text("Tại TP.HCMNgày 5 tháng 3") == "Tại TP.HCMNgày 5 tháng 3"
    assert clean_text("Hội nghị. Sáng 5/3, tại Hà Nội") == "Hội nghị. Sáng 5/3, tại Hà Nội"
