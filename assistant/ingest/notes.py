"""The corpus's editorial notes: the closing paragraphs of a corpus document that open with ``Later:`` (what
was reported after the source's date, with its own attribution) or ``Context:`` (how the figures are
commonly misread) are written by us, not by the source, and are never shown as the source's words.

``note_start(text)`` finds where the first of those paragraphs begins (set on ``SourceMeta.note_start`` when
a document is loaded and stored with every chunk); ``is_note`` says whether an evidence sentence lies inside
the notes. A sentence that itself opens with ``Context:`` or ``Later:`` counts as a note even in an index
built before the offset was stored.
"""
from __future__ import annotations

import re

from assistant.types import Evidence

NOTE_LABEL = "claimcheck corpus note"
# a paragraph (start of text or after a blank line) that opens with "Later:" or "Context:" (bold allowed)
_NOTE = re.compile(r"(?:\A|\n[ \t]*\n)[ \t]*(?:\*\*|__)?(?:Later|Context):(?:\*\*|__)?", re.M)


def note_start(text: str) -> int:
    """Offset of the first note paragraph in text (its first character), or -1 when there is none."""
    m = _NOTE.search(text)
    return -1 if m is None else m.end() - len(m.group(0).lstrip("\n \t"))


def is_note(e: Evidence) -> bool:
    """True when the evidence sentence is part of the corpus's editorial note, not the source's text."""
    start = getattr(e.meta, "note_start", -1)
    return (start is not None and start >= 0 and e.start >= start) or e.text.lstrip().startswith(("Context:", "Later:"))


def note_source(publisher: str, title: str = "") -> str:
    """How a note is attributed: to the corpus, about the source ("claimcheck corpus note on Europol")."""
    about = publisher or title
    return f"{NOTE_LABEL} on {about}" if about else NOTE_LABEL
