"""JSONL files: one document per line, {"id", "text", "title"?, "url"?, "date"?, "publisher"?, ...}."""
from __future__ import annotations

import json
from pathlib import Path

from assistant.errors import LoadError
from assistant.ingest.loaders.base import LoadResult, check_id, decode_text, make_document, make_meta, read_bytes


def load_jsonl(path: Path, max_bytes: int, root: Path | None = None) -> LoadResult:
    text = decode_text(path, read_bytes(path, max_bytes))
    result = LoadResult(str(path))
    seen: set[str] = set()
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{path}:{lineno}"
        try:
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise LoadError(where, f"invalid JSON ({exc.msg})", "put one JSON object per line") from exc
            if not isinstance(record, dict):
                raise LoadError(where, "line is not a JSON object", 'write {"id": ..., "text": ...}')
            doc_id = check_id(record.get("id"), where)
            body = record.get("text")
            if not isinstance(body, str) or not body.strip():
                raise LoadError(where, "missing or empty \"text\"", "give each record a non-empty text field")
            if doc_id in seen:
                raise LoadError(where, f"duplicate id {doc_id!r} in this file", "give each record a unique id")
            seen.add(doc_id)
            fields = dict(record)
            if "date" in fields and "published" not in fields:
                fields["published"] = fields.pop("date")
            meta = make_meta(fields, where)
            result.documents.append(make_document(doc_id, body.replace("\r\n", "\n"), meta, str(path)))
        except LoadError as exc:
            result.errors.append(exc)
    if not result.documents and not result.errors:
        raise LoadError(str(path), "no records", "add one JSON object per line")
    return result
