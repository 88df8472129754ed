"""Question answering from cited passages: figures, who estimated them, when. No LLM.

The answer opens with one direct line (the figure in the source's words, the source, its [n]; see
``direct.py``), then the supporting passages, each attributed to its source and date (the corpus's own notes
to the corpus). A follow-up is resolved against the conversation's topic (``follow_up.py``). A question no
passage answers gets an abstention that says whether it is outside what the corpus covers (listing the
topics) or inside it but not addressed (``abstain.py``), with the nearest passages when there are any.
"""
from __future__ import annotations

import re

from pydantic import BaseModel, Field

from assistant.answer.abstain import abstention
from assistant.answer.direct import direct_answer
from assistant.answer.follow_up import resolve_follow_up
from assistant.answer.question_fit import names_place, narrower_names
from assistant.ingest.notes import note_source
from assistant.types import Chunk, Citation, Evidence
from assistant.verify.citations import valid_citation
from assistant.verify.engine import citation_for
from assistant.verify.quantities import extract_quantities

__all__ = ["Answer", "answer_question", "expand_query", "resolve_follow_up"]

_NOTE_PREFIX = re.compile(r"^\s*(?:Context|Later):\s*")
ANSWERS = 0.45  # similarity at which a passage answers the question
NEAREST = 2  # passages shown with an abstention


class Answer(BaseModel):
    question: str
    resolved_question: str
    answer: str  # the direct answer line, then one line per supporting passage (or the abstention)
    direct_answer: str = ""  # the opening line alone ('' for an abstention)
    answered: bool = True  # False: no passage addresses the question (answer says why)
    citations: list[Citation] = Field(default_factory=list)

    def render_text(self) -> str:
        lines = [self.answer, ""]
        if self.resolved_question != self.question:
            lines.insert(0, f"(read as: {self.resolved_question})")
        for c in self.citations:
            who = (f"{note_source(c.publisher, c.title)} (the corpus's words, not the source's)" if c.note else
                   f"{c.publisher or c.doc_id}, {c.published or 'undated'} ({c.publisher_type}"
                   f"{', primary' if c.primary else ''})")
            lines.append(f"[{c.n}] {who}: \"{c.quote}\" {c.url}")
        return "\n".join(lines)


_SYNONYMS = [(re.compile(r"\b(came|come|went|gone|going) (back|home)\b", re.I), "returned returnees")]


def expand_query(text: str) -> str:
    """Add the corpus's words for common phrasings ("came back" -> "returned returnees") and the names of the
    places within a region the question asks about ("Europe" -> "EU European Union") to a search query."""
    extra = [words for pattern, words in _SYNONYMS if pattern.search(text)] + narrower_names(text)
    return f"{text} {' '.join(extra)}" if extra else text


def passage_line(c: Citation) -> str:
    """One supporting passage: who says it (the corpus for its own notes), when, the quote, its [n]."""
    if c.note:
        return f"{note_source(c.publisher, c.title)}: {_NOTE_PREFIX.sub('', c.quote)} [{c.n}]"
    when = f", {c.published[:7]}" if c.published else ""
    return f"{c.publisher or c.doc_id}{when}: {c.quote} [{c.n}]"


def _cited(picked: list[Evidence], chunks: dict[str, Chunk]) -> list[Citation]:
    citations = [citation_for(n, e) for n, e in enumerate(picked, start=1)]
    return [c for c in citations if valid_citation(c, chunks)]


def answer_question(question: str, resolved: str, evidence: list[Evidence], chunks: dict[str, Chunk],
                    topics: list[str] | None = None) -> Answer:
    """A direct answer line and up to four cited sentences, figures first, then those that name the
    question's place (or a place within it); or an honest abstention."""
    def rank(e: Evidence):
        return not extract_quantities(e.text), not names_place(resolved, e.text), -e.score
    ranked = sorted(evidence, key=rank)
    picked = [e for e in ranked if e.similarity >= ANSWERS][:4]
    if not picked:
        nearest = _cited(sorted(evidence, key=lambda e: -e.similarity)[:NEAREST], chunks)
        text = abstention("question", resolved, evidence, topics or [], len(nearest))
        return Answer(question=question, resolved_question=resolved, answered=False, citations=nearest,
                      answer="\n".join([text] + [passage_line(c) for c in nearest]))
    citations = _cited(picked, chunks)
    direct = direct_answer(resolved, citations)
    lines = ([direct] if direct else []) + [passage_line(c) for c in citations]
    return Answer(question=question, resolved_question=resolved, answer="\n".join(lines), direct_answer=direct,
                  citations=citations)
