"""Which way a count moved: "deaths rose in 2015" against "a 10% fall in deaths in 2015".

A claim that says a measure went up (or down) is contradicted by a sentence that says the same measure, in the
same year, went the other way. Only the words right after the measure's noun count, so "deaths fell while
attacks rose" gives deaths down and attacks up.
"""
from __future__ import annotations

import re

from assistant.verify import wordlists as wl
UP = re.compile(r"\b(" + wl.alternation("trend", "up") + r")\b", re.I)
DOWN = re.compile(r"\b(" + wl.alternation("trend", "down") + r")\b", re.I)
# A count said to have held level: "had stayed relatively flat", "remained unchanged".
FLAT = re.compile(r"\b(?:" + wl.alternation("trend", "flat_verbs") + r")\s+(?:relatively |broadly |roughly |largely )?"
                  r"(?:" + wl.alternation("trend", "flat_states") + r")\b", re.I)
# Where one clause of a sentence ends and a contrasting one begins ("X doubled, while Y stayed flat").
CLAUSE_BREAK = re.compile(r"[;.]|,? while |,? whereas |, but |, and |, against ", re.I)
MEASURE_NOUNS = re.compile(r"\b(" + wl.alternation("trend", "measure_nouns") + r")\b", re.I)


def change_direction(text: str) -> str:
    up, down = bool(UP.search(text)), bool(DOWN.search(text))
    return "up" if up and not down else "down" if down and not up else ""


def clause_trend(sentence: str, position: int) -> str:
    """The direction ('up', 'down' or 'flat') of the clause of sentence around position; '' if it gives none."""
    starts = [m.end() for m in CLAUSE_BREAK.finditer(sentence, 0, position)]
    end = CLAUSE_BREAK.search(sentence, position)
    clause = sentence[starts[-1] if starts else 0:end.start() if end else len(sentence)]
    return change_direction(clause) or ("flat" if FLAT.search(clause) else "")


def claimed_trend(claim: str) -> tuple[str, str] | None:
    """(measure noun, 'up' or 'down') for a claim that a count rose or fell; None otherwise."""
    m = MEASURE_NOUNS.search(claim)
    if not m:
        return None
    direction = change_direction(claim[m.end():])
    return (m.group(1).lower().rstrip("s")[:6], direction) if direction else None


def documented_trend(sentence: str, noun: str) -> str:
    """The direction the sentence gives for noun: the trend words in the clause right after it."""
    directions = set()
    for m in re.finditer(r"\b" + re.escape(noun), sentence, re.I):
        after = re.split(r"[;.]| while | whereas | but ", sentence[m.end():m.end() + 80])[0]
        before = re.split(r"[;,.]| while | whereas | but ", sentence[max(0, m.start() - 40):m.start()])[-1]
        d = change_direction(after) or change_direction(before)  # "deaths fell 10%", "a 650% increase in deaths"
        if d:
            directions.add(d)
    return directions.pop() if len(directions) == 1 else ""


# The year a count peaked: "peaked in 2013 (144) and 2014 (134)", "peaked at 32,685 in 2014".
PEAK_AFTER = re.compile(r"\bpeak(?:ed|s)?\s+(?:in|at)\s+([^,;.]{0,40})", re.I)
# ...or "the 2014 peak", "their 2015 peak".
PEAK_BEFORE = re.compile(r"\b((?:19|20)\d\d)\s+peak\b", re.I)
YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def peak_years(text: str) -> set[int]:
    """The years a text says a count peaked in."""
    years = {int(y) for m in PEAK_AFTER.finditer(text) for y in YEAR.findall(m.group(1))}
    return years | {int(m.group(1)) for m in PEAK_BEFORE.finditer(text)}


def measure_noun(text: str) -> str:
    """The first counted noun of a text ("deaths", "departures"), stemmed as in claimed_trend; '' if none."""
    m = MEASURE_NOUNS.search(text)
    return m.group(1).lower().rstrip("s")[:6] if m else ""


# A direction word may sit just before a figure ("rose by almost 28%", "went up by 71 per cent", "fell to 3,955")
# or name it right after ("a 650% increase"); "up to" and "down to" are bounds, not directions.
_BEFORE_FIGURE = re.compile(r"(?:^|[,;:(]|\b(?:and|while|but|whereas)\b)([^,;:(]*)$", re.I)
_BOUND = re.compile(r"\b(?:up|down)\s+to\b", re.I)


# A second figure coordinated with the first, sharing the noun after it: "the 23 and 27 percent declines".
_COORDINATED = re.compile(r"^,?\s+(?:and|or)\s+\d[\d.,]*\s*(?:%|percent\b|per cent\b)?", re.I)


def figure_direction(text: str, start: int, end: int) -> str:
    """'up' or 'down' for a figure written as a change ("went up by almost 28%", "a 71 percent fall"); ''
    when no direction word stands within three words of it."""
    before = _BEFORE_FIGURE.search(text[max(0, start - 40):start]).group(1)
    before = " ".join(_BOUND.sub(" ", before).split()[-4:])  # "went up by almost", "rose by"
    rest = _COORDINATED.sub("", text[end:end + 60], count=1)  # "23 percent and 27 percent declines": both fell
    after = " ".join(re.split(r"[,;:.()]", rest[:30])[0].split()[:2])  # "increase in", "fall"
    return change_direction(before) or change_direction(_BOUND.sub(" ", after))
