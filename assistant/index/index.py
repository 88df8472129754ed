"""An opened index: the vector store, the keyword index and the manifest that ties them together.

``Index.open`` refuses a damaged index with the command that rebuilds it (``IndexCorruptError``) rather than
answering from a silently empty store: an unreadable manifest or Chroma database, a manifest whose Chroma
folder is gone, or a store whose chunk count differs from the manifest's (when no writer is at work).
With ``store = "server"`` the manifest is read from the Chroma collection's metadata, so a process with an
empty ``index_dir`` can open an index another process ingested; the keyword index is then rebuilt from the
store. A damaged or stale keyword folder is never fatal: it is rebuilt from the store.
"""
from __future__ import annotations

import hashlib
import threading
from pathlib import Path

from assistant.errors import IndexCorruptError, IndexMissingError
from assistant.index.embeddings import MiniLMEmbeddings, get_embedder
from assistant.index.keyword_index import KeywordIndex
from assistant.index.manifest import Manifest, read_manifest
from assistant.index.vector_store import CHROMA_DIR, ChunkStore, make_client
from assistant.ingest.chunker import CHUNKER_VERSION
from assistant.settings import Settings


def fingerprint(ids: list[str]) -> str:
    """Hash of the sorted chunk ids: equal fingerprints mean the same chunks."""
    h = hashlib.sha256()
    for cid in sorted(ids):
        h.update(cid.encode())
        h.update(b"\n")
    return h.hexdigest()


def embedder_for(settings: Settings) -> MiniLMEmbeddings:
    e = settings.embedding
    return get_embedder(e.model_path, e.model_id, e.threads)


class Index:
    """Read access to an index (and the parts the ingest pipeline writes through)."""

    def __init__(self, settings: Settings, index_dir: Path, manifest: Manifest | None,
                 embedder: MiniLMEmbeddings | None = None, store: ChunkStore | None = None) -> None:
        self.settings = settings
        self.dir = index_dir
        self.manifest = manifest
        self.embedder = embedder or embedder_for(settings)
        self.store = store or ChunkStore(make_client(settings, index_dir), settings.collection, self.embedder)
        self._keyword: KeywordIndex | None = None
        self._lock = threading.Lock()

    @classmethod
    def open(cls, settings: Settings, index_dir: Path | None = None, embedder: MiniLMEmbeddings | None = None) -> "Index":
        """Open an existing index for reading; refuse a missing, mismatched or damaged one with the fix."""
        index_dir = Path(index_dir or settings.index_dir)
        rebuild = f"rebuild it: claimcheck ingest corpus --index {index_dir} --rebuild"
        store = None
        if settings.store == "server":
            embedder = embedder or embedder_for(settings)
            store = ChunkStore(make_client(settings, index_dir), settings.collection, embedder)
            manifest = store.read_manifest() or read_manifest(index_dir)
            where = f"collection '{settings.collection}' on {settings.chroma_host}:{settings.chroma_port}"
            if manifest is None:
                raise IndexMissingError(f"no index in the Chroma {where}",
                                        "build it: CLAIMCHECK_STORE=server claimcheck ingest corpus")
        else:
            manifest = read_manifest(index_dir)
            if manifest is None:
                raise IndexMissingError(f"no index at {index_dir}",
                                        f"build it: claimcheck ingest corpus --index {index_dir}")
            if manifest.chunk_count and not (index_dir / CHROMA_DIR / "chroma.sqlite3").is_file():
                raise IndexCorruptError(f"the index at {index_dir} lists {manifest.chunk_count} chunks but its "
                                        f"vector store ({index_dir / CHROMA_DIR}) is missing", rebuild)
        embedder = embedder or embedder_for(settings)
        manifest.check_compatible(embedder.model_id, embedder.dimension, CHUNKER_VERSION, index_dir)
        index = cls(settings, index_dir, manifest, embedder, store)
        index._check_count(rebuild)
        return index

    def _reread_manifest(self) -> Manifest | None:
        try:
            if self.settings.store == "server":
                return self.store.read_manifest() or read_manifest(self.dir)
            return read_manifest(self.dir)
        except IndexCorruptError:
            return None

    def _check_count(self, rebuild: str) -> None:
        """Refuse a store whose chunk count disagrees with a finished ingest's manifest.

        A manifest left "ingesting" (a writer at work, or a crash the next ingest repairs) may lag the
        store, but an empty store under a manifest that lists chunks is damage either way. If the manifest
        changed while we looked, a writer is at work: take the fresh one rather than cry corruption."""
        m = self.manifest
        try:
            count = self.store.count()
        except Exception as exc:  # noqa: BLE001 - a store that cannot count is damaged
            raise IndexCorruptError(f"the vector store of the index at {self.dir} cannot be read "
                                    f"({type(exc).__name__}: {exc})", rebuild) from exc
        if count == m.chunk_count or (m.status != "ready" and count > 0):
            return
        fresh = self._reread_manifest()
        if fresh is not None and (fresh.updated, fresh.status) != (m.updated, m.status):
            self.manifest = fresh
            if count == fresh.chunk_count or (fresh.status != "ready" and count > 0):
                return
        s = self.settings
        where = (f"the index in Chroma collection '{s.collection}' on {s.chroma_host}:{s.chroma_port}"
                 if s.store == "server" else f"the index at {self.dir}")
        raise IndexCorruptError(f"{where} is damaged: its manifest lists {m.chunk_count} chunks "
                                f"but the vector store holds {count}", rebuild)

    @property
    def version(self) -> str:
        """A short id of the indexed content, reported with every result."""
        return (self.manifest.corpus_hash[:12] if self.manifest else "") or "empty"

    @property
    def keyword(self) -> KeywordIndex:
        """The BM25 index, loaded from disk or rebuilt from the store if it is out of step."""
        with self._lock:
            if self._keyword is None:
                expected = self.manifest.corpus_hash if self.manifest else None
                try:
                    loaded = KeywordIndex.load(self.dir)
                except Exception:  # noqa: BLE001 - damaged derived data: rebuilt from the store below
                    loaded = None
                if loaded is None or loaded.fingerprint != expected:
                    ids, texts = self.store.all_texts()
                    loaded = KeywordIndex.build(ids, texts, fingerprint(ids))
                self._keyword = loaded
            return self._keyword
