"""The same claim gets the same verdict in every process: no rule may depend on set or dict iteration order,
which Python randomises per process (PYTHONHASHSEED)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def _verdicts(claims: Path, out: Path, index: Path, seed: str) -> list[tuple[str, str, float]]:
    env = {**os.environ, "PYTHONHASHSEED": seed, "HF_HUB_OFFLINE": "1"}
    subprocess.run([sys.executable, "-m", "assistant.cli", "batch", str(claims), "--index", str(index),
                    "--out", str(out), "--no-progress"], check=True, env=env, capture_output=True, timeout=600)
    rows = [json.loads(line) for line in out.read_text().splitlines() if line.strip()]
    return sorted((r["id"], r["verdict"], r["confidence"]) for r in rows)


def test_verdicts_do_not_depend_on_hash_seed(corpus_index, tmp_path):
    rows = [json.loads(line) for line in (REPO / "evals" / "threat_claims.dev.jsonl").read_text().splitlines()]
    claims = tmp_path / "claims.jsonl"
    claims.write_text("".join(json.dumps({"id": r["id"], "claim": r["claim"]}) + "\n" for r in rows[::4]))
    first = _verdicts(claims, tmp_path / "a.jsonl", corpus_index, "1")
    second = _verdicts(claims, tmp_path / "b.jsonl", corpus_index, "12345")
    assert len(first) == len(rows[::4]) and first == second
