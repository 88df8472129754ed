"""The real `claimcheck` command in a subprocess."""
from __future__ import annotations

import json

from tests.conftest import md_doc


def test_ingest_help(run_cli):
    r = run_cli("ingest", "--help")
    assert r.returncode == 0
    assert "usage: claimcheck ingest" in r.stdout and "--prune" in r.stdout and "--rebuild" in r.stdout


def test_check_help(run_cli):
    r = run_cli("check", "--help")
    assert r.returncode == 0
    assert "usage: claimcheck check" in r.stdout and "claim" in r.stdout


def test_ingest_nonexistent_path_says_so(run_cli, tmp_path):
    r = run_cli("ingest", "/nonexistent", "--index", tmp_path / "index")
    out = r.stdout + r.stderr
    assert "/nonexistent: no such file or folder -> check the path" in out
    assert "Traceback" not in out
    assert r.returncode == 2 and not (tmp_path / "index").exists()


def test_bad_set_value_is_one_line_and_exit_2(run_cli, tmp_path):
    r = run_cli("ingest", tmp_path, "--index", tmp_path / "index", "--set", "ingest.chunk_chars=abc")
    assert r.returncode == 2
    lines = [line for line in r.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, r.stderr
    assert lines[0].startswith("error: invalid setting") and "chunk_chars" in lines[0] and " -> " in lines[0]
    assert not (tmp_path / "index").exists(), "a bad setting must stop before touching the index"


def test_unknown_setting_and_malformed_set(run_cli, tmp_path):
    r = run_cli("ingest", tmp_path, "--index", tmp_path / "i", "--set", "ingest.nope=1")
    assert r.returncode == 2 and "unknown setting 'ingest.nope'" in r.stderr
    r = run_cli("ingest", tmp_path, "--index", tmp_path / "i", "--set", "novalue")
    assert r.returncode == 2 and "bad --set 'novalue'" in r.stderr


def test_ingest_prints_summary_and_is_idempotent(run_cli, tmp_path, write):
    src = tmp_path / "src"
    write(src / "a.md", md_doc("cli-a", "A", "Europol counted 119 attacks in 2019. Most were foiled.\n"))
    write(src / "b.jsonl", json.dumps({"id": "cli-b", "text": "A JSONL record about 30,000 fighters."}) + "\n")
    first = run_cli("ingest", src, "--index", tmp_path / "index")
    assert first.returncode == 0, first.stderr
    assert "2 files, 2 documents: 2 added" in first.stdout and "index holds 2 documents" in first.stdout
    again = run_cli("ingest", src, "--index", tmp_path / "index")
    assert again.returncode == 0 and "2 unchanged" in again.stdout and "0 chunks embedded" in again.stdout
