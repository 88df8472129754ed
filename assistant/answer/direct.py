"""The one-line direct answer that opens an answer: the figure, in the source's words, with who gave it.

"About 1,500 had returned (Europol TE-SAT 2018) [2]" for "How many foreign fighters returned to Europe?": the cited
passage that best answers the question (most of its words, its act, "returned" for "came back", and its
place, or a place within it: "EU countries" for "Europe"; a source before the corpus's own notes; for a
"how many" question, one with a figure), then, for a "how many" question, the clause of that passage holding
the figure nearest the act (a count of people before one of other things, "5,600 fighters" before "33
States", for a question about people; cut at the clause's end); the source in brackets and its [n]. Other
questions get the best passage's first clause.
"""
from __future__ import annotations

import re

from assistant.answer.question_fit import fit, places_of
from assistant.ingest.notes import note_source
from assistant.types import Citation
from assistant.verify.entities import PLACES, extract_predicates
from assistant.verify.quantities import PEOPLE_HEADS, extract_quantities

_CLAUSE_END = re.compile(r"[;:.!?](?:\s|$)|,\s+(?:according|which|while|but|and\s+(?:that|said|added))\b|"
                         r"\s+and\s+that\b|\s+[–—]\s+")
_INTRO = re.compile(r"^(?:Context|Later):\s*", re.I)
_HEDGE = re.compile(r"(?:\b(?:about|around|approximately|roughly|nearly|almost|some|over|more than|fewer than|"
                    r"less than|at least|up to|close to|an estimated|between)\s+)+$", re.I)
_WANTS_FIGURE = re.compile(r"\bhow\s+(?:many|much|often)\b|\bwhat\s+(?:number|share|percentage|proportion|toll)\b|"
                           r"\bnumber\s+of\b", re.I)
_WHOLE = re.compile(r"\bof\s+(?:the\s+|an?\s+)?$", re.I)  # "30 percent of the roughly 5,000": the whole
_HOW_MANY = re.compile(r"\bhow\s+many\b", re.I)
_MAX_WORDS = 32


def source_label(c: Citation) -> str:
    """Who gave it, briefly: the publisher's first name part and the title's head ("Europol, TE-SAT 2018")."""
    if c.note:
        return note_source(c.publisher, c.title)
    publisher = re.split(r",|\s\(", c.publisher or c.doc_id)[0].strip()
    head = (c.title or "").split(":")[0].strip()
    if head and len(head.split()) <= 8:
        return head if head.lower().startswith(publisher.lower()) else f"{publisher}, {head}"
    return f"{publisher}, {c.published[:4]}" if c.published else publisher


def _score(question: str, c: Citation) -> float:
    """Most of the question's words, its act and its names (a place named by a place within it); ties keep
    the order."""
    has_act, has_place, overlap = fit(question, c.quote)
    places = {n.lower() for p in places_of(question) for n in PLACES.get(p, [])}
    names = [w for w in re.findall(r"(?<!^)(?<![.?!]\s)\b[A-Z][\w'-]+", question.strip())
             if not (has_place and w.lower() in places)]
    missing = sum(1 for w in names if w.lower() not in c.quote.lower())
    return overlap + 0.5 * has_act - 1.0 * missing


def _figure(question: str, text: str):
    """The figure that answers: nearest the question's act, a count of people before a count of other things
    ("5,600 fighters" before "33 States") for a question about people, a part before the whole it is a share
    of ("30 percent of the roughly 5,000"); None when the text has no figure."""
    quantities = extract_quantities(text)
    if not quantities:
        return None
    acts = {kind for kind, _, _ in extract_predicates(question)}
    spots = [s for kind, s, _ in extract_predicates(text) if kind in acts]
    people = any(q.counted_head in PEOPLE_HEADS for q in extract_quantities(f"5 {_subject(question)}"))

    def distance(q) -> int:  # a figure just before the act is its subject ("5,600 had returned to 33 ...")
        return min((s - q.end if q.end <= s else q.start - s + 5 for s in spots), default=0)

    def other_thing(q) -> bool:
        return people and bool(q.counted_head) and not q.is_percent and q.counted_head not in PEOPLE_HEADS

    return min(quantities, key=lambda q: (other_thing(q), bool(_WHOLE.search(text[:q.start])), distance(q)))


def _figure_clause(text: str, q) -> str:
    """The clause of text holding figure q, from its hedge ("about") to the clause's end."""
    hedge = _HEDGE.search(text[:q.start])
    start = hedge.start() if hedge else q.start
    end = _CLAUSE_END.search(text, q.end)
    return text[start:end.start() if end else len(text)].strip(" ,")


_SUBJECT = re.compile(r"\bhow\s+many\s+(?P<subject>.+)", re.I)


def _subject(question: str) -> str:
    """What a "how many" question counts, with what follows ("foreign fighters returned to Europe?")."""
    m = _SUBJECT.search(question)
    return m.group("subject") if m else ""


def _first_clause(text: str) -> str:
    end = _CLAUSE_END.search(text)
    return text[:end.start() if end else len(text)].strip(" ,")


def _shorten(clause: str) -> str:
    words = clause.split()
    text = " ".join(words[:_MAX_WORDS]) + (" ..." if len(words) > _MAX_WORDS else "")
    return text[:1].upper() + text[1:]


def direct_answer(question: str, citations: list[Citation]) -> str:
    """The opening line, or '' when no cited passage is a source's own words (the corpus's notes are listed
    with the passages, labelled, but never give the direct answer)."""
    sources = [c for c in citations if not c.note]
    if not sources:
        return ""
    ranked = sorted(sources, key=lambda c: -_score(question, c))
    if _WANTS_FIGURE.search(question):
        found = [(c, _INTRO.sub("", c.quote)) for c in ranked]
        found = [(c, text, q) for c, text in found if (q := _figure(question, text)) is not None]
        if _HOW_MANY.search(question):  # a count answers "how many" before a share does
            found.sort(key=lambda f: f[2].is_percent)
        for c, text, q in found[:1]:
            return f"{_shorten(_figure_clause(text, q))} ({source_label(c)}) [{c.n}]"
    c = ranked[0]
    return f"{_shorten(_first_clause(_INTRO.sub('', c.quote)))} ({source_label(c)}) [{c.n}]"
