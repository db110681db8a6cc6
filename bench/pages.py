#!/usr/bin/env python3
"""Rebuild the pages set's texts (``bench/pages/texts/ID.txt``) from saved search results.

    python bench/pages.py [RESULTS.jsonl ...]     # default: bench/pages/results/*.jsonl

Each results line is one page as the search tool returned it: ``{"id", "url",
"query", "rank", "excerpt"}``.  The texts are third-party: they live in the
git-ignored ``bench/pages/`` only; the repository holds the annotations
(``bench/gold/pages-*.yaml``), each with its page's URL and the sha256 of its
text, which this script checks.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
import unicodedata
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
PAGES = REPO / "bench" / "pages"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("results", nargs="*", type=Path)
    args = parser.parse_args(argv)
    gold = {str(item["id"]): item for path in sorted((REPO / "bench" / "gold").glob("pages-*.yaml"))
            for item in yaml.safe_load(path.read_text(encoding="utf-8"))["items"]}
    written = mismatched = 0
    (PAGES / "texts").mkdir(parents=True, exist_ok=True)
    for results in args.results or sorted((PAGES / "results").glob("*.jsonl")):
        for line in results.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            page = json.loads(line)
            item = gold.get(str(page["id"]))
            if item is None:
                continue  # a page that was not annotated
            text = unicodedata.normalize("NFC", page["excerpt"])
            if hashlib.sha256(text.encode("utf-8")).hexdigest() != item["text_sha256"] or page["url"] != item["source_url"]:
                mismatched += 1
                print(f"{results.name}: {page['id']}: not the page annotated (url or text sha256 differ)", file=sys.stderr)
                continue
            (PAGES / "texts" / f"{page['id']}.txt").write_text(text, encoding="utf-8")
            written += 1
    missing = len(gold) - written
    print(f"{written} texts written to {(PAGES / 'texts').relative_to(REPO)}; {missing} annotated page(s) without "
          f"a saved result{'; ' + str(mismatched) + ' mismatched' if mismatched else ''}")
    return 1 if mismatched else 0


if __name__ == "__main__":
    sys.exit(main())
