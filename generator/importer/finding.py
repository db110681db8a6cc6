"""An extracted value together with why it was chosen (for ``import --explain``)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Finding:
    """A value, the text that supports it, how sure the rule is (0–1), and which rule it was (where the review
    queue reads the rule's measured precision instead: ``dates.py``)."""

    value: Any
    evidence: str = ""
    confidence: float = 0.0
    rule: str = ""

    @staticmethod
    def none(reason: str) -> "Finding":
        """No value, with the reason it was left empty."""
        return Finding(None, reason, 0.5)
