"""The stance model at run time: (evidence sentence, claim) -> P(entailment), P(neutral), P(contradiction).

A MiniLM cross-encoder fine-tuned here (see weights/MODEL_CARD.md), shipped in the repository as fp16
safetensors and run in float32 on the CPU. Loaded once per process; never touches a model hub.
"""
from __future__ import annotations

import hashlib
import os
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from assistant.errors import ConfigError
from assistant.verify.reader.data import LABELS

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")

WEIGHTS_DIR = Path(__file__).resolve().parent / "weights"
WEIGHTS_FILE = "model.safetensors"
MAX_LENGTH = 128


@dataclass(frozen=True)
class StanceProbs:
    """The model's reading of one sentence against the claim."""

    entailment: float
    neutral: float
    contradiction: float

    @property
    def label(self) -> str:
        values = (self.entailment, self.neutral, self.contradiction)
        return LABELS[int(np.argmax(values))]


# What a sentence the model was not asked about carries (one the scope checks put about something else).
NOT_READ = StanceProbs(0.0, 1.0, 0.0)


def weights_sha256(path: Path = WEIGHTS_DIR) -> str:
    """The sha256 of the shipped weights file (the model card records it)."""
    return hashlib.sha256((path / WEIGHTS_FILE).read_bytes()).hexdigest()


class StanceModel:
    """Scores (premise, hypothesis) pairs in batches; thread-safe (one forward pass at a time)."""

    def __init__(self, path: Path = WEIGHTS_DIR, batch_size: int = 32, quantize: bool = False):
        if not (path / WEIGHTS_FILE).is_file():
            raise ConfigError(f"the stance model weights are missing ({path / WEIGHTS_FILE})",
                              "restore them with 'git checkout -- assistant/verify/reader/weights' "
                              "or rebuild them with 'make train-stance'")
        import torch
        from transformers import AutoModelForSequenceClassification, AutoTokenizer

        self.path = path
        self.batch_size = batch_size
        self.tokenizer = AutoTokenizer.from_pretrained(str(path), local_files_only=True)
        self.model = AutoModelForSequenceClassification.from_pretrained(str(path), local_files_only=True,
                                                                        dtype=torch.float32)
        self.model.eval()
        if quantize:  # int8 weights for the linear layers, computed in int8 on the CPU (about 2x faster)
            self.model = torch.ao.quantization.quantize_dynamic(self.model, {torch.nn.Linear}, dtype=torch.qint8)
        self.name = f"claimcheck-stance-minilm@{weights_sha256(path)[:12]}" + ("-int8" if quantize else "")
        self._lock = threading.Lock()

    def predict(self, pairs: list[tuple[str, str]]) -> np.ndarray:
        """An (n, 3) array of probabilities in LABELS order (entailment, neutral, contradiction)."""
        import torch

        if not pairs:
            return np.zeros((0, 3), dtype=np.float32)
        # pairs of similar length share a batch (less padding); the rows go back to the callers' order
        order = sorted(range(len(pairs)), key=lambda i: len(pairs[i][0]) + len(pairs[i][1]))
        out = np.zeros((len(pairs), 3), dtype=np.float32)
        with self._lock, torch.inference_mode():
            for start in range(0, len(order), self.batch_size):
                idx = order[start:start + self.batch_size]
                enc = self.tokenizer([pairs[i][0] for i in idx], [pairs[i][1] for i in idx], truncation=True,
                                     max_length=MAX_LENGTH, padding=True, return_tensors="pt")
                out[idx] = torch.softmax(self.model(**enc).logits, dim=-1).numpy()
        return out

    def read(self, pairs: list[tuple[str, str]]) -> list[StanceProbs]:
        return [StanceProbs(*map(float, row)) for row in self.predict(pairs)]


@lru_cache(maxsize=2)
def get_stance_model(path: str = str(WEIGHTS_DIR), batch_size: int = 32, quantize: bool = False) -> StanceModel:
    """The process-wide stance model."""
    return StanceModel(Path(path), batch_size, quantize)
