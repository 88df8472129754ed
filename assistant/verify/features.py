"""Numeric features of a claim and its judged evidence, for the confidence calibrator (calibration.py).

Every feature is something the rules already compute or a cue a fact-checker looks for: how relevant the
evidence is, what the sentence stances add up to, how the documented figures relate to the claimed ones
(agree, differ, count something else, early or restated), and cue words in the closest sentences
(revised, restated, differs, exception, negation). The rule verdict itself is a feature too, so the
calibrator learns when to trust it. Names are stable: calibration.json lists the names it was fitted with.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.verify.cues import CORRECTED, RESTATED
from assistant.verify.facets import ClaimFacets
from assistant.verify.misreading import misreading

ATTRIBUTION = re.compile(r"\b(says?|said|according to|reported|estimates?|counted|report|told|warned|found)\b", re.I)
HEDGE = re.compile(r"\b(about|around|roughly|nearly|almost|some|approximately|over|more than|at least|up to)\b", re.I)
SUPERLATIVE = re.compile(r"\b(highest|lowest|most|least|deadliest|largest|biggest|first|last|only|peak\w*|record|"
                         r"finished|ended|defeated|destroyed|all|every|never|always)\b", re.I)

VERDICTS = ("supported", "contradicted", "misleading", "conflicting", "not_enough_evidence")


@dataclass(frozen=True)
class Profile:
    """What decide() saw: the stances of the relevant evidence, the figure rows, and its own verdict."""

    claim: ClaimFacets
    evidence: list
    stances: list
    figures: list
    anchors_found: bool
    rule_verdict: str
    rule_confidence: float


def _max(values) -> float:
    return max(values, default=0.0)


def features(p: Profile) -> dict[str, float]:
    """The feature vector of one claim, by name."""
    f: dict[str, float] = {}
    claim = p.claim
    sims = sorted((e.similarity for e in p.evidence), reverse=True)
    f["sim_max"] = sims[0] if sims else 0.0
    f["sim_top3"] = sum(sims[:3]) / 3 if sims else 0.0
    f["n_relevant"] = min(1.0, len(p.stances) / 10)
    f["anchors_found"] = float(p.anchors_found)
    f["claim_has_number"] = float(bool(claim.quantities))
    f["claim_has_date"] = float(bool(claim.dates))
    f["claim_has_actor"] = float(bool(claim.actors))
    f["claim_has_place"] = float(bool(claim.places))
    f["claim_all_word"] = float(any(q[0] in ("all", "every", "each", "always", "never", "none") for q in claim.quantifiers))
    f["claim_negated"] = float(claim.negated)
    f["claim_attributed"] = float(bool(ATTRIBUTION.search(claim.text)))
    f["claim_hedged"] = float(bool(HEDGE.search(claim.text)))
    f["claim_superlative"] = float(bool(SUPERLATIVE.search(claim.text)))
    f["claim_long"] = min(1.0, len(claim.text.split()) / 40)

    weight = lambda s: s.strength * (1.15 if s.evidence.meta.primary else 1.0)  # noqa: E731
    for kind in ("supports", "contradicts", "misleading"):
        group = [s for s in p.stances if s.stance == kind]
        f[f"{kind}_top"] = _max(weight(s) for s in group)
        f[f"{kind}_sum"] = min(3.0, sum(weight(s) for s in group))
        f[f"{kind}_docs"] = min(3.0, len({s.evidence.doc_id for s in group if weight(s) >= 0.5}))
    f["misleading_nonfigure_top"] = _max(weight(s) for s in p.stances if s.stance == "misleading" and not s.matches)

    rows = [r for r in p.figures if r.weight >= 0.45]
    clean = [r for r in rows if r.agrees and not r.superseded and not r.other_thing]
    differ = [r for r in rows if not r.agrees and not r.superseded]
    f["fig_agree_top"] = _max(r.weight for r in clean)
    f["fig_differ_top"] = _max(r.weight for r in differ)
    f["fig_other_thing_top"] = _max(r.weight for r in rows if r.agrees and r.other_thing)
    f["fig_superseded_top"] = _max(r.weight for r in rows if r.agrees and r.superseded)
    clean_docs, differ_docs = {r.doc_id for r in clean}, {r.doc_id for r in differ}
    f["fig_agree_docs"] = min(3.0, len(clean_docs))
    f["fig_differ_docs"] = min(3.0, len(differ_docs))
    f["fig_differ_other_docs"] = min(3.0, len(differ_docs - clean_docs))
    f["fig_both_one_sentence"] = _max(r.weight for r in clean
                                      if any(d.stance is r.stance for d in differ))
    f["fig_both_one_doc"] = _max(r.weight for r in clean if r.doc_id in differ_docs)

    close = [s for s in p.stances if s.evidence.similarity >= 0.55]
    def cue(pattern: re.Pattern) -> float:
        return _max(s.evidence.similarity for s in close if pattern.search(s.evidence.text))
    f["cue_restated"] = cue(RESTATED)
    f["cue_corrected"] = cue(CORRECTED)
    f["cue_context_para"] = _max(s.evidence.similarity for s in close if s.evidence.text.startswith("Context"))
    f["cue_restated_with_figure"] = _max(r.weight for r in rows if RESTATED.search(r.stance.evidence.text))
    f["cue_corrected_with_figure"] = _max(r.weight for r in rows if CORRECTED.search(r.stance.evidence.text))

    on_topic = [s for s in p.stances if s.evidence.similarity >= 0.5 and s.reason != "about another event or subject"]
    found = [(misreading(claim.text, s.evidence.text), s) for s in on_topic]
    misread = [(m.overlap, s) for m, s in found if m is not None]
    f["misread_match"] = _max(o * s.evidence.similarity for o, s in misread if o >= 0.5)
    agree_docs = {r.doc_id for r in p.figures if r.agrees}
    f["misread_match_with_figure"] = _max(o * s.evidence.similarity for o, s in misread
                                          if o >= 0.5 and s.evidence.doc_id in agree_docs)
    f["misread_partial"] = _max(o * s.evidence.similarity for o, s in misread)

    for v in VERDICTS:
        f[f"rule_{v}"] = float(p.rule_verdict == v)
    f["rule_confidence"] = p.rule_confidence
    return f
