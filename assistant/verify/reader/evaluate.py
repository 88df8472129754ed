"""Accuracy of a stance model on each held-out slice (``make train-stance`` writes weights/metrics.json).

- three-way sets (SNLI, CAD-SNLI, MultiNLI, in-domain): 3-way accuracy, and per label;
- two-way sets (FEVER, FEVER-Symmetric, Fool Me Twice): accuracy of entailment vs contradiction (the larger of
  the two probabilities), and the 3-way accuracy beside it;
- MED: entailment vs not entailment (P(entailment) >= 0.5);
- in-domain: also per phenomenon (numbers, what a figure counts, dates, negation, ...).

    python -m assistant.verify.reader.evaluate [--weights DIR] [--limit 1000] [--out metrics.json]
"""
from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

import numpy as np

from assistant.verify.reader.data import LABELS, PUBLIC_FILES, Pair, in_domain_pairs, public_pairs, sample

THREE_WAY = {"snli_devtest", "cad_snli", "mnli_taxinli", "in_domain"}
TWO_WAY = {"fever_rte", "fever_symmetric", "fm2"}


def score(pairs: list[Pair], probs: np.ndarray, source: str) -> dict:
    gold = [p.label for p in pairs]
    pred3 = [LABELS[i] for i in probs.argmax(1)]
    out: dict = {"n": len(pairs)}
    if source == "med":
        ent = probs[:, 0] >= 0.5
        out["accuracy_e_vs_not"] = round(float(np.mean([e == (g == "entailment") for e, g in zip(ent, gold)])), 3)
        return out
    out["accuracy_3way"] = round(float(np.mean([p == g for p, g in zip(pred3, gold)])), 3)
    if source in TWO_WAY:
        pred2 = np.where(probs[:, 0] >= probs[:, 2], "entailment", "contradiction")
        out["accuracy_2way"] = round(float(np.mean([p == g for p, g in zip(pred2, gold)])), 3)
    out["per_label_recall"] = {k: round(float(np.mean([p == g for p, g in zip(pred3, gold) if g == k])), 3)
                               for k in LABELS if k in gold}
    return out


def per_phenomenon(pairs: list[Pair], probs: np.ndarray) -> dict:
    groups: dict[str, list[bool]] = defaultdict(list)
    for p, row in zip(pairs, probs):
        groups[p.phenomenon or "untagged"].append(LABELS[int(row.argmax())] == p.label)
    return {k: {"n": len(v), "accuracy": round(float(np.mean(v)), 3)} for k, v in sorted(groups.items())}


def evaluate(model, limit: int = 1000, seed: int = 7) -> dict:
    """Held-out metrics for every slice; public slices are capped at ``limit`` pairs (a seeded sample)."""
    out = {}
    for name in PUBLIC_FILES:
        pairs = sample(public_pairs(name, heldout=True), limit, seed)
        out[name] = score(pairs, model.predict([(p.premise, p.hypothesis) for p in pairs]), name)
    pairs = in_domain_pairs(heldout=True)
    if pairs:
        probs = model.predict([(p.premise, p.hypothesis) for p in pairs])
        out["in_domain"] = score(pairs, probs, "in_domain") | {"per_phenomenon": per_phenomenon(pairs, probs),
                                                                "documents": len({p.doc_id for p in pairs})}
    return out


def main(argv: list[str] | None = None) -> None:
    import torch

    from assistant.verify.reader.model import WEIGHTS_DIR, StanceModel

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--weights", type=Path, default=WEIGHTS_DIR)
    ap.add_argument("--limit", type=int, default=1000)
    ap.add_argument("--out", type=Path)
    args = ap.parse_args(argv)
    torch.set_num_threads(2)
    metrics = evaluate(StanceModel(args.weights, batch_size=64), args.limit)
    text = json.dumps(metrics, indent=1)
    if args.out:
        args.out.write_text(text + "\n")
    print(text)


if __name__ == "__main__":
    main()
