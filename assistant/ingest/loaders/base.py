"""Shared pieces of the loaders: reading a file safely, ids, hashing, the per-file result."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from assistant.errors import LoadError
from assistant.ingest.notes import note_start
from assistant.types import SourceDocument, SourceMeta

_ID_OK = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$")


@dataclass
class LoadResult:
    """What one file gave: its documents, the problems met, and how much hidden text was dropped."""

    path: str
    documents: list[SourceDocument] = field(default_factory=list)
    errors: list[LoadError] = field(default_factory=list)
    hidden_dropped: int = 0  # hidden HTML elements removed (the usual carrier of injected instructions)


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, or a LoadError for an unreadable, empty or oversized file."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise LoadError(str(path), f"file is {size:,} bytes, over the {max_bytes:,}-byte limit",
                            "split the file or raise CLAIMCHECK_INGEST__MAX_FILE_BYTES")
        data = path.read_bytes()
    except PermissionError as exc:
        raise LoadError(str(path), "file is not readable (permission denied)", "fix its permissions") from exc
    except OSError as exc:
        raise LoadError(str(path), f"file cannot be read ({exc.strerror or exc})", "check the path") from exc
    if not data.strip():
        raise LoadError(str(path), "file is empty", "remove it or add text")
    return data


def decode_text(path: Path, data: bytes) -> str:
    """UTF-8 text, or a LoadError for a binary or wrongly encoded file."""
    if b"\x00" in data[:8192]:
        raise LoadError(str(path), "file looks binary (contains NUL bytes)", "give a text, Markdown, HTML, PDF or JSONL file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise LoadError(str(path), f"file is not valid UTF-8 (byte {exc.start})", "re-save it as UTF-8") from exc
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise LoadError(str(path), "file has no text", "remove it or add text")
    return text


def slug_id(path: Path, root: Path | None) -> str:
    """A document id from a file path: relative to the ingest root, without suffix, safe characters."""
    try:
        rel = path.relative_to(root) if root else Path(path.name)
    except ValueError:
        rel = Path(path.name)
    raw = str(rel.with_suffix("")).replace("/", "-").replace("\\", "-")
    slug = re.sub(r"[^A-Za-z0-9._:-]+", "-", raw).strip("-.") or "document"
    return slug[:200]


def check_id(doc_id: object, where: str) -> str:
    """A valid document id, or a LoadError that says what ids look like."""
    if not isinstance(doc_id, str) or not _ID_OK.match(doc_id):
        raise LoadError(where, f"invalid document id {doc_id!r}",
                        "use 1-200 letters, digits, '.', '_', ':' or '-', starting with a letter or digit")
    return doc_id


def _plain(value: object) -> object:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def make_meta(fields: dict, where: str) -> SourceMeta:
    """SourceMeta from front matter or a JSONL record; dates become ISO strings."""
    clean = {k: _plain(v) for k, v in fields.items() if k not in ("id", "text") and v is not None}
    if isinstance(clean.get("topics"), str):
        clean["topics"] = [t.strip() for t in clean["topics"].split(",") if t.strip()]
    for key in ("title", "publisher", "publisher_type", "source_title", "document_symbol", "published", "url",
                "as_of", "provenance"):
        if key in clean and not isinstance(clean[key], str):
            clean[key] = str(clean[key])
    try:
        return SourceMeta(**clean)
    except Exception as exc:  # pydantic ValidationError: report, don't crash the run
        raise LoadError(where, f"bad metadata: {str(exc).splitlines()[0]}", "fix the front matter / record fields") from exc


def make_document(doc_id: str, text: str, meta: SourceMeta, path: str) -> SourceDocument:
    """A SourceDocument with its content hash (text + metadata) set, and where its editorial note starts."""
    meta = meta.model_copy(update={"note_start": note_start(text)})
    payload = json.dumps({"id": doc_id, "text": text, "meta": meta.model_dump()}, sort_keys=True, ensure_ascii=False)
    return SourceDocument(id=doc_id, text=text, meta=meta, path=path,
                          content_hash=hashlib.sha256(payload.encode("utf-8")).hexdigest())
