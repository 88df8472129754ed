"""Hybrid retrieval: dense (vector store) and keyword (BM25) results fused by reciprocal rank fusion."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from assistant.index.index import Index
from assistant.settings import RetrievalSettings
from assistant.types import Chunk


@dataclass
class RetrievedChunk:
    chunk: Chunk
    score: float  # fused RRF score, higher is better
    similarity: float | None  # cosine similarity from the dense search (None if found by keywords only)
    dense_rank: int | None
    keyword_rank: int | None


def rrf_fuse(rankings: list[list[str]], k: int) -> dict[str, float]:
    """Reciprocal rank fusion: sum over rankings of 1 / (k + rank), rank counted from 1."""
    scores: dict[str, float] = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + 1.0 / (k + rank)
    return scores


class HybridRetriever:
    """Dense + BM25 over one index, fused; returns chunks with their provenance."""

    def __init__(self, index: Index, settings: RetrievalSettings) -> None:
        self.index = index
        self.settings = settings

    def retrieve(self, query: str, k: int | None = None, query_vector: np.ndarray | None = None) -> list[RetrievedChunk]:
        k = k or self.settings.top_chunks
        if self.index.store.count() == 0:
            return []
        vector = query_vector if query_vector is not None else self.index.embedder.encode([query])[0]
        dense = self.index.store.search(vector.tolist(), self.settings.dense_k)
        keyword = self.index.keyword.search(query, self.settings.keyword_k)
        chunks = {c.id: c for c, _ in dense}
        sims = {c.id: s for c, s in dense}
        missing = [cid for cid, _ in keyword if cid not in chunks]
        chunks.update(self.index.store.get_chunks(missing))
        dense_ids = [c.id for c, _ in dense]
        keyword_ids = [cid for cid, _ in keyword if cid in chunks]
        fused = rrf_fuse([dense_ids, keyword_ids], self.settings.rrf_k)
        dense_rank = {cid: i for i, cid in enumerate(dense_ids, 1)}
        kw_rank = {cid: i for i, cid in enumerate(keyword_ids, 1)}
        best = sorted(fused, key=lambda cid: -fused[cid])[:k]
        return [RetrievedChunk(chunks[cid], fused[cid], sims.get(cid), dense_rank.get(cid), kw_rank.get(cid))
                for cid in best]
