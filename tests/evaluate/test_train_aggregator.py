"""The aggregator's fitting script: foreign claims weigh the share they are given, never more, and the
foreign evaluation sets are built from held-out pairs only."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import numpy as np
import pytest

REPO = Path(__file__).resolve().parents[2]


def _load(name: str, path: str):
    spec = importlib.util.spec_from_file_location(name, REPO / path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


train_aggregator = _load("train_aggregator", "evals/train_aggregator.py")


def test_our_claims_get_balanced_class_weights_and_foreign_claims_their_share():
    y = ["supported"] * 6 + ["misleading"] * 2 + ["supported"] * 30 + ["contradicted"] * 10
    w = train_aggregator.weights_for(y, 0.5, 8)
    assert w[:8].sum() == pytest.approx(8.0)  # balanced: each class of ours weighs the same in all
    assert w[:6].sum() == pytest.approx(w[6:8].sum())
    assert w[8:].sum() == pytest.approx(0.5 * 8)  # the foreign rows weigh half of ours, in all
    assert w[8:38].sum() == pytest.approx(w[38:].sum())


def test_without_a_share_foreign_rows_weigh_nothing():
    w = train_aggregator.weights_for(["a", "b", "a", "b"], 0.0, 2)
    assert list(w[2:]) == [0.0, 0.0]


def test_a_foreign_share_moves_the_fit_towards_the_foreign_claims():
    """Ours: feature 0 says nothing; foreign: it decides. With a share the fit learns it, without it does not."""
    rng = np.random.default_rng(0)
    ours = np.r_[np.full((20, 1), -1.0), np.full((20, 1), 1.0)]
    y_ours = ["supported", "contradicted"] * 20  # the feature is the same for both labels here
    foreign = np.r_[rng.normal(1, 0.3, (30, 1)), rng.normal(-1, 0.3, (30, 1))]
    X = np.vstack([ours, foreign])
    y = y_ours + ["supported"] * 30 + ["contradicted"] * 30
    right = {}
    for share in (0.0, 1.0):
        clf, m, s = train_aggregator.fit(X, y, 1.0, share, 40)
        right[share] = float(np.mean(clf.predict((foreign - m) / s) == np.array(y[40:])))
    assert right[1.0] >= 0.95 and right[0.0] <= 0.6


def test_the_fever_set_is_built_from_held_out_pairs_split_by_claim(tmp_path):
    shared = tmp_path / "nli"
    shared.mkdir()
    from assistant.verify.reader.data import public_heldout

    rows = [{"premise": f"Premise {i}.", "hypothesis": f"Claim {i}.", "label": "entailment" if i % 2 else
             "contradiction"} for i in range(400)]
    (shared / "fever_rte.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    (shared / "fever_symmetric.jsonl").write_text("")
    build_fever = _load("build_fever", "evals/foreign/build_fever.py")
    counts = build_fever.build(tmp_path / "out", shared)
    held = {r["hypothesis"] for r in rows if public_heldout("fever_rte", r["premise"], r["hypothesis"])}
    fit = [json.loads(x) for x in (tmp_path / "out" / "claims.fit.jsonl").read_text().splitlines()]
    dev = [json.loads(x) for x in (tmp_path / "out" / "claims.dev.jsonl").read_text().splitlines()]
    assert counts["fit"] + counts["dev"] == len(held) > 0
    assert {c["claim"] for c in fit + dev} == held
    assert not {c["claim"] for c in fit} & {c["claim"] for c in dev}
