"""The manifest ties the index to a model and chunker: a mismatch or a damaged file is refused with the fix."""
from __future__ import annotations

import json

import pytest

from assistant.errors import IndexCorruptError, IndexMismatchError, IndexMissingError
from assistant.index.index import Index
from assistant.index.manifest import MANIFEST_NAME, Manifest, read_manifest, write_manifest
from assistant.ingest.chunker import CHUNKER_VERSION
from assistant.ingest.pipeline import ingest


def tamper(index_dir, **fields):
    path = index_dir / MANIFEST_NAME
    data = json.loads(path.read_text())
    data.update(fields)
    path.write_text(json.dumps(data))


@pytest.fixture
def built(small_corpus, settings, index_dir, embedder):
    report = ingest([small_corpus], settings, index_dir)
    return report


def test_manifest_after_ingest(built, index_dir, embedder):
    m = read_manifest(index_dir)
    assert m.status == "ready" and m.embedding_model == embedder.model_id and m.embedding_dim == 384
    assert m.chunker_version == CHUNKER_VERSION and m.chunk_count == built.total_chunks and m.doc_count == 3
    assert not list(index_dir.glob(".manifest.*.tmp")), "temp files left behind"


def test_missing_index_is_refused(settings, tmp_path, embedder):
    with pytest.raises(IndexMissingError, match="claimcheck ingest"):
        Index.open(settings, tmp_path / "nothing", embedder)


@pytest.mark.parametrize("fields,words", [
    ({"embedding_model": "sentence-transformers/other-model"}, "embedding model sentence-transformers/other-model"),
    ({"embedding_dim": 768}, "(768d)"),
    ({"chunker_version": "sent-v0"}, "chunker sent-v0"),
    ({"schema_version": 99}, "index schema 99"),
])
def test_mismatch_refused_by_open_and_ingest_then_rebuild_works(built, small_corpus, settings, index_dir, embedder,
                                                                 fields, words):
    tamper(index_dir, **fields)
    with pytest.raises(IndexMismatchError) as exc:
        Index.open(settings, index_dir, embedder)
    assert words in str(exc.value) and "--rebuild" in str(exc.value)
    with pytest.raises(IndexMismatchError) as exc:
        ingest([small_corpus], settings, index_dir)
    assert "re-ingest" in str(exc.value) and "--rebuild" in str(exc.value)
    assert json.loads((index_dir / MANIFEST_NAME).read_text())[next(iter(fields))] == next(iter(fields.values())), \
        "a refused ingest must not touch the manifest"

    report = ingest([small_corpus], settings, index_dir, rebuild=True)
    assert report.added == 3 and report.chunks_embedded == built.total_chunks
    idx = Index.open(settings, index_dir, embedder)
    assert idx.manifest.status == "ready" and idx.store.count() == built.total_chunks


@pytest.mark.parametrize("content", ["{not json", "", "[]", '{"embedding_model": "x"}', "\x00\x01"])
def test_garbage_manifest_is_corrupt(built, small_corpus, settings, index_dir, embedder, content):
    (index_dir / MANIFEST_NAME).write_text(content)
    with pytest.raises(IndexCorruptError) as exc:
        Index.open(settings, index_dir, embedder)
    assert "manifest" in str(exc.value) and "--rebuild" in str(exc.value)
    with pytest.raises(IndexCorruptError):
        ingest([small_corpus], settings, index_dir)
    report = ingest([small_corpus], settings, index_dir, rebuild=True)
    assert report.total_chunks == built.total_chunks and read_manifest(index_dir).status == "ready"


def test_cli_mismatch_message_and_rebuild(built, small_corpus, index_dir, run_cli):
    tamper(index_dir, embedding_model="other/model")
    r = run_cli("ingest", small_corpus, "--index", index_dir)
    assert r.returncode == 2
    assert r.stderr.startswith("error: the index at") and "--rebuild" in r.stderr and "Traceback" not in r.stderr
    r = run_cli("ingest", small_corpus, "--index", index_dir, "--rebuild")
    assert r.returncode == 0, r.stderr
    assert f"index holds 3 documents, {built.total_chunks} chunks" in r.stdout
    assert read_manifest(index_dir).embedding_model == "sentence-transformers/all-MiniLM-L6-v2"


def test_write_manifest_is_atomic_replace(tmp_path):
    m = Manifest(embedding_model="m", embedding_dim=3, chunker_version="c", chunk_count=5)
    write_manifest(tmp_path, m)
    m.chunk_count = 6
    write_manifest(tmp_path, m)
    assert read_manifest(tmp_path).chunk_count == 6
    assert [p.name for p in tmp_path.iterdir()] == [MANIFEST_NAME]


def test_manifest_is_readable_by_others(tmp_path):
    write_manifest(tmp_path, Manifest(embedding_model="m", embedding_dim=3, chunker_version="c"))
    assert (tmp_path / MANIFEST_NAME).stat().st_mode & 0o777 == 0o644
