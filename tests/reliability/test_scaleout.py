"""Scale-out: several app processes share one index on a real Chroma server (store = "server").

A Chroma server is started on loopback (`chroma run`), a few corpus documents are ingested into it, and
two `claimcheck check --json` processes, each with its own empty --index folder, must give the same
verdicts and citations (and the same as an embedded index of the same documents). The manifest travels in
the collection's metadata and the keyword index is rebuilt from the store. Skipped if the chroma CLI
cannot start.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import time
from pathlib import Path

import httpx
import pytest

from tests.conftest import REPO, cli_command, subprocess_env
from tests.reliability.conftest import free_port, kill_group

DOCS = ["attacks/attack-stockholm-2017-04-07.md", "attacks/attacks-europe-vehicle-2016-2017.md",
        "attacks/attack-manchester-2017-05-22.md", "north-america/ps-canada-2018-public-report.md"]
CLAIMS = ["ISIS claimed the Stockholm truck attack", "About 60 ISIS fighters returned to Canada"]


def chroma_binary() -> str | None:
    local = REPO / ".venv" / "bin" / "chroma"
    return str(local) if local.exists() else shutil.which("chroma")


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory):
    binary = chroma_binary()
    if binary is None:
        pytest.skip("the chroma CLI is not installed")
    port = free_port()
    data = tmp_path_factory.mktemp("chroma-server")
    log = (data / "server.log").open("w")
    proc = subprocess.Popen([binary, "run", "--path", str(data / "db"), "--host", "127.0.0.1", "--port", str(port)],
                            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + 90
    ok = False
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            ok = httpx.get(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=3).status_code == 200
        except httpx.HTTPError:
            ok = False
        if ok:
            break
        time.sleep(0.3)
    if not ok:
        kill_group(proc)
        pytest.skip(f"the chroma server did not start: {(data / 'server.log').read_text()[-500:]}")
    yield port
    kill_group(proc, 15)
    log.close()


def server_settings(port: int, index_dir: Path, collection: str = "claimcheck-shared"):
    from assistant.settings import Settings

    return Settings(index_dir=index_dir, store="server", chroma_host="127.0.0.1", chroma_port=port,
                    collection=collection)


@pytest.fixture(scope="module")
def shared_index(chroma_server, tmp_path_factory, embedder):
    from assistant.ingest.pipeline import ingest

    base = tmp_path_factory.mktemp("shared")
    src = base / "src"
    for rel in DOCS:
        (src / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / "corpus" / rel, src / rel)
    report = ingest([src], server_settings(chroma_server, base / "ingest-index"))
    assert report.documents == len(DOCS) and not report.skipped
    embedded_dir = base / "embedded-index"
    from assistant.settings import Settings
    ingest([src], Settings(index_dir=embedded_dir), embedded_dir)
    return {"port": chroma_server, "src": src, "report": report, "embedded": embedded_dir, "base": base}


def citation_keys(result: dict) -> list[tuple]:
    return [(c["doc_id"], c["chunk_id"], c["start"], c["end"], c["quote"]) for c in result["citations"]]


def test_manifest_lives_in_the_collection(shared_index, tmp_path, embedder):
    from assistant.index.index import Index

    empty = tmp_path / "nothing-here"
    idx = Index.open(server_settings(shared_index["port"], empty), embedder=embedder)
    assert idx.manifest.status == "ready" and idx.manifest.chunk_count == shared_index["report"].total_chunks
    assert idx.store.count() == idx.manifest.chunk_count
    assert idx.keyword.search("Stockholm truck attack", 3)  # rebuilt from the store
    assert not empty.exists(), "a reader in server mode needs no local index folder"


def test_missing_collection_is_a_clear_error(shared_index, tmp_path, embedder):
    from assistant.errors import IndexMissingError
    from assistant.index.index import Index

    with pytest.raises(IndexMissingError, match="no index in the Chroma collection 'nobody-ingested-this'"):
        Index.open(server_settings(shared_index["port"], tmp_path / "x", "nobody-ingested-this"), embedder=embedder)


def test_reingest_from_another_folder_sees_the_same_index(shared_index, tmp_path):
    from assistant.ingest.pipeline import ingest

    report = ingest([shared_index["src"]], server_settings(shared_index["port"], tmp_path / "other-ingest-dir"))
    assert report.unchanged == len(DOCS) and report.chunks_embedded == 0


def test_two_app_processes_share_one_index(shared_index, tmp_path):
    from assistant.service import Service
    from assistant.settings import Settings

    port = shared_index["port"]
    env = subprocess_env()
    env.update({"CLAIMCHECK_STORE": "server", "CLAIMCHECK_CHROMA_HOST": "127.0.0.1", "CLAIMCHECK_CHROMA_PORT": str(port),
                "CLAIMCHECK_COLLECTION": "claimcheck-shared"})
    embedded = Service(Settings(index_dir=shared_index["embedded"]))
    for claim in CLAIMS:
        procs = [subprocess.Popen([*cli_command(), "check", claim, "--json", "--index", str(tmp_path / f"app{n}")],
                                  cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for n in (1, 2)]
        results = []
        for p in procs:
            out, err = p.communicate(timeout=400)
            assert p.returncode == 0, err
            results.append(json.loads(out))
        a, b = results
        assert a["verdict"] == b["verdict"] and citation_keys(a) == citation_keys(b)
        assert a["index_version"] == b["index_version"] != "empty"
        local = embedded.check(claim)
        assert a["verdict"] == local.verdict
        assert citation_keys(a) == [(c.doc_id, c.chunk_id, c.start, c.end, c.quote) for c in local.citations]
    assert not (tmp_path / "app1").exists() and not (tmp_path / "app2").exists()
