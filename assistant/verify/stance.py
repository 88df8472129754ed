"""The stance of one evidence sentence toward a claim: supports, contradicts, misleading, or neutral.

Rules, from the claim's facets against the sentence's facets (no model beyond the similarity score):
- a sentence that rejects the wording the claim uses ("not the number who joined") makes it misleading;
- evidence about another event or subject (places, name anchors) is neutral;
- figures are compared only with figures for the same period and geographic scope; one that agrees and
  counts the same thing supports; one that agrees but counts something else (survivors and dependants vs
  joiners, "terrorist" vs "jihadist" attacks) or sits in a caveat ("revised", "not the number") makes the
  claim misleading; a different figure for the same thing contradicts;
- an "all"/"every" claim met by an exception ("no group claimed", "5 of the 6") is misleading;
- a negation of the claimed act itself ("no group claimed it") contradicts a plain claim;
- another actor doing the claimed act, with the claimed actor absent, contradicts;
- a wrong date for the same event (not for a later claim, arrest or trial) contradicts;
- an actor the sentence names only to deny it ("not by the Syrian government"), another peak year or another
  ordinal for the same noun ("fourth anniversary") contradicts; an "inflated" figure supports nothing;
- a caveat the claim leaves out makes it misleading; a sentence that contains every act, actor, place and
  date the claim asserts supports it.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace

from assistant.types import Evidence
from assistant.verify.compare import FigureMatch, figure_kinds, match_figures, predicate_kinds
from assistant.verify.cues import (ALL_WORDS, CLAUSE_SPLIT, DIRECTION, EXCEPTION, FEAST_DAYS, INFLATED_TO,
                                   LINK_REJECTED, LINK_UNPROVEN, acquitted_near, caveat_on, denied_actors,
                                   other_ordinal, ranked_actors, rejected_quote, reporter_places, swapped_filler,
                                   year_ranks)
from assistant.verify.entities import actor_family
from assistant.verify.event_scope import (EDITION_BEFORE, GENERIC, IMPLIED_PLACES, anchor_coverage, dates_near,
                                          expand_places, negated_kinds, period_dates, periods_compatible,
                                          places_compatible, quantities_near, quantity_period, running_since,
                                          scope_compatible)
from assistant.verify.facets import ClaimFacets
from assistant.verify.facets import sentence_facets as extract_facets
from assistant.verify.lengths import distances
from assistant.verify.measures import PREDICATE_KINDS
from assistant.verify.misreading import concept_coverage, misreading
from assistant.verify.trend import claimed_trend, clause_trend, documented_trend, measure_noun, peak_years
from assistant.verify.entailment import (DENIES, ENTAILED_COVERAGE, dated_alike, dates_or_title, entailed,
                                         other_direction, polarity_clash)
from assistant.verify.figure_checks import (all_exception, edition_year, exact_other_measure, loose_bound,
                                            measure_known, number_in, part_of_period, same_period, turned_other_way)




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


def _reference(e: Evidence) -> dt.date | None:
    for value in (e.meta.published, e.meta.as_of):
        try:
            return dt.date.fromisoformat(value[:10])
        except (TypeError, ValueError):
            continue
    return None



def _canon(mentions) -> set[str]:
    return {m.canonical for m in mentions}


def judge_sentence(claim: ClaimFacets, e: Evidence, anchors: set[str] | None = None, document: str = "") -> StanceResult:
    """The sentence's stance; document is the text of the other passages of its document, where the names the
    claim gives for its event may stand when the sentence states the act with a shorter name ("Fejzulai")."""
    ef = extract_facets(e.text, _reference(e))
    rel = max(0.0, min(1.0, e.similarity))
    claim_kinds, ev_kinds = predicate_kinds(claim.predicates), predicate_kinds(ef.predicates)
    caveat = caveat_on(e.text, None, claim.text)
    result = StanceResult(e, "neutral", rel, "", facets=ef)
    claim_places, ev_places = _canon(claim.places), _canon(ef.places)
    ev_places -= reporter_places(e.text, ef.places, claim_places)
    title_places = _canon(extract_facets(e.meta.title).places)
    coverage = anchor_coverage(anchors or set(), f"{e.text} {e.meta.title}")
    place_hit = bool(claim_places & expand_places(ev_places | title_places))
    # 0a. The same frame of the same event filled with another name ("named after Kayla Mueller", not "James
    # Foley"; "flew to Libya", not "Syria"): checked before places, since the swapped name may be a place.
    swap = swapped_filler(claim.text, e.text) if rel >= SWAP_RELEVANCE else None
    # the rest of the claim's names (more than a generic "ISIS") must be there: the same event, another value
    # (or, for a claim naming nothing else, most of its other words)
    rest = (anchors or set()) - _name_words(swap[0]) - GENERIC if swap else set()
    if swap and (anchor_coverage(rest, f"{e.text} {e.meta.title}") >= 0.5 if rest else
                 concept_coverage(claim.text.replace(swap[0], ""), f"{e.text} {e.meta.title}") >= ENTAILED_COVERAGE):
        result.swapped = frozenset(_name_words(swap[0]))
        return _set(result, "contradicts", rel * 0.85, f"gives {swap[1]}, not {swap[0]}")
    if not places_compatible(claim_places, ev_places) or (coverage < 0.5 and not place_hit):
        return _set(result, "neutral", rel * 0.5, "about another event or subject")
    on_topic = coverage >= 0.5 and (not claim_places or place_hit)
    floor = 0.45 if on_topic else 0.55
    same_act = bool(claim_kinds & ev_kinds)

    ev_dates = period_dates(e.text, ef.dates)
    # Syria and Iraq alone do not place a figure for a claim about another place (fighters from Germany are
    # counted there): the title names that place
    ev_scope = ev_places | title_places if claim_places - IMPLIED_PLACES and not ev_places - IMPLIED_PLACES \
        else ev_places or title_places
    years = {d.start.year for d in claim.dates}
    # the periods the claim's figures describe: a report's name ("TE-SAT 2019", "GTI 2015") dates no figure
    claim_periods = period_dates(claim.text, claim.dates) or claim.dates
    claim_quantities = [q for q in claim.quantities if (q.value > 1 or q.is_percent) and q.value not in years] \
        or [q for q in claim.quantities if q.value not in years]
    # the sentence gives every figure of the claim, as a figure or inside a word ("32-year-old", "four-month")
    echoed = bool(claim_quantities) and all(number_in(claim.text, q, e.text, ef.dates) for q in claim_quantities)

    # 0. The sentence rejects the very wording the claim uses ("not the number who joined", 'headlines
    # calling it "30,000 ISIS fighters"'): the claim makes a misreading its source warns about.
    wrong = misreading(claim.text, e.text)
    if wrong is not None and wrong.overlap >= MISREADING_OVERLAP and rel >= 0.5 and (on_topic or coverage >= 0.5):
        result.misreading = wrong.phrase
        if wrong.denied:
            return _set(result, "contradicts", rel, f'says "{wrong.phrase}" is wrong')
        return _set(result, "misleading", rel, f'warns against reading it as "{wrong.phrase}"')

    # 0b. A length far from the one the sentence gives for the same event ("about 5km" vs "about 500 metres"),
    # once both are put in metres.
    claim_lengths, ev_lengths = distances(claim.text), distances(e.text)
    if claim_lengths and ev_lengths and on_topic and rel >= floor and not any(
            1 / LENGTH_RATIO <= c / d <= LENGTH_RATIO for c in claim_lengths for d in ev_lengths):
        return _set(result, "contradicts", rel * 0.9, f"gives {ev_lengths[0]:g} metres")

    # 1. Figures: compared only with figures for the same period and place.
    scope_ok = scope_compatible(claim_places, ev_scope) or (not claim_places and bool(anchors) and coverage >= 0.5)
    if claim_quantities and ef.quantities and scope_ok:
        candidates = [q for q in ef.quantities if not edition_year(e.text, q)
                      and not INFLATED_TO.search(e.text[max(0, q.start - 60):q.start]) and not rejected_quote(e.text, q)]
        # places that are neither the claim's nor inside one of them (a city of a claimed country, the EU in Europe)
        foreign = {p for p in ev_places if p not in expand_places(claim_places) and not expand_places({p}) & claim_places}
        if claim_places and foreign:  # a sentence about several events
            other = [m.start for m in ef.places if m.canonical in foreign]
            candidates = quantities_near(e.text, claim_places | (anchors or set()), candidates, other)
        usable = [q for q in candidates if same_period(claim_periods, quantity_period(e.text, q, ev_dates), ev_dates)]
        if coverage >= 0.99 and (place_hit or (anchors and not claim_places)):
            rel = max(rel, 0.6)  # a sentence that names the claim's event weighs in even if worded apart
        matches = [match_figures(cq, eq, figure_kinds(claim.text, cq), figure_kinds(e.text, eq), claim.text, e.text)
                   for cq in claim_quantities for eq in usable]
        # a running count that starts inside the claim's period ("foiled since 14 July 2016" for "in 2016")
        # counts only part of it
        matches = [replace(m, counts_other_thing=True) if m.numbers_agree and
                   part_of_period(claim_periods, running_since(e.text, m.documented, ev_dates)) else m
                   for m in matches]
        result.matches = matches
        # closest first: in "first reported as 129 ...; the final count ... is 130", a claim of 130 meets the 130
        agreeing = sorted((m for m in matches if m.numbers_agree and m.same_measure and not loose_bound(m)),
                          key=lambda m: abs(m.documented.value - m.claimed.value))
        # the claim's size of a change with the other direction ("went up by almost 28%" vs "fell by almost 28%")
        turned = [m for m in agreeing if turned_other_way(claim.text, m.claimed, e.text, m.documented)]
        if turned:
            m = turned[0]
            # a figure given the other way is no agreeing figure for the verdict either
            result.matches = [replace(x, numbers_agree=False) if x in turned else x for x in matches]
            return _set(result, "contradicts", rel * 0.9, f"gives {m.documented.text} the other way")
        if any(m.counts_other_thing for m in agreeing):
            m = next(m for m in agreeing if m.counts_other_thing)
            return _set(result, "misleading", rel, f"gives {m.documented.text}, but that figure counts {m.documented.counted or 'something else'}")
        if agreeing and all_exception(claim, e.text):
            return _set(result, "misleading", rel, "gives the figure but records an exception to 'all'")
        if agreeing and caveat_on(e.text, agreeing[0].documented, claim.text):
            return _set(result, "misleading", rel * 0.9, "qualifies this figure")
        if agreeing and (not claim_kinds or not ev_kinds or same_act):
            known = any(measure_known(m) for m in agreeing)
            return _set(result, "supports", rel * (1.0 if known else 0.75), f"gives {agreeing[0].documented.text}")
        differing = [m for m in matches if not m.numbers_agree and m.same_measure and measure_known(m)
                     and (same_act or not claim_kinds)]
        if differing and not agreeing and rel >= floor:
            m = differing[0]
            return _set(result, "contradicts", rel * 0.9, f"gives {m.documented.text}, not {m.claimed.text}")
        # the claim's very number, for another thing ("killed 22 people, including children" for "22 children
        # were killed"): the right number for a different thing, when no source gives the claim's own count
        exact = [m for m in matches if exact_other_measure(m)]
        if exact and not agreeing and on_topic and rel >= floor:
            m = exact[0]
            return _set(result, "misleading", rel * 0.9,
                        f"gives {m.documented.text}, but that figure counts {m.documented.counted or 'something else'}")
        # every figure of the claim is in the sentence with its value (an age, "four months later"): the rest of
        # the claim is checked as words, like a claim without figures
        echoed = echoed or all(any(m.claimed.start == cq.start and m.numbers_agree for m in matches)
                               for cq in claim_quantities)
        if (usable or matches) and not echoed:
            return result
    elif claim_quantities and ef.quantities:
        return _set(result, "neutral", rel * 0.6, "figures for another place")

    # 2. Over-generalisation: "all" claims met by an exception.
    claim_words = {q[0] for q in claim.quantifiers}
    # (an exception recorded for another year is none to the claim's)
    if claim_words & ALL_WORDS and EXCEPTION.search(e.text) and rel >= 0.5 and periods_compatible(claim_periods, ev_dates):
        return _set(result, "misleading", rel, "records an exception to 'all'")

    # 2b. A count said to rise that the source says fell, in the same year (or the other way round).
    trend = claimed_trend(claim.text)
    if trend and on_topic and rel >= floor and (not claim.dates or (ev_dates and periods_compatible(claim.dates, ev_dates))):
        documented = documented_trend(e.text, trend[0])
        if documented and documented != trend[1]:
            return _set(result, "contradicts", rel * 0.9, f"says this went {documented}, not {trend[1]}")
        # a sentence contrasting places ("Western Europe doubled, while North America stayed flat"): the
        # direction that counts is the one in the clause naming the claim's place
        if claim_places and ev_places - expand_places(claim_places):
            here = {clause_trend(e.text, m.start) for m in ef.places if m.canonical in claim_places} - {""}
            if len(here) == 1 and trend[1] not in here:
                return _set(result, "contradicts", rel * 0.9, f"says this went {here.pop()} there, not {trend[1]}")

    # 2c. A count said to peak in one year that the source says peaked in another.
    claim_peaks, noun = peak_years(claim.text), measure_noun(claim.text)
    if claim_peaks and noun and on_topic and rel >= floor and noun in e.text.lower():
        ev_peaks = peak_years(e.text)
        if ev_peaks and not claim_peaks & ev_peaks:
            return _set(result, "contradicts", rel * 0.9, f"says it peaked in {min(ev_peaks)}")

    # 2d. Another ordinal for the same thing ("the fourth anniversary", not the fifth).
    wrong_rank = other_ordinal(claim.text, e.text)
    if wrong_rank and on_topic and rel >= floor:
        return _set(result, "contradicts", rel * 0.9, f"says {wrong_rank}")

    # 2e. A year ranked otherwise: "the second deadliest year" against "the peak year" or "the 2014 peak".
    claim_rank = year_ranks(claim.text, peaks=False)  # claims of a peak alone are rule 2c's
    if claim_rank and on_topic and rel >= floor and _canon(ef.actors) <= _canon(claim.actors):
        ev_rank = year_ranks(e.text)
        for year, rank in claim_rank.items():
            if ev_rank.get(year) == rank:
                return _set(result, "supports", rel * 0.9, f"ranks {year} the same")
            if year in ev_rank:
                return _set(result, "contradicts", rel * 0.9, f"ranks {year} otherwise")
            if rank == 1 and 1 in ev_rank.values():
                return _set(result, "contradicts", rel * 0.9, "ranks another year first")

    # 2f. Another actor ranked first (deadliest) for the claim's year; a ranking for another year says nothing.
    claim_ranked = ranked_actors(claim.text, claim.actors)
    ev_ranked = ranked_actors(e.text, ef.actors) if claim_ranked and not claim.negated else {}
    if ev_ranked and on_topic and rel >= floor:
        periods = period_dates(claim.text, claim.dates)
        same_year = {a for a, years in ev_ranked.items() if not years or not periods
                     or any(d.start.year <= y <= d.end.year for d in periods for y in years)}
        if not same_year:
            return _set(result, "neutral", rel * 0.5, "ranks another year")
        if not same_year & set(claim_ranked):
            return _set(result, "contradicts", rel * 0.85, f"ranks {sorted(same_year)[0]} first")

    # 3. Negation of the claimed act.
    claim_negated = negated_kinds(claim.text, claim.predicates, PREDICATE_KINDS)
    ev_negated = negated_kinds(e.text, ef.predicates, PREDICATE_KINDS, claim_places if len(ev_places) > 1 else None)
    if "convicted" in claim_kinds and acquitted_near(e.text, (anchors or set()) - GENERIC_ACTORS):
        ev_negated = ev_negated | {"convicted"}  # "the brothers Smail and Ibrahim Farisi were acquitted"
    if (claim_kinds & ev_negated) - claim_negated and rel >= floor:
        if claim_words & ALL_WORDS:
            return _set(result, "misleading", rel, "records an exception")
        return _set(result, "contradicts", rel * 0.9, "says this did not happen")

    # 3b. The sentence names the claim's actor only to deny its part ("not to the Syrian government").
    denied = denied_actors(e.text, ef.actors) & _canon(claim.actors)
    if denied and not claim.negated and on_topic and rel >= floor:
        return _set(result, "contradicts", rel * 0.85, f"says it was not {sorted(denied)[0]}")

    # 4. Another actor did the claimed act.
    claim_actors = _canon(claim.actors)
    ev_actors = _canon(ef.actors)
    if claim_actors - GENERIC_ACTORS and claim_actors & GENERIC_ACTORS:  # "the SDF took it from ISIS": ISIS is no agent
        claim_actors, ev_actors = claim_actors - GENERIC_ACTORS, ev_actors - GENERIC_ACTORS
    # the claim's own actor words ("SDF", "US-backed") are not expected in a sentence naming someone else
    other_coverage = anchor_coverage((anchors or set()) - actor_words(claim), f"{e.text} {e.meta.title}")
    same_event = other_coverage >= 0.5 and (not claim_places or place_hit)
    # the document's own author counts as named ("The July 2019 report warned ..." in a Monitoring Team report)
    named_actors = actor_family(ev_actors | _canon(extract_facets(e.meta.title).actors))
    if claim_actors and ev_actors and not (actor_family(claim_actors) & named_actors) and same_act \
            and rel >= floor and same_event:
        return _set(result, "contradicts", rel * 0.85, "names another actor")
    # 4b. ...or the clause that names the claim's event gives the act to another actor, while the claim's
    # actor appears only in another clause ("confused with the Charlie Hebdo attack, which AQAP claimed; the
    # November attacks were claimed by ISIS").
    other = clause_actor(e.text, (anchors or set()) - actor_words(claim), claim_actors, claim_kinds, claim.dates)
    if other and same_act and on_topic and rel >= floor:
        return _set(result, "contradicts", rel * 0.85, f"gives it to {other}")

    # 5. Wrong date for the same event (the event itself, not a later claim, arrest or trial).
    event_kinds = {"killed", "injured", "attacked", "captured"}
    same_event_act = (claim_kinds <= ev_kinds) if claim_kinds else (bool(ev_kinds) and ev_kinds <= event_kinds)
    # a year that names a publication ("GTI 2024 ranked ...") does not date the event
    event_dates = [d for d in claim.dates if d.granularity != "year" or not EDITION_BEFORE.search(claim.text[:d.span_start])]
    # the event must be named by something other than a feast day ("the 2024 Magdeburg Christmas market attack")
    event_names = (anchors or set()) - FEAST_DAYS
    # a claim with neither a place nor a name is not about the event of a sentence set in one place ("ISIS named
    # a new caliph in 2024" vs "Mosul fell to the Islamic State in June 2014")
    named = bool(claim_places) or (anchor_coverage(event_names, f"{e.text} {e.meta.title}") >= 0.5 if event_names
                                   else not ev_places)
    if event_dates and ev_dates and on_topic and named and same_event_act and not claim.quantities and rel >= floor:
        if not periods_compatible(event_dates, dates_near(e.text, (anchors or set()) | claim_places, ev_dates)):
            return _set(result, "contradicts", rel * 0.8, DATED_OTHERWISE)

    # 5b. A claim that a group was behind an attack, against a source that rejects or doubts the link.
    if DIRECTION.search(claim.text) and on_topic and rel >= floor:
        if LINK_REJECTED.search(e.text):
            return _set(result, "contradicts", rel * 0.9, "says the link was rejected")
        if LINK_UNPROVEN.search(e.text):
            return _set(result, "misleading", rel * 0.9, "says the link is not established")

    # 6. Caveats and close paraphrases.
    # a sentence saying all the claim says but negating one of its words ("who are not dangerous") denies it
    if ((not claim.quantities or echoed) and rel >= 0.6 and on_topic and not claim_words & ALL_WORDS
            and polarity_clash(claim.text, e.text) == DENIES
            and entailed(claim, ef, e, claim_kinds, ev_kinds, claim_negated, ev_negated, anchors or set(), False,
                          document)):
        return _set(result, "contradicts", rel * 0.85, "says it is not so")
    if caveat and rel >= 0.6 and on_topic:
        return _set(result, "misleading", rel * 0.7, "adds context the claim leaves out")
    if (not claim.quantities or echoed) and rel >= 0.6 and on_topic and entailed(claim, ef, e, claim_kinds, ev_kinds,
                                                                    claim_negated, ev_negated, anchors or set(),
                                                                    document=document):
        if DIRECTION.search(claim.text) and not DIRECTION.search(e.text):  # a claim or pledge is no proof of direction
            # a claim that infers direction from a claim of responsibility the source records is true only in part
            stance = "misleading" if "claimed" in claim_kinds else "neutral"
            return _set(result, stance, rel * 0.8, "records the act or claim, not that the group directed it")
        return _set(result, "supports", rel * 0.9, STATES)
    if ((not claim.quantities or echoed) and rel >= CLOSE_PARAPHRASE and on_topic and not claim_negated and not ev_negated
            and (not claim_kinds or claim_kinds <= ev_kinds) and not (claim_words & ALL_WORDS) and not trend
            and not other_direction(claim.text, e.text)
            and _canon(claim.actors) <= _canon(ef.actors) | _canon(extract_facets(e.meta.title).actors)
            and (not claim.dates or dated_alike(claim.dates, dates_or_title(e, ef)))):
        return _set(result, "supports", rel * 0.8, STATES)
    return result


def clause_actor(text: str, event_words: set[str], claim_actors: set[str], claim_kinds: set[str],
                 claim_dates=()) -> str:
    """Another actor that the clause naming the claim's event (every one of event_words, at a compatible date)
    gives the claimed act to, when the claim's actor is named only in other clauses of the sentence; '' if none."""
    clauses = [c for c in CLAUSE_SPLIT.split(text) if c.strip()]
    if not event_words or not claim_actors or len(clauses) < 2 or not claim_actors & _canon(extract_facets(text).actors):
        return ""
    facets = {c: extract_facets(c) for c in clauses}
    mine = [c for c in clauses if anchor_coverage(event_words, c) >= 0.99
            and periods_compatible(claim_dates, period_dates(c, facets[c].dates))]
    if not mine or len(mine) == len(clauses):
        return ""
    for c in mine:
        cf = facets[c]
        actors = _canon(cf.actors)
        if claim_actors & actors or not claim_kinds & predicate_kinds(cf.predicates):
            return ""
        if actors - claim_actors:
            return sorted(actors - claim_actors)[0]
    return ""


def actor_words(claim: ClaimFacets) -> set[str]:
    """Words that name the claim's actors, or qualify one ("US-backed", "Kurdish-led")."""
    words = {w.lower() for m in claim.actors for w in re.findall(r"[\w'-]+", m.text)}
    return words | {w.lower() for w in re.findall(r"\b\w+-(?:backed|led|linked|affiliated)\b", claim.text)}


def _set(result: StanceResult, stance: Stance, strength: float, reason: str) -> StanceResult:
    result.stance, result.strength, result.reason = stance, max(0.0, min(1.0, strength)), reason
    return result
