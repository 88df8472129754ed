"""The one-line direct answer that opens an answer: the figure, in the source's words, with who gave it.

"About 1,500 foreign terrorist fighters had returned to EU countries (Europol, TE-SAT 2018) [2]": the cited
passage that best answers the question (most of its words and its act, "returned" for "came back"; a
source before the corpus's own notes; for a "how many" question, one with a figure), then, for a "how many"
question, the clause of that passage holding the figure nearest the act (cut at the clause's end); the
source in brackets and its [n]. Other questions get the best passage's first clause.
"""
from __future__ import annotations

import re

from assistant.index.keyword_index import tokenize
from assistant.ingest.notes import note_source
from assistant.types import Citation
from assistant.verify.entities import extract_predicates
from assistant.verify.quantities import extract_quantities

_CLAUSE_END = re.compile(r"[;:.!?](?:\s|$)|,\s+(?:according|which|while|but|and\s+(?:that|said|added))\b|"
                         r"\s+[–—]\s+")
_INTRO = re.compile(r"^(?:Context|Later):\s*", re.I)
_HEDGE = re.compile(r"(?:\b(?:about|around|approximately|roughly|nearly|almost|some|over|more than|fewer than|"
                    r"less than|at least|up to|close to|an estimated|between)\s+)+$", re.I)
_WANTS_FIGURE = re.compile(r"\bhow\s+(?:many|much|often)\b|\bwhat\s+(?:number|share|percentage|proportion|toll)\b|"
                           r"\bnumber\s+of\b", re.I)
_MAX_WORDS = 32


def source_label(c: Citation) -> str:
    """Who gave it, briefly: the publisher's first name part and the title's head ("Europol, TE-SAT 2018")."""
    if c.note:
        return note_source(c.publisher, c.title)
    publisher = re.split(r",|\s\(", c.publisher or c.doc_id)[0].strip()
    head = (c.title or "").split(":")[0].strip()
    if head and publisher.lower() not in head.lower() and len(head.split()) <= 8:
        return f"{publisher}, {head}"
    return f"{publisher}, {c.published[:4]}" if c.published else publisher


def _fit(question: str, text: str) -> tuple[int, float]:
    """How well a passage answers: (shares the question's act, share of the question's words it has)."""
    acts = {kind for kind, _, _ in extract_predicates(question)}
    has_act = bool(acts & {kind for kind, _, _ in extract_predicates(text)})
    words = set(tokenize(question))
    return int(has_act), len(words & set(tokenize(text))) / max(len(words), 1)


def _score(question: str, c: Citation) -> float:
    """Most of the question's words, its act and its names; ties keep the order."""
    has_act, overlap = _fit(question, c.quote)
    names = [w for w in re.findall(r"(?<!^)(?<![.?!]\s)\b[A-Z][\w'-]+", question.strip())]
    missing = sum(1 for w in names if w.lower() not in c.quote.lower())
    return overlap + 0.5 * has_act - 1.0 * missing


def _figure_clause(question: str, text: str) -> str:
    """The clause holding the figure nearest the question's act (or the first figure), or ''."""
    quantities = extract_quantities(text)
    if not quantities:
        return ""
    acts = {kind for kind, _, _ in extract_predicates(question)}
    spots = [s for kind, s, _ in extract_predicates(text) if kind in acts]
    def distance(q) -> int:  # a figure just before the act is its subject ("5,600 had returned to 33 ...")
        return min((s - q.end if q.end <= s else q.start - s + 5 for s in spots), default=0)
    q = min(quantities, key=distance)
    hedge = _HEDGE.search(text[:q.start])
    start = hedge.start() if hedge else q.start
    end = _CLAUSE_END.search(text, q.end)
    return text[start:end.start() if end else len(text)].strip(" ,")


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
        for c in ranked:
            clause = _figure_clause(question, _INTRO.sub("", c.quote))
            if clause:
                return f"{_shorten(clause)} ({source_label(c)}) [{c.n}]"
    c = ranked[0]
    return f"{_shorten(_first_clause(_INTRO.sub('', c.quote)))} ({source_label(c)}) [{c.n}]"
