"""The claim-level verdict: a small multinomial logistic regression over what the findings say.

Features are read off the per-sentence findings (the stance model's probabilities weighted by relevance,
the figure checks, the source's rejections of the claim's wording) and the claim's own shape (a figure, a
date, an "all"/"only"). The weights are fitted on the training claims by ``evals/train_aggregator.py`` and
shipped as ``aggregator.json``; this module only computes features and applies them (numpy, no scikit-learn).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from assistant.types import VERDICTS
from assistant.verify.facets import ClaimFacets
from assistant.verify.findings import FEW_NAMES, SCOPE_CHECKS, Finding, Producer, Stance

AGGREGATOR_FILE = Path(__file__).resolve().parent / "aggregator.json"
QUANTIFIER = re.compile(r"\b(?:all|every|each|always|none|never|only|no)\b", re.I)
DECIDES = 0.5  # a finding's probability counts as a reading at or above this


def _top(values: list[float], k: int) -> float:
    return float(sum(sorted(values, reverse=True)[:k]))


def _docs(findings: list[Finding], keep) -> set[str]:
    return {f.evidence.doc_id for f in findings if keep(f)}


# a sentence whose figure the exact check compared is read by that check, not by the model (which reads
# "counted 33 jihadist attacks in 2017, up from 13 in 2016" against "33 jihadist attacks in 2017")
FIGURE_READING = {"figure_matches": (1.0, 0.0), "figure_differs": (0.0, 1.0)}


def _reading(f: Finding) -> tuple[float, float]:
    """(for, against) of a sentence: the exact figure check's outcome where it compared a figure for the
    claim's measure (a figure of another thing or a revised one is neither), else the model's probabilities."""
    if f.produced_by == Producer.FIGURE:
        return FIGURE_READING.get(f.check, (0.0, 0.0))
    return f.probs.entailment, f.probs.contradiction


def _read(f: Finding) -> tuple[float, float]:
    """A sentence's reading, 0 for one the scope checks put about something else and for one that names few
    of the claim's names (those count only in loose_features)."""
    if f.check in SCOPE_CHECKS or f.check == FEW_NAMES:
        return 0.0, 0.0
    return _reading(f)


def loose_features(findings: list[Finding]) -> dict[str, float]:
    """The model's readings of every sentence it read, those naming few of the claim's names included. On a
    corpus unlike ours the name check sets most sentences aside; these let the aggregator weigh the model's
    word there (fitted with claims of a public fact-verification set, see evals/train_aggregator.py)."""
    read = [f for f in findings if f.check not in SCOPE_CHECKS]
    sims = [max(0.0, f.evidence.similarity) for f in read]
    ent, con = zip(*map(_reading, read)) if read else ((), ())
    return {"ent_any": max(ent, default=0.0), "con_any": max(con, default=0.0),
            "ent_any_w": max((e * s for e, s in zip(ent, sims)), default=0.0),
            "con_any_w": max((c * s for c, s in zip(con, sims)), default=0.0),
            "few_names": sum(1 for f in findings if f.check == FEW_NAMES) / max(1, len(findings))}


def model_features(findings: list[Finding]) -> dict[str, float]:
    """How strongly the best, the closest and the several sentences entail or contradict the claim."""
    sims = [max(0.0, f.evidence.similarity) for f in findings] or [0.0]
    reads = [_read(f) for f in findings]
    ent = [e * s for (e, _), s in zip(reads, sims)]
    con = [c * s for (_, c), s in zip(reads, sims)]
    closest = max(range(len(findings)), key=lambda i: sims[i]) if findings else None
    e_docs = _docs(findings, lambda f: _read(f)[0] >= DECIDES)
    c_docs = _docs(findings, lambda f: _read(f)[1] >= DECIDES)
    return {
        "sim_max": max(sims), "sim_top3": _top(sims, 3) / 3,
        "ent_max": max((e for e, _ in reads), default=0.0), "con_max": max((c for _, c in reads), default=0.0),
        "ent_wmax": max(ent, default=0.0), "con_wmax": max(con, default=0.0),
        "ent_top3": _top(ent, 3), "con_top3": _top(con, 3),
        "ent_closest": reads[closest][0] if findings else 0.0,
        "con_closest": reads[closest][1] if findings else 0.0,
        "ent_docs": min(3, len(e_docs)), "con_docs": min(3, len(c_docs)),
        "split_docs": float(bool(e_docs) and bool(c_docs) and e_docs != c_docs),
        "both": min(max(ent, default=0.0), max(con, default=0.0)),
    }


def check_features(findings: list[Finding]) -> dict[str, float]:
    """What the exact checks found: figures that match, differ or count another thing; rejected wording."""
    def best(check: str) -> float:
        return max((f.evidence.similarity for f in findings if f.check == check), default=0.0)

    def count(check: str) -> float:
        return min(3.0, sum(1 for f in findings if f.check == check))

    return {"other_scope": min(3.0, sum(1 for f in findings if f.check in SCOPE_CHECKS)),
            "fig_match": best("figure_matches"), "fig_differ": best("figure_differs"),
            "fig_other": best("figure_counts_other_thing"), "n_fig_match": count("figure_matches"),
            "n_fig_differ": count("figure_differs"), "n_fig_other": count("figure_counts_other_thing"),
            "misread": best("misreading"), "fig_superseded": best("figure_superseded"),
            "misread_denied": max((f.evidence.similarity for f in findings
                                   if f.check == "misreading" and f.stance == Stance.CONTRADICTS), default=0.0)}


def claim_features(facets: ClaimFacets) -> dict[str, float]:
    """The claim's shape: whether it carries a figure, a date, a quantifier."""
    return {"has_figure": float(bool(facets.quantities)), "has_date": float(bool(facets.dates)),
            "quantifier": float(bool(QUANTIFIER.search(facets.text)))}


def split_figures(findings: list[Finding]) -> float:
    """1 when one source's figure matches the claim's and another source's differs for the same measure."""
    match = {f.evidence.doc_id for f in findings if f.check == "figure_matches"}
    differ = {f.evidence.doc_id for f in findings if f.check == "figure_differs"}
    return float(bool(match) and bool(differ - match))


def rule_features(facets: ClaimFacets, findings: list[Finding], rule_verdict: str | None) -> dict[str, float]:
    """The rule engine's verdict (one-hot) and its "a source records that sources disagree" rule; used only by
    the "+rules" variant, which has to earn its place on held-out claims (see evals/README.md)."""
    from assistant.verify.figures import disputes

    disputed = max((f.evidence.similarity for f in findings if f.rule is not None and disputes(facets, f.rule)),
                   default=0.0)
    def strongest(stance: str) -> float:
        return max((f.rule.strength for f in findings if f.rule is not None and f.rule.stance == stance), default=0.0)

    return {f"rule_{v}": float(rule_verdict == v) for v in VERDICTS} | {
        "rule_disputed": disputed, "rule_supports": strongest("supports"), "rule_contradicts": strongest("contradicts"),
        "rule_misleading": strongest("misleading")}


def features(facets: ClaimFacets, findings: list[Finding], rule_verdict: str | None = None) -> dict[str, float]:
    out = model_features(findings) | loose_features(findings) | check_features(findings) | claim_features(facets)
    out["fig_split"] = split_figures(findings)
    return out | rule_features(facets, findings, rule_verdict) if rule_verdict is not None else out


@dataclass(frozen=True)
class Aggregator:
    """Multinomial logistic regression on standardised features."""

    names: tuple[str, ...]
    labels: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray  # (labels, features)
    intercept: np.ndarray
    variant: str = "model+checks"

    def proba(self, feats: dict[str, float]) -> dict[str, float]:
        x = (np.array([feats.get(n, 0.0) for n in self.names]) - self.mean) / self.scale
        z = self.coef @ x + self.intercept
        p = np.exp(z - z.max())
        p /= p.sum()
        return dict(zip(self.labels, map(float, p)))

    @property
    def uses_rules(self) -> bool:
        return any(n.startswith("rule_") for n in self.names)

    def to_json(self) -> dict:
        return {"variant": self.variant, "names": list(self.names), "labels": list(self.labels),
                "mean": self.mean.tolist(), "scale": self.scale.tolist(), "coef": self.coef.tolist(),
                "intercept": self.intercept.tolist()}

    @classmethod
    def from_json(cls, d: dict) -> "Aggregator":
        return cls(tuple(d["names"]), tuple(d["labels"]), np.array(d["mean"]), np.array(d["scale"]),
                   np.array(d["coef"]), np.array(d["intercept"]), d.get("variant", "model+checks"))


@lru_cache(maxsize=2)
def load_aggregator(path: str = str(AGGREGATOR_FILE)) -> Aggregator:
    return Aggregator.from_json(json.loads(Path(path).read_text("utf-8")))

