"""Counts wider than the claim's: the same number, but for more people, groups or places than the claim names.

"24,000 to 30,000 fighters, together with relatives", "joined ISIL and the Al-Nusrah Front", "in Iraq and Syria"
for "in Syria", "deaths from terrorism" for "killed by ISIS", figures "outside the EU": each makes a claim that
repeats the number misleading (compare.match_figures asks these questions).
"""
from __future__ import annotations

import re

from assistant.verify import wordlists as wl
from assistant.verify.entities import extract_mentions
from assistant.verify.event_scope import expand_places
from assistant.verify.measures import MEASURES
from assistant.verify.quantities import Quantity

# Armed groups (not outlets, agencies or states): a count given for one of them should not span others.
GROUPS = set(wl.words("actors", "armed_groups"))
# A count that covers several groups: "and other violent extremist groups", "several ... groups", "of any group".
SEVERAL_GROUPS = re.compile(r"\b(?:(?:and|or) (?:other|related|allied|associated)\b[^.;]{0,30}\bgroups?|several\b[^.;]{0,40}"
                            r"\bgroups\b|(?:of|with|join) any (?:\w+ )?group|not only (?:ISIS|ISIL|the Islamic State|Daesh)\b)", re.I)


def spans_other_groups(claim_text: str, evidence_text: str) -> bool:
    """The claim gives a count to one group; the source's count covers that group and others ("joined ISIL and
    the Al-Nusrah Front", "the Islamic State and other violent extremist groups")."""
    claimed = {m.canonical for m in extract_mentions(claim_text) if m.kind == "actor" and m.canonical in GROUPS}
    if not claimed or not evidence_text:
        return False
    if SEVERAL_GROUPS.search(evidence_text):
        return True
    groups = [m for m in extract_mentions(evidence_text) if m.kind == "actor" and m.canonical in GROUPS]
    for a, b in zip(groups, groups[1:]):
        if (a.canonical in claimed) != (b.canonical in claimed) and \
                re.fullmatch(r",? (?:and|or) (?:the )?|, ", evidence_text[a.end:b.start]):
            return True
    return False



# Nouns for kinds of people: a count that joins another kind to the claim's ("fighters and family members") is wider.
PERSON_NOUNS = set().union(*(MEASURES[g] for g in ("strength", "people_abroad", "dependants", "returnees"))) | \
    set(wl.words("measures", "extra_person_nouns"))
# The noun phrase of a figure joined to another: "fighters and family members", "fighters, together with relatives".
JOINED_WITH = re.compile(r"^\s*(?:[\w'-]+\s+){0,3}?([\w-]+),?\s+(?:and|together with|along with|plus|as well as)\s+"
                         r"(?:their\s+|other\s+)?([a-z][\w-]+)", re.I)


def _stem(word: str) -> str:
    return re.sub(r"(?:ies|s)$", "", word.lower())[:6]


def joins_other_people(claim_text: str, evidence_text: str, documented: Quantity) -> bool:
    """The source's figure counts the claim's people together with another kind of people, one the claim does
    not name ("4,000 to 6,000 fighters and family members" for "4,000 fighters")."""
    m = JOINED_WITH.match(evidence_text[documented.end:documented.end + 70])
    if m is None:
        return False
    nouns = [w for w in m.groups() if re.sub(r"(?:ies|s)$", "", w.lower()) in PERSON_NOUNS
             or re.sub(r"s$", "", w.lower()) in PERSON_NOUNS or w.lower() in ("family", "families")]
    low = claim_text.lower()
    return len(nouns) == 2 and any(_stem(w) not in low for w in nouns)


# Words saying that counted people fought: a source counting travellers, minors or adults does not say so.
FIGHTING = re.compile(r"\b(?:" + wl.alternation("measures", "fighting") + r")\b", re.I)
HEADCOUNT_MEASURES = set(wl.words("measures", "headcount_measures"))
# a count of fighters' deaths or arrests, not of fighters
FATE_KINDS = set(wl.words("measures", "fate_kinds"))


def fighting_added(claimed: Quantity, documented: Quantity, claim_text: str, evidence_text: str) -> bool:
    """The claim says the people it counts fought ("190 Canadians fighting for Daesh", "6,577 child soldiers");
    the source's figure counts them without saying so ("190 extremist travellers", "6,577 foreign minors")."""
    if not claim_text or not evidence_text or claimed.is_percent:
        return False
    return bool(FIGHTING.search(comma_clause(claim_text, claimed))
                and not FIGHTING.search(comma_clause(evidence_text, documented)))


def comma_clause(text: str, q: Quantity) -> str:
    """The stretch between punctuation that holds a figure (its noun phrase and verb, with "and" kept)."""
    start = max([m.end() for m in re.finditer(r"[,;:(]|\bincluding\b", text[:q.start])] + [0])
    end = min([q.end + m.start() for m in re.finditer(r"[,;:)]|\.\s", text[q.end:])] + [len(text)])
    return text[start:end]


# A count of all terrorism ("terrorism deaths", "deaths from terrorist attacks"), and words for one strand of it.
ALL_TERRORISM = re.compile(r"\bterrorism\b|\bterrorist attacks\b", re.I)
ONE_STRAND = re.compile(r"\b(?:" + wl.alternation("measures", "one_strand") + r")\b", re.I)


def strand_of_all(claimed: Quantity, documented: Quantity, claim_text: str, evidence_text: str) -> bool:
    """The claim gives a figure to one group or strand ("killed by ISIS", "jihadist attacks killed four"); the
    source's clause counts all terrorism and names neither ("4,269 deaths ... attributed to terrorism")."""
    if not claim_text or not evidence_text:
        return False
    mine, theirs = comma_clause(claim_text, claimed), comma_clause(evidence_text, documented)
    if ALL_TERRORISM.search(mine):
        return False  # the claim's own count is of all terrorism ("135 of the 142 terrorism deaths")
    groups = lambda t: {m.canonical for m in extract_mentions(t) if m.kind == "actor" and m.canonical in GROUPS}  # noqa: E731
    strand = bool(groups(mine)) or bool(ONE_STRAND.search(mine))
    return strand and bool(ALL_TERRORISM.search(theirs)) and not groups(theirs) and not ONE_STRAND.search(theirs)


# What joins two places into one scope: "in Iraq and Syria", "Syria or Iraq", "France, Belgium".
PLACE_JOIN = re.compile(r",?\s+(?:and|or|&|as well as|plus)\s+(?:in\s+)?(?:the\s+)?|,\s+(?:the\s+)?", re.I)


def spans_other_places(claimed: Quantity, documented: Quantity, claim_text: str, evidence_text: str) -> bool:
    """The claim gives a figure to one place; the source's clause gives it to that place joined with another
    that the claim does not name ("95 percent of the territory ... in Iraq and Syria" for "in Syria")."""
    if not claim_text or not evidence_text:
        return False
    mine = expand_places({m.canonical for m in extract_mentions(claim_text) if m.kind == "place"})
    if not mine:
        return False
    clause = comma_clause(evidence_text, documented)
    places = [m for m in extract_mentions(clause) if m.kind == "place"]
    for a, b in zip(places, places[1:]):
        if (a.canonical in mine) != (b.canonical in mine) and PLACE_JOIN.fullmatch(clause[a.end:b.start]):
            return True
    return False


# A figure for a scope minus a place: "killed outside the EU", "deaths outside Afghanistan", "excluding Iraq"
OUTSIDE = re.compile(r"\b(?:outside|excluding|beyond)\s+(?:of\s+)?(?:the\s+)?[A-Z]")


def outside_claimed(claim_text: str, clause: str) -> bool:
    """The clause gives its figure for everywhere but a place the claim names, or for everywhere but one place
    where the claim names none ("deaths outside Afghanistan" for worldwide deaths)."""
    mine = {m.canonical for m in extract_mentions(claim_text) if m.kind == "place"}
    for o in OUTSIDE.finditer(clause):
        if OUTSIDE.search(claim_text):
            return False
        after = [m for m in extract_mentions(clause[o.end() - 1:o.end() + 40]) if m.kind == "place"]
        # (every place the claim names lies in the one left out: "in the EU" vs "outside the EU")
        if after and mine <= expand_places({after[0].canonical}):
            return True
    return False
