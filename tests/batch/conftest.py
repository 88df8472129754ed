"""Batch fixtures: one real index built from corpus/ per session, and the shared Service over it."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def dev_claims() -> list[dict]:
    """The dev set's rows (id, claim, gold verdict, category, ...)."""
    path = REPO / "evals" / "threat_claims.dev.jsonl"
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


@pytest.fixture
def run(corpus_settings, service_fn):
    """run(in_path, out=None, fmt=None) -> (BatchSummary, stderr text), in-process with the shared Service."""
    import io

    from assistant.batch import run_batch

    def go(in_path, out=None, fmt=None, settings=None):
        err = io.StringIO()
        summary = run_batch(str(in_path), settings or corpus_settings, out_path=out, fmt=fmt,
                            service_fn=service_fn, stderr=err, show_progress=False)
        return summary, err.getvalue()
    return go


def write_jsonl(path: Path, rows: list) -> Path:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows), "utf-8")
    return path


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
