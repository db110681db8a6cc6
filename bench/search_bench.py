#!/usr/bin/env python3
"""Search benchmark: our chunked index against Pagefind on the same real articles.

    python bench/search_bench.py                      # 1,000 and 10,000 articles
    python bench/search_bench.py --sizes 1000 --no-pagefind

For each size it imports the first N articles of the benchmark corpus (unpacked
into a temporary folder, never into the repository), builds the site, runs
Pagefind over a copy of it (article bodies marked ``data-pagefind-body``), and
drives both in Chromium with a fixed mix of 20 queries.  Pagefind is npm's (``PAGEFIND_NPM``, installed into
the work folder) when npm is there, else PyPI's ``pagefind[bin]``; the run prints its version.  It reports index size
on disk, number of parts, bytes downloaded per query (median and max, as
served, without HTTP compression, search scripts included) and time from typing
to results, cold and with the parts cached.
"""
from __future__ import annotations

import argparse
import functools
import http.server
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator.project import Project  # noqa: E402
from generator.build.pipeline import build  # noqa: E402
from generator.importer.pipeline import run_import  # noqa: E402

QUERIES = [
    "Nguyễn Xuân Phúc", "nguyen xuan phuc", "Trump", "Hà Nội", "ha noi", "Đà Nẵng", "da nang",
    "giao thông", "bóng đá", "gia vang", "của", "người dân", '"thủ tướng chính phủ"', '"tai nạn giao thông"',
    "nguy", "thanh pho h", "Quốc hội", "an toàn thực phẩm", "Việt Nam", "hoc sinh",
]
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
PAGEFIND_PAGE = """<!doctype html><meta charset="utf-8"><title>pf</title><script type="module">
window.runQuery = async (q) => {
  const started = performance.now();
  window.pf = window.pf || await import("./pagefind/pagefind.js");
  const search = await window.pf.search(q);
  const data = await Promise.all(search.results.slice(0, 10).map(r => r.data()));
  return {count: search.results.length, ms: performance.now() - started, titles: data.map(d => d.meta.title)};
};
window.ready = true;
</script>"""


def _serve(folder: Path):
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def end_headers(self):
            self.send_header("Cache-Control", "max-age=3600")
            super().end_headers()

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def _folder_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


def prepare_corpus(archive: Path, workdir: Path) -> Path:
    """Unpack the corpus once into the work folder."""
    target = workdir / "corpus"
    if not (target / "vnnews").is_dir():
        target.mkdir(parents=True, exist_ok=True)
        with tarfile.open(archive) as tar:
            tar.extractall(target, filter="data")
    return target / "vnnews"


def build_site(corpus: Path, workdir: Path, size: int, reuse: bool = False) -> tuple[Path, float, float]:
    """Import the first ``size`` corpus articles and build; returns (public, import s, build s).

    With ``reuse``, articles imported by an earlier run in the same work folder are kept.
    """
    root = workdir / f"site-{size}"
    if reuse and (root / "content" / "articles").is_dir():
        started = time.perf_counter()
        build(Project(root))
        return root / "public", 0.0, time.perf_counter() - started
    if root.exists():
        shutil.rmtree(root)
    raw = root / "content" / "raw"
    raw.mkdir(parents=True)
    for path in sorted(corpus.glob("*.txt"))[:size]:
        shutil.copy(path, raw / path.name)
    for name in ("site.yaml", "tags.yaml", "glossary.yaml"):
        shutil.copy(REPO / "content" / name, root / "content" / name)
    started = time.perf_counter()
    run_import(root / "content", log=lambda *_: None)
    imported = time.perf_counter()
    build(Project(root))
    return root / "public", imported - started, time.perf_counter() - imported


def pagefind_copy(public: Path, workdir: Path) -> Path | None:
    """A copy of the site indexed by Pagefind (article bodies only), or None when it is missing."""
    target = workdir / (public.parent.name + "-pagefind")
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(public, target)
    for page in target.rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        if '<article class="article">' in html:
            page.write_text(html.replace('<article class="article">', '<article class="article" data-pagefind-body>'),
                            encoding="utf-8")
    (target / "pf.html").write_text(PAGEFIND_PAGE, encoding="utf-8")
    result = subprocess.run([*pagefind_command(workdir), "--site", str(target)], capture_output=True, text=True)
    if result.returncode != 0:
        print(result.stderr[-2000:], file=sys.stderr)
        return None
    return target


PAGEFIND_NPM = "pagefind@1.6.0"


@functools.lru_cache(maxsize=1)
def pagefind_command(workdir: Path) -> list[str]:
    """Pagefind from npm (``PAGEFIND_NPM``, installed into the work folder, not the repository) when npm is
    there, else PyPI's ``pagefind[bin]``; its version is printed."""
    tools = workdir / "pagefind-npm"
    binary = tools / "node_modules" / ".bin" / "pagefind"
    if not binary.exists() and shutil.which("npm"):
        tools.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--loglevel=error", "--prefix", str(tools),
                        PAGEFIND_NPM], capture_output=True, text=True)
    command = [str(binary)] if binary.exists() else [sys.executable, "-m", "pagefind"]
    version = subprocess.run([*command, "--version"], capture_output=True, text=True).stdout.strip()
    print(f"Pagefind: {version or 'not found'} ({'npm' if binary.exists() else 'PyPI'})", flush=True)
    return command


def _fresh_page(browser, url: str, counted: str):
    """A page in a new context (empty cache) and the list that collects bytes of responses under ``counted``."""
    context = browser.new_context()
    page = context.new_page()
    sizes: list[int] = []
    page.on("requestfinished", lambda r: sizes.append(r.sizes()["responseBodySize"] if counted in r.url else 0))
    page.goto(url)
    return context, page, sizes


def _measure_ours(browser, base: str) -> list[dict]:
    rows = []
    for query in QUERIES:
        context, page, sizes = _fresh_page(browser, base + "search/index.html", "/search/")
        page.wait_for_function("document.getElementById('search-status').textContent.includes('Nhập')")
        cold = _type(page, query)
        warm = _type(page, query)
        count = page.evaluate("document.querySelectorAll('#search-results > li').length")
        status = page.text_content("#search-status")
        rows.append({"query": query, "bytes": sum(sizes), "cold_ms": cold, "warm_ms": warm, "shown": count,
                     "status": status})
        context.close()
    return rows


def _type(page, query: str) -> float:
    page.evaluate("document.getElementById('search-q').value = ''; document.documentElement"
                  ".removeAttribute('data-search-ms'); document.getElementById('search-status').textContent = ''")
    started = page.evaluate("performance.now()")
    page.evaluate("q => { const i = document.getElementById('search-q'); i.value = q;"
                  " i.dispatchEvent(new Event('input')); }", query)
    page.wait_for_function("document.documentElement.hasAttribute('data-search-ms') ||"
                           " document.getElementById('search-status').textContent.startsWith('Không')", timeout=60000)
    return page.evaluate("performance.now()") - started


def _measure_pagefind(browser, base: str) -> list[dict]:
    rows = []
    for query in QUERIES:
        context, page, sizes = _fresh_page(browser, base + "pf.html", "/pagefind/")
        page.wait_for_function("window.ready === true")
        cold = page.evaluate("q => window.runQuery(q)", query)
        warm = page.evaluate("q => window.runQuery(q)", query)
        page.wait_for_timeout(50)
        rows.append({"query": query, "bytes": sum(sizes), "cold_ms": cold["ms"], "warm_ms": warm["ms"],
                     "shown": len(cold["titles"]), "count": cold["count"]})
        context.close()
    return rows


def _summary(rows: list[dict]) -> dict:
    sizes = [r["bytes"] for r in rows]
    return {"median_bytes": statistics.median(sizes), "max_bytes": max(sizes),
            "cold_ms": statistics.median(r["cold_ms"] for r in rows),
            "warm_ms": statistics.median(r["warm_ms"] for r in rows),
            "max_warm_ms": max(r["warm_ms"] for r in rows)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus" / "vnnews-12k.tar.xz")
    parser.add_argument("--workdir", type=Path, help="reuse a work folder (default: a new temporary one)")
    parser.add_argument("--no-pagefind", action="store_true")
    parser.add_argument("--reuse", action="store_true", help="keep articles imported by an earlier run (--workdir)")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every query")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="search-bench-"))
    corpus = prepare_corpus(args.corpus, workdir)
    table = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for size in args.sizes:
            public, import_s, build_s = build_site(corpus, workdir, size, args.reuse)
            ours_bytes, ours_files = _folder_size(public / "search")
            script_bytes, _ = _folder_size(public / "static" / "search")
            server, base = _serve(public)
            ours = _measure_ours(browser, base)
            server.shutdown()
            table.append((size, "ours", ours_bytes + script_bytes, ours_files, _summary(ours), import_s, build_s))
            if args.verbose:
                for row in ours:
                    print(f"  ours {size} {row['query']!r:28} {row['bytes']/1024:7.1f} KB "
                          f"cold {row['cold_ms']:6.1f} ms warm {row['warm_ms']:5.1f} ms  {row['status']}")
            if not args.no_pagefind:
                indexed = pagefind_copy(public, workdir)
                if indexed:
                    pf_bytes, pf_files = _folder_size(indexed / "pagefind")
                    server, base = _serve(indexed)
                    pagefind = _measure_pagefind(browser, base)
                    server.shutdown()
                    table.append((size, "pagefind", pf_bytes, pf_files, _summary(pagefind), None, None))
                    if args.verbose:
                        for row in pagefind:
                            print(f"  pagefind {size} {row['query']!r:28} {row['bytes']/1024:7.1f} KB "
                                  f"cold {row['cold_ms']:6.1f} ms warm {row['warm_ms']:5.1f} ms  {row['count']} hits")
        browser.close()
    print(f"\n{'articles':>8} {'engine':9} {'index MB':>9} {'parts':>6} {'median KB/q':>11} {'max KB/q':>9} "
          f"{'cold ms':>8} {'cached ms':>9} {'max cached':>10}")
    for size, engine, total, files, s, _, _ in table:
        print(f"{size:>8} {engine:9} {total/1e6:9.1f} {files:>6} {s['median_bytes']/1024:11.1f} "
              f"{s['max_bytes']/1024:9.1f} {s['cold_ms']:8.1f} {s['warm_ms']:9.1f} {s['max_warm_ms']:10.1f}")
    for size, engine, _, _, _, import_s, build_s in table:
        if import_s is not None:
            print(f"{size} articles: import {import_s:.1f} s, build {build_s:.1f} s")
    print(f"(work folder: {workdir})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
