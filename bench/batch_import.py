#!/usr/bin/env python3
"""Batch import benchmark: the benchmark corpus as one batch file (its TSV's rows joined with the texts).

    python bench/batch_import.py                       # 10,000 rows as JSON Lines
    python bench/batch_import.py --rows 12000 --format csv
    python bench/batch_import.py --rows 12000 --repeat 3   # a ~100 MB batch: memory stays bounded
    python bench/batch_import.py --format html          # each row as a saved page instead (one file each)

Writes, in a temporary folder (never the repository), a project whose ``content/raw/`` holds one batch
file of ``vnnews-12k``: per row the file name as ``id``, the TSV's ``date``, ``url`` and ``title``, and the
text without its headline line — the shape a scraper's export has.  Then times ``build.py import`` as a new
process (wall time, peak memory of the process and its workers) and checks the articles it wrote: how many
have a date, and whether each is the row's date or an event date the text itself states (its day and month
written in the text, ``13/9`` or ``13 tháng 9``, or "yesterday" for the day before the row's date).
"""
from __future__ import annotations

import argparse
import csv
import datetime as _dt
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))

from build_bench import \
    _MEASURE  # noqa: E402  (runs a command, prints its exit code and peak RSS)
from import_bench import unpack  # noqa: E402


def corpus_rows(corpus: Path, tsv: Path, folder: Path, count: int) -> list[dict]:
    """The first ``count`` rows of the corpus: id, date, url, title and the text after its headline."""
    texts = unpack(corpus, folder)
    rows = []
    with open(tsv, encoding="utf-8", newline="") as handle:
        for record in csv.DictReader(handle, delimiter="\t"):
            if len(rows) == count:
                break
            text = (texts / record["file"]).read_text(encoding="utf-8")
            body = text.split("\n", 1)[1].lstrip("\n") if "\n" in text else text
            rows.append({"id": record["file"].removesuffix(".txt"), "date": record["date"], "url": record["url"],
                         "title": record["title"], "text": body})
    return rows


_PAGE = """<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>{title} - Báo Mới</title>
<meta property="og:type" content="article"><meta property="og:title" content="{title}">
<meta property="og:site_name" content="Báo Mới"><link rel="canonical" href="{url}">
<script type="application/ld+json">{ld}</script>
<style>body{{font-family:Arial}} .menu a{{margin:4px}}</style></head>
<body><header><div class="logo"><a href="/">Báo Mới</a></div><div class="today">Thứ Hai, 07/12/2026</div>
<nav class="menu"><a href="/">Trang chủ</a><a href="/xa-hoi">Xã hội</a><a href="/the-gioi">Thế giới</a>
<a href="/kinh-te">Kinh tế</a><a href="/giao-duc">Giáo dục</a><a href="/the-thao">Thể thao</a></nav></header>
<main><article><h1 class="article-title">{title}</h1><div class="meta"><time datetime="{date}">{shown}</time></div>
<div class="article-body">{body}</div>
<div class="share"><a href="#">Chia sẻ Facebook</a> <a href="#">Zalo</a></div></article>
<aside><h3>Tin liên quan</h3><ul>{related}</ul></aside></main>
<footer><p>Giấy phép số 000/GP-BTTTT. Đường dây nóng: 0900 000 000.</p><p>© Báo Mới</p></footer>
</body></html>
"""


def write_pages(rows: list[dict], raw: Path) -> None:
    """Each row as a saved page in a news site's markup (menu, related headlines, share bar, footer)."""
    from html import escape
    raw.mkdir(parents=True, exist_ok=True)
    for n, row in enumerate(rows):
        paragraphs = "".join(f"<p>{escape(p)}</p>" for p in row["text"].split("\n\n") if p.strip())
        related = "".join(f'<li><a href="/a/{m}.epi">{escape(rows[m]["title"])}</a></li>'
                          for m in range(n + 1, min(n + 6, len(rows))))
        date = _dt.date.fromisoformat(row["date"])
        ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": row["title"],
                         "datePublished": f"{row['date']}T08:00:00+07:00", "url": row["url"]},
                        ensure_ascii=False).replace("</", "<\\/")
        (raw / f"{row['id']}.html").write_text(_PAGE.format(
            title=escape(row["title"]), url=escape(row["url"]), ld=ld, date=row["date"],
            shown=f"{date.day:02d}/{date.month:02d}/{date.year} 08:00", body=paragraphs, related=related),
            encoding="utf-8")


def write_batch(rows: list[dict], raw: Path, kind: str, repeat: int) -> Path:
    """One batch file of the rows (``repeat`` times, with distinct ids), as JSON Lines, CSV or TSV."""
    raw.mkdir(parents=True, exist_ok=True)
    path = raw / f"vnnews.{kind}"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        columns = ["id", "date", "url", "title", "text"]
        writer = csv.writer(handle) if kind == "csv" else None
        if kind == "csv":
            writer.writerow(columns)
        elif kind == "tsv":
            handle.write("\t".join(columns) + "\n")
        for copy in range(repeat):
            for row in rows:
                row = dict(row, id=f"{row['id']}-{copy}" if copy else row["id"])
                if kind == "jsonl":
                    handle.write(json.dumps(row, ensure_ascii=False) + "\n")
                elif kind == "csv":
                    writer.writerow([row[c] for c in columns])
                else:
                    handle.write("\t".join(row[c].replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
                                           for c in columns) + "\n")
    return path


_DAY_MONTH = "(?<![\\d/.-]){d}\\s*[/.-]\\s*0?{m}(?![\\d])|(?<![\\d]){d}\\s+tháng\\s+0?{m}(?![\\d])"


_YESTERDAY = re.compile(r"\b(?:hôm|sáng|trưa|chiều|tối|đêm) qua\b", re.IGNORECASE)


def stated_in_text(date: _dt.date, text: str, row_date: str) -> bool:
    """Whether the text writes this day and month — or "yesterday" (``tối qua``) for the day before the
    row's date."""
    pattern = _DAY_MONTH.format(d=f"0?{date.day}", m=date.month)
    if re.search(pattern, text, re.IGNORECASE):
        return True
    return (_dt.date.fromisoformat(row_date) - date).days == 1 and _YESTERDAY.search(text) is not None


def check(site: Path, rows: dict[str, dict], show: int = 0) -> dict[str, int]:
    """Counts over the written articles: dated, the row's date, an event date of the text, other (the
    first ``show`` of those printed)."""
    counts = {"articles": 0, "dated": 0, "row date": 0, "text's date": 0, "other": 0}
    for path in (site / "content" / "articles").rglob("*.md"):
        head = path.read_text(encoding="utf-8").split("\n---", 1)[0].removeprefix("---\n")
        front = yaml.safe_load(head)
        counts["articles"] += 1
        date = front.get("date")
        if not isinstance(date, _dt.date):
            continue
        counts["dated"] += 1
        key = front["original"].partition("#")[2] or Path(front["original"]).stem  # (a page: its file name)
        row = rows.get(key) or rows.get(key.rpartition("-")[0])  # (a repeated row: "ID-COPY")
        if row and date.isoformat() == row["date"]:
            counts["row date"] += 1
        elif row and stated_in_text(date, row["text"], row["date"]):
            counts["text's date"] += 1
        else:
            counts["other"] += 1
            if counts["other"] <= show:
                print(f"other: {front['original']}: {date} (row {row and row['date']}): {front['title'][:80]}")
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=10000)
    parser.add_argument("--format", choices=("jsonl", "csv", "tsv", "html"), default="jsonl")
    parser.add_argument("--repeat", type=int, default=1, help="write the rows this many times (bigger batches)")
    corpus = REPO.parent / "shared" / "corpus"
    parser.add_argument("--show", type=int, default=0, metavar="N", help="print N of the articles dated otherwise")
    parser.add_argument("--corpus", type=Path, default=corpus / "vnnews-12k.tar.xz")
    parser.add_argument("--tsv", type=Path, default=corpus / "vnnews-12k.tsv")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="batch-bench-") as tmp:
        rows = corpus_rows(args.corpus, args.tsv, Path(tmp), args.rows)
        site = Path(tmp) / "site"
        raw = site / "content" / "raw"
        if args.format == "html":
            write_pages(rows, raw)
        if args.format != "html":
            write_batch(rows, raw, args.format, args.repeat)
        for name in ("site.yaml", "tags.yaml", "glossary.yaml"):
            if (REPO / "content" / name).is_file():
                (site / "content" / name).write_bytes((REPO / "content" / name).read_bytes())
        command = [sys.executable, str(REPO / "build.py"), "--root", str(site), "import"]
        started = time.perf_counter()
        result = subprocess.run([sys.executable, "-c", _MEASURE, *command], capture_output=True, text=True)
        elapsed = time.perf_counter() - started
        code, peak = result.stdout.split()[-2:]
        if code not in ("0", "1"):
            print(result.stderr[-3000:], file=sys.stderr)
            return 1
        started = time.perf_counter()  # (again, nothing changed: its output names what could not be imported)
        again = subprocess.run(command, capture_output=True, text=True)
        again_seconds = time.perf_counter() - started
        refused = [line for line in again.stdout.splitlines() if line.startswith("error:")]
        counts = check(site, {row["id"]: row for row in rows}, args.show)
        total = counts["articles"]
        size = sum(p.stat().st_size for p in raw.iterdir()) / 2**20
        print(f"{len(rows) * args.repeat} rows ({args.format}, {size:.0f} MB): import {elapsed:.1f} s "
              f"({len(rows) * args.repeat / elapsed:.0f} rows/s), peak {int(peak) // 1024} MiB, exit {code}")
        from_text = counts["text's date"]
        print(f"articles {total}; dated {counts['dated']} ({100 * counts['dated'] / max(total, 1):.1f} %): "
              f"the row's date {counts['row date']}, an event date the text states {from_text}, "
              f"other {counts['other']}")
        print(f"again, nothing changed: {again_seconds:.1f} s; {len(refused)} not imported")
        for line in refused[:5]:
            print(line[:200])
    return 0


if __name__ == "__main__":
    sys.exit(main())
