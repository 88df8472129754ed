"""Does each sentence rule earn its place? A leave-one-rule-out ablation of the reader, end to end.

For every rule of `assistant.verify.stance_rules.RULES` the rule is removed, the findings and features of all
train, dev and test claims are recomputed (retrieval and the stance model's readings are cached: only the rules
and what depends on them run again), the aggregator is refitted on train (same variant and C as the shipped
one) and the verdicts are chosen as the service chooses them. The table gives macro-F1 on dev, test and the test
claims that restate no train or dev claim, and the change against all rules kept. Test is held out: a rule whose
removal does not lower test is a candidate to go.

    python evals/ablate_rules.py --index .claimcheck/index --out evals/out/ablate-rules.json [--rules a,b]
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "evals"))

from train_aggregator import SETS, _rows, fit, macro_f1, novel_test_ids  # noqa: E402


class MemoModel:
    """The stance model with its readings remembered by (sentence, claim): ablations re-read nothing."""

    def __init__(self, model) -> None:
        self.model, self.memo = model, {}

    def read(self, pairs):
        todo = [p for p in dict.fromkeys(pairs) if p not in self.memo]
        if todo:
            self.memo.update(zip(todo, self.model.read(todo)))
        return [self.memo[p] for p in pairs]


def prepared(service) -> dict[str, list]:
    """Per split: (row, claim, facets, evidence) with retrieval done once."""
    out = {}
    for split, name in SETS.items():
        items = []
        for row in _rows(REPO / "evals" / name):
            ref = dt.date.fromisoformat(row["reference_date"]) if row.get("reference_date") else None
            claim, _, evidence, facets = service.prepare(row["claim"], ref)
            items.append((row, claim, facets, evidence))
        out[split] = items
    return out


def score(reader, data: dict[str, list], cols: list[str], C: float, novel: set[str]) -> dict[str, float]:
    """Findings and features under the current RULES, the aggregator refitted on train, verdicts as served."""
    from assistant.verify.aggregate import Aggregator, features
    from assistant.verify.reader_judge import choose

    feats, finds = {}, {}
    for split, items in data.items():
        feats[split], finds[split] = [], []
        for _, claim, facets, evidence in items:
            a, findings = reader.findings(claim, facets, evidence)
            feats[split].append(features(facets, findings, a.verdict))
            finds[split].append(findings)
    gold = {s: [row["verdict"] for row, *_ in items] for s, items in data.items()}
    X = np.array([[f.get(c, 0.0) for c in cols] for f in feats["train"]])
    clf, m, s = fit(X, gold["train"], C)
    agg = Aggregator(tuple(cols), tuple(clf.classes_), m, s, clf.coef_, clf.intercept_, "ablation")
    pred = {sp: [choose(agg.proba(f), fi)[0] for f, fi in zip(feats[sp], finds[sp])] for sp in ("dev", "test")}
    nov = [i for i, (row, *_) in enumerate(data["test"]) if row["id"] in novel]
    return {"dev": macro_f1(gold["dev"], pred["dev"]), "test": macro_f1(gold["test"], pred["test"]),
            "test_novel": macro_f1([gold["test"][i] for i in nov], [pred["test"][i] for i in nov])}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--index", type=Path, default=REPO / ".claimcheck" / "index")
    ap.add_argument("--out", type=Path, default=REPO / "evals" / "out" / "ablate-rules.json")
    ap.add_argument("--rules", help="comma-separated rule names to ablate (default: every rule)")
    ap.add_argument("--drop", default="", help="comma-separated rules removed in every run, the baseline included"
                    " (to check a set of removals together); --rules none scores only that baseline")
    ap.add_argument("--together", default="", help="comma-separated rules: after the baseline, one run without all"
                    " of them at once")
    args = ap.parse_args(argv)

    from assistant.service import Service
    from assistant.settings import ReaderSettings, Settings
    from assistant.verify import stance
    from assistant.verify.aggregate import AGGREGATOR_FILE
    from assistant.verify.reader_judge import ReaderJudge

    shipped = json.loads(AGGREGATOR_FILE.read_text())
    cols, C = list(shipped["names"]), shipped["scores"][shipped["variant"]]["C"]
    service = Service(Settings(index_dir=args.index, judge="embedded"))
    reader = ReaderJudge(settings=ReaderSettings(rules_left_out=[]))  # every rule in; --drop/--together take out
    reader.model = MemoModel(reader.model)
    data, novel = prepared(service), novel_test_ids()
    dropped = set(filter(None, args.drop.split(",")))
    unknown = dropped - {r.__name__ for r in stance.RULES}
    if unknown:
        ap.error(f"unknown rules in --drop: {sorted(unknown)}")
    all_rules = stance.RULES = tuple(r for r in stance.RULES if r.__name__ not in dropped)
    names = [] if args.rules == "none" else args.rules.split(",") if args.rules else [r.__name__ for r in all_rules]
    t0 = time.time()
    base = score(reader, data, cols, C, novel)
    label = f"all rules but {sorted(dropped)}" if dropped else "all rules"
    print(f"{label}: {base} ({time.time() - t0:.0f} s)", flush=True)
    table = {label: base}
    def without(label: str, left_out: set[str]) -> None:
        stance.RULES = tuple(r for r in all_rules if r.__name__ not in left_out)
        try:
            got = score(reader, data, cols, C, novel)
        finally:
            stance.RULES = all_rules
        table[label] = got
        delta = {k: round(got[k] - base[k], 3) for k in got}
        print(f"{label}: {({k: round(v, 3) for k, v in got.items()})} change {delta}", flush=True)

    for name in names:
        without(f"without {name}", {name})
    together = [n for n in args.together.split(",") if n]
    if together:
        without(f"without all of {together}", set(together))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(table, indent=1) + "\n")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
