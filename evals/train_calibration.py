"""Fit the embedded judge's confidence calibration (assistant/verify/calibration.json).

    python evals/train_calibration.py --index .claimcheck/index          # train + dev from evals/, writes the JSON
    python evals/train_calibration.py --index /tmp/ix --dry-run          # print the numbers, write nothing
    python evals/train_calibration.py --index /tmp/ix --check            # score the current JSON on dev, no fit

Everything is recomputed from the current code: each claim goes through ``Service.evidence_for`` (retrieval and
evidence selection on the index), ``extract_facets``, the rule engine's ``assess`` and ``features``, exactly as
``EmbeddedJudge`` does. The target is ``rule verdict == gold verdict``.

Model: logistic regression (scikit-learn, used here only; the app needs numpy alone) on standardised terms:
verdict indicators and per-verdict slopes of a few features. A few candidate term sets and regularisation
strengths are compared by repeated 5-fold cross-validated log loss on the *training* claims; the best is refitted
on all of them. It is scored twice (ECE, Brier, log loss; before = rule confidence, after = calibrated): out of
fold on the training claims (each scored by a model fitted without it), and on the dev set. The dev set is easier
for the engine than the training claims (it was tuned on since session 1), so there the calibrated confidence runs
below the accuracy; the cross-validated training score is the check that the model helps on claims it did not
see. The test set is never read.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from assistant.evaluate.dataset import Sample, load_samples
from assistant.evaluate.runner import reference_date
from assistant.verify.calibration import DEFAULT_PATH, Calibrator, Term
from assistant.verify.features import VERDICTS

ENGINE_FILES = ("engine.py", "stance.py", "entailment.py", "figures.py", "figure_checks.py", "cues.py", "trend.py",
                "event_scope.py", "misreading.py", "features.py", "compare.py", "counted_scope.py", "measures.py",
                "lengths.py", "quantities.py", "dates.py", "entities.py", "facets.py", "stance_context.py",
                "stance_rules.py", "stance_figures.py", "figure_base.py", "wordlists.py")
# The winning stance's strength for each verdict (conflicting: both sides).
WINNER = (("supports_top", "supported"), ("contradicts_top", "contradicted"), ("misleading_top", "misleading"),
          ("supports_top", "conflicting"), ("contradicts_top", "conflicting"))


def _indicators() -> list[Term]:  # not_enough_evidence is the intercept's reference
    return [Term(f"verdict={v}", None, v) for v in VERDICTS if v != "not_enough_evidence"]


def _per_verdict(name: str) -> list[Term]:
    return [Term(f"{name}|{v}", name, v) for v in VERDICTS]


TERM_SETS: dict[str, list[Term]] = {
    "verdict": _indicators(),
    "verdict+rule": _indicators() + _per_verdict("rule_confidence"),
    "verdict+rule+sim": _indicators() + _per_verdict("rule_confidence") + _per_verdict("sim_max"),
    "verdict+rule+sim+winner": (_indicators() + _per_verdict("rule_confidence") + _per_verdict("sim_max")
                                + [Term(f"{k}|{v}", k, v) for k, v in WINNER]),
}
C_GRID = (0.1, 0.3, 1.0, 3.0, 10.0)
CV_REPEATS = 6


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def engine_sha256() -> str:
    """One digest of the verify sources the features depend on (to tell a stale calibration)."""
    h = hashlib.sha256()
    data = sorted(f"data/{p.name}" for p in (REPO / "assistant" / "verify" / "data").glob("*.yaml"))
    for name in (*ENGINE_FILES, *data):
        p = REPO / "assistant" / "verify" / name
        if p.exists():
            h.update(name.encode() + b"\0" + p.read_bytes())
    return h.hexdigest()


def examples(service, path: Path) -> list[tuple[str, dict[str, float], bool, Sample]]:
    """(rule verdict, features, verdict right?, sample) per claim, as the embedded judge computes them."""
    from assistant.verify.engine import assess
    from assistant.verify.features import features

    out = []
    for sample in load_samples(path):
        _, _, evidence, facets = service.prepare(sample.claim, reference_date(sample))
        a = assess(facets, evidence)
        out.append((a.verdict, features(a.profile(facets, evidence)), a.verdict == sample.gold, sample))
    return out


def design(terms: list[Term], data) -> tuple[np.ndarray, np.ndarray]:
    X = np.array([[t.value(v, f) for t in terms] for v, f, _, _ in data], dtype=float)
    y = np.array([ok for _, _, ok, _ in data], dtype=int)
    return X, y


def fit(terms: list[Term], X: np.ndarray, y: np.ndarray, C: float) -> Calibrator:
    from sklearn.linear_model import LogisticRegression

    mean = X.mean(axis=0)
    scale = X.std(axis=0)
    scale[scale < 1e-9] = 1.0
    m = LogisticRegression(C=C, max_iter=5000).fit((X - mean) / scale, y)
    return Calibrator(tuple(terms), mean, scale, m.coef_[0].copy(), float(m.intercept_[0]))


def probs(cal: Calibrator, X: np.ndarray) -> np.ndarray:
    z = cal.intercept + ((X - cal.mean) / cal.scale) @ cal.coef
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


def log_loss(p: np.ndarray, y: np.ndarray) -> float:
    p = np.clip(p, 1e-6, 1 - 1e-6)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def cv_log_loss(terms: list[Term], X: np.ndarray, y: np.ndarray, C: float) -> float:
    from sklearn.model_selection import StratifiedKFold

    losses = []
    for seed in range(CV_REPEATS):
        p = np.zeros(len(y))
        for tr, te in StratifiedKFold(5, shuffle=True, random_state=seed).split(X, y):
            p[te] = probs(fit(terms, X[tr], y[tr], C), X[te])
        losses.append(log_loss(p, y))
    return float(np.mean(losses))


def cv_probs(terms: list[Term], X: np.ndarray, y: np.ndarray, C: float, seed: int = 0) -> np.ndarray:
    """Out-of-fold calibrated confidences: each claim scored by a model fitted on the other four fifths."""
    from sklearn.model_selection import StratifiedKFold

    p = np.zeros(len(y))
    for tr, te in StratifiedKFold(5, shuffle=True, random_state=seed).split(X, y):
        p[te] = probs(fit(terms, X[tr], y[tr], C), X[te])
    return p


def scores(p, y) -> dict:
    from assistant.evaluate.metrics import expected_calibration_error

    p, y = np.asarray(p, dtype=float), np.asarray(y, dtype=int)
    # ECE that a perfectly calibrated model with these confidences would show on this many claims (mean of 200
    # draws of the outcomes): with ~140 claims, sampling noise alone gives a few hundredths.
    rng = np.random.default_rng(0)
    floor = np.mean([expected_calibration_error(list(p), list(rng.random(len(p)) < p)) for _ in range(200)])
    return {"ece": round(expected_calibration_error(list(p), list(y.astype(bool))), 4),
            "brier": round(float(np.mean((p - y) ** 2)), 4), "log_loss": round(log_loss(p, y), 4),
            "ece_noise_floor": round(float(floor), 4), "accuracy": round(float(y.mean()), 4),
            "mean_confidence": round(float(p.mean()), 4)}


def check(args) -> int:
    """Score the stored calibration on dev with the current engine (no fit); 1 if it is stale."""
    from assistant.service import Service
    from assistant.settings import Settings
    from assistant.verify.calibration import load

    stored = load(args.out)
    service = Service(Settings(index_dir=args.index))
    service.warm_up()
    dev = examples(service, args.dev)
    y = np.array([ok for _, _, ok, _ in dev], dtype=int)
    missing = set().union(*(stored.missing(f) for _, f, _, _ in dev)) if dev else set()
    if missing:
        print(f"{args.out} needs features that features() no longer returns: {sorted(missing)}; retrain")
        return 1
    before = scores([f["rule_confidence"] for _, f, _, _ in dev], y)
    after = scores([stored.predict(v, f) for v, f, _, _ in dev], y)
    print(f"dev ({len(dev)} claims, accuracy {before['accuracy']:.3f}), {args.out} as stored:")
    for label, s in (("rule", before), ("calibrated", after)):
        print(f"  {label:12s} ECE {s['ece']:.3f}  Brier {s['brier']:.3f}  log loss {s['log_loss']:.3f}")
    fitted = stored.metadata.get("dev", {}).get("after", {})
    print(f"  when fitted ({stored.metadata.get('trained', '?')}): ECE {fitted.get('ece')}  Brier {fitted.get('brier')}")
    stale = stored.metadata.get("engine_sha256") != engine_sha256()
    print("engine sources changed since it was fitted: retrain" if stale else "engine sources unchanged since fitting")
    return 1 if stale else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--train", type=Path, default=REPO / "evals" / "threat_claims.train.jsonl")
    ap.add_argument("--dev", type=Path, default=REPO / "evals" / "threat_claims.dev.jsonl")
    ap.add_argument("--index", type=Path, default=REPO / ".claimcheck" / "index",
                    help="an up-to-date index of corpus/ (claimcheck ingest corpus --index ...)")
    ap.add_argument("--out", type=Path, default=DEFAULT_PATH)
    ap.add_argument("--dry-run", action="store_true", help="print the scores, write nothing")
    ap.add_argument("--check", action="store_true",
                    help="score the existing --out file on dev without refitting; exit 1 if the engine changed since")
    args = ap.parse_args(argv)
    if args.check:
        return check(args)

    from assistant.service import Service
    from assistant.settings import Settings

    started = time.perf_counter()
    service = Service(Settings(index_dir=args.index))
    service.warm_up()  # embeds every index sentence in large batches: faster than one claim at a time
    train, dev = examples(service, args.train), examples(service, args.dev)
    print(f"features of {len(train)} train + {len(dev)} dev claims in {time.perf_counter() - started:.1f}s "
          f"(index {args.index}, version {service.index.version})")

    ranked = []
    for name, terms in TERM_SETS.items():
        X, y = design(terms, train)
        for C in C_GRID:
            ranked.append((cv_log_loss(terms, X, y, C), name, C))
    ranked.sort()
    _, best_name, best_C = ranked[0]
    print(f"\ncandidates by 5-fold CV log loss on train (x{CV_REPEATS} repeats; ln 2 = 0.693 is a coin flip):")
    for loss, name, C in ranked:
        print(f"  {loss:.4f}  {name:26s} C={C}" + ("   <- chosen" if (name, C) == (best_name, best_C) else ""))

    terms = TERM_SETS[best_name]
    X, y = design(terms, train)
    model = fit(terms, X, y, best_C)
    rule_dev = [f["rule_confidence"] for _, f, _, _ in dev]
    y_dev = np.array([ok for _, _, ok, _ in dev], dtype=int)
    # score through the stored form, so the numbers are those of the JSON the app will load
    stored = Calibrator.from_dict(model.to_dict())
    after = [stored.predict(v, f) for v, f, _, _ in dev]
    before_s, after_s = scores(rule_dev, y_dev), scores(after, y_dev)
    train_s = scores(probs(model, X), y)
    # the test that matters: on claims a model did not see, does it beat the rule formula?
    cv_before = scores([f["rule_confidence"] for _, f, _, _ in train], y)
    cv_after = scores(cv_probs(terms, X, y, best_C), y)

    print(f"\ntrain, 5-fold cross-validated ({len(train)} claims, rule verdict accuracy {cv_before['accuracy']:.3f}):")
    for label, s in (("rule", cv_before), ("calibrated", cv_after)):
        print(f"  {label:12s}{s['ece']:8.3f}{s['brier']:8.3f}{s['log_loss']:9.3f}{s['mean_confidence']:11.3f}")
    print(f"\ndev ({len(dev)} claims, rule verdict accuracy {before_s['accuracy']:.3f}):")
    print(f"  {'':12s}{'ECE':>8s}{'Brier':>8s}{'logloss':>9s}{'mean conf':>11s}")
    for label, s in (("rule", before_s), ("calibrated", after_s)):
        print(f"  {label:12s}{s['ece']:8.3f}{s['brier']:8.3f}{s['log_loss']:9.3f}{s['mean_confidence']:11.3f}")
    print(f"  (ECE from sampling noise alone, were the calibrated confidences exact: ~{after_s['ece_noise_floor']:.3f})")
    print("  per rule verdict: n, accuracy, mean rule confidence -> mean calibrated confidence")
    for v in VERDICTS:
        idx = [i for i, (verdict, _, _, _) in enumerate(dev) if verdict == v]
        if idx:
            print(f"    {v:20s} {len(idx):3d}  {y_dev[idx].mean():.2f}  {np.mean([rule_dev[i] for i in idx]):.2f} -> "
                  f"{np.mean([after[i] for i in idx]):.2f}")
    print("  coefficients (standardised): " + ", ".join(f"{t.name} {c:+.2f}" for t, c in zip(terms, model.coef)))

    model = Calibrator(model.terms, model.mean, model.scale, model.coef, model.intercept, {
        "model": f"logistic regression, terms '{best_name}', C={best_C}",
        "target": "rule verdict == gold verdict",
        "trained": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "train": {"path": str(args.train.resolve().relative_to(REPO)) if args.train.resolve().is_relative_to(REPO)
                  else str(args.train), "sha256": sha256(args.train), "n": len(train),
                  "accuracy": train_s["accuracy"], "calibrated_in_sample": train_s,
                  "cross_validated": {"before": cv_before, "after": cv_after}},
        "dev": {"path": str(args.dev.resolve().relative_to(REPO)) if args.dev.resolve().is_relative_to(REPO)
                else str(args.dev), "sha256": sha256(args.dev), "n": len(dev), "before": before_s, "after": after_s},
        "selection": [{"terms": name, "C": C, "cv_log_loss": round(loss, 4)} for loss, name, C in ranked],
        "features": sorted(train[0][1]) if train else [],
        "engine_sha256": engine_sha256(),
        "index_version": service.index.version,
        "reference_dates": "each row's reference_date, else the day of training",
    })
    if args.dry_run:
        print("\n--dry-run: nothing written")
    else:
        args.out.write_text(json.dumps(model.to_dict(), indent=1) + "\n", "utf-8")
        print(f"\nwrote {args.out}")
    print(f"total {time.perf_counter() - started:.1f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
