"""The confidence calibrator (assistant/verify/calibration.py, fitted by evals/train_calibration.py)."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import math
from pathlib import Path

import numpy as np
import pytest

from assistant.verify import calibration
from assistant.verify.calibration import (
    Calibrator,
    Term,
    calibrated_confidence,
    get_calibrator,
    load,
)
from assistant.verify.engine import assess, judge
from assistant.verify.facets import extract_facets
from assistant.verify.features import VERDICTS, features

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def fresh_cache():
    calibration.clear_cache()
    yield
    calibration.clear_cache()


def feature_names() -> set[str]:
    """The names features() returns today (they do not depend on the evidence)."""
    facets = extract_facets("Europol counted 33 jihadist attacks in the EU in 2017", dt.date(2024, 1, 1))
    return set(features(assess(facets, []).profile(facets, [])))


def toy(path: Path, inputs=("rule_confidence",), coef=(2.0,)) -> Path:
    terms = [Term(f"{i}|supported", i, "supported") for i in inputs]
    cal = Calibrator(tuple(terms), np.zeros(len(terms)), np.ones(len(terms)), np.array(coef, dtype=float), 0.0)
    path.write_text(json.dumps(cal.to_dict()), "utf-8")
    return path


# --- the shipped file -------------------------------------------------------------------------------------------

def test_shipped_calibration_loads_and_matches_features():
    cal = load()
    names = feature_names()
    assert cal.inputs, "the model uses no feature at all"
    assert cal.inputs <= names, f"calibration.json needs features that features() lacks: {cal.inputs - names}"
    assert {t.verdict for t in cal.terms} <= set(VERDICTS) | {None}
    assert len({t.name for t in cal.terms}) == len(cal.terms)
    assert get_calibrator() is not None


def test_shipped_calibration_was_fitted_on_the_training_set_and_beats_the_rule_formula_out_of_fold():
    meta = load().metadata
    train = REPO / "evals" / "threat_claims.train.jsonl"
    assert meta["train"]["sha256"] == hashlib.sha256(train.read_bytes()).hexdigest(), \
        "train set changed since calibration.json was fitted: run evals/train_calibration.py"
    assert meta["train"]["n"] == sum(1 for line in train.read_text("utf-8").splitlines() if line.strip())
    assert "test" not in meta["train"]["path"] and "test" not in meta["dev"]["path"]
    assert meta["dev"]["before"] and meta["dev"]["after"], "dev scores missing"
    # on claims each model did not see (out-of-fold on the 504 training claims), the calibrated confidence must
    # beat the rule formula; dev is easier than the training claims (tuned on), so it is reported, not asserted
    before, after = meta["train"]["cross_validated"]["before"], meta["train"]["cross_validated"]["after"]
    assert after["brier"] < before["brier"], "out of fold, the calibrated confidence scores worse than the rule formula"
    assert after["ece"] < before["ece"], "out of fold, the calibrated confidence is less calibrated than the rule formula"


def test_probabilities_stay_in_unit_interval_even_for_extreme_features():
    cal = load()
    rng = np.random.default_rng(7)
    names = sorted(feature_names())
    for verdict in VERDICTS:
        for scale in (1.0, 1e3, 1e9):
            for _ in range(20):
                f = {n: float(x) for n, x in zip(names, rng.normal(0, scale, len(names)))}
                p = cal.predict(verdict, f)
                assert 0.0 <= p <= 1.0 and math.isfinite(p)
                assert 0.0 <= calibrated_confidence(verdict, f) <= 1.0


def test_stored_form_reproduces_the_fitted_model(tmp_path):
    """The JSON round trip (standardisation, coefficients, intercept) gives scikit-learn's probabilities."""
    import sys

    sys.path.insert(0, str(REPO / "evals"))
    try:
        import train_calibration as tc
    finally:
        sys.path.remove(str(REPO / "evals"))
    from sklearn.linear_model import LogisticRegression

    rng = np.random.default_rng(0)
    data = []
    for _ in range(300):
        v = VERDICTS[rng.integers(5)]
        f = {"rule_confidence": rng.uniform(0.3, 0.95), "sim_max": rng.uniform(0.4, 1.0)}
        data.append((v, f, bool(rng.random() < f["sim_max"] * (0.9 if v == "supported" else 0.5)), {}))
    terms = tc.TERM_SETS["verdict+rule+sim"]
    X, y = tc.design(terms, data)
    cal = Calibrator.from_dict(json.loads(json.dumps(tc.fit(terms, X, y, 1.0).to_dict())))
    mean, scale = X.mean(0), np.where(X.std(0) < 1e-9, 1.0, X.std(0))
    ref = LogisticRegression(C=1.0, max_iter=5000).fit((X - mean) / scale, y).predict_proba((X - mean) / scale)[:, 1]
    ours = np.array([cal.predict(v, f) for v, f, _, _ in data])
    assert np.allclose(ours, ref, atol=1e-6)
    assert ours[[v == "supported" for v, _, _, _ in data]].mean() > ours[[v != "supported" for v, _, _, _ in data]].mean()


# --- falling back ---------------------------------------------------------------------------------------------

def test_missing_file_falls_back_to_rule_confidence_and_warns_once(tmp_path, caplog):
    missing = tmp_path / "nope.json"
    f = {"rule_confidence": 0.83, "sim_max": 0.9}
    with caplog.at_level(logging.WARNING, logger="assistant.verify.calibration"):
        assert calibrated_confidence("supported", f, path=missing) == 0.83
        assert calibrated_confidence("supported", f, 0.61, path=missing) == 0.61
    assert len([r for r in caplog.records if "unavailable" in r.message]) == 1


@pytest.mark.parametrize("content", ["{not json", json.dumps({"format": "something-else"}),
                                     json.dumps({"format": calibration.FORMAT, "terms": [], "mean": [],
                                                 "scale": [], "coef": [], "intercept": 0})])
def test_malformed_file_falls_back(tmp_path, content):
    path = tmp_path / "bad.json"
    path.write_text(content, "utf-8")
    assert calibrated_confidence("supported", {"rule_confidence": 0.7}, path=path) == 0.7


def test_mismatched_feature_names_fall_back(tmp_path, caplog):
    path = toy(tmp_path / "cal.json", inputs=("rule_confidence", "a_feature_that_was_renamed"), coef=(2.0, 1.0))
    f = {n: 0.5 for n in feature_names()}
    with caplog.at_level(logging.WARNING, logger="assistant.verify.calibration"):
        assert calibrated_confidence("supported", f, 0.77, path=path) == 0.77
        assert calibrated_confidence("contradicted", f, 0.66, path=path) == 0.66
    assert len([r for r in caplog.records if "a_feature_that_was_renamed" in r.message]) == 1


def test_a_usable_file_is_really_used(tmp_path):
    path = toy(tmp_path / "cal.json", coef=(2.0,))
    f = {"rule_confidence": 1.0}
    assert calibrated_confidence("supported", f, 0.2, path=path) == round(1 / (1 + math.exp(-2.0)), 3)
    assert calibrated_confidence("misleading", f, 0.2, path=path) == 0.5  # the term is 0 for other verdicts


def test_judge_falls_back_to_engine_confidence_without_a_calibration(monkeypatch, tmp_path):
    from assistant.verify.judges import EmbeddedJudge

    monkeypatch.setattr(calibration, "DEFAULT_PATH", tmp_path / "missing.json")
    facets = extract_facets("Europol counted 33 jihadist attacks in the EU in 2017", dt.date(2024, 1, 1))
    result = EmbeddedJudge().judge(facets.text, facets, [])
    assert result.confidence == judge(facets, []).confidence


# --- on the real corpus ---------------------------------------------------------------------------------------

STRONG = "the shooting at the Jewish Museum in Brussels in May 2014 killed four people"  # nearly verbatim in corpus/
# True claims (gold: supported, from the training set) that the corpus supports only through loose paraphrase.
WEAK = ["the battle to retake Mosul lasted about nine months and displaced nearly a million residents",
        "resolution 2178 on foreign fighters was adopted unanimously in september 2014 and co-sponsored by 104 countries",
        "Soufan Center: 129 Americans travelled to join ISIS and only 7 were known to have come back"]


def test_service_confidence_is_the_calibrated_one_and_the_verdict_is_unchanged(rules_service):
    _, evidence = rules_service.evidence_for(STRONG)
    facets = extract_facets(STRONG, dt.date.today())
    a = assess(facets, evidence)
    result = rules_service.check(STRONG)
    assert result.verdict == a.verdict == judge(facets, evidence).verdict
    expected = calibrated_confidence(a.verdict, features(a.profile(facets, evidence)))
    assert result.confidence == expected
    assert result.confidence != a.confidence  # the rule formula is no longer what is reported


def test_better_supported_verdict_gets_higher_confidence(rules_service):
    strong = rules_service.check(STRONG)
    assert strong.verdict == "supported", "precondition: the engine supports the verbatim corpus fact"
    weak = [r for r in map(rules_service.check, WEAK) if r.verdict == "supported"]
    assert weak, "precondition: the engine supports at least one loosely paraphrased true claim"
    for r in weak:
        assert strong.confidence >= r.confidence + 0.15, (strong.confidence, r.confidence, r.claim)
