"""The reader judge through the real service on the corpus index: the cases a careful reader found wrong in
the rule engine's answers, and the shape of what it records about each decision."""
from __future__ import annotations

import re

import pytest

from assistant.verify.citations import valid_citation
from tests.verify.helpers import VERDICT_PATHS


def test_a_figure_that_counts_something_else_is_never_a_rival_number(corpus_service):
    """'gives 5, not 359' where 5 counts US citizens killed was the rule engine's reason."""
    r = corpus_service.check("359 people died in the Sri Lanka Easter bombings")
    assert r.verdict != "supported"
    assert not re.search(r"\bgives (?:five|5)\b[^.]*not 359", r.explanation, re.I), r.explanation
    for row in r.figures:
        if row.relation == "differs":
            assert re.search(r"dead|died|killed|death|toll|people|victim", f"{row.what} {row.documented}", re.I), row


def test_returnees_are_not_contradicted_by_the_count_of_travellers(corpus_service):
    """5,000 counts those who travelled: it is no rival to a count of returnees (the rule engine's reason was
    "gives roughly 5,000, not about 1,500")."""
    r = corpus_service.check("about 1,500 fighters returned to EU countries")
    assert r.verdict != "contradicted", r.explanation
    assert not re.search(r"5,000[^.]*not about 1,500", r.explanation), r.explanation
    assert not [f for f in r.figures if f.relation == "differs" and "5,000" in f.documented]


@pytest.mark.xfail(strict=True, reason="known gap: the stance model reads TE-SAT 2018's long four-figure sentence "
                                       "('... that about 1,500 had returned ...') as neutral, so the reader abstains")
def test_returnees_are_supported_by_te_sat_2018(corpus_service):
    r = corpus_service.check("about 1,500 fighters returned to EU countries")
    assert r.verdict in ("supported", "misleading"), r.explanation
    assert "europol-te-sat-2018" in {c.doc_id for c in r.citations}


def test_the_end_of_the_caliphates_territory_is_supported(corpus_service):
    r = corpus_service.check("the caliphate lost its last territory in March 2019")
    assert r.verdict == "supported", r.explanation
    assert "baghuz-2019" in {c.doc_id for c in r.citations}


def test_the_headline_sentence_of_the_article_is_misleading(corpus_service):
    r = corpus_service.check("A July UN report noted that the 30,000 foreigners who joined ISIS and their "
                             "dependents who survived could continue the fight.")
    assert r.verdict == "misleading", r.explanation


def test_every_decision_says_what_produced_it_and_cites_a_retrieved_sentence(corpus_service):
    claim = "Europol counted 330 jihadist attacks in the EU in 2017"
    hits, evidence = corpus_service.evidence_for(claim)
    r = corpus_service.check(claim)
    assert r.judge == "reader" and r.verdict_by.startswith("aggregator:")
    assert abs(sum(r.verdict_probs.values()) - 1) < 1e-3 and r.confidence == pytest.approx(r.verdict_probs[r.verdict], abs=1e-3)
    assert r.decisions and {d.produced_by for d in r.decisions} <= {"model", "figure_check", "rule"}
    quotes = {e.text for e in evidence}
    for d in r.decisions:
        assert d.quote in quotes
        assert abs(d.entailment + d.neutral + d.contradiction - 1) < 1e-2
    chunks = {h.chunk.id: h.chunk for h in hits}
    cited = {c.n: c for c in r.citations}
    for d in r.decisions:
        if d.citation:
            assert valid_citation(cited[d.citation], chunks) and cited[d.citation].quote == d.quote


def test_a_sentence_that_states_the_claim_is_never_cited_against_it(corpus_service):
    for claim in ("Europol counted 33 jihadist attacks in the EU in 2017", "The Nice truck attack killed 86 people",
                  "30,000 foreigners joined ISIS"):
        r = corpus_service.check(claim)
        against = {d.citation for d in r.decisions if d.stance in ("contradicts", "misleading") and d.citation}
        for d in r.decisions:
            if d.citation in against:
                assert d.entailment < 0.8, (claim, d)


GAPS = {"Terrorism deaths worldwide peaked at 32,685 in 2014"}
GAP = pytest.mark.xfail(strict=True, reason="known gap of the reader (the rule engine gets it: test_service.py)")


@pytest.mark.parametrize("claim, expected", [pytest.param(c, v, marks=GAP) if c in GAPS else (c, v)
                                             for c, v, _ in VERDICT_PATHS])
def test_the_reader_on_the_rule_engines_verdict_paths(corpus_service, claim, expected):
    r = corpus_service.check(claim)
    assert r.verdict == expected, r.explanation
    if expected != "not_enough_evidence":
        assert r.citations and "[1]" in r.explanation
