"""Fit the reader's claim-level aggregator (assistant/verify/aggregator.json) on the training claims.

For every claim of the train, dev and test sets it runs the real pipeline up to the findings (retrieval,
stance model, figure checks) and writes the features to --cache. It then fits a multinomial logistic
regression for each feature variant, picks the regularisation by 5-fold cross-validation on train, and picks
the variant by train cross-validation plus dev: never by test. Test (all claims, and the claims that restate
no train or dev claim) is only reported. The chosen model is written with --write.

With --foreign, held-out FEVER claims with their own evidence as corpus (evals/foreign/build_fever.py) join the
fit at a weight of SHARES times our training claims: on a corpus unlike ours the rule engine's name checks
set most sentences aside, and the aggregator must learn how far the stance model's readings go there. The
share and variant are chosen on train CV + dev + the FEVER dev claims; the Fool Me Twice claims
(build_fm2.py) are only reported, like test.

    python evals/train_aggregator.py --index .claimcheck/index [--foreign] [--write] [--reuse]
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
# foreign sets: claims file and index folder under --foreign (built by evals/foreign/build_{fever,fm2}.py)
FOREIGN = {"fever_fit": ("fever/claims.fit.jsonl", "fever/index"),
           "fever_dev": ("fever/claims.dev.jsonl", "fever/index"),
           "fm2": ("fm2/claims.jsonl", "fm2/index")}
FOREIGN_LABELS = {"SUPPORTS": "supported", "REFUTES": "contradicted"}
CHECKS = ("fig_match", "fig_differ", "fig_other", "n_fig_match", "n_fig_differ", "n_fig_other", "misread",
          "misread_denied", "fig_split", "fig_superseded", "other_scope")


def _rows(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text("utf-8").splitlines() if x.strip()]


def _features(service, reader, rows: list[dict], gold) -> list[dict]:
    from assistant.verify.aggregate import features

    out = []
    for row in rows:
        ref = dt.date.fromisoformat(row["reference_date"]) if row.get("reference_date") else None
        claim, _, evidence, facets = service.prepare(row["claim"], ref)
        a, findings = reader.findings(claim, facets, evidence)
        out.append({"id": row["id"], "gold": gold(row), "claim": row["claim"],
                    "features": features(facets, findings, a.verdict)})
    return out


def _write(path: Path, rows: list[dict]) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    print(f"{path.stem}: {len(rows)} claims", flush=True)


def extract(index: Path, cache: Path, weights: Path | None = None, limit: int | None = None,
            foreign: Path | None = None) -> None:
    """Features of every claim (all variants' features at once) -> cache/<split>.jsonl; with ``foreign``, also
    the FEVER fit/dev claims and the Fool Me Twice claims against their own indexes (FOREIGN)."""
    from assistant.ingest.pipeline import ingest
    from assistant.service import Service
    from assistant.settings import Settings
    from assistant.verify.reader.model import get_stance_model
    from assistant.verify.reader_judge import ReaderJudge

    reader = ReaderJudge(model=get_stance_model(str(weights)) if weights else None, settings=Settings().reader)
    cache.mkdir(parents=True, exist_ok=True)
    service = Service(Settings(index_dir=index, judge="embedded"))
    for split, name in SETS.items():
        _write(cache / f"{split}.jsonl", _features(service, reader, _rows(REPO / "evals" / name)[:limit],
                                                   lambda r: r["verdict"]))
    for split, (claims, index_dir) in (FOREIGN.items() if foreign else ()):
        settings = Settings(index_dir=foreign / index_dir, judge="embedded")
        ingest([(foreign / index_dir).parent / "corpus.jsonl"], settings, foreign / index_dir, prune=True)
        service = Service(settings)
        _write(cache / f"{split}.jsonl", _features(service, reader, _rows(foreign / claims)[:limit],
                                                   lambda r: FOREIGN_LABELS[r["label"]]))


def variants(names: list[str]) -> dict[str, list[str]]:
    model = [n for n in names if n not in CHECKS and n not in RULE_NAMES]
    return {"model": model, "model+checks": model + list(CHECKS),
            "model+checks+rules": model + list(CHECKS) + list(RULE_NAMES)}


def _balanced(labels: list[str]) -> np.ndarray:
    """Class weights that give each label the same total weight; they sum to len(labels)."""
    counts = {label: labels.count(label) for label in set(labels)}
    return np.array([len(labels) / (len(counts) * counts[label]) for label in labels])


def weights_for(y: list[str], share: float, n_domain: int) -> np.ndarray:
    """Balanced class weights among the first n_domain rows (our claims) and, scaled so that they weigh
    ``share`` of our claims in all, among the foreign rows after them."""
    foreign = y[n_domain:]
    scale = share * n_domain / max(1, len(foreign))
    return np.concatenate([_balanced(y[:n_domain]), _balanced(foreign) * scale]) if foreign else _balanced(y)


def fit(X: np.ndarray, y: list[str], C: float, share: float = 0.0, n_domain: int | None = None):
    """Logistic regression on standardised features; rows after n_domain are foreign, weighted by share."""
    from sklearn.linear_model import LogisticRegression

    n_domain = len(y) if n_domain is None else n_domain
    mean, scale = X[:n_domain].mean(0), X[:n_domain].std(0)
    scale[scale == 0] = 1.0
    clf = LogisticRegression(C=C, max_iter=5000).fit((X - mean) / scale, y, sample_weight=weights_for(y, share, n_domain))
    return clf, mean, scale


def macro_f1(gold, pred) -> float:
    from sklearn.metrics import f1_score

    return float(f1_score(gold, pred, average="macro", zero_division=0))


def accuracy(gold, pred) -> float:
    return float(np.mean([g == p for g, p in zip(gold, pred)])) if gold else 0.0


def cv_score(X: np.ndarray, y: list[str], C: float, foreign: tuple[np.ndarray, list[str]] | None = None,
             share: float = 0.0) -> float:
    """Macro-F1 of 5-fold cross-validation on our training claims (foreign rows always in the fitted part)."""
    from sklearn.model_selection import StratifiedKFold

    pred = np.empty(len(y), dtype=object)
    for tr, te in StratifiedKFold(5, shuffle=True, random_state=0).split(X, y):
        Xf, yf = _with_foreign(X[tr], [y[i] for i in tr], foreign, share)
        clf, m, s = fit(Xf, yf, C, share, len(tr))
        pred[te] = clf.predict((X[te] - m) / s)
    return macro_f1(y, list(pred))


def _with_foreign(X, y, foreign, share):
    if foreign is None or share == 0:
        return X, y
    return np.vstack([X, foreign[0]]), list(y) + list(foreign[1])


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


SHARES = (0.0, 0.25, 0.5, 1.0, 2.0)  # weight of the foreign fit claims, as a share of our training claims


def _matrices(data: dict[str, list[dict]], cols: list[str]) -> tuple[dict, dict]:
    mat = {s: np.array([[r["features"].get(c, 0.0) for c in cols] for r in rows]) for s, rows in data.items()}
    return mat, {s: [r["gold"] for r in rows] for s, rows in data.items()}


def evaluate(data: dict, cols: list[str], C: float | None, share: float, novel: set[str]) -> tuple[dict, tuple]:
    """Fit one variant at one foreign share (C by train CV unless given) and score it on every set."""
    mat, gold = _matrices(data, cols)
    foreign = (mat["fever_fit"], gold["fever_fit"]) if "fever_fit" in mat else None
    C = C or max((0.03, 0.1, 0.3, 1.0, 3.0), key=lambda c: cv_score(mat["train"], gold["train"], c, foreign, share))
    X, y = _with_foreign(mat["train"], gold["train"], foreign, share)
    clf, m, s = fit(X, y, C, share, len(gold["train"]))
    pred = {k: list(clf.predict((v - m) / s)) for k, v in mat.items()}
    nov = [i for i, r in enumerate(data["test"]) if r["id"] in novel]
    scores = {"C": C, "share": share, "train_cv": round(cv_score(mat["train"], gold["train"], C, foreign, share), 3),
              "dev": round(macro_f1(gold["dev"], pred["dev"]), 3), "test": round(macro_f1(gold["test"], pred["test"]), 3),
              "test_novel": round(macro_f1([gold["test"][i] for i in nov], [pred["test"][i] for i in nov]), 3),
              "n_test_novel": len(nov)}
    for k in ("fever_dev", "fm2"):
        if k in mat:
            scores[f"{k}_accuracy"] = round(accuracy(gold[k], pred[k]), 3)
    return scores, (clf, m, s)


HELD_OUT = ("test", "n_test", "fm2")  # reported, never chosen on


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--index", type=Path, default=REPO / ".claimcheck" / "index")
    ap.add_argument("--cache", type=Path, default=REPO / ".claimcheck" / "aggregator")
    ap.add_argument("--foreign", type=Path, nargs="?", const=REPO / ".claimcheck" / "foreign",
                    help="also fit on the FEVER claims of this folder (evals/foreign/build_fever.py) and report the "
                         "Fool Me Twice set (build_fm2.py); default folder .claimcheck/foreign")
    ap.add_argument("--reuse", action="store_true", help="use the cached features")
    ap.add_argument("--write", action="store_true", help="write assistant/verify/aggregator.json")
    ap.add_argument("--variant", help="force a variant instead of choosing on train CV + dev")
    ap.add_argument("--share", type=float, help="force the foreign share instead of choosing it")
    ap.add_argument("--weights", type=Path, help="stance model folder (default: the shipped one)")
    ap.add_argument("--out", type=Path, help="where --write writes (default: assistant/verify/aggregator.json)")
    ap.add_argument("--C", type=float, help="regularisation strength instead of choosing it by train CV")
    ap.add_argument("--limit", type=int, help="only the first N claims of each set (a quick try)")
    ap.add_argument("--report-test", action="store_true",
                    help="print the held-out scores too (test, Fool Me Twice; always stored with --write)")
    args = ap.parse_args(argv)
    if not args.reuse:
        extract(args.index, args.cache, args.weights, args.limit, args.foreign)
    splits = list(SETS) + (list(FOREIGN) if args.foreign else [])
    data = {s: _rows(args.cache / f"{s}.jsonl") for s in splits}
    names = list(data["train"][0]["features"])
    novel = novel_test_ids()
    shares = [args.share] if args.share is not None else (SHARES if args.foreign else (0.0,))
    report, best = {}, None
    for variant, cols in variants(names).items():
        for share in shares:
            scores, model = evaluate(data, cols, args.C, share, novel)
            key = f"{variant}@{share:g}" if args.foreign else variant
            report[key] = scores
            shown = scores if args.report_test else {k: v for k, v in scores.items() if not k.startswith(HELD_OUT)}
            print(key, shown, flush=True)
            # chosen on our train CV and dev, and the FEVER dev claims when fitted with them: never on held-out
            choice = scores["train_cv"] + scores["dev"] + scores.get("fever_dev_accuracy", 0.0)
            if (not args.variant or args.variant == variant) and (best is None or choice > best[0]):
                best = (choice, key, variant, cols, model)
    _, key, variant, cols, (clf, m, s) = best
    print(f"chosen (train CV + dev{' + FEVER dev' if args.foreign else ''}): {key}")
    if args.write:
        from assistant.verify.aggregate import AGGREGATOR_FILE, Aggregator

        agg = Aggregator(tuple(cols), tuple(clf.classes_), m, s, clf.coef_, clf.intercept_, variant)
        out = args.out or AGGREGATOR_FILE
        out.write_text(json.dumps(agg.to_json() | {"chosen": key, "scores": report}, indent=1) + "\n")
        print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
