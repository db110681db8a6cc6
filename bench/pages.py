#!/usr/bin/env python3
"""Rebuild the pages set's texts (``bench/pages/texts/ID.txt``) from saved search results.

    python bench/pages.py [RESULTS.jsonl ...]     # default: bench/pages/results/*.jsonl
    python bench/pages.py --add ID URL --batch NAME --query Q --rank N
        # an annotator saved a page's excerpt as bench/pages/texts/ID.txt: check it is free
        # (not kept for independent evaluation, not annotated before) and record it as a result

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


EXCLUDED = REPO.parent / "shared" / "gold" / "exclude.sha256"


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def add(page_id: str, url: str, batch: str, query: str, rank: int) -> int:
    """Record the excerpt an annotator saved as ``texts/ID.txt`` as a search result of batch ``batch``,
    unless the page is kept for independent evaluation or was collected before. Prints its sha256."""
    path = PAGES / "texts" / f"{page_id}.txt"
    if not path.is_file():
        print(f"{path.relative_to(REPO)}: no such file: save the page's excerpt there first", file=sys.stderr)
        return 2
    text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
    path.write_text(text, encoding="utf-8")
    listed = {tuple(line.split()) for line in EXCLUDED.read_text(encoding="utf-8").splitlines()
              if line.strip() and not line.startswith("#")}
    if ("url", _sha256(url.strip())) in listed or ("text", _sha256(text)) in listed:
        path.unlink()
        print(f"{url}: EXCLUDED (kept for independent evaluation): do not annotate it; its text was deleted")
        return 1
    seen = set()
    for gold in (REPO / "bench" / "gold").glob("pages-*.yaml"):
        try:
            seen |= {str(item.get("source_url")) for item in yaml.safe_load(gold.read_text(encoding="utf-8"))["items"]}
        except (yaml.YAMLError, KeyError, TypeError, AttributeError):
            pass  # a file another annotator is writing: its pages are in its results file too
    for results in (PAGES / "results").glob("*.jsonl"):
        seen |= {json.loads(line)["url"] for line in results.read_text(encoding="utf-8").splitlines()
                 if line.strip() and json.loads(line)["id"] != page_id}
    if url in seen:
        path.unlink()
        print(f"{url}: DUPLICATE (collected before): pick another page; its text was deleted")
        return 1
    (PAGES / "results").mkdir(parents=True, exist_ok=True)
    results = PAGES / "results" / f"{batch}.jsonl"
    kept = [line for line in (results.read_text(encoding="utf-8").splitlines() if results.is_file() else [])
            if line.strip() and json.loads(line)["id"] != page_id]
    kept.append(json.dumps({"id": page_id, "url": url, "query": query, "rank": rank, "excerpt": text},
                           ensure_ascii=False))
    results.write_text("\n".join(kept) + "\n", encoding="utf-8")
    print(f"free; recorded in {results.relative_to(REPO)}\ntext_sha256: {_sha256(text)}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("results", nargs="*", type=Path)
    parser.add_argument("--add", nargs=2, metavar=("ID", "URL"), help="record a saved excerpt (see above)")
    parser.add_argument("--batch", help="with --add: the results file's name (the gold file's letters)")
    parser.add_argument("--query", default="", help="with --add: the search query that found the page")
    parser.add_argument("--rank", type=int, default=0, help="with --add: its rank in the results")
    args = parser.parse_args(argv)
    if args.add:
        if not args.batch:
            parser.error("--add needs --batch")
        return add(*args.add, args.batch, args.query, args.rank)
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
