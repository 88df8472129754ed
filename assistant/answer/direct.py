"""The one-line direct answer that opens an answer: the figure, in the source's words, with who gave it.

"About 1,500 foreign terrorist fighters had returned to EU countries (Europol, TE-SAT 2018) [2]": the clause
of the best cited passage that holds a figure (cut at the clause's end), then the source in brackets and
its [n]. A passage from the corpus's own notes is used only when no source passage has a figure; it is then
attributed to the note. Without any figure, the best passage's first clause answers.
"""
from __future__ import annotations

import re

from assistant.ingest.notes import note_source
from assistant.types import Citation
from assistant.verify.quantities import extract_quantities

_CLAUSE_END = re.compile(r"[;:.!?](?:\s|$)|,\s+(?:according|which|while|but|and\s+(?:that|said|added))\b|\s+[–—]\s+")
_INTRO = re.compile(r"^(?:Context|Later):\s*", re.I)
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


def _figure_clause(text: str) -> str:
    """From the first figure (not a year) to the end of its clause, or ''."""
    for q in extract_quantities(text):
        start = _qualifier_start(text, q.start)
        end = _CLAUSE_END.search(text, q.end)
        return text[start:end.start() if end else len(text)].strip(" ,")
    return ""


def _qualifier_start(text: str, start: int) -> int:
    """Where a hedge before the figure begins ("about", "more than", "an estimated", "nearly")."""
    m = re.search(r"(?:\b(?:about|around|approximately|roughly|nearly|almost|some|over|more than|fewer than|"
                  r"less than|at least|up to|close to|an estimated|between)\s+)+$", text[:start], re.I)
    return m.start() if m else start


def _shorten(clause: str) -> str:
    words = clause.split()
    return " ".join(words[:_MAX_WORDS]) + (" ..." if len(words) > _MAX_WORDS else "")


def direct_answer(citations: list[Citation]) -> str:
    """The opening line, or '' when there are no citations."""
    if not citations:
        return ""
    ordered = [c for c in citations if not c.note] + [c for c in citations if c.note]
    for c in ordered:
        clause = _figure_clause(_INTRO.sub("", c.quote))
        if clause:
            return f"{_shorten(clause[:1].upper() + clause[1:])} ({source_label(c)}) [{c.n}]"
    c = ordered[0]
    text = _INTRO.sub("", c.quote)
    end = _CLAUSE_END.search(text)
    clause = text[:end.start() if end else len(text)].strip(" ,")
    return f"{_shorten(clause)} ({source_label(c)}) [{c.n}]"
