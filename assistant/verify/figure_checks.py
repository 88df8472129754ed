"""Small tests on one documented figure against a claimed one: is it the claimed period, a publication's year,
an open bound, a known measure, the claim's very number written out?"""
from __future__ import annotations

import re

from assistant.verify.compare import FigureMatch, tolerance
from assistant.verify import wordlists as wl
from assistant.verify.cues import ALL_WORDS, EXCEPTION
from assistant.verify.event_scope import EDITION_BEFORE, periods_compatible
from assistant.verify.facets import ClaimFacets
from assistant.verify.trend import figure_direction


def edition_year(text: str, q) -> bool:
    """A year in a publication's name ("Global Terrorism Index 2019", "TE-SAT 2018") is not a figure."""
    return q.qualifier == "exact" and 1990 <= q.value <= 2100 and float(q.value).is_integer() and \
        bool(EDITION_BEFORE.search(text[:q.start]))


def same_period(claim_dates, figure_dates, sentence_dates) -> bool:
    """The figure describes the claim's period; a figure dated by a day (when it was announced) may describe
    the event named elsewhere in the sentence, so any date of the sentence may match then."""
    if periods_compatible(claim_dates, figure_dates):
        return True
    return all(d.granularity == "day" for d in figure_dates) and periods_compatible(claim_dates, sentence_dates)


def part_of_period(claim_dates, since) -> bool:
    """The figure runs from a date strictly inside every period the claim gives ("since July 2016" vs "in 2016")."""
    return bool(claim_dates) and since is not None and all(c.start < since.start <= c.end for c in claim_dates)


def all_exception(claim: ClaimFacets, text: str) -> bool:
    """An "all"/"every" claim and a sentence that records an exception ("mostly", "5 of the 6", "nearly all")."""
    return bool({q[0] for q in claim.quantifiers} & ALL_WORDS and EXCEPTION.search(text))


def loose_bound(m: FigureMatch) -> bool:
    """An open-ended documented figure ("more than 40,000") cannot confirm a precise claimed one (52,808)."""
    precise = m.claimed.qualifier == "exact" and tolerance(m.claimed) <= 0.02
    open_ended = m.documented.high == float("inf") or m.documented.qualifier in ("up_to", "at_most", "under")
    # the claim repeating the bound's own number ("36,500" for "more than 36,500") quotes that figure
    same_number = abs(m.claimed.value - m.documented.value) <= tolerance(m.claimed) * max(abs(m.documented.value), 1e-9)
    return precise and open_ended and not same_number


def measure_known(m: FigureMatch) -> bool:
    """Both figures' measures are known and alike: plain "people" is no measure beside a specific one
    ("20,000 people on a watchlist" vs "175 presumed dead")."""
    cm, dm = m.claimed_measure, m.documented_measure
    return bool(cm) and bool(dm) and (cm == dm or "people" not in (cm, dm))


def number_in(claim: str, q, text: str, dates) -> bool:
    """The claim's number is written in text as in the claim, in digits or in words, outside the text's dates
    ("12 June" is no "12 hours"), and with the claim's unit of time right after it if it has one ("four months"
    in "a four-month battle")."""
    words = [w.strip(",.") for w in re.findall(r"[\w,.]+", q.text) if w[0].isdigit() or w.lower() in NUMBER_WORDS]
    unit = TIME_UNIT.match(claim[q.end:])
    after = r"[\s-]+" + unit.group(1) if unit else r"(?![\d])"
    return bool(words) and not q.is_percent and all(
        any(not any(d.span_start <= m.start() < d.span_end for d in dates)
            for m in re.finditer(r"(?<![\w,.])" + re.escape(w) + after, text, re.I)) for w in words)


# A unit of time after a number ("12 hours", "four months later")
TIME_UNIT = re.compile(r"[\s-]+(second|minute|hour|day|week|month|year)s?\b", re.I)
# Numbers written as words, which a sentence may give inside another word ("a four-month battle")
NUMBER_WORDS = set(wl.words("counting", "number_words"))




def exact_other_measure(m: FigureMatch) -> bool:
    """Both figures are labelled, count different things, and are the very same number (not a round one
    that merely falls near)."""
    heads = (m.claimed.counted_head, m.documented.counted_head)
    return (not m.same_measure and all(heads) and heads[0] != heads[1]
            and "people" not in (m.claimed_measure, m.documented_measure)
            and bool(m.claimed_measure) and bool(m.documented_measure)
            and m.claimed.value == m.documented.value and m.claimed.value >= 2
            and m.claimed.is_percent == m.documented.is_percent)


def turned_other_way(claim_text: str, claimed, evidence_text: str, documented) -> bool:
    """The claim and the sentence give the figure as a change in opposite directions (a rise vs a fall)."""
    ways = {figure_direction(claim_text, claimed.start, claimed.end),
            figure_direction(evidence_text, documented.start, documented.end)}
    return ways == {"up", "down"}
