"""The Batch tab of the web UI: it builds inside the app's Blocks, and its handler (called directly, on the
real corpus index) checks uploaded CSV/JSONL files, reports bad rows, refuses over-limit files in one line
and writes spreadsheet-safe CSV."""
from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path

import gradio as gr
import pytest

from assistant.batch.rows import OUTPUT_FIELDS
from assistant.batch.ui_tab import (PREVIEW_HEADERS, BatchTabResult, bad_rows_html, build_tab, run_batch_file,
                                    summary_html)
from assistant.errors import IndexMissingError
from assistant.types import VERDICTS
from tests.batch.claimreview_shape import claimreview_problems
from tests.batch.conftest import read_jsonl, write_jsonl


def _never() -> None:
    raise AssertionError("the service must not be loaded for this file")


def _small(settings, rows: int):
    return settings.model_copy(update={"limits": settings.limits.model_copy(update={"batch_max_rows": rows})})


def _csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows(rows)
    return path


def _read_csv(path: str) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def verdict_counts(rows: list[dict]) -> dict:
    return dict(Counter(r["verdict"] for r in rows))


def _one_line(text: str) -> bool:
    return bool(text) and "\n" not in text and "Traceback" not in text


# --- the tab ----------------------------------------------------------------------------------------------------

def test_tab_builds_inside_blocks(service_fn):
    with gr.Blocks() as blocks:
        with gr.Tabs():
            build_tab(service_fn)
    tabs = [b for b in blocks.blocks.values() if isinstance(b, gr.Tab)]
    assert [(t.label, t.id) for t in tabs] == [("Batch", "batch")]
    files = [b for b in blocks.blocks.values() if isinstance(b, gr.File)]
    assert len(files) == 1 and sorted(files[0].file_types) == [".csv", ".jsonl"]
    assert any(isinstance(b, gr.DownloadButton) for b in blocks.blocks.values())
    assert any(isinstance(b, gr.Dataframe) for b in blocks.blocks.values())


def test_the_app_includes_the_tab(service_fn):
    from assistant.ui.app import build_blocks
    from assistant.ui.tabs import tab_builders

    assert build_tab in tab_builders()
    blocks = build_blocks(service_fn)
    assert "batch" in [b.id for b in blocks.blocks.values() if isinstance(b, gr.Tab)]


def test_run_button_through_gradio(tmp_path, service_fn, dev_claims):
    """The Run event as Gradio processes it: the summary, the table, the bad rows and a live download."""
    import asyncio

    from gradio.state_holder import SessionState

    src = _csv(tmp_path / "q.csv", ["id", "claim"], [[dev_claims[0]["id"], dev_claims[0]["claim"]], ["b", ""]])
    with gr.Blocks() as blocks:
        with gr.Tabs():
            build_tab(service_fn)
    fn = next(f for f in blocks.fns.values() if getattr(f.fn, "__name__", "") == "handler")
    upload = {"path": str(src), "orig_name": "q.csv", "meta": {"_type": "gradio.FileData"}}
    out = asyncio.run(blocks.process_api(block_fn=fn, inputs=[upload, "csv"], state=SessionState(blocks)))
    summary, table, bad, download = out["data"]
    assert "1 checked, 1 error: " in summary
    assert table["headers"] == PREVIEW_HEADERS and [r[0] for r in table["data"]] == [dev_claims[0]["id"]]
    assert "line 3" in bad and "&#x27;b&#x27;" in bad
    assert download["interactive"] is True and download["value"]["path"].endswith("q.results.csv")
    assert Path(download["value"]["path"]).is_file()


# --- the handler ------------------------------------------------------------------------------------------------

def test_csv_with_a_bad_row_and_an_extra_column(tmp_path, service_fn, dev_claims):
    good = dev_claims[:3]
    src = _csv(tmp_path / "moderation queue.csv", ["id", "claim", "source"],
               [[good[0]["id"], good[0]["claim"], "tweet-1"],
                ["bad-1", "   ", "tweet-2"],  # empty claim
                [good[1]["id"], good[1]["claim"], "tweet-3"],
                [good[2]["id"], good[2]["claim"], "tweet-4"]])
    calls = []
    result = run_batch_file(str(src), "csv", service_fn, progress=lambda done, total: calls.append((done, total)))
    assert not result.error, result.error
    assert (result.checked, result.errors) == (3, 1)
    assert sum(result.verdicts.values()) == 3
    assert result.summary.startswith("3 checked, 1 error: ")
    for v, n in result.verdicts.items():
        assert v in VERDICTS and f"{v} {n}" in result.summary

    # the bad row, with its line and the fix
    assert len(result.bad_rows) == 1
    assert result.bad_rows[0].startswith("line 3: ") and "bad-1" in result.bad_rows[0]
    assert "empty" in result.bad_rows[0] and " -> " in result.bad_rows[0]

    # the results file: one row per good claim, the extra column carried, valid verdicts
    out = Path(result.out_path)
    assert out.name == "moderation_queue.results.csv" and out.parent != src.parent
    rows = _read_csv(result.out_path)
    assert [r["id"] for r in rows] == [c["id"] for c in good]
    assert list(rows[0])[:len(OUTPUT_FIELDS)] == list(OUTPUT_FIELDS)
    assert [r["source"] for r in rows] == ["tweet-1", "tweet-3", "tweet-4"]
    for r in rows:
        assert r["verdict"] in VERDICTS and 0 <= float(r["confidence"]) <= 1
    assert verdict_counts(rows) == dict(result.verdicts)

    # the preview: id, claim, verdict, confidence, first cited document
    assert len(PREVIEW_HEADERS) == 5
    assert [p[0] for p in result.preview] == [c["id"] for c in good]
    for p, r in zip(result.preview, rows):
        assert p[2] == r["verdict"] and p[3] == pytest.approx(float(r["confidence"]), abs=0.01)
        cites = json.loads(r["citations"])
        assert p[4] == (cites[0]["doc_id"] if cites else "")
    assert any(p[4] for p in result.preview)

    # per-row progress
    assert calls[0] == (0, 3) and calls[-1] == (3, 3) and len(calls) == 4


def test_jsonl_input(tmp_path, service_fn, dev_claims):
    rows = [{"id": r["id"], "claim": r["claim"], "verdict": r["verdict"], "tags": ["a", "b"]} for r in dev_claims[:2]]
    src = write_jsonl(tmp_path / "claims.jsonl", rows + ['{"id": "broken"', {"claim": "no id here at all"}])
    result = run_batch_file(src, "jsonl", service_fn)
    assert not result.error, result.error
    assert (result.checked, result.errors) == (2, 2)
    assert [b.split()[:2] for b in result.bad_rows] == [["line", "3"], ["line", "4:"]]
    assert "not valid JSON" in result.bad_rows[0] and "has no id" in result.bad_rows[1]
    out = read_jsonl(Path(result.out_path))
    assert Path(result.out_path).name == "claims.results.jsonl"
    assert [r["id"] for r in out] == [r["id"] for r in rows]
    for row, src_row in zip(out, rows):
        assert row["verdict"] in VERDICTS and row["input_verdict"] == src_row["verdict"]
        assert row["tags"] == ["a", "b"]


def test_claimreview_output(tmp_path, service_fn, dev_claims):
    src = write_jsonl(tmp_path / "c.jsonl", [{"id": r["id"], "claim": r["claim"]} for r in dev_claims[:2]])
    result = run_batch_file(src, "claimreview", service_fn)
    assert result.checked == 2 and not result.error
    out = read_jsonl(Path(result.out_path))
    assert [o["identifier"] for o in out] == [r["id"] for r in dev_claims[:2]]
    assert all(not claimreview_problems(o) for o in out)
    assert [p[2] for p in result.preview] == [o["reviewRating"]["alternateName"] for o in out]


def test_over_the_row_limit_is_one_line(tmp_path, service_fn, corpus_settings, dev_claims):
    src = _csv(tmp_path / "big.csv", ["id", "claim"], [[r["id"], r["claim"]] for r in dev_claims[:3]])
    result = run_batch_file(str(src), "csv", _never, settings=_small(corpus_settings, 2))
    assert result.error == "big.csv has 3 rows, over the 2 row limit -> split the file into parts of at most 2 rows"
    assert result.checked == 0 and result.out_path is None and result.summary == ""
    # the limit read from the Service's own settings
    result = run_batch_file(str(src), "csv", lambda: type("S", (), {"settings": _small(corpus_settings, 2)})())
    assert result.error.startswith("big.csv has 3 rows, over the 2 row limit")
    html = summary_html(result)
    assert _one_line(html) and "big.csv has 3 rows" in html


def test_csv_formula_cells_are_escaped(tmp_path, service_fn):
    src = _csv(tmp_path / "evil.csv", ["id", "claim", "note", "safe"],
               [["=1+1", "=HYPERLINK(\"http://x\") says 30,000 foreign fighters joined ISIS", "=cmd|' /C calc'!A0",
                 "plain 'text' = fine"]])
    result = run_batch_file(str(src), "csv", service_fn)
    assert result.checked == 1, result.bad_rows
    row = _read_csv(result.out_path)[0]
    assert row["id"] == "'=1+1" and row["claim"].startswith("'=HYPERLINK") and row["note"] == "'=cmd|' /C calc'!A0"
    assert row["safe"] == "plain 'text' = fine"
    assert result.preview[0][0] == "=1+1"  # the table shows the real id; only the CSV file is escaped


def test_errors_are_one_line_and_never_raise(tmp_path, service_fn, corpus_settings):
    def broken():
        raise IndexMissingError("no index at /x", "build it")

    ok = _csv(tmp_path / "ok.csv", ["id", "claim"], [["a", "ISIS claimed the Nice truck attack"]])
    cases = {
        "no file": (None, "csv", service_fn),
        "wrong type": (str(_csv(tmp_path / "x.txt", ["id", "claim"], [["a", "b c"]])), "csv", service_fn),
        "bad format": (str(ok), "xml", service_fn),
        "no header": (str(_csv(tmp_path / "nohead.csv", ["a", "b"], [["1", "two words"]])), "csv", service_fn),
        "empty": (str(_csv(tmp_path / "empty.csv", ["id", "claim"], [])), "csv", service_fn),
        "not utf-8": (str(tmp_path / "latin.csv"), "csv", service_fn),
        "index missing": (str(ok), "csv", broken),
    }
    (tmp_path / "latin.csv").write_bytes("id,claim\na,caf\xe9 attack\n".encode("latin-1"))
    for label, (path, fmt, getter) in cases.items():
        result = run_batch_file(path, fmt, getter)
        assert _one_line(result.error) and " -> " in result.error, (label, result.error)
        assert result.out_path is None and result.checked == 0, label
        assert str(tmp_path) not in result.error, (label, result.error)  # the upload's file name, not its path
    assert run_batch_file(str(ok), "csv", broken).error == "no index at /x -> build it"

    class Exploding:
        settings = corpus_settings

        def check(self, claim, reference_date=None):
            raise RuntimeError("boom\nwith a second line")

    result = run_batch_file(str(ok), "csv", lambda: Exploding())
    assert result.errors == 1 and result.checked == 0 and result.out_path is None
    assert _one_line(result.bad_rows[0]) and "RuntimeError" in result.bad_rows[0] and "boom" not in result.bad_rows[0]


def test_all_rows_bad_needs_no_service(tmp_path, corpus_settings):
    src = write_jsonl(tmp_path / "bad.jsonl", [{"id": "a"}, {"id": "b", "claim": ""}])
    result = run_batch_file(src, "jsonl", _never, settings=corpus_settings)
    assert not result.error and (result.checked, result.errors) == (0, 2)
    assert result.summary == "0 checked, 2 errors: no verdicts" and result.out_path is None


def test_rendered_html_is_escaped():
    result = BatchTabResult(error="<script>alert(1)</script> -> fix")
    assert "<script>" not in summary_html(result) and "&lt;script&gt;" in summary_html(result)
    result = BatchTabResult(checked=1, errors=1, bad_rows=["line 2: row '<img src=x onerror=alert(1)>' has no claim"])
    html = bad_rows_html(result)
    assert "<img" not in html and "&lt;img" in html
    assert bad_rows_html(BatchTabResult()) == ""
