#!/usr/bin/env python3
"""Measure the importer's front matter against hand-made gold (scoring of shared/gold/README.md).

    python bench/extract_eval.py                       # seeds + dev set from ../shared/gold
    python bench/extract_eval.py --set seeds -v        # one set, with every miss listed
    python bench/extract_eval.py --gold DIR --seeds-dir DIR
"""
from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator.importer.extract import extract  # noqa: E402
from generator.importer.pipeline import front_matter_fields  # noqa: E402
from generator.importer.raw import read_raw  # noqa: E402
from generator.importer.tags import load_vocabulary  # noqa: E402
from generator.lang.text import name_key, nfc, normalize  # noqa: E402


@dataclass
class Tally:
    """Hits and totals per scored field, with the misses for -v."""

    hits: dict[str, int] = field(default_factory=dict)
    totals: dict[str, int] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)

    def add(self, name: str, ok: bool, item: str, detail: str) -> None:
        self.totals[name] = self.totals.get(name, 0) + 1
        self.hits[name] = self.hits.get(name, 0) + int(ok)
        if not ok:
            self.misses.append(f"{item:>28}  {name:22} {detail}")

    def rate(self, name: str) -> float:
        return self.hits.get(name, 0) / self.totals[name] if self.totals.get(name) else float("nan")


def _norm_title(text: str | None) -> str:
    text = normalize(nfc(text or ""))
    text = re.sub(r"[“”\"'‘’«»]", "", text)
    return " ".join(text.split()).strip(" .")


def _outlet_key(text: str | None) -> str:
    return name_key(re.sub(r"\(.*?\)", "", text or ""))


def score_item(item: dict, fields: dict, tally: Tally) -> None:
    """Score one article's extracted fields against its gold entry."""
    ident = str(item["id"])
    if item.get("title"):
        tally.add("title", _norm_title(fields["title"]) == _norm_title(item["title"]), ident,
                  f"got {fields['title']!r}")
    date = fields["date"]
    got_date = date.isoformat() if hasattr(date, "isoformat") else date
    accepted = [str(d) for d in [item.get("date"), *(item.get("date_alt") or [])] if d]
    ok = got_date in accepted if accepted else got_date is None
    tally.add("date (gold has one)" if accepted else "date (gold null)", ok, ident,
              f"got {got_date!r} partial {fields['date_partial']!r}, gold {accepted or None}")
    if item.get("date_partial"):
        tally.add("date_partial", fields["date_partial"] == item["date_partial"], ident,
                  f"got {fields['date_partial']!r}, gold {item['date_partial']!r}")
    speakers = [name_key(s["name"]) for s in item.get("speakers") or []]
    got = name_key(fields["speaker"]) if fields["speaker"] else None
    if speakers:
        tally.add("speaker (gold has one)", got in speakers, ident, f"got {fields['speaker']!r}, gold {speakers}")
        listed = {got} | {name_key(p["name"]) for p in fields["people"]}
        tally.add("speakers all listed", all(s in listed for s in speakers), ident,
                  f"missing {[s for s in speakers if s not in listed]}")
    else:
        tally.add("speaker (gold empty)", got is None, ident, f"got {fields['speaker']!r}, gold none")
    locations = [name_key(x) for x in item.get("locations") or []]
    optional = [name_key(x) for x in item.get("locations_optional") or []]
    got_loc = name_key(fields["location"]) if fields["location"] else None
    if locations:
        tally.add("location (gold has one)", got_loc in locations, ident,
                  f"got {fields['location']!r}, gold {item['locations']}")
    else:
        tally.add("location (gold empty)", got_loc is None or got_loc in optional, ident,
                  f"got {fields['location']!r}, gold none (optional {item.get('locations_optional')})")
    outlet = item.get("outlet")
    if outlet and ("corpus" not in item or item.get("corpus") == "seed" or fields["source"]):
        tally.add("source", _outlet_key(fields["source"]) == _outlet_key(outlet), ident,
                  f"got {fields['source']!r}, gold {outlet!r}")
    elif not outlet:
        tally.add("source (gold null)", fields["source"] is None, ident, f"got {fields['source']!r}")


def evaluate(gold_file: Path, texts: Path, vocabulary) -> Tally:
    """Extract every gold item's text and score it."""
    tally = Tally()
    for item in yaml.safe_load(gold_file.read_text(encoding="utf-8"))["items"]:
        ident = str(item["id"])
        path = texts / ident if ident.endswith(".txt") else texts / f"{ident}.txt"
        fields = front_matter_fields(extract(read_raw(path), vocabulary), path.name)
        score_item(item, fields, tally)
    return tally


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    shared = REPO.parent / "shared" / "gold"
    parser.add_argument("--gold", type=Path, default=shared, help="the shipped gold sets (default: ../shared/gold)")
    parser.add_argument("--seeds-dir", type=Path, default=REPO / "content" / "raw")
    parser.add_argument("--set", choices=["seeds", "dev", "all"], default="all")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    args = parser.parse_args(argv)
    vocabulary = load_vocabulary(REPO / "content" / "tags.yaml", REPO / "content" / "glossary.yaml")
    sets = {"seeds": (args.gold / "seeds.yaml", args.seeds_dir), "dev": (args.gold / "dev.yaml", args.gold / "dev")}
    chosen = list(sets) if args.set == "all" else [args.set]
    results = {}
    for name in chosen:
        gold_file, texts = sets[name]
        if not gold_file.exists():
            print(f"error: {gold_file} not found (pass --gold DIR)", file=sys.stderr)
            return 2
        results[name] = evaluate(gold_file, texts, vocabulary)
    fields = sorted({f for t in results.values() for f in t.totals}, key=_FIELD_ORDER.index)
    print(f"{'field':26}" + "".join(f"{name:>16}" for name in chosen))
    for name in fields:
        row = f"{name:26}"
        for set_name in chosen:
            tally = results[set_name]
            if tally.totals.get(name):
                row += f"{tally.hits[name]:>6}/{tally.totals[name]:<3} {100 * tally.rate(name):5.1f}%"
            else:
                row += f"{'—':>16}"
        print(row)
    if args.verbose:
        for set_name in chosen:
            print(f"\nmisses in {set_name}:")
            for miss in results[set_name].misses:
                print("  " + miss)
    return 0


_FIELD_ORDER = [
    "title", "date (gold has one)", "date (gold null)", "date_partial", "speaker (gold has one)",
    "speakers all listed", "speaker (gold empty)", "location (gold has one)", "location (gold empty)", "source",
    "source (gold null)",
]

if __name__ == "__main__":
    sys.exit(main())
