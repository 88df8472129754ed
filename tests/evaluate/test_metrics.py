"""Each metric on small cases computed by hand (the numbers in the comments are the working)."""
from __future__ import annotations

import numpy as np
import pytest

from assistant.evaluate import metrics as M

S, C, Mi, N = "supported", "contradicted", "misleading", "not_enough_evidence"
GOLD = [S, S, C, N, N, Mi]
PRED = [S, C, C, N, S, None]  # the last check raised: label "error"


def test_label_order_puts_verdicts_first_and_error_last():
    assert M.label_order(GOLD, PRED) == [S, C, Mi, N, "error"]
    assert M.label_order(["zeta", S], ["alpha"]) == [S, "alpha", "zeta"]


def test_accuracy():
    # right at 0 (S), 2 (C), 3 (N) -> 3 / 6
    assert M.accuracy(GOLD, PRED) == pytest.approx(0.5)
    assert M.accuracy([], []) == 0.0
    with pytest.raises(ValueError):
        M.accuracy([S], [S, S])


def test_per_label_precision_recall_f1():
    s = M.per_label_scores(GOLD, PRED)
    # supported: tp 1 (0), predicted at 0 and 4, gold at 0 and 1 -> P 1/2, R 1/2, F1 1/2
    assert (s[S]["precision"], s[S]["recall"], s[S]["f1"]) == pytest.approx((0.5, 0.5, 0.5))
    # contradicted: tp 1 (2), predicted at 1 and 2, gold at 2 -> P 1/2, R 1, F1 2*.5*1/1.5 = 2/3
    assert (s[C]["precision"], s[C]["recall"], s[C]["f1"]) == pytest.approx((0.5, 1.0, 2 / 3))
    # misleading: never predicted -> P 0 (zero division), R 0, F1 0
    assert (s[Mi]["precision"], s[Mi]["recall"], s[Mi]["f1"]) == (0.0, 0.0, 0.0)
    # not_enough_evidence: tp 1 (3), predicted once, gold twice -> P 1, R 1/2, F1 2/3
    assert (s[N]["precision"], s[N]["recall"], s[N]["f1"]) == pytest.approx((1.0, 0.5, 2 / 3))
    assert s[N]["support"] == 2 and s[N]["predicted"] == 1
    assert s["error"]["predicted"] == 1 and s["error"]["support"] == 0


def test_macro_f1_averages_over_every_label_that_occurs():
    # (1/2 + 2/3 + 0 + 2/3 + 0) / 5
    assert M.macro_f1(GOLD, PRED) == pytest.approx((0.5 + 2 / 3 + 2 / 3) / 5)
    # restricted to the gold labels: (1/2 + 2/3 + 0 + 2/3) / 4
    assert M.macro_f1(GOLD, PRED, [S, C, Mi, N]) == pytest.approx((0.5 + 2 / 3 + 2 / 3) / 4)
    assert M.macro_f1([S, C], [S, C]) == 1.0


def test_confusion_matrix_rows_are_gold_columns_predicted():
    labels, matrix = M.confusion_matrix(GOLD, PRED)
    assert labels == [S, C, Mi, N, "error"]
    assert matrix == [
        [1, 1, 0, 0, 0],  # supported -> supported, contradicted
        [0, 1, 0, 0, 0],  # contradicted -> contradicted
        [0, 0, 0, 0, 1],  # misleading -> error
        [1, 0, 0, 1, 0],  # nee -> nee, supported
        [0, 0, 0, 0, 0],
    ]
    assert sum(map(sum, matrix)) == len(GOLD)


def test_abstention_precision_recall():
    a = M.abstention_scores(GOLD, PRED)
    # NEE predicted once (right) -> precision 1; gold NEE twice, found once -> recall 1/2
    assert (a["precision"], a["recall"]) == pytest.approx((1.0, 0.5))
    a = M.abstention_scores([S, S, N], [N, N, S])
    assert (a["precision"], a["recall"]) == (0.0, 0.0)


def test_evidence_recall_at_k_counts_distinct_documents_and_skips_claims_without_gold():
    gold = [["a"], ["b", "c"], [], ["d"]]
    ranked = [["x", "a"], ["c", "c", "b"], ["z"], ["x", "x", "y", "z", "w", "d"]]
    # @1: x (miss), c (hit), -, x (miss) -> 1/3
    assert M.evidence_recall_at_k(gold, ranked, 1) == pytest.approx(1 / 3)
    # @5: hit, hit, -, d is the 5th distinct id (x y z w d) -> 3/3; without dedup it would be a miss
    assert M.evidence_recall_at_k(gold, ranked, 5) == 1.0
    assert not M.hit_at_k(["d"], ranked[3], 4)
    assert M.evidence_recall_at_k([[], []], [["a"], []], 5) is None


def test_citation_validity():
    v = M.citation_validity([[True, False], [], [True, True]])
    # 3 of 4 citations valid; of the 2 claims with citations, 1 has all valid
    assert v == {"citations": 4, "valid_citations": 3, "citation_rate": 0.75, "claims_with_citations": 2,
                 "claim_rate": 0.5}
    assert M.citation_validity([[], []])["citation_rate"] is None


def test_expected_calibration_error():
    conf = [0.95, 0.85, 0.85, 0.15, 1.0]
    ok = [True, True, False, False, True]
    # bin 9 (0.95, 1.0): acc 1, conf .975 -> 2/5 * .025 = .01
    # bin 8 (.85, .85): acc .5, conf .85 -> 2/5 * .35 = .14
    # bin 1 (.15): acc 0, conf .15 -> 1/5 * .15 = .03
    assert M.expected_calibration_error(conf, ok) == pytest.approx(0.18)
    bins = M.calibration_bins(conf, ok)
    assert [b["count"] for b in bins] == [0, 1, 0, 0, 0, 0, 0, 0, 2, 2]
    assert bins[9]["confidence"] == pytest.approx(0.975) and bins[9]["accuracy"] == 1.0
    assert bins[0]["accuracy"] is None
    assert M.expected_calibration_error([0.8] * 5, [True] * 4 + [False]) == pytest.approx(0.0)
    with pytest.raises(ValueError):
        M.calibration_bins([1.2], [True])


def test_percentiles_interpolate_like_numpy():
    xs = [40.0, 10.0, 30.0, 20.0]
    # sorted 10 20 30 40: p50 at rank 1.5 -> 25; p95 at rank 2.85 -> 30 + .85 * 10 = 38.5
    assert M.percentile(xs, 50) == pytest.approx(25.0)
    assert M.percentile(xs, 95) == pytest.approx(38.5)
    assert M.percentile([7.0], 95) == 7.0
    assert M.percentile([], 50) is None
    rng = np.random.default_rng(0)
    sample = list(rng.exponential(100, 57))
    for q in (5, 50, 95, 99):
        assert M.percentile(sample, q) == pytest.approx(float(np.percentile(sample, q)))


def test_compute_all_leaves_failed_checks_out_of_latency_and_calibration():
    rows = [
        {"gold": S, "predicted": S, "confidence": 0.9, "correct": True, "latency_ms": 100.0,
         "gold_doc_ids": ["a"], "cited_doc_ids": ["a"], "retrieved_doc_ids": ["b", "a"], "citation_valid": [True]},
        {"gold": N, "predicted": C, "confidence": 0.7, "correct": False, "latency_ms": 300.0,
         "gold_doc_ids": [], "cited_doc_ids": ["c"], "retrieved_doc_ids": ["c"], "citation_valid": [True, False]},
        {"gold": C, "predicted": None, "confidence": 0.0, "correct": False, "latency_ms": 5.0,
         "gold_doc_ids": ["d"], "cited_doc_ids": [], "retrieved_doc_ids": [], "citation_valid": []},
    ]
    m = M.compute_all(rows)
    assert m["n"] == 3 and m["errors"] == 1
    assert m["accuracy"] == pytest.approx(1 / 3)
    assert m["latency_ms"]["n"] == 2 and m["latency_ms"]["p50"] == pytest.approx(200.0)
    assert sum(b["count"] for b in m["calibration"]["bins"]) == 2
    # bin 9: acc 1 conf .9 -> .5*.1; bin 7: acc 0 conf .7 -> .5*.7 => .4
    assert m["calibration"]["ece"] == pytest.approx(0.4)
    assert m["evidence"]["cited_recall@1"] == pytest.approx(0.5)  # row 1 hit, row 3 miss
    assert m["evidence"]["retrieved_recall@1"] == 0.0 and m["evidence"]["retrieved_recall@5"] == 0.5
    assert m["citations"]["citation_rate"] == pytest.approx(2 / 3)
    assert m["confusion"]["labels"] == [S, C, N, "error"]
    assert m["by_category"] == {}
    rows[0]["category"] = rows[1]["category"] = "numbers"
    rows[2]["category"] = "actors"
    assert M.compute_all(rows)["by_category"] == {"actors": {"n": 1, "accuracy": 0.0},
                                                  "numbers": {"n": 2, "accuracy": 0.5}}
