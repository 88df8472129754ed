"""Compare two runs: the difference of every headline metric between two metrics.json files."""
from __future__ import annotations

import json
from pathlib import Path

from assistant.errors import InputError

# Lower is better for these (the sign of a change is read the other way round).
LOWER_IS_BETTER = ("calibration.ece", "latency_ms.", "errors")
# Counts with no better direction (how many claims, how many predictions of a label).
NEUTRAL = (".n", ".support", ".predicted", ".claims_with_gold_docs", ".claims_with_citations")
_SKIP = ("confusion", "calibration.bins", "citations.citations", "citations.valid_citations",
         "final_citations.citations", "final_citations.valid_citations", "final_citations.claims_with_citations",
         "latency_ms.n")


def load_metrics(path: Path | str) -> dict:
    path = Path(path)
    if path.is_dir():
        path = path / "metrics.json"
    try:
        data = json.loads(path.read_text("utf-8"))
    except OSError as exc:
        raise InputError(f"cannot read {path} ({exc.strerror})", "give the metrics.json of an eval run") from exc
    except ValueError as exc:
        raise InputError(f"{path} is not valid JSON ({exc})", "give the metrics.json of an eval run") from exc
    if not isinstance(data, dict) or "metrics" not in data:
        raise InputError(f"{path} is not an eval metrics file (no 'metrics')", "give the metrics.json of an eval run")
    return data


def flatten(metrics: dict, prefix: str = "") -> dict[str, float]:
    """Dotted names -> numbers, in a stable order; nested lists and bookkeeping counts left out."""
    out: dict[str, float] = {}
    for key, value in metrics.items():
        name = f"{prefix}{key}"
        if any(name == s or name.startswith(s + ".") for s in _SKIP):
            continue
        if isinstance(value, dict):
            out.update(flatten(value, name + "."))
        elif isinstance(value, (int, float)) and not isinstance(value, bool) or value is None:
            out[name] = value
    return out


def compare(a: dict, b: dict) -> list[dict]:
    """Rows {metric, a, b, delta, better} for every metric in either run (None where a run lacks it)."""
    fa, fb = flatten(a["metrics"]), flatten(b["metrics"])
    names = list(fa) + [k for k in fb if k not in fa]
    rows = []
    for name in names:
        va, vb = fa.get(name), fb.get(name)
        delta = vb - va if isinstance(va, (int, float)) and isinstance(vb, (int, float)) else None
        better = None
        if delta and name != "n" and not name.endswith(NEUTRAL):
            lower = name.startswith(LOWER_IS_BETTER) or name == "errors"
            better = "B" if (delta < 0) == lower else "A"
        rows.append({"metric": name, "a": va, "b": vb, "delta": delta, "better": better})
    return rows


def _cell(v) -> str:
    if v is None:
        return "-"
    if isinstance(v, float):
        return f"{v:.3f}" if abs(v) < 100 else f"{v:.1f}"
    return str(v)


def format_table(a: dict, b: dict, a_name: str = "A", b_name: str = "B", changed_only: bool = False) -> str:
    rows = compare(a, b)
    if changed_only:
        rows = [r for r in rows if r["delta"] not in (0, None) or (r["a"] is None) != (r["b"] is None)]
    table = [["metric", a_name, b_name, "delta (B-A)", "better"]]
    for r in rows:
        delta = "-" if r["delta"] is None else ("+" if r["delta"] > 0 else "") + _cell(r["delta"])
        table.append([r["metric"], _cell(r["a"]), _cell(r["b"]), delta, r["better"] or ""])
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
    lines = []
    for n, row in enumerate(table):
        lines.append("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths))).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    notes = []
    ra, rb = a.get("run", {}), b.get("run", {})
    if ra.get("dataset") != rb.get("dataset") or a["metrics"].get("n") != b["metrics"].get("n"):
        notes.append(f"note: the runs use different claims ({ra.get('dataset')}, n={a['metrics'].get('n')} vs "
                     f"{rb.get('dataset')}, n={b['metrics'].get('n')}); differences mix data and system changes")
    return "\n".join(lines + notes)
