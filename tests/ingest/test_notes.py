"""The corpus's notes (closing Later: / Context: paragraphs) are located at load and kept with every chunk."""
from __future__ import annotations

from assistant.index.chunk_metadata import chunk_from_record, chunk_to_metadata
from assistant.ingest.chunker import chunk_document
from assistant.ingest.loaders import load_file
from assistant.ingest.notes import is_note, note_start
from assistant.types import Evidence

DOC = """---
id: doc-notes
title: "A test"
publisher: "Europol"
topics: [returnees]
---

# A test

Europol's TE-SAT 2018 said about 1,500 had returned to EU countries. The report covered 2017.

Later: Europol updated the report in October 2018, eucrim said. It changed no figure.

Context: The 1,500 counts returnees to the EU only. They are not counts of fighters.
"""


def test_note_start_is_the_first_note_paragraph():
    text = "Source text.\n\nLater: later news.\n\nContext: our reading."
    assert text[note_start(text):].startswith("Later:")
    assert note_start("Source text only. Context: inline, not a paragraph.") == -1
    assert note_start("Context: a note alone.") == 0


def test_the_loader_and_the_index_keep_the_offset(tmp_path):
    path = tmp_path / "doc-notes.md"
    path.write_text(DOC, encoding="utf-8")
    doc = load_file(path, 1_000_000, tmp_path).documents[0]
    start = doc.meta.note_start
    assert doc.text[start:].startswith("Later: Europol updated")
    for chunk in chunk_document(doc, chunk_chars=120, overlap_sentences=1):
        back = chunk_from_record(chunk.id, chunk.text, chunk_to_metadata(chunk, doc.content_hash, 3, str(path)))
        assert back.meta.note_start == start
        for sentence in ("It changed no figure.", "They are not counts of fighters.", "The report covered 2017."):
            at = doc.text.find(sentence)
            if chunk.start <= at < chunk.end:
                e = Evidence(chunk_id=chunk.id, doc_id=doc.id, text=sentence, start=at, end=at + len(sentence),
                             score=1.0, meta=back.meta)
                assert is_note(e) == (sentence != "The report covered 2017.")


def test_an_index_without_the_offset_still_knows_a_context_sentence():
    flat = {"doc_id": "d", "start": 0, "end": 10}  # metadata written before note_start existed
    meta = chunk_from_record("c", "x", flat).meta
    assert meta.note_start == -1
    e = Evidence(chunk_id="c", doc_id="d", text="Context: our words.", start=0, end=19, score=1.0, meta=meta)
    assert is_note(e)
