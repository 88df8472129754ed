"""The REST API over real HTTP (uvicorn on loopback, httpx): results, shapes and every bad-input case."""
from __future__ import annotations

import importlib.util
import json
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from assistant.types import VERDICTS, CheckResult
from tests.batch.claimreview_shape import claimreview_problems

CLAIM = "A UN report from July 2019 estimated that some 30,000 foreign ISIL fighters and their dependants may have survived."


def assert_clear_error(r: httpx.Response, status: int, *words: str) -> dict:
    """A 4xx with a JSON body whose 'detail' is one line naming the problem (and, after ->, the fix)."""
    assert r.status_code == status, (r.status_code, r.text[:500])
    body = r.json()
    detail = body["detail"]
    assert isinstance(detail, str) and detail and "\n" not in detail, body
    for w in words:
        assert w.lower() in detail.lower(), (w, detail)
    return body


# --- health, docs ---------------------------------------------------------------------------------------------

def test_health_reports_the_loaded_index(client):
    r = client.get("/api/health")
    assert r.status_code == 200
    h = r.json()
    assert h["status"] == "ok" and h["index_loaded"] is True
    assert h["documents"] > 50 and h["chunks"] >= h["documents"]
    assert h["model"] == "sentence-transformers/all-MiniLM-L6-v2"
    assert isinstance(h["index_version"], str) and len(h["index_version"]) == 12


def test_docs_and_openapi_are_served(client):
    r = client.get("/api/docs")
    assert r.status_code == 200 and "swagger" in r.text.lower() and "/api/openapi.json" in r.text
    spec = client.get("/api/openapi.json").json()
    assert spec["servers"] == [{"url": "/api"}]
    assert {"/check", "/ask", "/article", "/batch", "/health"} <= set(spec["paths"])
    assert "claim" in spec["components"]["schemas"]["CheckRequest"]["properties"]


def test_missing_index_gives_503_with_the_fix(serve, tmp_path):
    from assistant.api import create_api_app
    from assistant.settings import Settings

    url = serve(create_api_app(Settings(index_dir=tmp_path / "no-index")))
    r = httpx.get(url + "/api/health", timeout=30)
    body = assert_clear_error(r, 503, "no index", "claimcheck ingest")
    assert body["index_loaded"] is False and body["status"] == "unavailable"
    assert_clear_error(httpx.post(url + "/api/check", json={"claim": CLAIM}, timeout=30), 503, "claimcheck ingest")
    # bad input is still reported as bad input, before the index is needed
    assert_clear_error(httpx.post(url + "/api/check", json={"claim": ""}, timeout=30), 422, "empty")


# --- check ----------------------------------------------------------------------------------------------------

def test_check_returns_the_cli_json_shape(client):
    r = client.post("/api/check", json={"claim": CLAIM, "date": "2019-08-01"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert set(body) == set(CheckResult.model_fields)
    result = CheckResult.model_validate(body)
    assert result.verdict in VERDICTS and 0 <= result.confidence <= 1
    assert result.citations and all(c.quote and c.doc_id for c in result.citations)
    assert result.index_version and result.model


def test_check_same_result_as_the_cli(client, run_cli, corpus_index):
    cli = run_cli("check", CLAIM, "--json", "--index", corpus_index)
    assert cli.returncode == 0, cli.stderr
    expected = json.loads(cli.stdout)
    got = client.post("/api/check", json={"claim": CLAIM}).json()
    for key in ("claim", "verdict", "confidence", "explanation", "index_version", "model"):
        assert got[key] == expected[key], key
    assert [c["chunk_id"] for c in got["citations"]] == [c["chunk_id"] for c in expected["citations"]]


def test_check_claimreview(client):
    r = client.post("/api/check", json={"claim": CLAIM, "format": "claimreview", "date": "2019-08-01",
                                        "appearance_url": "https://example.org/post/1", "author": "A. Writer"})
    assert r.status_code == 200, r.text
    review = r.json()
    assert claimreview_problems(review) == []
    assert review["claimReviewed"] == CLAIM
    assert review["itemReviewed"]["datePublished"] == "2019-08-01"
    assert review["itemReviewed"]["appearance"]["url"] == "https://example.org/post/1"
    assert review["itemReviewed"]["author"]["name"] == "A. Writer"


def test_concurrent_checks(client):
    claims = [CLAIM, "Europol counted 119 completed, failed or foiled attacks in the EU in 2019.",
              "About 10,000 ISIS fighters were held in detention in north-east Syria.", CLAIM]
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda c: client.post("/api/check", json={"claim": c}), claims))
    assert [r.status_code for r in results] == [200] * 4
    assert results[0].json()["verdict"] == results[3].json()["verdict"]


# --- ask, article ---------------------------------------------------------------------------------------------

def test_ask_with_a_follow_up(client):
    r = client.post("/api/ask", json={"question": "How many foreign fighters joined ISIS?"})
    assert r.status_code == 200, r.text
    a = r.json()
    assert set(a) >= {"question", "resolved_question", "answer", "citations"} and a["answer"]
    r = client.post("/api/ask", json={"question": "and how many came back?",
                                      "history": ["How many foreign fighters joined ISIS?"]})
    assert r.status_code == 200
    assert r.json()["resolved_question"] != "and how many came back?"


def test_article(client):
    text = ("A UN report from July 2019 said some 30,000 foreign ISIL fighters and their dependants may have "
            "survived. Europol counted 119 completed, failed or foiled attacks in the EU in 2019.")
    r = client.post("/api/article", json={"text": text, "date": "2019-08-10"})
    if importlib.util.find_spec("assistant.article") is None:
        assert_clear_error(r, 501, "not available")
        return
    assert r.status_code == 200, r.text
    assert isinstance(r.json(), dict) and r.json()
    assert_clear_error(client.post("/api/article", json={"text": "   "}), 422, "empty")


# --- batch ----------------------------------------------------------------------------------------------------

def test_batch_rows_and_errors(client):
    claims = [{"id": "a", "claim": CLAIM, "source": "tweet", "verdict": "gold-label"},
              {"id": "b", "claim": ""},
              {"claim": "no id"},
              {"id": "a", "claim": "duplicate id"},
              {"id": "c", "claim": "Europol counted 119 completed, failed or foiled attacks in the EU in 2019."}]
    r = client.post("/api/batch", json={"claims": claims})
    assert r.status_code == 200, r.text
    body = r.json()
    assert [row["id"] for row in body["results"]] == ["a", "c"]
    row = body["results"][0]
    assert row["source"] == "tweet" and row["input_verdict"] == "gold-label" and row["verdict"] in VERDICTS
    assert row["citations"] and {"doc_id", "quote"} <= set(row["citations"][0])
    assert [e["index"] for e in body["errors"]] == [1, 2, 3]
    assert "empty" in body["errors"][0]["error"] and "no id" in body["errors"][1]["error"]
    assert "duplicate" in body["errors"][2]["error"]


def test_batch_claimreview(client):
    r = client.post("/api/batch", json={"claims": [{"id": "x", "claim": CLAIM, "url": "https://example.org/a"}],
                                        "format": "claimreview"})
    assert r.status_code == 200
    (review,) = r.json()["results"]
    assert claimreview_problems(review) == [] and review["identifier"] == "x"
    assert review["itemReviewed"]["appearance"]["url"] == "https://example.org/a"


def test_batch_row_limit(serve, corpus_settings, service_fn):
    from assistant.api import create_api_app

    small = corpus_settings.model_copy(update={"limits": corpus_settings.limits.model_copy(update={"batch_max_rows": 2})})
    url = serve(create_api_app(small, service_fn))
    rows = [{"id": str(i), "claim": CLAIM} for i in range(3)]
    assert_clear_error(httpx.post(url + "/api/batch", json={"claims": rows}, timeout=60), 413, "row limit")


# --- bad input: always a clear 4xx, never a 500 ---------------------------------------------------------------

BAD = [
    ("empty claim", "/api/check", {"claim": ""}, 422, ["empty"]),
    ("blank claim", "/api/check", {"claim": "   \n\t "}, 422, ["empty"]),
    ("claim too long", "/api/check", {"claim": "word " * 1000}, 422, ["limit"]),
    ("control characters", "/api/check", {"claim": "30,000 fighters\x00\x01 joined"}, 422, ["control"]),
    ("no words", "/api/check", {"claim": "12345 !!!"}, 422, ["no words"]),
    ("claim is a number", "/api/check", {"claim": 30000}, 422, ["claim", "string"]),
    ("claim is a list", "/api/check", {"claim": ["a", "b"]}, 422, ["claim"]),
    ("claim is null", "/api/check", {"claim": None}, 422, ["claim"]),
    ("claim missing", "/api/check", {"text": "hello"}, 422, ["claim", "missing"]),
    ("unknown field", "/api/check", {"claim": CLAIM, "fromat": "json"}, 422, ["fromat", "unknown"]),
    ("bad format", "/api/check", {"claim": CLAIM, "format": "xml"}, 422, ["format"]),
    ("bad date", "/api/check", {"claim": CLAIM, "date": "2019-13-45"}, 422, ["date", "YYYY-MM-DD"]),
    ("date is a number", "/api/check", {"claim": CLAIM, "date": 20190801}, 422, ["date"]),
    ("body is a list", "/api/check", [CLAIM], 422, ["body"]),
    ("body is a string", "/api/check", CLAIM, 422, ["body"]),
    ("empty question", "/api/ask", {"question": ""}, 422, ["empty"]),
    ("history not a list", "/api/ask", {"question": "how many?", "history": "previous"}, 422, ["history"]),
    ("history of numbers", "/api/ask", {"question": "how many?", "history": [1, 2]}, 422, ["history"]),
    ("article text number", "/api/article", {"text": 5}, 422, ["text"]),
    ("claims not a list", "/api/batch", {"claims": {"id": "a"}}, 422, ["claims"]),
    ("claims of strings", "/api/batch", {"claims": ["a claim"]}, 422, ["claims"]),
]


@pytest.mark.parametrize("path,payload,status,words", [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_bad_input_is_a_clear_4xx(client, path, payload, status, words):
    assert_clear_error(client.post(path, json=payload), status, *words)


@pytest.mark.parametrize("raw", [b"{bad", b'{"claim": "x",}', b'{"claim": "unterminated', b"\xff\xfe\x00"])
def test_bad_json_is_400(client, raw):
    r = client.post("/api/check", content=raw, headers={"content-type": "application/json"})
    assert_clear_error(r, 400, "not valid JSON")


def test_empty_body_and_wrong_content_type(client):
    assert_clear_error(client.post("/api/check"), 422, "missing")
    r = client.post("/api/check", content=b"claim=30000+fighters", headers={"content-type": "application/x-www-form-urlencoded"})
    assert_clear_error(r, 415, "JSON")


def test_oversize_body_is_413(client, corpus_settings):
    limit = corpus_settings.server.max_request_bytes
    big = json.dumps({"claim": "x" * (limit + 10)}).encode()
    assert_clear_error(client.post("/api/check", content=big, headers={"content-type": "application/json"}),
                       413, "limit")
    # no Content-Length (chunked): the bytes actually received are counted
    def chunks():
        for _ in range(limit // 65536 + 2):
            yield b" " * 65536
    r = client.post("/api/check", content=chunks(), headers={"content-type": "application/json"})
    assert "content-length" not in r.request.headers
    assert_clear_error(r, 413, "limit")
    # a batch just over the limit
    rows = [{"id": str(i), "claim": CLAIM} for i in range(limit // len(CLAIM) + 10)]
    assert_clear_error(client.post("/api/batch", json={"claims": rows}), 413, "limit")


def test_lying_content_length_is_refused(live_api):
    """A client that announces a small body and sends a bigger one gets no 500 (h11 or the API refuses it)."""
    import socket

    host, port = live_api.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=30) as s:
        s.sendall(b"POST /api/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                  b"Content-Length: abc\r\n\r\n{}")
        reply = s.recv(4096).decode("latin-1")
    assert reply.startswith("HTTP/1.1 4"), reply[:200]


# --- the router mounted in another app (as the UI server does) ------------------------------------------------

def test_router_mounted_in_another_app_keeps_its_guards(serve, corpus_settings, service_fn):
    from fastapi import FastAPI

    from assistant.api import build_router

    app = FastAPI()
    app.include_router(build_router(service_fn, corpus_settings), prefix="/api")
    url = serve(app)
    assert httpx.get(url + "/api/health", timeout=30).json()["index_loaded"] is True
    assert httpx.get(url + "/api/docs", timeout=30).status_code == 200
    r = httpx.post(url + "/api/check", content=b"{bad", headers={"content-type": "application/json"}, timeout=30)
    assert_clear_error(r, 400, "not valid JSON")
    big = json.dumps({"claim": "x" * (corpus_settings.server.max_request_bytes + 1)})
    r = httpx.post(url + "/api/check", content=big, headers={"content-type": "application/json"}, timeout=30)
    assert_clear_error(r, 413, "limit")
    assert_clear_error(httpx.post(url + "/api/check", json={"claim": 1}, timeout=30), 422, "claim")


# --- errors from inside the service ---------------------------------------------------------------------------

class _BrokenService:
    """A stand-in Service whose check fails the way a bug or a misconfiguration would."""

    def __init__(self, exc: Exception) -> None:
        self.exc = exc

    def check(self, claim, reference_date=None):
        raise self.exc


@pytest.mark.parametrize("exc,status,words", [
    (RuntimeError("boom"), 500, ["internal error", "RuntimeError"]),
    ("config", 500, ["bad setting"]),
    ("backend", 502, ["LLM server"]),
    ("input", 422, ["claim is odd"]),
])
def test_service_errors_map_to_one_line_json(serve, corpus_settings, exc, status, words):
    from assistant.api import create_api_app
    from assistant.errors import BackendError, ConfigError, InputError

    exc = {"config": ConfigError("bad setting", "fix it"), "backend": BackendError("LLM server down", "start it"),
           "input": InputError("the claim is odd", "reword it")}.get(exc, exc)
    url = serve(create_api_app(corpus_settings, lambda: _BrokenService(exc)))
    assert_clear_error(httpx.post(url + "/api/check", json={"claim": CLAIM}, timeout=30), status, *words)
    r = httpx.post(url + "/api/batch", json={"claims": [{"id": "a", "claim": CLAIM}]}, timeout=30)
    if isinstance(exc, (RuntimeError, InputError)):  # a row error; the batch goes on
        assert r.status_code == 200 and r.json()["results"] == [] and r.json()["errors"][0]["id"] == "a"
    else:  # the service itself is broken: the whole request fails clearly
        assert_clear_error(r, status, *words)
