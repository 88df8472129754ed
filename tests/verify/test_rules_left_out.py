"""The reader leaves out the sentence rules that did not raise held-out scores (evals/ablate_rules.py); the rule
engine keeps them all, and the setting refuses a rule name it does not know."""
from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from assistant.settings import READER_RULES_LEFT_OUT, ReaderSettings, Settings
from assistant.verify.event_scope import name_anchors
from assistant.verify.facets import extract_facets
from assistant.verify.stance import judge_sentence, rules_left_out
from assistant.verify.stance_rules import RULES
from tests.verify.helpers import ev

CLAIM = "ISIS claimed the Halle synagogue attack"
TEXT = "No group claimed the Halle synagogue attack, prosecutors said."


def _stance() -> str:
    return judge_sentence(extract_facets(CLAIM, dt.date(2026, 1, 1)), ev(TEXT), name_anchors(CLAIM, [TEXT])).stance


def test_a_left_out_rule_does_not_decide_and_comes_back_after_the_block():
    assert _stance() == "contradicts"  # the rule engine: a negated act contradicts
    with rules_left_out(READER_RULES_LEFT_OUT):
        assert _stance() == "neutral"  # the reader's rule set leaves that to the stance model
    assert _stance() == "contradicts"


def test_the_reader_leaves_out_the_measured_rules_by_default_and_keeps_the_rest():
    assert Settings().reader.rules_left_out == list(READER_RULES_LEFT_OUT)
    kept = {r.__name__ for r in RULES} - set(READER_RULES_LEFT_OUT)
    assert {"figure_rule", "states_claim", "actor_ranked", "rejected_wording"} <= kept


def test_an_unknown_rule_name_is_refused_with_the_known_ones():
    with pytest.raises(ValidationError, match="unknown stance rules.*figure_rule"):
        ReaderSettings(rules_left_out=["no_such_rule"])
    with pytest.raises(ValueError, match="unknown stance rules"):
        with rules_left_out(["no_such_rule"]):
            pass


def test_the_setting_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("CLAIMCHECK_READER__RULES_LEFT_OUT", "[]")
    assert Settings().reader.rules_left_out == []
