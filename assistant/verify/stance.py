"""The stance of one evidence sentence toward a claim: supports, contradicts, misleading, or neutral.

Rules, from the claim's facets against the sentence's facets (no model beyond the similarity score):
- a figure that agrees and counts the same thing supports; one that agrees but counts something else
  (survivors and dependants vs joiners) or sits in a caveat ("revised", "not the number") makes the
  claim misleading; a different figure for the same thing contradicts;
- an "all"/"every" claim met by an exception ("no group claimed", "5 of the 6") is misleading;
- a negation of the claimed act ("no group claimed it") contradicts a plain claim;
- another actor doing the claimed act, with the claimed actor absent, contradicts;
- a wrong date or year for the same event contradicts;
- otherwise a very close paraphrase with every anchor present supports.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from assistant.types import Evidence
from assistant.verify.compare import FigureMatch, match_figures, predicate_kinds
from assistant.verify.facets import ClaimFacets, extract_facets

Stance = str  # "supports" | "contradicts" | "misleading" | "neutral"

CAVEAT = re.compile(
    r"\b(not the number|not a count|rather than|not only|withdrawn|revised|revision|lowered|corrected|overstat\w*|"
    r"understat\w*|misquot\w*|misread|misdescrib\w*|mislead\w*|wrongly|falsely|false claim|not official|pro-isis|"
    r"pro-islamic state|of any group|any ideology|no evidence|inspired rather|not directed|exaggerat\w*|"
    r"does not|did not|is not|was not|were not|not all|only \d+ of|\d+ of the \d+|exception|none of)\b", re.I)
EXCEPTION = re.compile(r"\b(no group|not claimed|never claimed|unclaimed|no claim|\d+ of the \d+|except|"
                       r"not all|none of|only \d+|did not claim|no evidence)\b", re.I)
ALL_WORDS = {"all", "every", "each", "always", "none", "never"}
GENERIC_ACTORS = {"isis"}


@dataclass
class StanceResult:
    evidence: Evidence
    stance: Stance
    strength: float  # 0-1, how strongly the sentence bears on the claim
    reason: str
    matches: list[FigureMatch] = field(default_factory=list)
    facets: ClaimFacets | None = None


def _reference(e: Evidence) -> dt.date | None:
    for value in (e.meta.published, e.meta.as_of):
        try:
            return dt.date.fromisoformat(value[:10])
        except (TypeError, ValueError):
            continue
    return None


def _dates_overlap(a, b) -> bool:
    return a.start <= b.end and b.start <= a.end


def _canon(mentions) -> set[str]:
    return {m.canonical for m in mentions}


def judge_sentence(claim: ClaimFacets, e: Evidence) -> StanceResult:
    ef = extract_facets(e.text, _reference(e))
    rel = max(0.0, min(1.0, e.similarity))
    claim_kinds, ev_kinds = predicate_kinds(claim.predicates), predicate_kinds(ef.predicates)
    caveat = bool(CAVEAT.search(e.text))
    result = StanceResult(e, "neutral", rel, "", facets=ef)
    claim_places, ev_places = _canon(claim.places), _canon(ef.places)
    if claim_places and ev_places and not (claim_places & ev_places):
        return _set(result, "neutral", rel * 0.5, "about another place")

    # 1. Figures.
    if claim.quantities and ef.quantities:
        matches = [match_figures(cq, eq, claim_kinds, ev_kinds) for cq in claim.quantities for eq in ef.quantities]
        result.matches = matches
        agreeing = [m for m in matches if m.numbers_agree and m.same_measure]
        if any(m.counts_other_thing for m in agreeing):
            m = next(m for m in agreeing if m.counts_other_thing)
            return _set(result, "misleading", rel, f"the figure {m.documented.text} counts {m.documented.counted or 'something else'}")
        if agreeing and caveat:
            return _set(result, "misleading", rel * 0.9, "the source qualifies this figure")
        if agreeing and (not claim_kinds or not ev_kinds or claim_kinds & ev_kinds):
            return _set(result, "supports", rel, f"the source gives {agreeing[0].documented.text}")
        differing = [m for m in matches if not m.numbers_agree and m.same_measure and measure_known(m)
                     and (claim_kinds & ev_kinds or not claim_kinds)]
        if differing and not agreeing and rel >= 0.55:
            m = differing[0]
            return _set(result, "contradicts", rel * 0.9, f"the source gives {m.documented.text}, not {m.claimed.text}")

    # 2. Over-generalisation: "all" claims met by an exception.
    claim_words = {q[0] for q in claim.quantifiers}
    if claim_words & ALL_WORDS and EXCEPTION.search(e.text) and rel >= 0.5:
        return _set(result, "misleading", rel, "the sources record an exception to 'all'")

    # 3. Negation of the claimed act.
    if not claim.negated and ef.negated and claim_kinds & ev_kinds and rel >= 0.6 and \
            (_canon(claim.places) & _canon(ef.places) or not claim.places):
        if claim_words & ALL_WORDS:
            return _set(result, "misleading", rel, "the sources record an exception")
        return _set(result, "contradicts", rel * 0.9, "the source says this did not happen")

    # 4. Another actor.
    claim_actors = _canon(claim.actors) - GENERIC_ACTORS
    ev_actors = _canon(ef.actors)
    if claim_actors and not (claim_actors & ev_actors) and "isis" in ev_actors and claim_kinds & ev_kinds \
            and rel >= 0.6 and _canon(claim.places) & _canon(ef.places):
        return _set(result, "contradicts", rel * 0.85, "the source names another actor")

    # 5. Wrong date for the same event.
    if claim.dates and ef.dates and _canon(claim.places) & _canon(ef.places) and rel >= 0.6:
        if not any(_dates_overlap(cd, ed) for cd in claim.dates for ed in ef.dates):
            return _set(result, "contradicts", rel * 0.8, "the source dates this differently")

    # 6. Close paraphrase.
    if caveat and rel >= 0.6:
        return _set(result, "misleading", rel * 0.7, "the source adds a caveat")
    if rel >= 0.72 and not claim.quantities and anchors_present(claim, e.text):
        return _set(result, "supports", rel * 0.9, "the source states this")
    return result


def measure_known(m: FigureMatch) -> bool:
    from assistant.verify.compare import measure_of

    return bool(measure_of(m.claimed)) and bool(measure_of(m.documented))


def anchors_present(claim: ClaimFacets, text: str) -> bool:
    """Every place and non-generic actor of the claim is named in the text."""
    ef = extract_facets(text)
    wanted = (_canon(claim.places) | (_canon(claim.actors) - GENERIC_ACTORS))
    return wanted <= (_canon(ef.places) | _canon(ef.actors))


def _set(result: StanceResult, stance: Stance, strength: float, reason: str) -> StanceResult:
    result.stance, result.strength, result.reason = stance, max(0.0, min(1.0, strength)), reason
    return result
