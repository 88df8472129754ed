"""Which way a count moved: "deaths rose in 2015" against "a 10% fall in deaths in 2015".

A claim that says a measure went up (or down) is contradicted by a sentence that says the same measure, in the
same year, went the other way. Only the words right after the measure's noun count, so "deaths fell while
attacks rose" gives deaths down and attacks up.
"""
from __future__ import annotations

import re

UP = re.compile(r"\b(rose|rise[sn]?|rising|up|increas\w*|grew|grow\w*|higher|jump\w*|doubl\w*|tripl\w*|surg\w*|"
                r"climb\w*|more than (?:doubled|tripled))\b", re.I)
DOWN = re.compile(r"\b(fell|fall\w*|drop\w*|declin\w*|decreas\w*|lower|down|halv\w*|fewer|shrank|shrink\w*|"
                  r"reduc\w*|plummet\w*|dropped)\b", re.I)
MEASURE_NOUNS = re.compile(r"\b(deaths?|attacks?|arrests?|incidents?|departures?|fighters?|plots?|killings?|"
                           r"injur\w+|casualt\w+|number of [a-z ]{3,30}?)\b", re.I)


def _direction(text: str) -> str:
    up, down = bool(UP.search(text)), bool(DOWN.search(text))
    return "up" if up and not down else "down" if down and not up else ""


def claimed_trend(claim: str) -> tuple[str, str] | None:
    """(measure noun, 'up' or 'down') for a claim that a count rose or fell; None otherwise."""
    m = MEASURE_NOUNS.search(claim)
    if not m:
        return None
    direction = _direction(claim[m.end():])
    return (m.group(1).lower().rstrip("s")[:6], direction) if direction else None


def documented_trend(sentence: str, noun: str) -> str:
    """The direction the sentence gives for noun: the trend words in the clause right after it."""
    directions = set()
    for m in re.finditer(r"\b" + re.escape(noun), sentence, re.I):
        after = re.split(r"[;.]| while | whereas | but ", sentence[m.end():m.end() + 80])[0]
        before = re.split(r"[;,.]| while | whereas | but ", sentence[max(0, m.start() - 40):m.start()])[-1]
        d = _direction(after) or _direction(before)  # "deaths fell 10%", "a 650% increase in deaths"
        if d:
            directions.add(d)
    return directions.pop() if len(directions) == 1 else ""
