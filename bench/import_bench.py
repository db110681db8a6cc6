#!/usr/bin/env python3
"""Import benchmark: real raw articles of the benchmark corpus → Markdown articles, with the command line.

    python bench/import_bench.py                  # 1,000 and 10,000 articles
    python bench/import_bench.py --sizes 10000 --runs 3
    python bench/import_bench.py --sizes 10000 --base COMMIT   # also COMMIT's importer, in the same runs

For each size it copies the first N texts of ``vnnews-12k`` (unpacked into a
temporary folder, never into the repository) into ``content/raw/`` of a fresh
project and times ``build.py import`` as a new process: a first import (every
article extracted and written) and an import with nothing changed.  Medians of
``--runs`` runs, with the peak memory of the process and its workers.  The
target for 10,000 articles is 60 s on the 2-core benchmark machine.
"""
from __future__ import annotations

import argparse
import io
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))

from build_bench import _MEASURE  # noqa: E402  (runs a command, prints its exit code and peak RSS)


def _run(command: list[str]) -> tuple[float, int]:
    """Wall time and peak RSS (MiB) of one import.  It exits 1 when some texts could not be imported
    (they are listed, the others are written): that is a result, not a failure of the benchmark — unless
    Python crashed (a traceback: a missing package when not run with the project's ``.venv/bin/python``)."""
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", _MEASURE, *command], capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    code, peak = result.stdout.split()[-2:]
    if code not in ("0", "1") or "Traceback (most recent call last)" in result.stderr:
        raise RuntimeError(f"{' '.join(command)} failed:\n{result.stderr[-2000:]}")
    return elapsed, int(peak) // 1024


def unpack(archive: Path, target: Path) -> Path:
    """The corpus's texts, unpacked into ``target`` once."""
    if not (target / "vnnews").is_dir():
        with tarfile.open(archive) as tar:
            tar.extractall(target, filter="data")
    return target / "vnnews"


def project(texts: list[Path], root: Path) -> Path:
    """A fresh project whose ``content/raw/`` holds ``texts``, with the shipped configuration."""
    if root.exists():
        shutil.rmtree(root)
    raw = root / "content" / "raw"
    raw.mkdir(parents=True)
    for path in texts:
        shutil.copy(path, raw / path.name)
    for name in ("site.yaml", "tags.yaml", "glossary.yaml"):
        if (REPO / "content" / name).is_file():
            shutil.copy(REPO / "content" / name, root / "content" / name)
    return root


def bench(texts: list[Path], workdir: Path, runs: int, checkouts: dict[str, Path]) -> dict[str, dict]:
    """Each checkout's import of ``texts``, run in turn (A B A B …: the machine's drift falls on both)."""
    times: dict[str, dict] = {label: {"first": [], "again": [], "peak": 0} for label in checkouts}
    for _ in range(runs):
        for label, checkout in checkouts.items():
            site = workdir / f"site-{label}"
            command = [sys.executable, str(checkout / "build.py"), "--root", str(site), "import"]
            project(texts, site)
            elapsed, rss = _run(command)
            times[label]["first"].append(elapsed)
            times[label]["peak"] = max(times[label]["peak"], rss)
            times[label]["again"].append(_run(command)[0])
    return {label: {"first": statistics.median(t["first"]), "again": statistics.median(t["again"]),
                    "peak": t["peak"],
                    "articles": len(list((workdir / f"site-{label}" / "content" / "articles").rglob("*.md")))}
            for label, t in times.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus" / "vnnews-12k.tar.xz")
    parser.add_argument("--base", metavar="COMMIT", help="also time this commit's importer (the row 'base')")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="import-bench-") as tmp:
        texts = sorted(unpack(args.corpus, Path(tmp)).glob("*.txt"))
        checkouts = {"ours": REPO}
        if args.base:
            archive = subprocess.run(["git", "archive", "--format=tar", args.base], cwd=REPO, capture_output=True,
                                     check=True).stdout
            with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
                tar.extractall(Path(tmp) / "base", filter="data")
            checkouts["base"] = Path(tmp) / "base"
        print(f"{'texts':>7} {'tool':5} {'articles':>9} {'import s':>9} {'per s':>7} {'again s':>8} {'peak MiB':>9}")
        for size in args.sizes:
            for label, result in bench(texts[:size], Path(tmp), args.runs, checkouts).items():
                print(f"{size:7} {label:5} {result['articles']:9} {result['first']:9.1f} {size / result['first']:7.0f} "
                      f"{result['again']:8.2f} {result['peak']:9}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
