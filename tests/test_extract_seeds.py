"""The seeds' front matter matches the hand-checked gold on date, speaker and location."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.extract import extract
from generator.importer import front_matter_fields
from generator.ingest import read_raw
from generator.tagging import load_vocabulary
from generator.text import name_key

REPO = Path(__file__).resolve().parent.parent
GOLD = yaml.safe_load((Path(__file__).parent / "data" / "gold" / "seeds.yaml").read_text(encoding="utf-8"))["items"]
VOCABULARY = load_vocabulary(REPO / "content" / "tags.yaml", REPO / "content" / "glossary.yaml")


def _fields(item_id: str) -> dict:
    text = read_raw(REPO / "content" / "raw" / item_id)
    return front_matter_fields(extract(text, VOCABULARY), f"raw/{item_id}")


@pytest.mark.parametrize("item", GOLD, ids=[i["id"] for i in GOLD])
def test_seed_date_matches_gold(item):
    fields = _fields(item["id"])
    date = fields["date"]
    got = date.isoformat() if hasattr(date, "isoformat") else date
    accepted = [item["date"]] + list(item.get("date_alt") or [])
    assert got in accepted, f"date {got!r}, gold {accepted!r}"


@pytest.mark.parametrize("item", GOLD, ids=[i["id"] for i in GOLD])
def test_seed_speaker_matches_gold(item):
    fields = _fields(item["id"])
    gold = [name_key(s["name"]) for s in item["speakers"]]
    if not gold:
        assert fields["speaker"] is None
    else:
        assert fields["speaker"] is not None and name_key(fields["speaker"]) in gold


@pytest.mark.parametrize("item", GOLD, ids=[i["id"] for i in GOLD])
def test_seed_location_matches_gold(item):
    fields = _fields(item["id"])
    if item["locations"]:
        assert fields["location"] in item["locations"]
    else:
        assert fields["location"] is None or fields["location"] in (item.get("locations_optional") or [])


@pytest.mark.parametrize("item", GOLD, ids=[i["id"] for i in GOLD])
def test_seed_title_is_headline_or_not_a_caption(item):
    fields = _fields(item["id"])
    if item["title"]:
        assert fields["title"] == item["title"]
    else:
        assert not fields["title"].startswith(("Toàn cảnh", "Quang cảnh"))
        assert "Ảnh:" not in fields["title"]


def test_seed_outlets():
    sources = {item["id"]: _fields(item["id"])["source"] for item in GOLD}
    assert sources["001_0855d1e29bbb93d9.txt"] == "Tiền Phong"
    assert sources["002_a247764e4e55ebab.txt"] == "Cổng Thông tin Bộ Công an"
    assert sources["003_ef3782fea13da5be.txt"] is None  # "Ảnh: VGP/…" is a photo credit, not the outlet
