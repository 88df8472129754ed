"""Faults: a damaged index is refused at startup with the rebuild command, kill -9 of a batch run and of the
server, and two ingests at once. (kill -9 during ingest: tests/ingest/test_crash.py.)"""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import threading
import time
from pathlib import Path

import httpx
import pytest

from assistant.errors import IndexCorruptError
from tests.conftest import REPO, SENTENCES, cli_command, subprocess_env
from tests.reliability.conftest import free_port, kill_group, popen_cli, wait_http

VERDICTS = {"supported", "contradicted", "misleading", "conflicting", "not_enough_evidence"}


def open_index(index_dir: Path, embedder):
    from assistant.index.index import Index
    from assistant.settings import Settings

    return Index.open(Settings(index_dir=index_dir), index_dir, embedder)


def assert_rebuild_message(err: Exception, index_dir: Path) -> None:
    text = str(err)
    assert "\n" not in text
    assert f"claimcheck ingest corpus --index {index_dir} --rebuild" in text or "--rebuild" in text, text


def _sqlite(index_dir: Path) -> Path:
    return index_dir / "chroma" / "chroma.sqlite3"


DAMAGE = {
    "garbage-manifest": lambda d: (d / "manifest.json").write_bytes(os.urandom(300)),
    "half-written-manifest": lambda d: (d / "manifest.json").write_text(
        (d / "manifest.json").read_text()[:40]),
    "garbage-sqlite": lambda d: _sqlite(d).write_bytes(os.urandom(60_000)),
    "truncated-sqlite": lambda d: _sqlite(d).write_bytes(_sqlite(d).read_bytes()[: _sqlite(d).stat().st_size // 2]),
    "empty-sqlite": lambda d: _sqlite(d).write_bytes(b""),
    "missing-chroma-dir": lambda d: shutil.rmtree(d / "chroma"),
}


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_damaged_index_is_refused_with_the_rebuild_command(clone_index, embedder, damage):
    index_dir = clone_index()
    DAMAGE[damage](index_dir)
    with pytest.raises(IndexCorruptError) as err:
        open_index(index_dir, embedder)
    assert_rebuild_message(err.value, index_dir)
    if damage == "missing-chroma-dir":
        assert not (index_dir / "chroma").exists(), "opening must not create an empty store"


def test_store_emptied_behind_the_manifest_is_corruption(clone_index, embedder):
    index_dir = clone_index()
    idx = open_index(index_dir, embedder)
    ids, _ = idx.store.all_texts()
    idx.store.delete(ids)
    with pytest.raises(IndexCorruptError) as err:
        open_index(index_dir, embedder)
    assert "lists" in str(err.value) and "holds 0" in str(err.value)
    assert_rebuild_message(err.value, index_dir)


def test_chunk_count_mismatch_is_refused_unless_a_writer_is_at_work(clone_index, embedder):
    index_dir = clone_index()
    idx = open_index(index_dir, embedder)
    ids, _ = idx.store.all_texts()
    idx.store.delete(ids[:3])
    with pytest.raises(IndexCorruptError, match=f"lists {len(ids)} chunks but the vector store holds {len(ids) - 3}"):
        open_index(index_dir, embedder)
    # a manifest left "ingesting" (a crash the next ingest repairs) is opened: the store is not empty
    manifest = json.loads((index_dir / "manifest.json").read_text())
    (index_dir / "manifest.json").write_text(json.dumps(dict(manifest, status="ingesting")))
    assert open_index(index_dir, embedder).store.count() == len(ids) - 3


def test_service_and_cli_refuse_a_damaged_index_in_one_line(clone_index, run_cli):
    from assistant.service import Service
    from assistant.settings import Settings

    index_dir = clone_index()
    DAMAGE["garbage-sqlite"](index_dir)
    with pytest.raises(IndexCorruptError):
        Service(Settings(index_dir=index_dir))
    r = run_cli("check", "ISIS claimed the Stockholm truck attack", "--index", index_dir, "--json", timeout=240)
    assert r.returncode == 2, (r.stdout, r.stderr)
    lines = [line for line in r.stderr.strip().splitlines() if line.strip()]
    assert len(lines) == 1 and "--rebuild" in lines[0] and "claimcheck ingest" in lines[0], r.stderr
    assert "Traceback" not in r.stderr


@pytest.mark.parametrize("damage", ["garbage", "missing", "half"])
def test_damaged_keyword_index_repairs_itself(clone_index, embedder, damage):
    from assistant.index.keyword_index import KEYWORD_DIR, KeywordIndex

    index_dir = clone_index()
    expected = open_index(index_dir, embedder).keyword.search("Stockholm truck attack claimed", 5)
    folder = index_dir / KEYWORD_DIR
    if damage == "garbage":
        for f in folder.rglob("*"):
            if f.is_file():
                f.write_bytes(os.urandom(257))
    elif damage == "missing":
        shutil.rmtree(folder)
    else:  # ids.json intact, the BM25 arrays half written
        for f in (folder / "bm25").iterdir():
            f.write_bytes(f.read_bytes()[: f.stat().st_size // 2])
    fresh = open_index(index_dir, embedder)
    assert fresh.keyword.search("Stockholm truck attack claimed", 5) == expected
    assert fresh.keyword.fingerprint == fresh.manifest.corpus_hash
    if damage == "garbage":
        assert KeywordIndex.saved_fingerprint(index_dir) is None  # the next ingest writes it back


# --- kill -9 of a batch run -------------------------------------------------------------------------------------

def test_batch_kill_9_then_rerun_has_every_id_once(subset_index, tmp_path):
    rows = []
    for i in range(200):  # distinct claims, so no result is reused and the run takes a while
        rows.append({"id": f"c{i:03d}", "claim": f"About {10 + i} ISIS fighters returned to Canada by {2000 + i % 25}"})
    src = tmp_path / "claims.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), "utf-8")
    out = tmp_path / "results.jsonl"
    args = ["batch", src, "--index", subset_index, "--out", out, "--no-progress"]
    proc = popen_cli(*args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 400
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            if out.exists() and out.read_bytes().count(b"\n") >= 15:
                break
            time.sleep(0.05)
        assert proc.poll() is None, f"batch ended before the kill: {proc.communicate()}"
    finally:
        kill_group(proc)
    done = out.read_bytes().count(b"\n")
    assert 15 <= done < 200
    r = subprocess.run([*cli_command(), *map(str, args)], cwd=REPO, env=subprocess_env(), capture_output=True,
                       text=True, timeout=900)
    assert r.returncode == 0, r.stderr
    ids = [json.loads(line)["id"] for line in out.read_text("utf-8").splitlines() if line.strip()]
    assert sorted(ids) == [r["id"] for r in rows], "every id exactly once"
    assert all(json.loads(line)["verdict"] in VERDICTS for line in out.read_text("utf-8").splitlines())


# --- kill -9 of the server --------------------------------------------------------------------------------------

def test_serve_kill_9_then_restart(clone_index):
    index_dir = clone_index()
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    args = ["serve", "--index", index_dir, "--port", port]
    first = popen_cli(*args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        wait_http(url + "/api/health", first, ok=lambda r: r.status_code == 200 and r.json()["status"] == "ok")
        in_flight: list = []
        t = threading.Thread(target=lambda: in_flight.append(_try_check(url)), daemon=True)
        t.start()
        time.sleep(0.2)  # a request in flight when the server dies
    finally:
        kill_group(first, signal.SIGKILL)
    t.join(timeout=60)
    assert first.returncode == -signal.SIGKILL

    second = popen_cli(*args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        health = wait_http(url + "/api/health", second, ok=lambda r: r.status_code == 200).json()
        assert health["status"] == "ok" and health["chunks"] > 0
        r = httpx.post(url + "/api/check", json={"claim": "ISIS claimed the Stockholm truck attack"}, timeout=120)
        assert r.status_code == 200 and r.json()["verdict"] in VERDICTS and r.json()["citations"]
    finally:
        kill_group(second, signal.SIGTERM)


def _try_check(url: str):
    try:
        return httpx.post(url + "/api/check", json={"claim": "30,000 foreigners joined ISIS"}, timeout=60).status_code
    except httpx.HTTPError as exc:
        return repr(exc)


# --- two ingests at once ----------------------------------------------------------------------------------------

def test_two_ingest_processes_one_is_refused_cleanly(tmp_path):
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    for i in range(400):
        (corpus / f"doc-{i:04d}.md").write_text(f"---\ntitle: \"Generated {i}\"\n---\n\nRecord {i}. "
                                                f"{SENTENCES[i % len(SENTENCES)]}\n", "utf-8")
    args = ["ingest", corpus, "--index", index_dir, "--set", "ingest.chunk_chars=200"]
    first = popen_cli(*args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        lock = index_dir / "write.lock"
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline and first.poll() is None:
            if lock.exists() and lock.read_text().strip() == str(first.pid):
                break
            time.sleep(0.05)
        assert first.poll() is None, first.communicate()
        second = subprocess.run([*cli_command(), *map(str, args)], cwd=REPO, env=subprocess_env(),
                                capture_output=True, text=True, timeout=300)
        if first.poll() is not None:
            pytest.skip("the first ingest finished before the second one started; no overlap to test")
        assert second.returncode == 2, second.stdout + second.stderr
        assert f"another process (pid {first.pid}) is writing" in second.stderr and "Traceback" not in second.stderr
        out, err = first.communicate(timeout=600)
    finally:
        kill_group(first)
    assert first.returncode == 0, err
    assert "index holds 400 documents" in out
