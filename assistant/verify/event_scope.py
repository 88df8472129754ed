"""Is an evidence sentence about the same event or subject as the claim?

Two signals: places (a city in the evidence counts for its country in the claim, but another city of the
same country does not count for the claim's city) and name anchors (the claim's words that the sources
write as names, e.g. "westminster" -> "Westminster", "charlie hebdo"), looked for in the sentence and its
document's title.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from functools import lru_cache

from assistant.verify import wordlists as wl
from assistant.verify.facets import STOPWORDS

# City (or narrower scope) -> the country (or wider scope) it lies in (data/places.yaml).
CITY_COUNTRY: dict[str, str] = wl.mapping("places", "city_country")
# Words that never identify an event on their own.
GENERIC = set(wl.words("stopwords", "generic"))
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]{2,}")
# The end of a sentence or headline segment: the next word is capitalised by position
SENTENCE_START = re.compile(r"(?:[.!?:;]\s+|\s[-–—]\s+)$")


def expand_places(places: set[str]) -> set[str]:
    """Places plus the countries of their cities."""
    return places | {CITY_COUNTRY[p] for p in places if p in CITY_COUNTRY}


def places_compatible(claim_places: set[str], evidence_places: set[str]) -> bool:
    """False when both name places and none of the claim's places (or its cities' countries) is covered."""
    if not claim_places or not evidence_places:
        return True
    return bool(claim_places & expand_places(evidence_places))


def name_anchors(claim: str, evidence_texts: list[str]) -> set[str]:
    """Claim words written as names (capitalised mid-sentence) in the claim or the evidence; generic words out."""
    anchors = set()
    for i, m in enumerate(_WORD.finditer(claim)):
        w = re.sub(r"['’]s?$", "", m.group(0))  # possessives: "ISIS's" -> "ISIS", "Soleimani's" -> "Soleimani"
        low = w.lower()
        if low in GENERIC or len(low) < 3:
            continue
        # the first word of a sentence ("Yesterday", "Unlike", "Its") is capitalised by position, not as a name
        first = i == 0 or bool(SENTENCE_START.search(claim[:m.start()]))
        if w[0].isupper() and not first:
            anchors.add(low)
            continue
        if first and low in STOPWORDS:
            continue
        if first and w[0].isupper() and not _lowercase_in(low, evidence_texts):
            anchors.add(low)  # "Myanmar recorded ...", unless the sources write the word in lowercase ("Unlike")
            continue
        pattern = re.compile(r"[a-z,;:(]\s+" + re.escape(low.capitalize()) + r"\b")
        if any(pattern.search(t) for t in evidence_texts):
            anchors.add(low)
    return anchors


def _lowercase_in(low: str, texts: list[str]) -> bool:
    """Some source writes the word in lowercase: a common word, not a name."""
    return any(re.search(r"\b" + re.escape(low) + r"\b", t) for t in texts)


def anchor_coverage(anchors: set[str], text: str) -> float:
    """Share of the anchors present in text (1.0 when there are none)."""
    if not anchors:
        return 1.0
    low = text.lower()
    return sum(1 for a in anchors if any(re.search(r"\b" + re.escape(f), low) for f in _forms(a))
               or a in _initialisms(text)) / len(anchors)


# A demonym's ending: "Sri Lankan" is found by "Sri Lanka", "Iraqi" by "Iraq", "Egyptian" by "Egypt"
_DEMONYM = re.compile(r"(?:ian|ese|n|i)$")


def _forms(anchor: str) -> set[str]:
    """The anchor and, for a demonym, the name of its place (at least four letters)."""
    return {anchor} | {anchor[:m.start()] for m in _DEMONYM.finditer(anchor) if m.start() >= 4} | \
        ({anchor[:-1]} if anchor.endswith("ian") and len(anchor) >= 6 else set())


# Small words a name's initialism skips: "Global Terrorism Index" is GTI, "Counter-Terrorism Committee" CTC
_NAME_LINKS = set(wl.words("stopwords", "name_links"))


@lru_cache(maxsize=20_000)
def _initialisms(text: str) -> frozenset[str]:
    """The initials of every run of capitalised words in text ("Syrian Democratic Forces" -> "sdf"), so that
    a claim's acronym finds the name written out."""
    out, run = set(), []
    for w in re.findall(r"[A-Za-z][\w'’]*", text):
        if w[0].isupper():
            run.append(w[0].lower())
            for i in range(max(0, len(run) - 6), len(run) - 1):
                out.add("".join(run[i:]))
        elif w.lower() not in _NAME_LINKS:
            run = []
    return frozenset(out)


# Places where foreign fighters went: implied by any claim about ISIS fighters, so not a difference in scope.
IMPLIED_PLACES = set(wl.words("places", "implied_places"))
EDITION_BEFORE = re.compile(r"(?:" + wl.alternation("cues", "edition_names") + r")\s*$", re.I)


def period_dates(text: str, dates) -> list:
    """The dates a sentence's figures describe: publication names ("TE-SAT 2024", "GTI 2019") left out."""
    return [d for d in dates if not EDITION_BEFORE.search(text[:d.span_start])]


def periods_compatible(claim_dates, evidence_dates) -> bool:
    """False when both sides give dates and none overlap (the figure is for another period)."""
    if not claim_dates or not evidence_dates:
        return True
    return any(c.start <= e.end and e.start <= c.end for c in claim_dates for e in evidence_dates)


def scope_compatible(claim_places: set[str], evidence_places: set[str]) -> bool:
    """Figures compare only within the same geographic scope (worldwide vs Europe differ)."""
    c, e = claim_places - IMPLIED_PLACES, evidence_places - IMPLIED_PLACES
    if not c and not e:
        return True
    if not c or not e:
        return False
    return bool(c & expand_places(e)) or bool(e & expand_places(c))


# A comma and a conjunction open a clause about another event: "up to $300 million, despite losing ... in March 2019".
_SUBCLAUSE = r",\s*(?:despite|although|though|after|before|when|while|as)\b"


def quantity_period(text: str, quantity, dates) -> list:
    """The dates a figure describes: the first date after it in the same clause, else the last one before it.

    "32,685 deaths in 2014, up from 18,111 in 2013" gives 32,685 -> 2014 and 18,111 -> 2013.
    """
    # a running count ("more than 36,500 ... since the start of the conflict in 2011") describes the period up to
    # the sentence's latest date (when it was said or published), or up to now when it gives none
    start = running_since(text, quantity, dates)
    if start is not None:
        later = [d for d in dates if d.start > start.end]
        return [max(later, key=lambda d: d.end)] if later else [replace(start, end=dt.date.max)]
    # a date after another figure belongs to that one: "to 62 from more than 200 in 2017" dates 200, not 62
    after = [d for d in dates if d.span_start >= quantity.end
             and not re.search(r"[;:]|\b(?!(?:19|20)\d\d\b)\d|" + _SUBCLAUSE, text[quantity.end:d.span_start])
             and d.span_start - quantity.end <= 90
             and not (quantity.is_percent and _CHANGE_BASE.match(text[quantity.end:d.span_start]))]
    if after:
        return [min(after, key=lambda d: d.span_start)]
    # a date that says when a report came out ("reported in October 2018 that ...") bounds what it reports
    # from above: an event it recounts may lie before it
    dates = [replace(d, start=dt.date.min) if _REPORT_VERB.search(text[:d.span_start]) and _THAT.match(text[d.span_end:])
             else d for d in dates]
    before = [d for d in dates if d.span_end <= quantity.start and not re.search(r"[;:]", text[d.span_end:quantity.start])]
    return [max(before, key=lambda d: d.span_end)] if before else list(dates)


_REPORT_VERB = re.compile(r"\b(?:reported|said|stated|announced|noted|wrote|told [\w ]{1,20}?)\s+(?:in|on)\s+$", re.I)
_THAT = re.compile(r",?\s+that\b", re.I)  # ... followed by the reported clause


# The year a change is measured from ("a 9% fall from 2021", "a 22% increase on 2022"): the base, not the period
_CHANGE_BASE = re.compile(r"\s*(?:[\w-]+\s+){0,2}?(?:from|on|over|compared (?:with|to)|against)\s+(?:the\s+)?$", re.I)


def running_since(text: str, quantity, dates):
    """The date a running count starts from, in the figure's clause: "13 attacks had been foiled since the Nice
    attack of 14 July 2016" gives 14 July 2016; None when the figure is no running count."""
    running = [d for d in dates if _SINCE.search(text[:d.span_start]) and abs(d.span_start - quantity.start) <= 120
               and not re.search(r"[,;:]", text[min(d.span_end, quantity.end):max(d.span_start, quantity.start)])]
    return min(running, key=lambda d: abs(d.span_start - quantity.start)) if running else None


# "since" opening the phrase that ends in a date: "since 2013", "since the start of the Syrian conflict in 2011".
_SINCE = re.compile(r"\bsince\b[^,;.\d]{0,45}$", re.I)


_NEG_BEFORE = re.compile(r"(?:\b(?:not|never|no|nobody|none)\b|n['’]t)(?:\s+[\w'’-]+){0,2}\s*$", re.I)


def negated_kinds(text: str, predicates, kinds: dict[str, str], near: set[str] | None = None) -> set[str]:
    """Kinds of the predicates that are themselves negated ("no group claimed", "did not claim", "never
    returned"); a negation elsewhere in the sentence ("without offering evidence") does not count. With
    near (place or event names), only negations within 80 characters of one of them count ("Stockholm was
    never claimed" says nothing about Nice)."""
    low = text.lower()
    spots = [m.start() for n in (near or set()) for m in re.finditer(r"\b" + re.escape(n.replace("-", " ")), low)]
    out = set()
    for name, start, _end in predicates:
        if name in kinds and _NEG_BEFORE.search(text[max(0, start - 30):start]):
            if near and spots and not any(abs(start - p) <= 80 for p in spots):
                continue
            out.add(kinds[name])
    if re.search(r"\b(unclaimed|no claim)\b", text, re.I):
        out.add("claimed")
    return out


def dates_near(text: str, names: set[str], dates) -> list:
    """The dates written next to a mention of one of names (a place or anchor); all dates if none are."""
    low = text.lower()
    spots = [m.start() for n in names for m in re.finditer(r"\b" + re.escape(n.replace("-", " ")), low)]
    near = [d for d in dates if any(-40 <= d.span_start - p <= 60 for p in spots)]
    return near or list(dates)


def quantities_near(text: str, names: set[str], quantities, other_starts: list[int] | None = None) -> list:
    """In a sentence about several events, the figures written just after one of names (the claim's place or
    event name) and before the next other place: "Nice (14 July 2016, 86 dead), Berlin (..., 12 dead)"
    gives 86 for Nice. A figure that opens a clause whose first place is one of names belongs to it too:
    "1,219 arrests in the EU in 2017, including 412 reported by the UK" gives 1,219 for the EU."""
    low = text.lower()
    found = [(m.start(), m.end()) for n in names for m in re.finditer(r"\b" + re.escape(n.replace("-", " ")), low)]
    spots = [end for _, end in found]
    others = sorted(other_starts or [])

    def window_end(p: int) -> int:
        return min([o for o in others if o > p] + [p + 70])

    def opens_clause(q) -> bool:
        start = max([m.end() for m in re.finditer(r"[;:]", text[:q.start])], default=0)
        stop = min([m.start() for m in re.finditer(r"[;:]", text[q.end:])], default=len(text) - q.end) + q.end
        mine = [a for a, _ in found if start <= a < stop]
        theirs = [o for o in others if start <= o < stop]
        return bool(mine) and q.end <= min(mine) and (not theirs or min(mine) < min(theirs))

    return [q for q in quantities if any(p <= q.start < window_end(p) for p in spots) or opens_clause(q)]
