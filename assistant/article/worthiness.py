"""Check-worthiness of an extracted claim: opinions, predictions, first-person statements and questions are
not checkable; the rest is scored from figures, named actors, places, dates, attributions of attacks or
threats, causal wording and sweeping quantifiers, with a short reason."""
from __future__ import annotations

import datetime as dt
import re

from assistant.verify.facets import extract_facets


def join_list(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


# --- check-worthiness cues -----------------------------------------------------------------------------------

_QUESTION = re.compile(r"\?['\"”’)]*\s*$")
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I've|[Ww]e|[Ww]e're|[Ww]e've|[Oo]ur|[Oo]urs|us|[Mm]y|me)\b")
_RECOMMEND = re.compile(r"\b(?:should|must|ought\s+to|need\s+to|needs\s+to|have\s+to|has\s+to|"
                        r"it\s+is\s+time\s+to)\b", re.I)
_PREDICT = re.compile(r"\b(?:will|won't|shall|would|could|might|going\s+to|(?:is|are)\s+likely\s+to|"
                      r"expect(?:s|ed)?\s+to)\b|\bmay\b(?!\s+\d)", re.I)
_OPINION = re.compile(r"\b(?:I\s+think|I\s+believe|in\s+my\s+view|in\s+our\s+view|clearly|obviously|"
                      r"believes|thinks|feels|in\s+(?:his|her|their)\s+(?:view|opinion)|"
                      r"shameful|disgrace(?:ful)?|outrageous|the\s+only\s+(?:real\s+)?(?:solution|answer|way)|"
                      r"it\s+is\s+time|let\s+us|let's|too\s+late)\b", re.I)
_IMPERATIVE = re.compile(r"^(?:Let|Stop|Remember|Imagine|Consider|Think)\b")
_REPORTED = re.compile(r"\b(?:according\s+to|report(?:s|ed)?|noted|notes|said|says|told|estimates?|"
                       r"estimated|found|warned|stated|announced)\b", re.I)
_CAUSAL = re.compile(r"\b(?:because|caused|causes|cause\s+of|led\s+to|lead\s+to|due\s+to|as\s+a\s+result|"
                     r"responsible\s+for|behind\s+the|in\s+retaliation|so\s+that|thanks\s+to)\b", re.I)
_SWEEPING = re.compile(r"\b(?:all|every|none|never|always|only|most)\b", re.I)
_SPEAKER = re.compile(r"((?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’.-]*)(?:,[^,]+,)?\s+(?:told|said|says|warned|warns|"
                      r"noted|predicted|predicts|claimed|claims)\b")
_PROPER = re.compile(r"(?<![.!?]\s)(?<!^)(?<![\w'’-])(?:[A-Z][a-z'’-]+|[A-Z]{2,})(?:\s+(?:of\s+the\s+|of\s+)?"
                     r"(?:[A-Z][a-z'’-]+|[A-Z]{2,}))*")
_COMMON_CAPS = {"The", "A", "An", "In", "On", "At", "It", "This", "That", "These", "Those", "But", "And",
                "As", "From", "Over", "Between", "During", "While", "When", "After", "Before", "Since",
                "Many", "Some", "Most", "All", "Western", "Christians", "Muslims", "Easter", "Christmas",
                "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}


# --- check-worthiness -------------------------------------------------------------------------------------------

def assess(claim: str, quote: str, sentence: str, reference: dt.date | None) -> tuple[str, bool, float, str]:
    """(kind, checkable, worthiness, reason) of one candidate claim."""
    if _QUESTION.search(sentence):
        return "question", False, 0.0, "a question, not a statement"
    if _OPINION.search(quote) or _IMPERATIVE.search(quote):
        return "opinion", False, 0.0, "an opinion or value judgement"
    if _FIRST_PERSON.search(quote):
        return "opinion", False, 0.0, "a first-person statement: the author's view, not a checkable fact"
    facets = extract_facets(claim, reference or dt.date.today())
    has_figure = bool(facets.quantities)
    reported = bool(_REPORTED.search(quote))
    rec = _RECOMMEND.search(quote)
    if rec:
        return "opinion", False, 0.0, f"a recommendation ('{rec.group(0)}'): an opinion, not a fact"
    pred = _PREDICT.search(quote)
    if pred and not (reported and has_figure):
        who = ""
        if reported:
            speaker = _SPEAKER.search(quote)
            names = ([speaker.group(1)] if speaker else []) + _proper_names(quote) + [m.text for m in facets.actors]
            who = f", attributed to {names[0]}" if names else ", attributed to a source"
        return "prediction", False, 0.0, (f"a prediction ('{pred.group(0)}'){who}: the future cannot be "
                                          f"checked against sources")
    score = 0.1
    reasons: list[str] = []
    named = [m for m in facets.actors] + [1 for _ in _proper_names(quote)]
    if has_figure:
        score += 0.3
        reasons.append("a figure")
    if named:
        score += 0.2
        reasons.append("a named actor")
    if facets.places:
        score += 0.15 if not named else 0.1
        reasons.append("named places" if len(facets.places) > 1 else "a named place")
    preds = {p[0] for p in facets.predicates}
    if preds & {"claimed", "threatened", "attacked"}:
        score += 0.2
        reasons.append("an attribution of an attack or threat")
    elif preds & {"killed", "injured", "returned", "joined", "fled", "travelled", "survived", "arrested",
                  "convicted", "defeated", "foiled", "pledged"}:
        score += 0.1
        reasons.append("an event")
    if _CAUSAL.search(quote):
        score += 0.2
        reasons.append("a causal claim")
    if facets.dates:
        score += 0.1
        reasons.append("a date")
    if _SWEEPING.search(quote) and ({"claimed", "killed", "attacked"} & preds or has_figure):
        score += 0.05
        reasons.append("a sweeping 'all/most'")
    if reported:
        score += 0.05
        reasons.append("a cited source")
    score = round(min(1.0, score), 2)
    if score < 0.3:
        return "vague", False, 0.0, "too vague to check: no figure, named actor, place or date"
    reason = "has " + join_list(reasons[:4])
    if pred:
        reason += "; it reports what a source said, the forecast itself is not checked"
    return "factual", True, score, reason


def _proper_names(quote: str) -> list[str]:
    names = []
    for m in _PROPER.finditer(quote):
        words = m.group(0).split()
        while words and words[0] in _COMMON_CAPS:
            words = words[1:]
        name = " ".join(words)
        if name and name not in _COMMON_CAPS:
            names.append(name)
    return names


