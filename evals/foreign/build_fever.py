"""Build the foreign-domain set the aggregator is fitted on: held-out FEVER claims, their evidence as corpus.

The reader's claim-level aggregator is fitted on our claims, whose corpus the rule engine's name checks know;
on a corpus unlike ours those checks set most sentences aside. To teach it how far to trust the stance model
there, ``evals/train_aggregator.py --foreign`` adds claims of FEVER (Thorne et al. 2018, CC BY-SA 3.0) that the
stance model never trained on (the held-out tenth of ``fever_rte`` and ``fever_symmetric``, see
assistant/verify/reader/data.py), split by claim into ``fit`` (fitted on) and ``dev`` (used to choose, with our
dev claims). The Fool Me Twice set of build_fm2.py stays the untouched foreign evaluation: nothing here is
chosen on it.

    python evals/foreign/build_fever.py [--out .claimcheck/foreign/fever]
    claimcheck ingest .claimcheck/foreign/fever/corpus.jsonl --index .claimcheck/foreign/fever/index
"""
from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SETS = ("fever_rte", "fever_symmetric")
DEV_SHARE = 0.3  # of the claims, by a hash of the claim text


def _split(claim: str) -> str:
    return "dev" if int(hashlib.sha1(claim.encode("utf-8")).hexdigest()[:8], 16) % 100 < DEV_SHARE * 100 else "fit"


def build(out: Path, shared: Path | None = None) -> dict[str, int]:
    """Write corpus.jsonl, claims.fit.jsonl, claims.dev.jsonl and label_map.json; returns the counts."""
    from assistant.verify.reader.data import SHARED_NLI, public_pairs

    docs: dict[str, str] = {}
    claims: dict[str, dict] = {}
    for name in SETS:
        for p in public_pairs(name, heldout=True, root=shared or SHARED_NLI):
            doc_id = "fever-" + hashlib.sha1(p.premise.encode("utf-8")).hexdigest()[:10]
            docs[doc_id] = p.premise
            row = claims.setdefault(p.hypothesis, {"claim": p.hypothesis, "evidence": [], "labels": set()})
            row["evidence"].append(doc_id)
            row["labels"].add("SUPPORTS" if p.label == "entailment" else "REFUTES")
    kept = {"fit": [], "dev": []}
    for claim, row in claims.items():
        if len(row["labels"]) == 1:  # a claim given both labels by two evidence sets is left out
            split = _split(claim)
            kept[split].append({"id": f"fever-{split}-{len(kept[split]) + 1:04d}", "claim": claim,
                                "label": row["labels"].pop(), "evidence": sorted(set(row["evidence"]))})
    out.mkdir(parents=True, exist_ok=True)
    (out / "corpus.jsonl").write_text("".join(json.dumps({"id": k, "title": "", "text": v}) + "\n"
                                              for k, v in docs.items()))
    for split, rows in kept.items():
        (out / f"claims.{split}.jsonl").write_text("".join(json.dumps(c) + "\n" for c in rows))
    (out / "label_map.json").write_text(json.dumps({"SUPPORTS": "supported", "REFUTES": "contradicted"}))
    return {"documents": len(docs)} | {split: len(rows) for split, rows in kept.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=REPO / ".claimcheck" / "foreign" / "fever")
    args = ap.parse_args()
    print(f"{build(args.out)} -> {args.out}")


if __name__ == "__main__":
    main()
