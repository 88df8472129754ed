"""PDF files through pypdf: the text of every page, pages separated by blank lines."""
from __future__ import annotations

import io
import logging
from pathlib import Path

from assistant.errors import LoadError
from assistant.ingest.loaders.base import LoadResult, make_document, make_meta, read_bytes, slug_id


def load_pdf(path: Path, max_bytes: int, root: Path | None = None) -> LoadResult:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    data = read_bytes(path, max_bytes)
    if not data.startswith(b"%PDF"):
        raise LoadError(str(path), "not a PDF file (no %PDF header)", "give a real PDF or rename the file")
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise LoadError(str(path), "PDF is encrypted", "save an unencrypted copy")
        pages = [(page.extract_text() or "").strip() for page in reader.pages]
        info = reader.metadata or {}
        title = str(info.get("/Title") or "").strip() or path.stem
    except LoadError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        raise LoadError(str(path), f"malformed PDF ({type(exc).__name__})", "re-export the PDF") from exc
    text = "\n\n".join(p for p in pages if p)
    if not text.strip():
        raise LoadError(str(path), "PDF has no extractable text (scanned images?)", "run OCR first or give a text version")
    meta = make_meta({"title": title}, str(path))
    return LoadResult(str(path), documents=[make_document(slug_id(path, root), text, meta, str(path))])
