"""Rule 1 of stance.py: a sentence's figures against the claim's, compared only for the same period and place.

``figure_rule`` finds the usable figures and their matches, then tries the figure rules in order; each returns
a StanceResult or None.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from assistant.verify.compare import FigureMatch, figure_kinds, match_figures
from assistant.verify.cues import INFLATED_TO, caveat_on, rejected_quote
from assistant.verify.event_scope import expand_places, quantities_near, quantity_period, running_since
from assistant.verify.figure_checks import (all_exception, edition_year, exact_other_measure, loose_bound,
                                            measure_known, part_of_period, same_period, turned_other_way)
from assistant.verify.stance_context import StanceContext, StanceResult, _set


@dataclass
class Figures:
    """The sentence's usable figures, their matches with the claim's, and the agreeing ones (closest first)."""

    usable: list
    matches: list[FigureMatch]
    agreeing: list[FigureMatch]


def usable_figures(ctx: StanceContext) -> list:
    """The sentence's figures for the claim's period (an undated one: its document's) and place: no edition
    year, no "inflated to" figure, no figure in a rejected quote, and in a sentence about several events only those near the claim's names."""
    e, claim_places = ctx.e, ctx.claim_places
    candidates = [q for q in ctx.ef.quantities if not edition_year(e.text, q)
                  and not INFLATED_TO.search(e.text[max(0, q.start - 60):q.start]) and not rejected_quote(e.text, q)]
    # places that are neither the claim's nor inside one of them (a city of a claimed country, the EU in Europe)
    foreign = {p for p in ctx.ev_places if p not in expand_places(claim_places) and not expand_places({p}) & claim_places}
    if claim_places and foreign:  # a sentence about several events
        other = [m.start for m in ctx.ef.places if m.canonical in foreign]
        candidates = quantities_near(e.text, claim_places | ctx.anchors, candidates, other)
    if not ctx.ev_dates and not ctx.title_names_event:  # an undated figure describes its document's period
        return [q for q in candidates if same_period(ctx.claim_periods, ctx.doc_periods, ctx.doc_periods)]
    return [q for q in candidates if same_period(ctx.claim_periods, quantity_period(e.text, q, ctx.ev_dates), ctx.ev_dates)]


def figure_matches(ctx: StanceContext, usable: list) -> list[FigureMatch]:
    """Every claimed figure matched with every usable one; a running count that starts inside the claim's
    period ("foiled since 14 July 2016" for "in 2016") counts only part of it."""
    claim, e = ctx.claim, ctx.e
    matches = [match_figures(cq, eq, figure_kinds(claim.text, cq), figure_kinds(e.text, eq), claim.text, e.text)
               for cq in ctx.claim_quantities for eq in usable]
    return [replace(m, counts_other_thing=True) if m.numbers_agree and
            part_of_period(ctx.claim_periods, running_since(e.text, m.documented, ctx.ev_dates)) else m
            for m in matches]


def _turned(ctx: StanceContext, f: Figures) -> StanceResult | None:
    """The claim's size of a change with the other direction ("went up by almost 28%" vs "fell") contradicts."""
    turned = [m for m in f.agreeing if turned_other_way(ctx.claim.text, m.claimed, ctx.e.text, m.documented)]
    if not turned:
        return None
    m = turned[0]
    # a figure given the other way is no agreeing figure for the verdict either
    ctx.result.matches = [replace(x, numbers_agree=False) if x in turned else x for x in f.matches]
    return _set(ctx.result, "contradicts", ctx.rel * 0.9, f"gives {m.documented.text} the other way")


def _counts_other_thing(ctx: StanceContext, f: Figures) -> StanceResult | None:
    """An agreeing figure that counts something else makes the claim misleading."""
    if not any(m.counts_other_thing for m in f.agreeing):
        return None
    m = next(m for m in f.agreeing if m.counts_other_thing)
    return _set(ctx.result, "misleading", ctx.rel,
                f"gives {m.documented.text}, but that figure counts {m.documented.counted or 'something else'}")


def _all_exception(ctx: StanceContext, f: Figures) -> StanceResult | None:
    """The figure agrees but the sentence records an exception to the claim's "all": misleading."""
    if f.agreeing and all_exception(ctx.claim, ctx.e.text):
        return _set(ctx.result, "misleading", ctx.rel, "gives the figure but records an exception to 'all'")
    return None


def _qualified(ctx: StanceContext, f: Figures) -> StanceResult | None:
    """The agreeing figure sits in a caveat ("revised", "not the number"): misleading."""
    if f.agreeing and caveat_on(ctx.e.text, f.agreeing[0].documented, ctx.claim.text):
        return _set(ctx.result, "misleading", ctx.rel * 0.9, "qualifies this figure")
    return None


def _agrees(ctx: StanceContext, f: Figures) -> StanceResult | None:
    """An agreeing figure for the same act supports (less when its measure is unknown)."""
    if f.agreeing and (not ctx.claim_kinds or not ctx.ev_kinds or ctx.same_act):
        known = any(measure_known(m) for m in f.agreeing)
        return _set(ctx.result, "supports", ctx.rel * (1.0 if known else 0.75), f"gives {f.agreeing[0].documented.text}")
    return None


def _differs(ctx: StanceContext, f: Figures) -> StanceResult | None:
    """Another figure for the same known measure and act, with none agreeing, contradicts."""
    differing = [m for m in f.matches if not m.numbers_agree and m.same_measure and measure_known(m)
                 and (ctx.same_act or not ctx.claim_kinds)]
    if differing and not f.agreeing and ctx.rel >= ctx.floor:
        m = differing[0]
        return _set(ctx.result, "contradicts", ctx.rel * 0.9, f"gives {m.documented.text}, not {m.claimed.text}")
    return None


def _exact_other_measure(ctx: StanceContext, f: Figures) -> StanceResult | None:
    """The claim's very number, for another thing ("killed 22 people, including children" for "22 children were
    killed"), when no figure agrees: misleading."""
    exact = [m for m in f.matches if exact_other_measure(m)]
    if exact and not f.agreeing and ctx.on_topic and ctx.rel >= ctx.floor:
        m = exact[0]
        return _set(ctx.result, "misleading", ctx.rel * 0.9,
                    f"gives {m.documented.text}, but that figure counts {m.documented.counted or 'something else'}")
    return None


FIGURE_RULES = (_turned, _counts_other_thing, _all_exception, _qualified, _agrees, _differs, _exact_other_measure)


def figure_rule(ctx: StanceContext) -> StanceResult | None:
    """1. Figures: compared only with figures for the same period and place; a sentence whose figures decide
    nothing ends the judgement unless it echoes every claimed figure."""
    if not (ctx.claim_quantities and ctx.ef.quantities):
        return None
    if not ctx.scope_ok:
        return _set(ctx.result, "neutral", ctx.rel * 0.6, "figures for another place")
    usable = usable_figures(ctx)
    if ctx.coverage >= 0.99 and (ctx.place_hit or (ctx.anchors and not ctx.claim_places)):
        ctx.rel = max(ctx.rel, 0.6)  # a sentence that names the claim's event weighs in even if worded apart
    matches = figure_matches(ctx, usable)
    ctx.result.matches = matches
    # closest first: in "first reported as 129 ...; the final count ... is 130", a claim of 130 meets the 130
    agreeing = sorted((m for m in matches if m.numbers_agree and m.same_measure and not loose_bound(m)),
                      key=lambda m: abs(m.documented.value - m.claimed.value))
    f = Figures(usable, matches, agreeing)
    for rule in FIGURE_RULES:
        found = rule(ctx, f)
        if found is not None:
            return found
    # every figure of the claim is in the sentence with its value (an age, "four months later"): the rest of
    # the claim is checked as words, like a claim without figures
    ctx.echoed = ctx.echoed or all(any(m.claimed.start == cq.start and m.numbers_agree for m in matches)
                                   for cq in ctx.claim_quantities)
    if (usable or matches) and not ctx.echoed:
        return ctx.result
    return None
