"""The load test, short: evals/load_test.py starts `claimcheck serve` on loopback and drives it with
5 concurrent clients for 5 s; every response must be 200 with a valid verdict."""
from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import REPO, subprocess_env


def test_short_load_run(subset_index, tmp_path):
    out = tmp_path / "load.json"
    r = subprocess.run([sys.executable, str(REPO / "evals" / "load_test.py"), "--index", str(subset_index),
                        "--clients", "5", "--seconds", "5", "--out", str(out)],
                       cwd=REPO, env=subprocess_env(), capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stdout + r.stderr
    res = json.loads(out.read_text())
    assert res["requests"] > 0 and res["failures"] == 0 and res["ok"] == res["requests"]
    assert res["latency_ms"]["p50"] <= res["latency_ms"]["p95"] <= res["latency_ms"]["max"]
    assert "| requests/s" in r.stdout


def test_load_test_refuses_non_loopback_urls():
    r = subprocess.run([sys.executable, str(REPO / "evals" / "load_test.py"), "--url", "http://example.org:80"],
                       cwd=REPO, env=subprocess_env(), capture_output=True, text=True, timeout=60)
    assert r.returncode == 2 and "loopback" in r.stderr
