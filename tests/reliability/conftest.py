"""Reliability fixtures: a small real index (corpus/attacks + corpus/north-america), built once per session,
copies of it for tests that damage or extend it, free loopback ports and subprocess helpers."""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

import httpx
import pytest

from tests.conftest import REPO, cli_command, subprocess_env

SUBSET = ("attacks", "north-america")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def copy_subset(dest: Path) -> Path:
    """corpus/attacks and corpus/north-america copied under dest (the real files, unchanged)."""
    for name in SUBSET:
        shutil.copytree(REPO / "corpus" / name, dest / name)
    return dest


@pytest.fixture(scope="session")
def subset_index(tmp_path_factory, embedder) -> Path:
    """The corpus subset ingested once (read-only: copy it with clone_index before changing anything)."""
    from assistant.ingest.pipeline import ingest
    from assistant.settings import Settings

    base = tmp_path_factory.mktemp("subset")
    src = copy_subset(base / "src")
    index_dir = base / "index"
    report = ingest([src], Settings(index_dir=index_dir), index_dir)
    assert report.documents >= 25 and not report.skipped
    return index_dir


@pytest.fixture
def clone_index(subset_index, tmp_path):
    """clone_index(name) -> a private copy of the subset index (a real copy of its files)."""
    def clone(name: str = "index") -> Path:
        dest = tmp_path / name
        shutil.copytree(subset_index, dest, ignore=shutil.ignore_patterns("write.lock"))
        return dest
    return clone


def popen_cli(*args: str, env: dict | None = None, **kw) -> subprocess.Popen:
    """The real `claimcheck` in its own process group (so the test can kill exactly it)."""
    return subprocess.Popen([*cli_command(), *map(str, args)], cwd=REPO, env=env or subprocess_env(),
                            start_new_session=True, **kw)


def kill_group(proc: subprocess.Popen, sig: int = signal.SIGKILL) -> None:
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            pass
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:  # pragma: no cover - SIGKILL does not time out
        pass


def wait_http(url: str, proc: subprocess.Popen | None = None, timeout: float = 240, ok=lambda r: r.status_code == 200
              ) -> httpx.Response:
    """Poll url until ok(response) or the process dies / the time is up."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            err = proc.stderr.read() if proc.stderr else ""
            raise AssertionError(f"process exited with {proc.returncode} before {url} answered: {err[-2000:]}")
        try:
            last = httpx.get(url, timeout=5)
            if ok(last):
                return last
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"{url} did not answer in {timeout} s (last: {last and last.text[:300]})")
