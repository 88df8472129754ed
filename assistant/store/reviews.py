"""The review queue: results queued by rule, a person's verdict that sticks, optimistic concurrency.

A review row starts as the machine's verdict (``status = queued``). A reviewer confirms or changes the verdict,
edits the explanation and missing context, adds a note and sets the status (``reviewed``, ``published``).
Every write names the ``version`` it was based on; if someone else changed the item since, the write is refused
with ReviewConflictError (nothing is overwritten) and the reviewer sees who changed it. Each change and its
audit entry are one transaction.
"""
from __future__ import annotations

import json

from sqlalchemy import func, or_, select, update

from assistant.errors import InputError, NotFoundError, ReviewConflictError
from assistant.store import audit
from assistant.store.checks import normalize_claim
from assistant.store.db import writing
from assistant.store.schema import REVIEW_STATUSES, checks, now, reviews
from assistant.types import VERDICTS

EDITABLE = ("verdict", "explanation", "missing_context", "note", "status")


def queue_reason(result, db_settings, batch_review: bool = False) -> str | None:
    """Why this result goes to the queue (None = it does not): a batch marked for review, a verdict that is
    always reviewed (conflicting, misleading by default), or a confidence under the threshold."""
    if batch_review:
        return "batch"
    if result.verdict in db_settings.review_verdicts:
        return result.verdict
    if result.confidence < db_settings.review_confidence_below:
        return "low_confidence"
    return None


def already_queued(conn, result) -> int | None:
    """The review that already covers this result, if any: an open (queued) item for the same normalised claim,
    or a reviewed / published one made on the same machine verdict (the person's decision still applies). A
    claim checked again is then recorded but not queued twice; a re-run batch adds no duplicates."""
    row = conn.execute(select(reviews.c.id).where(
        reviews.c.normalized == normalize_claim(result.claim),
        or_(reviews.c.status == "queued", reviews.c.machine_verdict == result.verdict))
        .order_by(reviews.c.id.desc()).limit(1)).first()
    return int(row[0]) if row else None


def enqueue(conn, check_id: int, result, reason: str, who: str) -> int:
    """Queue a recorded check (inside the caller's write transaction); returns the review id."""
    stamp = now()
    row = {"check_id": check_id, "created_at": stamp, "updated_at": stamp, "reason": reason, "claim": result.claim,
           "normalized": normalize_claim(result.claim), "machine_verdict": result.verdict,
           "machine_confidence": float(result.confidence), "verdict": result.verdict,
           "explanation": result.explanation, "missing_context": result.missing_context, "note": "",
           "status": "queued", "reviewer": "", "reviewed_at": "", "published_at": "", "version": 1}
    review_id = int(conn.execute(reviews.insert().values(**row)).inserted_primary_key[0])
    audit.append(conn, who, "queued", review_id, check_id, {}, {**_public(row), "id": review_id})
    return review_id


def _public(row) -> dict:
    return {k: row[k] for k in ("check_id", "reason", "claim", "machine_verdict", "machine_confidence", "verdict",
                                "explanation", "missing_context", "note", "status", "reviewer", "reviewed_at",
                                "published_at", "version", "created_at", "updated_at") if k in row}


def as_dict(row) -> dict:
    return {"id": row["id"], **_public(row)}


def list_reviews(engine, status: str | None = None, verdict: str | None = None, reason: str | None = None,
                 query: str | None = None, limit: int = 100, offset: int = 0) -> tuple[list[dict], int]:
    """(one page of reviews, newest first, matching the filters; the total that match)."""
    conds = []
    if status:
        _check_choice("status", status, REVIEW_STATUSES)
        conds.append(reviews.c.status == status)
    if verdict:
        _check_choice("verdict", verdict, VERDICTS)
        conds.append(reviews.c.verdict == verdict)
    if reason:
        conds.append(reviews.c.reason == reason)
    if query:
        like = f"%{normalize_claim(query)}%"
        conds.append(or_(reviews.c.normalized.like(like), reviews.c.claim.like(f"%{query}%")))
    with engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(reviews).where(*conds)).scalar_one()
        rows = conn.execute(select(reviews).where(*conds).order_by(reviews.c.id.desc())
                            .limit(limit).offset(offset)).mappings()
        return [as_dict(r) for r in rows], int(total)


def get_review(engine, review_id: int, with_result: bool = True) -> dict:
    """One review with the check it came from (the machine's full result: evidence, citations, figures)."""
    with engine.connect() as conn:
        row = conn.execute(select(reviews).where(reviews.c.id == review_id)).mappings().first()
        if row is None:
            raise NotFoundError(f"no review with id {review_id}", "list the queue: claimcheck review list "
                                "(or GET /api/reviews)")
        out = as_dict(row)
        if with_result:
            check = conn.execute(select(checks.c.result_json, checks.c.asked_by, checks.c.via, checks.c.created_at,
                                        checks.c.index_version, checks.c.engine_version)
                                 .where(checks.c.id == row["check_id"])).mappings().first()
            out["result"] = json.loads(check["result_json"]) if check else None
            out["check"] = ({k: check[k] for k in ("asked_by", "via", "created_at", "index_version",
                                                  "engine_version")} if check else None)
    return out


def _check_choice(name: str, value: str, choices) -> None:
    if value not in choices:
        raise InputError(f"unknown {name} {value!r}", f"use one of: {', '.join(choices)}")


def validate_change(current: dict, change: dict) -> dict:
    """The new values after checking them: a known verdict and status, a note when the verdict changes."""
    new = {k: v for k, v in change.items() if k in EDITABLE and v is not None}
    if "verdict" in new:
        _check_choice("verdict", new["verdict"], VERDICTS)
    if "status" in new:
        _check_choice("status", new["status"], REVIEW_STATUSES)
    for key in ("explanation", "missing_context", "note"):
        if key in new and not isinstance(new[key], str):
            raise InputError(f"{key} must be text", "send a string")
    verdict = new.get("verdict", current["verdict"])
    note = new.get("note", "")
    if verdict != current["machine_verdict"] and verdict != current["verdict"] and not note.strip():
        raise InputError(f"changing the verdict from {current['machine_verdict']} to {verdict} needs a note",
                         "say why in the note (\"note\": \"...\", or --note \"...\")")
    if new.get("status") == "published" and not (new.get("explanation", current["explanation"]) or "").strip():
        raise InputError("a published verdict needs an explanation", "write one (\"explanation\": \"...\")")
    return new


def update_review(engine, review_id: int, who: str, version: int, **change) -> dict:
    """Apply a reviewer's change if the item is still at ``version``; returns the updated review."""
    with writing(engine) as conn:
        row = conn.execute(select(reviews).where(reviews.c.id == review_id)).mappings().first()
        if row is None:
            raise NotFoundError(f"no review with id {review_id}", "list the queue: claimcheck review list")
        current = as_dict(row)
        if current["version"] != version:
            raise ReviewConflictError(
                f"review {review_id} was changed by {current['reviewer'] or 'someone'} at {current['updated_at']} "
                f"(version {current['version']}, you edited version {version}); nothing was saved",
                "reload it, look at their change, and apply yours again", current)
        new = validate_change(current, change)
        stamp = now()
        values = {**new, "reviewer": who[:200], "reviewed_at": stamp, "updated_at": stamp, "version": version + 1}
        if new.get("status") == "reviewed" or (new and "status" not in new and current["status"] == "queued"):
            values["status"] = "reviewed"
        if values.get("status") == "published" and current["status"] != "published":
            values["published_at"] = stamp
        done = conn.execute(update(reviews).where(reviews.c.id == review_id, reviews.c.version == version)
                            .values(**values))
        if done.rowcount != 1:  # lost a race that the read above did not see (PostgreSQL, read committed)
            raise ReviewConflictError(f"review {review_id} was changed by someone else while you saved; nothing "
                                      "was saved", "reload it and apply your change again")
        after = {**current, **values}
        action = "publish" if values.get("status") == "published" and current["status"] != "published" else "update"
        changed = {k: after[k] for k in after if after[k] != current.get(k)}
        audit.append(conn, who, action, review_id, current["check_id"],
                     {k: current[k] for k in changed}, changed)
    return after


def reviewed_for(engine, normalized_claims: list[str]) -> dict[str, dict]:
    """The latest reviewed or published review per normalised claim (published first)."""
    if not normalized_claims:
        return {}
    with engine.connect() as conn:
        rows = conn.execute(select(reviews).where(reviews.c.normalized.in_(normalized_claims),
                                                  reviews.c.status.in_(("reviewed", "published")))
                            .order_by(reviews.c.id)).mappings()
        best: dict[str, dict] = {}
        for r in rows:
            prev = best.get(r["normalized"])
            if prev is None or r["status"] == "published" or prev["status"] != "published":
                best[r["normalized"]] = as_dict(r)
    return best
