"""The moderators' store: every check recorded, claims seen before, the review queue, the audit trail, the
published feed. SQLite (WAL) beside the index by default; PostgreSQL through ``CLAIMCHECK_DB_URL``.

Modules: ``db`` (URL, engine, write transactions, migrations), ``schema`` (tables), ``migrations/`` (Alembic),
``checks`` (recording), ``similar`` (claims seen before), ``reviews`` (queue and verdicts), ``audit`` (the
append-only trail), ``feed`` (ClaimReview JSON-LD and CSV), ``store`` (the facade the interfaces use),
``identity`` (who is asking).
"""
from assistant.store.store import Store, drop_store, get_store

__all__ = ["Store", "drop_store", "get_store"]
