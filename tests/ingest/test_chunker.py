"""Chunking: sentence-aligned spans whose offsets round-trip, and content-derived, stable ids."""
from __future__ import annotations

import subprocess
import sys

from hypothesis import given, settings as hsettings, strategies as st

from assistant.ingest.chunker import CHUNKER_VERSION, chunk_document, chunk_id, chunk_spans
from assistant.ingest.loaders.base import make_document
from assistant.ingest.sentences import sentence_spans
from assistant.types import SourceMeta

from tests.conftest import REPO, corpus_text, subprocess_env


def doc(text: str, doc_id: str = "d1", title: str = "T"):
    return make_document(doc_id, text, SourceMeta(title=title), "x.md")


def test_offsets_round_trip_and_sizes():
    d = doc(corpus_text(1, 40))
    chunks = chunk_document(d, chunk_chars=400, overlap_sentences=1)
    assert len(chunks) > 3
    for i, c in enumerate(chunks):
        assert d.text[c.start:c.end] == c.text
        assert c.position == i and c.doc_id == "d1" and c.meta.title == "T"
        assert len(c.text) <= 400
    # sentence aligned: every chunk starts and ends on a sentence boundary
    starts = {s for s, _ in sentence_spans(d.text)}
    ends = {e for _, e in sentence_spans(d.text)}
    assert all(c.start in starts and c.end in ends for c in chunks)
    # consecutive chunks overlap by exactly one sentence, and together cover the text
    for a, b in zip(chunks, chunks[1:]):
        assert b.start < a.end, "no overlap"
        assert d.text[b.start:a.end] in split_last(a.text)
    assert chunks[0].start == sentence_spans(d.text)[0][0] and chunks[-1].end == sentence_spans(d.text)[-1][1]


def split_last(text: str) -> list[str]:
    from assistant.ingest.sentences import split_sentences

    return split_sentences(text)[-1:]


def test_no_overlap_setting():
    d = doc(corpus_text(2, 40))
    chunks = chunk_document(d, chunk_chars=300, overlap_sentences=0)
    for a, b in zip(chunks, chunks[1:]):
        assert b.start >= a.end


def test_long_sentence_is_cut_at_whitespace():
    text = " ".join(["word"] * 500)  # no punctuation at all
    spans = chunk_spans(text, chunk_chars=200, overlap_sentences=0)
    assert len(spans) > 5
    assert all(e - s <= 200 for s, e in spans)
    assert all(text[s] != " " and text[e - 1] != " " for s, e in spans)


def test_ids_stable_and_content_derived():
    text = corpus_text(3, 24)
    a = chunk_document(doc(text), 400)
    b = chunk_document(doc(text), 400)
    assert [c.id for c in a] == [c.id for c in b]
    assert len({c.id for c in a}) == len(a), "ids must be unique within a document"
    assert a[0].id == chunk_id(doc(text).content_hash, 0)
    # any change of text, metadata or id gives new ids for every chunk
    changed = chunk_document(doc(text.replace("Manchester", "Mancunian")), 400)
    assert not {c.id for c in a} & {c.id for c in changed}
    retitled = chunk_document(doc(text, title="Other"), 400)
    assert not {c.id for c in a} & {c.id for c in retitled}
    other_doc = chunk_document(doc(text, doc_id="d2"), 400)
    assert not {c.id for c in a} & {c.id for c in other_doc}


def test_ids_stable_across_processes():
    text = corpus_text(4, 16)
    code = ("import sys; from assistant.ingest.chunker import chunk_document; "
            "from assistant.ingest.loaders.base import make_document; from assistant.types import SourceMeta; "
            "d = make_document('d1', sys.stdin.read(), SourceMeta(title='T'), 'x.md'); "
            "print(' '.join(c.id for c in chunk_document(d, 400)))")
    out = subprocess.run([sys.executable, "-c", code], input=text, capture_output=True, text=True, cwd=REPO,
                         env=subprocess_env(), check=True, timeout=60).stdout.split()
    assert out == [c.id for c in chunk_document(doc(text), 400)]


def test_chunker_version_is_part_of_the_id():
    import hashlib

    assert chunk_id("h", 0) == hashlib.sha256(f"h:0:{CHUNKER_VERSION}".encode()).hexdigest()[:32]


@hsettings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab Cd. 9,!?\n\"U.S.")), max_size=3000),
       st.integers(min_value=200, max_value=1200), st.integers(min_value=0, max_value=3))
def test_offsets_round_trip_property(text, chunk_chars, overlap):
    d = doc(text)
    chunks = chunk_document(d, chunk_chars, overlap)
    for c in chunks:
        assert d.text[c.start:c.end] == c.text
        assert c.text.strip() == c.text and c.text
        assert len(c.text) <= chunk_chars
    assert [c.start for c in chunks] == sorted(c.start for c in chunks)
