"""Topic tags from a vocabulary (tag → trigger phrases) and the abbreviation glossary."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

from .finding import Finding
from .text import fold, matches_at_word_start, nfc, word_pattern

_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)


@dataclass(frozen=True)
class Vocabulary:
    """Tags with their folded trigger token sequences, and the glossary."""

    triggers: tuple[tuple[str, tuple[tuple[str, ...], ...], int], ...]
    glossary: tuple[tuple[str, str], ...]


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(fold(text))


def _load_yaml(path: Path) -> dict:
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping at the top level")
    return data


def load_glossary(path: Path) -> dict[str, str]:
    """Abbreviation → expansion, from ``glossary.yaml`` (empty when absent)."""
    data = _load_yaml(path).get("abbreviations") or {}
    return {nfc(str(k)): nfc(str(v)) for k, v in data.items()}


def load_vocabulary(tags_path: Path, glossary_path: Path) -> Vocabulary:
    """Read the tag vocabulary and glossary from the content folder."""
    entries = []
    for tag, spec in (_load_yaml(tags_path).get("tags") or {}).items():
        spec = spec or {}
        phrases = tuple(tuple(_tokens(str(p))) for p in spec.get("triggers", [tag]))
        entries.append((nfc(str(tag)), tuple(p for p in phrases if p), int(spec.get("min_hits", 1))))
    return Vocabulary(tuple(entries), tuple(load_glossary(glossary_path).items()))


def expand_abbreviations(text: str, glossary: tuple[tuple[str, str], ...]) -> str:
    """Append the expansion of every abbreviation found, so triggers see both forms."""
    if not glossary:
        return text
    expansions = dict(glossary)
    found = dict.fromkeys(expansions[m.group(1)]
                          for m in matches_at_word_start(word_pattern(frozenset(expansions)), text))
    return text + "\n" + "\n".join(found) if found else text


def find_tags(text: str, vocabulary: Vocabulary) -> Finding:
    """Tags whose triggers occur often enough, most hits first."""
    tokens = _tokens(expand_abbreviations(text, vocabulary.glossary))
    index: dict[str, list[int]] = {}
    for i, tok in enumerate(tokens):
        index.setdefault(tok, []).append(i)
    hits: Counter[str] = Counter()
    for tag, phrases, min_hits in vocabulary.triggers:
        count = 0
        for phrase in phrases:
            for i in index.get(phrase[0], ()):
                if tuple(tokens[i:i + len(phrase)]) == phrase:
                    count += 1
        if count >= min_hits:
            hits[tag] = count
    tags = [tag for tag, _ in sorted(hits.items(), key=lambda kv: (-kv[1], kv[0]))][:6]
    evidence = ", ".join(f"{t} ×{hits[t]}" for t in tags) or "no trigger phrase found"
    return Finding(tags, evidence, 0.7 if tags else 0.5)
