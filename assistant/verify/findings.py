"""Per-sentence findings: what one evidence sentence says about the claim, and what decided it.

Each sentence is read by the stance model (reader/model.py). Exact checks stay rule-based where exact beats
learned: a figure for the same measure (with its qualifier and what it counts) agrees, differs, or counts
another thing (compare.py); a source that rejects the claim's very wording (misreading.py). The rule engine's
sentence stance is kept beside them as evidence for the aggregator, never shown as the model's word.

A finding records who produced its stance (``Producer``) and the named check, so ``--json`` and the eval
report can say why a sentence counted for or against the claim.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from assistant.types import Evidence
from assistant.verify.compare import FigureMatch
from assistant.verify.figure_base import FigureEvidence
from assistant.verify.figure_table import generic_label
from assistant.verify.reader.model import StanceProbs
from assistant.verify.stance import StanceResult


class Stance(StrEnum):
    SUPPORTS = "supports"
    CONTRADICTS = "contradicts"
    MISLEADING = "misleading"
    NEUTRAL = "neutral"


class Producer(StrEnum):
    MODEL = "model"
    FIGURE = "figure_check"
    RULE = "rule"


# The model "states the claim" above this entailment probability: such a sentence is never cited against it.
STATES_CLAIM = 0.8
# The model's stance counts above this probability; below it the sentence is neutral.
MODEL_FLOOR = 0.5


@dataclass
class Finding:
    index: int  # into the evidence list
    evidence: Evidence
    probs: StanceProbs
    stance: Stance
    produced_by: Producer
    check: str  # the named check or rule ("figure_differs", "misreading", ...); "" for the model
    reason: str  # a clause for the explanation: "gives more than 40,000 foreign fighters, not 30,000"
    figure: FigureMatch | None = None
    rule: StanceResult | None = None
    states_claim: bool = False  # the model says the sentence states the claim (never cited against it)

    def as_dict(self) -> dict:
        return {"stance": str(self.stance), "produced_by": str(self.produced_by), "check": self.check,
                "read_by_model": self.check not in SCOPE_CHECKS,
                "entailment": round(self.probs.entailment, 3), "neutral": round(self.probs.neutral, 3),
                "contradiction": round(self.probs.contradiction, 3)}


RELATION = {"supports": "figure_matches", "contradicts": "figure_differs", "misleading": "figure_counts_other_thing"}


def _figure(rule: StanceResult | None) -> FigureMatch | None:
    """The figure the exact check compared for the claim's measure, when the check's outcome is the sentence's
    stance: agreeing for supports, differing for contradicts, counting another thing for misleading. A figure
    of another act ("travelled" for a claim of "returned") decides nothing."""
    if rule is None or rule.stance not in RELATION:
        return None
    wanted = {"supports": lambda m: m.numbers_agree and not m.counts_other_thing,
              "contradicts": lambda m: not m.numbers_agree and not m.counts_other_thing,
              "misleading": lambda m: m.counts_other_thing}[rule.stance]
    return next((m for m in rule.matches if m.same_measure and wanted(m)), None)


GENERIC_HEADS = {"", "person", "people", "individual"}


def like_with_like(m: FigureMatch) -> bool:
    """The two figures count the same kind of thing: the same head noun ("fighters" and "fighters"), or one of
    them a bare count of people. Only such figures are rivals ("5,000 travellers" is no count of fighters)."""
    a, b = m.claimed.counted_head.lower(), m.documented.counted_head.lower()
    return a == b or a in GENERIC_HEADS or b in GENERIC_HEADS


def _counted(q) -> str:
    named = q.counted and not generic_label(q.counted) and q.counted not in q.text
    return f"{q.text} {q.counted}".strip() if named else q.text


def superseded_finding(i: int, e: Evidence, p: StanceProbs, rule: StanceResult | None,
                       row: FigureEvidence | None) -> Finding | None:
    """An early or later-revised figure ("first reports gave 84", "revised down"): the claim's figure when it
    repeats one is true only in part; when the early figure is another number it is no rival."""
    if row is None or not row.superseded or row.match is None or not row.agrees:
        return None
    return Finding(i, e, p, Stance.MISLEADING, Producer.FIGURE, "figure_superseded",
                   f"gives {_counted(row.match.documented)} as an early or since-revised figure", row.match, rule)


def figure_finding(i: int, e: Evidence, p: StanceProbs, rule: StanceResult | None,
                   states: float = STATES_CLAIM, row: FigureEvidence | None = None) -> Finding | None:
    """An exact figure check, when the sentence gives a figure for the claim's measure. Only like is compared
    with like: a figure that counts another thing is named as such, never as a rival number; an early figure
    later revised is no rival either."""
    m = _figure(rule)
    if row is not None and row.superseded:
        return None
    if m is None:
        return other_thing_finding(i, e, p, rule)
    check = RELATION[rule.stance]
    if check == "figure_counts_other_thing":
        return Finding(i, e, p, Stance.MISLEADING, Producer.FIGURE, check,
                       f"gives {_counted(m.documented)}: a count of something other than the claim's "
                       f"{_counted(m.claimed)}", m, rule)
    if check == "figure_matches":
        if p.contradiction >= states:
            return None  # the figure agrees but the model reads the sentence against the claim: the model decides
        return Finding(i, e, p, Stance.SUPPORTS, Producer.FIGURE, check, f"gives {_counted(m.documented)}", m, rule)
    if p.entailment >= states or not like_with_like(m):
        return None  # a sentence the model says states the claim is never cited against it; nor another count
    return Finding(i, e, p, Stance.CONTRADICTS, Producer.FIGURE, check,
                   f"gives {_counted(m.documented)}, not {m.claimed.text}", m, rule)


def other_thing_finding(i: int, e: Evidence, p: StanceProbs, rule: StanceResult | None) -> Finding | None:
    """The claim's number, given by the sentence for another thing ("about 1,500 had returned", of people who
    travelled, for a claim of 1,500 fighters), where no figure of the sentence agrees for the claim's own
    measure: the claim is true only in part, whatever the rule engine's stance on the sentence."""
    if rule is None or any(m.same_measure and m.numbers_agree for m in rule.matches):
        return None
    m = next((m for m in rule.matches if m.counts_other_thing and m.numbers_agree), None)
    if m is None:
        return None
    return Finding(i, e, p, Stance.MISLEADING, Producer.FIGURE, "figure_counts_other_thing",
                   f"gives {_counted(m.documented)}: a count of something other than the claim's "
                   f"{_counted(m.claimed)}", m, rule)


def misreading_finding(i: int, e: Evidence, p: StanceProbs, rule: StanceResult | None) -> Finding | None:
    """The source rejects the very wording the claim repeats ("not the number who joined")."""
    if rule is None or not rule.misreading or rule.stance not in ("misleading", "contradicts"):
        return None
    return Finding(i, e, p, Stance(rule.stance), Producer.RULE, "misreading", rule.reason, None, rule)


def caveat_finding(i: int, e: Evidence, p: StanceProbs, rule: StanceResult | None) -> Finding | None:
    """A named rule of the rule engine found the sentence qualifies the claim (a caveat the claim leaves out,
    an exception to its "all"): true in part. Shown as that rule, never as the model's reading."""
    if rule is None or rule.stance != "misleading":
        return None
    return Finding(i, e, p, Stance.MISLEADING, Producer.RULE, "rule_caveat", rule.reason, None, rule)


# The exact scope checks (event_scope.py, periods.py): a sentence about another event, place, year or period
# says nothing about the claim, whatever it says about its own subject (the model reads "Stockholm killed 5"
# against "Nice killed 86").
OTHER_SCOPE = {"about another event or subject": "other_event", "figures for another place": "other_place",
               "ranks another year": "other_year"}


# A count's sentence dated only in another period than the claim's count (periods.py): the model may read "57
# attacks reported for 2020" against "three right-wing attacks in 2021", but it says nothing about 2021.
OTHER_PERIOD = "other_period"
SCOPE_CHECKS = frozenset(OTHER_SCOPE.values()) | {OTHER_PERIOD}


# Put about another subject only because it names few of the claim's names: not an exact check, so the model
# still reads the sentence and its stance stands; the aggregator weighs such readings apart (aggregate.py).
FEW_NAMES = "few_names"


def _set_aside(rule: StanceResult | None) -> bool:
    return rule is not None and rule.stance == "neutral" and rule.reason in OTHER_SCOPE


def out_of_scope(rule: StanceResult | None) -> bool:
    """The exact scope check found the sentence is about another event, place or year."""
    return _set_aside(rule) and not rule.loose_scope


def few_names(rule: StanceResult | None) -> bool:
    """The rule engine set the sentence aside only for naming few of the claim's names."""
    return _set_aside(rule) and rule.loose_scope


def scope_finding(i: int, e: Evidence, p: StanceProbs, rule: StanceResult | None) -> Finding | None:
    """Neutral when the exact scope check finds the sentence is about another event, place or year."""
    if not out_of_scope(rule):
        return None
    return Finding(i, e, p, Stance.NEUTRAL, Producer.RULE, OTHER_SCOPE[rule.reason], rule.reason, None, rule)


def model_finding(i: int, e: Evidence, p: StanceProbs, rule: StanceResult | None,
                  floor: float = MODEL_FLOOR, elsewhere: bool = False) -> Finding:
    """The stance model's reading: entails -> supports, contradicts -> contradicts, else neutral. A contradiction
    read in a sentence dated only in another period than the claim's count (``elsewhere``) is no evidence
    against the claim: neutral, by the period check. A sentence that names few of the claim's names keeps the
    model's stance under the check ``few_names``."""
    if few_names(rule):
        f = model_finding(i, e, p, None, floor, elsewhere)
        f.check, f.rule = f.check or FEW_NAMES, rule
        return f
    if p.entailment >= floor and p.entailment >= p.contradiction:
        return Finding(i, e, p, Stance.SUPPORTS, Producer.MODEL, "", "states the claim", None, rule)
    if p.contradiction >= floor and elsewhere:
        return Finding(i, e, p, Stance.NEUTRAL, Producer.RULE, OTHER_PERIOD, "about another period", None, rule)
    if p.contradiction >= floor:
        return Finding(i, e, p, Stance.CONTRADICTS, Producer.MODEL, "", "says otherwise", None, rule)
    return Finding(i, e, p, Stance.NEUTRAL, Producer.MODEL, "", "", None, rule)


def build_findings(evidence: list[Evidence], probs: list[StanceProbs], rules: dict[int, StanceResult],
                   states: float = STATES_CLAIM, floor: float = MODEL_FLOOR,
                   rows: dict[int, FigureEvidence] | None = None, elsewhere: set[int] | None = None) -> list[Finding]:
    """One finding per evidence sentence: the source's rejection of the claim's wording, else an exact figure
    check, else the model. ``rules`` maps an evidence index to the rule engine's stance on that sentence,
    ``rows`` to its figure row (which knows early and revised figures); ``elsewhere`` holds the sentences dated
    only in another period than the claim's count."""
    out = []
    rows, elsewhere = rows or {}, elsewhere or set()
    for i, (e, p) in enumerate(zip(evidence, probs)):
        r, row = rules.get(i), rows.get(i)
        f = (misreading_finding(i, e, p, r) or superseded_finding(i, e, p, r, row)
             or figure_finding(i, e, p, r, states, row) or scope_finding(i, e, p, r) or caveat_finding(i, e, p, r)
             or model_finding(i, e, p, r, floor, i in elsewhere))
        f.states_claim = p.entailment >= states
        out.append(f)
    return out
