"""The reader can leave out sentence rules (reader.rules_left_out; none by default), the rule engine keeps them all,
and the setting refuses a rule name it does not know."""
from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from assistant.settings import RULES_WITHOUT_HELD_OUT_GAIN, ReaderSettings, Settings
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
    with rules_left_out(RULES_WITHOUT_HELD_OUT_GAIN):
        assert _stance() == "neutral"  # the reader's rule set leaves that to the stance model
    assert _stance() == "contradicts"


def test_the_reader_runs_every_rule_by_default_and_the_measured_list_names_real_rules():
    assert Settings().reader.rules_left_out == []
    assert set(RULES_WITHOUT_HELD_OUT_GAIN) < {r.__name__ for r in RULES}
    assert not {"figure_rule", "states_claim", "actor_ranked"} & set(RULES_WITHOUT_HELD_OUT_GAIN)


def test_an_unknown_rule_name_is_refused_with_the_known_ones():
    with pytest.raises(ValidationError, match="unknown stance rules.*figure_rule"):
        ReaderSettings(rules_left_out=["no_such_rule"])
    with pytest.raises(ValueError, match="unknown stance rules"):
        with rules_left_out(["no_such_rule"]):
            pass


def test_the_setting_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("CLAIMCHECK_READER__RULES_LEFT_OUT", '["negated_act", "other_date"]')
    assert Settings().reader.rules_left_out == ["negated_act", "other_date"]
