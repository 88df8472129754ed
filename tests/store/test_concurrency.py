"""Several processes on one SQLite file: concurrent writers lose nothing; kill -9 loses no committed write."""
from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from tests.conftest import REPO, subprocess_env
from tests.store.conftest import make_result


def _writer(url: str, mode: str, n: int, name: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "tests.store.writer", url, mode, str(n), name], cwd=REPO,
                            env=subprocess_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.fixture(params=["sqlite", "postgresql"])
def shared_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'shared.db'}"
    return request.getfixturevalue("fresh_postgres_url")


def test_two_processes_record_and_review_at_once(tmp_path, shared_url):
    from assistant.settings import DbSettings
    from assistant.store.store import Store

    url = shared_url
    store = Store(url, DbSettings())
    store.record(make_result("the item both reviewers edit"), "seed", "api")
    procs = [_writer(url, "record", 60, "p1"), _writer(url, "record", 60, "p2"),
             _writer(url, "review", 25, "r1"), _writer(url, "review", 25, "r2")]
    outs = [p.communicate(timeout=300) for p in procs]
    for p, (out, err) in zip(procs, outs):
        assert p.returncode == 0, err
    checks, total = store.reviews(limit=1000)
    assert total == 1 + 120  # every recorded check from both processes was queued, none lost
    assert {r["claim"] for r in checks} >= {f"p{k} claim {i}" for k in (1, 2) for i in range(60)}
    versions = [int(line.split()[1]) for _, (out, _) in zip(procs[2:], outs[2:]) for line in out.splitlines()
                if line.startswith("version")]
    assert sorted(versions) == list(range(2, 52))  # 50 changes, each applied exactly once, none overwritten
    history = [h for h in store.review(1)["history"] if h["action"] == "update"]
    assert len(history) == 50
    assert all(h["before"]["version"] + 1 == h["after"]["version"] for h in history)
    if url.startswith("sqlite"):
        con = sqlite3.connect(tmp_path / "shared.db")
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    store.close()


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["record", "review"])
def test_kill_9_loses_no_committed_write(tmp_path, mode):
    from assistant.settings import DbSettings
    from assistant.store.store import Store

    url = f"sqlite:///{tmp_path / 'killed.db'}"
    seed = Store(url, DbSettings())
    seed.record(make_result("the item being reviewed"), "seed", "api")
    seed.close()
    proc = _writer(url, mode, 100_000, "k")
    committed: list[str] = []
    deadline = time.monotonic() + 120
    while len(committed) < 40 and time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        committed.append(line.split()[1])
    proc.send_signal(signal.SIGKILL)  # mid-write: it is writing the next one
    proc.wait(timeout=30)
    assert len(committed) >= 40, proc.stderr.read()
    store = Store(url, DbSettings())  # reopening recovers the WAL
    if mode == "record":
        with store.engine.connect() as conn:
            from sqlalchemy import text

            ids = {str(i) for (i,) in conn.execute(text("SELECT id FROM checks"))}
        assert set(committed) <= ids
        assert store.reviews()[1] >= len(committed)  # each committed check's review item came with it
    else:
        assert store.review(1)["version"] >= int(committed[-1])
        versions = [h["after"]["version"] for h in store.review(1)["history"] if h["action"] == "update"]
        assert versions == list(range(2, store.review(1)["version"] + 1))  # the audit has every committed change
    con = sqlite3.connect(tmp_path / "killed.db")
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    store.close()
