"""The ingest pipeline against a real Chroma in a temp folder and the real MiniLM model."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from assistant.index.index import Index, fingerprint
from assistant.index.keyword_index import KeywordIndex
from assistant.index.manifest import read_manifest
from assistant.ingest.chunker import chunk_document
from assistant.ingest.loaders import discover, load_file
from assistant.ingest.pipeline import ingest

from tests.conftest import HIDDEN_HTML_PAGE, corpus_text, md_doc


def expected_chunks(paths: list[Path], settings) -> dict[str, object]:
    """chunk id -> Chunk for what an index of exactly these paths must hold."""
    files, _ = discover(paths)
    out = {}
    for path, root in files:
        for doc in load_file(path, settings.ingest.max_file_bytes, root).documents:
            for c in chunk_document(doc, settings.ingest.chunk_chars, settings.ingest.overlap_sentences):
                out[c.id] = c
    return out


def stored(settings, index_dir: Path, embedder) -> dict[str, list[tuple[str, dict]]]:
    return Index.open(settings, index_dir, embedder).store.state()


def stored_ids(settings, index_dir, embedder) -> list[str]:
    return [cid for rows in stored(settings, index_dir, embedder).values() for cid, _ in rows]


def assert_consistent(settings, index_dir, embedder, expected_ids: set[str]) -> None:
    """Store holds exactly expected_ids; manifest and keyword index agree with it."""
    ids = stored_ids(settings, index_dir, embedder)
    assert len(ids) == len(set(ids))
    assert set(ids) == expected_ids
    manifest = read_manifest(index_dir)
    assert manifest.status == "ready"
    assert manifest.chunk_count == len(expected_ids)
    assert manifest.corpus_hash == fingerprint(list(expected_ids))
    assert KeywordIndex.saved_fingerprint(index_dir) == manifest.corpus_hash


def test_first_ingest_stores_every_chunk_with_offsets_and_metadata(small_corpus, settings, index_dir, embedder):
    report = ingest([small_corpus], settings, index_dir)
    want = expected_chunks([small_corpus], settings)
    assert report.files == 3 and report.documents == 3 and report.added == 3
    assert report.chunks_embedded == len(want) > 3
    assert report.total_chunks == len(want) and report.total_documents == 3
    assert not report.skipped
    assert_consistent(settings, index_dir, embedder, set(want))

    idx = Index.open(settings, index_dir, embedder)
    got = idx.store.get_chunks(list(want))
    docs = {d.id: d for p, r in discover([small_corpus])[0] for d in load_file(p, 10**6, r).documents}
    for cid, c in got.items():
        assert c.text == want[cid].text
        assert docs[c.doc_id].text[c.start:c.end] == c.text, "offsets must survive the round trip through Chroma"
        assert (c.position, c.start, c.end) == (want[cid].position, want[cid].start, want[cid].end)
        assert c.meta.publisher == "UN Monitoring Team" and c.meta.publisher_type == "un"
        assert c.meta.published == "2019-07-15" and c.meta.primary is True and c.meta.topics == ["fighters", "syria"]
    # the stored vectors are the model's: a chunk's own text finds it first
    target = next(iter(want.values()))
    hits = idx.store.search(embedder.embed_query(f"{target.meta.title}\n{target.text}"), k=3)
    assert hits[0][0].id == target.id and hits[0][1] > 0.99


def test_reingest_unchanged_embeds_nothing(small_corpus, settings, index_dir, embedder):
    first = ingest([small_corpus], settings, index_dir)
    manifest = read_manifest(index_dir)
    again = ingest([small_corpus], settings, index_dir)
    assert again.chunks_embedded == 0 and again.chunks_deleted == 0
    assert again.unchanged == 3 and again.added == again.updated == again.repaired == 0
    assert (again.total_chunks, again.total_documents) == (first.total_chunks, first.total_documents)
    assert read_manifest(index_dir).corpus_hash == manifest.corpus_hash
    assert_consistent(settings, index_dir, embedder, set(expected_chunks([small_corpus], settings)))


def test_changed_file_replaces_its_old_chunks(small_corpus, settings, index_dir, embedder, write):
    ingest([small_corpus], settings, index_dir)
    before = stored(settings, index_dir, embedder)
    old_ids = {cid for cid, _ in before["doc-1"]}
    write(small_corpus / "doc1.md", md_doc("doc-1", "Document 1", "# Document 1\n\n" + corpus_text(99, 16)))
    report = ingest([small_corpus], settings, index_dir)
    assert report.updated == 1 and report.unchanged == 2
    want = expected_chunks([small_corpus], settings)
    new_ids = {cid for cid, c in want.items() if c.doc_id == "doc-1"}
    assert report.chunks_embedded == len(new_ids) and report.chunks_deleted == len(old_ids)
    after = stored(settings, index_dir, embedder)
    assert {cid for cid, _ in after["doc-1"]} == new_ids
    assert not old_ids & set(stored_ids(settings, index_dir, embedder)), "old chunk ids left behind"
    assert {cid for cid, _ in after["doc-0"]} == {cid for cid, _ in before["doc-0"]}
    assert_consistent(settings, index_dir, embedder, set(want))


def test_metadata_only_change_reembeds(small_corpus, settings, index_dir, embedder, write):
    ingest([small_corpus], settings, index_dir)
    path = small_corpus / "doc2.md"
    write(path, path.read_text().replace('publisher_type: un', 'publisher_type: research'))
    report = ingest([small_corpus], settings, index_dir)
    assert report.updated == 1 and report.chunks_embedded > 0
    idx = Index.open(settings, index_dir, embedder)
    rows = idx.store.state()["doc-2"]
    assert {meta["publisher_type"] for _, meta in rows} == {"research"}


def test_removed_file_is_stale_until_pruned(small_corpus, settings, index_dir, embedder):
    ingest([small_corpus], settings, index_dir)
    gone = {cid for cid, _ in stored(settings, index_dir, embedder)["doc-2"]}
    (small_corpus / "doc2.md").unlink()

    report = ingest([small_corpus], settings, index_dir)
    assert report.stale == ["doc-2"] and report.removed == 0 and report.chunks_deleted == 0
    assert gone <= set(stored_ids(settings, index_dir, embedder)), "without --prune nothing is deleted"
    assert "--prune" in report.summary()

    report = ingest([small_corpus], settings, index_dir, prune=True)
    assert report.removed == 1 and report.chunks_deleted == len(gone) and not report.stale
    assert_consistent(settings, index_dir, embedder, set(expected_chunks([small_corpus], settings)))


def test_prune_only_touches_the_paths_given(tmp_path, small_corpus, settings, index_dir, embedder, write):
    other = tmp_path / "other"
    write(other / "x.md", md_doc("other-x", "Other", corpus_text(7, 8)))
    ingest([small_corpus, other], settings, index_dir)
    report = ingest([small_corpus], settings, index_dir, prune=True)
    assert report.removed == 0 and report.stale == []
    assert "other-x" in stored(settings, index_dir, embedder)


def test_html_hidden_counts_reach_the_report(tmp_path, settings, index_dir, embedder, write):
    write(tmp_path / "web" / "page.html", HIDDEN_HTML_PAGE)
    report = ingest([tmp_path / "web"], settings, index_dir)
    assert report.hidden_dropped == 6 and "6 hidden HTML elements dropped" in report.summary()
    idx = Index.open(settings, index_dir, embedder)
    ids, texts = idx.store.all_texts()
    assert ids and not any("HIDDEN" in t or "SCRIPT" in t for t in texts)


def test_jsonl_pdf_text_html_together(tmp_path, settings, index_dir, embedder, write, make_pdf):
    src = tmp_path / "mixed"
    write(src / "a.jsonl", "\n".join(json.dumps({"id": f"j{i}", "text": corpus_text(i, 4)}) for i in range(3))
          + "\n{broken\n")
    make_pdf(src / "b.pdf", [["The UN Monitoring Team estimated 30,000 foreign fighters."]])
    write(src / "c.txt", corpus_text(11, 4))
    write(src / "d.html", "<html><body><main><p>Europol counted 119 attacks in 2019.</p></main></body></html>")
    report = ingest([src], settings, index_dir)
    assert report.files == 4 and report.documents == 6
    assert [e.path for e in report.skipped] == [f"{src / 'a.jsonl'}:4"]
    assert set(stored(settings, index_dir, embedder)) == {"j0", "j1", "j2", "b", "c", "d"}
    assert_consistent(settings, index_dir, embedder, set(expected_chunks([src], settings)))


def test_bad_inputs_are_skipped_and_nothing_stored_is_lost(tmp_path, small_corpus, settings, index_dir, embedder,
                                                           write):
    ingest([small_corpus], settings, index_dir)
    before = set(stored_ids(settings, index_dir, embedder))

    bad = {
        "empty.md": "",
        "binary.txt": b"\x00\x01\x02binary" * 50,
        "big.txt": "A sentence about fighters. " * 400,  # over the 5,000-byte limit set below
        "bad-yaml.md": "---\ntitle: [unclosed\n---\n\nBody.\n",
        "broken.pdf": b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog\n" * 4,
    }
    for name, content in bad.items():
        write(small_corpus / name, content)
    unsupported = write(tmp_path / "notes.docx", "a Word file")
    missing = tmp_path / "no-such-folder"
    # a previously good document that is now broken keeps its chunks, even with --prune
    write(small_corpus / "doc0.md", "---\nid: doc-0\ntitle: [broken\n---\n\nNew body.\n")
    good_new = write(small_corpus / "new.md", "# New\n\nA new document about 119 attacks in 2019. It is fine.\n")

    small = settings.model_copy(update={"ingest": settings.ingest.model_copy(update={"max_file_bytes": 5000})})
    report = ingest([small_corpus, unsupported, missing], small, index_dir, prune=True)

    reasons = {e.path: e.reason for e in report.skipped}
    assert set(reasons) == {str(small_corpus / n) for n in bad} | {str(small_corpus / "doc0.md"), str(unsupported),
                                                                    str(missing)}
    assert "empty" in reasons[str(small_corpus / "empty.md")]
    assert "binary" in reasons[str(small_corpus / "binary.txt")]
    assert "over the 5,000-byte limit" in reasons[str(small_corpus / "big.txt")]
    assert "malformed YAML" in reasons[str(small_corpus / "bad-yaml.md")]
    assert "PDF" in reasons[str(small_corpus / "broken.pdf")]
    assert "unsupported file type" in reasons[str(unsupported)]
    assert "no such file" in reasons[str(missing)]
    summary = report.summary()
    assert all(p in summary for p in reasons)

    after = set(stored_ids(settings, index_dir, embedder))
    assert before <= after, "a skipped file must not lose what was stored"
    assert report.added == 1 and report.removed == 0
    new_ids = {c for c, ch in expected_chunks([good_new], small).items()}
    assert after == before | new_ids
    assert "doc-0" in report.stale
    manifest = read_manifest(index_dir)
    assert manifest.status == "ready" and manifest.chunk_count == len(after)


@pytest.mark.skipif(os.geteuid() == 0, reason="running as root: chmod 000 does not stop root from reading")
def test_unreadable_file_is_skipped(small_corpus, settings, index_dir, embedder, write):
    path = write(small_corpus / "locked.md", "Text.\n")
    path.chmod(0)
    try:
        report = ingest([small_corpus], settings, index_dir)
        assert [e.path for e in report.skipped] == [str(path)] and "not readable" in report.skipped[0].reason
        assert report.documents == 3
    finally:
        path.chmod(0o644)


def test_rebuild_in_the_same_process(tmp_path, small_corpus, settings, index_dir, embedder, write):
    ingest([small_corpus], settings, index_dir)
    Index.open(settings, index_dir, embedder).store.count()  # a client open on the old store
    other = tmp_path / "other"
    write(other / "x.md", md_doc("other-x", "Other", corpus_text(7, 8)))
    report = ingest([other], settings, index_dir, rebuild=True)
    assert report.added == 1
    assert_consistent(settings, index_dir, embedder, set(expected_chunks([other], settings)))
    assert ingest([other], settings, index_dir).chunks_embedded == 0


def test_saved_state_is_used_only_when_it_matches(small_corpus, settings, index_dir, embedder):
    from assistant.ingest.pipeline import STATE_NAME

    first = ingest([small_corpus], settings, index_dir)
    state_path = index_dir / STATE_NAME
    saved = json.loads(state_path.read_text())
    assert saved["corpus_hash"] == read_manifest(index_dir).corpus_hash
    assert sorted(row[0] for row in saved["chunks"]) == sorted(stored_ids(settings, index_dir, embedder))
    mtime = state_path.stat().st_mtime_ns
    assert ingest([small_corpus], settings, index_dir).unchanged == 3
    assert state_path.stat().st_mtime_ns == mtime, "an unchanged run need not rewrite the state file"

    # a crash leaves the manifest "ingesting": the state file must not be trusted, even if it looks right
    bogus = [[f"bogus{i}", "bogus-doc", "h", "/nowhere"] for i in range(len(saved["chunks"]))]
    state_path.write_text(json.dumps({"corpus_hash": saved["corpus_hash"], "chunks": bogus}))
    manifest_path = index_dir / "manifest.json"
    m = json.loads(manifest_path.read_text())
    manifest_path.write_text(json.dumps(dict(m, status="ingesting")))
    report = ingest([small_corpus], settings, index_dir)
    assert report.unchanged == 3 and report.chunks_embedded == 0 and report.stale == []
    assert json.loads(state_path.read_text())["chunks"] == saved["chunks"], "rewritten from the store"

    # chunks gone from the store behind the index's back: the count differs, so the store is read again
    victim = saved["chunks"][0][0]
    Index.open(settings, index_dir, embedder).store.delete([victim])
    report = ingest([small_corpus], settings, index_dir)
    assert report.repaired == 1 and report.chunks_embedded == 1
    assert_consistent(settings, index_dir, embedder, {row[0] for row in saved["chunks"]})

    # an unreadable state file is ignored
    state_path.write_text("{not json")
    assert ingest([small_corpus], settings, index_dir).chunks_embedded == 0
    assert json.loads(state_path.read_text())["corpus_hash"] == read_manifest(index_dir).corpus_hash
    assert first.total_chunks == len(saved["chunks"])
