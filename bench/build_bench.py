#!/usr/bin/env python3
"""Build benchmark: our generator beside Hugo and Pelican on the same generated corpus.

    python bench/build_bench.py                 # 1,000 and 10,000 articles
    python bench/build_bench.py --sizes 1000 --runs 3

For each size it writes the corpus of bench/corpus.py into a temporary folder
and times, as medians of ``--runs`` runs (each run going round every tool in
turn, so that the VM's slow phases fall on all of them): a cold build (no cache, no output — the
last run's is moved aside, not deleted: see ``_set_aside``), a
rebuild with no change, a rebuild after editing one article, and — for ours —
the time from saving an edit to `serve` having written every page the edit
changes, for a body edit, for a title edit (which reaches every listing,
feed and neighbour showing the article), for a new article dated after all
others and for its removal (which shift every page of the listings holding it), and for an article
dated in the middle of the archive and its removal (every later search id shifts by one), and for a date
edit moving the article by years and back (every document and listing page between shifts by one).
Ours is timed twice: "ours" is the README's workflow — a copy of this repository
with the corpus in its ``content/articles``, ``python build.py build`` run in it —
and "ours-root" a separate project folder (``build.py --root FOLDER``).
``--tools ours ours-root`` times only this generator; ``--base COMMIT`` adds "base", the README's workflow
in a copy of another commit's tree (``git archive``), timed in the same rounds: an A/B of a change.  It also reports peak memory (max RSS of the build process) and the output's
file count and size.  Hugo runs when `hugo` is on the PATH (Debian: apt-get
install hugo), Pelican when it is importable (pip install pelican, dev-only).
"""
from __future__ import annotations

import argparse
import io
import os
import queue
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import corpus  # noqa: E402  (bench/corpus.py)
import yaml  # noqa: E402


# Runs a command and prints the peak RSS (KiB) of it and its children: one fresh process per measurement,
# because RUSAGE_CHILDREN keeps the maximum over every child a process ever waited for.
_MEASURE = ("import resource, subprocess, sys; r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL); "
            "print(r.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")


def _run(command: list[str], cwd: Path) -> tuple[float, int]:
    """Wall time and peak RSS (MiB) of one command."""
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", _MEASURE, *command], cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    code, peak = result.stdout.split()[-2:]
    if code != "0":
        raise RuntimeError(f"{' '.join(command)} failed:\n{result.stderr[-2000:]}")
    return elapsed, int(peak) // 1024


def _size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def _edit(path: Path, marker: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text.rstrip("\n") + f"\n\nĐoạn sửa {marker}.\n", encoding="utf-8")


def _began(done: float, report: str) -> float:
    """When the rebuild that ``serve`` reported at ``done`` began: "rebuilt in 0.61 s: …" before it."""
    found = re.match(r"rebuilt in ([0-9.]+) s", report)
    return done - float(found.group(1)) if found else done


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def _middle(folder: Path) -> Path:
    files = sorted(folder.glob("*.md"))
    return files[len(files) // 2]


def _set_aside(folder: Path) -> None:
    """Take ``folder`` out of the way for a cold build — moved into the size's ``.trash``, deleted only when
    every tool has been timed.  On ext4 without a journal (this VM's disk), creating files within one to
    five minutes of deleting as many costs several times more in the kernel (its inode allocator steps over
    every recently deleted inode), which would charge each tool for the previous run's cleanup — or for
    another tool's."""
    if folder.exists():
        trash = folder.parent.parent / ".trash"
        trash.mkdir(exist_ok=True)
        os.replace(folder, trash / f"{folder.parent.name}-{folder.name}-{time.time_ns()}")


@dataclass
class Tool:
    """How to build one tool's copy of the corpus, and what to edit in it."""

    name: str
    command: list[str]
    cwd: Path
    reset: list[Path]     # set aside before a cold build
    article: Path         # edited before the one-edit build
    output: Path
    settle: Callable[[], float] = lambda: 0.0
    serve: list[str] | None = None  # the preview command (ours only)
    samples: list[dict] = field(default_factory=list)


def _one_run(tool: Tool, n: int) -> None:
    """Cold build (after setting ``reset`` aside), no-change rebuild and one-edit rebuild.

    ``settle()``, after each build, waits for work the build left running in the background (ours saves
    its state in a process of its own after returning) and returns how long it waited: each timed build
    starts from a quiet machine, and the cold build's wait is reported on its own."""
    for folder in tool.reset:
        _set_aside(folder)
    cold, peak = _run(tool.command, tool.cwd)
    saved = tool.settle()
    no_change = _run(tool.command, tool.cwd)[0]
    tool.settle()
    _edit(tool.article, f"{tool.name} {n}")
    edit = _run(tool.command, tool.cwd)[0]
    tool.settle()
    tool.samples.append({"cold": cold, "saved": saved, "no_change": no_change, "edit": edit, "peak": peak})
    print(f"  {tool.name} run {n + 1}: cold {cold:.2f} s, no-change {no_change:.2f} s, one edit {edit:.2f} s",
          flush=True)


def _summary(tool: Tool) -> dict:
    """Medians of the runs, the peak memory of all and the output's size."""
    files, size = _size(tool.output)
    result = {key: _median([s[key] for s in tool.samples]) for key in ("cold", "saved", "no_change", "edit")}
    return result | {"peak": max(s["peak"] for s in tool.samples), "files": files, "bytes": size,
                     **{key: float("nan") for key in _SERVE}}


_SERVE = ("serve", "serve_title", "serve_add", "serve_remove", "serve_add_mid", "serve_remove_mid", "serve_redate")


def _state_saved(root: Path) -> float:
    """Wait until no background save of our build state holds its lock; seconds waited."""
    import fcntl

    started = time.perf_counter()
    for lock in (root / ".cache" / "build").glob("state-*.lock"):
        with open(lock, "a+b") as handle:
            fcntl.flock(handle, fcntl.LOCK_SH)
    return time.perf_counter() - started


def ours_tool(root: Path) -> Tool:
    """The README's workflow: a copy of this repository (its tracked files, as they are in the work tree)
    with the corpus in its ``content/articles``, built by its own ``build.py`` with no ``--root`` — the
    repository's ``templates/`` and ``static/`` are there, as a user's clone has them."""
    return Tool("ours", [sys.executable, "build.py", "build"], root, [root / ".cache", root / "public"],
                _middle(root / "content" / "articles"), root / "public", settle=lambda: _state_saved(root),
                serve=[sys.executable, "build.py", "serve"])


def base_tool(root: Path) -> Tool:
    """The README's workflow, as ``ours``, in a copy of the ``--base`` commit's tree."""
    tool = ours_tool(root)
    tool.name = "base"
    return tool


def ours_root_tool(root: Path) -> Tool:
    """A separate project folder (``build.py --root FOLDER``): content only, the default theme.  Run by the
    repository copy's ``build.py`` (made first, beside it): both rows time the same code, whatever happens
    to the work tree meanwhile."""
    command = [sys.executable, str(root.parent / "ours" / "build.py"), "--root", str(root)]
    return Tool("ours-root", command + ["build"], root, [root / ".cache", root / "public"],
                _middle(root / "content" / "articles"), root / "public", settle=lambda: _state_saved(root),
                serve=command + ["serve"])


def write_repository(records: list[dict], root: Path, commit: str | None = None) -> None:
    """This repository's tracked files (work-tree versions, or ``commit``'s) into ``root``, the corpus as its
    articles."""
    if commit is not None:
        archive = subprocess.run(["git", "archive", "--format=tar", commit], cwd=REPO, capture_output=True,
                                 check=True).stdout
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(root, filter="data",
                           members=[m for m in tar.getmembers() if not m.name.startswith(("tests/", "bench/", "docs/"))])
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True).stdout
    for name in tracked.decode().split("\0") if commit is None else ():
        source = REPO / name
        if name and source.is_file() and not name.startswith(("tests/", "bench/", "docs/")):
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, root / name)
    site = (root / "content" / "site.yaml").read_bytes()
    corpus.write_ours(records, root)
    (root / "content" / "site.yaml").write_bytes(site)  # the repository's own settings, as users have them
    # Bytecode compiled once, as `make` does at install (even where PYTHONDONTWRITEBYTECODE is set).
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(root / "generator")], check=True)


def _retitle(path: Path, marker: str) -> None:
    _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
    data = yaml.safe_load(front)
    data["title"] = f"{data['title'].split(' · ')[0]} · {marker}"
    path.write_text("---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\n" + body,
                    encoding="utf-8")


def _newest(path: Path, marker: str, date: str = "2030-01-01") -> str:
    """A copy of the article at ``path``, dated ``date`` (by default after every other one), titled with
    ``marker``."""
    _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
    data = yaml.safe_load(front)
    data["title"], data["date"] = f"Bài mới · {marker}", date
    return "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\n" + body


def bench_serve(command: list[str], root: Path, article: Path, runs: int) -> tuple[float, ...]:
    """Seconds from saving an edit to `serve` having written every page it changes (its "rebuilt" line,
    printed after the last file is on disk) — for a body edit and for a title edit, which changes every
    listing, feed and neighbour page showing the article; then for adding a newest article and removing it,
    and an article dated in the middle of the archive (2021-06-15: every later search id shifts by one)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    process = subprocess.Popen([*command, "--port", str(port)], cwd=root, stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True)
    rebuilt: "queue.Queue[tuple[float, str]]" = queue.Queue()

    def read() -> None:
        for line in process.stdout:  # type: ignore[union-attr]
            if line.startswith("rebuilt"):
                rebuilt.put((time.perf_counter(), line.strip()))
            elif line.startswith("build failed"):
                rebuilt.put((float("nan"), line.strip()))

    threading.Thread(target=read, daemon=True).start()
    def wait(what: str, started: float) -> float:
        done, report = rebuilt.get(timeout=600)
        while done == done and _began(done, report) < started - 0.05:
            # A rebuild begun before this edit was saved: a second file event of the edit before (one rebuild
            # writing nothing), not this edit's — reported before the save (taking it made a date moved back
            # read as -0.4 s) or after it, when that rebuild waited for a long one (0.1 s, at 100,000).
            done, report = rebuilt.get(timeout=600)
        if done != done:
            raise RuntimeError(f"serve could not build after {what}: {report}")
        # Each edit's latency beside the server's own report of that build (its time, files written),
        # so that an outlier shows whether the build or the wait for the file event took the time.
        print(f"  serve {what}: {done - started:.3f} s ({report})", flush=True)
        return done - started

    try:
        page = next((root / "public").rglob(f"{article.stem}/index.html"))
        print(f"  serve start: {rebuilt.get(timeout=900)[1]}", flush=True)  # the server's first build
        time.sleep(1.0)
        results = []
        for edit in (_edit, _retitle):
            latencies = []
            for n in range(runs):
                marker = f"serve {edit.__name__} {n} {time.time()}"
                started = time.perf_counter()
                edit(article, marker)
                latencies.append(wait(f"{edit.__name__.strip('_')} {n + 1}", started))
                if marker not in page.read_text(encoding="utf-8", errors="replace"):
                    raise RuntimeError("serve rebuilt but the article page does not show the edit")
                time.sleep(0.5)
            results.append(_median(latencies))
        for where, date in (("newest", "2030-01-01"), ("middle", "2021-06-15")):
            added, removed = [], []
            for n in range(runs):
                new = article.with_name(f"bench-{where}-{n}.md")
                marker = f"serve add {where} {n} {time.time()}"
                text = _newest(article, marker, date)
                started = time.perf_counter()
                new.write_text(text, encoding="utf-8")
                added.append(wait(f"add {where} {n + 1}", started))
                shown = list((root / "public").rglob(f"{new.stem}/index.html"))
                if not shown or marker not in shown[0].read_text(encoding="utf-8"):
                    raise RuntimeError("serve rebuilt but the new article has no page")
                time.sleep(0.5)
                started = time.perf_counter()
                new.unlink()
                removed.append(wait(f"remove {where} {n + 1}", started))
                if shown[0].exists():
                    raise RuntimeError("serve rebuilt but the removed article's page is still there")
                time.sleep(0.5)
            results += [_median(added), _median(removed)]
        redated = []
        for n in range(runs):  # a date edit by years, then back: the article moves past thousands of others
            original = article.read_text(encoding="utf-8")
            for text in (_newest(article, f"serve redate {n} {time.time()}", "2019-01-05"), original):
                started = time.perf_counter()
                article.write_text(text, encoding="utf-8")
                redated.append(wait(f"redate {len(redated) + 1}", started))
                time.sleep(0.5)
        return (*results, _median(redated))
    finally:
        process.terminate()
        process.wait(10)


def hugo_tool(root: Path) -> Tool | None:
    if not shutil.which("hugo"):
        return None
    return Tool("hugo", ["hugo", "--quiet"], root, [root / "public", root / "resources"],
                _middle(root / "content" / "posts"), root / "public")


def pelican_tool(root: Path) -> Tool | None:
    try:
        import pelican  # noqa: F401
    except ImportError:
        return None
    return Tool("pelican", [sys.executable, "-m", "pelican", "content", "-o", "out", "-s", "pelicanconf.py", "-q"],
                root, [root / "out", root / "cache"], _middle(root / "content"), root / "out")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workdir", type=Path)
    parser.add_argument("--base", metavar="COMMIT", help="also time this commit's tree (the row 'base')")
    parser.add_argument("--no-serve", action="store_true", help="builds only, not the preview's rebuilds")
    parser.add_argument("--tools", nargs="+", choices=["ours", "ours-root", "hugo", "pelican"],
                        default=["ours", "ours-root", "hugo", "pelican"],
                        help="which tools to time (default: all that are installed); ours: the README's workflow "
                             "in a copy of this repository; ours-root: a --root project folder")
    args = parser.parse_args(argv)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="build-bench-"))
    rows = []
    for size in args.sizes:
        target = workdir / str(size)
        if target.exists():
            shutil.rmtree(target)
        records = corpus.articles(size)
        write_repository(records, target / "ours")
        corpus.write_ours(records, target / "ours-root")
        corpus.write_hugo(records, target / "hugo")
        corpus.write_pelican(records, target / "pelican")
        makers = {"ours": ours_tool, "ours-root": ours_root_tool, "hugo": hugo_tool, "pelican": pelican_tool,
                  "base": base_tool}
        names = list(args.tools)
        if args.base:
            write_repository(records, target / "base", args.base)
            names.insert(1, "base")
        tools = [tool for tool in (makers[name](target / name) for name in names) if tool]
        # Each run goes round every tool in turn: this VM's speed drifts by tens of percent over minutes (the
        # hypervisor's "steal"), and a slow phase should fall on every tool alike, not on whichever ran then.
        for n in range(args.runs):
            for tool in tools:
                _one_run(tool, n)
        for tool in tools:
            result = _summary(tool)
            if tool.serve and not args.no_serve:
                result.update(zip(_SERVE, bench_serve(tool.serve, tool.cwd, tool.article, args.runs)))
            rows.append((size, tool.name, result))
            print(f"{size} {tool.name}: {result}", flush=True)
    for size in args.sizes:  # deleted only now (see _set_aside)
        shutil.rmtree(workdir / str(size) / ".trash", ignore_errors=True)
    print(f"\n{'articles':>8} {'tool':9} {'cold s':>7} {'+ save s':>8} {'no-change s':>11} {'1 edit s':>9} "
          f"{'serve body s':>12} {'serve title s':>13} {'serve add s':>11} {'serve remove s':>14} "
          f"{'add mid s':>9} {'remove mid s':>12} {'redate s':>8} {'peak MiB':>9} {'files':>7} {'MB':>7}")
    for size, name, r in rows:
        r = {**dict.fromkeys(_SERVE, float("nan")), **r}  # (--no-serve)
        print(f"{size:>8} {name:9} {r['cold']:7.2f} {r['saved']:8.2f} {r['no_change']:11.2f} {r['edit']:9.2f} "
              f"{r['serve']:12.2f} {r['serve_title']:13.2f} {r['serve_add']:11.2f} {r['serve_remove']:14.2f} "
              f"{r['serve_add_mid']:9.2f} {r['serve_remove_mid']:12.2f} {r['serve_redate']:8.2f} "
              f"{r['peak']:9} {r['files']:7} {r['bytes']/1e6:7.1f}")
    print("(+ save: after our cold build returned, until its state was saved in the background)")
    ours = {size: r for size, name, r in rows if name == "ours"}
    for size, name, r in rows:
        if name not in ("ours", "ours-root") and size in ours:  # (base: base / ours)
            print(f"{size}: {name} cold / ours cold = {r['cold'] / ours[size]['cold']:.2f}; "
                  f"{name} 1-edit / ours 1-edit = {r['edit'] / ours[size]['edit']:.2f}")
    print(f"(work folder: {workdir}; {os.cpu_count()} cores)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
