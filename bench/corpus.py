#!/usr/bin/env python3
"""A deterministic N-article corpus for build benchmarks, in our format and in Hugo's and Pelican's.

    python bench/corpus.py 10000 DIR

Articles are made of the seed articles' real paragraphs (3–15 each, 2–15 KB),
dated over 2019–2024, with ~200 tags, ~40 speakers and the 63 provinces.
Writes DIR/ours/content/articles, DIR/hugo (a Hugo site) and DIR/pelican
(a Pelican project), all with the same articles and taxonomies.
"""
from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator.lang.gazetteer import provinces  # noqa: E402

SURNAMES = "Nguyễn Trần Lê Phạm Hoàng Phan Vũ Đặng Bùi Đỗ".split()
MIDDLE = "Văn Thị Minh Quốc Thanh Đức Hữu Ngọc".split()
GIVEN = "Sơn Lâm Long Hùng Dũng Tuấn Hạnh Thắng Phong Giang".split()
RANKS = ["Thượng tướng", "Trung tướng", "Thiếu tướng", "Đại tá", "Bộ trưởng", "Thứ trưởng", "Giám đốc"]


def _paragraphs() -> list[str]:
    paragraphs = []
    for raw in sorted((REPO / "content" / "raw").glob("*.txt")):
        paragraphs += [p.strip() for p in raw.read_text(encoding="utf-8").split("\n\n") if len(p.strip()) > 120]
    return paragraphs


def articles(count: int, seed: int = 20211122) -> list[dict]:
    """``count`` article records (title, date, tags, speaker, location, body), the same for a given seed."""
    rng = random.Random(seed)
    paragraphs = _paragraphs()
    tags = [f"Chủ đề {n:03d}" for n in range(200)]
    speakers = sorted({f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}" for _ in range(60)})[:40]
    places = [p.name for p in provinces()]
    start = dt.date(2019, 1, 1)
    records = []
    for number in range(count):
        body: list[str] = []
        while len("\n\n".join(body).encode()) < 2000 or len(body) < 3:
            body.append(rng.choice(paragraphs))
        while len(body) < 15 and len("\n\n".join(body).encode()) < rng.randint(2000, 15000):
            body.append(rng.choice(paragraphs))
        speaker = rng.choice(speakers)
        records.append({
            "title": f"{rng.choice(RANKS)} {speaker}: {body[0][:60].rsplit(' ', 1)[0]} ({number})",
            "date": start + dt.timedelta(days=rng.randrange(6 * 365)),
            "tags": sorted(rng.sample(tags, rng.randint(1, 4))),
            "speaker": speaker,
            "location": rng.choice(places),
            "body": "\n\n".join(body[:15]),
            "slug": f"bai-{number:05d}",
        })
    return records


def write_ours(records: list[dict], root: Path) -> None:
    folder = root / "content" / "articles"
    folder.mkdir(parents=True, exist_ok=True)
    (root / "content" / "site.yaml").write_text("title: Benchmark\nbase_url: https://example.org/\n", encoding="utf-8")
    for r in records:
        front = {"title": r["title"], "date": r["date"], "speaker": r["speaker"], "location": r["location"],
                 "tags": r["tags"], "summary": r["body"][:200]}
        text = "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n" + r["body"] + "\n"
        (folder / f"{r['slug']}.md").write_text(text, encoding="utf-8")


def write_hugo(records: list[dict], root: Path) -> None:
    folder = root / "content" / "posts"
    folder.mkdir(parents=True, exist_ok=True)
    (root / "config.yaml").write_text(
        "baseURL: https://example.org/\nlanguageCode: vi\ntitle: Benchmark\n"
        "taxonomies: {tag: tags, speaker: speakers, location: locations}\n"
        "disableKinds: []\n", encoding="utf-8")
    layouts = root / "layouts" / "_default"
    layouts.mkdir(parents=True, exist_ok=True)
    (layouts / "baseof.html").write_text('<!doctype html><html lang="vi"><head><meta charset="utf-8">'
                                         "<title>{{ .Title }}</title></head><body>{{ block \"main\" . }}{{ end }}"
                                         "</body></html>", encoding="utf-8")
    (layouts / "single.html").write_text('{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}'
                                         "{{ range .Params.tags }}<a href=\"/tags/{{ . | urlize }}/\">{{ . }}</a>"
                                         "{{ end }}{{ end }}", encoding="utf-8")
    (layouts / "list.html").write_text('{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Paginator.Pages }}'
                                       '<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>'
                                       "{{ end }}", encoding="utf-8")
    (layouts / "terms.html").write_text('{{ define "main" }}<ul>{{ range .Data.Terms.ByCount }}<li>{{ .Name }} '
                                        "({{ .Count }})</li>{{ end }}</ul>{{ end }}", encoding="utf-8")
    for r in records:
        front = {"title": r["title"], "date": r["date"].isoformat(), "tags": r["tags"], "speakers": [r["speaker"]],
                 "locations": [r["location"]]}
        (folder / f"{r['slug']}.md").write_text("---\n" + yaml.safe_dump(front, allow_unicode=True) + "---\n"
                                                + r["body"] + "\n", encoding="utf-8")


def write_pelican(records: list[dict], root: Path) -> None:
    folder = root / "content"
    folder.mkdir(parents=True, exist_ok=True)
    (root / "pelicanconf.py").write_text(
        "AUTHOR = 'Bench'\nSITENAME = 'Benchmark'\nSITEURL = ''\nPATH = 'content'\nTIMEZONE = 'UTC'\n"
        "DEFAULT_LANG = 'vi'\nDEFAULT_PAGINATION = 10\nFEED_ALL_ATOM = 'feeds/all.atom.xml'\n"
        "TAG_FEED_ATOM = 'feeds/{slug}.tag.atom.xml'\nARCHIVES_SAVE_AS = 'archives.html'\n"
        "YEAR_ARCHIVE_SAVE_AS = 'posts/{date:%Y}/index.html'\nMONTH_ARCHIVE_SAVE_AS = 'posts/{date:%Y}/{date:%m}/index.html'\n"
        "CACHE_CONTENT = True\nLOAD_CONTENT_CACHE = True\n", encoding="utf-8")
    for r in records:
        # Pelican has one author per article and one category: speaker → author, location → category.
        meta = (f"Title: {r['title']}\nDate: {r['date'].isoformat()}\nTags: {', '.join(r['tags'])}\n"
                f"Author: {r['speaker']}\nCategory: {r['location']}\nSlug: {r['slug']}\n\n")
        (folder / f"{r['slug']}.md").write_text(meta + r["body"] + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    if len(args) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    count, target = int(args[0]), Path(args[1])
    records = articles(count)
    write_ours(records, target / "ours")
    write_hugo(records, target / "hugo")
    write_pelican(records, target / "pelican")
    print(f"wrote {count} articles into {target}/ours, {target}/hugo and {target}/pelican")
    return 0


if __name__ == "__main__":
    sys.exit(main())
