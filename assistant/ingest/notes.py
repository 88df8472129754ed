"""The corpus's editorial notes: the closing ``Context:`` paragraph of a corpus document is written by us, not
by the source, and is never shown as the source's words.

``note_start(text)`` finds where that paragraph begins (set on ``SourceMeta.note_start`` when a document is
loaded and stored with every chunk); ``is_note`` says whether an evidence sentence lies inside it. A sentence
that itself opens with ``Context:`` counts as a note even in an index built before the offset was stored.
"""
from __future__ import annotations

import re

from assistant.types import Evidence

NOTE_LABEL = "claimcheck corpus note"
# a paragraph (start of text or after a blank line) that opens with "Context:" (bold allowed)
_NOTE = re.compile(r"(?:\A|\n[ \t]*\n)[ \t]*(?:\*\*|__)?Context:(?:\*\*|__)?", re.M)


def note_start(text: str) -> int:
    """Offset of the last ``Context:`` paragraph in text (its first character), or -1 when there is none."""
    found = -1
    for m in _NOTE.finditer(text):
        found = m.end() - len(m.group(0).lstrip("\n \t"))
    return found


def is_note(e: Evidence) -> bool:
    """True when the evidence sentence is part of the corpus's editorial note, not the source's text."""
    start = getattr(e.meta, "note_start", -1)
    return (start is not None and start >= 0 and e.start >= start) or e.text.lstrip().startswith("Context:")


def note_source(publisher: str, title: str = "") -> str:
    """How a note is attributed: to the corpus, about the source ("claimcheck corpus note on Europol")."""
    about = publisher or title
    return f"{NOTE_LABEL} on {about}" if about else NOTE_LABEL
