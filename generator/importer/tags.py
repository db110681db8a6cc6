"""Topic tags from a vocabulary (tag → trigger phrases), abbreviations expanded first."""
from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..lang.text import fold, matches_at_word_start, nfc, word_pattern
from ..settings import load_glossary, read_settings
from .finding import Finding

_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)


@dataclass(frozen=True)
class Vocabulary:
    """Tags with their folded trigger token sequences, and the glossary."""

    triggers: tuple[tuple[str, tuple[tuple[str, ...], ...], int], ...]
    glossary: tuple[tuple[str, str], ...]

    @functools.cached_property
    def by_first_token(self) -> dict[str, tuple[tuple[int, tuple[str, ...]], ...]]:
        """Each token a trigger phrase starts with → the phrases (with their tag's place in ``triggers``): a text
        is looked up by the tokens it has, not every phrase by the text."""
        found: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
        for k, (_, phrases, _) in enumerate(self.triggers):
            for phrase in phrases:
                found.setdefault(phrase[0], []).append((k, phrase))
        return {token: tuple(entries) for token, entries in found.items()}


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(fold(text))


def load_vocabulary(tags_path: Path, glossary_path: Path) -> Vocabulary:
    """Read the tag vocabulary and glossary from the content folder; errors name the file and line."""
    entries = []
    settings = read_settings(tags_path)
    if settings is not None:
        settings.only(("tags",))
        for tag, spec in settings.mapping("tags", what="tags").items():
            where = ("tags", tag)
            spec = settings.mapping(*where, what="`triggers` and `min_hits`")
            settings.only(("triggers", "min_hits"), *where)
            triggers = spec.get("triggers", [tag])
            if not isinstance(triggers, list) or not all(isinstance(p, (str, int)) for p in triggers):
                raise settings.error(f"`triggers` of `{tag}` must be a list of phrases, like [phrase one, phrase "
                                     f"two], not {triggers!r}", *where, "triggers")
            min_hits = spec.get("min_hits", 1)
            if isinstance(min_hits, bool) or not isinstance(min_hits, int) or min_hits < 1:
                raise settings.error(f"`min_hits` of `{tag}` must be a whole number ≥ 1, not {min_hits!r}",
                                     *where, "min_hits")
            phrases = tuple(tuple(_tokens(str(p))) for p in triggers)
            entries.append((nfc(str(tag)), tuple(p for p in phrases if p), min_hits))
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
    by_first = vocabulary.by_first_token
    counts = [0] * len(vocabulary.triggers)
    for i in [i for i, tok in enumerate(tokens) if tok in by_first]:  # (a comprehension: the loop over every token)
        for k, phrase in by_first[tokens[i]]:
            if len(phrase) == 1 or tuple(tokens[i:i + len(phrase)]) == phrase:
                counts[k] += 1
    hits: Counter[str] = Counter({tag: counts[k] for k, (tag, _, min_hits) in enumerate(vocabulary.triggers)
                                  if counts[k] >= min_hits})
    tags = [tag for tag, _ in sorted(hits.items(), key=lambda kv: (-kv[1], kv[0]))][:6]
    evidence = ", ".join(f"{t} ×{hits[t]}" for t in tags) or "no trigger phrase found"
    return Finding(tags, evidence, 0.7 if tags else 0.5)
