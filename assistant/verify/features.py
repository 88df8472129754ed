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


def _weight(s) -> float:
    """A stance's weight: its strength, more for a primary source (as figures.weight)."""
    return s.strength * (1.15 if s.evidence.meta.primary else 1.0)


def _evidence_features(p: Profile) -> dict[str, float]:
    """How relevant the evidence is, and whether it names the claim's anchors."""
    sims = sorted((e.similarity for e in p.evidence), reverse=True)
    return {"sim_max": sims[0] if sims else 0.0,
            "sim_top3": sum(sims[:3]) / 3 if sims else 0.0,
            "n_relevant": min(1.0, len(p.stances) / 10),
            "anchors_found": float(p.anchors_found)}


def _claim_features(p: Profile) -> dict[str, float]:
    """What the claim asserts and how it is worded."""
    claim = p.claim
    return {"claim_has_number": float(bool(claim.quantities)),
            "claim_has_date": float(bool(claim.dates)),
            "claim_has_actor": float(bool(claim.actors)),
            "claim_has_place": float(bool(claim.places)),
            "claim_all_word": float(any(q[0] in ("all", "every", "each", "always", "never", "none")
                                        for q in claim.quantifiers)),
            "claim_negated": float(claim.negated),
            "claim_attributed": float(bool(ATTRIBUTION.search(claim.text))),
            "claim_hedged": float(bool(HEDGE.search(claim.text))),
            "claim_superlative": float(bool(SUPERLATIVE.search(claim.text))),
            "claim_long": min(1.0, len(claim.text.split()) / 40)}


def _stance_features(p: Profile) -> dict[str, float]:
    """What the sentence stances add up to, per kind."""
    f: dict[str, float] = {}
    for kind in ("supports", "contradicts", "misleading"):
        group = [s for s in p.stances if s.stance == kind]
        f[f"{kind}_top"] = _max(_weight(s) for s in group)
        f[f"{kind}_sum"] = min(3.0, sum(_weight(s) for s in group))
        f[f"{kind}_docs"] = min(3.0, len({s.evidence.doc_id for s in group if _weight(s) >= 0.5}))
    f["misleading_nonfigure_top"] = _max(_weight(s) for s in p.stances if s.stance == "misleading" and not s.matches)
    return f


def _strong_rows(p: Profile) -> list:
    """The figure rows at or above the relevance floor."""
    return [r for r in p.figures if r.weight >= 0.45]


def _figure_features(p: Profile) -> dict[str, float]:
    """How the documented figures relate to the claimed ones."""
    rows = _strong_rows(p)
    clean = [r for r in rows if r.agrees and not r.superseded and not r.other_thing]
    differ = [r for r in rows if not r.agrees and not r.superseded]
    clean_docs, differ_docs = {r.doc_id for r in clean}, {r.doc_id for r in differ}
    return {"fig_agree_top": _max(r.weight for r in clean),
            "fig_differ_top": _max(r.weight for r in differ),
            "fig_other_thing_top": _max(r.weight for r in rows if r.agrees and r.other_thing),
            "fig_superseded_top": _max(r.weight for r in rows if r.agrees and r.superseded),
            "fig_agree_docs": min(3.0, len(clean_docs)),
            "fig_differ_docs": min(3.0, len(differ_docs)),
            "fig_differ_other_docs": min(3.0, len(differ_docs - clean_docs)),
            "fig_both_one_sentence": _max(r.weight for r in clean if any(d.stance is r.stance for d in differ)),
            "fig_both_one_doc": _max(r.weight for r in clean if r.doc_id in differ_docs)}


def _cue_features(p: Profile) -> dict[str, float]:
    """Cue words (restated, corrected, a Context note) in the closest sentences and the figures' sentences."""
    close = [s for s in p.stances if s.evidence.similarity >= 0.55]
    rows = _strong_rows(p)

    def cue(pattern: re.Pattern) -> float:
        return _max(s.evidence.similarity for s in close if pattern.search(s.evidence.text))
    return {"cue_restated": cue(RESTATED),
            "cue_corrected": cue(CORRECTED),
            "cue_context_para": _max(s.evidence.similarity for s in close if s.evidence.text.startswith("Context")),
            "cue_restated_with_figure": _max(r.weight for r in rows if RESTATED.search(r.stance.evidence.text)),
            "cue_corrected_with_figure": _max(r.weight for r in rows if CORRECTED.search(r.stance.evidence.text))}


def _misreading_features(p: Profile) -> dict[str, float]:
    """How closely the claim repeats a wording an on-topic sentence rejects."""
    on_topic = [s for s in p.stances if s.evidence.similarity >= 0.5 and s.reason != "about another event or subject"]
    found = [(misreading(p.claim.text, s.evidence.text), s) for s in on_topic]
    misread = [(m.overlap, s) for m, s in found if m is not None]
    agree_docs = {r.doc_id for r in p.figures if r.agrees}
    return {"misread_match": _max(o * s.evidence.similarity for o, s in misread if o >= 0.5),
            "misread_match_with_figure": _max(o * s.evidence.similarity for o, s in misread
                                              if o >= 0.5 and s.evidence.doc_id in agree_docs),
            "misread_partial": _max(o * s.evidence.similarity for o, s in misread)}


def _rule_features(p: Profile) -> dict[str, float]:
    """The rule verdict (one indicator per verdict) and its confidence."""
    f = {f"rule_{v}": float(p.rule_verdict == v) for v in VERDICTS}
    f["rule_confidence"] = p.rule_confidence
    return f


FEATURE_GROUPS = (_evidence_features, _claim_features, _stance_features, _figure_features, _cue_features,
                  _misreading_features, _rule_features)


def features(p: Profile) -> dict[str, float]:
    """The feature vector of one claim, by name."""
    f: dict[str, float] = {}
    for group in FEATURE_GROUPS:
        f.update(group(p))
    return f
