"""Citation validation, whatever the judge: a citation must point at a retrieved passage, verbatim.

- a citation whose chunk id is not among the retrieved chunks is dropped;
- a citation whose quote is not exactly the chunk's text at its span is dropped;
- citations are renumbered 1..n in order, and [n] markers in the text follow;
- an explanation sentence with no surviving [n] marker is dropped (every sentence must rest on a
  cited passage), except sentences that say the evidence is insufficient.
"""
from __future__ import annotations

import re

from assistant.types import Chunk, CheckResult, Citation

_MARK = re.compile(r"\[(\d+)\]")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'(])")
NO_CLAIM_PHRASES = ("do not address", "not enough evidence", "cannot be judged", "no passage")


def valid_citation(c: Citation, chunks: dict[str, Chunk]) -> bool:
    chunk = chunks.get(c.chunk_id)
    if chunk is None or chunk.doc_id != c.doc_id:
        return False
    if not (chunk.start <= c.start < c.end <= chunk.end):
        return False
    return chunk.text[c.start - chunk.start:c.end - chunk.start] == c.quote


def _renumber(text: str, mapping: dict[int, int]) -> str:
    return _MARK.sub(lambda m: f"[{mapping[int(m.group(1))]}]" if int(m.group(1)) in mapping else "", text)


def _keep_sentences(text: str, mapping: dict[int, int]) -> str:
    kept = []
    for sentence in _SENTENCE.split(text.strip()):
        marks = [int(m) for m in _MARK.findall(sentence)]
        if any(m in mapping for m in marks) or (not marks and any(p in sentence.lower() for p in NO_CLAIM_PHRASES)):
            kept.append(_renumber(sentence, mapping).replace(" .", ".").strip())
    return " ".join(kept)


def enforce_citations(result: CheckResult, chunks: dict[str, Chunk]) -> tuple[CheckResult, int]:
    """The result with invalid citations removed and unsupported sentences dropped; and the number dropped."""
    kept = [c for c in result.citations if valid_citation(c, chunks)]
    dropped = len(result.citations) - len(kept)
    mapping = {c.n: i for i, c in enumerate(kept, start=1)}
    citations = [c.model_copy(update={"n": mapping[c.n]}) for c in kept]
    explanation = _keep_sentences(result.explanation, mapping)
    missing = _keep_sentences(result.missing_context, mapping) if result.missing_context else ""
    figures = [f.model_copy(update={"citation": mapping[f.citation]}) for f in result.figures if f.citation in mapping]
    decisions = [d.model_copy(update={"citation": mapping.get(d.citation, 0)}) for d in result.decisions]
    update = {"citations": citations, "explanation": explanation, "missing_context": missing, "figures": figures,
              "decisions": decisions}
    if not explanation:
        update.update(verdict="not_enough_evidence", explanation="No cited passage supports a verdict on this claim.",
                      confidence=0.5, missing_context="")
    return result.model_copy(update=update), dropped
