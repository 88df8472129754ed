"""Does an evidence sentence state what a claim says, in its own or other words?

A sentence states a claim when it has the claim's acts (negated alike), actors, places and dates, most of its
content words (synonyms and forms allowed), and every name of the event (in it, its title or its document's
other passages); it must not go the other way ("had decreased" for "had grown") or negate a word the claim
asserts. stance.py decides with these tests; nothing here knows about verdicts.
"""
from __future__ import annotations

import re

from assistant.types import Evidence
from assistant.verify import wordlists as wl
from assistant.verify.event_scope import anchor_coverage, expand_places, period_dates, periods_compatible
from assistant.verify.facets import ClaimFacets, sentence_facets as extract_facets
from assistant.verify.misreading import concept_coverage, concepts
from assistant.verify.trend import change_direction, claimed_trend, documented_trend

ENTAILED_COVERAGE = 0.5  # share of the claim's content words a sentence must contain to state it


def _canon(mentions) -> set[str]:
    return {m.canonical for m in mentions}


def entailed(claim: ClaimFacets, ef: ClaimFacets, e: Evidence, claim_kinds: set[str], ev_kinds: set[str],
              claim_negated: set[str], ev_negated: set[str], anchors: set[str], polarity: bool = True,
              document: str = "") -> bool:
    """Everything the claim asserts is in the sentence (or its document's title): the same acts, negated
    alike, by the same actors, in the same places, at compatible dates; the names of the event may stand in
    the document's other passages."""
    title = extract_facets(e.meta.title)
    if not claim_kinds <= ev_kinds or (claim_kinds & claim_negated) != (claim_kinds & ev_negated):
        return False
    if not named(claim.text, claim.actors) <= named(e.text, ef.actors) | _canon(title.actors):
        return False
    if not named(claim.text, claim.places) <= expand_places(named(e.text, ef.places) | _canon(title.places)):
        return False
    dates = dates_or_title(e, ef)
    claim_periods = period_dates(claim.text, claim.dates)  # "GTI 2024" names a report, not a date of the act
    if claim_periods and not (dates and periods_compatible(claim_periods, dates)):
        return False  # the claim's date must be there, not merely not contradicted
    trend = claimed_trend(claim.text)
    if trend and (documented_trend(e.text, trend[0]) != trend[1]
                  or not all(periods_compatible([d], dates) for d in claim.dates)):
        return False  # a change is stated only with its direction, for every year the claim compares
    if other_direction(claim.text, e.text):
        return False  # "the threat had grown" is not stated by "threats ... had decreased"
    if polarity and polarity_clash(claim.text, e.text):
        return False  # "who are not dangerous" does not state "were dangerous", nor the other way round
    if concept_coverage(claim.text, f"{e.text} {e.meta.title}") < ENTAILED_COVERAGE:
        return False  # words the sentence does not say ("in an area ISIS still controlled")
    return anchor_coverage(anchors, f"{e.text} {e.meta.title} {document}") >= 0.99


def other_direction(claim: str, sentence: str) -> bool:
    """The claim says something went one way ("had grown") and the sentence only the other ("had decreased")."""
    claimed, stated = change_direction(claim), change_direction(sentence)
    return bool(claimed and stated and claimed != stated)


# A negator and the (up to two) words it governs: "not dangerous", "never reached", "did not claim"
# ("no hostages were freed": a negative determiner negates its noun's verb too, up to four words on)
NEGATED_WORDS = re.compile(r"(?:\b(?:not|never|nobody|none|neither|nor)\b|n['’]t)((?:\s+[\w'’-]+){1,2})|"
                           r"\bno\b((?:\s+[\w'’-]+){1,4})", re.I)


# "a country other than Afghanistan or Iraq": the names after it are set apart, not what the text speaks of
EXCLUDED_BEFORE = re.compile(r"\b(?:" + wl.alternation("cues", "excluded_before") + r")\s+"
                             r"(?:(?:the|a|an|[A-Z][\w'’-]*|or|and|nor|,)\s*)*$")


def named(text: str, mentions) -> set[str]:
    """The canonical names text speaks of, leaving out those it sets apart ("other than Afghanistan or Iraq")."""
    return {m.canonical for m in mentions if not EXCLUDED_BEFORE.search(text[max(0, m.start - 60):m.start])}


DENIES = "denies"  # the sentence negates a word the claim asserts


def polarity_clash(claim: str, sentence: str) -> str:
    """The sentence negates a word the claim asserts plainly, or the claim negates and the sentence does not
    (actor names after a negator are its object, not what it negates: "did not end ISIS")."""
    def negated(text: str) -> set[str]:
        return {c for m in NEGATED_WORDS.finditer(text) for c in concepts(m.group(1) or m.group(2))
                if not c.startswith("@")}
    claim_neg, ev_neg = negated(claim), negated(sentence)
    if (concepts(claim) - claim_neg) & ev_neg:
        return DENIES
    return "unsaid negation" if claim_neg and not ev_neg and not IMPLICIT_NEGATION.search(sentence) else ""


# Negation said in other words: "Unlike earlier reports" for "something earlier editions had not done"
IMPLICIT_NEGATION = re.compile(r"\b(?:" + wl.alternation("cues", "implicit_negation") + r")\b", re.I)


def dates_or_title(e: Evidence, ef: ClaimFacets) -> list:
    """The periods a sentence is dated by; an undated sentence takes its document's title's date ("Fall of
    Raqqa to the SDF, June-October 2017"), as it takes the title's actors and places."""
    title = e.meta.title or ""
    return period_dates(e.text, ef.dates) or period_dates(title, extract_facets(title).dates)


def dated_alike(claim_dates, dates) -> bool:
    """The sentence gives a date, and it is compatible with the claim's."""
    return bool(dates) and periods_compatible(claim_dates, dates)
