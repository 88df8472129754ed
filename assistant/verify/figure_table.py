"""One row of the claimed-vs-documented figures table, shared by both judges.

The table shows only what a figure is and counts; it never decides the verdict. So a row is checked here
once more, for what the reader sees:

* a figure written inside quotation marks is the wording a source quotes (often to criticise it, as in
  'headlines calling it "30,000 ISIS fighters"'), not a figure the source gives: no row;
* a "match" whose passage counts a wider population than the claim ("total ISIL membership", "all ISIL
  members ..., local and foreign" for a claim about foreigners who joined) counts something else;
* the ``what`` label is what the figure counts: a word such as "range", "figure" or a month name ("the
  27,000-31,000 of December 2015") is no label, so the passage's own "counts ..." phrase is used instead;
* a figure read from the corpus's editorial note is attributed to that note, never to the publisher;
* a "match", "difference" or "revised" figure whose people did something else than the claim's (survived, returned, were
  killed, for a claim about people who joined), or that adds their dependants, counts something else, and its
  label says what (figure_fate.py).
"""
from __future__ import annotations

import re

from assistant.ingest.notes import is_note, note_source
from assistant.types import Evidence, Figure
from assistant.verify.compare import FigureMatch
from assistant.verify.figure_fate import claim_fate, fate_label, fate_of, other_population

_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
           "dec"}
_GENERIC = {"range", "figure", "figures", "estimate", "estimates", "number", "numbers", "total", "totals", "count",
            "counts", "tally", "survivor estimate", "this", "that", "it", "which", "day", "days", "next day", "week",
            "weeks", "month", "months", "year", "years", "same day", "following day"} | _MONTHS
# "the 27,000-31,000 of December 2015 counts travel to several groups": the verb, never the noun ("a count of")
_COUNTS = re.compile(r"(?<!\ba )(?<!\bthe )\bcounts\s+(?!of\b)(?:only\s+)?"
                     r"(.+?)(?=[,;:.]|\s+(?:not|rather|and not|but)\b|$)", re.I)
# qualifiers of the claim's population that a passage must name for its figure to count the same people
_POPULATION = {"foreign": re.compile(r"\bforeign", re.I), "women": re.compile(r"\bwom[ae]n\b", re.I),
               "children": re.compile(r"\b(?:child|children|minors?)\b", re.I),
               "minors": re.compile(r"\b(?:child|children|minors?)\b", re.I)}
_WIDER = re.compile(r"\b(?:total\s+(?:ISIL|ISIS|IS|Da'?esh)?\s*membership|all\s+(?:ISIL|ISIS|IS|Da'?esh)\s+members|"
                    r"local\s+and\s+foreign|foreign\s+and\s+local)\b", re.I)
_UNSTATED = "not stated in the passage"
_QUOTES = (('"', '"'), ("\u201c", "\u201d"))


def generic_label(counted: str) -> bool:
    """True when a counted noun says nothing about what is counted ("range", "figure", a month name)."""
    words = counted.lower().strip(" .,'\"")
    return not words or words in _GENERIC or words.split()[0] in _MONTHS


def _quoted(text: str, figure: str) -> bool:
    """True when the figure stands inside quotation marks in text (quoted wording, not the source's figure)."""
    at = text.find(figure)
    if at < 0:
        return False
    before = text[:at]
    for open_, close in _QUOTES:
        if open_ == close and before.count(open_) % 2 == 1:
            return True
        if open_ != close and before.count(open_) > before.count(close):
            return True
    return False


def _restrictions(counted: str) -> set[str]:
    words = set(re.findall(r"[a-z]+", counted.lower()))
    out = {"foreign" for w in words if w.startswith("foreign")}
    out |= {w for w in words if w in ("women", "children", "minors")}
    return out


def counted_label(m: FigureMatch, text: str) -> str:
    """What the documented figure counts, in the passage's words."""
    counted = m.documented.counted.strip()
    if counted and not generic_label(counted):
        wider = _WIDER.search(text)
        return f"{counted} ({wider.group(0)})" if wider and wider.group(0).lower() not in counted.lower() else counted
    at = text.find(m.documented.text)
    found = _COUNTS.search(text[at + len(m.documented.text):] if at >= 0 else text)
    if found and len(found.group(1).split()) <= 12:
        return found.group(1).strip()
    return m.claimed.counted if not counted else _UNSTATED


def table_relation(m: FigureMatch, text: str, relation: str) -> str:
    """The relation shown: a 'matches' whose passage counts a wider population counts something else."""
    if relation != "matches":
        return relation
    if _WIDER.search(text):
        return "counts_other_thing"
    missing = [r for r in _restrictions(m.claimed.counted) if not _POPULATION[r].search(text)]
    return "counts_other_thing" if missing else relation


def table_row(m: FigureMatch, e: Evidence, relation: str, claim: str = "") -> Figure | None:
    """The table row for a compared figure, or None when the figure is only quoted wording. With the claim's
    text, a figure of people who did something else (or with their dependants) counts something else."""
    text = e.text
    if _quoted(text, m.documented.text):
        return None
    meta = e.meta
    note = is_note(e)
    what, relation = counted_label(m, text), table_relation(m, text, relation)
    if claim and relation in ("matches", "differs", "revised"):
        documented = fate_of(text, m.documented)
        if other_population(claim_fate(claim, m.claimed), documented, claim):
            base = "people" if what == _UNSTATED else what
            what, relation = fate_label(base, documented), "counts_other_thing"
    return Figure(what=what, claimed=m.claimed.text, documented=m.documented.text,
                  source=note_source(meta.publisher, meta.title) if note else meta.publisher, as_of=meta.as_of,
                  published=meta.published, relation=relation, note=note)
