"""The vector store: a Chroma collection (embedded PersistentClient or a Chroma server over HTTP).

Writes go straight to the Chroma collection (ids, our own embeddings, texts, metadata); searches go
through LangChain's ``VectorStore`` interface (langchain-chroma), so another LangChain vector store can
take Chroma's place by configuration of the client, not by rewriting retrieval.
With a Chroma server the collection's metadata also carries the index manifest (``read_manifest`` /
``write_manifest``), so several app processes can share one index without a local index folder.
"""
from __future__ import annotations

import time
from pathlib import Path
from typing import Iterator

import numpy as np

from assistant.errors import BackendError, IndexCorruptError
from assistant.index.chunk_metadata import chunk_from_record, chunk_to_metadata
from assistant.index.manifest import (
    MANIFEST_KEY,
    Manifest,
    manifest_from_metadata,
    manifest_to_metadata,
)
from assistant.settings import Settings
from assistant.types import Chunk

CHROMA_DIR = "chroma"
_PAGE = 5000


def make_client(settings: Settings, index_dir: Path):
    """A Chroma client for the configured store, telemetry off."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if settings.store == "server":
        try:
            return chromadb.HttpClient(host=settings.chroma_host, port=settings.chroma_port, settings=chroma_settings)
        except Exception as exc:  # connection refused, bad host: one clear message
            raise BackendError(f"cannot reach the Chroma server at {settings.chroma_host}:{settings.chroma_port} ({exc})",
                               "start it with 'chroma run --path DIR --port N' or set CLAIMCHECK_STORE=embedded") from exc
    path = index_dir / CHROMA_DIR
    path.mkdir(parents=True, exist_ok=True)
    try:
        return chromadb.PersistentClient(path=str(path), settings=chroma_settings)
    except Exception as exc:
        raise IndexCorruptError(f"the vector store in {path} cannot be opened ({type(exc).__name__}: {exc})",
                                f"rebuild it: claimcheck ingest corpus --index {index_dir} --rebuild") from exc


def release_embedded(index_dir: Path) -> None:
    """Forget this process's cached Chroma system for index_dir (Chroma shares one per path per process).

    Called before the folder is deleted (--rebuild): otherwise a client opened earlier in the same process
    keeps writing through handles to the deleted database ("attempt to write a readonly database").
    """
    try:
        from chromadb.api.shared_system_client import SharedSystemClient
    except ImportError:  # pragma: no cover - chromadb is a hard dependency
        return
    key = str(index_dir / CHROMA_DIR)
    system = SharedSystemClient._identifier_to_system.pop(key, None)
    SharedSystemClient._identifier_to_refcount.pop(key, None)
    if system is not None:
        try:
            system.stop()
        except Exception:  # noqa: BLE001 - a half-broken system is being thrown away anyway
            pass


class ChunkStore:
    """Chunks with their embeddings in one Chroma collection."""

    def __init__(self, client, collection_name: str, embedder) -> None:
        from langchain_chroma import Chroma

        self.client = client
        self.name = collection_name
        try:
            self.collection = client.get_or_create_collection(collection_name, metadata={"hnsw:space": "cosine"},
                                                              embedding_function=None)
        except Exception as exc:
            raise IndexCorruptError(f"the Chroma collection '{collection_name}' cannot be opened ({exc})",
                                    "rebuild the index with 'claimcheck ingest corpus --rebuild'") from exc
        self._count: tuple[int, float] | None = None
        self.langchain = Chroma(collection_name=collection_name, embedding_function=embedder, client=client,
                                collection_metadata={"hnsw:space": "cosine"})

    def count(self, max_age_s: float = 2.0) -> int:
        """Number of chunks, cached for max_age_s (every search clamps k with it)."""
        now = time.monotonic()
        if self._count is None or now - self._count[1] > max_age_s:
            self._count = (self.collection.count(), now)
        return self._count[0]

    def read_manifest(self) -> Manifest | None:
        """The manifest kept in the collection's metadata (server mode), read fresh; None if absent."""
        try:
            metadata = self.client.get_collection(self.name).metadata
        except Exception as exc:  # noqa: BLE001 - dropped collection, server gone: one clear message
            raise IndexCorruptError(f"the Chroma collection '{self.name}' cannot be read ({exc})",
                                    "rebuild the index with 'claimcheck ingest corpus --rebuild'") from exc
        return manifest_from_metadata(metadata, f"the Chroma collection '{self.name}'")

    def write_manifest(self, manifest: Manifest) -> None:
        """Store the manifest in the collection's metadata. Chroma replaces the whole metadata on modify
        and refuses any 'hnsw:' key there (the distance lives in the collection configuration), so only
        our own keys are written back."""
        current = self.client.get_collection(self.name).metadata or {}
        kept = {k: v for k, v in current.items() if not k.startswith("hnsw:") and k != MANIFEST_KEY}
        self.collection.modify(metadata={**kept, MANIFEST_KEY: manifest_to_metadata(manifest)})

    def upsert(self, chunks: list[Chunk], embeddings: np.ndarray, doc_hash: dict[str, str],
               n_chunks: dict[str, int], source_path: dict[str, str]) -> None:
        self._count = None
        self.collection.upsert(
            ids=[c.id for c in chunks],
            embeddings=embeddings,
            documents=[c.text for c in chunks],
            metadatas=[chunk_to_metadata(c, doc_hash[c.doc_id], n_chunks[c.doc_id], source_path[c.doc_id]) for c in chunks],
        )

    def delete(self, ids: list[str]) -> None:
        self._count = None
        for i in range(0, len(ids), _PAGE):
            self.collection.delete(ids=ids[i:i + _PAGE])

    def _pages(self, include: list[str]) -> Iterator[dict]:
        total = self.count(max_age_s=0)
        for offset in range(0, total, _PAGE):
            yield self.collection.get(include=include, limit=_PAGE, offset=offset)

    def state(self) -> dict[str, list[tuple[str, dict]]]:
        """doc_id -> [(chunk id, metadata)] for every stored chunk: what the ingest compares against."""
        by_doc: dict[str, list[tuple[str, dict]]] = {}
        for page in self._pages(["metadatas"]):
            for cid, meta in zip(page["ids"], page["metadatas"]):
                by_doc.setdefault(str(meta.get("doc_id", "")), []).append((cid, meta))
        return by_doc

    def all_texts(self) -> tuple[list[str], list[str]]:
        """(ids, texts) of every chunk, sorted by id: the keyword index is built from these."""
        rows: list[tuple[str, str]] = []
        for page in self._pages(["documents"]):
            rows.extend(zip(page["ids"], page["documents"]))
        rows.sort()
        return [r[0] for r in rows], [r[1] for r in rows]

    def get_chunks(self, ids: list[str]) -> dict[str, Chunk]:
        if not ids:
            return {}
        got = self.collection.get(ids=list(ids), include=["documents", "metadatas"])
        return {cid: chunk_from_record(cid, text, meta) for cid, text, meta in
                zip(got["ids"], got["documents"], got["metadatas"])}

    def search(self, query_embedding: list[float], k: int) -> list[tuple[Chunk, float]]:
        """(chunk, cosine similarity) best first, through LangChain's VectorStore interface."""
        k = min(k, max(self.count(), 1))
        hits = self.langchain.similarity_search_by_vector_with_relevance_scores(query_embedding, k=k)
        out = []
        for doc, distance in hits:
            cid = doc.id or doc.metadata.get("chunk_id", "")
            out.append((chunk_from_record(cid, doc.page_content, doc.metadata), 1.0 - float(distance)))
        return out
