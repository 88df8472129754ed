"""kill -9 in the middle of `claimcheck ingest`, then ingest again: the index ends exactly right."""
from __future__ import annotations

import signal
import subprocess
import time
from pathlib import Path

import pytest

from assistant.index.index import Index, fingerprint
from assistant.index.keyword_index import KeywordIndex
from assistant.index.manifest import read_manifest
from assistant.ingest.chunker import chunk_document
from assistant.ingest.loaders import discover, load_file
from assistant.settings import Settings

from tests.conftest import REPO, SENTENCES, cli_command, subprocess_env

CHUNK_SETTINGS = ["--set", "ingest.chunk_chars=200", "--set", "ingest.overlap_sentences=0"]


def dir_bytes(folder: Path) -> int:
    total = 0
    for p in folder.rglob("*"):
        try:
            if p.is_file():
                total += p.stat().st_size
        except OSError:
            pass
    return total


def make_corpus(root: Path, n_docs: int = 300) -> None:
    root.mkdir(parents=True)
    for i in range(n_docs):
        body = SENTENCES[i % len(SENTENCES)]  # one short chunk per document: quick to embed
        (root / f"doc-{i:04d}.md").write_text(f"---\ntitle: \"Generated {i}\"\n---\n\nRecord {i}. {body}\n", "utf-8")


@pytest.mark.slow
def test_kill_9_mid_ingest_then_rerun_leaves_exact_index(tmp_path, embedder):
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    make_corpus(corpus)
    settings = Settings(index_dir=index_dir).model_copy(
        update={"ingest": Settings().ingest.model_copy(update={"chunk_chars": 200, "overlap_sentences": 0})})
    expected: set[str] = set()
    for path, root in discover([corpus])[0]:
        for doc in load_file(path, 10**7, root).documents:
            expected.update(c.id for c in chunk_document(doc, 200, 0))
    assert len(expected) == 300  # more than one encode group (256), so the kill lands between groups

    cmd = [*cli_command(), "ingest", str(corpus), "--index", str(index_dir), *CHUNK_SETTINGS]
    proc = subprocess.Popen(cmd, cwd=REPO, env=subprocess_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        sqlite = index_dir / "chroma" / "chroma.sqlite3"
        deadline = time.monotonic() + 180
        while not sqlite.exists() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        baseline = dir_bytes(index_dir / "chroma")
        # wait until the first group of vectors (256 x 384 floats, ~400 KB) is being written
        while dir_bytes(index_dir / "chroma") < baseline + 200_000 and proc.poll() is None \
                and time.monotonic() < deadline:
            time.sleep(0.02)
        assert proc.poll() is None, f"ingest ended before it could be killed: {proc.communicate()}"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL
    assert read_manifest(index_dir).status == "ingesting", "the crash should leave the manifest mid-ingest"

    rerun = subprocess.run(cmd, cwd=REPO, env=subprocess_env(), capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert f"index holds 300 documents, {len(expected)} chunks" in rerun.stdout

    idx = Index.open(settings, index_dir, embedder)
    state = idx.store.state()
    ids = [cid for rows in state.values() for cid, _ in rows]
    assert len(ids) == len(set(ids)) == idx.store.count(), "duplicates"
    assert set(ids) == expected, f"orphans: {len(set(ids) - expected)}, missing: {len(expected - set(ids))}"
    assert set(state) == {f"doc-{i:04d}" for i in range(300)}
    manifest = read_manifest(index_dir)
    assert manifest.status == "ready"
    assert (manifest.chunk_count, manifest.doc_count) == (len(expected), 300)
    assert manifest.corpus_hash == fingerprint(list(expected))
    assert KeywordIndex.saved_fingerprint(index_dir) == manifest.corpus_hash
    assert idx.keyword.fingerprint == manifest.corpus_hash and len(idx.keyword.ids) == len(expected)
    # every stored vector is searchable
    some = sorted(expected)[:: max(1, len(expected) // 5)]
    for cid, chunk in idx.store.get_chunks(some).items():
        hits = idx.store.search(embedder.embed_query(f"{chunk.meta.title}\n{chunk.text}"), k=5)
        assert cid in [c.id for c, _ in hits]

    third = subprocess.run(cmd, cwd=REPO, env=subprocess_env(), capture_output=True, text=True, timeout=300)
    assert third.returncode == 0 and "0 chunks embedded" in third.stdout, third.stdout + third.stderr
