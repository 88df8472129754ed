"""An opened index: the vector store, the keyword index and the manifest that ties them together."""
from __future__ import annotations

import hashlib
import threading
from pathlib import Path

from assistant.errors import IndexMissingError
from assistant.index.embeddings import MiniLMEmbeddings, get_embedder
from assistant.index.keyword_index import KeywordIndex
from assistant.index.manifest import Manifest, read_manifest
from assistant.index.vector_store import ChunkStore, make_client
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
                 embedder: MiniLMEmbeddings | None = None) -> None:
        self.settings = settings
        self.dir = index_dir
        self.manifest = manifest
        self.embedder = embedder or embedder_for(settings)
        self.store = ChunkStore(make_client(settings, index_dir), settings.collection, self.embedder)
        self._keyword: KeywordIndex | None = None
        self._lock = threading.Lock()

    @classmethod
    def open(cls, settings: Settings, index_dir: Path | None = None, embedder: MiniLMEmbeddings | None = None) -> "Index":
        """Open an existing index for reading; refuse a missing or mismatched one with the fix."""
        index_dir = Path(index_dir or settings.index_dir)
        manifest = read_manifest(index_dir)
        if manifest is None:
            raise IndexMissingError(f"no index at {index_dir}",
                                    f"build it: claimcheck ingest corpus --index {index_dir}")
        embedder = embedder or embedder_for(settings)
        manifest.check_compatible(embedder.model_id, embedder.dimension, CHUNKER_VERSION, index_dir)
        return cls(settings, index_dir, manifest, embedder)

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
                loaded = KeywordIndex.load(self.dir)
                if loaded is None or loaded.fingerprint != expected:
                    ids, texts = self.store.all_texts()
                    loaded = KeywordIndex.build(ids, texts, fingerprint(ids))
                self._keyword = loaded
            return self._keyword
