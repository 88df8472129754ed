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
