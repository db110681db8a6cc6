#!/usr/bin/env python3
"""Main-text extractors side by side on saved Vietnamese news pages.

    python bench/html_extractors.py                 # the pages of tests/data/html
    python bench/html_extractors.py --pages DIR     # another folder with an expected.yaml of the same shape

For each article page of ``expected.yaml``: how many of the sentences its body must keep are kept
(``body_contains``), how many of the page's furniture lines that must go are left in (``body_excludes``:
related headlines, hotlines, share buttons, comments, cookie banners), and the time per page.  Extractors:
the importer's own reading (``html.read_html``: trafilatura plus our lead, subheading and byline handling),
trafilatura alone, readability-lxml and jusText (Vietnamese stop list) when installed — the latter two are
not dependencies of the project: ``pip install readability-lxml`` to include it.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def ours(data: bytes) -> str:
    from generator.importer.html import read_html
    return read_html(data, "page")[0]


def trafilatura_alone(data: bytes) -> str:
    import trafilatura
    return trafilatura.extract(data, include_comments=False) or ""


def readability(data: bytes) -> str:
    import lxml.html
    from readability import Document
    return lxml.html.fromstring(Document(data).summary()).text_content()


def justext_vi(data: bytes) -> str:
    import justext
    return "\n".join(p.text for p in justext.justext(data, justext.get_stoplist("Vietnamese")) if not p.is_boilerplate)


EXTRACTORS = {"ours (trafilatura+)": ours, "trafilatura": trafilatura_alone, "readability-lxml": readability,
              "jusText": justext_vi}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=Path, default=REPO / "tests" / "data" / "html")
    args = parser.parse_args(argv)
    expected = yaml.safe_load((args.pages / "expected.yaml").read_text(encoding="utf-8"))
    pages = {name: (args.pages / name).read_bytes() for name, want in expected.items() if want["article"]}
    kept_total = sum(len(expected[name]["body_contains"]) for name in pages)
    furniture_total = sum(len(expected[name]["body_excludes"]) for name in pages)
    print(f"{len(pages)} article pages: {kept_total} sentences to keep, {furniture_total} furniture lines to drop")
    print(f"{'extractor':22} {'kept':>10} {'furniture left':>15} {'ms/page':>8}")
    for label, extractor in EXTRACTORS.items():
        kept = left = 0
        started = time.perf_counter()
        try:
            texts = {name: extractor(data) for name, data in pages.items()}
        except ImportError as exc:
            print(f"{label:22} (not installed: {exc.name})")
            continue
        elapsed = (time.perf_counter() - started) / len(pages) * 1000
        for name, text in texts.items():
            flat = " ".join(text.split())
            kept += sum(" ".join(s.split()) in flat for s in expected[name]["body_contains"])
            left += sum(" ".join(s.split()) in flat for s in expected[name]["body_excludes"])
        print(f"{label:22} {kept:4}/{kept_total:<5} {left:9}/{furniture_total:<5} {elapsed:8.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
