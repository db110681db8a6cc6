#!/usr/bin/env python3
"""Train the importer's learned choices (``generator/data/models.yaml``) on the annotated development pages.

    python bench/train_models.py            # cross-validate, train on everything, write models.yaml
    python bench/train_models.py --dry-run  # cross-validate and print; write nothing
    python bench/train_models.py --dry-run --adapt [--l2 20]  # start from the current weights, pulled
                                                              # towards them: the pages they came from are gone

For each field with a model — the year of a date written without one, the
speaker, the location — every development article (the pages set's
development rounds — never a held-out page —, the shared dev set and the
seeds) gives its candidates and their features; a candidate is labelled right
when the gold lists it.  A logistic regression (plain gradient descent, L2; no
dependency) learns the weights.  Cross-validation leaving one round of
annotation out at a time (the shipped seeds and dev set are two more folds) chooses the threshold a candidate needs to become the value (the best
accuracy over articles with and without a gold value among the thresholds
that keep the shipped seeds and dev set ≥ 95 % right; of equals the highest,
so that a tie never invents a value) and the confidence
under which the review queue flags the field (the least sure quarter of the
articles on the held-aside folds; how often the unflagged rest is right is
printed beside the 97 % the review queue aims at); both are printed with their
cross-validated scores, which are the honest figures — scores on the training
pages themselves are not.
"""
from __future__ import annotations

import argparse
import math
import random
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

import extract_eval  # noqa: E402
from generator.importer.blocks import RawDocument, parse_raw  # noqa: E402
from generator.importer.extract import FIELD_TEXT_LIMIT, _head, _outlets, find_title  # noqa: E402
from generator.importer import dates, model, titles, years  # noqa: E402
from generator.importer.model import logistic  # noqa: E402
from generator.importer.speaker import find_people, speaker_candidates  # noqa: E402
from generator.importer.places import location_candidates  # noqa: E402
from generator.importer.raw import clean_text, read_raw  # noqa: E402
from generator.lang.text import name_key  # noqa: E402

MODELS = REPO / "generator" / "data" / "models.yaml"
UNFLAGGED_RIGHT = 0.97  # printed beside what the budget gives
REVIEW_BUDGET = 0.25
SHIPPED_RIGHT = 0.95  # what the seeds and the shared dev set must each keep (tests/test_extract_eval.py)
# A word feature ("next:tiếp", a name "kind:word") is learned only when it is seen around this many candidates:
# rarer words would fit the training pages, not the pages to come.  (25: the best of 12, 25 and 50 for the
# speaker, cross-validated.)
MIN_WORD_ROWS = 25


@dataclass
class Article:
    """One development article: its candidates' features, which of them gold accepts, and whether gold has
    a value at all."""

    ident: str
    candidates: list[tuple[dict[str, float], bool, bool]]  # features, right, optional (left out of training;
    has_gold: bool                                          # right where the gold has no value)
    group: str = ""  # its round of annotation, or the shipped set it is in ("seeds", "dev")
    fallback: bool | None = None  # when no candidate passes: whether the rules' answer is right (None: no answer)


def _group(item: dict) -> str:
    return f"round {item['round']}" if "round" in item else item["set"]


def development_items(gold_dir: Path) -> list[tuple[dict, Path]]:
    """Every development article with its text: the pages set's development rounds, the shared dev set and
    the seeds (held-out pages never)."""
    development, _, _ = extract_eval.pages_items()
    items = [(item, extract_eval.PAGES_TEXTS / f"{item['id']}.txt") for item in development]
    for gold, texts in (("dev.yaml", gold_dir / "dev"), ("seeds.yaml", REPO / "content" / "raw")):
        if not (gold_dir / gold).is_file():
            print(f"note: {gold_dir / gold} not found; trained without it", file=sys.stderr)
            continue
        for item in yaml.safe_load((gold_dir / gold).read_text(encoding="utf-8"))["items"]:
            ident = str(item["id"])
            items.append(({**item, "set": gold.removesuffix(".yaml")}, texts / (ident if ident.endswith(".txt")
                                                                                 else f"{ident}.txt")))
    return items


def _fields_document(path: Path) -> RawDocument:
    """The blocks ``extract`` reads an article's fields from (its first FIELD_TEXT_LIMIT characters)."""
    clean = clean_text(read_raw(path))
    return parse_raw(clean if len(clean) <= FIELD_TEXT_LIMIT else _head(clean), frozenset(_outlets()))


def location_articles(items: list[tuple[dict, Path]]) -> list[Article]:
    articles = []
    for item, path in items:
        doc = _fields_document(path)
        speaker, _ = find_people(doc)
        candidates, _ = location_candidates(doc, speaker.value.title if speaker.value else None)
        gold = set().union(*(extract_eval._place_keys(x) for x in item.get("locations") or []))
        optional = set().union(*(extract_eval._place_keys(x) for x in item.get("locations_optional") or []))
        articles.append(Article(str(item["id"]), [(c.features, name_key(c.name) in gold, name_key(c.name) in optional)
                                                  for c in candidates], bool(gold), _group(item)))
    return articles


def speaker_articles(items: list[tuple[dict, Path]]) -> list[Article]:
    articles = []
    for item, path in items:
        doc = _fields_document(path)
        candidates, _, _ = speaker_candidates(doc)
        gold = {name_key(s["name"]) for s in item.get("speakers") or []}
        # The main speaker must be one of the gold's: a secondary (optional) one is a wrong choice.
        articles.append(Article(str(item["id"]), [(c.features, name_key(c.person.name) in gold, False)
                                                  for c in candidates], bool(gold), _group(item)))
    return articles


def year_articles(items: list[tuple[dict, Path]]) -> list[Article]:
    """The articles whose date the rules cannot give a year from a stamp, a marker or a full date nearby:
    the question ``dates.year_elsewhere`` answers (recorded by running ``find_date`` with it replaced)."""
    articles = []
    asked: list[tuple] = []
    answer = dates.year_elsewhere
    dates.year_elsewhere = lambda text, month, pos: asked.append((text, month, pos)) or (None, "", 0.5)
    try:
        for item, path in items:
            asked.clear()
            dates.find_date(_fields_document(path))
            if not asked:
                continue
            gold = {int(str(d)[:4]) for d in [item.get("date"), *(item.get("date_alt") or [])] if d}
            candidates = years.year_candidates(*asked[0])
            articles.append(Article(str(item["id"]), [(c.features, c.year in gold, False) for c in candidates],
                                    bool(item.get("date")), _group(item)))
    finally:
        dates.year_elsewhere = answer
    return articles


def title_articles(items: list[tuple[dict, Path]]) -> list[Article]:
    """The articles whose text has a headline (the gold's title): its first lines as candidates, and whether
    the rules' headline (``find_title`` without the model, used when no candidate passes) is right."""
    articles = []
    for item, path in items:
        if not item.get("title"):
            continue  # (a text without a headline: any sensible title will do, nothing to learn)
        doc = _fields_document(path)
        gold = extract_eval._norm_title(item["title"])
        rules = find_title(doc, None, learned=False).value
        candidates = titles.title_candidates(doc)
        articles.append(Article(str(item["id"]), [(c.features, extract_eval._norm_title(c.text) == gold, False)
                                                  for c in candidates], True, _group(item),
                                fallback=extract_eval._norm_title(rules) == gold))
    return articles


# In this order: the location's features read the speaker the importer finds (a local official's province).
FIELDS = {"year": year_articles, "speaker": speaker_articles, "location": location_articles, "title": title_articles}


def fit(articles: list[Article], l2: float = 1.0, iterations: int = 25,
        prior: dict[str, float] | None = None) -> dict[str, float]:
    """Logistic regression by Newton's method (L2-penalised; the bias is not); optional candidates (neither
    right nor wrong) are left out.  Newton converges in a few steps where gradient descent left the weights of
    rare features (a text given in full, a one-word foreign name) barely moved from zero.  With a ``prior``
    (weights learned before, on pages whose texts are gone), the penalty pulls towards it instead of zero: the
    pages at hand adapt what was learned rather than replace it."""
    prior = prior or {}
    rows = [(features, float(right)) for article in articles for features, right, optional in article.candidates
            if right or not optional]
    seen = Counter(name for features, _ in rows for name, value in features.items() if value and ":" in name)
    rows = [({name: value for name, value in features.items()
              if ":" not in name or seen[name] >= MIN_WORD_ROWS or name in prior}, label) for features, label in rows]
    names = sorted({name for features, _ in rows for name in features} | set(prior))
    index = {name: i for i, name in enumerate(names)}
    size = len(names)
    sparse = [[(index[name], value) for name, value in features.items() if value] for features, _ in rows]
    centre = [prior.get(name, 0.0) for name in names]
    weights = centre[:]
    for _ in range(iterations):
        gradient = [0.0] * size
        hessian = [[0.0] * size for _ in range(size)]
        for features, (_, label) in zip(sparse, rows):
            chance = 1 / (1 + math.exp(-max(-30.0, min(30.0, sum(weights[i] * v for i, v in features)))))
            error, curvature = chance - label, chance * (1 - chance)
            for i, v in features:
                gradient[i] += error * v
                row = hessian[i]
                for j, u in features:
                    row[j] += curvature * v * u
        for i, name in enumerate(names):
            penalty = 1e-6 if name == "bias" else l2
            gradient[i] += 0.0 if name == "bias" else l2 * (weights[i] - centre[i])
            hessian[i][i] += penalty
        step = _solve(hessian, gradient)
        weights = [w - d for w, d in zip(weights, step)]
        if max(map(abs, step), default=0.0) < 1e-7:
            break
    return {name: weights[i] for i, name in enumerate(names)}


def _solve(matrix: list[list[float]], vector: list[float]) -> list[float]:
    """x with matrix · x = vector (Gauss–Jordan elimination with partial pivoting; the matrix is small)."""
    size = len(vector)
    rows = [row[:] + [vector[i]] for i, row in enumerate(matrix)]
    for col in range(size):
        pivot = max(range(col, size), key=lambda r: abs(rows[r][col]))
        rows[col], rows[pivot] = rows[pivot], rows[col]
        for r in range(size):
            if r != col and rows[r][col]:
                factor = rows[r][col] / rows[col][col]
                target, source = rows[r], rows[col]
                for k in range(col, size + 1):
                    target[k] -= factor * source[k]
    return [rows[i][size] / rows[i][i] for i in range(size)]


def outcome(article: Article, weights: dict[str, float], threshold: float) -> tuple[bool, float]:
    """Whether the model's answer for an article is right, and its confidence (the chosen candidate's
    probability, or one minus the best when none passes)."""
    if not article.candidates:
        return (not article.has_gold) if article.fallback is None else article.fallback, 0.9
    chance, right, optional = max(((logistic(weights, f), r, o) for f, r, o in article.candidates),
                                  key=lambda triple: triple[0])
    if chance >= threshold:
        return right or (optional and not article.has_gold), chance
    if article.fallback is not None:
        return article.fallback, 1 - chance
    return not article.has_gold, 1 - chance


def cross_validate(articles: list[Article], learn, folds: int = 5) -> list[tuple[Article, dict[str, float]]]:
    """Each article with the weights ``learn`` finds without its fold.  A fold is a round of annotation —
    pages found and annotated by other people at another time, as the pages it will meet are — so the
    figures say how the model does on a round it never saw; articles without rounds fall into ``folds``
    random parts."""
    groups = sorted({a.group for a in articles})
    if len(groups) > 1:
        folds = len(groups)
        fold_of = {a.ident: groups.index(a.group) for a in articles}
    else:
        order = sorted(articles, key=lambda a: a.ident)
        random.Random(20).shuffle(order)
        fold_of = {a.ident: k % folds for k, a in enumerate(order)}
    weights = [learn([a for a in articles if fold_of[a.ident] != k]) for k in range(folds)]
    return [(a, weights[fold_of[a.ident]]) for a in articles]


def train(name: str, articles: list[Article], current: dict | None = None, adapt: bool = False,
          l2: float = 1.0) -> dict:
    """Cross-validate (printing the table), choose the thresholds, fit on every article — from zero, or
    adapting the ``current`` model's weights (``adapt``)."""
    print(f"\n{name}: {len(articles)} development articles, {sum(a.has_gold for a in articles)} with a gold value, "
          f"{sum(len(a.candidates) for a in articles)} candidates")
    if any(a.fallback is not None for a in articles):
        print(f"the rules alone: {sum(bool(a.fallback) for a in articles)}/{len(articles)} right")
    if current:  # (trained on other pages, bar the seeds and the shared dev set: nearly a cross-validated score)
        was = [outcome(a, current["weights"], float(current["threshold"]))[0] for a in articles]
        print(f"the current model (threshold {current['threshold']}): {sum(was)}/{len(was)} "
              f"{100 * sum(was) / max(1, len(was)):.1f}% right")
    prior = current["weights"] if adapt and current else None
    held_aside = cross_validate(articles, lambda chosen: fit(chosen, l2, prior=prior))
    weights = fit(articles, l2, prior=prior)
    shipped = [[a for a in articles if a.group == name] for name in ("seeds", "dev")]  # (a regression suite)
    scored = []
    print("threshold   gold has one       gold empty          all   (cross-validation, a round left out at a time)")
    for step in range(25, 80, 5):
        threshold = step / 100
        results = [(a.has_gold, outcome(a, w, threshold)[0]) for a, w in held_aside]
        has = [ok for gold, ok in results if gold]
        empty = [ok for gold, ok in results if not gold]
        accuracy = sum(ok for _, ok in results) / len(results)
        print(f"  {threshold:.2f}   {sum(has):>4}/{len(has)} {100 * sum(has) / max(1, len(has)):5.1f}%  "
              f"{sum(empty):>4}/{len(empty)} {100 * sum(empty) / max(1, len(empty)):5.1f}%   {100 * accuracy:5.1f}%")
        kept = all(sum(outcome(a, weights, threshold)[0] for a in half) >= SHIPPED_RIGHT * len(half)
                   for chosen in shipped for half in ([a for a in chosen if a.has_gold],
                                                      [a for a in chosen if not a.has_gold]))
        scored.append((kept, round(accuracy, 6), threshold))
    # The most accurate threshold that keeps each shipped set ≥ 95 % right (each half); of equals the
    # highest, so that a tie never invents a value.
    kept, accuracy, threshold = max(scored)
    if not kept:
        print(f"warning: no threshold keeps the seeds and the shared dev set ≥ {100 * SHIPPED_RIGHT:.0f} % right; "
              f"the most accurate is kept (tests/test_extract_eval.py will say which article fails)")
    best = (threshold, accuracy)
    judged = sorted((confidence, ok) for ok, confidence in (outcome(a, w, threshold) for a, w in held_aside))
    # The review queue's budget: a quarter of the fields at most; the least sure ones.
    review_below = judged[int(REVIEW_BUDGET * len(judged))][0]
    unflagged = [ok for c, ok in judged if c >= review_below]
    print(f"chosen threshold {threshold:.2f} (cross-validated accuracy {100 * best[1]:.1f}%); review below "
          f"{review_below:.2f}: {100 * (1 - len(unflagged) / len(judged)):.1f}% flagged, unflagged right "
          f"{100 * sum(unflagged) / max(1, len(unflagged)):.1f}% (target {100 * UNFLAGGED_RIGHT:.0f}%)")
    return {
        "trained_on": f"{len(articles)} development articles (bench/train_models.py)",
        "cross_validated_accuracy": round(best[1], 3),
        "threshold": threshold, "review_below": round(review_below, 3),
        "weights": {feature: round(value, 4) for feature, value in sorted(weights.items())},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", type=Path, default=REPO.parent / "shared" / "gold")
    parser.add_argument("--dry-run", action="store_true")
    parser.add_argument("--field", choices=list(FIELDS), help="train this model only; keep the others")
    parser.add_argument("--adapt", action="store_true",
                        help="start from the current models' weights and pull towards them (instead of zero): for "
                             "when the pages they were learned on are not all here")
    parser.add_argument("--l2", type=float, default=1.0, help="the penalty's strength (default 1)")
    args = parser.parse_args(argv)
    items = development_items(args.gold)
    models = {}
    live = model._models()  # what the importer reads: each field's new model, as soon as it is trained
    for name, articles_of in FIELDS.items():
        if args.field and name != args.field:
            models[name] = live[name]
            continue
        articles = articles_of(items)
        models[name] = live[name] = train(name, articles, live.get(name), args.adapt, args.l2)
    if args.dry_run:
        return 0
    header = ("# Learned weights of the importer's choices (generator/importer/model.py).\n"
              "# Written by bench/train_models.py from the annotated development pages: do not edit by hand.\n")
    MODELS.write_text(header + yaml.safe_dump(models, allow_unicode=True, sort_keys=False), encoding="utf-8")
    print(f"wrote {MODELS.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
