"""The corpus documents as the index holds them: their text (stitched back from the stored chunks), their
provenance (the front matter), full-text search, and a safe HTML rendering.

Used by the Corpus tab (search and the reader) and by the ``/corpus/<doc_id>`` page that chat citations link
to. Nothing is read from disk: what is shown is what the assistant searches. Every string is escaped; the
only links are the document's own http(s) URL (with ``rel="noopener noreferrer nofollow"``).
"""
from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from html import escape
from pathlib import PurePath

from assistant.ui.render_html import REL, corpus_link, link

# Front matter shown for a document, in order: (metadata key, label).
PROVENANCE_FIELDS = (("doc_id", "id"), ("title", "title"), ("publisher", "publisher"),
                     ("publisher_type", "publisher type"), ("source_title", "source title"),
                     ("document_symbol", "document symbol"), ("published", "published"),
                     ("as_of", "figures as of"), ("url", "url"), ("primary", "primary source"),
                     ("topics", "topics"), ("provenance", "provenance"), ("source_path", "file"))
NOTE_PREFIX = "Context:"  # a closing paragraph written by the corpus editors, not by the source
SNIPPET_CHARS = 90
_SHORT_WORD = 4  # query words shorter than this match whole words only ("un" is not "under")


@dataclass
class CorpusDoc:
    doc_id: str
    meta: dict = field(default_factory=dict)
    text: str = ""

    def field(self, key: str) -> str:
        value = self.doc_id if key == "doc_id" else self.meta.get(key, "")
        if key == "primary":
            return "yes" if value else "no"
        if key == "topics":
            return ", ".join(t for t in str(value or "").split(",") if t)
        if key == "source_path":  # the file's name only: where the server keeps it is not the reader's business
            return PurePath(str(value or "").split("#")[0]).name + ("#" + str(value).split("#", 1)[1]
                                                                   if "#" in str(value or "") else "")
        return str(value or "")

    @property
    def title(self) -> str:
        return self.field("title") or self.doc_id


def stitch(pieces: list[tuple[int, str]]) -> str:
    """The text of a document from its (start offset, text) chunks, which may overlap."""
    text = ""
    for start, piece in sorted(pieces):
        if start >= len(text):
            text += ("\n\n" if text and start > len(text) else "") + piece
        else:
            text += piece[len(text) - start:]
    return text


_cache: dict[str, dict[str, CorpusDoc]] = {}
_lock = threading.Lock()


def load_documents(service) -> dict[str, CorpusDoc]:
    """doc_id -> CorpusDoc for every indexed document (cached per index version)."""
    key = f"{id(service.index)}:{service.index.version}"
    with _lock:
        if key in _cache:
            return _cache[key]
    store = service.index.store
    state = store.state()
    ids, texts = store.all_texts()
    text_of = dict(zip(ids, texts))
    docs: dict[str, CorpusDoc] = {}
    for doc_id, chunks in state.items():
        if not doc_id or not chunks:
            continue
        first = min(chunks, key=lambda c: int(c[1].get("position", 0) or 0))[1]
        pieces = [(int(m.get("start", 0) or 0), text_of.get(cid, "")) for cid, m in chunks]
        docs[doc_id] = CorpusDoc(doc_id, dict(first), stitch(pieces))
    with _lock:
        _cache.clear()
        _cache[key] = docs
    return docs


def _pattern(word: str) -> re.Pattern:
    w = re.escape(word)
    return re.compile(rf"\b{w}\b" if len(word) < _SHORT_WORD else rf"\b{w}", re.I)


def matches(doc: CorpusDoc, query: str) -> tuple[bool, str]:
    """(does every word of the query occur in the document's text or front matter, a snippet of the text
    around the first hit, '' when the hit is only in the front matter)."""
    words = (query or "").lower().split()
    if not words:
        return True, ""
    front = " ".join(doc.field(k) for k, _ in PROVENANCE_FIELDS).lower()
    snippet = ""
    for word in words:
        pattern = _pattern(word)
        hit = pattern.search(doc.text)
        if hit is None and word not in front:
            return False, ""
        if hit is not None and not snippet:
            snippet = _snippet(doc.text, hit.start(), hit.end())
    return True, snippet


def _snippet(text: str, start: int, end: int) -> str:
    a, b = max(0, start - SNIPPET_CHARS // 2), min(len(text), end + SNIPPET_CHARS // 2)
    body = " ".join(text[a:b].split())
    return ("…" if a > 0 else "") + body + ("…" if b < len(text) else "")


def search(docs: dict[str, CorpusDoc], query: str) -> dict[str, str]:
    """doc_id -> snippet for the documents matching every word of the query (title, front matter or text)."""
    found = {}
    for doc_id, doc in docs.items():
        ok, snippet = matches(doc, query)
        if ok:
            found[doc_id] = snippet
    return found


# --- HTML ---------------------------------------------------------------------------------------------------

def _e(value: object) -> str:
    return escape("" if value is None else str(value), quote=True)


def provenance_html(doc: CorpusDoc) -> str:
    """The front matter as a definition list (the URL as a link named after the source, not a raw URL)."""
    rows = []
    for key, label in PROVENANCE_FIELDS:
        value = doc.field(key)
        if not value:
            continue
        shown = (link(value, doc.field("source_title") or doc.field("publisher") or "the source")
                 if key == "url" else _e(value))
        rows.append(f"<dt>{_e(label)}</dt><dd class=\"cc-field-{_e(key)}\">{shown}</dd>")
    return f'<dl class="cc-doc-provenance">{"".join(rows)}</dl>'


def text_html(text: str) -> str:
    """The document's text as escaped paragraphs; the corpus's own closing note is marked as such."""
    out = []
    for para in re.split(r"\n\s*\n", text.strip()):
        para = para.strip()
        if not para:
            continue
        body = _e(para).replace("\n", "<br>")
        if para.startswith(NOTE_PREFIX):
            out.append('<aside class="cc-doc-note"><b>Note by the corpus editors (not from the source):</b> '
                       f"{body}</aside>")
        elif para.startswith("#"):
            out.append(f"<h3>{_e(para.lstrip('#').strip())}</h3>")
        else:
            out.append(f"<p>{body}</p>")
    return "".join(out)


def document_html(doc: CorpusDoc, page_link: bool = False) -> str:
    """One document: its title, provenance and text, as a <div> ('open as a page' link when asked)."""
    extra = " &middot; " + corpus_link(doc.doc_id, "open as a page") if page_link else ""
    return (f'<div class="cc-doc" data-doc="{_e(doc.doc_id)}"><h2 class="cc-doc-title">{_e(doc.title)}</h2>'
            f'<div class="cc-h">Provenance (front matter){extra}</div>{provenance_html(doc)}'
            f'<div class="cc-h">Text as indexed</div><div class="cc-doc-text">{text_html(doc.text)}</div></div>')


PAGE_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; line-height: 1.55; color: #1d2733;
  margin: 0 auto; padding: 1rem; max-width: 52rem; overflow-wrap: anywhere; }
.cc-h { font-weight: 600; margin: 1rem 0 .4rem; color: #4b5563; }
.cc-doc-provenance { display: grid; grid-template-columns: max-content 1fr; gap: .2rem .9rem; margin: 0;
  font-size: .92rem; }
.cc-doc-provenance dt { font-weight: 600; color: #4b5563; }
.cc-doc-provenance dd { margin: 0; min-width: 0; }
.cc-doc-note { border-left: 4px solid #b45309; background: #fff7ed; padding: .4rem .8rem; margin: .8rem 0; }
.cc-back { font-size: .9rem; }
@media (max-width: 560px) { .cc-doc-provenance { grid-template-columns: 1fr; } .cc-doc-provenance dd {
  margin-bottom: .4rem; } }
"""


def page_html(title: str, body: str) -> str:
    """A complete page: inline CSS only, no scripts, nothing loaded from elsewhere (the CSP says so)."""
    return ("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{_e(title)} - claimcheck corpus</title><style>{PAGE_CSS}</style></head><body>"
            f'<p class="cc-back"><a href="/" {REL}>claimcheck</a> &middot; corpus document</p>{body}</body></html>')
