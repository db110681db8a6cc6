"""Learned choices between a field's candidates: a logistic model per field over the candidates' features.

The rules say what the text says around each candidate (is it after ``tại``, in the lead, the rules' own
pick …); how much each of those counts is learned from the annotated development pages by
``bench/train_models.py``, which writes the weights and the field's threshold to ``data/models.yaml``.
A candidate's probability is its field's confidence, so the review queue's thresholds read calibrated
numbers.
"""
from __future__ import annotations

import functools
import math

from ..data import load_data


@functools.lru_cache(maxsize=1)
def _models() -> dict:
    return load_data("models.yaml")


def logistic(weights: dict[str, float], features: dict[str, float]) -> float:
    """The logistic function of the weighted sum of ``features`` (a missing weight counts 0)."""
    z = sum(weights.get(name, 0.0) * value for name, value in features.items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def probability(field: str, features: dict[str, float]) -> float:
    """How likely the candidate with ``features`` is the field's right value."""
    return logistic(_models()[field]["weights"], features)


def threshold(field: str) -> float:
    """The probability a candidate needs to become the field's value (below it, the field stays empty)."""
    return float(_models()[field]["threshold"])


def review_thresholds() -> dict[str, float]:
    """Each learned field's confidence under which the review queue flags it."""
    return {field: float(model["review_below"]) for field, model in _models().items()}
