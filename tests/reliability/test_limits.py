"""Size limits and timeouts (OWASP LLM10 unbounded consumption): each limit exists and fails with a clear
one-line error (problem -> fix). Limits already tested elsewhere are listed in docs/reliability.md:
request body and upload 413 (tests/api/test_api.py, tests/ui/test_server.py), API batch rows and history
(tests/api), article length (tests/article), loader file size (tests/ingest)."""
from __future__ import annotations

import json
import threading
import time

import pytest

from assistant.errors import InputError
from assistant.settings import LimitSettings, LLMSettings, Settings


def test_claim_limit_is_a_clear_error():
    from assistant.verify.claim_input import clean_claim

    assert clean_claim("x" * 10 + " ok", 2000)
    with pytest.raises(InputError) as err:
        clean_claim("ISIS " * 401, 2000)
    assert "over the 2,000 limit" in str(err.value) and " -> " in str(err.value)


def test_article_limit_is_a_clear_error():
    from assistant.article.report import clean_article

    with pytest.raises(InputError) as err:
        clean_article("ISIS claimed the attack. " * 10, 100)
    assert "over the 100 limit" in str(err.value) and " -> " in str(err.value)


def test_batch_row_limit_is_checked_before_the_index_loads(tmp_path):
    from assistant.batch.runner import run_batch

    src = tmp_path / "claims.jsonl"
    src.write_text("".join(json.dumps({"id": str(i), "claim": f"ISIS claimed attack {i}"}) + "\n" for i in range(6)))
    settings = Settings(index_dir=tmp_path / "no-index", limits=LimitSettings(batch_max_rows=5))

    def no_service():
        raise AssertionError("the index must not be loaded for a file over the row limit")
    with pytest.raises(InputError) as err:
        run_batch(str(src), settings, out_path=tmp_path / "out.jsonl", service_fn=no_service)
    assert "over the 5 row limit" in str(err.value) and "batch_max_rows" in str(err.value)


@pytest.mark.parametrize("field, value", [
    ("retrieval.dense_k", 10**6), ("retrieval.keyword_k", 10**6), ("retrieval.top_chunks", 10**4),
    ("retrieval.top_evidence", 10**4), ("llm.timeout_s", 0), ("llm.timeout_s", 10**5),
    ("ingest.embed_batch_size", 10**6), ("server.max_request_bytes", 10),
])
def test_settings_refuse_unbounded_values(field, value):
    from pydantic import ValidationError

    group, name = field.split(".")
    with pytest.raises(ValidationError):
        Settings(**{group: {name: value}})


def test_llm_calls_carry_the_timeout():
    pytest.importorskip("langchain_openai")
    pytest.importorskip("langchain_ollama")
    from assistant.verify.llm_judge import build_chat_model

    openai = build_chat_model(LLMSettings(provider="openai", model="m", base_url="http://127.0.0.1:9", timeout_s=7))
    assert openai.request_timeout == 7 and openai.max_retries <= 1
    ollama = build_chat_model(LLMSettings(provider="ollama", model="m", base_url="http://127.0.0.1:9", timeout_s=7))
    assert (ollama.client_kwargs or {}).get("timeout") == 7


def test_a_hanging_llm_server_times_out_and_falls_back(embedder):
    """An OpenAI-compatible server that accepts the connection and never answers: the judge gives up after
    llm.timeout_s and falls back to the embedded engine, saying so."""
    pytest.importorskip("langchain_openai")
    import socket

    from assistant.types import Evidence, SourceMeta
    from assistant.verify.facets import extract_facets
    from assistant.verify.llm_judge import LLMJudge

    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    port = server.getsockname()[1]
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept():
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])  # read nothing, answer nothing
            except OSError:
                pass
    t = threading.Thread(target=accept, daemon=True)
    t.start()
    try:
        judge = LLMJudge.from_settings(LLMSettings(provider="openai", model="m", base_url=f"http://127.0.0.1:{port}/v1",
                                                   api_key="k", timeout_s=1.5))
        claim = "ISIS claimed the Stockholm truck attack"
        sentence = "No group claimed the Stockholm truck attack of 7 April 2017."
        evidence = [Evidence(chunk_id="c1", doc_id="d1", text=sentence, start=0, end=len(sentence), score=0.9,
                             similarity=0.9, meta=SourceMeta(publisher="Swedish police", published="2017-04-08"))]
        started = time.monotonic()
        result = judge.judge(claim, extract_facets(claim), evidence)
        elapsed = time.monotonic() - started
    finally:
        stop.set()
        t.join(timeout=5)
        for s in held:
            s.close()
        server.close()
    assert held, "the judge never called the model"
    assert 1.0 <= elapsed < 15, f"took {elapsed:.1f} s with a 1.5 s timeout"
    assert result.judge.startswith("embedded (llm failed"), result.judge
    assert "timed out" in result.judge.lower() or "timeout" in result.judge.lower(), result.judge
