"""The Corpus tab: a table of the indexed documents, searched over their full text and front matter, and a
reader showing one document with its provenance (pick it in the list, or click its row)."""
from __future__ import annotations

import logging
from typing import Callable

import gradio as gr

from assistant.errors import ClaimcheckError
from assistant.ui.render_html import esc
from assistant.ui.corpus_docs import document_html, load_documents, search

log = logging.getLogger(__name__)

HEADERS = ["id", "title", "publisher", "publisher_type", "published", "primary"]
TABLE_HEADERS = [*HEADERS, "match in the text"]  # the table adds a snippet around the first hit
# Fixed widths: on a phone the table scrolls sideways inside its box instead of squeezing each column.
COLUMN_WIDTHS = ["170px", "260px", "200px", "110px", "105px", "85px", "300px"]
READER_EMPTY = '<p class="cc-meta">Pick a document above (or click its row) to read it with its provenance.</p>'


def corpus_rows(service) -> list[list[str]]:
    """One row per indexed document (from its first chunk's metadata), sorted by id."""
    rows = []
    for doc_id, chunks in service.index.store.state().items():
        if not chunks:
            continue
        meta = min(chunks, key=lambda c: int(c[1].get("position", 0) or 0))[1]
        rows.append([doc_id, str(meta.get("title", "") or ""), str(meta.get("publisher", "") or ""),
                     str(meta.get("publisher_type", "") or ""), str(meta.get("published", "") or ""),
                     "yes" if meta.get("primary") else "no"])
    rows.sort(key=lambda r: r[0])
    return rows


def filter_rows(rows: list[list[str]], query: str) -> list[list[str]]:
    """Rows containing every word of the query (case-insensitive, any column)."""
    words = (query or "").lower().split()
    if not words:
        return rows
    return [r for r in rows if all(w in " ".join(r).lower() for w in words)]


def _summary(shown: int, total: int, version: str = "") -> str:
    tail = f" · index {version}" if version else ""
    return f"{shown} of {total} documents{tail}" if shown != total else f"{total} documents{tail}"


def search_rows(rows: list[list[str]], query: str, service) -> list[list[str]]:
    """The rows whose document matches every word of the query in its text or front matter, each with a
    snippet of the text around the first hit ('' when the query is empty or the hit is in the front matter)."""
    if not (query or "").split():
        return [[*r, ""] for r in rows]
    found = search(load_documents(service), query)
    return [[*r, found[r[0]]] for r in rows if r[0] in found]


def load(service_getter: Callable, query: str) -> tuple[list[list[str]], list[list[str]], str]:
    """(all rows, shown rows, summary line); a one-line error instead when the index cannot be read."""
    try:
        service = service_getter()
        rows = corpus_rows(service)
        version = service.index.version
        shown = search_rows(rows, query, service)
    except ClaimcheckError as exc:
        return [], [], f"⚠ {exc}"
    except Exception:  # noqa: BLE001
        log.exception("corpus table failed")
        return [], [], "⚠ The index could not be read -> see the server log"
    return rows, shown, _summary(len(shown), len(rows), version)


def reader_html(service_getter: Callable, doc_id: str) -> str:
    """One document with its provenance, or a one-line message."""
    if not doc_id:
        return READER_EMPTY
    try:
        doc = load_documents(service_getter()).get(doc_id)
    except ClaimcheckError as exc:
        return f'<p class="cc-error" role="alert">{esc(str(exc))}</p>'
    except Exception:  # noqa: BLE001
        log.exception("corpus reader failed")
        return '<p class="cc-error" role="alert">The index could not be read -&gt; see the server log</p>'
    if doc is None:
        return f'<p class="cc-error" role="alert">no document {esc(doc_id)} in the index</p>'
    return document_html(doc, page_link=True)


def build_tab(service_getter: Callable) -> None:
    """The Corpus tab, built inside the app's gr.Tabs(); it (re)loads the table each time it is opened."""
    with gr.Tab("Corpus", id="corpus") as tab:
        all_rows = gr.State([])
        query = gr.Textbox(show_label=False, placeholder="Search the documents' text, titles, publishers, dates…",
                           lines=1, max_lines=1, elem_id="cc-corpus-search")
        summary = gr.Markdown("", elem_id="cc-corpus-summary")
        table = gr.Dataframe(headers=TABLE_HEADERS, value=[], datatype=["str"] * len(TABLE_HEADERS), type="array",
                             interactive=False, wrap=True, max_height=600, elem_id="cc-corpus-table",
                             column_widths=COLUMN_WIDTHS)
        pick = gr.Dropdown(choices=[], value=None, label="Read a document", filterable=True, allow_custom_value=False,
                           elem_id="cc-corpus-pick")
        reader = gr.HTML(READER_EMPTY, elem_id="cc-corpus-reader")

        def on_open(q, current):
            rows, shown, line = load(service_getter, q)
            ids = [r[0] for r in rows]
            return rows, shown, line, gr.Dropdown(choices=ids, value=current if current in ids else None)

        def on_search(q, rows):
            try:
                shown = search_rows(rows, q, service_getter())
            except Exception:  # noqa: BLE001
                log.exception("corpus search failed")
                return [], "⚠ The index could not be read -> see the server log"
            return shown, _summary(len(shown), len(rows))

        def on_row(evt: gr.SelectData):
            row = getattr(evt, "row_value", None) or []
            return row[0] if row else gr.skip()

        tab.select(on_open, inputs=[query, pick], outputs=[all_rows, table, summary, pick], api_visibility="private")
        query.change(on_search, inputs=[query, all_rows], outputs=[table, summary], api_visibility="private",
                     queue=False)
        table.select(on_row, inputs=None, outputs=[pick], api_visibility="private", queue=False)
        pick.change(lambda d: reader_html(service_getter, d), inputs=[pick], outputs=[reader],
                    api_visibility="private", queue=False)
