"""The assistant's service: one loaded index, retriever and judge, shared by the CLI, API, UI and batch.

``check(claim)`` -> CheckResult and ``ask(question, history)`` -> Answer. Loaded once per process per
settings (``get_service``); thread-safe for concurrent requests.
"""
from __future__ import annotations

import datetime as dt
import threading
import time
from pathlib import Path

from assistant.answer.abstain import abstention, covered_topics
from assistant.answer.ask import Answer, answer_question, expand_query, resolve_follow_up
from assistant.answer.tidy import tidy_result
from assistant.index.index import Index
from assistant.retrieve.evidence import SentenceEmbeddingCache, evidence_units, select_evidence
from assistant.retrieve.hybrid import HybridRetriever
from assistant.settings import Settings, get_settings
from assistant.types import CheckResult
from assistant.verify.citations import enforce_citations
from assistant.verify.claim_input import clean_claim, strip_instructions
from assistant.verify.facets import extract_facets
from assistant.verify.judges import Judge, make_judge


class Service:
    def __init__(self, settings: Settings, judge: Judge | None = None) -> None:
        self.settings = settings
        self.index = Index.open(settings)
        self.retriever = HybridRetriever(self.index, settings.retrieval)
        self.sentences = SentenceEmbeddingCache(self.index.embedder)
        self.judge = judge or make_judge(settings)

    def warm_up(self, max_sentences: int = 40_000, progress=None) -> int:
        """Embed every sentence of the index once, in large batches, so that evidence selection finds them
        cached (the warm p95 latency otherwise pays for first-seen sentences). Skipped for an index with more
        sentences than the cache keeps. Returns the number of sentences embedded."""
        store = self.index.store
        if store.count() * 12 > max_sentences:  # a rough bound before reading every chunk
            return 0
        _, texts = store.all_texts()
        sentences = sorted({t[s:e] for t in texts for s, e in evidence_units(t)})
        if len(sentences) > min(max_sentences, self.sentences.capacity):
            return 0
        step = 512
        task = progress.add_task("embedding index sentences", total=len(sentences)) if progress else None
        for i in range(0, len(sentences), step):
            self.sentences.encode(sentences[i:i + step])
            if progress:
                progress.advance(task, min(step, len(sentences) - i))
        if progress:
            progress.remove_task(task)
        return len(sentences)

    def evidence_for(self, text: str, chunks: int | None = None):
        """(retrieved chunks, evidence sentences) for a claim or question (from `chunks` fused chunks, the
        setting retrieval.top_chunks by default)."""
        r = self.settings.retrieval
        vector = self.index.embedder.encode([text])[0]
        hits = self.retriever.retrieve(text, k=chunks, query_vector=vector)
        return hits, select_evidence(text, vector, hits, self.sentences, r.top_evidence, r.min_relevance)

    def prepare(self, claim: str, reference_date: dt.date | None = None):
        """What a judge needs for a claim: (cleaned claim, retrieved chunks, evidence sentences, claim facets)."""
        claim = strip_instructions(clean_claim(claim, self.settings.limits.claim_max_chars))
        hits, evidence = self.evidence_for(claim)
        return claim, hits, evidence, extract_facets(claim, reference_date or dt.date.today())

    def check(self, claim: str, reference_date: dt.date | None = None) -> CheckResult:
        """Verdict on one claim, with citations validated against the retrieved passages (not recorded: the
        interfaces record it with ``assistant.store.recording.record``)."""
        started = time.perf_counter()
        claim, hits, evidence, facets = self.prepare(claim, reference_date)
        result, _ = self.finish(self.judge.judge(claim, facets, evidence), claim, hits, evidence, started)
        return result

    def finish(self, raw: CheckResult, claim: str, hits: list, evidence: list, started: float) -> tuple[CheckResult, int]:
        """The judge's result as every interface shows it: citations checked against the retrieved passages
        (returns how many were dropped), explanations tidied, an abstention's wording, run facts."""
        chunks = {h.chunk.id: h.chunk for h in hits}
        result, dropped = enforce_citations(raw, chunks)
        result = tidy_result(result, chunks)
        if result.verdict == "not_enough_evidence":
            result = result.model_copy(update={"explanation": abstention(
                "claim", claim, evidence, self.topics(), len(result.citations))})
        return result.model_copy(update={
            "index_version": self.index.version, "model": self.index.embedder.model_id,
            "latency_ms": round((time.perf_counter() - started) * 1000, 1)}), dropped

    def record(self, result: CheckResult, via: str, asked_by: str = "local", review: bool = False) -> dict:
        """Record a result in the store of checks (``via``: ui, api, cli, batch), and in the review queue when a
        rule says so (or always, with ``review``)."""
        from assistant.store import get_store

        vector = self.index.embedder.encode([result.claim])[0]
        return get_store(self.settings).record(result, asked_by, via, vector, batch_review=review)

    def similar(self, claim: str) -> list[dict]:
        """Earlier claims that say the same thing, with their verdicts (reviewed ones first)."""
        from assistant.store import get_store

        claim = clean_claim(claim, self.settings.limits.claim_max_chars)
        return get_store(self.settings).similar(claim, self.index.embedder.encode([claim])[0])

    def ask(self, question: str, history: list[str] | None = None) -> Answer:
        """An answer built from cited passages, opening with a direct answer line; a follow-up is resolved
        against the conversation's topic (the earlier messages, oldest first)."""
        question = clean_claim(question, self.settings.limits.claim_max_chars, "question")
        resolved = resolve_follow_up(question, history or [])
        hits, evidence = self.evidence_for(expand_query(resolved), self.settings.retrieval.ask_chunks)
        return answer_question(question, resolved, evidence, {h.chunk.id: h.chunk for h in hits}, self.topics())

    def topics(self) -> list[str]:
        """The topics the indexed documents cover (their front matter's ``topics``), most documents first;
        read once per index version."""
        version = self.index.version
        if getattr(self, "_topics_version", None) != version:
            self._topics = covered_topics(self.index.store.state())
            self._topics_version = version
        return self._topics


_services: dict[tuple, Service] = {}
_lock = threading.Lock()


def get_service(settings: Settings | None = None) -> Service:
    """The process-wide service for these settings (index folder, judge, store)."""
    settings = settings or get_settings()
    key = (str(Path(settings.index_dir).resolve()), settings.judge, settings.store, settings.collection,
           settings.model_dump_json())
    with _lock:
        if key not in _services:
            _services[key] = Service(settings)
        return _services[key]
