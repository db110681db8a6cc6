"""Raw inputs in every encoding and shape import as clean NFC UTF-8 Markdown; bad files are named."""
from __future__ import annotations

import codecs
import unicodedata

import pytest

from generator.importer.raw import RawInputError, read_raw
from tests.conftest import REPO, run_cli

SEED = (REPO / "content" / "raw" / "002_a247764e4e55ebab.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le-bom", "utf-16-be-bom", "cp1258",
                                      "nfd", "crlf"])
def test_every_encoding_reads_as_the_same_clean_text(tmp_path, encoding):
    text = SEED
    if encoding == "utf-16-le-bom":
        data = codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    elif encoding == "utf-16-be-bom":
        data = codecs.BOM_UTF16_BE + text.encode("utf-16-be")
    elif encoding == "cp1258":
        data = _cp1258(text)
    elif encoding == "nfd":
        data = unicodedata.normalize("NFD", text).encode("utf-8")
    elif encoding == "crlf":
        data = text.replace("\n", "\r\n").encode("utf-8")
    else:
        data = text.encode(encoding)
    path = tmp_path / "raw.txt"
    path.write_bytes(data)
    assert read_raw(path) == read_raw_text(text)


def _cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese Windows wrote it: base letters precomposed, tone marks combining."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out, base, marks = [], "", []
    for char in unicodedata.normalize("NFD", text) + "\0":
        if unicodedata.combining(char):
            marks.append(char)
            continue
        if base:
            out.append(unicodedata.normalize("NFC", base + "".join(m for m in marks if m not in tones)))
            out.extend(m for m in marks if m in tones)
        base, marks = char, []
    return "".join(out).encode("cp1258")


def read_raw_text(text: str) -> str:
    from generator.importer.raw import clean_text

    return clean_text(text)


@pytest.mark.parametrize("content,message", [
    (b"", "empty"), (b"   \n\n \t", "empty"), (b"\x00\x01\x02binary\x00\xff" * 50, "binary"),
    (b"\x00\xff" * 100, "binary"), (bytes(range(256)) * 20, "binary"),
])
def test_empty_blank_and_binary_files_are_rejected_by_name(tmp_path, content, message):
    path = tmp_path / "bad file.txt"
    path.write_bytes(content)
    with pytest.raises(RawInputError) as caught:
        read_raw(path)
    assert "bad file.txt" in str(caught.value) and message in str(caught.value)


def test_big_article_and_very_long_line_import_quickly(project):
    raw = project / "content" / "raw"
    paragraphs = [p for p in SEED.split("\n\n") if len(p) > 200]
    copies = 5_000_000 // len("\n\n".join(paragraphs).encode()) + 1
    (raw / "big.txt").write_text("\n\n".join(paragraphs * copies), encoding="utf-8")
    (raw / "long-line.txt").write_text(("Bộ trưởng Tô Lâm phát biểu. " * 40_000)[:1_000_000], encoding="utf-8")
    assert run_cli(project, "import") == 0  # field rules read only the head: seconds, not minutes
    for md in (project / "content" / "articles").rglob("*.md"):
        text = md.read_text(encoding="utf-8")
        assert unicodedata.is_normalized("NFC", text)


@pytest.mark.parametrize("copies", [0, 20], ids=["seeds", "pool-scale"])
def test_run_with_bad_files_names_them_imports_the_rest_and_exits_non_zero(project, capsys, copies):
    raw = project / "content" / "raw"
    seeds = sorted(raw.glob("*.txt"))
    for n in range(copies):  # 5 + 100 texts: imported in worker processes
        for seed in seeds:
            (raw / f"copy-{n:02d}-{seed.name}").write_text(seed.read_text(encoding="utf-8") + f"\n\nBản sao {n}.\n",
                                                          encoding="utf-8")
    (raw / "empty.txt").write_bytes(b"")
    (raw / "binary.bin").write_bytes(b"\x00\xff" * 100)
    assert run_cli(project, "import") == 1
    out = capsys.readouterr().out
    assert "empty.txt" in out and "binary.bin" in out
    assert "2 failed" in out and f"{5 + 5 * copies} written" in out
    assert not list((project / "content" / "articles").rglob("binary*"))
