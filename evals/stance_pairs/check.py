"""Check the in-domain stance pairs: well-formed, premises verbatim from their corpus document, no duplicates,
and no hypothesis that paraphrases a test claim (MiniLM cosine >= 0.9; those are dropped with --fix).

    python evals/stance_pairs/check.py [--fix]
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
LABELS = {"entailment", "neutral", "contradiction"}
PHENOMENA = {"number_match", "number_differs", "counts_other_thing", "date_period", "place", "actor_attribution",
             "negation", "quantifier_exception", "swapped_name", "paraphrase_keep", "paraphrase_flip",
             "related_other_fact"}


def corpus_bodies() -> dict[str, str]:
    import yaml

    out = {}
    for path in (REPO / "corpus").rglob("*.md"):
        text = path.read_text("utf-8")
        if not text.startswith("---"):
            continue
        _, front, body = text.split("---", 2)
        meta = yaml.safe_load(front)
        out[str(meta["id"])] = body
    return out


def problems(row: dict, bodies: dict[str, str]) -> list[str]:
    found = []
    if row.get("label") not in LABELS:
        found.append(f"label {row.get('label')!r}")
    if row.get("phenomenon") not in PHENOMENA:
        found.append(f"phenomenon {row.get('phenomenon')!r}")
    body = bodies.get(row.get("doc_id", ""))
    if body is None:
        found.append(f"unknown doc_id {row.get('doc_id')!r}")
    elif row.get("premise", "") not in body or not row.get("premise", "").strip():
        found.append("premise not verbatim in its document")
    if not row.get("hypothesis", "").strip():
        found.append("empty hypothesis")
    return found


def test_twins(rows: list[dict], threshold: float = 0.9) -> set[int]:
    """Indexes of rows whose hypothesis paraphrases a test claim."""
    import numpy as np

    from assistant.index.index import embedder_for
    from assistant.settings import Settings

    emb = embedder_for(Settings())
    test = [json.loads(x)["claim"] for x in (REPO / "evals" / "threat_claims.test.jsonl").read_text().splitlines()]
    a = np.asarray(emb.encode([r["hypothesis"] for r in rows]))
    b = np.asarray(emb.encode(test))
    return {i for i, s in enumerate((a @ b.T).max(1)) if s >= threshold}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--fix", action="store_true", help="drop bad rows, duplicates and test paraphrases in place")
    args = ap.parse_args()
    bodies = corpus_bodies()
    bad = 0
    for path in sorted(HERE.glob("*.jsonl")):
        rows = [json.loads(x) for x in path.read_text("utf-8").splitlines() if x.strip()]
        seen, keep = set(), []
        for n, row in enumerate(rows, 1):
            why = problems(row, bodies)
            key = (row.get("premise"), row.get("hypothesis"))
            if key in seen:
                why.append("duplicate")
            seen.add(key)
            if why:
                print(f"{path.name}:{n}: {'; '.join(why)}")
            else:
                keep.append(row)
        twins = test_twins(keep)
        for i in sorted(twins):
            print(f"{path.name}: paraphrases a test claim: {keep[i]['hypothesis']!r}")
        dropped = len(rows) - len(keep) + len(twins)
        bad += dropped
        if args.fix and dropped:
            path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for i, r in enumerate(keep)
                                    if i not in twins), "utf-8")
        print(f"{path.name}: {len(rows)} rows, {dropped} {'dropped' if args.fix else 'to drop'}")
    return 1 if bad and not args.fix else 0


if __name__ == "__main__":
    sys.exit(main())
