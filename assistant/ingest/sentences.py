"""Sentence segmentation that keeps character offsets into the original text.

Used by the chunker (chunks end on sentence boundaries) and by evidence selection (evidence is quoted one
sentence at a time). Rules: blank lines, Markdown headings, list items and table rows are hard
boundaries; inside a block, a sentence ends at . ! or ? followed by space and a capital, digit or quote,
unless the dot ends a known abbreviation or an initial.
"""
from __future__ import annotations

import re

_ABBREVIATIONS = {
    "dr", "mr", "mrs", "ms", "st", "no", "nos", "vs", "etc", "e.g", "i.e", "u.s", "u.k", "u.n", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "gen", "col", "lt", "sgt", "prof",
    "inc", "ltd", "co", "approx", "fig", "art", "para", "cf", "al", "ca", "mt", "rev", "hon", "jr", "sr",
}
_BLOCK_BREAK = re.compile(r"\n[ \t]*\n|\n(?=[ \t]*(?:#{1,6}\s|[-*+]\s|\d+\.\s|\|))")
_SENTENCE_END = re.compile(r"[.!?]['\")\]]*(?=\s+['\"(\[]?[A-Z0-9])")


def _block_spans(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for m in _BLOCK_BREAK.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return spans


def _is_abbreviation(text: str, dot: int) -> bool:
    """True if the '.' at index dot closes an abbreviation or a single-letter initial."""
    start = dot
    while start > 0 and (text[start - 1].isalpha() or text[start - 1] == "."):
        start -= 1
    word = text[start:dot].lower()
    if not word:
        return False
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in text, whitespace trimmed, in order, never empty."""
    spans: list[tuple[int, int]] = []
    for b_start, b_end in _block_spans(text):
        block = text[b_start:b_end]
        cursor = 0
        for m in _SENTENCE_END.finditer(block):
            if block[m.start()] == "." and _is_abbreviation(block, m.start()):
                continue
            s, e = _trim(text, b_start + cursor, b_start + m.end())
            if e > s:
                spans.append((s, e))
            cursor = m.end()
        s, e = _trim(text, b_start + cursor, b_end)
        if e > s:
            spans.append((s, e))
    return spans


def split_sentences(text: str) -> list[str]:
    """The sentences of text, as strings."""
    return [text[s:e] for s, e in sentence_spans(text)]
