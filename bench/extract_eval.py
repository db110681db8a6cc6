#!/usr/bin/env python3
"""Measure the importer's front matter against hand-made gold (scoring of shared/gold/README.md).

    python bench/extract_eval.py                       # seeds + dev set (../shared/gold) + the pages set
    python bench/extract_eval.py --set seeds -v        # one set, with every miss listed
    python bench/extract_eval.py --holdout             # also the held-out third of the pages set (at the end!)
    python bench/extract_eval.py --gold DIR --seeds-dir DIR

The pages set (``bench/gold/pages-*.yaml``, annotated blind from real web pages)
is collected in rounds (a file's ``round:``, 1 when absent).  A third of the
latest round, by the sha256 of each page's URL, is held out: never looked at
while rules change, and printed only with ``--holdout``; the earlier rounds,
held-out third included once it has been scored, are development data.  A round
whose files say ``held_out: all`` is held out whole (annotated to measure, not to
develop on); no third of another round is held out then.  Once such a round has
been scored, its files say ``held_out: scored``: development data, with no third
held out.  Its texts are
third-party and not in the repository: ``python bench/pages.py`` rebuilds
``bench/pages/texts/`` from saved search results; without them the set is
skipped, and said so.  ``bench/gold/pages-first-run-rN.json`` holds the scores
of the rules as they were before any of them was changed for round N's pages:
they are printed beside today's.  Below the table: for each reviewed field, the share the
import flags for review and how often the fields it does not flag are right.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
import unicodedata
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
from generator.lang.gazetteer import canonical_place  # noqa: E402
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
        if not ok and detail:
            self.misses.append(f"{item:>28}  {name:22} {detail}")

    def rate(self, name: str) -> float:
        return self.hits.get(name, 0) / self.totals[name] if self.totals.get(name) else float("nan")


def _norm_title(text: str | None) -> str:
    # (Đ for the Icelandic eth a legacy font wrote, as the importer reads it: "ÐÀ NẴNG" is "ĐÀ NẴNG")
    text = normalize(nfc(text or "")).replace("\u00d0", "\u0110").replace("\u00f0", "\u0111")
    text = re.sub(r"[“”\"'‘’«»]", "", text)
    return " ".join(text.split()).strip(" .")


def _outlet_key(text: str | None) -> str:
    return name_key(re.sub(r"\(.*?\)", "", text or ""))


def _place_keys(place: str) -> set[str]:
    """A place as gold writes it (``Tokyo, Nhật Bản`` counts as itself or either part), each also in its
    canonical spelling (``Vientiane, Lào`` is ``Viêng Chăn, Lào``; ``New York, Mỹ`` is ``New York, Hoa Kỳ``)."""
    forms = {place, *(part for part in place.split(", ") if part.strip())}
    forms |= {canonical for form in list(forms) if (canonical := canonical_place(form))}
    return {name_key(form) for form in forms}


def score_item(item: dict, fields: dict, tally: Tally) -> dict[str, bool]:
    """Score one article's extracted fields against its gold entry; returns whether title, date, speaker and
    location are right."""
    right = {}
    ident = str(item["id"])
    if item.get("title"):
        right["title"] = _norm_title(fields["title"]) == _norm_title(item["title"])
        tally.add("title", right["title"], ident, f"got {fields['title']!r}")
    date = fields["date"]
    got_date = date.isoformat() if hasattr(date, "isoformat") else date
    accepted = [str(d) for d in [item.get("date"), *(item.get("date_alt") or [])] if d]
    # Gold null with alternatives: null is its answer, each alternative also counts.
    ok = right["date"] = got_date in accepted or (not item.get("date") and got_date is None)
    tally.add("date (gold has one)" if item.get("date") else "date (gold null)", ok, ident,
              f"got {got_date!r} partial {fields['date_partial']!r}, gold {item.get('date')!r} alt {accepted}")
    if item.get("date_partial"):
        tally.add("date_partial", fields["date_partial"] == item["date_partial"], ident,
                  f"got {fields['date_partial']!r}, gold {item['date_partial']!r}")
    speakers = [name_key(s["name"]) for s in item.get("speakers") or []]
    got = name_key(fields["speaker"]) if fields["speaker"] else None
    right["speaker"] = got in speakers if speakers else got is None
    if speakers:
        tally.add("speaker (gold has one)", got in speakers, ident, f"got {fields['speaker']!r}, gold {speakers}")
        listed = {got} | {name_key(p["name"]) for p in fields["people"]}
        tally.add("speakers all listed", all(s in listed for s in speakers), ident,
                  f"missing {[s for s in speakers if s not in listed]}")
    else:
        tally.add("speaker (gold empty)", got is None, ident, f"got {fields['speaker']!r}, gold none")
        # The shipped dev set counts a chair whose words are not reported as the speaker; the pages' annotators
        # list such a chair as optional: this row accepts them, to show how much of the gap is that convention.
        optional = {name_key(s["name"]) for s in item.get("speakers_optional") or []}
        tally.add("speaker (empty; opt. ok)", got is None or got in optional, ident,
                  f"got {fields['speaker']!r}, gold none (optional {sorted(optional)})")
    locations = set().union(*(_place_keys(x) for x in item.get("locations") or []))
    optional = set().union(*(_place_keys(x) for x in item.get("locations_optional") or []))
    got_loc = name_key(fields["location"]) if fields["location"] else None
    if locations:
        right["location"] = got_loc in locations
        tally.add("location (gold has one)", got_loc in locations, ident,
                  f"got {fields['location']!r}, gold {item['locations']}")
    else:
        right["location"] = got_loc is None or got_loc in optional
        tally.add("location (gold empty)", right["location"], ident,
                  f"got {fields['location']!r}, gold none (optional {item.get('locations_optional')})")
    outlet = item.get("outlet")
    if outlet and ("corpus" not in item or item.get("corpus") == "seed" or fields["source"]):
        tally.add("source", _outlet_key(fields["source"]) == _outlet_key(outlet), ident,
                  f"got {fields['source']!r}, gold {outlet!r}")
    elif not outlet:
        tally.add("source (gold null)", fields["source"] is None, ident, f"got {fields['source']!r}")
    for name, ok in right.items():  # the review queue: flagged, and right when not flagged
        flagged = name in (fields.get("review") or [])
        tally.add(f"{name} flagged", flagged, ident, "")
        if not flagged:
            tally.add(f"{name} unflagged right", ok, ident, f"unflagged and wrong ({fields.get(name)!r})")
    return right


def evaluate(gold_file: Path | list[dict], texts: Path, vocabulary) -> Tally:
    """Extract every gold item's text and score it."""
    tally = Tally()
    items = yaml.safe_load(gold_file.read_text(encoding="utf-8"))["items"] if isinstance(gold_file, Path) else gold_file
    for item in items:
        ident = str(item["id"])
        path = texts / ident if ident.endswith(".txt") else texts / f"{ident}.txt"
        fields = front_matter_fields(extract(read_raw(path), vocabulary), path.name)
        score_item(item, fields, tally)
    return tally


PAGES_GOLD = REPO / "bench" / "gold"
PAGES_TEXTS = REPO / "bench" / "pages" / "texts"


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # (libyaml's: the gold files hold thousands of items)


def _gold_files() -> list[tuple[int, str | None, list[dict]]]:
    """Each pages gold file's round, its ``held_out`` ("all", "scored" or None), and its items (none yet in a
    file being written)."""
    files = []
    for path in sorted(PAGES_GOLD.glob("pages-*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
        files.append((int(data.get("round", 1)), data.get("held_out"), data["items"] or []))
    return files


_ROUNDS = [(round_, mark) for round_, mark, _ in _gold_files()]
LATEST_ROUND = max((round_ for round_, _ in _ROUNDS), default=1)
WHOLE_ROUNDS = {round_ for round_, mark in _ROUNDS if mark == "all"}
SCORED_ROUNDS = {round_ for round_, mark in _ROUNDS if mark == "scored"}
def first_run(round_: int) -> Path:
    """Where round ``round_``'s first-run scores are kept."""
    return PAGES_GOLD / f"pages-first-run-r{round_}.json"


def held_out(item: dict) -> bool:
    """A round held out whole, or else the third of the latest round kept untouched until the end (by the
    sha256 of the page's URL)."""
    if WHOLE_ROUNDS or LATEST_ROUND in SCORED_ROUNDS:
        return item["round"] in WHOLE_ROUNDS
    return item["round"] == LATEST_ROUND and \
        int(hashlib.sha256(item["source_url"].encode("utf-8")).hexdigest(), 16) % 3 == 0


def pages_items() -> tuple[list[dict], list[dict], list[str]]:
    """The pages set's development and held-out items whose texts are here (checked against their sha256),
    and what is missing."""
    items = [{"corpus": "pages", "round": round_, **item}  # (outlets: scored as dev's)
             for round_, _, file_items in _gold_files() for item in file_items]
    present, missing = [], []
    for item in items:
        path = PAGES_TEXTS / f"{item['id']}.txt"
        text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8")) if path.is_file() else None
        if text is None or hashlib.sha256(text.encode("utf-8")).hexdigest() != item["text_sha256"]:
            missing.append(str(item["id"]))
        else:
            present.append(item)
    return [i for i in present if not held_out(i)], [i for i in present if held_out(i)], missing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    shared = REPO.parent / "shared" / "gold"
    parser.add_argument("--gold", type=Path, default=shared, help="the shipped gold sets (default: ../shared/gold)")
    parser.add_argument("--seeds-dir", type=Path, default=REPO / "content" / "raw")
    parser.add_argument("--set", choices=["seeds", "dev", "pages", "all"], default="all")
    parser.add_argument("--holdout", action="store_true", help="also score the held-out third of the pages set")
    parser.add_argument("--record-first-run", action="store_true",
                        help="with --holdout: save the scores of each held-out round without a first run as its "
                             "first run (pages-first-run-rN.json)")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    args = parser.parse_args(argv)
    vocabulary = load_vocabulary(REPO / "content" / "tags.yaml", REPO / "content" / "glossary.yaml")
    sets: dict = {"seeds": (args.gold / "seeds.yaml", args.seeds_dir), "dev": (args.gold / "dev.yaml", args.gold / "dev")}
    if args.set in ("pages", "all"):
        development, holdout, missing = pages_items()
        if missing:
            print(f"pages: {len(missing)} of {len(missing) + len(development) + len(holdout)} texts absent or changed "
                  f"in {PAGES_TEXTS.relative_to(REPO)} (python bench/pages.py rebuilds them); those items skipped")
        if development:
            sets["pages"] = (development, PAGES_TEXTS)
        if holdout and args.holdout:  # each round held out on its own, beside its own first run
            for round_ in sorted({item["round"] for item in holdout}):
                sets[f"held out r{round_}"] = ([i for i in holdout if i["round"] == round_], PAGES_TEXTS)
    chosen = [name for name in sets if args.set == "all" or name == args.set
              or (args.set == "pages" and name.startswith("held out"))]
    results = {}
    for name in chosen:
        gold_file, texts = sets[name]
        if isinstance(gold_file, Path) and not gold_file.exists():
            print(f"error: {gold_file} not found (pass --gold DIR)", file=sys.stderr)
            return 2
        results[name] = evaluate(gold_file, texts, vocabulary)
    if args.record_first_run:  # each held-out round scored here that has no first run yet
        for name in [n for n in results if n.startswith("held out r")]:
            path = first_run(int(name.removeprefix("held out r")))
            if path.exists():
                print(f"{path.relative_to(REPO)} kept: a round's first run is recorded once")
                continue
            path.write_text(json.dumps({"held out": {"hits": results[name].hits, "totals": results[name].totals}},
                                       indent=1, sort_keys=True) + "\n", encoding="utf-8")
            print(f"first run recorded in {path.relative_to(REPO)}")
    for name in [n for n in chosen if n == "pages" or n.startswith("held out r")]:
        round_ = LATEST_ROUND if name == "pages" else int(name.removeprefix("held out r"))
        path = first_run(round_)
        first = json.loads(path.read_text(encoding="utf-8")).get("pages" if name == "pages" else "held out") \
            if path.is_file() else None
        if first:
            results[f"{name} (first run)"] = Tally(first["hits"], first["totals"])
            chosen.insert(chosen.index(name), f"{name} (first run)")
    fields = sorted({f for t in results.values() for f in t.totals}, key=_FIELD_ORDER.index)
    print(f"{'field':26}" + "".join(f"{name[:17]:>18}" for name in chosen))
    for name in fields:
        row = f"{name:26}"
        for set_name in chosen:
            tally = results[set_name]
            if tally.totals.get(name):
                row += f"{tally.hits.get(name, 0):>8}/{tally.totals[name]:<3} {100 * tally.rate(name):5.1f}%"
            else:
                row += f"{'—':>18}"
        print(row)
    if args.verbose:
        for set_name in chosen:
            print(f"\nmisses in {set_name}:")
            for miss in results[set_name].misses:
                print("  " + miss)
    return 0


_FIELD_ORDER = [
    "title", "date (gold has one)", "date (gold null)", "date_partial", "speaker (gold has one)",
    "speakers all listed", "speaker (gold empty)", "speaker (empty; opt. ok)", "location (gold has one)",
    "location (gold empty)", "source", "source (gold null)", "title flagged", "date flagged", "speaker flagged", "location flagged",
    "title unflagged right", "date unflagged right", "speaker unflagged right", "location unflagged right",
]

if __name__ == "__main__":
    sys.exit(main())
