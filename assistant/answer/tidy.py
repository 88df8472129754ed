"""Last touches on a checked result, for the reader: no sentence said twice, no pronoun without its antecedent.

* A cited passage that opens by pointing back ("They are not counts of ISIS fighters.") is extended to the
  sentence before it in the same chunk, so the quote carries its antecedent; the citation stays exact
  (``quote == chunk text at start:end``) and the explanation and missing context quote the longer passage.
* A sentence repeated in the explanation is kept once (its [n] markers merged); missing context that repeats
  an explanation sentence is dropped.
"""
from __future__ import annotations

import re

from assistant.ingest.sentences import sentence_spans
from assistant.types import CheckResult, Chunk, Citation

_POINTS_BACK = re.compile(r"^(?:They|These|Those|This|It|Its|Their|He|She|His|Her|Such)\b")
_MARKS = re.compile(r"(?:\s*\[\d{1,3}\])+")
_SENTENCE = re.compile(r"(?<=[.!?])(?:\s*\[\d{1,3}\])*(?=\s+[A-Z\u201c\"]|$)")


def with_antecedent(c: Citation, chunk: Chunk | None) -> Citation:
    """The citation extended back to the sentence before it when it opens with a pronoun."""
    if chunk is None or not _POINTS_BACK.match(c.quote.lstrip()):
        return c
    local = c.start - chunk.start
    previous = [s for s, e in sentence_spans(chunk.text) if e <= local]
    if not previous:
        return c
    start = chunk.start + previous[-1]
    quote = chunk.text[start - chunk.start:c.end - chunk.start]
    return c.model_copy(update={"start": start, "quote": quote})


def _sentences(text: str) -> list[str]:
    out, pos = [], 0
    for m in _SENTENCE.finditer(text):
        if m.end() > pos:
            out.append(text[pos:m.end()].strip())
            pos = m.end()
    if text[pos:].strip():
        out.append(text[pos:].strip())
    return [s for s in out if s]


def _key(sentence: str) -> str:
    return re.sub(r"\W+", " ", _MARKS.sub("", sentence)).strip().lower()


def without_repeats(text: str, seen: set[str] | None = None) -> str:
    """text with each sentence once (a repeat's [n] markers moved to the first); keys added to seen."""
    seen = set() if seen is None else seen
    kept: list[str] = []
    first: dict[str, int] = {}
    for s in _sentences(text):
        key = _key(s)
        if key in first:
            marks = _MARKS.findall(s)
            extra = [m for m in re.findall(r"\[\d{1,3}\]", "".join(marks)) if m not in kept[first[key]]]
            if extra:
                body = kept[first[key]]
                tail = body[-1] if body[-1] in ".!?" else ""
                kept[first[key]] = body[:len(body) - len(tail)].rstrip() + " " + " ".join(extra) + tail
            continue
        if key in seen:
            continue
        first[key] = len(kept)
        kept.append(s)
    seen.update(first)
    return " ".join(kept)


def tidy_result(result: CheckResult, chunks: dict[str, Chunk]) -> CheckResult:
    """The result with antecedents restored in pointing-back quotes and no repeated sentences."""
    citations, explanation, missing = [], result.explanation, result.missing_context
    for c in result.citations:
        longer = with_antecedent(c, chunks.get(c.chunk_id))
        if longer.quote != c.quote:
            explanation = explanation.replace(c.quote, longer.quote)
            missing = missing.replace(c.quote.strip(), longer.quote.strip())
        citations.append(longer)
    seen: set[str] = set()
    explanation = without_repeats(explanation, seen)
    missing = without_repeats(missing, seen) if missing else missing
    return result.model_copy(update={"citations": citations, "explanation": explanation, "missing_context": missing})
