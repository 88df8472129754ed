"""Evaluation metrics as pure functions over plain lists: no model, no index, no I/O.

Conventions (stated once, used everywhere):
- Labels are strings; a missing prediction (the check raised) is the label ``"error"``, always wrong.
- Precision with no predictions of a label is 0.0, recall with no gold examples of a label is 0.0, and F1 is 0.0
  when precision + recall is 0 (scikit-learn's ``zero_division=0``).
- Macro-F1 averages F1 over the labels that occur in the gold labels or the predictions (scikit-learn's default
  label set), so predicting a label the data set never uses costs macro-F1.
- Evidence recall@k is a hit rate: the share of claims with at least one gold document for which at least one gold
  document is among the first k *distinct* document ids of a ranked list (cited or retrieved). Claims without gold
  documents (not_enough_evidence) are left out.
- Expected calibration error uses equal-width bins over [0, 1]; a confidence of exactly 1.0 falls in the last bin.
- Percentiles interpolate linearly between closest ranks (numpy's default ``linear`` method).
"""
from __future__ import annotations

import math
from collections.abc import Sequence

from assistant.types import VERDICTS

ERROR_LABEL = "error"


def label_order(*label_lists: Sequence[str | None]) -> list[str]:
    """Every label that occurs, verdicts first in their canonical order, then the rest sorted, 'error' last."""
    seen = {ERROR_LABEL if x is None else x for labels in label_lists for x in labels}
    known = [v for v in VERDICTS if v in seen]
    rest = sorted(x for x in seen if x not in VERDICTS and x != ERROR_LABEL)
    return known + rest + ([ERROR_LABEL] if ERROR_LABEL in seen else [])


def _norm(labels: Sequence[str | None]) -> list[str]:
    return [ERROR_LABEL if x is None else x for x in labels]


def accuracy(gold: Sequence[str], predicted: Sequence[str | None]) -> float:
    """Share of predictions equal to the gold label (0.0 for no examples)."""
    _same_length(gold, predicted)
    if not gold:
        return 0.0
    return sum(g == p for g, p in zip(gold, _norm(predicted))) / len(gold)


def confusion_matrix(gold: Sequence[str], predicted: Sequence[str | None],
                     labels: Sequence[str] | None = None) -> tuple[list[str], list[list[int]]]:
    """(labels, matrix) with matrix[i][j] = number of claims with gold labels[i] predicted as labels[j]."""
    _same_length(gold, predicted)
    pred = _norm(predicted)
    labels = list(labels) if labels is not None else label_order(gold, pred)
    where = {label: i for i, label in enumerate(labels)}
    matrix = [[0] * len(labels) for _ in labels]
    for g, p in zip(gold, pred):
        if g in where and p in where:
            matrix[where[g]][where[p]] += 1
    return labels, matrix


def per_label_scores(gold: Sequence[str], predicted: Sequence[str | None],
                     labels: Sequence[str] | None = None) -> dict[str, dict[str, float]]:
    """label -> {precision, recall, f1, support (gold count), predicted (prediction count)}."""
    _same_length(gold, predicted)
    pred = _norm(predicted)
    labels = list(labels) if labels is not None else label_order(gold, pred)
    out: dict[str, dict[str, float]] = {}
    for label in labels:
        tp = sum(g == label and p == label for g, p in zip(gold, pred))
        n_pred = sum(p == label for p in pred)
        n_gold = sum(g == label for g in gold)
        precision = tp / n_pred if n_pred else 0.0
        recall = tp / n_gold if n_gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        out[label] = {"precision": precision, "recall": recall, "f1": f1, "support": n_gold, "predicted": n_pred}
    return out


def macro_f1(gold: Sequence[str], predicted: Sequence[str | None], labels: Sequence[str] | None = None) -> float:
    """Unweighted mean of per-label F1 over ``labels`` (default: labels in gold or predictions)."""
    scores = per_label_scores(gold, predicted, labels)
    return sum(s["f1"] for s in scores.values()) / len(scores) if scores else 0.0


def abstention_scores(gold: Sequence[str], predicted: Sequence[str | None],
                      abstain: str = "not_enough_evidence") -> dict[str, float]:
    """Precision and recall of abstaining: how often an abstention was right, how many gold abstentions were found."""
    s = per_label_scores(gold, predicted, [abstain])[abstain]
    return {"precision": s["precision"], "recall": s["recall"], "f1": s["f1"], "support": s["support"],
            "predicted": s["predicted"]}


def distinct(ids: Sequence[str]) -> list[str]:
    """ids with repeats removed, first occurrence kept (a ranked list of documents from a ranked list of chunks)."""
    seen: set[str] = set()
    out = []
    for x in ids:
        if x not in seen:
            seen.add(x)
            out.append(x)
    return out


def hit_at_k(gold_ids: Sequence[str], ranked_ids: Sequence[str], k: int) -> bool:
    """True if any gold id is among the first k distinct ranked ids."""
    return bool(set(gold_ids) & set(distinct(ranked_ids)[:k]))


def evidence_recall_at_k(gold_ids: Sequence[Sequence[str]], ranked_ids: Sequence[Sequence[str]], k: int) -> float | None:
    """Hit rate @k over the claims that have gold ids; None when no claim has any."""
    _same_length(gold_ids, ranked_ids)
    rows = [(g, r) for g, r in zip(gold_ids, ranked_ids) if g]
    if not rows:
        return None
    return sum(hit_at_k(g, r, k) for g, r in rows) / len(rows)


def citation_validity(valid_flags: Sequence[Sequence[bool]]) -> dict[str, float | int | None]:
    """From per-claim lists of per-citation validity: the share of citations that are valid, and the share of claims
    with at least one citation whose citations are all valid. None where there is nothing to count."""
    flags = [f for claim in valid_flags for f in claim]
    with_citations = [claim for claim in valid_flags if claim]
    return {
        "citations": len(flags),
        "valid_citations": sum(flags),
        "citation_rate": sum(flags) / len(flags) if flags else None,
        "claims_with_citations": len(with_citations),
        "claim_rate": sum(all(c) for c in with_citations) / len(with_citations) if with_citations else None,
    }


def calibration_bins(confidences: Sequence[float], correct: Sequence[bool], n_bins: int = 10) -> list[dict]:
    """Equal-width bins over [0, 1]: lower, upper, count, mean confidence and accuracy (None for empty bins)."""
    _same_length(confidences, correct)
    bins = [{"lower": i / n_bins, "upper": (i + 1) / n_bins, "count": 0, "confidence": None, "accuracy": None}
            for i in range(n_bins)]
    sums = [[0.0, 0] for _ in range(n_bins)]
    for c, ok in zip(confidences, correct):
        if not 0.0 <= c <= 1.0 or math.isnan(c):
            raise ValueError(f"confidence {c} outside [0, 1]")
        b = min(int(c * n_bins), n_bins - 1)
        bins[b]["count"] += 1
        sums[b][0] += c
        sums[b][1] += bool(ok)
    for b, (conf_sum, n_ok) in zip(bins, sums):
        if b["count"]:
            b["confidence"] = conf_sum / b["count"]
            b["accuracy"] = n_ok / b["count"]
    return bins


def expected_calibration_error(confidences: Sequence[float], correct: Sequence[bool], n_bins: int = 10) -> float:
    """ECE = sum over bins of (bin size / N) * |bin accuracy - bin mean confidence|; 0.0 for no examples."""
    n = len(confidences)
    if not n:
        return 0.0
    return sum(b["count"] / n * abs(b["accuracy"] - b["confidence"])
               for b in calibration_bins(confidences, correct, n_bins) if b["count"])


def percentile(values: Sequence[float], q: float) -> float | None:
    """The q-th percentile (0..100) with linear interpolation between closest ranks; None for no values."""
    if not values:
        return None
    if not 0 <= q <= 100:
        raise ValueError(f"percentile {q} outside [0, 100]")
    xs = sorted(values)
    pos = (len(xs) - 1) * q / 100
    lo = math.floor(pos)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


def latency_summary(latencies_ms: Sequence[float]) -> dict[str, float | int | None]:
    return {"n": len(latencies_ms), "p50": percentile(latencies_ms, 50), "p95": percentile(latencies_ms, 95),
            "mean": sum(latencies_ms) / len(latencies_ms) if latencies_ms else None,
            "max": max(latencies_ms) if latencies_ms else None}


def _same_length(a: Sequence, b: Sequence) -> None:
    if len(a) != len(b):
        raise ValueError(f"length mismatch: {len(a)} vs {len(b)}")


def compute_all(rows: Sequence[dict]) -> dict:
    """Every metric from result rows (the records of results.jsonl): gold, predicted, confidence, correct,
    latency_ms, gold_doc_ids, cited_doc_ids, retrieved_doc_ids, citation_valid (list of bool, raw judge output)."""
    gold = [r["gold"] for r in rows]
    pred = [r["predicted"] for r in rows]
    labels, matrix = confusion_matrix(gold, pred)
    answered = [r for r in rows if r["predicted"] is not None]
    confidences = [float(r["confidence"]) for r in answered]
    correct = [bool(r["correct"]) for r in answered]
    gold_ids = [r.get("gold_doc_ids") or [] for r in rows]
    evidence = {"claims_with_gold_docs": sum(1 for g in gold_ids if g)}
    for name, key in (("cited", "cited_doc_ids"), ("retrieved", "retrieved_doc_ids")):
        ranked = [r.get(key) or [] for r in rows]
        for k in (1, 5):
            evidence[f"{name}_recall@{k}"] = evidence_recall_at_k(gold_ids, ranked, k)
    return {
        "n": len(rows),
        "errors": sum(1 for r in rows if r["predicted"] is None),
        "accuracy": accuracy(gold, pred),
        "macro_f1": macro_f1(gold, pred),
        "per_label": per_label_scores(gold, pred, labels),
        "confusion": {"labels": labels, "matrix": matrix},
        "evidence": evidence,
        "citations": citation_validity([r.get("citation_valid") or [] for r in answered]),
        "final_citations": citation_validity([r.get("final_citation_valid") or [] for r in answered]),
        "abstention": abstention_scores(gold, pred),
        "calibration": {"ece": expected_calibration_error(confidences, correct),
                        "bins": calibration_bins(confidences, correct)},
        "latency_ms": latency_summary([float(r["latency_ms"]) for r in answered]),
        "by_category": accuracy_by_group(rows, "category"),
        "by_decider": accuracy_by_group(rows, "decided_by"),
    }


def accuracy_by_group(rows: Sequence[dict], key: str) -> dict[str, dict[str, float]]:
    """group -> {n, accuracy} for rows that carry the key (the dev set's ``category``); {} when none do."""
    groups: dict[str, list[bool]] = {}
    for r in rows:
        if r.get(key) is not None:
            groups.setdefault(str(r[key]), []).append(r["predicted"] is not None and r["predicted"] == r["gold"])
    return {g: {"n": len(v), "accuracy": sum(v) / len(v)} for g, v in sorted(groups.items())}
