"""What figures.py builds on: the figure row (FigureEvidence), its weight, and the tests that compare two rows
(rival, revision, earlier point, scope, definition) or read a sentence (disputes, restated)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.verify.compare import FigureMatch, restrictions
from assistant.verify.cues import REGIONS, RESTATED
from assistant.verify.event_scope import (CITY_COUNTRY, IMPLIED_PLACES, expand_places, period_dates,
                                          periods_compatible, quantity_period)
from assistant.verify.facets import ClaimFacets
from assistant.verify.facets import sentence_facets as extract_facets
from assistant.verify.figure_checks import measure_known
from assistant.verify.stance import StanceResult

MIN_RELEVANCE = 0.45  # evidence less similar to the claim than this is not judged at all
SIBLING_RELEVANCE = 0.3  # ...except, down to this, for another count in a document that gives the claim's thing
PRIMARY_WEIGHT = 1.15  # a primary source's sentence weighs this much more
RIVAL_RATIO = (0.4, 2.5)  # a rival figure is within this factor of the agreeing one
QUALIFIED_SHARE = 0.9  # a caveated figure outweighs a plain one unless clearly weaker
CLOSE_RIVAL_RATIO = (0.8, 1.25)  # ...and this close when no sentence says the sources differ
DEFINITION_RATIO = (0.15, 6.7)  # ...or this far apart when the two count regions defined differently (EU vs Europe)
TRAVEL_MEASURES = {"people_abroad", "dependants", "returnees", "strength"}  # counts of people who went to the conflict
# Counts of persons whose act only the verb gives (unlike "deaths" or "arrests", which name their act).
HEADCOUNTS = {"people_abroad", "dependants", "people", "strength"}
# Bodies that count and report figures: naming one does not make a figure about another group.
REPORTERS = {"un", "un-monitoring-team", "cted", "europol", "interpol", "soufan", "icsr"}
# A sentence that says the sources themselves disagree ("the difference comes from the switch to a new database").
# A sentence that puts the difference between two figures down to how they were counted, not to an error
# ("depends on the edition quoted", "because the database is revised each year"): both stand.
COUNTING_BASIS = re.compile(r"\b(?:editions?|databases?|definitions?|defined|counting rules?|methodolog\w*|"
                            r"depends? on)\b", re.I)
DISPUTED = re.compile(r"\b(?:differs? between|the difference (?:comes|is due|reflects|arises)|disagree\w*|"
                      r"(?:sources|editions|accounts) (?:differ|disagree|vary))\b", re.I)

PART_OF = re.compile(r"\s+of\s+(?:the|its|their|these|those)\b", re.I)  # "13 of the attacks": a part, not a total


def weight(s: StanceResult) -> float:
    """How much a sentence's stance counts: its strength, more for a primary source."""
    return s.strength * (PRIMARY_WEIGHT if s.evidence.meta.primary else 1.0)


@dataclass
class FigureEvidence:
    """One documented figure compared with the claim's, with the sentence's weight and document."""

    doc_id: str
    weight: float
    agrees: bool
    other_thing: bool
    superseded: bool  # an early or qualified figure ("first reports gave 13", "revised down")
    stance: StanceResult
    reason: str = ""
    match: FigureMatch | None = None
    known: bool = True  # both figures' measures are known (an unlabelled figure cannot contradict)
    other_actor: bool = False  # the sentence names actors, none of them the claim's (Boko Haram's toll vs ISIS's)


def rival(agreeing: FigureEvidence, differing: FigureEvidence, within: tuple[float, float] | None = None,
          change: bool = False) -> bool:
    """A differing figure that rivals an agreeing one: a count of the same thing, of the same order of
    magnitude (32 vs 35 dead, 41,490 vs 52,808 joiners; not 3 bombers vs 32 dead). The caller also asks for a
    sentence that records the disagreement ("restated", "instead cite", "differs between sources"), unless
    two documents give close rival figures (32,685 vs 33,555 deaths)."""
    a, d = agreeing.match, differing.match
    known = measure_known(d) if d is not None else False
    if a is None or d is None or not a.documented.value or not (known or differing.stance is agreeing.stance):
        return False
    if differing.other_actor:  # another group's figure is no rival value for the claim's group
        return False
    if (a.claimed.start, a.claimed.end) != (d.claimed.start, d.claimed.end):
        return False  # figures answering two different claimed figures ("five attacks", "36 dead") are no rivals
    if earlier_point(differing) != earlier_point(agreeing):
        return False  # "8,202 returnees, compared with 7,366 a year earlier": the count of another time, no rival
    pa_, pd_ = _period(agreeing), _period(differing)
    if not change and _yearly(pa_) and _yearly(pd_) and not periods_compatible(pa_, pd_):
        return False  # a count for another year ("seven attacks in 2018, compared with ten in 2017") is no rival
    pa, pd = _scope(agreeing), _scope(differing)
    if a.claimed_measure in TRAVEL_MEASURES:  # fighters' counts are about Syria and Iraq whether named or not
        pa, pd = pa - IMPLIED_PLACES, pd - IMPLIED_PLACES
    if bool(pa) != bool(pd) or (pa and not (pa & expand_places(pd) or pd & expand_places(pa))):
        return False  # a figure for Iraq is no rival to a worldwide one
    if restrictions(d.documented) - restrictions(a.documented) - restrictions(d.claimed):
        return False  # a narrower count ("8 foiled jihadist attacks" beside "15 attacks") is a part, not a rival
    ratio = d.documented.value / a.documented.value
    low, high = within or RIVAL_RATIO
    return low <= ratio <= high


_REVISED_TO = re.compile(r"\b(?:revised|corrected|lowered|raised|put)\b[^.;]{0,50}\b(?:down |up )?to\s*$", re.I)


def revises(row: FigureEvidence) -> bool:
    """The row's figure is a revision of an earlier one: "revised the toll down to about 253"."""
    if row.match is None:
        return False
    text = row.stance.evidence.text
    return bool(_REVISED_TO.search(text[max(0, row.match.documented.start - 70):row.match.documented.start]))


def _period(row: FigureEvidence) -> list:
    """The dates the row's documented figure describes, as its sentence gives them."""
    f, text = row.stance.facets, row.stance.evidence.text
    return quantity_period(text, row.match.documented, period_dates(text, f.dates)) if f is not None else []


# A figure given as the value of an earlier time, to compare with: "compared with 7,366 a year earlier",
# "up from 13 the year before", "against 410 the previous year".
EARLIER_AFTER = re.compile(r"^[^,;:.]{0,25}?\b(?:(?:a|one|the) (?:year|month|decade) (?:earlier|before|previously)|"
                           r"the (?:previous|preceding|prior) (?:year|month|edition|report))\b", re.I)


def earlier_point(row: FigureEvidence) -> bool:
    """The row's figure is the value of an earlier time, given for comparison."""
    return row.match is not None and bool(EARLIER_AFTER.search(row.stance.evidence.text[row.match.documented.end:]))


def _yearly(dates: list) -> bool:
    """Whole years ("in 2017"): a year's count; a month or day ("in July 2018") may date a report of a running total."""
    return bool(dates) and all(d.granularity == "year" for d in dates)


def _scope(row: FigureEvidence) -> set[str]:
    """The places a figure's sentence names, else those of its document's title."""
    e = row.stance.evidence
    own = {m.canonical for m in row.stance.facets.places} if row.stance.facets is not None else set()
    return own or {m.canonical for m in extract_facets(e.meta.title).places}


def other_definition(a: FigureEvidence, b: FigureEvidence) -> bool:
    """The two figures are for one region defined two ways: one names a region ("the EU") that lies inside
    the region the other names ("Europe"), so each source's count is right by its own definition."""
    pa, pb = _scope(a), _scope(b)
    return any(p in pa ^ pb and CITY_COUNTRY.get(p) in REGIONS and CITY_COUNTRY.get(p) in pa | pb for p in pa | pb)


def _near(a: float, b: float) -> bool:
    return abs(a - b) <= 0.1 * max(abs(a), abs(b), 1e-9)


def _other_actor(claim: ClaimFacets, s: StanceResult) -> bool:
    """The sentence names actors and none of them is one the claim names."""
    mine = {m.canonical for m in claim.actors} - REPORTERS
    theirs = ({m.canonical for m in s.facets.actors} if s.facets is not None else set()) - REPORTERS
    return bool(mine and theirs and not mine & theirs)


def disputes(claim: ClaimFacets, s: StanceResult) -> bool:
    """The sentence says the sources disagree, and names every actor, place and period the claim asserts
    ("earlier editions ranked the Taliban first for 2018 and 2019; the difference comes from ..."): the
    claim takes one side of a recorded disagreement."""
    f = s.facets
    if f is None or s.evidence.similarity < MIN_RELEVANCE or not DISPUTED.search(s.evidence.text):
        return False
    if not {m.canonical for m in claim.actors} <= {m.canonical for m in f.actors}:
        return False
    if not {m.canonical for m in claim.places} <= expand_places({m.canonical for m in f.places}):
        return False
    dates = period_dates(s.evidence.text, f.dates)
    return not claim.dates or bool(dates and periods_compatible(claim.dates, dates))


def _restates(c: FigureEvidence, d: FigureEvidence) -> bool:
    """A sentence records a restatement or disagreement; when both figures are in one sentence, the cue stands
    between them ("32,685, restated as 33,438"), not beside a third figure ("compared with 7,366 a year earlier")."""
    text = c.stance.evidence.text
    if d.stance is c.stance and c.match is not None and d.match is not None:
        a, b = sorted((c.match.documented, d.match.documented), key=lambda q: q.start)
        return restated(text[a.end:b.start])
    return restated(text) or restated(d.stance.evidence.text)


# "compared with" a figure of another year is a change over time, not a restatement: "compared with 388 in
# 2021", "compared with 2016", "compared with 7,366 a year earlier" (but "compared with 5,226 in GTI 2022" restates)
OVER_TIME = re.compile(r"compared (?:with|to)\s+(?:(?:19|20)\d\d\b|[^,;.]{0,40}?\b(?:in|for) (?:19|20)\d\d\b|"
                       r"[^,;.]{0,25}?\b(?:a|the) (?:year|month) (?:earlier|before))", re.I)


def restated(text: str) -> bool:
    """The text records a restatement or disagreement between figures (see RESTATED), not a change over time."""
    return any(not OVER_TIME.match(text, m.start()) for m in RESTATED.finditer(text))


def _off(row: FigureEvidence) -> float:
    """How far the row's documented figure is from the claimed one."""
    return abs(row.match.documented.value - row.match.claimed.value) if row.match else float("inf")
