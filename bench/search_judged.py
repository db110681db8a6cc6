#!/usr/bin/env python3
"""Judged search quality: nDCG@10 of the site's own search on our judged reader queries.

    python bench/search_judged.py                    # nDCG@10 now, on the 1,000-article corpus site
    python bench/search_judged.py --base COMMIT      # also COMMIT's search, on its own build of the site
    python bench/search_judged.py --pool DIR         # write the pools to judge (for new queries)

The queries are ``bench/gold/search-queries.yaml`` (each run as written and as its twin without diacritics),
the judgments ``bench/gold/search-judgments.yaml``: for each query, the articles judged relevant (grade 2:
about it; 1: partly or in passing), named by their corpus file; every other article counts 0.  The site is
the first 1,000 texts of ``vnnews-12k``, imported and built in a temporary folder; the search runs as the
browser's does (``static/search/engine.js`` under node, ``bench/search_node.js``).  ``--pool`` writes, per
query, the union of the top 20 of the engine (both forms of the query) and of ``build.py search``, with each
article's title and opening, for a judge to grade without seeing any ranking.
"""
from __future__ import annotations

import argparse
import io
import json
import math
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from generator.lang.text import fold  # noqa: E402
from import_bench import project, unpack  # noqa: E402

GOLD = REPO / "bench" / "gold"
SIZE = 1000


def site_of(checkout: Path, texts: list[Path], root: Path) -> Path:
    """The corpus site imported and built by ``checkout``'s generator; returns its output folder."""
    project(texts, root)
    for command in ("import", "build"):
        subprocess.run([sys.executable, str(checkout / "build.py"), "--root", str(root), command], check=False,
                       capture_output=True)
    return root / "public"


def originals(root: Path) -> dict[str, str]:
    """Article URL (site-relative folder) → its corpus file (``000123``)."""
    found = {}
    from generator.content.article import _parse_date, article_url
    from generator.content.frontmatter import split_document
    from generator.lang.text import slugify
    for path in (root / "content" / "articles").rglob("*.md"):
        front, _, _ = split_document(path.read_text(encoding="utf-8"), path)
        url = article_url(slugify(path.stem), _parse_date(front.get("date")))
        found[url] = Path(str(front.get("original", ""))).stem
    return found


def run_engine(site: Path, engine: Path, queries: list[str]) -> list[dict]:
    """Each query through the engine under node: count, top 20 URLs, whether it fell back to folded."""
    result = subprocess.run(["node", str(engine), str(site)], input="\n".join(queries) + "\n",
                            capture_output=True, text=True, check=True)
    return [json.loads(line) for line in result.stdout.splitlines()]


def ndcg(ranked: list[str], grades: dict[str, int], k: int = 10) -> float:
    """nDCG@k with gains 2^grade − 1."""
    dcg = sum((2 ** grades.get(doc, 0) - 1) / math.log2(i + 2) for i, doc in enumerate(ranked[:k]))
    ideal = sorted(grades.values(), reverse=True)[:k]
    best = sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / best if best else 0.0


def pool(runs: list[tuple[Path, Path]], queries: list[str], judged: dict, out: Path, depth: int) -> int:
    """Per query, the articles still to judge (no ranking shown): those in the top ``depth`` of the site's
    search (each of ``runs``: a project and its built site; both forms of the query) and of ``build.py
    search`` that have no judgment yet, with their title and opening.  Returns how many."""
    candidates: dict[str, set] = {q: set() for q in queries}
    for root, site in runs:
        by_url = originals(root)
        found = run_engine(site, REPO / "bench" / "search_node.js", queries + [fold(q) for q in queries])
        for n, query in enumerate(queries):
            for run in (found[n], found[n + len(queries)]):
                candidates[query].update(by_url.get(u) for u in run["urls"][:depth])
            cli = subprocess.run([sys.executable, str(REPO / "build.py"), "--root", str(root), "search", "--limit",
                                  str(depth), query], capture_output=True, text=True).stdout
            for line in cli.splitlines():
                parts = line.split(" · ")
                if len(parts) >= 3:
                    candidates[query].add(by_url.get(parts[1].strip()))
    out.mkdir(parents=True, exist_ok=True)
    total = 0
    root = runs[0][0]
    for n, query in enumerate(queries):
        todo = sorted(c for c in candidates[query] if c and c not in judged.get(query, {}))
        total += len(todo)
        lines = [f"# query {n + 1}: {query}", ""]
        for name in todo:
            text = (root / "content" / "raw" / f"{name}.txt").read_text(encoding="utf-8")
            lines += [f"## {name}", text[:900].replace("\n\n", "\n"), ""]
        (out / f"q{n + 1:02d}.md").write_text("\n".join(lines), encoding="utf-8")
    return total


def report(label: str, root: Path, site: Path, engine: Path, queries: list[str], judged: dict) -> dict:
    """nDCG@10 of each form of the queries; returns (form, query) → (nDCG, count)."""
    by_url = originals(root)
    per_query = {}
    for form, texts in (("with diacritics", queries), ("without", [fold(q) for q in queries])):
        runs = run_engine(site, engine, texts)
        scores = [ndcg([by_url.get(u, "") for u in run["urls"]], judged.get(q, {})) for q, run in zip(queries, runs)]
        per_query.update({(form, q): (score, run["count"]) for q, score, run in zip(queries, scores, runs)})
        print(f"{label:10} {form:16} nDCG@10 {sum(scores) / len(scores):.3f}   median count "
              f"{sorted(r['count'] for r in runs)[len(runs) // 2]}")
    return per_query


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus" / "vnnews-12k.tar.xz")
    parser.add_argument("--pool", type=Path, metavar="DIR", help="write the articles still to judge into DIR")
    parser.add_argument("--base", metavar="COMMIT", help="also COMMIT's search, in the same run")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="the queries that changed (with --base), or those below nDCG 0.8 (without)")
    args = parser.parse_args(argv)
    queries = yaml.safe_load((GOLD / "search-queries.yaml").read_text(encoding="utf-8"))["queries"]
    judgments = GOLD / "search-judgments.yaml"
    judged = {q: {str(k): int(v) for k, v in (grades or {}).items()} for q, grades in
              ((yaml.safe_load(judgments.read_text(encoding="utf-8")) if judgments.exists() else None) or {}).items()}
    with tempfile.TemporaryDirectory(prefix="search-judged-") as tmp:
        texts = sorted(unpack(args.corpus, Path(tmp)).glob("*.txt"))[:SIZE]
        root = Path(tmp) / "ours"
        runs = [(root, site_of(REPO, texts, root))]
        if args.base:
            base = Path(tmp) / "base-checkout"
            archive = subprocess.run(["git", "archive", "--format=tar", args.base], cwd=REPO, capture_output=True,
                                     check=True).stdout
            with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
                tar.extractall(base, filter="data")
            runs.append((Path(tmp) / "base", site_of(base, texts, Path(tmp) / "base")))
        if args.pool:
            count = pool(runs, queries, judged, args.pool, 10 if judged else 20)
            print(f"{count} articles to judge for {len(queries)} queries in {args.pool}")
            return 0
        print(f"{len(queries)} queries, {sum(len(judged.get(q, {})) for q in queries)} judgments; {SIZE} articles")
        engine = REPO / "bench" / "search_node.js"
        now = report("now", *runs[0], engine, queries, judged)
        if args.verbose and not args.base:
            for key, (score, count) in sorted(now.items(), key=lambda item: item[1][0]):
                if score < 0.8:
                    print(f"  {key[0]:16} {key[1]:40} {score:.2f} ({count})")
        if args.base:
            before = report(args.base[:10], *runs[1], engine, queries, judged)
            if args.verbose:
                for key in sorted(now, key=lambda k: now[k][0] - before[k][0]):
                    if abs(now[key][0] - before[key][0]) > 0.001:
                        print(f"  {key[0]:16} {key[1]:40} {before[key][0]:.2f} ({before[key][1]}) → "
                              f"{now[key][0]:.2f} ({now[key][1]})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
