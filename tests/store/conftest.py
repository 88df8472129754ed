"""Store fixtures: a fresh SQLite database file per test, results to record, a throw-away PostgreSQL server."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

def _pg_bin() -> Path:
    """Debian's newest installed PostgreSQL server binaries (15 here; CI installs whatever Debian ships)."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parts[-3]) if
                   p.parts[-3].isdigit() else 0)
    return found[-1].parent if found else Path("/usr/lib/postgresql/15/bin")


PG_BIN = _pg_bin()


def make_result(claim: str, verdict: str = "misleading", confidence: float = 0.7, explanation: str = "Because [1].",
                missing_context: str = ""):
    from assistant.types import Citation, CheckResult

    cite = Citation(n=1, doc_id="un-mt-2015", chunk_id="c1", start=0, end=20, quote="some 30,000 foreign fighters",
                    title="UN Monitoring Team report", publisher="UN", published="2015-05-19", url="https://un.org/x")
    return CheckResult(claim=claim, verdict=verdict, confidence=confidence, explanation=explanation,
                       missing_context=missing_context, citations=[cite], judge="reader", verdict_by="aggregator:x",
                       index_version="idx-1", model="all-MiniLM-L6-v2")


@pytest.fixture
def db_settings(tmp_path: Path):
    from assistant.settings import Settings
    from assistant.store import drop_store

    settings = Settings(index_dir=tmp_path / "index")
    yield settings
    drop_store(settings)


@pytest.fixture
def store(db_settings):
    from assistant.store import get_store

    return get_store(db_settings)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_postgres_user() -> list[str]:
    """Command prefix that runs as the unprivileged `postgres` system user (created if absent)."""
    if os.geteuid() != 0:
        return []
    try:
        subprocess.run(["id", "postgres"], check=True, capture_output=True)
    except subprocess.CalledProcessError:
        subprocess.run(["useradd", "--system", "--no-create-home", "postgres"], check=True, capture_output=True)
    return ["runuser", "-u", "postgres", "--"]


@pytest.fixture(scope="session")
def postgres_url(tmp_path_factory):
    """A real PostgreSQL 15 server in a temp folder on a free loopback port; skipped with the reason if it
    cannot start (CI installs Debian's postgresql; see .ci/run)."""
    if not (PG_BIN / "initdb").exists():
        pytest.skip(f"no PostgreSQL server binaries in {PG_BIN} (apt-get install -y postgresql)")
    pytest.importorskip("psycopg", reason="the psycopg driver is not installed (pip install 'psycopg[binary]')")
    root = tmp_path_factory.mktemp("pg")
    data = root / "data"
    prefix = _as_postgres_user()
    if prefix:
        shutil.chown(root, "postgres")
        os.chmod(root, 0o700)
        for parent in root.parents:  # the postgres user must be able to reach the folder
            if str(parent) in ("/", "/tmp") or parent == Path.home():
                break
            os.chmod(parent, os.stat(parent).st_mode | 0o711)
    port = _free_port()
    try:
        subprocess.run([*prefix, str(PG_BIN / "initdb"), "-D", str(data), "-U", "cc", "--auth=trust", "-E", "UTF8"],
                       check=True, capture_output=True, text=True, timeout=120)
        subprocess.run([*prefix, str(PG_BIN / "pg_ctl"), "-D", str(data), "-l", str(root / "log"), "-w", "-t", "60",
                        "-o", f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=on", "start"],
                       check=True, capture_output=True, text=True, timeout=90)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as exc:
        detail = getattr(exc, "stderr", "") or str(exc)
        pytest.skip(f"could not start a PostgreSQL server: {' '.join(str(detail).split())[:300]}")
    try:
        import psycopg

        deadline = time.monotonic() + 30
        while True:
            try:
                with psycopg.connect(f"host=127.0.0.1 port={port} user=cc dbname=postgres", autocommit=True) as c:
                    c.execute("CREATE DATABASE claimcheck")
                break
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)
        yield f"postgresql+psycopg://cc@127.0.0.1:{port}/claimcheck"
    finally:
        subprocess.run([*prefix, str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
                       capture_output=True, timeout=60)


@pytest.fixture
def fresh_postgres_url(postgres_url, request):
    """A new, empty database on the test PostgreSQL server for this test."""
    import re

    import psycopg

    name = "t_" + re.sub(r"[^a-z0-9_]", "_", request.node.name.lower())[:40]
    admin = postgres_url.replace("postgresql+psycopg://", "postgresql://").rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as c:
        c.execute(f"DROP DATABASE IF EXISTS {name}")
        c.execute(f"CREATE DATABASE {name}")
    yield postgres_url.rsplit("/", 1)[0] + "/" + name
