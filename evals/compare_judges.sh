#!/usr/bin/env bash
# Side by side in one run: the reader and the older rule engine on the same index and machine, on the dev,
# test and train claims and on the foreign-domain set (held-out Fool Me Twice). Writes evals/out/<judge>-<set>/.
#   bash evals/compare_judges.sh [index]      (the index defaults to .claimcheck/index)
set -euo pipefail
cd "$(dirname "$0")/.."
INDEX=${1:-.claimcheck/index}
CC=.venv/bin/claimcheck
PY=.venv/bin/python
uptime
$PY evals/foreign/build_fm2.py
for judge in reader embedded; do
  for set in dev test train; do
    $CC eval evals/threat_claims.$set.jsonl --index "$INDEX" --judge $judge --out evals/out/$judge-$set
  done
  $CC eval .claimcheck/foreign/fm2/claims.jsonl --corpus .claimcheck/foreign/fm2/corpus.jsonl \
    --label-map .claimcheck/foreign/fm2/label_map.json --judge $judge --out evals/out/$judge-fm2
done
for judge in reader embedded; do
  echo "== $judge: test claims that restate no train or dev claim"
  $PY evals/overlap.py evals/threat_claims.test.jsonl --against evals/threat_claims.train.jsonl \
    evals/threat_claims.dev.jsonl --results evals/out/$judge-test/results.jsonl | tail -2
done
$PY - <<'PY'
import json
for s in ("dev", "test", "train", "fm2"):
    row = []
    for j in ("reader", "embedded"):
        m = json.load(open(f"evals/out/{j}-{s}/metrics.json"))["metrics"]
        row.append(f"{j}: macro-F1 {m['macro_f1']:.3f} accuracy {m['accuracy']:.3f} p50 {m['latency_ms']['p50']:.0f} ms")
    print(f"{s:6} | " + " | ".join(row))
PY
uptime
