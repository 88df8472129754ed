"""The moderators' REST endpoints: the review queue, one review, a reviewer's change, claims seen before, the
published feed (ClaimReview JSON-LD and CSV) and the audit trail.

Added to the API router by ``build_router`` (``add_review_routes``), so they share its size limit and error
mapping. Here: unknown id -> 404, someone else changed the item -> 409 (with the current item), bad verdict /
status / missing note -> 422, database unavailable -> 503. The reviewer is the authenticated user (basic auth),
``local`` when auth is off.
"""
from __future__ import annotations

from typing import Callable, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field

from assistant.api.guard import error_body
from assistant.errors import NotFoundError, ReviewConflictError, StoreError
from assistant.store.identity import request_user

TAGS = ["review"]


class ReviewChange(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"verdict": "contradicted", "note": "the 30,000 figure counts travellers, not members", "status": "published",
         "version": 2}]})

    verdict: str = Field(description="The reviewed verdict: supported, contradicted, misleading, conflicting or "
                                     "not_enough_evidence (the machine's verdict = confirm it).")
    explanation: str | None = Field(None, max_length=20_000, description="New explanation (default: unchanged).")
    missing_context: str | None = Field(None, max_length=20_000, description="New missing context.")
    note: str | None = Field(None, max_length=20_000, description="Reviewer's note; required when the verdict "
                                                                   "changes.")
    status: Literal["queued", "reviewed", "published"] = Field(description="queued (back to the queue), reviewed "
                                                                           "or published (into the feed).")
    version: int = Field(description="The item's version as you read it (GET /api/reviews/{id}). If it changed "
                                     "since, nothing is saved and the answer is 409 with the current item.")


def _store_errors(fn):
    """Map the store's errors to their status codes (the router's guard maps the rest)."""
    import functools

    @functools.wraps(fn)
    def wrapped(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except NotFoundError as exc:
            return JSONResponse(error_body(str(exc), "not_found"), status_code=404)
        except ReviewConflictError as exc:
            return JSONResponse(error_body(str(exc), "conflict", current=exc.current), status_code=409)
        except StoreError as exc:
            return JSONResponse(error_body(" ".join(str(exc).split()), "store_unavailable"), status_code=503)
    return wrapped


def add_review_routes(router: APIRouter, get_service_fn: Callable, settings) -> None:
    def store():
        from assistant.store import get_store
        return get_store(settings)

    @router.get("/reviews", summary="The review queue", tags=TAGS,
                description="Review items, newest first, filtered by status, verdict, reason or claim text.")
    @_store_errors
    def list_reviews(status: Literal["queued", "reviewed", "published"] | None = None,
                     verdict: Literal["supported", "contradicted", "misleading", "conflicting",
                                      "not_enough_evidence"] | None = None,
                     reason: str | None = Query(None, max_length=100), q: str | None = Query(None, max_length=500),
                     limit: int = Query(100, ge=1, le=1000), offset: int = Query(0, ge=0)):
        items, total = store().reviews(status=status, verdict=verdict, reason=reason, query=q, limit=limit,
                                       offset=offset)
        return {"total": total, "limit": limit, "offset": offset, "reviews": items}

    @router.get("/reviews/{review_id}", summary="One review item", tags=TAGS,
                description="The item with the machine's full result (evidence, citations, figures) and its history.")
    @_store_errors
    def get_review(review_id: int):
        return store().review(review_id)

    @router.post("/reviews/{review_id}", summary="Confirm, change or publish a verdict", tags=TAGS)
    @_store_errors
    def set_review(review_id: int, body: ReviewChange, request: Request):
        who = request_user(request.headers, settings, request.scope)
        return store().update_review(review_id, who, body.version, verdict=body.verdict,
                                     explanation=body.explanation, missing_context=body.missing_context,
                                     note=body.note, status=body.status)

    @router.get("/similar", summary="Claims seen before", tags=TAGS,
                description="Earlier claims that say the same thing (same normalised text or a similar embedding), "
                            "reviewed ones first with the machine's verdict beside the reviewer's.")
    @_store_errors
    def similar(claim: str = Query(min_length=1, max_length=settings.limits.claim_max_chars)):
        return {"claim": claim, "matches": get_service_fn().similar(claim)}

    @router.get("/feed/claimreview", summary="Published verdicts as ClaimReview JSON-LD", tags=TAGS,
                description="One schema.org DataFeed whose elements are the published ClaimReviews.")
    @_store_errors
    def feed(request: Request):
        base = str(request.base_url).rstrip("/")
        return JSONResponse(store().feed(base), media_type="application/ld+json")

    @router.get("/feed/csv", summary="Published verdicts as CSV", tags=TAGS)
    @_store_errors
    def feed_csv():
        return Response(store().feed_csv(), media_type="text/csv; charset=utf-8",
                        headers={"content-disposition": 'attachment; filename="claimcheck-reviews.csv"'})

    @router.get("/audit", summary="The audit trail", tags=TAGS,
                description="Every change (who, when, before, after), oldest first; append-only.")
    @_store_errors
    def audit(review_id: int | None = None, limit: int = Query(1000, ge=1, le=100_000)):
        from itertools import islice

        s = store()
        if review_id is not None:
            return {"entries": s.review(review_id)["history"]}
        return {"entries": list(islice(s.audit(), limit))}
