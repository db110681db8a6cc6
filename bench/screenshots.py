#!/usr/bin/env python3
"""Screenshots of the seed site at phone and desktop width, for docs/screenshots/.

    python bench/screenshots.py [--out docs/screenshots] [--full-page] [--dark]

Imports the repository's seed texts (content/raw) and builds the site in a
temporary folder (never in content/ or public/), opens each page from file:// in
Debian's Chromium and saves NAME-WIDTH.png (home-375.png, article-1280.png …);
with --dark the colour scheme is dark and the names end in -dark.  The pages
are the ones tests/test_quality.py checks with axe-core and for overflow.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator.cli import main as cli  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
WIDTHS = (375, 1280)
HEIGHT = {375: 812, 1280: 900}
PAGES = {
    "home": "index.html",
    "article": "2021/08/luc-luong-cong-an-nhan-dan-tich-cuc-phong-chong-dich-covid-19-bao-dam-an-ninh/index.html",
    "tag": "tags/covid-19/index.html",
    "speaker": "speakers/to-lam/index.html",
    "archive": "archive/index.html",
    "search": "search/index.html?q=to%20lam",
}


def build_seed_site(root: Path) -> Path:
    content = root / "content"
    content.mkdir(parents=True)
    shutil.copytree(REPO / "content" / "raw", content / "raw")
    for name in ("site.yaml", "tags.yaml", "glossary.yaml"):
        shutil.copy(REPO / "content" / name, content / name)
    for command in ("import", "build"):
        if cli(["--root", str(root), command]) != 0:
            raise SystemExit(f"{command} failed")
    return root / "public"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    parser.add_argument("--full-page", action="store_true", help="the whole page, not the first screen")
    parser.add_argument("--dark", action="store_true", help="prefers-color-scheme: dark")
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="screenshots-") as tmp:
        public = build_seed_site(Path(tmp) / "site")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                for width in WIDTHS:
                    context = browser.new_context(viewport={"width": width, "height": HEIGHT[width]},
                                                  color_scheme="dark" if args.dark else "light")
                    page = context.new_page()
                    for name, rel in PAGES.items():
                        page.goto(public.as_uri() + "/" + rel)
                        page.wait_for_load_state("load")
                        if name == "search":
                            page.wait_for_function(
                                "() => /\\d+ kết quả/.test("
                                "(document.getElementById('search-status') || {}).textContent || '')")
                        path = args.out / f"{name}-{width}{'-dark' if args.dark else ''}.png"
                        page.screenshot(path=str(path), full_page=args.full_page)
                        print(path.relative_to(REPO) if path.is_relative_to(REPO) else path)
                    context.close()
            finally:
                browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
