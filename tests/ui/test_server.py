"""The served app over real HTTP on loopback: the Gradio page, basic auth, body limit, no stray files."""
from __future__ import annotations

import base64
import socket
import subprocess
import sys
import time
import types

import httpx
import pytest
from pydantic import SecretStr

from tests.conftest import cli_command, subprocess_env
from tests.ui.conftest import REPO, free_port


def test_root_serves_the_gradio_page(live_server):
    live = live_server()
    r = httpx.get(live.url + "/", timeout=30)
    assert r.status_code == 200 and "text/html" in r.headers["content-type"]
    assert "gradio" in r.text.lower()
    config = httpx.get(live.url + "/config", timeout=30)
    assert config.status_code == 200
    body = config.text
    assert '"title":"claimcheck"' in body.replace(" ", "") and "cc-chat" in body and "cc-corpus-table" in body
    assert '"analytics_enabled":false' in body.replace(" ", "")


def test_basic_auth_guards_every_route(live_server):
    live = live_server(auth_user="analyst", auth_password=SecretStr("s3cret pass"))
    for path in ("/", "/config", "/api/docs", "/gradio_api/info"):
        r = httpx.get(live.url + path, timeout=30)
        assert r.status_code == 401, path
        assert r.headers["www-authenticate"].startswith("Basic realm=")
    assert httpx.get(live.url + "/", auth=("analyst", "wrong"), timeout=30).status_code == 401
    assert httpx.get(live.url + "/", auth=("other", "s3cret pass"), timeout=30).status_code == 401
    bad = {"Authorization": "Basic " + base64.b64encode(b"no-colon").decode()}
    assert httpx.get(live.url + "/", headers=bad, timeout=30).status_code == 401
    assert httpx.get(live.url + "/", headers={"Authorization": "Basic !!!"}, timeout=30).status_code == 401
    ok = httpx.get(live.url + "/", auth=("analyst", "s3cret pass"), timeout=30)
    assert ok.status_code == 200 and "gradio" in ok.text.lower()


def test_request_body_limit(live_server):
    live = live_server(max_request_bytes=5_000)
    r = httpx.post(live.url + "/gradio_api/upload", content=b"x" * 6_000, timeout=30)
    assert r.status_code == 413 and "MAX_REQUEST_BYTES" in r.json()["error"]

    def chunked():
        for _ in range(10):
            yield b"y" * 1_000
    r = httpx.post(live.url + "/gradio_api/upload", content=chunked(), timeout=30)
    assert r.status_code == 413


def test_no_files_outside_the_app_are_served(live_server):
    live = live_server()
    for path in ("/gradio_api/file=/etc/passwd", f"/gradio_api/file={REPO}/pyproject.toml", "/file=/etc/passwd"):
        r = httpx.get(live.url + path, timeout=30)
        assert r.status_code in (403, 404), (path, r.status_code)
        assert "root:" not in r.text and "[project]" not in r.text


def test_api_router_is_mounted_under_api_when_present(monkeypatch, corpus_settings, service_getter):
    from fastapi import APIRouter
    from fastapi.testclient import TestClient

    from assistant.ui.app import create_app

    seen = []

    def build_router(get_service, settings=None):
        seen.append((get_service, settings))
        router = APIRouter()

        @router.get("/ping")
        def ping():
            return {"ok": True}
        return router

    monkeypatch.setitem(sys.modules, "assistant.api.routes", types.SimpleNamespace(build_router=build_router))
    client = TestClient(create_app(corpus_settings, service_getter=service_getter))
    assert client.get("/api/ping").json() == {"ok": True} and seen == [(service_getter, corpus_settings)]
    assert client.get("/").status_code == 200


def test_half_configured_auth_is_refused(corpus_settings):
    from assistant.errors import ConfigError
    from assistant.ui.app import create_app

    settings = corpus_settings.model_copy(update={"server": corpus_settings.server.model_copy(update={"auth_user": "a"})})
    with pytest.raises(ConfigError, match="AUTH_PASSWORD"):
        create_app(settings)


def test_optional_tabs_are_skipped_only_when_missing():
    from assistant.ui.tabs import _optional, tab_builders

    assert _optional("assistant.no_such_package.ui_tab") is None
    assert _optional("assistant.ui.no_such_module") is None
    names = [b.__module__ for b in tab_builders()]
    assert names[0] == "assistant.ui.chat" and names[-1] == "assistant.ui.corpus_tab"


def _wait_for(url: str, proc: subprocess.Popen, timeout: float = 180) -> httpx.Response:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"serve exited with {proc.returncode}: {proc.stderr.read()}")
        try:
            return httpx.get(url, timeout=5)
        except httpx.HTTPError:
            time.sleep(0.5)
    raise AssertionError("serve did not answer in time")


def test_claimcheck_serve_subprocess(corpus_index):
    port = free_port()
    proc = subprocess.Popen([*cli_command(), "serve", "--index", str(corpus_index), "--port", str(port)], cwd=REPO,
                            env=subprocess_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        r = _wait_for(f"http://127.0.0.1:{port}/", proc)
        assert r.status_code == 200 and "gradio" in r.text.lower()
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    assert f"http://127.0.0.1:{port}/" in proc.stderr.read()


def test_serve_refuses_a_busy_port_and_a_missing_index(run_cli, tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        busy = run_cli("serve", "--index", str(tmp_path), "--port", port)
    assert busy.returncode == 2 and f"cannot listen on 127.0.0.1:{port}" in busy.stderr and "--port" in busy.stderr
    missing = run_cli("serve", "--index", str(tmp_path / "none"), "--port", free_port())
    assert missing.returncode == 2 and "no index at" in missing.stderr and "Traceback" not in missing.stderr


def test_the_real_api_is_served_next_to_the_ui(live_server):
    pytest.importorskip("assistant.api.routes", reason="the REST API package is not in this checkout yet")
    live = live_server(auth_user="analyst", auth_password=SecretStr("pw"))
    assert httpx.get(live.url + "/api/health", timeout=30).status_code == 401
    r = httpx.get(live.url + "/api/health", auth=("analyst", "pw"), timeout=30)
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/json")
    assert httpx.get(live.url + "/", auth=("analyst", "pw"), timeout=30).status_code == 200
