"""Search bytes per query as an archive grows: what the browser loads for each query of ``search_bench``'s
fixed mix, from a cold start, on built sites of any size.

    python bench/search_bytes.py public/ DIR/public …    # one line per site: articles, median and max KB

Each query runs the site's own engine under node (``bench/search_node.js --bytes``): the search scripts, every
index part the query reads and the records of its first page of results (10), as written (no HTTP
compression; the search page's HTML not counted).  Sites built from ``bench/corpus.py`` at 1,000, 10,000 and
100,000 articles give the curve of ``docs/scaling.md``.
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))

from search_bench import QUERIES  # noqa: E402  (the same fixed mix)


def measure(site: Path) -> tuple[int, list[dict]]:
    """The site's article count and one record per query (its bytes among them)."""
    meta = (site / "search" / "meta.js").read_text(encoding="utf-8")
    articles = json.loads(meta[meta.index(",") + 1:meta.rindex(");")])["n"]
    done = subprocess.run(["node", str(REPO / "bench" / "search_node.js"), str(site), "--bytes"],
                          input="\n".join(QUERIES) + "\n", capture_output=True, text=True, check=True, timeout=600)
    return articles, [json.loads(line) for line in done.stdout.splitlines()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sites", nargs="+", type=Path, help="built sites (their output folders)")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every query")
    args = parser.parse_args(argv)
    print(f"{'articles':>9} {'median KB':>10} {'max KB':>8}  site")
    for site in args.sites:
        articles, rows = measure(site)
        sizes = [row["bytes"] / 1024 for row in rows]
        print(f"{articles:>9,} {statistics.median(sizes):>10.1f} {max(sizes):>8.1f}  {site}")
        if args.verbose:
            for row in rows:
                print(f"{'':>9} {row['bytes'] / 1024:>10.1f} {row['count']:>8,}  {row['q']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
