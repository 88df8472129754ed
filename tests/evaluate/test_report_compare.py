"""Report files from result rows (no model needed) and the --compare table."""
from __future__ import annotations

import base64
import json
import re

import pytest

from assistant.errors import InputError
from assistant.evaluate.compare import compare, flatten, format_table, load_metrics
from assistant.evaluate.metrics import compute_all
from assistant.evaluate.report import write_all


def _rows(predicted: list[str | None], latency: float = 100.0) -> list[dict]:
    gold = ["supported", "contradicted", "not_enough_evidence", "misleading"]
    rows = []
    for i, (g, p) in enumerate(zip(gold, predicted)):
        rows.append({"id": f"c{i}", "claim": f"claim <{i}> | with markup", "gold": g, "raw_label": g, "predicted": p,
                     "confidence": 0.5 + i / 10, "correct": g == p, "latency_ms": latency * (i + 1),
                     "gold_doc_ids": [] if g == "not_enough_evidence" else [f"d{i}"], "cited_doc_ids": [f"d{i}"],
                     "cited_chunk_ids": [f"k{i}"], "retrieved_doc_ids": [f"d{i}", "zz"], "retrieved_chunk_ids": [],
                     "citation_valid": [True], "final_citation_valid": [True], "error": None if p else "boom"})
    return rows


RUN = {"dataset": "x.jsonl", "when": "2026-01-01T00:00:00+00:00", "judge": "embedded", "index_dir": "idx",
       "index_version": "abc", "index_chunks": 4, "commit": "deadbeef"}


def _write(tmp_path, name, predicted, latency=100.0):
    rows = _rows(predicted, latency)
    m = compute_all(rows)
    write_all(tmp_path / name, RUN, m, rows)
    return tmp_path / name, m


def test_report_files_are_written_and_self_contained(tmp_path):
    out, m = _write(tmp_path, "run", ["supported", "supported", "not_enough_evidence", None])
    for name in ("results.jsonl", "metrics.json", "report.md", "report.html", "confusion.png", "reliability.png",
                 "latency.png"):
        assert (out / name).stat().st_size > 0, name
    rows = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]
    assert [r["id"] for r in rows] == ["c0", "c1", "c2", "c3"]
    for key in ("id", "claim", "gold", "predicted", "confidence", "correct", "latency_ms", "cited_doc_ids",
                "retrieved_doc_ids", "citation_valid"):
        assert key in rows[0]
    saved = json.loads((out / "metrics.json").read_text())
    assert saved["run"]["commit"] == "deadbeef"
    assert saved["metrics"]["accuracy"] == pytest.approx(0.5) == m["accuracy"]
    assert compute_all(rows) == saved["metrics"]  # metrics.json is reproducible from results.jsonl

    page = (out / "report.html").read_text()
    images = re.findall(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)"', page)
    assert len(images) == 3
    assert all(base64.b64decode(i).startswith(b"\x89PNG") for i in images)
    assert not re.search(r'(src|href)="(https?:|//|[^"d#])', page)  # nothing loaded from elsewhere
    assert "claim &lt;1&gt;" in page and "<1>" not in page  # claims are escaped
    md = (out / "report.md").read_text()
    assert "| accuracy | 0.500 |" in md and "![confusion matrix](confusion.png)" in md
    assert "claim <3> \\| with markup" in md  # pipes escaped inside the table


def test_compare_reports_differences_with_direction(tmp_path):
    a_dir, _ = _write(tmp_path, "a", ["supported", "supported", "not_enough_evidence", None], latency=100.0)
    b_dir, _ = _write(tmp_path, "b", ["supported", "contradicted", "not_enough_evidence", "misleading"], latency=50.0)
    a, b = load_metrics(a_dir / "metrics.json"), load_metrics(b_dir)  # a run folder works too
    rows = {r["metric"]: r for r in compare(a, b)}
    assert rows["accuracy"]["a"] == 0.5 and rows["accuracy"]["b"] == 1.0
    assert rows["accuracy"]["delta"] == pytest.approx(0.5) and rows["accuracy"]["better"] == "B"
    assert rows["latency_ms.p50"]["delta"] < 0 and rows["latency_ms.p50"]["better"] == "B"  # lower is better
    assert rows["errors"]["delta"] == -1 and rows["errors"]["better"] == "B"
    assert rows["n"]["delta"] == 0 and rows["n"]["better"] is None
    assert rows["per_label.contradicted.predicted"]["delta"] == 1  # a count: no better side
    assert rows["per_label.contradicted.predicted"]["better"] is None
    assert "confusion.labels" not in rows and not any(k.startswith("calibration.bins") for k in rows)
    table = format_table(a, b)
    line = next(x for x in table.splitlines() if x.startswith("accuracy "))
    assert line.split() == ["accuracy", "0.500", "1.000", "+0.500", "B"]
    assert "different claims" not in table
    changed = format_table(a, b, changed_only=True)
    assert "accuracy" in changed and not any(x.startswith("n ") for x in changed.splitlines())


def test_compare_warns_when_the_runs_use_different_claims():
    a = {"run": {"dataset": "x.jsonl"}, "metrics": {"n": 4, "accuracy": 0.5}}
    b = {"run": {"dataset": "y.jsonl"}, "metrics": {"n": 9, "accuracy": 0.7, "macro_f1": 0.1}}
    assert flatten(b["metrics"]) == {"n": 9, "accuracy": 0.7, "macro_f1": 0.1}
    table = format_table(a, b)
    assert "different claims" in table
    assert next(x for x in table.splitlines() if x.startswith("macro_f1")).split() == ["macro_f1", "-", "0.100", "-"]


def test_load_metrics_rejects_other_files(tmp_path):
    f = tmp_path / "m.json"
    f.write_text('{"accuracy": 1}')
    with pytest.raises(InputError, match="not an eval metrics file"):
        load_metrics(f)
    with pytest.raises(InputError, match="cannot read"):
        load_metrics(tmp_path / "missing.json")


def test_cli_compare_prints_the_table(tmp_path, run_cli):
    a_dir, _ = _write(tmp_path, "a", ["supported", "supported", "not_enough_evidence", None])
    b_dir, _ = _write(tmp_path, "b", ["supported", "contradicted", "not_enough_evidence", "misleading"])
    proc = run_cli("eval", "--compare", a_dir / "metrics.json", b_dir / "metrics.json", timeout=120)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].split()[:4] == ["metric", "A", "B", "delta"]
    assert next(x for x in lines if x.startswith("accuracy ")).split() == ["accuracy", "0.500", "1.000", "+0.500", "B"]
    proc = run_cli("eval", "--compare", a_dir / "metrics.json", tmp_path / "nope.json", timeout=120)
    assert proc.returncode == 2 and "cannot read" in proc.stderr
    proc = run_cli("eval", timeout=120)
    assert proc.returncode == 2 and "no claims file given" in proc.stderr
