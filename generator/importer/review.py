"""Which extracted fields an editor should check: those whose rule was not sure enough.

Each rule gives its value a confidence (``Finding.confidence``); a field under
its threshold is listed in the article's ``review:`` front matter, most doubtful
first, and its confidence and evidence are kept in the import's record for
``build.py review`` and the preview's banner.  The thresholds are calibrated on
the development sets (``bench/extract_eval.py`` prints what is flagged and how
often the unflagged fields are right).
"""
from __future__ import annotations

from ..content.frontmatter import REVIEWABLE
from .model import review_thresholds

# Hand-set for the rules' confidences (see bench/extract_eval.py); a learned field's own, calibrated by
# bench/train_models.py, replaces its entry.
THRESHOLDS = {"title": 0.8, "date": 0.7, "speaker": 0.92, "location": 0.78} | {
    name: value for name, value in review_thresholds().items() if name in REVIEWABLE}


def to_review(findings: dict) -> dict[str, tuple[float, str]]:
    """The fields to review among ``findings`` (field → Finding), with their confidence and evidence, most
    doubtful first."""
    flagged = {name: (round(findings[name].confidence, 2), findings[name].evidence) for name in REVIEWABLE
               if findings[name].confidence < THRESHOLDS[name] or _yearless(name, findings[name])
               or _before_online_news(name, findings[name])}
    return dict(sorted(flagged.items(), key=lambda item: item[1][0]))


def _yearless(name: str, finding) -> bool:
    """A day and month whose year the text does not give: always for the editor, who may know it (its
    confidence says how sure the rules are that the text gives none)."""
    return name == "date" and finding.value is not None and not getattr(finding.value, "iso", True)


ONLINE_NEWS_FROM = 2000  # (the development pages' 2,900 gold dates are all 2010 or later; 3 of 840 pages got one
# before 2000, all three wrong: a war's day, a law's, a founding's)


def _before_online_news(name: str, finding) -> bool:
    """A date before news went online: more often history the text recalls than the day of its event (an
    archive of older speeches gets each one checked)."""
    iso = getattr(finding.value, "iso", None) if name == "date" else None
    return bool(iso) and int(iso[:4]) < ONLINE_NEWS_FROM
