"""The audit trail: append-only (the database refuses UPDATE and DELETE on it), one row per change with who,
when, what, and the item before and after. Written in the same transaction as the change it records."""
from __future__ import annotations

import json
from typing import Iterator

from sqlalchemy import select

from assistant.store.schema import audit, now


def append(conn, who: str, action: str, review_id: int | None = None, check_id: int | None = None,
           before: dict | None = None, after: dict | None = None) -> None:
    conn.execute(audit.insert().values(
        at=now(), who=who[:200], action=action, review_id=review_id, check_id=check_id,
        before_json=json.dumps(before or {}, ensure_ascii=False, sort_keys=True),
        after_json=json.dumps(after or {}, ensure_ascii=False, sort_keys=True)))


def _entry(row) -> dict:
    return {"id": row["id"], "at": row["at"], "who": row["who"], "action": row["action"],
            "review_id": row["review_id"], "check_id": row["check_id"],
            "before": json.loads(row["before_json"]), "after": json.loads(row["after_json"])}


def history(engine, review_id: int) -> list[dict]:
    """Every audit entry of one review, oldest first."""
    with engine.connect() as conn:
        rows = conn.execute(select(audit).where(audit.c.review_id == review_id).order_by(audit.c.id)).mappings()
        return [_entry(r) for r in rows]


def export(engine, since_id: int = 0, batch: int = 1000) -> Iterator[dict]:
    """The whole trail, oldest first, streamed in batches (for ``claimcheck review export --audit``)."""
    last = since_id
    while True:
        with engine.connect() as conn:
            rows = conn.execute(select(audit).where(audit.c.id > last).order_by(audit.c.id).limit(batch)).mappings()
            entries = [_entry(r) for r in rows]
        if not entries:
            return
        yield from entries
        last = entries[-1]["id"]
