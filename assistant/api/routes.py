"""The REST API: check, ask, article, batch, health, and its own OpenAPI docs.

``build_router(get_service_fn, settings)`` returns an APIRouter meant to be mounted at ``/api``; every route
enforces the request size limit and answers errors as ``{"detail": "<one line with the fix>", ...}``.
Handlers are plain ``def`` functions: FastAPI runs them in its thread pool, and the Service is thread-safe.
"""
from __future__ import annotations

import datetime as dt
import logging
from typing import Callable

from fastapi import APIRouter, Request
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute

from assistant.answer.render import to_claimreview, to_json
from assistant.api.docs_page import add_docs_routes
from assistant.api.guard import claimcheck_error_response, error_body, guarded_route_class
from assistant.api.models import ArticleRequest, AskRequest, BatchRequest, CheckRequest
from assistant.batch.rows import claimreview_row, parse_item, result_row
from assistant.batch.runner import check_items
from assistant.errors import ClaimcheckError, InputError
from assistant.settings import Settings, get_settings
from assistant.store.identity import request_user
from assistant.store.recording import record, seen_before
from assistant.verify.claim_input import clean_claim

API_TITLE = "claimcheck API"
log = logging.getLogger("claimcheck.api")


def build_router(get_service_fn: Callable[[], object], settings: Settings | None = None) -> APIRouter:
    """The API routes. ``get_service_fn()`` returns the loaded Service (it may raise IndexMissingError, which
    becomes a 503); ``settings`` gives the limits (default: the process settings from the environment)."""
    settings = settings or get_settings()
    limits = settings.limits
    router = APIRouter(route_class=guarded_route_class(settings.server.max_request_bytes))

    @router.get("/health", summary="Is the index loaded?", tags=["status"])
    def health():
        try:
            service = get_service_fn()
            index = service.index
            manifest = index.manifest
            return {"status": "ok", "index_loaded": True,
                    "documents": manifest.doc_count if manifest else 0, "chunks": index.store.count(),
                    "model": index.embedder.model_id, "index_version": index.version}
        except ClaimcheckError as exc:
            response = claimcheck_error_response(exc)
            if response.status_code == 503:
                return JSONResponse({"status": "unavailable", "index_loaded": False,
                                     **error_body(" ".join(str(exc).split()), "index_unavailable",
                                                  problem=exc.problem, fix=exc.fix)}, status_code=503)
            return response

    @router.post("/check", summary="Check one claim", tags=["check"],
                 description="The verdict with cited evidence: the same JSON as `claimcheck check --json`, or "
                             "schema.org ClaimReview JSON-LD with `\"format\": \"claimreview\"`.")
    def check(body: CheckRequest, request: Request):
        claim = clean_claim(body.claim, limits.claim_max_chars)  # bad input answers 422 before the index loads
        service = get_service_fn()
        seen = seen_before(service, claim)  # earlier checks of the same claim, looked up before this one is stored
        result = service.check(claim, reference_date=body.reference_date())
        record(service, result, "api", request_user(request.headers, settings, request.scope))
        if body.format == "claimreview":
            return to_claimreview(result, appearance_url=body.appearance_url, author=body.author,
                                  date=body.date or "")
        return to_json(result.model_copy(update={"seen_before": seen}))

    @router.post("/ask", summary="Answer a question from cited passages", tags=["check"])
    def ask(body: AskRequest):
        question = clean_claim(body.question, limits.claim_max_chars, "question")
        history = [h for h in body.history if isinstance(h, str) and h.strip()]
        for h in history:
            if len(h) > limits.claim_max_chars:
                raise InputError(f"a history entry is {len(h):,} characters, over the {limits.claim_max_chars:,} "
                                 "limit", "send only the earlier questions, not answers")
        return get_service_fn().ask(question, history).model_dump()

    @router.post("/article", summary="Check every claim of an article", tags=["check"])
    def article(body: ArticleRequest, request: Request):
        try:
            from assistant.article.report import check_article
        except ModuleNotFoundError as exc:
            if exc.name and exc.name.startswith("assistant.article"):
                return JSONResponse(error_body("article mode is not available in this build -> check the claims "
                                               "one by one with POST /api/check", "not_implemented"),
                                    status_code=501)
            raise
        if not body.text.strip():
            raise InputError("the article text is empty", "paste the article's text")
        if len(body.text) > limits.article_max_chars:
            raise InputError(f"the article is {len(body.text):,} characters, over the {limits.article_max_chars:,} "
                             "limit", "send a shorter text, or split it")
        date = dt.date.fromisoformat(body.date) if body.date else None
        report = check_article(get_service_fn(), body.text, date,
                               asked_by=request_user(request.headers, settings, request.scope))
        return report.model_dump() if hasattr(report, "model_dump") else report

    @router.post("/batch", summary="Check a list of claims", tags=["check"],
                 description="Rows `{\"id\", \"claim\", ...}`; other keys are carried through. Bad rows are "
                             "listed under `errors` and skipped; the rest are checked.")
    def batch(body: BatchRequest, request: Request):
        if len(body.claims) > limits.batch_max_rows:
            return JSONResponse(error_body(f"{len(body.claims):,} claims, over the {limits.batch_max_rows:,} row "
                                           "limit -> split the list into several requests", "too_many_rows"),
                                status_code=413)
        items, errors, seen = [], [], {}
        for n, raw in enumerate(body.claims):
            try:
                item = parse_item(raw, n, limits.claim_max_chars)
            except InputError as exc:
                errors.append({"index": n, "id": raw.get("id") if isinstance(raw, dict) else None,
                               "error": str(exc)})
                continue
            if item.id in seen:
                errors.append({"index": n, "id": item.id, "error": f"duplicate id {item.id!r} (first at index "
                                                                   f"{seen[item.id]}) -> give every row a unique id"})
                continue
            seen[item.id] = n
            items.append(item)
        results = []
        if items:
            for item, result, exc in check_items(get_service_fn(), items, via="api",
                                                 asked_by=request_user(request.headers, settings, request.scope)):
                if exc is not None:
                    if isinstance(exc, InputError):
                        message = str(exc)
                    else:
                        log.error("batch row %r failed", item.id, exc_info=exc)
                        message = f"internal error ({type(exc).__name__}) -> this is a bug; please report this claim"
                    errors.append({"index": item.line, "id": item.id, "error": message})
                    continue
                results.append(claimreview_row(item, result) if body.format == "claimreview"
                               else result_row(item, result))
        errors.sort(key=lambda e: e["index"])
        return {"results": results, "errors": errors}

    @router.get("/openapi.json", include_in_schema=False)
    def openapi(request: Request):
        prefix = request.url.path[: -len("/openapi.json")]
        routes = [r for r in router.routes if isinstance(r, APIRoute) and r.include_in_schema]
        return get_openapi(title=API_TITLE, version=_version(), routes=routes, servers=[{"url": prefix or "/"}],
                           description="Check threat claims against a cited corpus. Errors answer "
                                       "`{\"detail\": \"<problem> -> <fix>\"}` with a 4xx status for bad input.")

    add_docs_routes(router, f"{API_TITLE} - docs")  # Swagger UI from the packaged copy, no CDN

    from assistant.api.reviews import add_review_routes  # the moderators' endpoints (reviews, similar, feed)
    add_review_routes(router, get_service_fn, settings)
    return router


def _version() -> str:
    try:
        from importlib.metadata import version
        return version("claimcheck")
    except Exception:  # noqa: BLE001
        return "0"
