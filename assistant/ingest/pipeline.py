"""Ingest: source files -> chunks -> embeddings -> vector store + keyword index, idempotent and crash-safe.

How it stays correct after a crash (kill -9 at any point):
- chunk ids derive from the document's content hash, so re-adding a chunk is an upsert, never a duplicate;
- every chunk records its document's hash and chunk count, so a half-written document is seen as
  incomplete and only its missing chunks are embedded on the next run;
- old chunks of a changed document are deleted only after the new ones are stored;
- the keyword index and manifest are derived from the store and written last, atomically.
One writer at a time is enforced by a lock file. With a Chroma server (``store = "server"``) the manifest
is also written into the collection's metadata (and read from there), so other app processes sharing the
server need no local index folder; the lock file is local, so run one ingest at a time per server.

A no-op re-ingest must stay cheap on a large corpus, so a successful run also leaves ``ingest_state.json``:
each stored chunk's id, document, document hash and source path, tagged with the manifest's corpus hash.
The next run uses it instead of reading every chunk's metadata back from Chroma, but only when the
manifest says "ready" (the previous run finished: a crash leaves "ingesting"), the tag matches the
manifest and the store holds the same number of chunks; otherwise it reads the store as before.
"""
from __future__ import annotations

import json
import shutil
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from assistant.errors import LoadError
from assistant.index.atomic import atomic_write_text
from assistant.index.index import embedder_for, fingerprint
from assistant.index.keyword_index import KEYWORD_DIR, KeywordIndex
from assistant.index.lock import WriterLock
from assistant.index.manifest import MANIFEST_NAME, Manifest, read_manifest, write_manifest
from assistant.index.vector_store import CHROMA_DIR, ChunkStore, make_client, release_embedded
from assistant.ingest.chunker import CHUNKER_VERSION, chunk_document
from assistant.ingest.loaders import discover, load_file
from assistant.settings import Settings
from assistant.types import Chunk, SourceDocument

ENCODE_GROUP = 256  # chunks per encode call (the model batches inside it)
STATE_NAME = "ingest_state.json"  # what the store held after the last successful run (see the module doc)


@dataclass
class IngestReport:
    files: int = 0
    documents: int = 0
    unchanged: int = 0
    added: int = 0
    updated: int = 0
    repaired: int = 0
    removed: int = 0
    chunks_embedded: int = 0
    chunks_deleted: int = 0
    total_documents: int = 0
    total_chunks: int = 0
    hidden_dropped: int = 0
    stale: list[str] = field(default_factory=list)  # indexed docs whose source is gone (not pruned)
    skipped: list[LoadError] = field(default_factory=list)
    seconds: float = 0.0
    embed_seconds: float = 0.0

    def summary(self) -> str:
        parts = [f"{self.files} files, {self.documents} documents: {self.added} added, {self.updated} updated, "
                 f"{self.unchanged} unchanged" + (f", {self.repaired} repaired" if self.repaired else "")
                 + (f", {self.removed} removed" if self.removed else ""),
                 f"{self.chunks_embedded} chunks embedded, {self.chunks_deleted} deleted; index holds "
                 f"{self.total_documents} documents, {self.total_chunks} chunks ({self.seconds:.1f} s)"]
        if self.hidden_dropped:
            parts.append(f"{self.hidden_dropped} hidden HTML elements dropped")
        if self.skipped:
            parts.append(f"{len(self.skipped)} skipped:\n" + "\n".join(f"  - {e}" for e in self.skipped))
        if self.stale:
            parts.append(f"{len(self.stale)} indexed documents no longer have a source ({', '.join(self.stale[:5])}"
                         f"{'...' if len(self.stale) > 5 else ''}) -> run again with --prune to remove them")
        return "\n".join(parts)


def _wipe(index_dir: Path, settings: Settings) -> None:
    if settings.store == "server":
        client = make_client(settings, index_dir)
        try:
            client.delete_collection(settings.collection)
        except Exception:  # noqa: BLE001 - absent collection is fine
            pass
    else:
        release_embedded(index_dir)
    shutil.rmtree(index_dir / CHROMA_DIR, ignore_errors=True)
    shutil.rmtree(index_dir / KEYWORD_DIR, ignore_errors=True)
    (index_dir / STATE_NAME).unlink(missing_ok=True)
    (index_dir / MANIFEST_NAME).unlink(missing_ok=True)


def _save_manifest(index_dir: Path, manifest: Manifest, store: ChunkStore | None, settings: Settings) -> None:
    """The manifest on disk, and in the collection's metadata when the store is a shared Chroma server."""
    write_manifest(index_dir, manifest)
    if settings.store == "server":
        store.write_manifest(manifest)


def _read_state(index_dir: Path, manifest: Manifest | None, store: ChunkStore, settings: Settings
                ) -> tuple[dict[str, list[tuple[str, dict]]], bool]:
    """(ChunkStore.state(), True) from ingest_state.json when it is known to match the store, else
    (the state read from the store, False)."""
    if manifest is not None and manifest.status == "ready" and settings.store == "embedded":
        try:
            saved = json.loads((index_dir / STATE_NAME).read_text("utf-8"))
            rows = saved["chunks"]
            if saved["corpus_hash"] == manifest.corpus_hash and len(rows) == store.count():
                state: dict[str, list[tuple[str, dict]]] = {}
                for cid, doc_id, doc_hash, source in rows:
                    state.setdefault(doc_id, []).append((cid, {"doc_id": doc_id, "doc_hash": doc_hash,
                                                               "source_path": source}))
                return state, True
        except (OSError, ValueError, KeyError, TypeError):
            pass
    return store.state(), False


def _write_state(index_dir: Path, rows: dict[str, tuple[str, str, str]], corpus_hash: str) -> None:
    """Atomically save chunk id -> (doc id, doc hash, source path), tagged with the corpus hash."""
    payload = {"corpus_hash": corpus_hash, "chunks": [[cid, *row] for cid, row in sorted(rows.items())]}
    atomic_write_text(index_dir / STATE_NAME, json.dumps(payload, separators=(",", ":")))


def _resolved(source_path: str) -> Path | None:
    try:
        return Path(source_path).resolve()
    except (OSError, ValueError):
        return None


def _under(source_path: str, roots: list[Path]) -> bool:
    """True if a stored document's source file lies in (or is) one of the paths being ingested."""
    resolved = _resolved(source_path)
    return resolved is not None and any(resolved == r or r in resolved.parents for r in roots)


def _load_all(paths: list[Path], settings: Settings, report: IngestReport) -> tuple[list[SourceDocument], set[str]]:
    """Load every file; returns the documents and the paths of files that failed (their old chunks stay)."""
    files, errors = discover(paths)
    report.skipped.extend(errors)
    report.files = len(files)
    docs: dict[str, SourceDocument] = {}
    failed: set[str] = set()
    for path, root in files:
        result = load_file(path, settings.ingest.max_file_bytes, root)
        report.hidden_dropped += result.hidden_dropped
        report.skipped.extend(result.errors)
        if result.errors and not result.documents:
            failed.add(str(path.resolve()))
        for doc in result.documents:
            if doc.id in docs:
                report.skipped.append(LoadError(doc.path, f"duplicate document id {doc.id!r} (also in {docs[doc.id].path})",
                                                "give each document a unique id"))
                continue
            docs[doc.id] = doc
    report.documents = len(docs)
    return list(docs.values()), failed


def _embed_and_store(store: ChunkStore, embedder, todo: list[Chunk], docs: dict[str, SourceDocument],
                     n_chunks: dict[str, int], batch_size: int, progress: bool, report: IngestReport) -> None:
    """Encode in groups while the previous group is written (the model and Chroma overlap)."""
    if not todo:
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    doc_hash = {d: docs[d].content_hash for d in n_chunks}
    source = {d: docs[d].path for d in n_chunks}
    bar = Progress(TextColumn("embedding"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                   disable=not progress, transient=True)
    started = time.perf_counter()
    with bar, ThreadPoolExecutor(max_workers=1) as writer:
        task = bar.add_task("embed", total=len(todo))
        pending: Future | None = None
        for i in range(0, len(todo), ENCODE_GROUP):
            group = todo[i:i + ENCODE_GROUP]
            vectors = embedder.encode([f"{c.meta.title}\n{c.text}" if c.meta.title else c.text for c in group], batch_size)
            if pending is not None:
                pending.result()
            pending = writer.submit(store.upsert, group, vectors, doc_hash, n_chunks, source)
            bar.advance(task, len(group))
        if pending is not None:
            pending.result()
    report.embed_seconds = time.perf_counter() - started
    report.chunks_embedded = len(todo)


def ingest(paths: list[Path | str], settings: Settings, index_dir: Path | None = None, *, prune: bool = False,
           rebuild: bool = False, progress: bool = False) -> IngestReport:
    """Bring the index in line with the given files and folders; see the module doc for the guarantees."""
    started = time.perf_counter()
    index_dir = Path(index_dir or settings.index_dir)
    paths = [Path(p) for p in paths]
    report = IngestReport()
    with WriterLock(index_dir):
        if rebuild:
            _wipe(index_dir, settings)
        embedder = embedder_for(settings)
        # Embedded mode marks the manifest "ingesting" before the store is touched, so a crash at any later
        # point is seen by the next run; a shared server keeps its manifest in the collection itself.
        server = settings.store == "server"
        store = ChunkStore(make_client(settings, index_dir), settings.collection, embedder) if server else None
        manifest = (store.read_manifest() if server else None) or read_manifest(index_dir)
        previous = manifest.model_copy() if manifest is not None else None
        if manifest is not None:
            manifest.check_compatible(embedder.model_id, embedder.dimension, CHUNKER_VERSION, index_dir)
        else:
            manifest = Manifest(embedding_model=embedder.model_id, embedding_dim=embedder.dimension,
                                chunker_version=CHUNKER_VERSION)
        manifest.status = "ingesting"
        _save_manifest(index_dir, manifest, store, settings)
        store = store or ChunkStore(make_client(settings, index_dir), settings.collection, embedder)

        state, state_saved = _read_state(index_dir, previous, store, settings)
        docs, failed = _load_all(paths, settings, report)
        by_id = {d.id: d for d in docs}

        todo: list[Chunk] = []
        to_delete: list[str] = []
        n_chunks: dict[str, int] = {}
        for doc in docs:
            chunks = chunk_document(doc, settings.ingest.chunk_chars, settings.ingest.overlap_sentences)
            wanted = {c.id for c in chunks}
            stored = state.get(doc.id, [])
            present = {cid for cid, meta in stored if meta.get("doc_hash") == doc.content_hash}
            to_delete.extend(cid for cid, _ in stored if cid not in wanted)
            missing = [c for c in chunks if c.id not in present]
            if missing:
                n_chunks[doc.id] = len(chunks)
                todo.extend(missing)
            if not stored:
                report.added += 1
            elif not missing and len(present) == len(stored):
                report.unchanged += 1
            elif any(meta.get("doc_hash") != doc.content_hash for _, meta in stored):
                report.updated += 1
            else:
                report.repaired += 1

        roots = [p.resolve() for p in paths]
        for doc_id, stored in state.items():
            if doc_id in by_id:
                continue
            source = str(stored[0][1].get("source_path", ""))
            if not doc_id or (prune and _under(source, roots) and str(_resolved(source)) not in failed):
                to_delete.extend(cid for cid, _ in stored)
                report.removed += 1 if doc_id else 0
            elif _under(source, roots):
                report.stale.append(doc_id)

        _embed_and_store(store, embedder, todo, by_id, n_chunks, settings.ingest.embed_batch_size, progress, report)
        store.delete(to_delete)
        report.chunks_deleted = len(to_delete)

        rows = {cid: (doc_id, str(meta.get("doc_hash", "")), str(meta.get("source_path", "")))
                for doc_id, stored in state.items() for cid, meta in stored}
        rows.update({c.id: (c.doc_id, by_id[c.doc_id].content_hash, by_id[c.doc_id].path) for c in todo})
        for cid in to_delete:
            rows.pop(cid, None)
        doc_of = {cid: row[0] for cid, row in rows.items()}
        corpus_hash = fingerprint(list(doc_of))
        if corpus_hash != manifest.corpus_hash or KeywordIndex.saved_fingerprint(index_dir) != corpus_hash:
            ids, texts = store.all_texts()
            corpus_hash = fingerprint(ids)
            KeywordIndex.build(ids, texts, corpus_hash).save(index_dir)
        if corpus_hash == fingerprint(list(doc_of)):
            if not (state_saved and corpus_hash == previous.corpus_hash):  # else the saved file is still right
                _write_state(index_dir, rows, corpus_hash)
        else:  # the store holds something else than computed: never let a wrong state file be trusted
            (index_dir / STATE_NAME).unlink(missing_ok=True)
        report.total_chunks = len(doc_of)
        report.total_documents = len(set(doc_of.values()))
        manifest.corpus_hash = corpus_hash
        manifest.chunk_count = report.total_chunks
        manifest.doc_count = report.total_documents
        manifest.status = "ready"
        _save_manifest(index_dir, manifest, store, settings)
    report.seconds = time.perf_counter() - started
    return report
