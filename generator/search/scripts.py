"""The browser index's files: each a ``VNS.add(key, data)`` call, which a page loads with a script tag
(from ``file://`` as well as over http), and the index's ``meta.js``."""
from __future__ import annotations

import json
from typing import TYPE_CHECKING

from .terms import optional_words, same_terms

if TYPE_CHECKING:
    from .state import IndexState


def script(key: str, data) -> bytes:
    """One index file: a ``VNS.add(key, data)`` call, which loads from file:// as well as http."""
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # "</" would close an inline script; "\u2028" breaks old JS parsers.
    payload = payload.replace("</", "<\\/").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"VNS.add({json.dumps(key)},{payload});\n".encode("utf-8")


def json_string(text: str) -> bytes:
    """A string as ``script`` writes it."""
    return (json.dumps(text, ensure_ascii=False).replace("</", "<\\/").replace("\u2028", "\\u2028")
            .replace("\u2029", "\\u2029").encode())


def meta_file(state: IndexState, reference_length: int, version: int, typo_buckets: int = 0,
              abbreviations: dict[str, list[str]] | None = None, text_group: int = 1) -> tuple[str, bytes]:
    """``search/meta.js``: what a query needs before it loads any shard (``abbreviations``: the glossary's,
    folded, with their expansions' words; ``text_group``: how many documents' longer texts share a file)."""
    meta = {"v": version, "n": state.docs, "shards": state.shards, "prefixBuckets": state.buckets,
            "typoBuckets": typo_buckets, "textGroup": text_group, "avgdl": reference_length,
            "optional": optional_words(),
            "same": same_terms(), "abbreviations": abbreviations or {}}
    return "search/meta.js", script("meta", meta)

