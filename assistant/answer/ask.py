"""Question answering from cited passages: figures, who estimated them, when. No LLM.

A follow-up ("and how many came back?") is resolved by carrying over the previous question's topic words.
"""
from __future__ import annotations

import re

from pydantic import BaseModel, Field

from assistant.index.keyword_index import tokenize
from assistant.types import Chunk, Citation, Evidence
from assistant.verify.citations import valid_citation
from assistant.verify.engine import citation_for
from assistant.verify.entities import extract_predicates

_FOLLOW_UP = re.compile(r"^(and|what about|how about|also|then|so)\b|\b(they|them|those|these|it|that|their)\b", re.I)
_QUESTION_WORDS = {"how", "many", "much", "what", "who", "when", "where", "which", "why", "did", "does", "do", "is",
                   "are", "was", "were", "came", "come", "back"}
_FIGURE = re.compile(r"\d")


class Answer(BaseModel):
    question: str
    resolved_question: str
    answer: str
    citations: list[Citation] = Field(default_factory=list)

    def render_text(self) -> str:
        lines = [self.answer, ""]
        if self.resolved_question != self.question:
            lines.insert(0, f"(read as: {self.resolved_question})")
        for c in self.citations:
            lines.append(f"[{c.n}] {c.publisher or c.doc_id}, {c.published or 'undated'} ({c.publisher_type}"
                         f"{', primary' if c.primary else ''}): \"{c.quote}\" {c.url}")
        return "\n".join(lines)


def resolve_follow_up(question: str, history: list[str]) -> str:
    """The question made self-contained using the previous question's topic, if it reads as a follow-up."""
    if not history:
        return question
    previous = history[-1]
    short = len(tokenize(question)) <= 4
    if not (short or _FOLLOW_UP.search(question)):
        return question
    verbs = {previous[s:e].lower() for _, s, e in extract_predicates(previous)}
    topic = [w for w in re.findall(r"[A-Za-z][\w'-]*|\d[\d,.]*", previous) if w.lower() not in _QUESTION_WORDS
             and w.lower() not in verbs and tokenize(w)]
    extra = [w for w in topic if w.lower() not in question.lower()]
    return f"{question.rstrip('?')} ({' '.join(extra)})?" if extra else question


_SYNONYMS = [(re.compile(r"\b(came|come|went|gone|going) (back|home)\b", re.I), "returned returnees")]


def expand_query(text: str) -> str:
    """Add the corpus's words for common phrasings ("came back" -> "returned returnees") to a search query."""
    extra = [words for pattern, words in _SYNONYMS if pattern.search(text)]
    return f"{text} {' '.join(extra)}" if extra else text


def answer_question(question: str, resolved: str, evidence: list[Evidence], chunks: dict[str, Chunk]) -> Answer:
    """Up to four cited sentences, figures first, each attributed to its source and date."""
    ranked = sorted(evidence, key=lambda e: (not _FIGURE.search(e.text), -e.score))
    picked = [e for e in ranked if e.similarity >= 0.45][:4]
    if not picked:
        return Answer(question=question, resolved_question=resolved,
                      answer="The indexed sources do not address this question closely enough to answer it.")
    citations = [citation_for(n, e) for n, e in enumerate(picked, start=1)]
    citations = [c for c in citations if valid_citation(c, chunks)]
    parts = []
    for c in citations:
        when = f", {c.published[:7]}" if c.published else ""
        parts.append(f"{c.publisher or c.doc_id}{when}: {c.quote} [{c.n}]")
    return Answer(question=question, resolved_question=resolved, answer="\n".join(parts), citations=citations)
