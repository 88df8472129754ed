"""The store on a real SQLite file: recording, queue rules, reviews, audit, similar claims, feed, migrations,
and the one-line errors for a database that cannot be opened or is newer than the code."""
from __future__ import annotations

import sqlite3

import pytest

from tests.store.conftest import make_result
from tests.store.workflow import run_workflow, unit


def test_workflow_on_sqlite(store, db_settings):
    assert store.url.endswith("/claimcheck.db") and str(db_settings.index_dir.parent) in store.url
    run_workflow(store, db_settings)
    con = sqlite3.connect(store.url.removeprefix("sqlite:///"))
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_normalize_claim():
    from assistant.store.checks import normalize_claim

    assert normalize_claim("  30,000 Foreigners   joined ISIS!! ") == "30,000 foreigners joined isis"
    assert normalize_claim("ISIS claimed 3.5% of attacks.") == "isis claimed 3.5% of attacks"
    assert normalize_claim("“Quotes” — dashes") == "quotes dashes"


def test_similar_sees_checks_written_by_another_store(db_settings):
    """The in-memory matrix picks up rows written since the last lookup (another process, another engine)."""
    from assistant.store.store import Store

    a = Store(db_settings.db.url or f"sqlite:///{db_settings.index_dir.parent / 'claimcheck.db'}", db_settings.db)
    b = Store(a.url, db_settings.db)
    a.record(make_result("first claim"), "x", "api", unit(5))
    assert b.similar("q", unit(5))[0]["claim"] == "first claim"
    a.record(make_result("second claim"), "x", "api", unit(6))
    assert b.similar("q", unit(6))[0]["claim"] == "second claim" and len(b.similar_index) == 2
    a.close()
    b.close()


def test_old_database_is_migrated_not_dropped(tmp_path):
    """A database at the first release's schema (checks only) is upgraded on open; its rows stay."""
    from sqlalchemy import text

    from assistant.settings import DbSettings
    from assistant.store.db import current_revision, head_revision, make_engine, migrate
    from assistant.store.store import Store

    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = make_engine(url)
    migrate(engine, url, "0001_checks")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO checks (created_at, claim, normalized, verdict, confidence, result_json) "
                          "VALUES ('2026-01-01T00:00:00Z', 'old claim', 'old claim', 'supported', 0.9, :r)"),
                     {"r": make_result("old claim", "supported", 0.9).model_dump_json()})
        assert current_revision(conn) == "0001_checks"
    engine.dispose()
    store = Store(url, DbSettings())
    with store.engine.connect() as conn:
        assert current_revision(conn) == head_revision()
        assert conn.execute(text("SELECT claim, via FROM checks")).all() == [("old claim", "")]
    assert store.similar("old claim", None)[0]["claim"] == "old claim"  # same text, no embedding stored
    store.close()


def test_newer_database_is_a_one_line_error(tmp_path):
    from assistant.errors import StoreSchemaError
    from assistant.settings import DbSettings
    from assistant.store.store import Store

    url = f"sqlite:///{tmp_path / 'new.db'}"
    Store(url, DbSettings()).close()
    con = sqlite3.connect(tmp_path / "new.db")
    con.execute("UPDATE alembic_version SET version_num = '0099_from_the_future'")
    con.commit()
    con.close()
    with pytest.raises(StoreSchemaError) as err:
        Store(url, DbSettings())
    message = str(err.value)
    assert "\n" not in message and "0099_from_the_future" in message and "-> upgrade claimcheck" in message


@pytest.mark.parametrize("kind", ["not_a_database", "a_folder", "bad_url"])
def test_database_that_cannot_be_opened_is_a_one_line_error(tmp_path, kind):
    from assistant.errors import StoreOpenError
    from assistant.settings import DbSettings
    from assistant.store.store import Store

    if kind == "not_a_database":
        (tmp_path / "x.db").write_bytes(b"this is not SQLite " * 100)
        url = f"sqlite:///{tmp_path / 'x.db'}"
    elif kind == "a_folder":
        (tmp_path / "x.db").mkdir()
        url = f"sqlite:///{tmp_path / 'x.db'}"
    else:
        url = "nosuchdb://who@where/what"
    with pytest.raises(StoreOpenError) as err:
        Store(url, DbSettings())
    assert "\n" not in str(err.value) and " -> " in str(err.value)


def test_cli_error_for_a_broken_database(tmp_path, run_cli):
    (tmp_path / "x.db").write_bytes(b"garbage" * 200)
    proc = run_cli("review", "list", "--set", f"db.url=sqlite:///{tmp_path / 'x.db'}", timeout=120)
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: cannot open the database") and " -> " in lines[0]


def test_feed_csv_cells_are_not_formulas(store):
    import csv
    import io

    rid = store.record(make_result("=HYPERLINK(\"http://evil\") 30,000 joined", "misleading"), "x", "api")["review_id"]
    store.update_review(rid, "ann", 1, verdict="misleading", note="+1 formula", status="published")
    rows = list(csv.DictReader(io.StringIO(store.feed_csv())))
    assert rows[0]["claim"].startswith("'=HYPERLINK") and rows[0]["note"] == "'+1 formula"


def test_record_and_queue_are_one_transaction(store):
    """A check whose review item cannot be written is not recorded either (nothing half-done)."""
    from assistant.store.schema import checks

    before = _count(store, checks)
    bad = make_result("a claim", "misleading")
    object.__setattr__(bad, "explanation", None)  # the reviews table refuses a NULL explanation
    with pytest.raises(Exception):
        store.record(bad, "x", "api")
    assert _count(store, checks) == before


def _count(store, table) -> int:
    from sqlalchemy import func, select

    with store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


def test_db_url_from_the_short_environment_name(monkeypatch, tmp_path):
    from assistant.settings import Settings
    from assistant.store.db import database_url

    assert database_url(Settings(index_dir=tmp_path / "index")) == f"sqlite:///{tmp_path / 'claimcheck.db'}"
    monkeypatch.setenv("CLAIMCHECK_DB_URL", "postgresql+psycopg://u@db.example:5432/cc")
    assert database_url(Settings()) == "postgresql+psycopg://u@db.example:5432/cc"
    monkeypatch.setenv("CLAIMCHECK_DB__URL", "sqlite:////srv/cc.db")  # the group's own name wins
    assert database_url(Settings()) == "sqlite:////srv/cc.db"
