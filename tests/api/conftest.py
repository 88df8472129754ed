"""API fixtures: one real index built from corpus/ per session, and the API served by uvicorn on loopback."""
from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import httpx
import pytest

REPO = Path(__file__).resolve().parents[2]


class LiveServer:
    """An ASGI app served by uvicorn in a background thread, on a loopback socket bound before the start."""

    def __init__(self, app) -> None:
        import uvicorn

        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(uvicorn.Config(app, log_level="warning", timeout_keep_alive=5))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True)

    def start(self, timeout: float = 60.0) -> "LiveServer":
        self.thread.start()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.server.started:
                return self
            if not self.thread.is_alive():
                break
            time.sleep(0.05)
        raise RuntimeError(f"the test server on {self.url} did not start")

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=15)
        self.sock.close()


@pytest.fixture(scope="session")
def live_api(corpus_settings, service_fn):
    """create_api_app served over real HTTP; yields its base URL."""
    from assistant.api import create_api_app

    server = LiveServer(create_api_app(corpus_settings, service_fn)).start()
    yield server.url
    server.stop()


@pytest.fixture(scope="session")
def client(live_api):
    with httpx.Client(base_url=live_api, timeout=120) as c:
        yield c


@pytest.fixture
def serve():
    """serve(app) -> base URL of a LiveServer for this test (stopped afterwards)."""
    servers: list[LiveServer] = []

    def start(app) -> str:
        servers.append(LiveServer(app).start())
        return servers[-1].url

    yield start
    for s in servers:
        s.stop()
