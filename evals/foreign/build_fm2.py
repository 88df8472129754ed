"""Build the foreign-domain eval: held-out Fool Me Twice claims with their evidence sentences as the corpus.

Fool Me Twice (Eisenschlos et al. 2021, Apache-2.0) pairs adversarial claims about Wikipedia topics with the
gold evidence sentences that support or refute them. The claims here are those of ``../shared/nli/fm2.jsonl``
that the stance model never trained on (the held-out tenth, see assistant/verify/reader/data.py); the
evidence of those claims, one document per distinct evidence text, is the corpus. Nothing of it is about
terrorism, so it shows whether the engine reads or only knows our corpus's phrasing.

The files are written under .claimcheck/ (not committed: the product never ships the shared data).

    python evals/foreign/build_fm2.py [--out .claimcheck/foreign/fm2]
    claimcheck eval .claimcheck/foreign/fm2/claims.jsonl --corpus .claimcheck/foreign/fm2/corpus.jsonl \
        --label-map .claimcheck/foreign/fm2/label_map.json --out evals/out/fm2-reader
"""
from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def build(out: Path, shared: Path | None = None) -> tuple[int, int]:
    """Write corpus.jsonl, claims.jsonl and label_map.json; returns (documents, claims)."""
    from assistant.verify.reader.data import SHARED_NLI, public_pairs

    pairs = public_pairs("fm2", heldout=True, root=shared or SHARED_NLI)
    docs: dict[str, str] = {}
    claims = []
    for p in pairs:
        doc_id = "fm2-" + hashlib.sha1(p.premise.encode("utf-8")).hexdigest()[:10]
        docs[doc_id] = p.premise
        claims.append({"id": f"fm2-claim-{len(claims) + 1:03d}", "claim": p.hypothesis,
                       "label": "SUPPORTS" if p.label == "entailment" else "REFUTES", "evidence": [doc_id]})
    out.mkdir(parents=True, exist_ok=True)
    (out / "corpus.jsonl").write_text("".join(json.dumps({"id": k, "title": "", "text": v}) + "\n"
                                              for k, v in docs.items()))
    (out / "claims.jsonl").write_text("".join(json.dumps(c) + "\n" for c in claims))
    (out / "label_map.json").write_text(json.dumps({"SUPPORTS": "supported", "REFUTES": "contradicted"}))
    return len(docs), len(claims)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=REPO / ".claimcheck" / "foreign" / "fm2")
    args = ap.parse_args()
    n_docs, n_claims = build(args.out)
    print(f"{n_claims} claims, {n_docs} documents -> {args.out}")


if __name__ == "__main__":
    main()
