"""The database: its URL, the engine (SQLite in WAL mode, or PostgreSQL), write transactions, migrations.

* ``database_url(settings)``: ``db.url`` (``CLAIMCHECK_DB_URL``), else the SQLite file ``claimcheck.db`` beside
  the index folder (``.claimcheck/claimcheck.db`` by default).
* ``open_engine(url)``: connects, upgrades the schema to the newest migration (an old database is upgraded,
  never dropped) and returns the engine. A database that cannot be opened, or one written by a newer
  claimcheck, raises a one-line StoreOpenError / StoreSchemaError with the fix.
* ``writing(engine)``: a write transaction. On SQLite it starts with ``BEGIN IMMEDIATE`` (the write lock is
  taken up front, so two processes never deadlock on a lock upgrade; a waiting writer blocks up to
  ``db.busy_timeout_s``). Migrations run inside one too (on PostgreSQL under an advisory lock), so two
  processes starting at once migrate once.
"""
from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Iterator

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError

from assistant.errors import StoreOpenError, StoreSchemaError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_WRITE = "claimcheck_write"
_PG_LOCK = 7_250_915  # advisory lock id for migrations


def database_url(settings) -> str:
    if settings.db.url:
        return settings.db.url
    return f"sqlite:///{(Path(settings.index_dir).parent / 'claimcheck.db').resolve()}"


def _fix_for(url: str) -> str:
    if url.startswith("sqlite"):
        return ("check the path and its permissions, move the damaged file aside, or set CLAIMCHECK_DB_URL to "
                "another database")
    return "check CLAIMCHECK_DB_URL (host, port, user, password, database name) and that the server is running"


def _sqlite_setup(engine: Engine, busy_timeout_s: float) -> None:
    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn, _record):
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves (below)
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {int(busy_timeout_s * 1000)}")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = FULL")  # a committed review survives kill -9 and power loss
        cur.execute("PRAGMA foreign_keys = ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection):
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(_WRITE) else "BEGIN")


def make_engine(url: str, busy_timeout_s: float = 30.0) -> Engine:
    """The engine for a URL, without migrating (``open_engine`` is what the app uses)."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreOpenError(f"cannot parse the database URL {url!r}",
                             "write it like sqlite:////path/claimcheck.db or "
                             "postgresql+psycopg://user:password@host:5432/claimcheck") from exc
    try:
        if parsed.get_backend_name() == "sqlite":
            db = parsed.database or ""
            if db and db != ":memory:":
                Path(db).parent.mkdir(parents=True, exist_ok=True)
            engine = create_engine(url, connect_args={"timeout": busy_timeout_s, "check_same_thread": False})
            _sqlite_setup(engine, busy_timeout_s)
        else:
            engine = create_engine(url, pool_pre_ping=True)
    except (NoSuchModuleError, ImportError) as exc:
        raise StoreOpenError(f"no database driver for {parsed.drivername}",
                             "use sqlite:/// or postgresql+psycopg:// (pip install 'psycopg[binary]')") from exc
    except OSError as exc:
        raise StoreOpenError(f"cannot create the database folder for {url} ({exc.strerror or exc})",
                             _fix_for(url)) from exc
    return engine


@contextlib.contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """A write transaction: committed when the block ends, rolled back on an exception."""
    with engine.connect().execution_options(**{_WRITE: True}) as conn, conn.begin():
        yield conn


def _alembic_config(conn: Connection):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = conn
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    cfg = _alembic_config(None)
    return ScriptDirectory.from_config(cfg).get_current_head()


def current_revision(conn: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(conn).get_current_revision()


def migrate(engine: Engine, url: str, revision: str = "head") -> None:
    """Upgrade the schema to ``revision`` under the write lock; refuse a database newer than this code."""
    from alembic import command
    from alembic.script import ScriptDirectory

    with writing(engine) as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK})
        cfg = _alembic_config(conn)
        known = {s.revision for s in ScriptDirectory.from_config(cfg).walk_revisions()}
        current = current_revision(conn)
        if current is not None and current not in known:
            raise StoreSchemaError(f"the database {_safe(url)} has schema {current}, newer than this claimcheck "
                                   f"(newest known: {head_revision()})",
                                   "upgrade claimcheck (pip install -U claimcheck), or set CLAIMCHECK_DB_URL to "
                                   "another database")
        command.upgrade(cfg, revision)


def _safe(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def open_engine(url: str, busy_timeout_s: float = 30.0) -> Engine:
    """Connect, migrate to the newest schema, and return the engine (errors are one line with the fix)."""
    engine = make_engine(url, busy_timeout_s)
    try:
        migrate(engine, url)
    except StoreSchemaError:
        engine.dispose()
        raise
    except DBAPIError as exc:
        engine.dispose()
        reason = " ".join(str(exc.orig).split())[:200]
        raise StoreOpenError(f"cannot open the database {_safe(url)} ({reason})", _fix_for(url)) from exc
    return engine
