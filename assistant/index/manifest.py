"""The index manifest: what an index was built with, so a mismatched index is refused, not misused.

With the embedded store it lives in ``index_dir/manifest.json``. With a Chroma server (``store = "server"``)
the ingest also writes it into the collection's metadata (``MANIFEST_KEY``), so any app process pointed at
the same server can open the index with an empty ``index_dir``.
"""
from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

from pydantic import BaseModel, ValidationError

from assistant.errors import IndexCorruptError, IndexMismatchError
from assistant.index.atomic import atomic_write_text

MANIFEST_NAME = "manifest.json"
MANIFEST_KEY = "claimcheck_manifest"  # key in the Chroma collection metadata (server mode)
SCHEMA_VERSION = 1


class Manifest(BaseModel):
    schema_version: int = SCHEMA_VERSION
    embedding_model: str
    embedding_dim: int
    chunker_version: str
    corpus_hash: str = ""  # sha256 of the sorted chunk ids: changes whenever any chunk does
    doc_count: int = 0
    chunk_count: int = 0
    status: str = "ready"  # "ingesting" while a writer runs; left so by a crash, repaired next run
    updated: str = ""

    def check_compatible(self, embedding_model: str, embedding_dim: int, chunker_version: str, where: Path) -> None:
        """Refuse an index built with another model, dimension or chunker."""
        problems = []
        if self.embedding_model != embedding_model or self.embedding_dim != embedding_dim:
            problems.append(f"embedding model {self.embedding_model} ({self.embedding_dim}d), "
                            f"this app uses {embedding_model} ({embedding_dim}d)")
        if self.chunker_version != chunker_version:
            problems.append(f"chunker {self.chunker_version}, this app uses {chunker_version}")
        if self.schema_version != SCHEMA_VERSION:
            problems.append(f"index schema {self.schema_version}, this app uses {SCHEMA_VERSION}")
        if problems:
            raise IndexMismatchError(f"the index at {where} was built with " + "; ".join(problems),
                                     f"re-ingest: claimcheck ingest corpus --index {where} --rebuild")


def read_manifest(index_dir: Path) -> Manifest | None:
    """The manifest, None if the index has none yet, IndexCorruptError if it is unreadable."""
    path = index_dir / MANIFEST_NAME
    if not path.exists():
        return None
    try:
        return Manifest.model_validate(json.loads(path.read_text("utf-8")))
    except (OSError, ValueError, ValidationError) as exc:
        raise IndexCorruptError(f"the index manifest {path} is damaged ({type(exc).__name__})",
                                f"rebuild it: claimcheck ingest corpus --index {index_dir} --rebuild") from exc


def write_manifest(index_dir: Path, manifest: Manifest) -> None:
    """Write atomically (temp file + fsync + rename): a crash leaves the old or the new manifest, never half."""
    manifest.updated = datetime.now(timezone.utc).isoformat(timespec="seconds")
    index_dir.mkdir(parents=True, exist_ok=True)
    atomic_write_text(index_dir / MANIFEST_NAME, manifest.model_dump_json(indent=2))


def manifest_from_metadata(metadata: dict | None, where: str) -> Manifest | None:
    """The manifest kept in a Chroma collection's metadata (server mode); None if it has none."""
    raw = (metadata or {}).get(MANIFEST_KEY)
    if raw is None:
        return None
    try:
        return Manifest.model_validate(json.loads(str(raw)))
    except (ValueError, ValidationError) as exc:
        raise IndexCorruptError(f"the index manifest in {where} is damaged ({type(exc).__name__})",
                                "rebuild it: claimcheck ingest corpus --rebuild") from exc


def manifest_to_metadata(manifest: Manifest) -> str:
    """The manifest as the JSON string stored under MANIFEST_KEY."""
    return manifest.model_dump_json()
