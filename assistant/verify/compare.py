"""Compare a claimed figure with a documented one: same number? same thing counted?

Two figures are *compatible* when their ranges overlap once the claim's own precision is allowed for
("30,000" is a round number and tolerates about 10%; "33,555" is precise and tolerates 0.2%). They
*count the same thing* when their counted nouns fall in the same measure group and the sentence's verb
(joined / survived / returned / killed ...) is of the same kind.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from assistant.verify.counted_scope import (FATE_KINDS, HEADCOUNT_MEASURES, comma_clause, fighting_added,
                                            joins_other_people, outside_claimed, spans_other_groups, spans_other_places,
                                            strand_of_all)
from assistant.verify.entities import extract_predicates
from assistant.verify.measures import MEASURES, PREDICATE_KINDS
from assistant.verify.quantities import Quantity



_VERB_MEASURE = [(re.compile(r"\b(kill\w*|died|dead|deaths?|death toll|tolls?|lives|murder\w*)\b", re.I), "deaths"),
                 (re.compile(r"\b(injur\w*|wound\w*|hurt|hospital\w*)\b", re.I), "injured"),
                 (re.compile(r"\b(arrest\w*|detain\w*)\b", re.I), "arrests"),
                 (re.compile(r"\b(return\w*|came back|come back)\b", re.I), "returnees")]


ATTEMPTED = re.compile(r"\b(?:attempted|attempts? (?:at|to))\s+(?:[\w-]+\s+)?$", re.I)  # "attempted (terrorist) murder"


def measure_of(q: Quantity, text: str = "") -> str:
    """The measure group of a quantity's counted noun ('' if unknown).

    A vague noun ("people", "others") takes its measure from the verb right before or after it in text:
    "killed 22 people and injured 59 others" gives deaths for 22 and injured for 59.
    """
    if q.is_percent:
        return "territory" if "territor" in q.counted else "percent"
    head = q.counted_head
    group = next((g for g, heads in MEASURES.items() if head in heads), "")
    if group in ("people", "") and text:
        before, after = text[max(0, q.start - 50):q.start], text[q.end:q.end + 30]
        for pattern, measure in _VERB_MEASURE:
            last_before = list(pattern.finditer(before))
            if last_before and ATTEMPTED.search(before[:last_before[-1].start()]):
                return "attempts"  # "attempted murder of 119 people" counts no deaths
            if last_before or pattern.match(after.strip()) or pattern.search(after[:len(q.counted) + 15]):
                return measure
    return group


def tolerance(q: Quantity) -> float:
    """Relative tolerance implied by how a claimed figure is written."""
    if q.qualifier != "exact":
        return 0.05
    value = abs(q.value)
    if value == 0 or value != int(value):
        return 0.002
    zeros = len(str(int(value))) - len(str(int(value)).rstrip("0"))
    if zeros == 0:
        return 0.002
    return min(0.1, max(0.02, 0.5 * 10 ** zeros / value))


_LOWER = ("over", "at_least")
_UPPER = ("under", "at_most", "up_to")
PEOPLE_MEASURES = {"people_abroad", "dependants", "returnees", "deaths", "injured", "arrests", "strength", "people"}


def _interval(q: Quantity, tol: float) -> tuple[float, float]:
    if q.qualifier == "exact":
        return q.value * (1 - tol), q.value * (1 + tol)
    if q.qualifier in ("about", "nearly"):
        return min(q.low, q.value * (1 - tol)), max(q.high if q.qualifier == "nearly" else q.value * (1 + tol), q.value)
    return q.low * (1 - tol), (q.high * (1 + tol) if math.isfinite(q.high) else math.inf)


def compatible(claimed: Quantity, documented: Quantity) -> bool:
    """True if the documented figure (or its range) agrees with the claimed one within tolerance.

    Two bounds in the same direction ("more than 40,000" vs "more than 25,000") agree only if the bounds
    themselves are close; otherwise the intervals must overlap.
    """
    if claimed.is_percent != documented.is_percent:
        return False
    tol = tolerance(claimed)
    same_direction = (claimed.qualifier in _LOWER and documented.qualifier in _LOWER) or \
        (claimed.qualifier in _UPPER and documented.qualifier in _UPPER)
    if same_direction:
        return abs(claimed.value - documented.value) <= max(tol, 0.05) * max(claimed.value, 1e-9)
    c_low, c_high = _interval(claimed, tol)
    d_low, d_high = _interval(documented, 0.002 if documented.qualifier == "exact" else 0.05)
    if not (c_low <= d_high and d_low <= c_high):
        return False
    # A bound and a point agree only if the point sits near the bound: "at least 5,600 returned" does not
    # confirm "about 14,000 returned", and "more than 40,000" is not confirmed by 500,000.
    bound, point = ((documented, claimed) if _open(documented) and not _open(claimed) else
                    (claimed, documented) if _open(claimed) and not _open(documented) else (None, None))
    if bound is not None and bound.value:
        ratio = point.value / bound.value
        return ratio <= BOUND_REACH if bound.qualifier in _LOWER else ratio >= 1 / BOUND_REACH
    return True


BOUND_REACH = 1.35  # how far past "more than N" (or below "up to N") a point figure may sit and still agree


def _open(q: Quantity) -> bool:
    return q.qualifier in _LOWER or q.qualifier in _UPPER


@dataclass(frozen=True)
class FigureMatch:
    claimed: Quantity
    documented: Quantity
    same_measure: bool  # counted nouns in the same group (or unknown on one side)
    numbers_agree: bool
    counts_other_thing: bool  # same number, but the evidence counts something the claim does not say
    claimed_measure: str = ""
    documented_measure: str = ""


# Modifiers that restrict what a count covers: "jihadist attacks" are not "terrorist attacks".
RESTRICTIVE = {"jihadist", "jihadi", "islamist", "isis", "isil", "islamic", "daesh", "foreign", "completed", "foiled",
               "failed", "active", "confirmed", "women", "minors", "children", "suicide", "extremist", "separatist",
               "right-wing", "left-wing", "canadian", "british", "french", "german", "european", "western", "eu",
               "returned", "surviving", "dependants", "relatives"}


def restrictions(q: Quantity) -> set[str]:
    words = set(re.findall(r"[a-z][a-z-]*", q.counted.lower().replace("'s", "")))
    found = {w for w in words if w in RESTRICTIVE}
    return {"isis" if w in ("isil", "islamic", "daesh") else w for w in found}


def counts_dependants(q: Quantity) -> bool:
    return any(w in q.counted for w in ("dependant", "dependent", "family", "families", "relatives"))


def implied(word: str, text: str) -> bool:
    """A restriction the sentence states elsewhere: "60 extremist travellers had returned to Canada" implies
    Canadian ones; "ISIS fighters ... about 250 fighters" implies ISIS ones."""
    pattern = _IMPLIED.get(word, re.escape(word[:5]))
    return bool(re.search(r"\b(?:" + pattern + ")", text, re.I))


# ...people who "returned home" or came "from 33 States" were foreign fighters
_IMPLIED = {"isis": r"isis|isil|islamic state|daesh", "eu": r"eu\b|european union",
            "foreign": r"foreign|abroad|return\w* home|from [\w ,]{0,25}\b(?:countries|states|nationalities)\b",
            "british": r"british|briton|uk\b|united kingdom", "french": r"french|france", "german": r"german",
            # kin are family members, and travel "for terrorist activity" is extremist travel
            "relatives": r"relative|famil|dependant|dependent", "dependants": r"dependant|dependent|famil|relative",
            "extremist": r"extremis|terroris"}


_CHANGE = re.compile(r"\s*(?:\w+\s+)?(?:fewer|more|less|additional|extra)\b(?!\s+than)", re.I)


def is_change(q: Quantity, text: str) -> bool:
    """A figure that counts a change ("5,556 fewer deaths", "1,200 more attacks") rather than a total."""
    if q.is_percent or not text:
        return False  # percentages are shares or changes on both sides; compared as such elsewhere
    return bool(_CHANGE.match(text[q.end:q.end + 30]))



def figure_clause(text: str, quantity: Quantity, reach: int = 60) -> str:
    """The clause a figure sits in (at most reach characters either side)."""
    start = max([m.end() for m in re.finditer(r"[,;:]| and | of whom | while ", text[:quantity.start])] + [0])
    start = max(start, quantity.start - reach)
    ends = [m.start() for m in re.finditer(r"[,;:]| and | of whom | while ", text[quantity.end:])]
    end = min(quantity.end + (ends[0] if ends else len(text)), quantity.end + reach)
    return text[start:end]


def figure_kinds(text: str, quantity: Quantity) -> set[str]:
    """The kinds of the verbs written next to a figure, in its clause: in "129 travelled, 7 came back",
    129 is about joining and 7 about returning."""
    if WHOLE_OF_PART.search(text[:quantity.start]):
        return set()  # in "claimed 5 of the 6 attacks" the verb counts the 5; the 6 is every attack there was
    clause = figure_clause(text, quantity)
    at = clause.find(text[quantity.start:quantity.end])
    # a verb in a relative clause after the figure describes the counted people, not what the figure counts: in
    # "60 citizens who had travelled abroad ... had returned", the figure counts returns. One just before the
    # figure holds it: in "the attack that killed 8 people", 8 counts deaths.
    return predicate_kinds([p for p in extract_predicates(clause)
                            if not (RELATIVE_BEFORE.search(clause[:p[1]]) and not _JUST_BEFORE.fullmatch(clause[p[2]:max(at, p[2])]))])


_JUST_BEFORE = re.compile(r"\s+(?:[\w'’-]+\s+){0,2}")  # at most two words between a verb and its figure
WHOLE_OF_PART = re.compile(r"\b(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|all|most|some|none)"
                           r"\s+(?:out\s+)?of\s+(?:the\s+|its\s+|their\s+)?$", re.I)
# A count of only some of a number named before ("five of the six are ..."), the whole given without its noun
PART_OF_WHOLE = re.compile(r"\b(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:out\s+)?of\s+"
                           r"(?:the\s+|its\s+|their\s+|these\s+)?$", re.I)
RELATIVE_BEFORE = re.compile(r"\b(?:who|that|which)\s+(?:(?:had|have|has|were|was)\s+)?(?:\w+ly\s+)?$", re.I)


# A claim that the attacks happened, and a source whose count also takes in plots that never did.
CARRIED_OUT = re.compile(r"\b(?:carried out|committed|perpetrated|took place|happened|struck)\b", re.I)
# (a count "of which five were completed" takes in others that were not)
INCLUDES_FOILED = re.compile(r"\b(?:foiled|failed|thwarted|disrupted|of which \w+ (?:were|was) completed)\b", re.I)
SAYS_WHICH = re.compile(r"\b(?:foiled|failed|thwarted|disrupted|completed|plots?)\b", re.I)  # a claim that says which attacks
# What a figure is spelled out as, in brackets after it: "427 verdicts (convictions and acquittals)".
SPELLED_OUT = re.compile(r"^[\w -]{0,30}?\(([^()]{3,60})\)")


def lists_more(claim_text: str, after: str) -> bool:
    """The source spells its figure out as several things and the claim names only some of them."""
    m = SPELLED_OUT.match(after)
    items = [i for i in re.split(r",\s*|\s+(?:and|or)\s+", m.group(1)) if i.strip()] if m else []
    if len(items) < 2:
        return False
    named = [bool(re.search(r"\b" + re.escape(i.strip().lower()[:6]), claim_text.lower())) for i in items]
    return any(named) and not all(named)


# A running total ("convicted since 2002", "in total", "to date"), not one year's count.
CUMULATIVE = re.compile(r"\bsince (?:the (?:start|beginning) of (?:the )?)?(?:\w+ )?(?:19|20)\d\d\b|\bin total\b|"
                        r"\bcumulative(?:ly)?\b|\bto date\b|\bover the (?:past|previous|last) \w+ years\b", re.I)
ONE_YEAR = re.compile(r"\b(?:in|during|for) (?:19|20)\d\d\b(?!\s*(?:-|–|to|and)\s*(?:19|20)?\d\d)", re.I)  # "in 2015"




# Nouns for people that count as deaths only beside a word of dying ("killed 170 civilians"), and such words.
PERSON_VICTIMS = {"christian", "civilian", "worshipper"}
DEATH_WORDS = re.compile(r"\b(?:kill\w*|died|dies|dead|deaths?|deadl\w+|death toll|tolls?|lives|murder\w*|"
                         r"massacre\w*|slain|fatalit\w+|perish\w*|execut\w+|victims?)\b", re.I)


@dataclass(frozen=True)
class _Pair:
    """A claimed and a documented figure with their texts, verb kinds and measures."""

    claimed: Quantity
    documented: Quantity
    claim_kinds: set[str]
    evidence_kinds: set[str]
    claim_text: str
    evidence_text: str
    cm: str | None  # the claimed figure's measure
    dm: str | None  # the documented figure's measure


def _other_measure(p: _Pair) -> bool:
    """Two known measures that differ (beyond travellers vs dependants, or plain people)."""
    return bool(p.cm and p.dm and p.cm != p.dm and {p.cm, p.dm} != {"people_abroad", "dependants"}
                and "people" not in (p.cm, p.dm))


def _adds_dependants(p: _Pair) -> bool:
    """The documented count takes in dependants the claimed one does not."""
    return counts_dependants(p.documented) and not counts_dependants(p.claimed)


def _other_act(p: _Pair) -> bool:
    """The verbs beside the two figures name different acts."""
    return bool(p.claim_kinds and p.evidence_kinds and not (p.claim_kinds & p.evidence_kinds))


def _several_years(p: _Pair) -> bool:
    """A total over several years given as one year's count."""
    return bool(p.evidence_text and CUMULATIVE.search(figure_clause(p.evidence_text, p.documented, 100))
                and ONE_YEAR.search(p.claim_text) and not CUMULATIVE.search(p.claim_text))


def _takes_in_foiled(p: _Pair) -> bool:
    """A count that takes in foiled or failed plots, given as attacks carried out."""
    return bool(CARRIED_OUT.search(p.claim_text) and not SAYS_WHICH.search(p.claim_text)
                and INCLUDES_FOILED.search(p.evidence_text or ""))


def _lists_more(p: _Pair) -> bool:
    """"427 verdicts (convictions and acquittals)" is not 427 convictions."""
    return bool(p.evidence_text and lists_more(p.claim_text, p.evidence_text[p.documented.end:]))


def _other_groups(p: _Pair) -> bool:
    """One group's count vs a count of several groups."""
    return bool(spans_other_groups(p.claim_text, p.evidence_text))


def _other_people(p: _Pair) -> bool:
    """"fighters and family members" is not a count of fighters."""
    return bool(p.evidence_text and joins_other_people(p.claim_text, p.evidence_text, p.documented))


def _fighting_added(p: _Pair) -> bool:
    """Travellers, minors or adults given as fighters."""
    return bool(p.cm in HEADCOUNT_MEASURES and p.dm in HEADCOUNT_MEASURES and not p.claim_kinds & FATE_KINDS
                and fighting_added(p.claimed, p.documented, p.claim_text, p.evidence_text))


def _strand_of_all(p: _Pair) -> bool:
    """All terrorism's toll given as one group's."""
    return bool(strand_of_all(p.claimed, p.documented, p.claim_text, p.evidence_text))


def _other_places(p: _Pair) -> bool:
    """Two places' figure given for one of them."""
    return bool(spans_other_places(p.claimed, p.documented, p.claim_text, p.evidence_text))


def _part_of_whole(p: _Pair) -> bool:
    """"five of the six are presumed killed": what the claim says of six holds for five."""
    return bool(p.evidence_text and not p.documented.counted and PART_OF_WHOLE.search(p.evidence_text[:p.documented.start])
                and not WHOLE_OF_PART.search(p.claim_text[:p.claimed.start]))


def _people_not_deaths(p: _Pair) -> bool:
    """"100,000 civilians were trapped" counts people, not the deaths the claim gives."""
    return bool(p.dm == "deaths" and p.documented.counted_head in PERSON_VICTIMS and p.evidence_text
                and DEATH_WORDS.search(figure_clause(p.claim_text, p.claimed))
                and not DEATH_WORDS.search(figure_clause(p.evidence_text, p.documented)))


# Ways the same number counts another thing, tried in this order.
OTHER_THING_TESTS = (_other_measure, _adds_dependants, _other_act, _several_years, _takes_in_foiled, _lists_more,
                     _other_groups, _other_people, _fighting_added, _strand_of_all, _other_places, _part_of_whole,
                     _people_not_deaths)


def _same_measure(p: _Pair) -> bool:
    """The two figures count the same measure (or one is unknown, or one counts plain people of the other)."""
    cm, dm = p.cm, p.dm
    return (cm == dm) or not cm or not dm or ("people" in (cm, dm) and {cm, dm} <= PEOPLE_MEASURES)


def _near_values(claimed: Quantity, documented: Quantity) -> bool:
    """The two values are within 10% of each other."""
    return abs(claimed.value - documented.value) <= 0.1 * max(abs(claimed.value), abs(documented.value), 1e-9)


def match_figures(claimed: Quantity, documented: Quantity, claim_kinds: set[str], evidence_kinds: set[str],
                  claim_text: str = "", evidence_text: str = "") -> FigureMatch:
    """How one documented figure relates to one claimed figure.

    claim_kinds and evidence_kinds are the kinds of the verbs next to each figure (see figure_kinds); empty
    when unknown. "Counts another thing" needs the same number (within 10%), not just compatible bounds.
    """
    p = _Pair(claimed, documented, claim_kinds, evidence_kinds, claim_text, evidence_text,
              measure_of(claimed, claim_text), measure_of(documented, evidence_text))
    same = _same_measure(p)
    agree = compatible(claimed, documented)
    other = False
    claim_r, doc_r = restrictions(claimed), restrictions(documented)
    restricted_differently = any(not implied(w, evidence_text) for w in claim_r - doc_r)
    if same and not agree and restricted_differently:
        same = False  # a different number for a differently restricted count is no contradiction
    near = _near_values(claimed, documented)
    if evidence_text and outside_claimed(claim_text, comma_clause(evidence_text, documented)):
        if not agree:
            same = False  # a figure for everywhere but a place ("deaths outside Afghanistan") is no rival count
        elif near:
            other = True  # "17 killed outside the EU" given as 17 killed in it
    if agree and near:
        other = bool(other or (same and restricted_differently)
                     # "5,556 fewer deaths" is a change, not a total
                     or (is_change(documented, evidence_text) and not is_change(claimed, claim_text))
                     or any(test(p) for test in OTHER_THING_TESTS))
    return FigureMatch(claimed, documented, same, agree, other, p.cm, p.dm)


def predicate_kinds(predicates) -> set[str]:
    """The kinds of the predicates found in a text (see PREDICATE_KINDS)."""
    return {PREDICATE_KINDS[p[0]] for p in predicates if p[0] in PREDICATE_KINDS}
