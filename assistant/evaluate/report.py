"""Evaluation outputs: results.jsonl, metrics.json, report.md (+ PNGs) and a self-contained report.html."""
from __future__ import annotations

import base64
import html
import json
from pathlib import Path

from assistant.evaluate import plots

RESULTS = "results.jsonl"
METRICS = "metrics.json"
REPORT_MD = "report.md"
REPORT_HTML = "report.html"
PLOTS = {"confusion": "confusion.png", "reliability": "reliability.png", "latency": "latency.png"}


def _fmt(v, digits: int = 3) -> str:
    if v is None:
        return "n/a"
    if isinstance(v, float):
        return f"{v:.{digits}f}"
    return str(v)


def render_plots(metrics: dict, latencies: list[float]) -> dict[str, bytes]:
    m = metrics
    return {
        "confusion": plots.confusion_png(m["confusion"]["labels"], m["confusion"]["matrix"]),
        "reliability": plots.reliability_png(m["calibration"]["bins"], m["calibration"]["ece"]),
        "latency": plots.latency_png(latencies, m["latency_ms"]["p50"], m["latency_ms"]["p95"]),
    }


def summary_rows(m: dict) -> list[tuple[str, str]]:
    """(metric, value) rows for the headline table, shared by Markdown, HTML and the CLI."""
    e, c, a, lat = m["evidence"], m["citations"], m["abstention"], m["latency_ms"]
    return [
        ("claims", _fmt(m["n"])),
        ("accuracy", _fmt(m["accuracy"])),
        ("macro-F1", _fmt(m["macro_f1"])),
        ("evidence recall@1 (cited)", _fmt(e["cited_recall@1"])),
        ("evidence recall@5 (cited)", _fmt(e["cited_recall@5"])),
        ("evidence recall@1 (retrieved)", _fmt(e["retrieved_recall@1"])),
        ("evidence recall@5 (retrieved)", _fmt(e["retrieved_recall@5"])),
        ("citation validity (judge output, per citation)", _fmt(c["citation_rate"])),
        ("citation validity (judge output, per claim)", _fmt(c["claim_rate"])),
        ("citation validity (final output, per citation)", _fmt(m["final_citations"]["citation_rate"])),
        ("abstention precision", _fmt(a["precision"])),
        ("abstention recall", _fmt(a["recall"])),
        ("expected calibration error (10 bins)", _fmt(m["calibration"]["ece"])),
        ("latency p50 (ms)", _fmt(lat["p50"], 1)),
        ("latency p95 (ms)", _fmt(lat["p95"], 1)),
        ("errors", _fmt(m["errors"])),
    ]


def _md_table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def _per_label_rows(m: dict) -> list[list[str]]:
    return [[label, _fmt(s["precision"]), _fmt(s["recall"]), _fmt(s["f1"]), str(s["support"]), str(s["predicted"])]
            for label, s in m["per_label"].items()]


def _confusion_rows(m: dict) -> tuple[list[str], list[list[str]]]:
    labels = m["confusion"]["labels"]
    return ["gold \\ predicted", *labels], [[g, *map(str, row)] for g, row in zip(labels, m["confusion"]["matrix"])]


def _errors_sample(rows: list[dict], n: int = 25) -> list[dict]:
    return [r for r in rows if not r["correct"]][:n]


def write_markdown(out: Path, run: dict, m: dict, rows: list[dict]) -> Path:
    header, conf = _confusion_rows(m)
    parts = [
        f"# Evaluation: {run.get('dataset', '')}",
        "",
        (f"{run.get('when', '')} · judge `{run.get('judge', '')}` · index `{run.get('index_dir', '')}` "
         f"(version {run.get('index_version', '')}, {run.get('index_chunks', '?')} chunks) · "
         f"model `{run.get('model', '')}` · commit `{run.get('commit') or 'unknown'}`"),
        "",
        "## Summary",
        "",
        _md_table(["metric", "value"], [list(r) for r in summary_rows(m)]),
        "",
        "## Per label",
        "",
        _md_table(["label", "precision", "recall", "F1", "support", "predicted"], _per_label_rows(m)),
        "",
        *(["## Accuracy by category", "",
           _md_table(["category", "claims", "accuracy"],
                     [[g, str(v["n"]), _fmt(v["accuracy"])] for g, v in m.get("by_category", {}).items()]), ""]
          if m.get("by_category") else []),
        *(["## Accuracy by what decided (model, figure check, named rule)", "",
           _md_table(["decided by", "claims", "accuracy"],
                     [[g, str(v["n"]), _fmt(v["accuracy"])] for g, v in m.get("by_decider", {}).items()]), ""]
          if m.get("by_decider") else []),
        "## Confusion matrix",
        "",
        _md_table(header, conf),
        "",
        f"![confusion matrix]({PLOTS['confusion']})",
        "",
        "## Calibration",
        "",
        _md_table(["bin", "count", "mean confidence", "accuracy"],
                  [[f"{b['lower']:.1f}-{b['upper']:.1f}", str(b["count"]), _fmt(b["confidence"]), _fmt(b["accuracy"])]
                   for b in m["calibration"]["bins"]]),
        "",
        f"![reliability diagram]({PLOTS['reliability']})",
        "",
        "## Latency",
        "",
        f"![latency histogram]({PLOTS['latency']})",
        "",
        "## Wrong verdicts (first 25)",
        "",
        _md_table(["id", "gold", "predicted", "conf.", "claim"],
                  [[r["id"], r["gold"], str(r["predicted"]), _fmt(r["confidence"], 2),
                    r["claim"].replace("|", "\\|")[:140]] for r in _errors_sample(rows)]),
        "",
    ]
    path = out / REPORT_MD
    path.write_text("\n".join(parts), "utf-8")
    return path


_CSS = """body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}
table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:.25em .6em;text-align:left}
th{background:#f3f3f3}td.num{text-align:right;font-variant-numeric:tabular-nums}.ok{color:#1a7f37}.bad{color:#b42318}
img{max-width:100%;margin:.5em 1em .5em 0;vertical-align:top}.meta{color:#555}"""


def _html_table(header: list[str], rows: list[list[str]], numeric_from: int = 1) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(
        f"<td{' class=num' if i >= numeric_from else ''}>{html.escape(c)}</td>" for i, c in enumerate(r)) + "</tr>"
        for r in rows)
    return f"<table><tr>{head}</tr>{body}</table>"


def write_html(out: Path, run: dict, m: dict, rows: list[dict], images: dict[str, bytes]) -> Path:
    def img(name: str, alt: str) -> str:
        return f'<img alt="{alt}" src="data:image/png;base64,{base64.b64encode(images[name]).decode()}">'

    header, conf = _confusion_rows(m)
    result_rows = [[r["id"], r["gold"], str(r["predicted"]), _fmt(r["confidence"], 2), "yes" if r["correct"] else "no",
                    _fmt(r["latency_ms"], 0), str(r.get("decided_by", "")), ", ".join(r["cited_doc_ids"][:3]), r["claim"]]
                   for r in rows]
    meta = (f"{run.get('when', '')} · judge <code>{html.escape(str(run.get('judge', '')))}</code> · index "
            f"<code>{html.escape(str(run.get('index_dir', '')))}</code> (version {html.escape(str(run.get('index_version', '')))}, "
            f"{run.get('index_chunks', '?')} chunks) · commit <code>{html.escape(str(run.get('commit') or 'unknown'))}</code>")
    by_category = ""
    if m.get("by_category"):
        by_category = "<h2>Accuracy by category</h2>" + _html_table(
            ["category", "claims", "accuracy"], [[g, str(v["n"]), _fmt(v["accuracy"])] for g, v in m["by_category"].items()])
    if m.get("by_decider"):
        by_category += "<h2>Accuracy by what decided</h2>" + _html_table(
            ["decided by", "claims", "accuracy"], [[html.escape(g), str(v["n"]), _fmt(v["accuracy"])]
                                                   for g, v in m["by_decider"].items()])
    body = f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>claimcheck evaluation: {html.escape(str(run.get('dataset', '')))}</title><style>{_CSS}</style></head><body>
<h1>Evaluation: {html.escape(str(run.get('dataset', '')))}</h1><p class="meta">{meta}</p>
<h2>Summary</h2>{_html_table(["metric", "value"], [list(r) for r in summary_rows(m)])}
<h2>Per label</h2>{_html_table(["label", "precision", "recall", "F1", "support", "predicted"], _per_label_rows(m))}
{by_category}<h2>Confusion matrix</h2>{_html_table(header, conf)}
<div>{img("confusion", "confusion matrix")}{img("reliability", "reliability diagram")}{img("latency", "latency histogram")}</div>
<h2>Every claim</h2>{_html_table(["id", "gold", "predicted", "conf.", "correct", "ms", "decided by", "cited docs", "claim"], result_rows, 99)}
</body></html>
"""
    path = out / REPORT_HTML
    path.write_text(body, "utf-8")
    return path


def write_all(out: Path, run: dict, metrics: dict, rows: list[dict]) -> dict[str, Path]:
    """Write every output file into out (created); returns name -> path."""
    out.mkdir(parents=True, exist_ok=True)
    paths = {"results": out / RESULTS, "metrics": out / METRICS}
    with paths["results"].open("w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    paths["metrics"].write_text(json.dumps({"run": run, "metrics": metrics}, indent=2) + "\n", "utf-8")
    images = render_plots(metrics, [r["latency_ms"] for r in rows if r["predicted"] is not None])
    for name, data in images.items():
        (out / PLOTS[name]).write_bytes(data)
        paths[name] = out / PLOTS[name]
    paths["report_md"] = write_markdown(out, run, metrics, rows)
    paths["report_html"] = write_html(out, run, metrics, rows, images)
    return paths
