"""The same workflow on a real PostgreSQL server (a throw-away cluster; skipped with the reason if none)."""
from __future__ import annotations

from tests.store.workflow import run_workflow


def test_workflow_on_postgres(postgres_url):
    from sqlalchemy import text

    from assistant.settings import DbSettings, Settings
    from assistant.store import drop_store, get_store
    from assistant.store.db import current_revision, head_revision

    settings = Settings(db=DbSettings(url=postgres_url))
    store = get_store(settings)
    try:
        assert store.engine.dialect.name == "postgresql"
        run_workflow(store, settings)
        with store.engine.connect() as conn:
            assert current_revision(conn) == head_revision()
            assert conn.execute(text("SELECT count(*) FROM checks")).scalar_one() == 7
    finally:
        drop_store(settings)
    again = get_store(settings)  # a second start finds the schema current and keeps the data
    try:
        assert again.reviews(status="published")[1] == 1
    finally:
        drop_store(settings)

