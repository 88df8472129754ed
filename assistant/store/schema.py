"""The store's tables (SQLAlchemy Core). Alembic migrations in ``migrations/versions`` create and change them;
this module is what the code reads and writes with, and must match the newest migration.

Times are ISO 8601 UTC strings (``2026-12-08T10:00:00.123456Z``): portable between SQLite and PostgreSQL, and
they sort in time order.
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import (Column, Float, ForeignKey, Index, Integer, LargeBinary, MetaData, String, Table, Text)

metadata = MetaData()

checks = Table(
    "checks", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("created_at", String(32), nullable=False),
    Column("claim", Text, nullable=False),
    Column("normalized", Text, nullable=False),
    Column("verdict", String(32), nullable=False),
    Column("confidence", Float, nullable=False),
    Column("result_json", Text, nullable=False),
    Column("index_version", String(200), nullable=False, default=""),
    Column("engine_version", String(200), nullable=False, default=""),
    Column("asked_by", String(200), nullable=False, default=""),
    Column("via", String(20), nullable=False, default=""),
    Column("embedding", LargeBinary, nullable=True),  # float32 unit vector of the claim
    Index("ix_checks_normalized", "normalized"),
)

reviews = Table(
    "reviews", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("check_id", Integer, ForeignKey("checks.id"), nullable=False, unique=True),
    Column("created_at", String(32), nullable=False),
    Column("updated_at", String(32), nullable=False),
    Column("reason", String(100), nullable=False),  # why it was queued: low_confidence, conflicting, batch ...
    Column("claim", Text, nullable=False),
    Column("normalized", Text, nullable=False),
    Column("machine_verdict", String(32), nullable=False),
    Column("machine_confidence", Float, nullable=False),
    Column("verdict", String(32), nullable=False),  # the current (human or machine) verdict
    Column("explanation", Text, nullable=False, default=""),
    Column("missing_context", Text, nullable=False, default=""),
    Column("note", Text, nullable=False, default=""),
    Column("status", String(20), nullable=False),  # queued, reviewed, published
    Column("reviewer", String(200), nullable=False, default=""),
    Column("reviewed_at", String(32), nullable=False, default=""),
    Column("published_at", String(32), nullable=False, default=""),
    Column("version", Integer, nullable=False, default=1),  # optimistic concurrency: +1 on every change
    Index("ix_reviews_status", "status"),
    Index("ix_reviews_normalized", "normalized"),
)

audit = Table(
    "audit", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", String(32), nullable=False),
    Column("who", String(200), nullable=False),
    Column("action", String(40), nullable=False),
    Column("review_id", Integer, nullable=True),
    Column("check_id", Integer, nullable=True),
    Column("before_json", Text, nullable=False, default="{}"),
    Column("after_json", Text, nullable=False, default="{}"),
    Index("ix_audit_review", "review_id"),
)

REVIEW_STATUSES = ("queued", "reviewed", "published")


def now() -> str:
    """The current UTC time as the store writes it."""
    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
