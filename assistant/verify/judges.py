"""Judges: what turns a claim and its evidence into a CheckResult. One Protocol, several backends.

``embedded`` (default) is the rule engine in engine.py; ``llm`` asks a LangChain chat model (llm_judge.py).
Whatever the judge, the service validates its citations in code afterwards (citations.py).
"""
from __future__ import annotations

from typing import Protocol

from assistant.types import CheckResult, Evidence
from assistant.verify.engine import citation_for, judge
from assistant.verify.facets import ClaimFacets


class Judge(Protocol):
    name: str

    def judge(self, claim: str, facets: ClaimFacets, evidence: list[Evidence]) -> CheckResult: ...


class EmbeddedJudge:
    """Verdicts from evidence, numbers, dates and entities; no model beyond the embeddings."""

    name = "embedded"

    def judge(self, claim: str, facets: ClaimFacets, evidence: list[Evidence]) -> CheckResult:
        j = judge(facets, evidence)
        number = {ev_index: n for n, ev_index in enumerate(j.cited, start=1)}

        def text(parts: list[tuple[str, list[int]]]) -> str:
            out = []
            for sentence, refs in parts:
                marks = "".join(f" [{number[i]}]" for i in refs if i in number)
                out.append(sentence.rstrip(".") + marks + "." if marks else sentence)
            return " ".join(out)

        figures = [f.model_copy(update={"citation": number[i]}) for f, i in j.figures if i in number]
        return CheckResult(claim=claim, verdict=j.verdict, confidence=j.confidence, explanation=text(j.explanation),
                           missing_context=text(j.missing_context), figures=figures,
                           citations=[citation_for(number[i], evidence[i]) for i in j.cited], judge=self.name)


def make_judge(settings) -> Judge:
    """The judge named in settings.judge."""
    if settings.judge == "llm":
        from assistant.verify.llm_judge import LLMJudge

        return LLMJudge.from_settings(settings.llm)
    return EmbeddedJudge()
