"""`claimcheck batch` on the real corpus index: JSONL and CSV, carried columns, bad rows, resume, CSV safety,
ClaimReview output, and the CLI end to end (including a kill -9 and a re-run)."""
from __future__ import annotations

import csv
import json
import re
import signal
import subprocess
import time
from pathlib import Path

import pytest

from assistant.batch.rows import OUTPUT_FIELDS
from assistant.errors import InputError
from assistant.types import VERDICTS
from tests.batch.claimreview_shape import claimreview_problems
from tests.batch.conftest import read_jsonl, write_jsonl
from tests.conftest import cli_command, subprocess_env

REPO = Path(__file__).resolve().parents[2]
SUMMARY = re.compile(r"^(\d+) checked, (\d+) skipped \(already done\), (\d+) errors: .+$", re.M)


def dev_rows(dev_claims, n: int) -> list[dict]:
    return [{"id": r["id"], "claim": r["claim"], "verdict": r["verdict"], "category": r["category"]}
            for r in dev_claims[:n]]


# --- JSONL and CSV ----------------------------------------------------------------------------------------------

def test_jsonl_in_jsonl_out(tmp_path, run, dev_claims):
    src = write_jsonl(tmp_path / "claims.jsonl", dev_rows(dev_claims, 4))
    summary, err = run(src)
    assert (summary.checked, summary.skipped, summary.errors) == (4, 0, 0), err
    out = tmp_path / "claims.results.jsonl"
    assert summary.out == out
    rows = read_jsonl(out)
    assert [r["id"] for r in rows] == [r["id"] for r in dev_claims[:4]]
    for row, src_row in zip(rows, dev_claims):
        assert list(row)[:len(OUTPUT_FIELDS)] == list(OUTPUT_FIELDS)
        assert row["verdict"] in VERDICTS and 0 <= row["confidence"] <= 1 and row["explanation"]
        assert row["input_verdict"] == src_row["verdict"]  # the gold label is carried, renamed
        assert row["category"] == src_row["category"]
        assert row["index_version"] and row["model"] == "sentence-transformers/all-MiniLM-L6-v2"
        for c in row["citations"]:
            assert set(c) == {"n", "doc_id", "quote", "url"} and c["doc_id"] and c["quote"]
    assert any(r["citations"] for r in rows)
    assert sum(summary.verdicts.values()) == 4
    assert summary.line().startswith("4 checked, 0 skipped (already done), 0 errors: ")


def test_csv_in_csv_out(tmp_path, run, dev_claims):
    src = tmp_path / "claims.csv"
    with open(src, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "claim", "source", "note, with comma"])
        for r in dev_claims[:3]:
            w.writerow([r["id"], r["claim"], "tweet", "multi\nline \"quoted\""])
    summary, err = run(src)
    assert (summary.checked, summary.errors) == (3, 0), err
    out = tmp_path / "claims.results.csv"
    with open(out, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0])[:len(OUTPUT_FIELDS)] == list(OUTPUT_FIELDS)
    assert [r["id"] for r in rows] == [r["id"] for r in dev_claims[:3]]
    for r in rows:
        assert r["source"] == "tweet" and r["note, with comma"] == "multi\nline \"quoted\""
        assert r["verdict"] in VERDICTS and 0 <= float(r["confidence"]) <= 1
        cites = json.loads(r["citations"])  # a compact JSON string
        assert isinstance(cites, list) and ", " not in r["citations"][:3]
        assert all(c["doc_id"] and c["quote"] for c in cites)


def test_jsonl_to_csv_and_csv_to_jsonl(tmp_path, run, dev_claims):
    src = write_jsonl(tmp_path / "c.jsonl", [{**r, "tags": ["a", "b"]} for r in dev_rows(dev_claims, 2)])
    summary, _ = run(src, out=tmp_path / "out.csv")
    with open(tmp_path / "out.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert json.loads(rows[0]["tags"]) == ["a", "b"]
    summary, _ = run(src, out=tmp_path / "out.jsonl")
    assert read_jsonl(tmp_path / "out.jsonl")[0]["tags"] == ["a", "b"]


# --- bad rows ---------------------------------------------------------------------------------------------------

def test_bad_rows_are_reported_and_skipped(tmp_path, run, dev_claims, corpus_settings):
    good = dev_rows(dev_claims, 2)
    long_claim = "fighters " * (corpus_settings.limits.claim_max_chars // 9 + 5)
    src = write_jsonl(tmp_path / "mixed.jsonl", [
        good[0],
        {"claim": "30,000 foreign fighters joined ISIS"},     # line 2: no id
        {"id": "no-claim"},                                   # 3: no claim
        {"id": "empty", "claim": "   "},                     # 4: empty claim
        {"id": "long", "claim": long_claim},                  # 5: too long
        {"id": good[0]["id"], "claim": "duplicate"},         # 6: duplicate id
        "{not json",                                          # 7
        "[1, 2]",                                             # 8: not an object
        {"id": "bad-date", "claim": "30,000 fighters joined ISIS", "date": "yesterday"},  # 9
        {"id": "numbers", "claim": "123 456"},                # 10: no words
        good[1],
    ])
    summary, err = run(src)
    assert (summary.checked, summary.errors) == (2, 9), err
    lines = err.strip().splitlines()
    assert len(lines) == 9 and all(l.startswith("error: line ") for l in lines)
    for n, word in [(2, "no id"), (3, "no claim"), (4, "empty"), (5, "limit"), (6, "duplicate"), (7, "not valid JSON"),
                    (8, "not an object"), (9, "not a date"), (10, "no words")]:
        assert any(l.startswith(f"error: line {n}") and word in l for l in lines), (n, word, lines)
    assert all(" -> " in l for l in lines)  # each says how to fix it
    assert [r["id"] for r in read_jsonl(tmp_path / "mixed.results.jsonl")] == [good[0]["id"], good[1]["id"]]


def test_bad_csv_rows_and_files(tmp_path, run, dev_claims):
    src = tmp_path / "c.csv"
    src.write_text("id,claim\n"
                   f"a,\"{dev_claims[0]['claim']}\"\n"
                   "b,too,many,cells\n"
                   ",missing id\n"
                   "c,\n", "utf-8")
    summary, err = run(src)
    assert (summary.checked, summary.errors) == (1, 3), err
    assert "4 cells" in err and "id is empty" in err and "'c': the claim is empty" in err
    no_header = tmp_path / "nh.csv"
    no_header.write_text("x,y\n1,2\n", "utf-8")
    with pytest.raises(InputError, match="id and claim"):
        run(no_header)
    with pytest.raises(InputError, match="format"):
        run(tmp_path / "claims.txt")


def test_row_limit(tmp_path, run, dev_claims, corpus_settings):
    small = corpus_settings.model_copy(update={"limits": corpus_settings.limits.model_copy(update={"batch_max_rows": 2})})
    src = write_jsonl(tmp_path / "c.jsonl", dev_rows(dev_claims, 3))
    with pytest.raises(InputError, match="row limit"):
        run(src, settings=small)


# --- resume -----------------------------------------------------------------------------------------------------

def test_resume_after_a_partial_run(tmp_path, run, dev_claims):
    rows = dev_rows(dev_claims, 6)
    half = write_jsonl(tmp_path / "half.jsonl", rows[:3])
    full = write_jsonl(tmp_path / "full.jsonl", rows)
    out = tmp_path / "out.jsonl"
    s1, _ = run(half, out=out)
    assert s1.checked == 3
    s2, err = run(full, out=out)
    assert (s2.checked, s2.skipped, s2.errors) == (3, 3, 0), err
    assert "3 checked, 3 skipped (already done), 0 errors" in s2.line()
    ids = [r["id"] for r in read_jsonl(out)]
    assert ids == [r["id"] for r in rows] and len(set(ids)) == 6
    s3, _ = run(full, out=out)  # nothing left to do
    assert (s3.checked, s3.skipped) == (0, 6)


def test_resume_drops_a_truncated_jsonl_line(tmp_path, run, dev_claims):
    rows = dev_rows(dev_claims, 4)
    src = write_jsonl(tmp_path / "c.jsonl", rows)
    out = tmp_path / "c.results.jsonl"
    run(src)
    lines = out.read_text("utf-8").splitlines(keepends=True)
    out.write_text("".join(lines[:2]) + lines[2][: len(lines[2]) // 2], "utf-8")  # a crash mid-write
    summary, err = run(src)
    assert (summary.checked, summary.skipped, summary.dropped) == (2, 2, 1)
    assert "damaged" in err
    ids = [r["id"] for r in read_jsonl(out)]
    assert ids == [r["id"] for r in rows]


def test_resume_drops_a_truncated_csv_record(tmp_path, run, dev_claims):
    src = tmp_path / "c.csv"
    with open(src, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "claim", "note"])
        for r in dev_claims[:4]:
            w.writerow([r["id"], r["claim"], "two\nlines"])
    out = tmp_path / "c.results.csv"
    run(src)
    text = out.read_text("utf-8")
    third = text.index(dev_claims[2]["id"] + ",")  # start of the third record
    out.write_text(text[: third + 40], "utf-8")  # cut inside it
    summary, err = run(src)
    assert (summary.checked, summary.skipped) == (2, 2), err
    with open(out, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["id"] for r in rows] == [r["id"] for r in dev_claims[:4]]
    assert all(r["note"] == "two\nlines" for r in rows)


# --- CSV formula injection --------------------------------------------------------------------------------------

def test_csv_cells_cannot_run_as_formulas(tmp_path, run):
    src = tmp_path / "evil.csv"
    with open(src, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "claim", "a", "b", "c", "d", "e", "f", "safe"])
        w.writerow(["=1+1", "=HYPERLINK(\"http://x\") says 30,000 foreign fighters joined ISIS", "=cmd|' /C calc'!A0",
                    "+SUM(A1:A2)", "-2+3", "@SUM(A1)", "\tTAB", "\rCR", "plain 'text' = fine"])
    summary, err = run(src)
    assert summary.checked == 1, err
    raw = (tmp_path / "evil.results.csv").read_text("utf-8")
    with open(tmp_path / "evil.results.csv", newline="", encoding="utf-8") as fh:
        row = next(csv.DictReader(fh))
    assert row["id"] == "'=1+1"
    assert row["claim"].startswith("'=HYPERLINK")
    assert row["a"] == "'=cmd|' /C calc'!A0" and row["b"] == "'+SUM(A1:A2)" and row["c"] == "'-2+3"
    assert row["d"] == "'@SUM(A1)" and row["e"] == "'\tTAB" and row["f"] == "'\rCR"
    assert row["safe"] == "plain 'text' = fine"
    assert not re.search(r"(^|,)[=+\-@]", raw.replace("\r\n", "\n").split("\n", 1)[1])  # no cell starts a formula
    # the escaped id still resumes (no duplicate on a re-run)
    again, _ = run(src)
    assert (again.checked, again.skipped) == (0, 1)


# --- ClaimReview ------------------------------------------------------------------------------------------------

def test_claimreview_output(tmp_path, run, dev_claims):
    rows = [{**r, "url": "https://example.org/post", "author": "A. Writer", "date": "2019-08-01"}
            for r in dev_rows(dev_claims, 3)]
    src = write_jsonl(tmp_path / "c.jsonl", rows)
    summary, err = run(src, fmt="claimreview")
    assert summary.checked == 3, err
    out = tmp_path / "c.claimreview.jsonl"
    reviews = read_jsonl(out)
    assert [r["identifier"] for r in reviews] == [r["id"] for r in rows]
    for review in reviews:
        assert claimreview_problems(review) == []
        assert review["itemReviewed"]["appearance"]["url"] == "https://example.org/post"
        assert review["itemReviewed"]["author"]["name"] == "A. Writer"
        assert review["itemReviewed"]["datePublished"] == "2019-08-01"
    again, _ = run(src, fmt="claimreview")
    assert (again.checked, again.skipped) == (0, 3)


def test_claimreview_rating_for_every_verdict():
    from assistant.answer.render import to_claimreview
    from assistant.types import CheckResult

    for verdict in VERDICTS:
        review = to_claimreview(CheckResult(claim="c", verdict=verdict, confidence=0.5, explanation="e"))
        assert claimreview_problems(review) == [], verdict
        assert review["reviewRating"]["alternateName"] == verdict
        assert "appearance" not in review["itemReviewed"] and "url" not in review
    assert claimreview_problems({"@type": "ClaimReview"})  # the checker does catch a bad shape


# --- the CLI ----------------------------------------------------------------------------------------------------

def test_cli_batch_end_to_end(tmp_path, run_cli, corpus_index, dev_claims):
    src = write_jsonl(tmp_path / "c.jsonl", dev_rows(dev_claims, 3) + [{"id": "bad", "claim": ""}])
    r = run_cli("batch", src, "--index", corpus_index, "--format", "csv", "--out", tmp_path / "o.csv")
    assert r.returncode == 1, r.stderr  # some rows had errors
    m = SUMMARY.search(r.stdout)
    assert m and m.groups() == ("3", "0", "1"), r.stdout
    assert "line 4" in r.stderr and "empty" in r.stderr
    r = run_cli("batch", src, "--index", corpus_index, "--out", tmp_path / "o.csv")
    assert SUMMARY.search(r.stdout).groups() == ("0", "3", "1")
    r = run_cli("batch", tmp_path / "missing.jsonl", "--index", corpus_index)
    assert r.returncode == 2 and "no such file" in r.stderr


def test_cli_stdin(tmp_path, corpus_index, dev_claims):
    rows = "".join(json.dumps(r) + "\n" for r in dev_rows(dev_claims, 1))
    r = subprocess.run([*cli_command(), "batch", "-", "--index", str(corpus_index), "--out", str(tmp_path / "o.jsonl")],
                       input=rows, text=True, capture_output=True, cwd=REPO, env=subprocess_env(), timeout=300)
    assert r.returncode == 0, r.stderr
    assert len(read_jsonl(tmp_path / "o.jsonl")) == 1


def test_cli_kill_9_and_rerun(tmp_path, corpus_index, dev_claims):
    rows = dev_rows(dev_claims, 12)
    src = write_jsonl(tmp_path / "c.jsonl", rows)
    out = tmp_path / "c.results.jsonl"
    cmd = [*cli_command(), "batch", str(src), "--index", str(corpus_index)]
    proc = subprocess.Popen(cmd, cwd=REPO, env=subprocess_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and proc.poll() is None:
        if out.exists() and out.read_bytes().count(b"\n") >= 3:
            break
        time.sleep(0.05)
    if proc.poll() is None:
        proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=60)
    done_before = len(read_jsonl(out))
    r = subprocess.run(cmd, cwd=REPO, env=subprocess_env(), capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    checked, skipped, errors = map(int, SUMMARY.search(r.stdout).groups())
    assert skipped == done_before and checked == len(rows) - done_before and errors == 0
    ids = [row["id"] for row in read_jsonl(out)]
    assert sorted(ids) == sorted(r["id"] for r in rows) and len(ids) == len(set(ids))
