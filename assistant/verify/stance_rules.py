"""The stance rules of stance.py, in the order judge_sentence tries them (``RULES``). Each takes the shared
StanceContext and returns a StanceResult (the judgement ends) or None (the next rule is tried)."""
from __future__ import annotations

import re

from assistant.verify.compare import predicate_kinds
from assistant.verify.cues import (ALL_WORDS, CLAUSE_SPLIT, DIRECTION, EXCEPTION, FEAST_DAYS, LINK_REJECTED,
                                   LINK_UNPROVEN, denied_actors, other_ordinal, ranked_actors, swapped_filler,
                                   year_ranks)
from assistant.verify.entailment import (DENIES, ENTAILED_COVERAGE, dated_alike, dates_or_title, entailed,
                                         other_direction, polarity_clash)
from assistant.verify.entities import actor_family
from assistant.verify.event_scope import (EDITION_BEFORE, GENERIC, anchor_coverage, dates_near, expand_places,
                                          period_dates, periods_compatible, places_compatible)
from assistant.verify.facets import ClaimFacets
from assistant.verify.facets import sentence_facets as extract_facets
from assistant.verify.lengths import distances
from assistant.verify.misreading import concept_coverage, misreading
from assistant.verify.stance_context import (CLOSE_PARAPHRASE, DATED_OTHERWISE, GENERIC_ACTORS, LENGTH_RATIO,
                                             MISREADING_OVERLAP, STATES, SWAP_RELEVANCE, StanceContext,
                                             StanceResult, _canon, _name_words, _set)
from assistant.verify.stance_figures import figure_rule
from assistant.verify.trend import clause_trend, documented_trend, measure_noun, peak_years

EVENT_KINDS = {"killed", "injured", "attacked", "captured"}


def swapped_name(ctx: StanceContext) -> StanceResult | None:
    """0a. The same frame of the same event filled with another name ("named after Kayla Mueller", not "James
    Foley"; "flew to Libya", not "Syria"): checked before places, since the swapped name may be a place."""
    swap = swapped_filler(ctx.claim.text, ctx.e.text) if ctx.rel >= SWAP_RELEVANCE else None
    if not swap:
        return None
    # the rest of the claim's names (more than a generic "ISIS") must be there: the same event, another value
    # (or, for a claim naming nothing else, most of its other words)
    rest = ctx.anchors - _name_words(swap[0]) - GENERIC
    if (anchor_coverage(rest, ctx.where) >= 0.5 if rest else
            concept_coverage(ctx.claim.text.replace(swap[0], ""), ctx.where) >= ENTAILED_COVERAGE):
        ctx.result.swapped = frozenset(_name_words(swap[0]))
        return _set(ctx.result, "contradicts", ctx.rel * 0.85, f"gives {swap[1]}, not {swap[0]}")
    return None


def other_event(ctx: StanceContext) -> StanceResult | None:
    """Evidence about another event or subject (places, name anchors) is neutral."""
    if not places_compatible(ctx.claim_places, ctx.ev_places):
        return _set(ctx.result, "neutral", ctx.rel * 0.5, "about another event or subject")
    if ctx.coverage < 0.5 and not ctx.place_hit:
        ctx.result.loose_scope = True
        return _set(ctx.result, "neutral", ctx.rel * 0.5, "about another event or subject")
    return None


def rejected_wording(ctx: StanceContext) -> StanceResult | None:
    """0. The sentence rejects the very wording the claim uses ("not the number who joined", 'headlines calling
    it "30,000 ISIS fighters"'): the claim makes a misreading its source warns about."""
    wrong = misreading(ctx.claim.text, ctx.e.text)
    if not (wrong is not None and wrong.overlap >= MISREADING_OVERLAP and ctx.rel >= 0.5
            and (ctx.on_topic or ctx.coverage >= 0.5)):
        return None
    ctx.result.misreading = wrong.phrase
    if wrong.denied:
        return _set(ctx.result, "contradicts", ctx.rel, f'says "{wrong.phrase}" is wrong')
    return _set(ctx.result, "misleading", ctx.rel, f'warns against reading it as "{wrong.phrase}"')


def other_length(ctx: StanceContext) -> StanceResult | None:
    """0b. A length far from the one the sentence gives for the same event ("about 5km" vs "about 500 metres"),
    once both are put in metres."""
    claim_lengths, ev_lengths = distances(ctx.claim.text), distances(ctx.e.text)
    if claim_lengths and ev_lengths and ctx.on_topic and ctx.rel >= ctx.floor and not any(
            1 / LENGTH_RATIO <= c / d <= LENGTH_RATIO for c in claim_lengths for d in ev_lengths):
        return _set(ctx.result, "contradicts", ctx.rel * 0.9, f"gives {ev_lengths[0]:g} metres")
    return None


def all_met_by_exception(ctx: StanceContext) -> StanceResult | None:
    """2. Over-generalisation: an "all" claim met by an exception (not one recorded for another year)."""
    if (ctx.claim_words & ALL_WORDS and EXCEPTION.search(ctx.e.text) and ctx.rel >= 0.5
            and periods_compatible(ctx.claim_periods, ctx.ev_dates)):
        return _set(ctx.result, "misleading", ctx.rel, "records an exception to 'all'")
    return None


def other_trend(ctx: StanceContext) -> StanceResult | None:
    """2b. A count said to rise that the source says fell, in the same year (or the other way round)."""
    trend, claim = ctx.trend, ctx.claim
    if not (trend and ctx.on_topic and ctx.rel >= ctx.floor
            and (not claim.dates or (ctx.ev_dates and periods_compatible(claim.dates, ctx.ev_dates)))):
        return None
    documented = documented_trend(ctx.e.text, trend[0])
    if documented and documented != trend[1]:
        return _set(ctx.result, "contradicts", ctx.rel * 0.9, f"says this went {documented}, not {trend[1]}")
    # a sentence contrasting places ("Western Europe doubled, while North America stayed flat"): the
    # direction that counts is the one in the clause naming the claim's place
    if ctx.claim_places and ctx.ev_places - expand_places(ctx.claim_places):
        here = {clause_trend(ctx.e.text, m.start) for m in ctx.ef.places if m.canonical in ctx.claim_places} - {""}
        if len(here) == 1 and trend[1] not in here:
            return _set(ctx.result, "contradicts", ctx.rel * 0.9, f"says this went {here.pop()} there, not {trend[1]}")
    return None


def other_peak(ctx: StanceContext) -> StanceResult | None:
    """2c. A count said to peak in one year that the source says peaked in another."""
    claim_peaks, noun = peak_years(ctx.claim.text), measure_noun(ctx.claim.text)
    if claim_peaks and noun and ctx.on_topic and ctx.rel >= ctx.floor and noun in ctx.e.text.lower():
        ev_peaks = peak_years(ctx.e.text)
        if ev_peaks and not claim_peaks & ev_peaks:
            return _set(ctx.result, "contradicts", ctx.rel * 0.9, f"says it peaked in {min(ev_peaks)}")
    return None


def other_ordinal_rule(ctx: StanceContext) -> StanceResult | None:
    """2d. Another ordinal for the same thing ("the fourth anniversary", not the fifth)."""
    wrong_rank = other_ordinal(ctx.claim.text, ctx.e.text)
    if wrong_rank and ctx.on_topic and ctx.rel >= ctx.floor:
        return _set(ctx.result, "contradicts", ctx.rel * 0.9, f"says {wrong_rank}")
    return None


def year_ranked(ctx: StanceContext) -> StanceResult | None:
    """2e. A year ranked otherwise: "the second deadliest year" against "the peak year" or "the 2014 peak"."""
    claim_rank = year_ranks(ctx.claim.text, peaks=False)  # claims of a peak alone are rule 2c's
    if not (claim_rank and ctx.on_topic and ctx.rel >= ctx.floor and _canon(ctx.ef.actors) <= _canon(ctx.claim.actors)):
        return None
    ev_rank = year_ranks(ctx.e.text)
    for year, rank in claim_rank.items():
        if ev_rank.get(year) == rank:
            return _set(ctx.result, "supports", ctx.rel * 0.9, f"ranks {year} the same")
        if year in ev_rank:
            return _set(ctx.result, "contradicts", ctx.rel * 0.9, f"ranks {year} otherwise")
        if rank == 1 and 1 in ev_rank.values():
            return _set(ctx.result, "contradicts", ctx.rel * 0.9, "ranks another year first")
    return None


def actor_ranked(ctx: StanceContext) -> StanceResult | None:
    """2f. Another actor ranked first (deadliest) for the claim's year; a ranking for another year says nothing."""
    claim = ctx.claim
    claim_ranked = ranked_actors(claim.text, claim.actors)
    ev_ranked = ranked_actors(ctx.e.text, ctx.ef.actors) if claim_ranked and not claim.negated else {}
    if not (ev_ranked and ctx.on_topic and ctx.rel >= ctx.floor):
        return None
    periods = period_dates(claim.text, claim.dates)
    same_year = {a for a, years in ev_ranked.items() if not years or not periods
                 or any(d.start.year <= y <= d.end.year for d in periods for y in years)}
    if not same_year:
        return _set(ctx.result, "neutral", ctx.rel * 0.5, "ranks another year")
    if not same_year & set(claim_ranked):
        return _set(ctx.result, "contradicts", ctx.rel * 0.85, f"ranks {sorted(same_year)[0]} first")
    return None


def negated_act(ctx: StanceContext) -> StanceResult | None:
    """3. Negation of the claimed act: contradicts (an exception, for an "all" claim)."""
    if (ctx.claim_kinds & ctx.ev_negated) - ctx.claim_negated and ctx.rel >= ctx.floor:
        if ctx.claim_words & ALL_WORDS:
            return _set(ctx.result, "misleading", ctx.rel, "records an exception")
        return _set(ctx.result, "contradicts", ctx.rel * 0.9, "says this did not happen")
    return None


def denied_actor(ctx: StanceContext) -> StanceResult | None:
    """3b. The sentence names the claim's actor only to deny its part ("not to the Syrian government")."""
    denied = denied_actors(ctx.e.text, ctx.ef.actors) & _canon(ctx.claim.actors)
    if denied and not ctx.claim.negated and ctx.on_topic and ctx.rel >= ctx.floor:
        return _set(ctx.result, "contradicts", ctx.rel * 0.85, f"says it was not {sorted(denied)[0]}")
    return None


def agents(ctx: StanceContext) -> tuple[set[str], set[str]]:
    """The claim's and the sentence's actors; "the SDF took it from ISIS": ISIS is no agent."""
    claim_actors, ev_actors = _canon(ctx.claim.actors), _canon(ctx.ef.actors)
    if claim_actors - GENERIC_ACTORS and claim_actors & GENERIC_ACTORS:
        return claim_actors - GENERIC_ACTORS, ev_actors - GENERIC_ACTORS
    return claim_actors, ev_actors


def other_actor(ctx: StanceContext) -> StanceResult | None:
    """4. Another actor did the claimed act, with the claimed actor absent."""
    claim_actors, ev_actors = agents(ctx)
    # the claim's own actor words ("SDF", "US-backed") are not expected in a sentence naming someone else
    other_coverage = anchor_coverage(ctx.anchors - actor_words(ctx.claim), ctx.where)
    same_event = other_coverage >= 0.5 and (not ctx.claim_places or ctx.place_hit)
    # the document's own author counts as named ("The July 2019 report warned ..." in a Monitoring Team report)
    named_actors = actor_family(ev_actors | _canon(extract_facets(ctx.e.meta.title).actors))
    if claim_actors and ev_actors and not (actor_family(claim_actors) & named_actors) and ctx.same_act \
            and ctx.rel >= ctx.floor and same_event:
        return _set(ctx.result, "contradicts", ctx.rel * 0.85, "names another actor")
    return None


def clause_gives_other_actor(ctx: StanceContext) -> StanceResult | None:
    """4b. The clause that names the claim's event gives the act to another actor, while the claim's actor
    appears only in another clause ("confused with the Charlie Hebdo attack, which AQAP claimed; the November
    attacks were claimed by ISIS")."""
    claim_actors, _ = agents(ctx)
    other = clause_actor(ctx.e.text, ctx.anchors - actor_words(ctx.claim), claim_actors, ctx.claim_kinds,
                         ctx.claim.dates)
    if other and ctx.same_act and ctx.on_topic and ctx.rel >= ctx.floor:
        return _set(ctx.result, "contradicts", ctx.rel * 0.85, f"gives it to {other}")
    return None


def _event_named(ctx: StanceContext) -> bool:
    """The claim names its event by a place or a name other than a feast day ("the 2024 Magdeburg Christmas
    market attack"); a claim with neither is not about the event of a sentence set in one place ("ISIS named a
    new caliph in 2024" vs "Mosul fell to the Islamic State in June 2014")."""
    event_names = ctx.anchors - FEAST_DAYS
    if ctx.claim_places:
        return True
    return anchor_coverage(event_names, ctx.where) >= 0.5 if event_names else not ctx.ev_places


def other_date(ctx: StanceContext) -> StanceResult | None:
    """5. Wrong date for the same event (the event itself, not a later claim, arrest or trial)."""
    claim, claim_kinds, ev_kinds = ctx.claim, ctx.claim_kinds, ctx.ev_kinds
    same_event_act = (claim_kinds <= ev_kinds) if claim_kinds else (bool(ev_kinds) and ev_kinds <= EVENT_KINDS)
    # a year that names a publication ("GTI 2024 ranked ...") does not date the event
    event_dates = [d for d in claim.dates if d.granularity != "year" or not EDITION_BEFORE.search(claim.text[:d.span_start])]
    named = _event_named(ctx)
    if (event_dates and ctx.ev_dates and ctx.on_topic and named and same_event_act and not claim.quantities
            and ctx.rel >= ctx.floor):
        near = dates_near(ctx.e.text, ctx.anchors | ctx.claim_places, ctx.ev_dates)
        if not periods_compatible(event_dates, near):
            return _set(ctx.result, "contradicts", ctx.rel * 0.8, DATED_OTHERWISE)
    return None


def link_doubted(ctx: StanceContext) -> StanceResult | None:
    """5b. A claim that a group was behind an attack, against a source that rejects or doubts the link."""
    if DIRECTION.search(ctx.claim.text) and ctx.on_topic and ctx.rel >= ctx.floor:
        if LINK_REJECTED.search(ctx.e.text):
            return _set(ctx.result, "contradicts", ctx.rel * 0.9, "says the link was rejected")
        if LINK_UNPROVEN.search(ctx.e.text):
            return _set(ctx.result, "misleading", ctx.rel * 0.9, "says the link is not established")
    return None


def _words_apply(ctx: StanceContext) -> bool:
    """The claim is checked as words: it has no figures, or the sentence echoes all of them."""
    return not ctx.claim.quantities or ctx.echoed


def _entailed(ctx: StanceContext, *flags: bool) -> bool:
    """The sentence (with its document) asserts all the claim does (entailment.entailed)."""
    return entailed(ctx.claim, ctx.ef, ctx.e, ctx.claim_kinds, ctx.ev_kinds, ctx.claim_negated, ctx.ev_negated,
                    ctx.anchors, *flags, document=ctx.document)


def polarity_denial(ctx: StanceContext) -> StanceResult | None:
    """6a. A sentence saying all the claim says but negating one of its words ("who are not dangerous") denies it."""
    if (_words_apply(ctx) and ctx.rel >= 0.6 and ctx.on_topic and not ctx.claim_words & ALL_WORDS
            and polarity_clash(ctx.claim.text, ctx.e.text) == DENIES and _entailed(ctx, False)):
        return _set(ctx.result, "contradicts", ctx.rel * 0.85, "says it is not so")
    return None


def left_out_caveat(ctx: StanceContext) -> StanceResult | None:
    """6b. A caveat the claim leaves out makes it misleading."""
    if ctx.caveat and ctx.rel >= 0.6 and ctx.on_topic:
        return _set(ctx.result, "misleading", ctx.rel * 0.7, "adds context the claim leaves out")
    return None


def states_claim(ctx: StanceContext) -> StanceResult | None:
    """6c. A sentence containing every act, actor, place and date the claim asserts supports it (a recorded
    claim or pledge is no proof that a group directed the act)."""
    if not (_words_apply(ctx) and ctx.rel >= 0.6 and ctx.on_topic and _entailed(ctx)):
        return None
    if DIRECTION.search(ctx.claim.text) and not DIRECTION.search(ctx.e.text):
        # a claim that infers direction from a claim of responsibility the source records is true only in part
        stance = "misleading" if "claimed" in ctx.claim_kinds else "neutral"
        return _set(ctx.result, stance, ctx.rel * 0.8, "records the act or claim, not that the group directed it")
    return _set(ctx.result, "supports", ctx.rel * 0.9, STATES)


def _paraphrase_facets_agree(ctx: StanceContext) -> bool:
    """The sentence negates nothing, has the claim's acts, actors (its title's count) and dates."""
    claim, ef, e = ctx.claim, ctx.ef, ctx.e
    return (not ctx.claim_negated and not ctx.ev_negated
            and (not ctx.claim_kinds or ctx.claim_kinds <= ctx.ev_kinds)
            and not (ctx.claim_words & ALL_WORDS) and not ctx.trend
            and not other_direction(claim.text, e.text)
            and _canon(claim.actors) <= _canon(ef.actors) | _canon(extract_facets(e.meta.title).actors)
            and (not claim.dates or dated_alike(claim.dates, dates_or_title(e, ef))))


def close_paraphrase(ctx: StanceContext) -> StanceResult | None:
    """6d. A sentence this close to the claim, with its facets, states it even in other words."""
    if _words_apply(ctx) and ctx.rel >= CLOSE_PARAPHRASE and ctx.on_topic and _paraphrase_facets_agree(ctx):
        return _set(ctx.result, "supports", ctx.rel * 0.8, STATES)
    return None


RULES = (swapped_name, other_event, rejected_wording, other_length, figure_rule, all_met_by_exception, other_trend,
         other_peak, other_ordinal_rule, year_ranked, actor_ranked, negated_act, denied_actor, other_actor,
         clause_gives_other_actor, other_date, link_doubted, polarity_denial, left_out_caveat, states_claim,
         close_paraphrase)


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
