#!/usr/bin/env python3
"""Byte-for-byte comparison of this checkout's output with another commit's, through incremental changes.

    python bench/compare_outputs.py BASE_COMMIT            # the seed site and a 1,000-article site
    python bench/compare_outputs.py HEAD~1 --sizes 200
    python bench/compare_outputs.py BASE --code-only 'static/search/*.js'   # their comments may differ

For a change that must not change behaviour (a refactor): the other commit is
unpacked (``git archive``) into a temporary folder; each site is built by both
checkouts, each in its own copy of the project, then both copies go through the
same incremental changes — edit, add, delete, rename, a date move, a tag change,
a template, ``site.yaml`` — and are built again after each.  After every step
the two outputs (and, for the seed site, the imported articles) must be
identical.  Prints one line per step; exits 1 at the first difference.
``--code-only`` names script files (globs, in the output) compared with their
comments removed: a refactor that moves the Python files a script's header
comment names changes those comments and nothing else.
"""
from __future__ import annotations

import argparse
import fnmatch
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import corpus  # noqa: E402  (bench/corpus.py)


def _unpack(commit: str, target: Path) -> Path:
    data = subprocess.run(["git", "archive", "--format=tar", commit], cwd=REPO, capture_output=True,
                          check=True).stdout
    with tarfile.open(fileobj=BytesIO(data)) as archive:
        archive.extractall(target, filter="data")
    return target


_JS_COMMENT = re.compile(rb"/\*.*?\*/|(?<![:\\\w\"'])//[^\n]*", re.S)


def _tree(folder: Path, code_only: tuple[str, ...] = ()) -> dict[str, bytes]:
    tree = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            relpath = path.relative_to(folder).as_posix()
            data = path.read_bytes()
            if any(fnmatch.fnmatch(relpath, pattern) for pattern in code_only):
                data = _JS_COMMENT.sub(b"", data)
            tree[relpath] = data
    return tree


def _run(checkout: Path, root: Path, *args: str) -> None:
    result = subprocess.run([sys.executable, str(checkout / "build.py"), "--root", str(root), *args],
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"{checkout.name}: build.py {' '.join(args)} failed in {root}:\n{result.stderr[-2000:]}")


def _nth(root: Path, n: int) -> Path:
    """The ``n``-th article file (by path, counting round: a seed site has five)."""
    articles = sorted((root / "content" / "articles").rglob("*.md"))
    return articles[n % len(articles)]


def _sub(path: Path, pattern: str, replacement: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(pattern, replacement, text, count=1, flags=re.M), encoding="utf-8")


# The incremental changes, each applied to a project root (the same way to both copies).
CHANGES = {
    "edit": lambda root: _sub(_nth(root, 0), r"\n---\n", "\n---\nĐoạn mới thêm vào.\n\n"),
    "add": lambda root: shutil.copy(_nth(root, 1), _nth(root, 1).with_name("ban-sao-moi.md")),
    "delete": lambda root: _nth(root, 2).unlink(),
    "rename": lambda root: _nth(root, 3).rename(_nth(root, 3).with_name("ten-moi-cua-bai.md")),
    "date move": lambda root: _sub(_nth(root, 4), r"^date: .*$", "date: 2019-01-05"),
    "tag change": lambda root: _sub(_nth(root, 5), r"^tags: .*$", "tags: [Chủ đề mới, An ninh trật tự]"),
    "template": lambda root: (root / "templates").mkdir(exist_ok=True) or (root / "templates" / "home.html")
    .write_text('{% extends "base.html" %}{% block content %}<p>Trang chủ riêng</p>{% endblock %}\n',
                encoding="utf-8"),
    "site.yaml": lambda root: (root / "content" / "site.yaml").write_text(
        "title: Kho so sánh\nbase_url: https://example.org/so-sanh/\npage_size: 7\n", encoding="utf-8"),
}


def compare(name: str, project: Path, base: Path, work: Path, import_first: bool, code_only: tuple[str, ...] = ()
            ) -> bool:
    """Build ``project`` with both checkouts through every change; True when every step was identical."""
    copies = {}
    for label, checkout in (("base", base), ("head", REPO)):
        root = work / name / label
        shutil.copytree(project, root)
        copies[label] = (checkout, root)
    steps = ["import"] if import_first else []
    steps += ["build", *CHANGES]
    for step in steps:
        for checkout, root in copies.values():
            if step in CHANGES:
                CHANGES[step](root)
            _run(checkout, root, "import" if step == "import" else "build")
        (_, a), (_, b) = copies.values()
        folder = "content/articles" if step == "import" else "public"
        left, right = _tree(a / folder, code_only), _tree(b / folder, code_only)
        differ = sorted(path for path in left.keys() | right.keys() if left.get(path) != right.get(path))
        print(f"  {name:12} {step:11} {'identical' if not differ else f'{len(differ)} files differ: {differ[:5]}'}"
              f" ({len(right)} files)", flush=True)
        if differ:
            return False
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("base", help="the commit to compare with (for a refactor: the one before it)")
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000], help="generated sites (bench/corpus.py)")
    parser.add_argument("--code-only", nargs="*", default=[], metavar="GLOB",
                        help="output files compared with their comments removed (e.g. 'static/search/*.js')")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="compare-outputs-") as temp:
        work = Path(temp)
        base = _unpack(args.base, work / "base-checkout")
        seeds = work / "projects" / "seeds"
        (seeds / "content").mkdir(parents=True)
        shutil.copytree(REPO / "content" / "raw", seeds / "content" / "raw")
        for name in ("site.yaml", "tags.yaml", "glossary.yaml"):
            shutil.copy(REPO / "content" / name, seeds / "content" / name)
        sites = [("seeds", seeds, True)]
        for size in args.sizes:
            corpus.write_ours(corpus.articles(size), work / "projects" / str(size))
            sites.append((f"{size} articles", work / "projects" / str(size), False))
        print(f"comparing the output of this checkout with {args.base}:")
        ok = all(compare(name, project, base, work / "runs", imported, tuple(args.code_only))
                 for name, project, imported in sites)
    print("identical at every step" if ok else "the outputs differ")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
