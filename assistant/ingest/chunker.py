"""Split a document into overlapping, sentence-aligned chunks with offsets and content-derived ids."""
from __future__ import annotations

import hashlib

from assistant.ingest.sentences import sentence_spans
from assistant.types import Chunk, SourceDocument

# Bump when chunk boundaries or ids would change: an index built with another version is refused.
CHUNKER_VERSION = "sent-v1"


def chunk_id(doc_hash: str, position: int) -> str:
    """Stable id from content: the same document text always gets the same chunk ids."""
    return hashlib.sha256(f"{doc_hash}:{position}:{CHUNKER_VERSION}".encode()).hexdigest()[:32]


def _split_long(start: int, end: int, text: str, limit: int) -> list[tuple[int, int]]:
    """Cut a span longer than limit at whitespace (a sentence with no punctuation, a table)."""
    pieces = []
    while end - start > limit:
        cut = text.rfind(" ", start + limit // 2, start + limit)
        cut = cut if cut > start else start + limit
        pieces.append((start, cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        pieces.append((start, end))
    return pieces


def chunk_spans(text: str, chunk_chars: int = 900, overlap_sentences: int = 1) -> list[tuple[int, int]]:
    """Spans of consecutive sentences of about chunk_chars, the last overlap_sentences repeated."""
    units: list[tuple[int, int]] = []
    for s, e in sentence_spans(text):
        units.extend(_split_long(s, e, text, chunk_chars))
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(units):
        j = i
        while j + 1 < len(units) and units[j + 1][1] - units[i][0] <= chunk_chars:
            j += 1
        spans.append((units[i][0], units[j][1]))
        if j + 1 >= len(units):
            break
        i = max(i + 1, j + 1 - overlap_sentences)
    return spans


def chunk_document(doc: SourceDocument, chunk_chars: int = 900, overlap_sentences: int = 1) -> list[Chunk]:
    """The chunks of doc; chunk.text == doc.text[chunk.start:chunk.end]."""
    return [
        Chunk(
            id=chunk_id(doc.content_hash, position),
            doc_id=doc.id,
            text=doc.text[start:end],
            start=start,
            end=end,
            position=position,
            meta=doc.meta,
        )
        for position, (start, end) in enumerate(chunk_spans(doc.text, chunk_chars, overlap_sentences))
    ]
