"""How a chunk and its source metadata are stored as flat Chroma metadata, and read back."""
from __future__ import annotations

from assistant.ingest.chunker import CHUNKER_VERSION
from assistant.types import Chunk, SourceMeta

_META_FIELDS = ("title", "publisher", "publisher_type", "source_title", "document_symbol", "published", "url",
                "as_of", "provenance")


def chunk_to_metadata(chunk: Chunk, doc_hash: str, n_chunks: int, source_path: str) -> dict:
    meta = chunk.meta
    flat: dict = {f: str(getattr(meta, f) or "") for f in _META_FIELDS}
    flat.update(
        chunk_id=chunk.id, doc_id=chunk.doc_id, doc_hash=doc_hash, position=chunk.position, n_chunks=n_chunks,
        start=chunk.start, end=chunk.end, source_path=source_path, primary=bool(meta.primary),
        topics=",".join(meta.topics), chunker_version=CHUNKER_VERSION,
        note_start=int(meta.note_start if meta.note_start is not None else -1),
    )
    return flat


def chunk_from_record(chunk_id: str, text: str, flat: dict) -> Chunk:
    meta = SourceMeta(
        **{f: str(flat.get(f, "") or "") for f in _META_FIELDS},
        primary=bool(flat.get("primary", False)),
        topics=[t for t in str(flat.get("topics", "")).split(",") if t],
        note_start=int(flat.get("note_start", -1)),
    )
    return Chunk(id=chunk_id, doc_id=str(flat.get("doc_id", "")), text=text, start=int(flat.get("start", 0)),
                 end=int(flat.get("end", 0)), position=int(flat.get("position", 0)), meta=meta)
