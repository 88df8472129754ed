"""The shipped stance model: present, the documented file, loads offline, reads as its card says."""
from __future__ import annotations

import json
import shutil

import numpy as np
import pytest

from assistant.errors import ConfigError
from assistant.verify.reader.model import WEIGHTS_DIR, WEIGHTS_FILE, StanceModel, get_stance_model, weights_sha256


def test_the_weights_file_is_there_and_its_hash_is_the_model_cards():
    assert (WEIGHTS_DIR / WEIGHTS_FILE).is_file(), "restore assistant/verify/reader/weights or run make train-stance"
    card = (WEIGHTS_DIR / "MODEL_CARD.md").read_text("utf-8")
    assert f"sha256: `{weights_sha256()}`" in card
    assert (WEIGHTS_DIR / WEIGHTS_FILE).stat().st_size < 50 * 1024 * 1024


def test_loads_offline_and_gives_the_documented_probabilities(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    fixed = json.loads((WEIGHTS_DIR / "fixed_pairs.json").read_text("utf-8"))
    probs = get_stance_model().predict([(r["premise"], r["hypothesis"]) for r in fixed])
    np.testing.assert_allclose(probs, np.array([r["probs"] for r in fixed]), atol=2e-3)
    assert np.allclose(probs.sum(1), 1.0, atol=1e-4)


def test_reads_entailment_negation_and_unrelated_sentences():
    m = get_stance_model()
    premise = "ISIS claimed responsibility for the Berlin Christmas market attack through its Amaq news agency."
    same, denied, other = m.read([(premise, "ISIS said it carried out the Berlin market attack."),
                                  (premise, "No group ever claimed the Berlin Christmas market attack."),
                                  (premise, "Europol counted 380 arrests in 2022.")])
    assert same.label == "entailment"
    assert denied.label == "contradiction"
    assert other.label == "neutral"


def test_a_missing_weights_file_is_a_clear_error(tmp_path):
    shutil.copytree(WEIGHTS_DIR, tmp_path / "w")
    (tmp_path / "w" / WEIGHTS_FILE).unlink()
    with pytest.raises(ConfigError, match="make train-stance"):
        StanceModel(tmp_path / "w")


def test_a_changed_weights_file_no_longer_matches_the_card(tmp_path):
    shutil.copytree(WEIGHTS_DIR, tmp_path / "w")
    data = bytearray((tmp_path / "w" / WEIGHTS_FILE).read_bytes())
    data[-1] ^= 1
    (tmp_path / "w" / WEIGHTS_FILE).write_bytes(bytes(data))
    assert weights_sha256(tmp_path / "w") != weights_sha256()
