"""Alembic environment: always run by assistant.store.db.migrate on a connection it opened (and locked)."""
from __future__ import annotations

from alembic import context

from assistant.store.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - claimcheck never runs alembic without a connection
    raise RuntimeError("run migrations through assistant.store.db.open_engine, not the alembic command")
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
