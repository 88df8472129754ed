"""``GET /corpus/<doc_id>``: one corpus document with its provenance, as a plain page (chat citations link here).

The page is escaped HTML with inline CSS only; its Content-Security-Policy forbids scripts and any request
to another origin. An unknown id is a 404 page, a missing index a 503 page, each with a one-line fix.
"""
from __future__ import annotations

import logging
from typing import Callable

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from assistant.errors import ClaimcheckError
from assistant.ui.corpus_docs import document_html, load_documents, page_html

log = logging.getLogger(__name__)

CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'"
HEADERS = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}


def _page(title: str, body: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(page_html(title, body), status_code=status, headers=HEADERS)


def _message(text: str) -> str:
    from html import escape
    return f'<p role="alert">{escape(text)}</p>'


def corpus_router(service_getter: Callable) -> APIRouter:
    """The route, meant to be included before the UI is mounted at '/'."""
    router = APIRouter()

    @router.get("/corpus/{doc_id}", include_in_schema=False, response_class=HTMLResponse)
    def corpus_document(doc_id: str):
        try:
            docs = load_documents(service_getter())
        except ClaimcheckError as exc:
            return _page("index unavailable", _message(str(exc)), 503)
        except Exception:  # noqa: BLE001 - one line on the page; the traceback in the server log
            log.exception("corpus page failed")
            return _page("error", _message("The index could not be read -> see the server log"), 500)
        doc = docs.get(doc_id)
        if doc is None:
            return _page("not found", _message(f"no document {doc_id!r} in the index -> pick one in the Corpus "
                                               "tab"), 404)
        return _page(doc.title, document_html(doc))

    return router
