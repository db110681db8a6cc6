"""The importer's learned choices: the trainer (bench/train_models.py) and the shipped weights (data/models.yaml)."""
from __future__ import annotations

import pytest
from conftest import bench_module

from generator.data import load_data
from generator.importer.blocks import parse_raw
from generator.importer.places import location_candidates
from generator.importer.review import THRESHOLDS
from generator.importer.speaker import speaker_candidates
from generator.importer.titles import title_candidates
from generator.importer.years import year_candidates

MODELS = load_data("models.yaml")
TEXT = ("Sáng 5/3, tại Hà Nội, Thủ tướng Phạm Minh Chính chủ trì hội nghị tổng kết công tác năm 2023 của ngành. "
        "Thủ tướng yêu cầu các bộ, ngành đẩy mạnh giải ngân vốn đầu tư công. Dự hội nghị có Phó Thủ tướng Trần "
        "Hồng Hà. Trước đó, đoàn công tác đã làm việc tại tỉnh Nghệ An và thăm chính thức Nhật Bản năm 2022.")


def _trainer():
    return bench_module("train_models")


def _features() -> dict[str, list[dict[str, float]]]:
    doc = parse_raw(TEXT)
    speakers, _, _ = speaker_candidates(doc)
    places, _ = location_candidates(doc, speakers[0].person.title if speakers else None)
    return {"speaker": [c.features for c in speakers], "location": [c.features for c in places],
            "year": [c.features for c in year_candidates(TEXT, 3, 0)],
            "title": [c.features for c in title_candidates(parse_raw("Xây dựng nông thôn mới\nNgành nông nghiệp tổng kết "
                                                                      "năm 2023 và giải ngân vốn đầu tư công\n" + TEXT))]}


@pytest.mark.parametrize("field", ["year", "speaker", "location", "title"])
def test_every_feature_the_code_computes_has_a_trained_weight(field):
    # A feature added to the rules without retraining (python bench/train_models.py) would count for nothing.
    candidates = _features()[field]
    assert candidates, f"no {field} candidate in the sample text"
    weights = MODELS[field]["weights"]
    named = {name for name in weights if ":" not in name}  # (word features, "next:tiếp", are kept when seen often)
    for features in candidates:
        computed = {name for name in features if ":" not in name}
        assert computed == named, f"{field}: features {computed ^ named} are not trained"


@pytest.mark.parametrize("field", ["year", "speaker", "location", "title"])
def test_the_shipped_models_have_thresholds_in_range(field):
    model = MODELS[field]
    assert 0 < model["threshold"] < 1 and 0 < model["review_below"] <= 1
    assert "bias" in model["weights"]


def test_the_review_queue_uses_the_learned_fields_calibration():
    assert THRESHOLDS["speaker"] == MODELS["speaker"]["review_below"]
    assert THRESHOLDS["location"] == MODELS["location"]["review_below"]
    assert "year" not in THRESHOLDS  # (not a field of the front matter)


def _article(trainer, ident: str, right_has_x: bool, has_gold: bool = True):
    return trainer.Article(ident, [({"bias": 1.0, "x": 1.0}, right_has_x, False),
                                   ({"bias": 1.0, "x": 0.0}, not right_has_x and has_gold, False)], has_gold)


def test_fit_learns_the_feature_that_separates_right_from_wrong():
    trainer = _trainer()
    articles = [_article(trainer, f"a{k}", right_has_x=True) for k in range(40)]
    weights = trainer.fit(articles)
    assert weights["x"] > 1.0
    assert all(trainer.outcome(article, weights, 0.5)[0] for article in articles)
    # cross-validation gives every article weights learned without it, and the same answers here
    held_aside = trainer.cross_validate(articles, trainer.fit)
    assert sorted(a.ident for a, _ in held_aside) == sorted(a.ident for a in articles)
    assert all(trainer.outcome(article, w, 0.5)[0] for article, w in held_aside)


def test_outcome_leaves_the_field_empty_below_the_threshold():
    trainer = _trainer()
    weights = {"bias": -3.0, "x": 0.0}  # every candidate unlikely
    with_gold = _article(trainer, "g", right_has_x=True)
    without_gold = _article(trainer, "n", right_has_x=False, has_gold=False)
    assert trainer.outcome(with_gold, weights, 0.5) == (False, pytest.approx(1 - 1 / (1 + 2.718281828 ** 3), 1e-3))
    assert trainer.outcome(without_gold, weights, 0.5)[0] is True
    assert trainer.outcome(trainer.Article("e", [], False), weights, 0.5) == (True, 0.9)


def test_a_word_feature_is_learned_only_when_seen_around_enough_candidates():
    trainer = _trainer()
    articles = [trainer.Article(f"a{k}", [({"bias": 1.0, "next:tiếp": 1.0, f"next:rare{k % 3}": 1.0}, k % 2 == 0, False),
                                          ({"bias": 1.0}, k % 2 == 1, False)], True) for k in range(60)]
    weights = trainer.fit(articles)
    assert "next:tiếp" in weights  # seen around 60 candidates
    assert not any(name.startswith("next:rare") for name in weights)  # 20 each: fewer than MIN_WORD_ROWS
    assert trainer.MIN_WORD_ROWS > 20


def test_adapting_a_model_pulls_towards_its_weights_not_zero():
    trainer = _trainer()
    articles = [_article(trainer, f"a{k}", right_has_x=k % 2 == 0) for k in range(40)]  # x says nothing here
    prior = {"bias": 0.0, "x": 3.0, "next:old": -2.0}
    from_zero = trainer.fit(articles, l2=5.0)
    adapted = trainer.fit(articles, l2=5.0, prior=prior)
    assert abs(from_zero["x"]) < 0.5 < adapted["x"] < prior["x"]  # pulled down by the pages, not to zero
    assert adapted["next:old"] == pytest.approx(-2.0)  # a weight the pages say nothing of stays as learned
    assert "next:old" not in from_zero
