"""UI fixtures: one real index built from corpus/ per session, and real uvicorn servers on loopback ports."""
from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import httpx
import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def service_getter(corpus_settings):
    """The one shared Service for the session (every test server uses it, so one Chroma client per index)."""
    from assistant.ui.app import service_getter_for

    get = service_getter_for(corpus_settings)
    get()  # load the index and model now, not inside a request with a timeout
    return get


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveServer:
    """create_app(settings) served by uvicorn in a background thread on a free loopback port."""

    def __init__(self, app, port: int) -> None:
        import uvicorn

        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def start(self, auth: tuple[str, str] | None = None, timeout: float = 60.0) -> "LiveServer":
        self.thread.start()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.server.started:
                try:
                    httpx.get(self.url + "/", auth=auth, timeout=5)
                    return self
                except httpx.HTTPError:
                    pass
            if not self.thread.is_alive():
                break
            time.sleep(0.2)
        raise RuntimeError(f"the test server on {self.url} did not start")

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=15)


@pytest.fixture
def live_server(corpus_settings, service_getter):
    """live_server(**server_settings) -> a started LiveServer; stopped after the test."""
    from assistant.ui.app import create_app

    started: list[LiveServer] = []

    def start(**server) -> LiveServer:
        settings = corpus_settings.model_copy(update={"server": corpus_settings.server.model_copy(update=server)})
        port = free_port()
        app = create_app(settings, service_getter=service_getter)
        auth = (server["auth_user"], server["auth_password"].get_secret_value()) if server.get("auth_user") else None
        live = LiveServer(app, port).start(auth=auth)
        started.append(live)
        return live

    yield start
    for live in started:
        live.stop()
