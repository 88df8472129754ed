"""The Corpus tab: a searchable table of the indexed documents, read from the index's chunk metadata."""
from __future__ import annotations

import logging
from typing import Callable

import gradio as gr

from assistant.errors import ClaimcheckError

log = logging.getLogger(__name__)

HEADERS = ["id", "title", "publisher", "publisher_type", "published", "primary"]


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


def load(service_getter: Callable, query: str) -> tuple[list[list[str]], list[list[str]], str]:
    """(all rows, shown rows, summary line); a one-line error instead when the index cannot be read."""
    try:
        service = service_getter()
        rows = corpus_rows(service)
        version = service.index.version
    except ClaimcheckError as exc:
        return [], [], f"⚠ {exc}"
    except Exception:  # noqa: BLE001
        log.exception("corpus table failed")
        return [], [], "⚠ The index could not be read -> see the server log"
    shown = filter_rows(rows, query)
    return rows, shown, _summary(len(shown), len(rows), version)


def build_tab(service_getter: Callable) -> None:
    """The Corpus tab, built inside the app's gr.Tabs(); it (re)loads the table each time it is opened."""
    with gr.Tab("Corpus", id="corpus") as tab:
        all_rows = gr.State([])
        with gr.Row(equal_height=True):
            query = gr.Textbox(show_label=False, placeholder="Search documents: id, title, publisher, type, date…",
                               scale=4, elem_id="cc-corpus-search")
            summary = gr.Markdown("", elem_id="cc-corpus-summary")
        table = gr.Dataframe(headers=HEADERS, value=[], datatype=["str"] * len(HEADERS), type="array",
                             interactive=False, wrap=True, max_height=600, elem_id="cc-corpus-table",
                             column_widths=["17%", "30%", "24%", "11%", "10%", "8%"])

        def on_open(q):
            rows, shown, line = load(service_getter, q)
            return rows, shown, line

        def on_search(q, rows):
            shown = filter_rows(rows, q)
            return shown, _summary(len(shown), len(rows))

        tab.select(on_open, inputs=[query], outputs=[all_rows, table, summary], api_visibility="private")
        query.change(on_search, inputs=[query, all_rows], outputs=[table, summary], api_visibility="private",
                     queue=False)
