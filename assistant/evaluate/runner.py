"""Run an evaluation: dataset -> (index) -> solver over every claim -> scorers -> report files.

``run_eval`` is what ``claimcheck eval`` calls; tests call it directly with a temporary index and out folder.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import BackendError, ClaimcheckError, ConfigError, InputError
from assistant.evaluate.dataset import LabelMap, Sample, load_samples
from assistant.evaluate.metrics import compute_all, distinct
from assistant.evaluate.report import write_all
from assistant.settings import Settings

ABORT_AFTER = 3  # a backend that fails the first checks is down: stop instead of failing every claim


@dataclass
class EvalRun:
    out: Path
    paths: dict[str, Path]
    run: dict
    metrics: dict
    rows: list[dict]


def default_index_dir(corpus: Path) -> Path:
    """A folder of its own per corpus path: .claimcheck/eval-<name>-<hash of the resolved path>."""
    resolved = str(Path(corpus).resolve())
    slug = re.sub(r"[^A-Za-z0-9]+", "-", Path(resolved).stem).strip("-")[:40] or "corpus"
    return Path(".claimcheck") / f"eval-{slug}-{hashlib.sha1(resolved.encode()).hexdigest()[:10]}"


def default_out_dir() -> Path:
    return Path("evals") / "out" / dt.datetime.now().strftime("%Y%m%d-%H%M%S")


def current_commit(start: Path | None = None) -> str:
    """The checked-out commit, read from .git files (no git process); '' when it cannot be read."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        git = folder / ".git"
        if git.is_dir():
            try:
                head = (git / "HEAD").read_text().strip()
                if not head.startswith("ref:"):
                    return head[:12]
                ref = head.split(":", 1)[1].strip()
                if (git / ref).exists():
                    return (git / ref).read_text().strip()[:12]
                packed = git / "packed-refs"
                if packed.exists():
                    for line in packed.read_text().splitlines():
                        if line.endswith(" " + ref):
                            return line.split()[0][:12]
            except OSError:
                return ""
            return ""
    return ""


def reference_date(sample: Sample) -> dt.date | None:
    """The sample's reference_date (the date its claim was written), if it has one."""
    value = sample.metadata.get("reference_date")
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise InputError(f"claim {sample.id}: reference_date {value!r} is not an ISO date",
                             "write it as YYYY-MM-DD") from None
    return None


def score_sample(service, sample: Sample) -> dict:
    """Check one claim and return its results.jsonl record."""
    from assistant.evaluate.solver import check_traced

    started = time.perf_counter()
    row = {"id": sample.id, "claim": sample.claim, "gold": sample.gold, "raw_label": sample.raw_label,
           "gold_doc_ids": sample.gold_doc_ids, "category": sample.metadata.get("category")}
    try:
        trace = check_traced(service, sample.claim, reference_date(sample))
    except ClaimcheckError as exc:
        return {**row, "predicted": None, "confidence": 0.0, "correct": False,
                "latency_ms": round((time.perf_counter() - started) * 1000, 1), "cited_doc_ids": [],
                "cited_chunk_ids": [], "retrieved_doc_ids": [], "retrieved_chunk_ids": [], "citation_valid": [],
                "final_citation_valid": [], "citations_dropped": 0, "error": str(exc), "error_type": type(exc).__name__}
    r = trace.result
    cited = sorted(r.citations, key=lambda c: c.n)
    return {**row, "predicted": r.verdict, "confidence": r.confidence, "correct": r.verdict == sample.gold,
            "latency_ms": r.latency_ms, "cited_doc_ids": distinct([c.doc_id for c in cited]),
            "cited_chunk_ids": [c.chunk_id for c in cited], "retrieved_doc_ids": distinct(trace.retrieved_doc_ids),
            "retrieved_chunk_ids": trace.retrieved_chunk_ids, "citation_valid": trace.raw_valid,
            "final_citation_valid": trace.final_valid, "citations_dropped": trace.dropped,
            "explanation": r.explanation, "verdict_by": r.verdict_by, "decided_by": decided_by(r), "error": None}


def decided_by(r) -> str:
    """What produced the cited readings the verdict rests on ("model", "figure_check+model", "rule"), or
    "none" (an abstention, or a judge that records no decisions)."""
    producers = sorted({d.produced_by for d in r.decisions if d.citation and d.stance != "neutral"})
    return "+".join(producers) or "none"


def run_eval(claims: Path | str, settings: Settings, *, corpus: Path | str | None = None,
             index_dir: Path | str | None = None, label_map: Path | str | None = None, out: Path | str | None = None,
             limit: int | None = None, progress: bool | None = None, claim_field: str = "claim",
             label_field: str = "label", evidence_field: str = "evidence", id_field: str = "id",
             log=None) -> EvalRun:
    """Evaluate the checker on a claims file; with a corpus, (re)build its index first (idempotent)."""
    from assistant.service import Service

    log = log or (lambda msg: print(msg, file=sys.stderr, flush=True))
    progress = sys.stderr.isatty() if progress is None else progress
    claims = Path(claims)
    samples = load_samples(claims, LabelMap.load(label_map), claim_field=claim_field, label_field=label_field,
                           evidence_field=evidence_field, id_field=id_field, limit=limit)
    if corpus is not None:
        corpus = Path(corpus)
        if not corpus.exists():
            raise InputError(f"no corpus at {corpus}", "give a folder or file of documents with --corpus")
        index = Path(index_dir) if index_dir else default_index_dir(corpus)
        settings = settings.model_copy(update={"index_dir": index})
        from assistant.ingest.pipeline import ingest

        report = ingest([corpus], settings, index, prune=True, progress=progress)
        log(f"index {index}: {report.summary().splitlines()[0]}; {report.total_chunks} chunks")
        if report.total_chunks == 0:
            raise InputError(f"the corpus {corpus} gave no chunks", "check the corpus files (claimcheck ingest)")
    elif index_dir:
        settings = settings.model_copy(update={"index_dir": Path(index_dir)})

    try:
        service = Service(settings)
    except ImportError as exc:  # e.g. a judge whose module or optional dependency is not installed
        raise ConfigError(f"judge {settings.judge!r} cannot be loaded ({exc})", "use --judge embedded") from exc
    t = time.perf_counter()
    service.index.embedder.encode(["load the model before the first timed check"])
    warmup_s = time.perf_counter() - t

    rows: list[dict] = []
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    bar = Progress(TextColumn("checking"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[acc]}"),
                   TimeRemainingColumn(), disable=not progress, transient=True)
    started = time.perf_counter()
    with bar:
        task = bar.add_task("eval", total=len(samples), acc="")
        for sample in samples:
            rows.append(score_sample(service, sample))
            if len(rows) == ABORT_AFTER and all(r.get("error_type") == "BackendError" for r in rows):
                raise BackendError(f"the first {ABORT_AFTER} checks failed: {rows[-1]['error']}",
                                   "fix the judge backend (or use --judge embedded) and run again")
            n_ok = sum(r["correct"] for r in rows)
            bar.update(task, advance=1, acc=f"accuracy {n_ok / len(rows):.2f}")
    wall_s = time.perf_counter() - started

    metrics = compute_all(rows)
    manifest = service.index.manifest
    run = {
        "dataset": str(claims), "claims": len(samples), "limit": limit, "corpus": str(corpus) if corpus else None,
        "index_dir": str(settings.index_dir), "index_version": service.index.version,
        "index_chunks": manifest.chunk_count if manifest else None,
        "index_documents": manifest.doc_count if manifest else None,
        "judge": getattr(service.judge, "name", settings.judge), "model": service.index.embedder.model_id,
        "label_map": str(label_map) if label_map else None, "commit": current_commit(),
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "wall_s": round(wall_s, 2), "model_warmup_s": round(warmup_s, 2),
        "settings": {"retrieval": settings.retrieval.model_dump(), "chunk_chars": settings.ingest.chunk_chars},
    }
    out = Path(out) if out else default_out_dir()
    paths = write_all(out, run, metrics, rows)
    return EvalRun(out=out, paths=paths, run=run, metrics=metrics, rows=rows)
