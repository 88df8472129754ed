"""What the stance rules of stance.py share: the result type, the thresholds, and the context computed once per
claim and sentence (``StanceContext``), the parts that only some rules need computed on first use."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cached_property

from assistant.types import Evidence
from assistant.verify.compare import FigureMatch, predicate_kinds
from assistant.verify.cues import acquitted_near, caveat_on, reporter_places
from assistant.verify.event_scope import (IMPLIED_PLACES, anchor_coverage, expand_places, negated_kinds,
                                          period_dates, scope_compatible)
from assistant.verify.facets import ClaimFacets
from assistant.verify.facets import sentence_facets as extract_facets
from assistant.verify.figure_checks import number_in
from assistant.verify.measures import PREDICATE_KINDS
from assistant.verify.periods import document_periods
from assistant.verify.trend import claimed_trend

Stance = str  # "supports" | "contradicts" | "misleading" | "neutral"

CLOSE_PARAPHRASE = 0.8  # a sentence this close to a claim, with its facets, states it even in other words
MISREADING_OVERLAP = 0.6  # share of a rejected wording the claim must repeat
STATES, DATED_OTHERWISE = "states this", "dates this differently"  # reasons the engine weighs against each other
GENERIC_ACTORS = {"isis"}
LENGTH_RATIO = 1.5  # a length within this factor of the documented one ("about 500 m" for 450 m) is no other length
SWAP_RELEVANCE = 0.55  # a sentence must be this close to the claim to refill one of its frames


def _name_words(name: str) -> set[str]:
    """The lowercased words of a name, as anchors are written."""
    return {w.lower() for w in re.findall(r"[A-Za-z][\w'’-]*", name)} | {w.lower() for w in re.findall(r"[A-Za-z]\w*", name)}


@dataclass
class StanceResult:
    evidence: Evidence
    stance: Stance
    strength: float  # 0-1, how strongly the sentence bears on the claim
    reason: str
    matches: list[FigureMatch] = field(default_factory=list)
    facets: ClaimFacets | None = None
    misreading: str = ""  # the wording the sentence rejects and the claim repeats, if any
    swapped: frozenset[str] = frozenset()  # words of a claim's name the sentence replaces with another
    # the sentence was put about another subject only because it names few of the claim's names (a relevance
    # heuristic, not an exact check of place, year or event): the reader still lets the model read it
    loose_scope: bool = False


def _reference(e: Evidence) -> dt.date | None:
    """The date the evidence was published (or is current as of), if it gives one."""
    for value in (e.meta.published, e.meta.as_of):
        try:
            return dt.date.fromisoformat(value[:10])
        except (TypeError, ValueError):
            continue
    return None


def _canon(mentions) -> set[str]:
    """The canonical names of entity mentions."""
    return {m.canonical for m in mentions}


def _set(result: StanceResult, stance: Stance, strength: float, reason: str) -> StanceResult:
    """Give the result its stance, its strength (clamped to 0-1) and its reason."""
    result.stance, result.strength, result.reason = stance, max(0.0, min(1.0, strength)), reason
    return result


@dataclass
class StanceContext:
    """The claim, the sentence and the facts about both that the rules share."""

    claim: ClaimFacets
    e: Evidence
    anchors: set[str]  # the names the claim gives for its event (empty when none)
    document: str  # the text of the other passages of the sentence's document
    ef: ClaimFacets  # the sentence's facets
    rel: float  # the sentence's relevance; the figure rule raises it for a sentence naming the claim's event
    result: StanceResult  # the neutral result the rules fill in
    claim_kinds: set[str]
    ev_kinds: set[str]
    caveat: object  # the caveat the sentence puts on the claim, if any
    claim_places: set[str]
    ev_places: set[str]  # the sentence's places, less those of its reporters
    title_places: set[str]
    coverage: float  # share of the anchors the sentence and its title name
    place_hit: bool  # the sentence or its title names a claimed place (or one inside it)

    @property
    def where(self) -> str:
        """The sentence with its document's title, where names are looked for."""
        return f"{self.e.text} {self.e.meta.title}"

    @cached_property
    def on_topic(self) -> bool:
        """The sentence names most anchors and a claimed place, if the claim has one."""
        return self.coverage >= 0.5 and (not self.claim_places or self.place_hit)

    @cached_property
    def floor(self) -> float:
        """The relevance a contradiction needs (higher off topic)."""
        return 0.45 if self.on_topic else 0.55

    @cached_property
    def same_act(self) -> bool:
        """Claim and sentence share a kind of act."""
        return bool(self.claim_kinds & self.ev_kinds)

    @cached_property
    def ev_dates(self):
        """The periods the sentence's dates describe."""
        return period_dates(self.e.text, self.ef.dates)

    @cached_property
    def doc_periods(self):
        """The period an undated figure of the sentence describes: its document title's dates, else the year
        its figures are as of."""
        return document_periods(self.e.meta, extract_facets(self.e.meta.title).dates)

    @cached_property
    def title_names_event(self) -> bool:
        """The document's title names the claim's event (an attack's later trial names the attack): its undated
        sentences may speak of the claim's period whatever the title's dates."""
        return bool(self.anchors) and anchor_coverage(self.anchors, self.e.meta.title) >= 0.5

    @cached_property
    def ev_scope(self) -> set[str]:
        """The places that scope the sentence's figures: Syria and Iraq alone do not place a figure for a claim
        about another place (fighters from Germany are counted there): the title names that place."""
        if self.claim_places - IMPLIED_PLACES and not self.ev_places - IMPLIED_PLACES:
            return self.ev_places | self.title_places
        return self.ev_places or self.title_places

    @cached_property
    def scope_ok(self) -> bool:
        """The sentence's figures are for the claim's place (or its named event)."""
        return scope_compatible(self.claim_places, self.ev_scope) or (
            not self.claim_places and bool(self.anchors) and self.coverage >= 0.5)

    @cached_property
    def claim_periods(self):
        """The periods the claim's figures describe: a report's name ("TE-SAT 2019", "GTI 2015") dates no figure."""
        return period_dates(self.claim.text, self.claim.dates) or self.claim.dates

    @cached_property
    def claim_quantities(self) -> list:
        """The claim's figures, other than its years (and, where it has others, other than ones and zeros)."""
        years = {d.start.year for d in self.claim.dates}
        qs = self.claim.quantities
        return [q for q in qs if (q.value > 1 or q.is_percent) and q.value not in years] \
            or [q for q in qs if q.value not in years]

    @cached_property
    def echoed(self) -> bool:
        """The sentence gives every figure of the claim, as a figure or inside a word ("32-year-old",
        "four-month"); the figure rule may set it."""
        return bool(self.claim_quantities) and all(number_in(self.claim.text, q, self.e.text, self.ef.dates)
                                                   for q in self.claim_quantities)

    @cached_property
    def claim_words(self) -> set[str]:
        """The claim's quantifier words ("all", "every", ...)."""
        return {q[0] for q in self.claim.quantifiers}

    @cached_property
    def trend(self):
        """The trend the claim asserts, if any."""
        return claimed_trend(self.claim.text)

    @cached_property
    def claim_negated(self) -> set[str]:
        """The kinds of act the claim negates."""
        return negated_kinds(self.claim.text, self.claim.predicates, PREDICATE_KINDS)

    @cached_property
    def ev_negated(self) -> set[str]:
        """The kinds of act the sentence negates; an acquittal of the claim's names negates a conviction."""
        e = self.e
        negated = negated_kinds(e.text, self.ef.predicates, PREDICATE_KINDS,
                                self.claim_places if len(self.ev_places) > 1 else None)
        if "convicted" in self.claim_kinds and acquitted_near(e.text, self.anchors - GENERIC_ACTORS):
            negated = negated | {"convicted"}  # "the brothers Smail and Ibrahim Farisi were acquitted"
        return negated


def build_context(claim: ClaimFacets, e: Evidence, anchors: set[str] | None, document: str) -> StanceContext:
    """The context of one sentence's judgement, computed as judge_sentence needs it first."""
    ef = extract_facets(e.text, _reference(e))
    rel = max(0.0, min(1.0, e.similarity))
    claim_kinds, ev_kinds = predicate_kinds(claim.predicates), predicate_kinds(ef.predicates)
    caveat = caveat_on(e.text, None, claim.text)
    result = StanceResult(e, "neutral", rel, "", facets=ef)
    claim_places, ev_places = _canon(claim.places), _canon(ef.places)
    ev_places -= reporter_places(e.text, ef.places, claim_places)
    title_places = _canon(extract_facets(e.meta.title).places)
    anchors = anchors or set()
    coverage = anchor_coverage(anchors, f"{e.text} {e.meta.title}")
    place_hit = bool(claim_places & expand_places(ev_places | title_places))
    return StanceContext(claim, e, anchors, document, ef, rel, result, claim_kinds, ev_kinds, caveat,
                         claim_places, ev_places, title_places, coverage, place_hit)
