"""Documented figures against the claim's: agreeing, differing, counting another thing, superseded, or rival.

Each figure match of a sentence (see compare.py and stance.py) becomes a row with the sentence's weight and its
document; ``figure_verdict`` turns the rows into supported / contradicted / misleading / conflicting, or None when
no figure decides. A rival is a differing count of the same thing and order of magnitude, set against an
agreeing one where a source records the disagreement (or two documents give close values); a revision ("revised
the toll down to 253") supersedes the claim's figure instead.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from assistant.verify.compare import FigureMatch, predicate_kinds, restrictions
from assistant.verify.event_scope import (CITY_COUNTRY, IMPLIED_PLACES, expand_places, period_dates,
                                          periods_compatible, quantity_period)
from assistant.verify.facets import ClaimFacets
from assistant.verify.cues import EARLY, REGIONS, RESTATED, caveat_on, part_named
from assistant.verify.facets import sentence_facets as extract_facets
from assistant.verify.figure_checks import all_exception, loose_bound, measure_known
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


def figure_rows(claim: ClaimFacets, stances: list[StanceResult],
                     anchors: set[str] = frozenset(), siblings: list[StanceResult] = ()) -> list[FigureEvidence]:
    """The figure rows of the relevant sentences; siblings (less similar sentences of their documents) add
    only the rows that show the claim's number to be their document's count of another thing."""
    rows = []
    names = set(anchors) | {m.canonical for m in claim.places}
    claim_kinds = predicate_kinds(claim.predicates)
    # documents giving the claim's thing with another number: there the claim's number counts something else
    # when another of their sentences gives it for another measure ("killed 5" and "injured 29" for "29 died")
    # (not when any source gives the claim's figure for its own thing, nor for a part: "13 of the attacks")
    confirmed = {o.claimed.start for s in stances for o in s.matches if o.same_measure and o.numbers_agree}
    differs_in = {(s.evidence.doc_id, o.claimed.start) for s in stances if s.stance == "contradicts"
                  and weight(s) >= 0.45 for o in s.matches
                  if o.same_measure and measure_known(o) and not o.numbers_agree and o.claimed.start not in confirmed
                  and not PART_OF.match(s.evidence.text[o.documented.end:])}
    differing_weight = {d: max(weight(s) for s in stances if s.evidence.doc_id == d) for d, _ in differs_in}
    for s in siblings:
        for m in s.matches:
            key = (s.evidence.doc_id, m.claimed.start)
            if not m.same_measure and key in differs_in and _number_of_other_measure(m, s, True):
                rows.append(_other_measure_row(claim, s, m, differing_weight[key[0]]))
    for s in stances:
        ev_kinds = predicate_kinds(s.facets.predicates) if s.facets is not None else set()
        for m in s.matches:
            if not m.same_measure:
                if _number_of_other_measure(m, s, (s.evidence.doc_id, m.claimed.start) in differs_in):
                    rows.append(_other_measure_row(claim, s, m, weight(s)))
                continue
            if (not m.numbers_agree and claim_kinds and not claim_kinds & ev_kinds
                    and m.documented_measure in HEADCOUNTS):
                continue  # a figure for people who did something else ("were in Syria" vs "were repatriated")
            if loose_bound(m) or not (m.numbers_agree or measure_known(m)):
                # an unlabelled figure, or a bound far from the claimed value ("up to 52,808" for 41,490): a rival
                # only beside an agreeing figure of the same sentence
                rivalling = not loose_bound(m) or not _near(m.documented.value, m.claimed.value)
                if rivalling and any(o.numbers_agree and o.same_measure and not loose_bound(o) for o in s.matches):
                    rows.append(FigureEvidence(s.evidence.doc_id, weight(s), False, False, False, s,
                                               f"gives {m.documented.text}", m, known=False))
                continue
            # an early or qualified figure, or one given with an exception to the claim's "all"
            superseded = caveat_on(s.evidence.text, m.documented, claim.text) or all_exception(claim, s.evidence.text)
            what = m.documented.counted or m.claimed.counted
            if m.numbers_agree and part_named(s.evidence.text, m.documented, names):
                m = replace(m, counts_other_thing=True)  # the claim's place or site has only part of it
                what = "the whole, of which only part for what the claim names"
            if m.numbers_agree and m.counts_other_thing:
                reason = f"gives {m.documented.text}, but that figure counts {what or 'something else'}"
            elif m.numbers_agree and superseded:
                reason = f"gives {m.documented.text} as an early or qualified figure"
            elif m.numbers_agree:
                reason = f"gives {m.documented.text}" + (f" {what}" if what and what not in m.documented.text else "")
            else:
                reason = f"gives {m.documented.text}, not {m.claimed.text}"
            rows.append(FigureEvidence(s.evidence.doc_id, weight(s), m.numbers_agree, m.counts_other_thing,
                                       superseded, s, reason, m, other_actor=_other_actor(claim, s)))
    return rows


def _other_measure_row(claim: ClaimFacets, s: StanceResult, m: FigureMatch, w: float) -> FigureEvidence:
    """The claim's number given for another measure: an agreeing row that counts another thing."""
    return FigureEvidence(s.evidence.doc_id, w, True, True, False, s,
                          f"gives {m.documented.text}, but for {m.documented_measure}, not {m.claimed_measure}", m,
                          other_actor=_other_actor(claim, s))


def _number_of_other_measure(m: FigureMatch, s: StanceResult, document_differs: bool = False) -> bool:
    """The claim's exact number is the sentence's count of another thing, and the same sentence (or, with
    document_differs, another sentence of its document) counts the claim's thing with another number
    ("59 far-right attacks and 17 far-right deaths" for "59 died")."""
    if not (m.counts_other_thing and m.claimed_measure and m.documented_measure
            and m.claimed.value == m.documented.value):
        return False
    text, q = s.evidence.text.lower(), m.documented
    stem = q.counted.split()[0][:5] if q.counted else ""
    if not stem or stem not in text[max(0, q.start - 15):q.end + 40]:
        return False  # what it counts must be written with it ("59 far-right attacks", "injuring 12"), not afar
    return document_differs or any(o.claimed is m.claimed and o.same_measure and measure_known(o)
                                   and not o.numbers_agree for o in s.matches)


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


def figure_verdict(rows: list[FigureEvidence], change: bool = False) -> tuple[str, float, list[FigureEvidence]] | None:
    """Verdict from the figures alone, with the rows that decide it; None when no figure decides."""
    strong = [r for r in rows if r.weight >= 0.45]
    other = [r for r in strong if r.agrees and r.other_thing]
    qualified = [r for r in strong if r.agrees and r.superseded and not r.other_thing]
    clean = [r for r in strong if r.agrees and not r.superseded and not r.other_thing]
    # an early figure is no caveat when its own sentence or document gives the later one, nearer the claim's
    # ("first reported as 129 ... the final count is 130", a Context note on "early tolls (128 or 129)")
    qualified = [r for r in qualified
                 if not any((c.stance is r.stance or (c.doc_id == r.doc_id and EARLY.search(r.stance.evidence.text)))
                            and _off(c) < _off(r) for c in clean)]
    unlabelled = [r for r in strong if not r.known]
    strong = [r for r in strong if r.known]
    # a documented figure that gives one of the claim's figures is no other value for the claim's next figure
    # ("388 arrests ..., and 260 of them" is not contradicted by the 388)
    # (in a change "from 1,004 to 449" both figures are the claim's and are set against each other below)
    given = {(id(r.stance), r.match.documented.start) for r in rows if r.agrees and r.match is not None and not change}
    differ = [r for r in strong if not r.agrees and not r.superseded
              and (id(r.stance), r.match.documented.start if r.match else -1) not in given]
    ranked = lambda rs: sorted(rs, key=lambda r: -r.weight)  # noqa: E731
    best = lambda rs: max((r.weight for r in rs), default=0.0)  # noqa: E731
    if best(other) >= 0.5:
        return "misleading", best(other), ranked(other)[:2] + ranked(clean + differ)[:1]
    top_clean = ranked(clean)[0].doc_id if clean else None
    # a document's own "Context:" note qualifying the figure it gives outweighs its plain statement of it
    self_qualified = [r for r in qualified if r.doc_id == top_clean and r.stance.evidence.text.startswith("Context:")]
    # a qualifying sentence that gives a rival value and puts the difference down to the counting basis
    # records a disagreement between editions or definitions, not a correction
    claimed_values = {x.match.claimed.value for x in rows if x.match is not None}
    basis = [(r, o) for r in qualified for o in rows if o.stance is r.stance and not o.agrees and o.known
             and o.match.documented.value not in claimed_values  # not the claim's own other figure
             and rival(r, o, CLOSE_RIVAL_RATIO) and COUNTING_BASIS.search(r.stance.evidence.text)]
    if best(qualified) >= 0.5 and (best(qualified) >= QUALIFIED_SHARE * best(clean) or self_qualified):
        if basis and not change:
            r, o = max(basis, key=lambda p: p[0].weight)
            return "conflicting", r.weight, [r, o]
        return "misleading", best(qualified), ranked(qualified)[:2] + ranked(clean + differ)[:1]
    # a claim of several figures, one of which a sentence confirms while giving another value for the next
    # ("13 US service members and some 1,700 Afghans" vs "170 Afghan civilians and 13 US service members"):
    # one detail is wrong, when no source gives that figure as the claim does
    # (an unmeasured figure counts when both name the same thing: "four churches" vs "three churches")
    same_noun = [u for u in unlabelled if u.match is not None and u.match.claimed.counted_head
                 and u.match.claimed.counted_head == u.match.documented.counted_head]
    split = [(c, d) for c in clean for d in differ + same_noun if d.stance is c.stance and c.weight >= 0.5
             and d.match.claimed != c.match.claimed
             and not any(r.agrees and r.match is not None and r.match.claimed == d.match.claimed for r in rows)]
    if split:
        c, d = max(split, key=lambda p: min(p[0].weight, p[1].weight))
        d.reason = f"gives {d.match.documented.text} {d.match.documented.counted}, not {d.match.claimed.text}".replace("  ", " ")
        return "contradicted", min(c.weight, d.weight), [d, c]
    revisions = [(c, d) for c in clean for d in differ if c.weight >= 0.5 and rival(c, d) and revises(d)]
    if revisions:  # a later source revised the claim's figure: an early figure, not a rival one
        c, d = max(revisions, key=lambda p: min(p[0].weight, p[1].weight))
        d.reason = f"revised it to {d.match.documented.text}" if d.match else d.reason
        return "misleading", min(c.weight, d.weight), [c, d]
    pairs = [(c, d) for c in clean for d in differ + unlabelled
             # a weaker agreeing figure counts when the same restating sentence gives the rival one too
             if (c.weight >= 0.5 or (d.stance is c.stance and RESTATED.search(c.stance.evidence.text)))
             and ((rival(c, d, change=change) and (_restates(c, d)
                                    or (d.doc_id != c.doc_id and d.weight >= 0.5 and rival(c, d, CLOSE_RIVAL_RATIO))))
                  # two documents counting differently defined regions ("the EU" vs "Europe") both stand
                  or (d.doc_id != c.doc_id and d.weight >= 0.5 and other_definition(c, d)
                      and rival(c, d, DEFINITION_RATIO)))]
    if pairs:
        c, d = max(pairs, key=lambda p: min(p[0].weight, p[1].weight))
        if change:  # a change computed from a figure the sources count on different bases mixes them
            d.reason = f"gives {d.match.documented.text} on another basis" if d.match else d.reason
            return "misleading", min(c.weight, d.weight), [c, d]
        return "conflicting", min(c.weight, d.weight), [c, d]
    if best(clean) >= 0.5:
        return "supported", best(clean), ranked(clean)[:3]
    if best(differ) >= 0.45:
        return "contradicted", best(differ), ranked(differ)[:3]
    return None
