"""Evaluation as dataset + solver + scorers (after inspect_ai's design).

- dataset.py: claims JSONL with gold labels and gold evidence (the dev set, FEVER-style files, a label map);
- solver.py: ``check_traced``, ``Service.check`` keeping the retrieved chunks and the judge's raw citations;
- metrics.py: the scorers, pure functions (accuracy, macro-F1, per-label P/R/F1, confusion, evidence recall@k,
  citation validity, abstention, calibration, latency);
- report.py / plots.py: results.jsonl, metrics.json, report.md, report.html;
- compare.py: the difference between two runs' metrics;
- runner.py: ``run_eval``, what ``claimcheck eval`` calls.
"""
