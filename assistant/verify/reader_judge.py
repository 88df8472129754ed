"""The reader judge (the default): the stance model reads each evidence sentence against the claim, exact
checks handle figures and rejected wording, and a small trained aggregator turns the findings into the verdict.

    evidence -> stance model + figure checks -> findings (findings.py) -> features -> aggregator (aggregate.py)
             -> verdict backed by findings -> cited explanation (reasons.py)

The verdict is the aggregator's most probable label that some finding backs (not_enough_evidence needs none),
so an explanation never rests on a sentence that says something else. Every sentence weighed is returned in
``decisions`` with its probabilities and what produced its stance.
"""
from __future__ import annotations

from dataclasses import dataclass

from assistant.types import CheckResult, Decision, Evidence
from assistant.settings import ReaderSettings
from assistant.verify.aggregate import AGGREGATOR_FILE, Aggregator, features, load_aggregator
from assistant.verify.engine import Assessment, assess, citation_for
from assistant.verify.facets import ClaimFacets
from assistant.verify.findings import Finding, build_findings, out_of_scope
from assistant.verify.reader.model import NOT_READ, WEIGHTS_DIR, StanceModel, StanceProbs, get_stance_model
from assistant.verify.reasons import backing, explanation, figure_rows, marked, missing_context
from assistant.verify.stance import rules_left_out


@dataclass
class Reading:
    """Everything the reader saw and decided for one claim."""

    findings: list[Finding]
    features: dict[str, float]
    probs: dict[str, float]
    verdict: str
    deciding: list[Finding]


def choose(probs: dict[str, float], findings: list[Finding]) -> tuple[str, list[Finding]]:
    """The most probable verdict that the findings back, with the findings that back it."""
    for verdict in sorted(probs, key=lambda v: -probs[v]):
        deciding = backing(verdict, findings)
        if verdict == "not_enough_evidence" or deciding:
            return verdict, deciding
    return "not_enough_evidence", []


class ReaderJudge:
    name = "reader"

    def __init__(self, model: StanceModel | None = None, aggregator: Aggregator | None = None,
                 settings: ReaderSettings | None = None) -> None:
        self.settings = settings or ReaderSettings()
        self.model = model or get_stance_model(self.settings.weights_dir or str(WEIGHTS_DIR),
                                                   self.settings.batch_size)
        self._aggregator = aggregator

    @property
    def aggregator(self) -> Aggregator:
        if self._aggregator is None:
            self._aggregator = load_aggregator(self.settings.aggregator_path or str(AGGREGATOR_FILE))
        return self._aggregator

    def findings(self, claim: str, facets: ClaimFacets, evidence: list[Evidence]) -> tuple[Assessment, list[Finding]]:
        """The rule engine's assessment (its sentence stances and figure rows feed the exact checks) and one
        finding per evidence sentence."""
        with rules_left_out(self.settings.rules_left_out):
            a = assess(facets, evidence)
        position = {id(e): i for i, e in enumerate(evidence)}
        rules = {position[id(s.evidence)]: s for s in a.stances if id(s.evidence) in position}
        rows = {position[id(r.stance.evidence)]: r for r in a.figures if id(r.stance.evidence) in position}
        probs = self._read(claim, evidence, rules)
        return a, build_findings(evidence, probs, rules, self.settings.states_claim, self.settings.model_floor, rows)

    def _read(self, claim: str, evidence: list[Evidence], rules: dict) -> list[StanceProbs]:
        """The model's reading of every sentence but those the exact scope checks put about another event, place
        or year (their reading would not count: see aggregate._read); those get NOT_READ."""
        skip = {i for i, r in rules.items() if out_of_scope(r)}
        todo = [i for i in range(len(evidence)) if i not in skip]
        read = dict(zip(todo, self.model.read([(evidence[i].text, claim) for i in todo])))
        return [read.get(i, NOT_READ) for i in range(len(evidence))]

    def read(self, claim: str, facets: ClaimFacets, evidence: list[Evidence]) -> Reading:
        """Findings, features, the aggregator's probabilities and the backed verdict."""
        a, findings = self.findings(claim, facets, evidence)
        feats = features(facets, findings, a.verdict if self.aggregator.uses_rules else None)
        verdict_probs = self.aggregator.proba(feats)
        verdict, deciding = choose(verdict_probs, findings)
        return Reading(findings, feats, verdict_probs, verdict, deciding)

    def judge(self, claim: str, facets: ClaimFacets, evidence: list[Evidence]) -> CheckResult:
        r = self.read(claim, facets, evidence)
        expl, context = explanation(r.verdict, r.deciding, claim), missing_context(r.verdict, r.deciding)
        figures = [] if r.verdict == "not_enough_evidence" else figure_rows(r.findings, claim)
        cited: list[int] = []
        for _, refs in expl + context:
            cited += [i for i in refs if i not in cited]
        cited += [i for _, i in figures if i not in cited]
        if r.verdict == "not_enough_evidence":
            cited += [i for i in range(min(3, len(evidence))) if i not in cited]
        number = {i: n for n, i in enumerate(cited, start=1)}
        return CheckResult(
            claim=claim, verdict=r.verdict, confidence=round(r.probs[r.verdict], 3),
            explanation=marked(expl, number), missing_context=marked(context, number),
            figures=[f.model_copy(update={"citation": number[i]}) for f, i in figures if i in number],
            citations=[citation_for(number[i], evidence[i]) for i in cited], judge=self.name,
            verdict_by=f"aggregator:{self.aggregator.variant}",
            verdict_probs={k: round(v, 4) for k, v in r.probs.items()},
            decisions=[_decision(f, number) for f in r.findings])


def _decision(f: Finding, number: dict[int, int]) -> Decision:
    return Decision(citation=number.get(f.index, 0), doc_id=f.evidence.doc_id, quote=f.evidence.text,
                    **f.as_dict())
