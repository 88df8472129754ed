"""Per-sentence findings: exact figure checks on real phrasings, the model's word where no check applies."""
from __future__ import annotations

import datetime as dt

import pytest

from assistant.verify.engine import assess
from assistant.verify.facets import extract_facets
from assistant.verify.findings import Producer, Stance, build_findings
from assistant.verify.reader.model import StanceProbs, get_stance_model
from tests.verify.helpers import ev

UNSURE = StanceProbs(0.2, 0.6, 0.2)
JOINED = "More than 40,000 foreigners from 110 countries travelled to Iraq and Syria to join ISIS, the UN said in 2019."
SURVIVED = ("Up to 30,000 foreign fighters and their dependants may have survived the fall of the caliphate, "
            "the UN Monitoring Team said in July 2019.")


def finding(claim: str, sentence: str, probs: StanceProbs = UNSURE, sim: float = 0.75):
    facets = extract_facets(claim, dt.date(2026, 1, 1))
    evidence = [ev(sentence, sim=sim)]
    a = assess(facets, evidence)
    rules = {0: a.stances[0]} if a.stances else {}
    return build_findings(evidence, [probs], rules)[0]


def test_the_same_figure_for_the_same_measure_supports():
    f = finding("More than 40,000 foreigners joined ISIS", JOINED)
    assert (f.stance, f.produced_by, f.check) == (Stance.SUPPORTS, Producer.FIGURE, "figure_matches")
    assert "More than 40,000" in f.reason


def test_another_figure_for_the_same_measure_contradicts_and_names_both():
    f = finding("About 4,000 foreigners joined ISIS", JOINED)
    assert (f.stance, f.check) == (Stance.CONTRADICTS, "figure_differs")
    assert "More than 40,000" in f.reason and "not About 4,000" in f.reason


def test_a_figure_that_counts_another_thing_is_named_as_such_never_as_a_rival():
    f = finding("30,000 foreigners joined ISIS", SURVIVED)
    assert (f.stance, f.check) == (Stance.MISLEADING, "figure_counts_other_thing")
    assert "dependants" in f.reason and ", not" not in f.reason


def test_a_figure_of_another_act_decides_nothing():
    """5,000 travellers are no count of returnees: the model's reading stands (here: unsure, so neutral)."""
    f = finding("about 1,500 fighters returned to EU countries",
                "About 5,000 people travelled from EU countries to Syria and Iraq to join jihadist groups.")
    assert (f.stance, f.produced_by, f.check) == (Stance.NEUTRAL, Producer.MODEL, "")


def test_a_sentence_the_model_says_states_the_claim_is_never_counted_against_it():
    f = finding("About 4,000 foreigners joined ISIS", JOINED, probs=StanceProbs(0.9, 0.05, 0.05))
    assert f.stance == Stance.SUPPORTS and f.produced_by == Producer.MODEL and f.states_claim


@pytest.mark.parametrize("claim,stance", [
    ("The Islamic State took responsibility for the Berlin market attack.", Stance.SUPPORTS),
    ("Nobody ever claimed the Berlin Christmas market attack.", Stance.CONTRADICTS),
])
def test_without_a_figure_the_real_model_decides(claim, stance):
    sentence = "ISIS claimed responsibility for the Berlin Christmas market attack through its Amaq news agency."
    probs = get_stance_model().read([(sentence, claim)])[0]
    f = finding(claim, sentence, probs=probs)
    assert f.stance == stance and f.produced_by == Producer.MODEL


def test_a_sentence_naming_few_of_the_claims_names_keeps_the_models_reading():
    """Naming few of the claim's names is a relevance heuristic, not an exact check: on a corpus unlike ours
    ("She married ..." for a claim about Mary, Queen of Scots) the model's stance stands, marked few_names."""
    f = finding("Mary, Queen of Scots, married her cousin Lord Darnley in 1565.",
                "In July 1565 she married Henry Stuart, Lord Darnley, who was her half-cousin.",
                probs=StanceProbs(0.85, 0.1, 0.05))
    assert (f.stance, f.produced_by, f.check) == (Stance.SUPPORTS, Producer.MODEL, "few_names")
    assert f.as_dict()["read_by_model"]


def test_a_sentence_about_another_place_is_still_set_aside_whatever_the_model_says():
    f = finding("The Nice truck attack killed 86 people",
                "The Stockholm truck attack of April 2017 killed five people.", probs=StanceProbs(0.05, 0.05, 0.9))
    assert f.stance == Stance.NEUTRAL and f.check in ("other_event", "other_place")


def test_the_claims_number_given_for_another_thing_is_true_only_in_part_whatever_the_rule_stance():
    """TE-SAT 2018's "about 1,500 had returned" counts people who travelled from EU countries, not fighters:
    the rule engine reads the sentence as stating the claim, the figure check says it counts another thing."""
    f = finding("about 1,500 fighters returned to EU countries",
                "Kronen Zeitung reported that TE-SAT 2018 estimated that about 5,000 people from EU countries had "
                "travelled to fight for the Islamic State, that about 2,500 were still there at the end of 2017, "
                "that about 1,500 had returned and that about 1,000 had been killed.")
    assert (f.stance, f.produced_by, f.check) == (Stance.MISLEADING, Producer.FIGURE, "figure_counts_other_thing")
    assert "about 1,500" in f.reason
