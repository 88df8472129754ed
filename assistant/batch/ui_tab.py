"""The "Batch" tab of the web UI: upload a CSV or JSONL file of claims, check every row, preview the results
and download them as JSONL, CSV or ClaimReview.

``build_tab(service_getter)`` is called by assistant.ui.tabs inside the app's ``gr.Tabs()``;
``service_getter()`` returns the shared Service. ``run_batch_file`` does the work and never raises: a problem
with the whole file comes back as one line in ``BatchTabResult.error``, a problem with one row as one line in
``BatchTabResult.bad_rows`` (that row is skipped, the others are checked).

The rows are read, validated, checked and written by the batch engine (assistant.batch.io / rows / runner), so
the file is the same as ``claimcheck batch`` writes: carried columns, CSV formula escaping, ClaimReview shape.
"""
from __future__ import annotations

import logging
import re
import shutil
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import gradio as gr

from assistant.batch.io import FORMATS, ResultWriter, default_out, output_columns, read_records
from assistant.batch.rows import claimreview_row, result_row
from assistant.batch.runner import check_items, validate_items, warm_sentence_cache
from assistant.errors import ClaimcheckError, InputError
from assistant.types import VERDICTS
from assistant.ui.render_html import error_html, esc

__all__ = ["BatchTabResult", "build_tab", "run_batch_file"]

log = logging.getLogger(__name__)

INPUT_SUFFIXES = (".csv", ".jsonl")
PREVIEW_HEADERS = ["id", "claim", "verdict", "confidence", "first citation"]
PREVIEW_MAX_ROWS = 500  # rows shown in the table; the download has them all
BAD_ROWS_SHOWN = 200
WARM_FROM_ROWS = 50  # as `claimcheck batch`: below this, embedding every index sentence costs more than it saves
FORMAT_CHOICES = [("CSV (spreadsheets)", "csv"), ("JSONL (one JSON object a line)", "jsonl"),
                  ("ClaimReview (schema.org JSON-LD, one a line)", "claimreview")]
_DOWNLOAD_MAX_AGE_S = 3600
_download_dir: Path | None = None

ProgressFn = Callable[[int, int], None]


@dataclass
class BatchTabResult:
    """What one run shows: an error line, or the counts, a preview, the bad rows and the results file."""

    error: str = ""  # one line; set when the file as a whole could not be checked
    checked: int = 0
    errors: int = 0  # bad rows (unreadable, invalid, duplicate id, or failed check); each is in bad_rows
    verdicts: Counter = field(default_factory=Counter)
    preview: list[list] = field(default_factory=list)  # [id, claim, verdict, confidence, first cited doc id]
    bad_rows: list[str] = field(default_factory=list)  # one line each: where, what is wrong, how to fix it
    out_path: str | None = None  # the results file (None when nothing was checked)
    seconds: float = 0.0

    @property
    def summary(self) -> str:
        """'N checked, E errors: supported 3, contradicted 1' ('' when the run failed as a whole)."""
        if self.error:
            return ""
        counts = ", ".join(f"{v} {self.verdicts[v]}" for v in VERDICTS if self.verdicts[v]) or "no verdicts"
        return f"{self.checked} checked, {self.errors} error{'' if self.errors == 1 else 's'}: {counts}"


# --- the work ---------------------------------------------------------------------------------------------------

def _downloads() -> Path:
    global _download_dir
    if _download_dir is None or not _download_dir.is_dir():
        _download_dir = Path(tempfile.mkdtemp(prefix="claimcheck-batch-"))
    return _download_dir


def _run_dir() -> Path:
    """A fresh folder for one run's results (folders older than an hour are removed)."""
    folder = _downloads()
    now = time.time()
    for old in folder.glob("run-*"):
        try:
            if now - old.stat().st_mtime > _DOWNLOAD_MAX_AGE_S:
                shutil.rmtree(old, ignore_errors=True)
        except OSError:
            pass
    return Path(tempfile.mkdtemp(prefix="run-", dir=folder))


def _safe_stem(name: str) -> str:
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", Path(name).stem).strip("._")[:60]
    return stem or "claims"


def _one_line(text: str) -> str:
    return " ".join(str(text).split()) or "error"


def _upload_path(file: object) -> str:
    """The uploaded file's path from what gr.File hands over (a path; older shapes tolerated)."""
    if file is None:
        return ""
    if isinstance(file, (str, Path)):
        return str(file)
    for attr in ("path", "name"):
        value = getattr(file, attr, None)
        if isinstance(value, str):
            return value
    if isinstance(file, dict) and isinstance(file.get("path"), str):
        return file["path"]
    return ""


def run_batch_file(file_path: str | Path | None, fmt: str, service_getter: Callable,
                   progress: ProgressFn | None = None, settings=None) -> BatchTabResult:
    """Check every claim of an uploaded CSV/JSONL file and write the results in ``fmt`` (jsonl, csv or
    claimreview) to a fresh temp file. Never raises.

    ``progress(done, total)`` is called before the first row and after each row. ``settings`` (for the row
    limit and the claim length) defaults to the Service's; when given, an over-limit file is refused before
    the Service is loaded."""
    started = time.perf_counter()
    result = BatchTabResult()
    path = _upload_path(file_path)
    name = Path(path).name if path else ""

    def fail(message: str) -> BatchTabResult:
        # Gradio uploads live under a server temp path: show the file's own name, not where it was stored.
        text = message.replace(path, name) if path else message
        return BatchTabResult(error=_one_line(text), seconds=time.perf_counter() - started)

    try:
        if not path:
            raise InputError("no file was uploaded", "upload a .csv (id,claim columns) or .jsonl file of claims")
        if Path(path).suffix.lower() not in INPUT_SUFFIXES:
            raise InputError(f"{name} is not a .csv or .jsonl file",
                             "upload a .csv with id,claim columns or a .jsonl file with one {\"id\", \"claim\"} "
                             "object a line")
        if fmt not in FORMATS:
            raise InputError(f"unknown output format {fmt!r}", f"choose one of {', '.join(FORMATS)}")
        records, columns = read_records(path)
        if not records:
            raise InputError(f"{name} has no claims", "write one claim a row under the id,claim header (CSV) "
                             "or one {\"id\", \"claim\"} object a line (JSONL)")
        service = None
        if settings is None:
            service = service_getter()
            settings = service.settings
        limit = settings.limits.batch_max_rows
        if len(records) > limit:
            raise InputError(f"{name} has {len(records):,} rows, over the {limit:,} row limit",
                             f"split the file into parts of at most {limit:,} rows")

        items, result.errors = validate_items(records, settings.limits.claim_max_chars,
                                              lambda msg: result.bad_rows.append(_one_line(msg)))
        if items:
            if service is None:
                service = service_getter()
            out = _run_dir() / default_out(f"{_safe_stem(name)}.csv", fmt).name
            total = len(items)
            if progress:
                progress(0, total)
            if total >= WARM_FROM_ROWS:
                warm_sentence_cache(service)
            with ResultWriter(out, fmt, output_columns(fmt, columns)) as writer:
                writer.open()
                for done, (item, checked, exc) in enumerate(check_items(service, items), start=1):
                    if exc is not None:
                        result.errors += 1
                        if isinstance(exc, InputError):
                            result.bad_rows.append(_one_line(f"line {item.line}: row {item.id!r}: {exc}"))
                        else:
                            log.error("batch row %r failed", item.id, exc_info=exc)
                            result.bad_rows.append(
                                f"line {item.line}: row {item.id!r} failed (internal error, "
                                f"{type(exc).__name__}) -> please report this claim as a bug; the row is skipped")
                    else:
                        writer.write(claimreview_row(item, checked) if fmt == "claimreview"
                                     else result_row(item, checked))
                        result.checked += 1
                        result.verdicts[checked.verdict] += 1
                        if len(result.preview) < PREVIEW_MAX_ROWS:
                            first = checked.citations[0].doc_id if checked.citations else ""
                            result.preview.append([item.id, checked.claim, checked.verdict,
                                                   round(float(checked.confidence), 2), first])
                    if progress:
                        progress(done, total)
            if result.checked:
                result.out_path = str(out)
    except ClaimcheckError as exc:
        return fail(str(exc))
    except Exception:  # noqa: BLE001 - the UI shows one line; the log keeps the traceback
        log.exception("batch check failed")
        return fail("Something went wrong while checking the file -> try again; the server log has details")
    result.seconds = time.perf_counter() - started
    return result


# --- the tab ----------------------------------------------------------------------------------------------------

def summary_html(result: BatchTabResult) -> str:
    """The one-line summary, or the one-line error; escaped."""
    if result.error:
        return error_html(result.error)
    more = (f" · the table shows the first {PREVIEW_MAX_ROWS:,}; the download has all"
            if result.checked > PREVIEW_MAX_ROWS else "")
    return (f'<div class="cc-batch-summary" role="status"><b>{esc(result.summary)}</b>'
            f'<span class="cc-meta"> · {result.seconds:.1f} s{esc(more)}</span></div>')


def bad_rows_html(result: BatchTabResult) -> str:
    """The skipped rows and why, as an escaped list ('' when there are none)."""
    if not result.bad_rows:
        return ""
    shown = result.bad_rows[:BAD_ROWS_SHOWN]
    items = "".join(f"<li>{esc(line)}</li>" for line in shown)
    rest = len(result.bad_rows) - len(shown)
    tail = f"<p>… and {rest:,} more</p>" if rest > 0 else ""
    return (f'<details class="cc-batch-bad" open><summary>Skipped rows ({len(result.bad_rows):,})</summary>'
            f'<ul>{items}</ul>{tail}</details>')


def build_tab(service_getter: Callable) -> None:
    """The Batch tab, built inside the app's gr.Tabs()."""
    with gr.Tab("Batch", id="batch"):
        gr.Markdown("Upload a **CSV** with `id,claim` columns or a **JSONL** file with one "
                    "`{\"id\": ..., \"claim\": ...}` object a line. Other columns are carried into the results; "
                    "bad rows are listed and skipped.", elem_id="cc-batch-help")
        with gr.Row(equal_height=True):
            upload = gr.File(label="Claims file (.csv or .jsonl)", file_types=list(INPUT_SUFFIXES),
                             file_count="single", type="filepath", scale=3, elem_id="cc-batch-file")
            with gr.Column(scale=2):
                fmt = gr.Radio(choices=FORMAT_CHOICES, value="csv", label="Results format",
                               elem_id="cc-batch-format")
                button = gr.Button("Run", variant="primary", elem_id="cc-batch-run")
        status = gr.HTML(value="", elem_id="cc-batch-summary")
        download = gr.DownloadButton("Download the results", value=None, interactive=False, size="sm",
                                     elem_id="cc-batch-download")
        table = gr.Dataframe(headers=PREVIEW_HEADERS, value=[], datatype=["str", "str", "str", "number", "str"],
                             type="array", interactive=False, wrap=True, max_height=500,
                             column_widths=["110px", "360px", "150px", "115px", "220px"], elem_id="cc-batch-table")
        bad = gr.HTML(value="", elem_id="cc-batch-bad")

        def handler(file, out_format, progress=gr.Progress(track_tqdm=False)):
            def tick(done: int, total: int) -> None:
                progress((done, total), desc="Checking claims", unit="claims")

            result = run_batch_file(file, out_format, service_getter, progress=tick)
            button_update = (gr.DownloadButton(value=result.out_path, interactive=True) if result.out_path
                             else gr.DownloadButton(value=None, interactive=False))
            return summary_html(result), result.preview, bad_rows_html(result), button_update

        def clear():
            return ('<p class="cc-meta">Reading the file…</p>', [], "",
                    gr.DownloadButton(value=None, interactive=False))

        button.click(clear, inputs=None, outputs=[status, table, bad, download], queue=False,
                     api_visibility="private", show_progress="hidden").then(
            handler, inputs=[upload, fmt], outputs=[status, table, bad, download], api_visibility="private",
            concurrency_limit=1, show_progress_on=[status])  # one progress bar, on the summary line
