"""Judges: what turns a claim and its evidence into a CheckResult. One Protocol, several backends.

``reader`` (default) is the learned reader in reader_judge.py: a stance model trained here reads each evidence
sentence, exact checks handle figures, a trained aggregator gives the verdict. ``embedded`` is the older rule
engine in engine.py, its confidence calibrated on labelled claims (calibration.py), kept for side-by-side
comparison; ``llm`` asks a LangChain chat model (llm_judge.py).
Whatever the judge, the service validates its citations in code afterwards (citations.py).
"""
from __future__ import annotations

import logging
from typing import Protocol

from assistant.types import CheckResult, Evidence
from assistant.verify.calibration import calibrated_confidence
from assistant.verify.engine import assess, citation_for, judge
from assistant.verify.facets import ClaimFacets
from assistant.verify.features import features
from assistant.verify.reasons import marked

log = logging.getLogger(__name__)


class Judge(Protocol):
    name: str

    def judge(self, claim: str, facets: ClaimFacets, evidence: list[Evidence]) -> CheckResult: ...


class EmbeddedJudge:
    """Verdicts from evidence, numbers, dates and entities; no model beyond the embeddings."""

    name = "embedded"

    def judge(self, claim: str, facets: ClaimFacets, evidence: list[Evidence]) -> CheckResult:
        a = assess(facets, evidence)
        j = judge(facets, evidence, assessment=a)
        confidence = self.confidence(a, facets, evidence, j.verdict, j.confidence)
        number = {ev_index: n for n, ev_index in enumerate(j.cited, start=1)}

        figures = [f.model_copy(update={"citation": number[i]}) for f, i in j.figures if i in number]
        return CheckResult(claim=claim, verdict=j.verdict, confidence=confidence,
                           explanation=marked(j.explanation, number),
                           missing_context=marked(j.missing_context, number), figures=figures,
                           citations=[citation_for(number[i], evidence[i]) for i in j.cited], judge=self.name)

    @staticmethod
    def confidence(a, facets: ClaimFacets, evidence: list[Evidence], verdict: str, rule_confidence: float) -> float:
        """P(the verdict is right) from the calibrator; the rule confidence if it cannot say."""
        try:
            f = features(a.profile(facets, evidence))
        except Exception:
            log.exception("features() failed; using the rule confidence")
            return rule_confidence
        return calibrated_confidence(verdict, f, rule_confidence)


def make_judge(settings) -> Judge:
    """The judge named in settings.judge."""
    if settings.judge == "reader":
        from assistant.verify.reader_judge import ReaderJudge

        return ReaderJudge(settings=settings.reader)
    if settings.judge == "llm":
        from assistant.verify.llm_judge import LLMJudge

        return LLMJudge.from_settings(settings.llm)
    return EmbeddedJudge()
