"""Evidence selection: the sentences inside retrieved chunks that bear on a claim, near-duplicates removed.

A sentence that points back to the one before it ("They are not counts of ISIS fighters.") is kept with it.

Each sentence is scored by cosine similarity to the claim (MiniLM, sentence embeddings cached by text)
blended with word overlap, then near-identical passages (the same fact told by two documents, or the
overlap between neighbouring chunks) are collapsed, keeping the better-sourced one.
"""
from __future__ import annotations

import hashlib
import re
import threading
from collections import OrderedDict

import numpy as np

from assistant.index.keyword_index import tokenize
from assistant.ingest.sentences import sentence_spans
from assistant.retrieve.hybrid import RetrievedChunk
from assistant.retrieve.injection import looks_like_instruction
from assistant.types import Evidence

_MIN_SENTENCE_CHARS = 25
# A sentence that opens by pointing back ("They are not counts of ISIS fighters.") only means something with the
# one before it, so the two are one evidence unit.
_CONTINUATION = re.compile(r"^\s*(?:They|It|This|These|That|Those|Such|Its|Their|The (?:figure|figures|count|"
                           r"counts|number|numbers|total|estimate|range))\b")


def evidence_units(text: str) -> list[tuple[int, int]]:
    """Sentence spans of text, with each continuation sentence joined to the one before it."""
    units: list[tuple[int, int]] = []
    for s, e in sentence_spans(text):
        if units and _CONTINUATION.match(text[s:e]) and not text[units[-1][0]:units[-1][1]].lstrip().startswith("#"):
            units[-1] = (units[-1][0], e)
        else:
            units.append((s, e))
    return units
_DUPLICATE_OVERLAP = 0.8


class SentenceEmbeddingCache:
    """LRU cache of sentence embeddings keyed by the sentence text's hash."""

    def __init__(self, embedder, capacity: int = 50_000) -> None:
        self.embedder = embedder
        self.capacity = capacity
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def encode(self, texts: list[str]) -> np.ndarray:
        keys = [hashlib.sha1(t.encode("utf-8")).hexdigest() for t in texts]
        with self._lock:
            missing = sorted({k: t for k, t in zip(keys, texts) if k not in self._cache}.items())
        if missing:
            vectors = self.embedder.encode([t for _, t in missing])
            with self._lock:
                for (key, _), vec in zip(missing, vectors):
                    self._cache[key] = vec
                while len(self._cache) > self.capacity:
                    self._cache.popitem(last=False)
        with self._lock:
            out = []
            for k in keys:
                self._cache.move_to_end(k)
                out.append(self._cache[k])
        return np.vstack(out) if out else np.zeros((0, 384), dtype=np.float32)


def _overlap(claim_tokens: set[str], sentence: str) -> float:
    if not claim_tokens:
        return 0.0
    return len(claim_tokens & set(tokenize(sentence))) / len(claim_tokens)


_NUMBER = re.compile(r"\d[\d,.]*\d|\d")


def _numbers(text: str) -> set[str]:
    return {n.replace(",", "") for n in _NUMBER.findall(text)}


def _near_duplicate(a: set[str], b: set[str]) -> bool:
    if not a or not b:
        return False
    return len(a & b) / min(len(a), len(b)) >= _DUPLICATE_OVERLAP


def select_evidence(claim: str, claim_vector: np.ndarray, hits: list[RetrievedChunk], cache: SentenceEmbeddingCache,
                    top_n: int = 8, min_relevance: float = 0.35) -> list[Evidence]:
    """The top_n most relevant, distinct sentences from the retrieved chunks, best first."""
    candidates: list[tuple[RetrievedChunk, int, int, str]] = []
    seen_spans: set[tuple[str, int, int]] = set()
    for hit in hits:
        c = hit.chunk
        for s, e in evidence_units(c.text):
            text = c.text[s:e]
            key = (c.doc_id, c.start + s, c.start + e)
            if len(text) < _MIN_SENTENCE_CHARS or text.lstrip().startswith("#") or key in seen_spans:
                continue
            if looks_like_instruction(text):  # injected orders are data, never evidence
                continue
            seen_spans.add(key)
            candidates.append((hit, c.start + s, c.start + e, text))
    if not candidates:
        return []
    vectors = cache.encode([t for *_, t in candidates])
    sims = vectors @ claim_vector
    claim_tokens = set(tokenize(claim))
    claim_numbers = _numbers(claim)
    scored = []
    for (hit, start, end, text), sim in zip(candidates, sims):
        score = 0.75 * float(sim) + 0.25 * _overlap(claim_tokens, text)
        if claim_numbers and claim_numbers & _numbers(text):
            score += 0.1  # the same figure is the strongest hint that a sentence bears on a numeric claim
        scored.append((score, float(sim), hit, start, end, text))
    scored.sort(key=lambda row: (-row[0], not row[2].chunk.meta.primary))
    chosen: list[Evidence] = []
    chosen_tokens: list[set[str]] = []
    for score, sim, hit, start, end, text in scored:
        if sim < min_relevance and score < min_relevance:
            break
        tokens = set(tokenize(text))
        if any(_near_duplicate(tokens, other) for other in chosen_tokens):
            continue
        chosen.append(Evidence(chunk_id=hit.chunk.id, doc_id=hit.chunk.doc_id, text=text, start=start, end=end,
                               score=score, similarity=sim, meta=hit.chunk.meta))
        chosen_tokens.append(tokens)
        if len(chosen) >= top_n:
            break
    return chosen
