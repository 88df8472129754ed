"""`claimcheck batch`: check every claim of a JSONL or CSV file, resumably, with a progress bar.

Bad rows (no id, no claim, an empty or over-long claim, a repeated id) are reported on stderr and skipped;
the others go on. Rows whose id is already in OUT are skipped, so an interrupted run is finished by running
the same command again.
"""
from __future__ import annotations

import os

# Torch's OpenMP threads spin while they wait for work; on a busy machine (a server, other jobs) that makes a
# one-sentence encode take ~1 s instead of ~40 ms. Passive waiting costs nothing measurable when idle. It only
# takes effect if set before torch starts, which is the case for `claimcheck batch`.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import sys  # noqa: E402
import time  # noqa: E402
from collections import Counter  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Callable, Iterator, TextIO  # noqa: E402

from assistant.batch.io import ResultWriter, default_out, input_kind, output_columns, read_records  # noqa: E402
from assistant.batch.rows import BatchItem, claimreview_row, parse_item, result_row  # noqa: E402
from assistant.errors import ClaimcheckError, InputError  # noqa: E402
from assistant.store.recording import record  # noqa: E402
from assistant.types import VERDICTS  # noqa: E402


@dataclass
class BatchSummary:
    checked: int = 0
    skipped: int = 0  # already in OUT
    errors: int = 0
    verdicts: Counter = field(default_factory=Counter)
    dropped: int = 0  # damaged records cut from the end of OUT before resuming
    seconds: float = 0.0
    out: Path | None = None

    def line(self) -> str:
        counts = ", ".join(f"{v} {self.verdicts[v]}" for v in VERDICTS if self.verdicts[v]) or "no verdicts"
        return f"{self.checked} checked, {self.skipped} skipped (already done), {self.errors} errors: {counts}"


def validate_items(records, claim_max_chars: int, report: Callable[[str], None]) -> tuple[list[BatchItem], int]:
    """(valid items, number of bad rows); each bad row is reported with its line and the fix."""
    items: list[BatchItem] = []
    seen: dict[str, int] = {}
    errors = 0
    for rec in records:
        if rec.error:
            report(rec.error)
            errors += 1
            continue
        try:
            item = parse_item(rec.data, rec.line, claim_max_chars)
        except InputError as exc:
            report(f"line {rec.line}: {exc}")
            errors += 1
            continue
        if item.id in seen:
            report(f"line {rec.line}: duplicate id {item.id!r} (first on line {seen[item.id]}) -> give every row "
                   "a unique id; this row is skipped")
            errors += 1
            continue
        seen[item.id] = rec.line
        items.append(item)
    return items, errors


def warm_sentence_cache(service, max_sentences: int = 40_000, progress=None) -> int:
    """Embed the index's sentences up front (see Service.warm_up)."""
    return service.warm_up(max_sentences, progress)


def check_items(service, items: list[BatchItem], reuse: bool = True, via: str = "batch", asked_by: str = "local",
                review: bool = False) -> Iterator[tuple]:
    """(item, CheckResult, None) or (item, None, error) for each item, in order.

    InputError (and, so one odd claim cannot stop a long batch, any unexpected exception) is yielded as the
    row's error; other ClaimcheckErrors (a broken index or backend) propagate, as every row would fail alike.
    With ``reuse``, a claim repeated with the same date is checked once (the check is deterministic for an
    index, claim and date); its result is kept only until its last use. Every item's result is recorded in
    the store (``via``, ``asked_by``; with ``review`` every claim goes to the review queue)."""
    pending = Counter((it.claim, it.reference_date) for it in items) if reuse else Counter()
    kept: dict[tuple, object] = {}
    for item in items:
        key = (item.claim, item.reference_date)
        pending[key] -= 1
        result = kept.pop(key, None) if pending[key] <= 0 else kept.get(key)
        if result is None:
            try:
                result = service.check(item.claim, reference_date=item.reference_date)
            except InputError as exc:
                yield item, None, exc
                continue
            except ClaimcheckError:
                raise
            except Exception as exc:  # noqa: BLE001
                yield item, None, exc
                continue
            if pending[key] > 0:
                kept[key] = result
        if via:
            record(service, result, via, asked_by, review)  # a reused result is still one recorded check per row
        yield item, result, None


def run_batch(in_path: str, settings, out_path: str | Path | None = None, fmt: str | None = None,
              service_fn: Callable | None = None, stderr: TextIO | None = None,
              show_progress: bool | None = None, reuse: bool = True, review: bool = False) -> BatchSummary:
    """Check every claim in IN and append the results to OUT; returns the counts for the summary line.

    With ``reuse``, a claim text repeated in the file (with the same date) is checked once and its result
    reused for the other ids (the check is deterministic for a given index, claim and date). With ``review``
    every claim is put in the review queue (moderators' "mark every claim for review")."""
    stderr = stderr or sys.stderr
    started = time.perf_counter()
    kind = input_kind(in_path) if in_path != "-" else "jsonl"
    out_suffix = Path(str(out_path)).suffix.lower() if out_path else ""
    fmt = fmt or ("csv" if out_suffix == ".csv" else "jsonl" if out_path else kind)
    out = Path(out_path) if out_path else default_out(in_path, fmt)
    if in_path != "-" and out.resolve() == Path(in_path).resolve():
        raise InputError(f"--out {out} is the input file", "write the results to another file")

    def report(msg: str) -> None:
        print(f"error: {msg}", file=stderr, flush=True)

    records, columns = read_records(in_path)
    limit = settings.limits.batch_max_rows
    if len(records) > limit:
        raise InputError(f"{in_path} has {len(records):,} rows, over the {limit:,} row limit",
                         "split the file, or raise it: --set limits.batch_max_rows=N")
    items, errors = validate_items(records, settings.limits.claim_max_chars, report)
    summary = BatchSummary(errors=errors, out=out)

    writer = ResultWriter(out, fmt, output_columns(fmt, columns))
    with writer:
        state = writer.open()
        summary.dropped = state.dropped
        if state.dropped:
            print(f"note: cut {state.dropped} damaged line(s) from the end of {out} (an interrupted run); "
                  "their rows are checked again", file=stderr, flush=True)
        todo = [it for it in items if it.id not in state.done]
        summary.skipped = len(items) - len(todo)
        if todo:
            if service_fn is None:
                from assistant.service import get_service
                service_fn = lambda: get_service(settings)  # noqa: E731
            service = service_fn()
            _check_all(service, todo, writer, fmt, summary, report, stderr, show_progress, reuse, review)
    summary.seconds = time.perf_counter() - started
    return summary


def _check_all(service, todo: list[BatchItem], writer: ResultWriter, fmt: str, summary: BatchSummary,
               report: Callable[[str], None], stderr: TextIO, show_progress: bool | None,
               reuse: bool = True, review: bool = False) -> None:
    from rich.console import Console
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn,
                               TimeRemainingColumn)

    console = Console(file=stderr)
    if show_progress is None:
        show_progress = console.is_terminal
    progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                        TimeRemainingColumn(), console=console, disable=not show_progress, transient=False)
    with progress:
        if len(todo) >= 50:  # below that, embedding every index sentence costs more than it saves
            warm_sentence_cache(service, progress=progress)
        task = progress.add_task("checking claims", total=len(todo))
        for item, result, exc in check_items(service, todo, reuse, review=review):
            if exc is not None:
                if isinstance(exc, InputError):
                    report(f"line {item.line}: row {item.id!r}: {exc}")
                else:
                    report(f"line {item.line}: row {item.id!r} failed ({type(exc).__name__}: {exc}) -> please "
                           "report this claim as a bug; the row is skipped")
                summary.errors += 1
            else:
                row = claimreview_row(item, result) if fmt == "claimreview" else result_row(item, result)
                writer.write(row)
                summary.checked += 1
                summary.verdicts[result.verdict] += 1
            progress.advance(task)
