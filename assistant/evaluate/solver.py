"""The solver: ``Service.check`` with its intermediate state kept for scoring.

``Service.check`` returns only the final result; evaluation also needs the retrieved chunks (evidence recall
over retrieval) and the judge's citations *before* ``enforce_citations`` drops the invalid ones (after it,
every citation is valid by construction). ``check_traced`` runs the same steps in the same order through the
service's own objects, so its result equals ``service.check(claim)``; tests/evaluate/test_solver.py checks that.
"""
from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field

from assistant.retrieve.hybrid import RetrievedChunk
from assistant.service import Service
from assistant.types import CheckResult, Citation, Evidence
from assistant.verify.citations import valid_citation


@dataclass
class Trace:
    result: CheckResult
    hits: list[RetrievedChunk] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    raw_citations: list[Citation] = field(default_factory=list)  # the judge's, before enforcement
    raw_valid: list[bool] = field(default_factory=list)
    final_valid: list[bool] = field(default_factory=list)
    dropped: int = 0

    @property
    def retrieved_doc_ids(self) -> list[str]:
        return [h.chunk.doc_id for h in self.hits]

    @property
    def retrieved_chunk_ids(self) -> list[str]:
        return [h.chunk.id for h in self.hits]

    @property
    def cited_doc_ids(self) -> list[str]:
        return [c.doc_id for c in sorted(self.result.citations, key=lambda c: c.n)]


def check_traced(service: Service, claim: str, reference_date: dt.date | None = None) -> Trace:
    """What ``service.check(claim, reference_date)`` does, returning the result with what led to it."""
    started = time.perf_counter()
    claim, hits, evidence, facets = service.prepare(claim, reference_date)
    raw = service.judge.judge(claim, facets, evidence)
    chunks = {h.chunk.id: h.chunk for h in hits}
    result, dropped = service.finish(raw, claim, hits, evidence, started)
    return Trace(result=result, hits=hits, evidence=evidence, raw_citations=list(raw.citations),
                 raw_valid=[valid_citation(c, chunks) for c in raw.citations],
                 final_valid=[valid_citation(c, chunks) for c in result.citations], dropped=dropped)
