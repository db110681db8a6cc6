#!/usr/bin/env python3
"""Placement benchmark: adding, removing and re-dating one article in the middle of an archive, in-process.

    python bench/placement_bench.py                        # 10,000 articles, this checkout
    python bench/placement_bench.py --code ../other-copy   # the same, with another copy's generator

Builds the corpus of bench/corpus.py once with a long-lived ``Builder`` (as
``serve`` keeps one), then times its rebuilds, told which file changed: an
article dated 2021-06-15 added and removed again, and the middle article's
date moved by three days, a month, a year and six years, and back.  Every
one of these shifts the search ids after the article (or between its two
places) by one.  Run it against two copies of the code in one session to
compare them (``--code``); the work folder goes on tmpfs (``/dev/shm``) when
there is one, so that the disk's speed does not hide the code's.
"""
from __future__ import annotations

import argparse
import datetime
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))

import corpus  # noqa: E402  (bench/corpus.py)
import yaml  # noqa: E402


def _write(path: Path, front: dict, body: str) -> None:
    path.write_text("---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n" + body,
                    encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--code", type=Path, default=REPO, help="the checkout whose generator is timed")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(args.code.resolve()))
    from generator.build.pipeline import Builder
    from generator.project import Project

    shm = Path("/dev/shm")
    workdir = Path(tempfile.mkdtemp(prefix="placement-bench-", dir=shm if shm.is_dir() else None))
    try:
        root = workdir / "site"
        corpus.write_ours(corpus.articles(args.size), root)
        builder = Builder(Project(root), in_place=True)
        started = time.perf_counter()
        builder.build(persist=False)
        print(f"{args.size} articles, first build {time.perf_counter() - started:.2f} s ({args.code})", flush=True)
        articles = sorted((root / "content" / "articles").glob("*.md"))
        middle = articles[len(articles) // 2]
        original = middle.read_text(encoding="utf-8")
        _, head, body = original.split("---\n", 2)
        front = yaml.safe_load(head)
        times: dict[str, list[float]] = {}

        def rebuild(what: str, path: Path) -> None:
            started = time.perf_counter()
            report = builder.build(persist=False, changed=[str(path)])
            elapsed = time.perf_counter() - started
            times.setdefault(what, []).append(elapsed)
            print(f"  {what}: {elapsed:.2f} s, {report.written} written, {report.removed} removed", flush=True)

        date = front["date"] if isinstance(front["date"], datetime.date) else datetime.date.fromisoformat(front["date"])
        for run in range(args.runs):
            added = middle.with_name(f"chen-giua-{run}.md")
            _write(added, {**front, "title": f"Bài chen giữa {run}", "date": datetime.date(2021, 6, 15)}, body)
            rebuild("add 2021-06-15", added)
            added.unlink()
            rebuild("remove 2021-06-15", added)
            for label, days in (("3 days", 3), ("a month", 30), ("a year", 365), ("6 years", -2200)):
                _write(middle, {**front, "date": date + datetime.timedelta(days=days)}, body)
                rebuild(f"date moved {label}", middle)
                middle.write_text(original, encoding="utf-8")
                rebuild(f"date moved {label}, back", middle)
        print("\nmedians:")
        for what, values in times.items():
            print(f"  {what:26} {statistics.median(values):6.2f} s")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
