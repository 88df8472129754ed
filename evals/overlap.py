"""Which claims of one set paraphrase a claim of other sets, and the scores without them.

The train, dev and test sets were written from the same 84-document corpus, so some test claims restate a
train or dev claim ("a record 79 countries had a terrorism death in 2016" / "in 2016 a record 79 countries
..."). A rule tuned on the train claim then scores on its test twin. This script flags such pairs (MiniLM
cosine >= --threshold) and, given a `claimcheck eval` results file, reports the metrics on the rest too.

    python evals/overlap.py evals/threat_claims.test.jsonl --against evals/threat_claims.train.jsonl \\
        evals/threat_claims.dev.jsonl [--results evals/out/test/results.jsonl]
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")


def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def paraphrased(target: list[dict], others: list[dict], embed, threshold: float) -> dict[str, tuple[str, float]]:
    """target id -> (the most similar other id, cosine) for target claims at or above threshold."""
    a = np.asarray(embed([r["claim"] for r in target]))
    b = np.asarray(embed([r["claim"] for r in others]))
    sims = a @ b.T
    out = {}
    for i, row in enumerate(target):
        j = int(sims[i].argmax())
        if sims[i, j] >= threshold:
            out[row["id"]] = (others[j]["id"], round(float(sims[i, j]), 3))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("target", type=Path, help="the claim set to check (JSONL)")
    ap.add_argument("--against", type=Path, nargs="+", required=True, help="the sets it must not paraphrase")
    ap.add_argument("--threshold", type=float, default=0.9, help="cosine at which two claims count as one")
    ap.add_argument("--results", type=Path, help="a claimcheck eval results.jsonl for the target set")
    args = ap.parse_args(argv)

    from assistant.index.index import embedder_for
    from assistant.settings import Settings

    embedder = embedder_for(Settings())
    target = _rows(args.target)
    others = [r for p in args.against for r in _rows(p)]
    twins = paraphrased(target, others, lambda texts: embedder.encode(texts), args.threshold)
    print(f"{len(twins)} of {len(target)} claims in {args.target.name} paraphrase one in "
          f"{', '.join(p.name for p in args.against)} (cosine >= {args.threshold}):")
    for tid, (oid, sim) in sorted(twins.items()):
        print(f"  {tid} ~ {oid} ({sim})")
    if args.results:
        from assistant.evaluate.metrics import accuracy, macro_f1, per_label_scores

        results = _rows(args.results)
        for name, keep in (("all", results), ("without paraphrases", [r for r in results if r["id"] not in twins])):
            gold, pred = [r["gold"] for r in keep], [r["predicted"] for r in keep]
            per = " ".join(f"{k}={v['f1']:.2f}" for k, v in per_label_scores(gold, pred).items())
            print(f"{name:>20}: n={len(keep)} accuracy={accuracy(gold, pred):.3f} "
                  f"macro-F1={macro_f1(gold, pred):.3f} ({per})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
