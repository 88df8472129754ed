"""Fit the reader's claim-level aggregator (assistant/verify/aggregator.json) on the training claims.

For every claim of the train, dev and test sets it runs the real pipeline up to the findings (retrieval,
stance model, figure checks) and writes the features to --cache. It then fits a multinomial logistic
regression for each feature variant, picks the regularisation by 5-fold cross-validation on train, and picks
the variant by train cross-validation plus dev: never by test. Test (all claims, and the claims that restate
no train or dev claim) is only reported. The chosen model is written with --write.

    python evals/train_aggregator.py --index .claimcheck/index [--write] [--reuse]
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
SETS = {"train": "threat_claims.train.jsonl", "dev": "threat_claims.dev.jsonl", "test": "threat_claims.test.jsonl"}
RULE_NAMES = tuple(f"rule_{v}" for v in ("supported", "contradicted", "misleading", "conflicting",
                                          "not_enough_evidence")) + ("rule_disputed", "rule_supports",
                                                                     "rule_contradicts", "rule_misleading")
CHECKS = ("fig_match", "fig_differ", "fig_other", "n_fig_match", "n_fig_differ", "n_fig_other", "misread",
          "misread_denied", "fig_split", "fig_superseded", "other_scope")


def _rows(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text("utf-8").splitlines() if x.strip()]


def extract(index: Path, cache: Path, weights: Path | None = None, limit: int | None = None) -> None:
    """Features of every claim (all variants' features at once) -> cache/<split>.jsonl."""
    from assistant.service import Service
    from assistant.settings import Settings
    from assistant.verify.aggregate import features
    from assistant.verify.reader.model import get_stance_model
    from assistant.verify.reader_judge import ReaderJudge

    service = Service(Settings(index_dir=index, judge="embedded"))
    reader = ReaderJudge(model=get_stance_model(str(weights)) if weights else None)
    cache.mkdir(parents=True, exist_ok=True)
    for split, name in SETS.items():
        out = []
        for row in _rows(REPO / "evals" / name)[:limit]:
            ref = dt.date.fromisoformat(row["reference_date"]) if row.get("reference_date") else None
            claim, _, evidence, facets = service.prepare(row["claim"], ref)
            a, findings = reader.findings(claim, facets, evidence)
            out.append({"id": row["id"], "gold": row["verdict"], "claim": row["claim"],
                        "features": features(facets, findings, a.verdict)})
        (cache / f"{split}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in out))
        print(f"{split}: {len(out)} claims", flush=True)


def variants(names: list[str]) -> dict[str, list[str]]:
    model = [n for n in names if n not in CHECKS and n not in RULE_NAMES]
    return {"model": model, "model+checks": model + list(CHECKS),
            "model+checks+rules": model + list(CHECKS) + list(RULE_NAMES)}


def fit(X: np.ndarray, y: list[str], C: float):
    from sklearn.linear_model import LogisticRegression

    mean, scale = X.mean(0), X.std(0)
    scale[scale == 0] = 1.0
    clf = LogisticRegression(C=C, max_iter=5000, class_weight="balanced").fit((X - mean) / scale, y)
    return clf, mean, scale


def macro_f1(gold, pred) -> float:
    from sklearn.metrics import f1_score

    return float(f1_score(gold, pred, average="macro", zero_division=0))


def cv_score(X: np.ndarray, y: list[str], C: float) -> float:
    from sklearn.model_selection import StratifiedKFold

    pred = np.empty(len(y), dtype=object)
    for tr, te in StratifiedKFold(5, shuffle=True, random_state=0).split(X, y):
        clf, m, s = fit(X[tr], [y[i] for i in tr], C)
        pred[te] = clf.predict((X[te] - m) / s)
    return macro_f1(y, list(pred))


def novel_test_ids() -> set[str]:
    sys.path.insert(0, str(REPO / "evals"))
    from overlap import paraphrased

    from assistant.index.index import embedder_for
    from assistant.settings import Settings

    emb = embedder_for(Settings())
    test = _rows(REPO / "evals" / SETS["test"])
    others = _rows(REPO / "evals" / SETS["train"]) + _rows(REPO / "evals" / SETS["dev"])
    twins = paraphrased(test, others, lambda t: emb.encode(t), 0.9)
    return {r["id"] for r in test if r["id"] not in twins}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--index", type=Path, default=REPO / ".claimcheck" / "index")
    ap.add_argument("--cache", type=Path, default=REPO / ".claimcheck" / "aggregator")
    ap.add_argument("--reuse", action="store_true", help="use the cached features")
    ap.add_argument("--write", action="store_true", help="write assistant/verify/aggregator.json")
    ap.add_argument("--variant", help="force a variant instead of choosing on train CV + dev")
    ap.add_argument("--weights", type=Path, help="stance model folder (default: the shipped one)")
    ap.add_argument("--out", type=Path, help="where --write writes (default: assistant/verify/aggregator.json)")
    ap.add_argument("--C", type=float, help="regularisation strength instead of choosing it by train CV")
    ap.add_argument("--limit", type=int, help="only the first N claims of each set (a quick try)")
    ap.add_argument("--report-test", action="store_true",
                    help="print the test scores too (they are always stored with --write); off while developing")
    args = ap.parse_args(argv)
    if not args.reuse:
        extract(args.index, args.cache, args.weights, args.limit)
    data = {s: _rows(args.cache / f"{s}.jsonl") for s in SETS}
    names = list(data["train"][0]["features"])
    novel = novel_test_ids()
    report, best = {}, None
    for variant, cols in variants(names).items():
        mat = {s: np.array([[r["features"].get(c, 0.0) for c in cols] for r in rows]) for s, rows in data.items()}
        gold = {s: [r["gold"] for r in rows] for s, rows in data.items()}
        C = args.C or max((0.03, 0.1, 0.3, 1.0, 3.0), key=lambda c: cv_score(mat["train"], gold["train"], c))
        clf, m, s = fit(mat["train"], gold["train"], C)
        pred = {k: list(clf.predict((v - m) / s)) for k, v in mat.items()}
        nov = [i for i, r in enumerate(data["test"]) if r["id"] in novel]
        scores = {"C": C, "train_cv": round(cv_score(mat["train"], gold["train"], C), 3),
                  "dev": round(macro_f1(gold["dev"], pred["dev"]), 3), "test": round(macro_f1(gold["test"], pred["test"]), 3),
                  "test_novel": round(macro_f1([gold["test"][i] for i in nov], [pred["test"][i] for i in nov]), 3),
                  "n_test_novel": len(nov)}
        report[variant] = scores
        shown = scores if args.report_test else {k: v for k, v in scores.items() if not k.startswith(("test", "n_test"))}
        print(variant, shown, flush=True)
        key = scores["train_cv"] + scores["dev"]
        if (args.variant == variant) or (not args.variant and (best is None or key > best[0])):
            best = (key, variant, cols, clf, m, s)
    _, variant, cols, clf, m, s = best
    print(f"chosen (train CV + dev): {variant}")
    if args.write:
        from assistant.verify.aggregate import AGGREGATOR_FILE, Aggregator

        agg = Aggregator(tuple(cols), tuple(clf.classes_), m, s, clf.coef_, clf.intercept_, variant)
        out = args.out or AGGREGATOR_FILE
        out.write_text(json.dumps(agg.to_json() | {"scores": report}, indent=1) + "\n")
        print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
