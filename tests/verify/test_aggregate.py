"""The claim-level aggregator on hand-built findings, and the rule that a verdict needs findings behind it."""
from __future__ import annotations

import datetime as dt

import numpy as np

from assistant.verify.aggregate import Aggregator, features, load_aggregator
from assistant.verify.facets import extract_facets
from assistant.verify.findings import Finding, Producer, Stance
from assistant.verify.reader.model import StanceProbs
from assistant.verify.reader_judge import choose
from tests.verify.helpers import ev

CLAIM = extract_facets("ISIS claimed the Berlin Christmas market attack", dt.date(2026, 1, 1))


def f(i: int, doc: str, sim: float, e: float, c: float, stance: Stance = Stance.NEUTRAL,
      by: Producer = Producer.MODEL, check: str = "") -> Finding:
    return Finding(i, ev(f"sentence {i}", doc=doc, sim=sim), StanceProbs(e, 1 - e - c, c), stance, by, check, "")


def verdict(findings: list[Finding]) -> str:
    probs = load_aggregator().proba(features(CLAIM, findings))
    return choose(probs, findings)[0]


def test_sentences_that_state_the_claim_in_two_sources_support_it():
    assert verdict([f(0, "a", 0.8, 0.95, 0.02, Stance.SUPPORTS), f(1, "b", 0.75, 0.9, 0.03, Stance.SUPPORTS),
                    f(2, "c", 0.5, 0.05, 0.05)]) == "supported"


def test_a_close_sentence_that_says_otherwise_contradicts_it():
    assert verdict([f(0, "a", 0.8, 0.02, 0.95, Stance.CONTRADICTS), f(1, "a", 0.6, 0.05, 0.8, Stance.CONTRADICTS),
                    f(2, "c", 0.5, 0.05, 0.05)]) == "contradicted"


def test_distant_neutral_sentences_are_not_enough_evidence():
    assert verdict([f(i, "a", 0.3, 0.03, 0.03) for i in range(5)]) == "not_enough_evidence"


def test_no_evidence_at_all_is_not_enough_evidence():
    assert verdict([]) == "not_enough_evidence"


def test_a_verdict_no_finding_backs_is_never_chosen():
    """The aggregator may prefer "supported", but with no supporting sentence the next backed label wins."""
    findings = [f(0, "a", 0.8, 0.1, 0.85, Stance.CONTRADICTS)]
    probs = {"supported": 0.6, "contradicted": 0.3, "misleading": 0.05, "conflicting": 0.03,
             "not_enough_evidence": 0.02}
    chosen, deciding = choose(probs, findings)
    assert chosen == "contradicted" and deciding == findings


def test_probabilities_are_a_distribution_over_the_five_verdicts():
    agg = load_aggregator()
    p = agg.proba(features(CLAIM, [f(0, "a", 0.8, 0.5, 0.3, Stance.SUPPORTS)]))
    assert set(p) == {"supported", "contradicted", "misleading", "conflicting", "not_enough_evidence"}
    assert abs(sum(p.values()) - 1) < 1e-9


def test_the_json_round_trip_keeps_the_model():
    agg = load_aggregator()
    again = Aggregator.from_json(agg.to_json())
    x = features(CLAIM, [f(0, "a", 0.7, 0.6, 0.2, Stance.SUPPORTS)])
    assert np.allclose(list(agg.proba(x).values()), list(again.proba(x).values()))


def test_a_sentence_whose_figure_the_exact_check_compared_is_read_by_that_check_not_by_the_model():
    """The model reads "counted 33 jihadist attacks in 2017, up from 13 in 2016" against "33 ... in 2017"
    (P(contradiction) 0.68); the figure check that matched the figure decides the sentence's reading."""
    from assistant.verify.aggregate import model_features

    matched = f(0, "a", 0.8, 0.29, 0.68, Stance.SUPPORTS, Producer.FIGURE, "figure_matches")
    feats = model_features([matched])
    assert (feats["ent_max"], feats["con_max"]) == (1.0, 0.0)
    differs = f(0, "a", 0.8, 0.9, 0.05, Stance.CONTRADICTS, Producer.FIGURE, "figure_differs")
    assert (model_features([differs])["ent_max"], model_features([differs])["con_max"]) == (0.0, 1.0)
    other = f(0, "a", 0.8, 0.9, 0.05, Stance.MISLEADING, Producer.FIGURE, "figure_counts_other_thing")
    assert model_features([other])["ent_max"] == 0.0


def test_sentences_naming_few_of_the_claims_names_count_only_in_the_loose_features():
    from assistant.verify.aggregate import loose_features, model_features

    few = f(0, "a", 0.7, 0.9, 0.05, Stance.SUPPORTS, Producer.MODEL, "few_names")
    assert model_features([few])["ent_max"] == 0.0
    loose = loose_features([few, f(1, "b", 0.5, 0.1, 0.1)])
    assert loose["ent_any"] == 0.9 and loose["few_names"] == 0.5
