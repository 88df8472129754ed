"""One writer at a time."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from assistant.errors import IndexLockedError
from assistant.index.lock import LOCK_NAME, WriterLock
from assistant.ingest.pipeline import ingest

from tests.conftest import REPO, subprocess_env

HOLD = ("import sys; from pathlib import Path; from assistant.index.lock import WriterLock; "
        "lock = WriterLock(Path(sys.argv[1])).__enter__(); print('locked', flush=True); sys.stdin.read()")


def test_in_process_lock_blocks_ingest_and_is_released(small_corpus, settings, index_dir, embedder):
    with WriterLock(index_dir):
        with pytest.raises(IndexLockedError) as exc:
            ingest([small_corpus], settings, index_dir)
        msg = str(exc.value)
        assert f"another process (pid {os.getpid()}) is writing to the index at {index_dir}" in msg
        assert "wait for it to finish" in msg
    assert not (index_dir / "manifest.json").exists(), "a locked-out ingest must not write anything"
    report = ingest([small_corpus], settings, index_dir)
    assert report.added == 3
    with WriterLock(index_dir):  # released by the ingest
        pass


def test_lock_held_by_another_process(small_corpus, settings, index_dir, embedder, run_cli):
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(index_dir)], cwd=REPO, env=subprocess_env(),
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(IndexLockedError, match=f"pid {holder.pid}"):
            ingest([small_corpus], settings, index_dir)
        r = run_cli("ingest", small_corpus, "--index", index_dir)
        assert r.returncode == 2 and f"another process (pid {holder.pid}) is writing" in r.stderr
    finally:
        holder.kill()  # dies without releasing: the OS drops the flock
        holder.wait(timeout=30)
    assert ingest([small_corpus], settings, index_dir).added == 3


def test_lock_released_when_ingest_fails(small_corpus, settings, index_dir, embedder):
    ingest([small_corpus], settings, index_dir)
    (index_dir / "manifest.json").write_text("garbage")
    with pytest.raises(Exception):
        ingest([small_corpus], settings, index_dir)
    with WriterLock(index_dir):
        assert (index_dir / LOCK_NAME).read_text() == str(os.getpid())
