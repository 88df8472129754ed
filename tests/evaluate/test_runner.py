"""The runner's bookkeeping without a model: failed checks, a dead backend, index folders, the commit."""
from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from assistant.errors import BackendError
from assistant.evaluate import runner
from assistant.evaluate.dataset import Sample
from assistant.service import Service
from assistant.settings import Settings


class FakeService:
    """Enough of Service for check_traced to reach evidence_for, which fails as a dead LLM backend would."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.judge = SimpleNamespace(name="fake")
        self.index = SimpleNamespace(embedder=SimpleNamespace(encode=lambda texts: None, model_id="m"),
                                     manifest=None, version="v")
        self.calls = 0

    def evidence_for(self, claim: str):
        self.calls += 1
        raise BackendError("cannot reach the LLM", "start it")

    prepare = Service.prepare  # the real claim cleaning, then evidence_for above


def test_a_failed_check_is_recorded_as_a_wrong_prediction():
    settings = Settings(limits={"claim_max_chars": 20})
    sample = Sample(id="x", claim="a claim that is far longer than twenty characters", gold="supported",
                    metadata={"category": "numbers"})
    row = runner.score_sample(FakeService(settings), sample)
    assert row["predicted"] is None and row["correct"] is False and row["category"] == "numbers"
    assert row["error_type"] == "InputError" and "claim" in row["error"]


def test_run_eval_stops_when_the_backend_fails_every_first_check(tmp_path, monkeypatch):
    import assistant.service

    services: list[FakeService] = []
    monkeypatch.setattr(assistant.service, "Service", lambda s: services.append(FakeService(s)) or services[-1])
    claims = tmp_path / "c.jsonl"
    claims.write_text("".join(f'{{"claim": "claim number {i}", "label": "supported"}}\n' for i in range(10)))
    with pytest.raises(BackendError, match="first 3 checks failed"):
        runner.run_eval(claims, Settings(), out=tmp_path / "out", progress=False)
    assert services[0].calls == runner.ABORT_AFTER


def test_default_index_dir_is_per_corpus_path(tmp_path):
    a, b = tmp_path / "one" / "corpus.jsonl", tmp_path / "two" / "corpus.jsonl"
    assert runner.default_index_dir(a) == runner.default_index_dir(a)
    assert runner.default_index_dir(a) != runner.default_index_dir(b)
    assert runner.default_index_dir(a).parent == Path(".claimcheck")
    assert runner.default_index_dir(a).name.startswith("eval-corpus-")


def test_current_commit_reads_git_files(tmp_path):
    git = tmp_path / ".git"
    (git / "refs" / "heads").mkdir(parents=True)
    (git / "HEAD").write_text("ref: refs/heads/main\n")
    assert runner.current_commit(tmp_path) == ""
    (git / "packed-refs").write_text("# pack-refs\n" + "b" * 40 + " refs/heads/main\n")
    assert runner.current_commit(tmp_path / "sub" if (tmp_path / "sub").mkdir() is None else tmp_path) == "b" * 12
    (git / "refs" / "heads" / "main").write_text("a" * 40 + "\n")
    assert runner.current_commit(tmp_path) == "a" * 12
    (git / "HEAD").write_text("c" * 40 + "\n")  # detached
    assert runner.current_commit(tmp_path) == "c" * 12
